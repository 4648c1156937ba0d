// The briefing's map: the region's fragile houses (土木, 土坯, 窑洞, 砖木, 砖土混杂) coloured by grade,
// under the active warning zones — the household map's own MapView and style, drawn once in a frame
// the size it takes on paper and kept as a picture (a WebGL canvas prints blank). Once the picture is
// in, the map is gone and its WebGL context with it.
import { useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlerts } from '../../api/alerts.ts';
import { useBasemap } from '../../api/basemap.ts';
import { useHouseholds, type HouseholdFilters } from '../../api/households.ts';
import { MapView, type MapApi } from '../../map/MapView.tsx';
import type { MapLabels } from '../../map/layers/households.ts';
import { ALERT_LEVEL_STYLE, GRADE_COLORS, MARK_RINGS, REGION_HIGHLIGHT } from '../../map/palette.ts';
import { Swatch } from '../../ui/Swatch.tsx';
import { ALERT_LEVELS } from '../../../server/domain/alerts.ts';
import { FRAGILE_STRUCTURES, GRADE_KEYS, STRUCTURES, type Structure } from '../../../server/domain/housing.ts';
import { useAlertLayer } from '../alerts/AlertsFeature.tsx';
import type { ReportRegion } from '../../api/reports.ts';

const NO_PADDING = () => ({ top: 12, right: 12, bottom: 12, left: 12 });
const noop = () => {};

export function BriefingMap({ region, onDrawn, onError }: { region: ReportRegion; onDrawn(): void; onError(code: string): void }) {
  const { t } = useTranslation();
  const filters = useMemo<HouseholdFilters>(
    () => ({ grades: null, structures: [...FRAGILE_STRUCTURES], keyOnly: false, repairedCOnly: false, region: region.level === 'county' ? null : region.code }),
    [region],
  );
  const basemap = useBasemap();
  const households = useHouseholds(filters);
  const alerts = useAlerts();
  const alertLayer = useAlertLayer(null);
  const labels = useMemo<MapLabels>(
    () => ({
      dangerous: t('legend.dangerShort'),
      structures: Object.fromEntries(STRUCTURES.map((s) => [s, t(`structure.${s}`)])) as Record<Structure, string>,
      overdue: t('legend.overdueShort'),
      moveOut: t('legend.moveOutBadge'),
    }),
    [t],
  );
  const mapApi = useRef<MapApi>(null);
  const frame = useRef<HTMLDivElement>(null);
  const [picture, setPicture] = useState<string | null>(null);
  const dataIn = basemap.isSuccess && households.isSuccess && alerts.isSuccess;
  const failed = basemap.error ?? households.error ?? alerts.error;

  useEffect(() => {
    if (failed) onError('map_data');
  }, [failed, onError]);

  // MapView marks its container data-ready once the houses are drawn; the zones went in before.
  useEffect(() => {
    const el = frame.current?.querySelector<HTMLElement>('.map');
    if (!dataIn || picture || !el) return;
    let live = true;
    const take = async () => {
      await mapApi.current?.idle();
      performance.mark('anju:print-map-idle');
      const src = live ? mapApi.current?.snapshot() : null;
      performance.mark('anju:print-map-snapshot');
      if (src) setPicture(src);
    };
    const watch = new MutationObserver(() => {
      if (el.dataset.ready !== 'true') return;
      watch.disconnect();
      void take();
    });
    if (el.dataset.ready === 'true') void take();
    else watch.observe(el, { attributes: true, attributeFilter: ['data-ready'] });
    return () => {
      live = false;
      watch.disconnect();
    };
  }, [dataIn, picture]);

  useEffect(() => {
    if (!picture) return;
    const img = new Image();
    img.src = picture;
    void img.decode().then(onDrawn, onDrawn).then(() => performance.mark('anju:print-map-decoded'));
  }, [picture, onDrawn]);

  return (
    <figure className="briefing-map">
      <div className="briefing-map__frame" ref={frame}>
        {picture ? (
          <img src={picture} alt={t('printReports.briefing.mapAlt', { region: region.name })} />
        ) : (
          <MapView
            ref={mapApi}
            basemap={basemap.data}
            households={households.data}
            selected={null}
            keyFocus={false}
            colorBy="grade"
            region={region.level === 'county' ? null : region.code}
            home={region.level === 'county' ? null : region.code}
            padding={NO_PADDING}
            labels={labels}
            alerts={alertLayer}
            ariaLabel={t('printReports.briefing.mapAlt', { region: region.name })}
            onSelectHousehold={noop}
            onViewCounts={noop}
          />
        )}
      </div>
      <figcaption className="briefing-map__legend">
        <span className="legend-title">{t('printReports.briefing.mapCaption')}</span>
        {GRADE_KEYS.map((g) => (
          <span key={g}>
            <Swatch fill={GRADE_COLORS[g]} ring={MARK_RINGS.fragile} size={14} />
            {t(`gradeShort.${g}`)}
          </span>
        ))}
        {ALERT_LEVELS.map((l) => (
          <span key={l}>
            <i className="zone-key" style={{ background: ALERT_LEVEL_STYLE[l].fill, borderColor: ALERT_LEVEL_STYLE[l].line }} />
            {t('printReports.briefing.zone', { level: t(`alertLevel.${l}`) })}
          </span>
        ))}
        {region.level !== 'county' && (
          <span>
            <i className="zone-key" style={{ background: REGION_HIGHLIGHT.fill, borderColor: REGION_HIGHLIGHT.line }} />
            {t('printReports.briefing.regionExtent', { region: region.name })}
          </span>
        )}
        <span className="legend-note">{t('legend.cluster')}</span>
      </figcaption>
    </figure>
  );
}
