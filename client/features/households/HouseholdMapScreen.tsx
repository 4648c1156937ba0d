// The household map: every monitored household of the jurisdiction, coloured by safety grade and
// marked by structure, with filters, search, a legend counting what is in view, and the drawer.
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { STRUCTURES, type Structure } from '../../../server/domain/housing.ts';
import type { Me } from '../../api/auth.ts';
import { useBasemap } from '../../api/basemap.ts';
import {
  useHousehold,
  useHouseholds,
  useHouseholdTiles,
  useViewCounts,
  MAP_POINT_LIMIT,
  type HouseholdFeature,
  type HouseholdFilters,
} from '../../api/households.ts';
import { useRegions } from '../../api/regions.ts';
import { MapView, OPENED_WITH_VIEW, type HouseholdTiles, type MapApi } from '../../map/MapView.tsx';
import type { MapLabels } from '../../map/layers/households.ts';
import { emptyCounts, type ViewCounts } from '../../map/view-counts.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { clearOfCards, coveredInsets, isPhone, offsetToUncovered } from '../../ui/map-insets.ts';
import { useDebounced } from '../../ui/use-debounced.ts';
import { AlertsFeature, useAlertLayer } from '../alerts/AlertsFeature.tsx';
import { SeasonBadge } from '../alerts/SeasonBadge.tsx';
import { parseAlertParam, useAlertParam } from '../alerts/alert-url.ts';
import { LassoDispatch } from '../dispatch/LassoDispatch.tsx';
import { LASSO_BOX_LIMIT } from '../dispatch/lasso.ts';
import { fetchHouseholdsIn } from '../../api/queries.ts';
import { PrintMapButton, PrintSheet } from '../print/MapPrint.tsx';
import { useMapPrint } from '../print/use-map-print.ts';
import { emptyReason } from './empty-reason.ts';
import { FilterPanel } from './FilterPanel.tsx';
import { HouseholdDrawer } from './HouseholdDrawer.tsx';
import { Legend } from './Legend.tsx';
import { SearchBox } from './SearchBox.tsx';
import { drawsFromTiles, householdRequestsOut } from './prefetch.ts';
import { mapQueryFilters, useUrlState } from './url-state.ts';
import { appLink } from '../../navigation.ts';
import { dashboardHref } from '../dashboard/dashboard-url.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { Panel } from '../../ui/Panel.tsx';

type Panel = 'filters' | 'legend' | 'alerts';

/**
 * Where a flown-to house should land so that neither the drawer opening for it nor the cards cover it:
 * above the bottom sheet on a phone; on a wide screen, in the middle of what the cards leave uncovered.
 */
function clearOfDrawer(): [number, number] {
  if (isPhone()) return [0, -Math.round((window.innerHeight - 100) * 0.36)];
  return offsetToUncovered(coveredInsets({ drawer: true }));
}

export function HouseholdMapScreen({ me, onSignOut }: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t, i18n } = useTranslation();
  const [url, setUrl] = useUrlState();
  // Ticking several boxes in a row asks the server once, for the last state.
  // With the dashboard's days in the URL, each point also says whether it was patrolled in them.
  const withDays = useMemo(() => mapQueryFilters({ filters: url.filters, days: url.days }), [url.filters, url.days]);
  const filters = useDebounced(withDays, 250);
  // A region holding more houses than the server's threshold (ANJU_TILE_THRESHOLD) is drawn from vector
  // tiles and counted by the server; a smaller one is loaded whole as GeoJSON. Nothing is loaded until
  // the server has said which, so a county of a million never starts a GeoJSON download.
  const tileDoc = useHouseholdTiles(filters);
  const tiled = drawsFromTiles(tileDoc.data, filters);
  const households = useHouseholds(filters, tileDoc.data !== undefined && !tiled);
  const tiles = useMemo<HouseholdTiles | null>(
    () => (tiled && tileDoc.data ? { url: location.origin + tileDoc.data.tiles[0]!, maxzoom: tileDoc.data.maxzoom, version: tileDoc.data.version } : null),
    [tiled, tileDoc.data],
  );
  const [viewBox, setViewBox] = useState<[number, number, number, number] | null>(null);
  const served = useViewCounts(filters, useDebounced(viewBox, 250), tiled);
  const basemap = useBasemap();
  const regions = useRegions();
  const detail = useHousehold(url.selectedId);
  const mapApi = useRef<MapApi>(null);
  const [localCounts, setCounts] = useState<ViewCounts>(emptyCounts);
  const counts = tiled ? (served.data ?? emptyCounts()) : localCounts;
  // On a phone one panel at a time opens as a bottom sheet; on a wide screen both show, filters can fold.
  const [panel, setPanel] = useState<Panel | null>(null);
  const [alertId, setAlertId] = useAlertParam();
  // A warning opened folds the filters card (it can be unfolded), so the zone has room beside its card.
  const [filtersOpen, setFiltersOpen] = useState(() => parseAlertParam(location.search) === null);
  const selectAlert = useCallback(
    (id: number | null) => {
      if (id !== null) setFiltersOpen(false);
      setAlertId(id);
    },
    [setAlertId],
  );
  const alertLayer = useAlertLayer(alertId);
  // A zone or a lasso being drawn: the filter and legend cards step aside (styles.css, data-drawing).
  const [drawingZone, setDrawingZone] = useState(false);
  const [drawingLasso, setDrawingLasso] = useState(false);
  const mapPrint = useMapPrint(mapApi);
  // Read once: the map is created on mount.
  const [mapStart] = useState(householdRequestsOut);

  const labels = useMemo<MapLabels>(
    () => ({
      dangerous: t('legend.dangerShort'),
      structures: Object.fromEntries(STRUCTURES.map((s) => [s, t(`structure.${s}`)])) as Record<Structure, string>,
      overdue: t('legend.overdueShort'),
      moveOut: t('legend.moveOutBadge'),
    }),
    [t, i18n.language],
  );

  const select = useCallback((id: number | null) => setUrl((s) => ({ ...s, selectedId: id })), [setUrl]);
  const setFilters = useCallback((filters: HouseholdFilters) => setUrl((s) => ({ ...s, filters })), [setUrl]);
  const setRegion = useCallback(
    (code: string | null) => {
      setUrl((s) => ({ ...s, filters: { ...s.filters, region: code } }));
      mapApi.current?.fitRegion(code);
    },
    [setUrl],
  );
  const pick = useCallback(
    (f: HouseholdFeature) => {
      select(f.properties.id);
      const [lon, lat] = f.geometry.coordinates;
      mapApi.current?.flyToHousehold({ lon, lat }, clearOfDrawer());
    },
    [select],
  );

  // A shared link with ?h= but no map view: fly to that house once its record is in.
  const flewToLinked = useRef(false);
  useEffect(() => {
    if (flewToLinked.current || !detail.data || !basemap.data) return;
    flewToLinked.current = true;
    if (!OPENED_WITH_VIEW) mapApi.current?.flyToHousehold(detail.data.house, clearOfDrawer());
  }, [detail.data, basemap.data]);

  // A house from a warning's ranked list: open its drawer and fly to it when it is on the map.
  // Over tiles no features are loaded: the exposure's own place of the house is flown to.
  const openExposed = useCallback(
    (h: { id: number; lon: number; lat: number }) => {
      const f = households.data?.features.find((x) => x.properties.id === h.id);
      if (f) return pick(f);
      select(h.id);
      if (tiled) mapApi.current?.flyToHousehold({ lon: h.lon, lat: h.lat }, clearOfDrawer());
    },
    [households.data, pick, select, tiled],
  );

  // A lasso over tiles asks for the houses in its box, at most LASSO_BOX_LIMIT: a box holding more is far
  // beyond what one dispatch takes (MAX_DISPATCH_HOUSEHOLDS), and the dialog says so.
  const lassoLoad = useCallback(async (bbox: [number, number, number, number]) => {
    const fc = await fetchHouseholdsIn(filters, bbox, LASSO_BOX_LIMIT);
    return { features: fc.features, complete: !fc.truncated };
  }, [filters]);

  const selected = detail.data ? { lon: detail.data.house.lon, lat: detail.data.house.lat } : null;
  const data = households.data;
  // Filters no house can pass (key houses are never C or D): the empty map says so, not just "0".
  const reason = emptyReason(url.filters);
  const togglePanel = (p: Panel) => setPanel((cur) => (cur === p ? null : p));

  return (
    <div
      className="app"
      data-panel={panel ?? 'none'}
      data-drawer={url.selectedId !== null ? 'open' : 'closed'}
      data-drawing={drawingZone || drawingLasso ? 'true' : 'false'}
    >
      <AppHeader
        me={me}
        screen="households"
        onSignOut={onSignOut}
        status={
          <>
            <SeasonBadge onOpenAlerts={() => setPanel('alerts')} />
            <PrintMapButton onPrint={() => void mapPrint.print()} />
          </>
        }
      >
        <SearchBox onPick={pick} />
      </AppHeader>

      <main className="stage">
        <MapView
          ref={mapApi}
          basemap={basemap.data}
          households={data}
          tiles={tiles}
          selected={selected}
          keyFocus={url.keyFocus}
          colorBy={url.colorBy}
          region={url.filters.region}
          home={url.filters.region ?? (me.user.region.level === 'county' ? null : me.user.region.code)}
          padding={clearOfCards}
          labels={labels}
          alerts={alertLayer}
          ariaLabel={t('map.label')}
          onSelectHousehold={select}
          onViewCounts={setCounts}
          onViewBounds={setViewBox}
          startAfter={mapStart}
        />

        {reason ? (
          <div className="map-status map-status--empty" role="status" data-testid="empty-reason">
            {t(`filters.empty.${reason}`)}
          </div>
        ) : (tileDoc.isPending || (!tiled && (households.isPending || households.isFetching)) || basemap.isPending) && (
          <div className="map-status" role="status">
            {t('map.loading')}
          </div>
        )}
        {(tileDoc.isError || households.isError || basemap.isError) && (
          <div className="map-status map-status--error">
            <ErrorNote error={tileDoc.error ?? households.error ?? basemap.error}>
              <button
                type="button"
                className="button"
                onClick={() => void (tileDoc.isError ? tileDoc.refetch() : households.isError ? households.refetch() : basemap.refetch())}
              >
                {t('app.retry')}
              </button>
            </ErrorNote>
          </div>
        )}

        <AlertsFeature
          map={mapApi}
          role={me.user.role}
          selectedId={alertId}
          onSelect={selectAlert}
          onOpenHousehold={openExposed}
          open={panel === 'alerts'}
          onClose={() => setPanel(null)}
          onDrawing={setDrawingZone}
        />
        <LassoDispatch
          map={mapApi}
          role={me.user.role}
          households={data}
          loadWithin={tiled ? lassoLoad : undefined}
          onStart={() => setPanel(null)}
          onDrawing={setDrawingLasso}
        />

        <Panel
          id="filters"
          className="panel--filters"
          title={t('filters.title')}
          folded={!filtersOpen}
          onFold={() => setFiltersOpen((o) => !o)}
          onClose={() => setPanel(null)}
        >
          {(url.days.from || url.days.to) && (
            // The dashboard's days ride along in the URL: the houses are drawn as they stand now, and the
            // note counts those in view that were patrolled in the days.
            <p className="filters__days" data-testid="map-days">
              {t('dashboard.mapDays', { from: url.days.from ?? '…', to: url.days.to ?? '…', count: counts.patrolled })}{' '}
              <a {...appLink(dashboardHref({ region: url.filters.region, ...url.days }))}>{t('dashboard.backToDashboard')}</a>
            </p>
          )}
          <FilterPanel filters={url.filters} regions={regions.data} onChange={setFilters} onRegionChange={setRegion} />
        </Panel>

        <Panel id="legend" className="panel--legend" title={t('legend.title')} onClose={() => setPanel(null)}>
          <Legend
            counts={counts}
            loaded={tiled ? null : (data?.features.length ?? 0)}
            truncatedAt={data?.truncated ? MAP_POINT_LIMIT : null}
            keyFocus={url.keyFocus}
            onKeyFocus={(on) => setUrl((s) => ({ ...s, keyFocus: on }))}
            colorBy={url.colorBy}
            onColorBy={(colorBy) => setUrl((s) => ({ ...s, colorBy }))}
          />
        </Panel>

        <nav className="toolbar" aria-label={t('legend.title')}>
          <button type="button" className="toolbar__button" aria-pressed={panel === 'filters'} onClick={() => togglePanel('filters')}>
            {t('filters.show')}
          </button>
          <button type="button" className="toolbar__button" aria-pressed={panel === 'alerts'} onClick={() => togglePanel('alerts')}>
            {t('alerts.title')}
          </button>
          <span className="toolbar__count">{t('legend.inView', { count: counts.total })}</span>
          <button type="button" className="toolbar__button" aria-pressed={panel === 'legend'} onClick={() => togglePanel('legend')}>
            {t('legend.show')}
          </button>
        </nav>

        {url.selectedId !== null && <HouseholdDrawer id={url.selectedId} onClose={() => select(null)} />}
        <PrintSheet unit={me.user.region.name} picture={mapPrint.picture} />
      </main>
    </div>
  );
}
