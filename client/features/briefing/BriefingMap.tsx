// The briefing's map: the region fitted in a fixed view (no buttons, no gestures — nobody pans a
// projector), the active warnings' zones and the fragile houses coloured by grade, drawn by the same
// style as the household map (household-style.ts) on a map made by createCountyMap. The style's text
// and symbols are sized for a desk; for the back of the room the map is laid out smaller and scaled up
// (CSS transform, with as many more canvas pixels, so it stays sharp): labels and marks grow with it.
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect, useRef, useState } from 'react';
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

/** How much larger than on a desk the map draws: 1.6 at 1920 px wide, never below 1 nor above 2. */
const projectorScale = () => Math.min(2, Math.max(1, window.innerWidth / 1200));

export function BriefingMap({ region, basemap, households, alerts, ariaLabel }: BriefingMapProps) {
  const { t } = useTranslation();
  const frame = useRef<HTMLDivElement>(null);
  const container = useRef<HTMLDivElement>(null);
  const [scale] = useState(projectorScale);
  // The style is built once, with the labels of the language the briefing opened in.
  const labels = useRef<MapLabels | null>(null);
  labels.current ??= {
    dangerous: t('legend.dangerShort'),
    structures: Object.fromEntries(STRUCTURES.map((s) => [s, t(`structure.${s}`)])) as Record<Structure, string>,
    overdue: t('legend.overdueShort'),
    moveOut: t('legend.moveOutBadge'),
  };
  const map = useCountyMap(container, () => ({
    style: buildHouseholdStyle(labels.current!),
    navigation: null,
    pixelRatio: (window.devicePixelRatio || 1) * scale,
  }));

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
    const el = frame.current;
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

  return (
    <div ref={frame} className="briefing-map" role="img" aria-label={ariaLabel} data-ready="false">
      <div ref={container} className="briefing-map__canvas" style={{ width: `${100 / scale}%`, height: `${100 / scale}%`, transform: `scale(${scale})` }} />
    </div>
  );
}

function fitRegion(map: MaplibreMap, basemap: BasemapData, region: string): void {
  const bounds = regionBounds(basemap, region) ?? boundsOf(basemap.county);
  if (bounds) map.fitBounds(bounds, { padding: 24, animate: false, maxZoom: 15 });
}
