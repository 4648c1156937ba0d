// The briefing's map: the region fitted in a fixed view (no buttons, no gestures — nobody pans a
// projector), the active warnings' zones and the fragile houses coloured by grade, drawn by the same
// style as the household map (household-style.ts) on a map made by createCountyMap.
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { STRUCTURES, type Structure } from '../../../server/domain/housing.ts';
import type { BasemapData } from '../../api/basemap.ts';
import type { HouseholdCollection } from '../../api/households.ts';
import type { AlertLayerProps } from '../../map/alert-data.ts';
import { applyBasemap, boundsOf, regionBounds } from '../../map/basemap.ts';
import { useCountyMap } from '../../map/county-map.ts';
import { buildHouseholdStyle } from '../../map/household-style.ts';
import type { MapLabels } from '../../map/layers/households.ts';
import { STATE } from '../../map/layers/ids.ts';
import { SOURCE } from '../../map/sources.ts';
import { useAlertLayers } from '../../map/use-alert-layers.ts';

export interface BriefingMapProps {
  /** The region shown: a township or village code, or the county's. */
  region: string;
  basemap: BasemapData | undefined;
  households: HouseholdCollection | undefined;
  alerts: AlertLayerProps;
  ariaLabel: string;
}

export function BriefingMap({ region, basemap, households, alerts, ariaLabel }: BriefingMapProps) {
  const { t } = useTranslation();
  const container = useRef<HTMLDivElement>(null);
  // The style is built once, with the labels of the language the briefing opened in.
  const labels = useRef<MapLabels | null>(null);
  labels.current ??= {
    dangerous: t('legend.dangerShort'),
    structures: Object.fromEntries(STRUCTURES.map((s) => [s, t(`structure.${s}`)])) as Record<Structure, string>,
    overdue: t('legend.overdueShort'),
    moveOut: t('legend.moveOutBadge'),
  };
  const map = useCountyMap(container, () => ({ style: buildHouseholdStyle(labels.current!), navigation: null }));

  // The basemap, then the region fitted: again whenever the region or the map's size changes.
  useEffect(() => {
    if (!map || !basemap) return;
    applyBasemap(map, basemap);
    const fit = () => fitRegion(map, basemap, region);
    fit();
    map.on('resize', fit);
    return () => {
      map.off('resize', fit);
    };
  }, [map, basemap, region]);

  useEffect(() => {
    if (map && map.getGlobalState()[STATE.region] !== region) map.setGlobalStateProperty(STATE.region, region);
  }, [map, region]);

  // Houses: the container says when they are drawn (browser tests and screenshots wait on it).
  useEffect(() => {
    const el = container.current;
    if (!map || !households || !el) return;
    let stale = false;
    el.dataset.ready = 'false';
    void map
      .getSource<GeoJSONSource>(SOURCE.households)
      ?.setData(households as unknown as GeoJSON.FeatureCollection)
      .then(() => {
        if (stale) return;
        map.once('idle', () => {
          if (!stale) el.dataset.ready = 'true';
        });
        map.triggerRepaint();
      });
    return () => {
      stale = true;
    };
  }, [map, households]);

  useAlertLayers(map, alerts);

  return <div ref={container} className="briefing-map" role="img" aria-label={ariaLabel} data-ready="false" />;
}

function fitRegion(map: MaplibreMap, basemap: BasemapData, region: string): void {
  const bounds = regionBounds(basemap, region) ?? boundsOf(basemap.county);
  if (bounds) map.fitBounds(bounds, { padding: 24, animate: false, maxZoom: 15 });
}
