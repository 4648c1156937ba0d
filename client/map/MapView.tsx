// The one component that owns the household map's maplibregl.Map. React panels talk to it through
// props (synced in effects) and the small typed MapApi below; nothing else reaches into the map.
import type { GeoJSONSource, Map as MaplibreMap, PaddingOptions } from 'maplibre-gl';
import type { Insets } from '../ui/map-insets.ts';
import { useEffect, useImperativeHandle, useRef, useState, type Ref } from 'react';
import type { BasemapData } from '../api/basemap.ts';
import type { HouseholdCollection } from '../api/households.ts';
import type { AlertLayerProps } from './alert-data.ts';
import { applyBasemap, boundsOf, regionBounds } from './basemap.ts';
import { useCountyMap } from './county-map.ts';
import { startZoneDrawing, type DrawShape, type ZoneDrawing } from './draw.ts';
import { buildHouseholdStyle } from './household-style.ts';
import { householdSourceKind, setHouseholdSource, type HouseholdSourceSpec } from './household-source.ts';
import { bindInteractions } from './interactions.ts';
import { clusterTextField, structureTextField, type MapLabels } from './layers/households.ts';
import { LAYER, STATE, type ColorBy } from './layers/ids.ts';
import { ringData, type RingedHouse } from './rings.ts';
import { snapshotMap } from './snapshot.ts';
import { EMPTY, SOURCE } from './sources.ts';
import { useAlertLayers } from './use-alert-layers.ts';
import { countInView, type ViewCounts } from './view-counts.ts';

export interface MapApi {
  /**
   * Flies to a house at house-level zoom; `offset` (pixels from the map's centre) keeps it clear of
   * a panel covering part of the map, like the drawer.
   */
  flyToHousehold(at: { lon: number; lat: number }, offset?: [number, number]): void;
  /** Fits the map to a township or village (by region code), or to the county when null. */
  fitRegion(code: string | null): void;
  /**
   * Rings these houses (a warning's exposed households, as its exposure answer gives them, with their
   * places): every one, whether or not the map's filters show its dot. Null clears.
   */
  highlight(houses: readonly RingedHouse[] | null): void;
  /**
   * Rings a lasso selection the same way; while set it shows instead of highlight()'s houses, which
   * come back when it is cleared (null), so a warning's exposed houses survive a lasso dispatch.
   */
  highlightSelection(houses: readonly RingedHouse[] | null): void;
  /** Fits the map to a bbox [w, s, e, n], keeping clear of panels by `padding`. */
  fitBounds(bbox: [number, number, number, number], padding: { top: number; right: number; bottom: number; left: number }): void;
  /** Starts drawing a warning zone (polygon or circle) or a lasso under the houses; undefined before the map is up. */
  drawZone(shape: DrawShape, color: string): ZoneDrawing | undefined;
  /** The map as it is now, a PNG data URL (the printed map); null before the map is up. */
  snapshot(): string | null;
  /** Settles once the map has drawn everything it was given so far (MapLibre's `idle`); at once before the map is up. */
  idle(): Promise<void>;
}

/** Households as vector tiles: the URL template (filters in its query), its deepest zoom, and the map data version (a new one reloads them). */
export interface HouseholdTiles {
  url: string;
  maxzoom: number;
  version: number;
}

export interface MapViewProps {
  basemap: BasemapData | undefined;
  /** The households as GeoJSON (a region small enough to load whole); ignored while `tiles` is given. */
  households: HouseholdCollection | undefined;
  /** The households as vector tiles, for a region too large to load whole; the legend then counts on the server. */
  tiles?: HouseholdTiles | null;
  selected: { lon: number; lat: number } | null;
  keyFocus: boolean;
  /** Houses coloured by safety grade or by ledger stage (台账阶段). */
  colorBy: ColorBy;
  region: string | null;
  labels: MapLabels;
  /**
   * Where the map lands on opening (a township or village: the user's jurisdiction, or a region the
   * URL filters by); the county when null. A view in the URL (#map=…) or a pending fly or fit wins.
   */
  home: string | null;
  /** The room the cards over the map take now (measured), so a fitted area lands clear of them. */
  padding(): Insets;
  /** Warning zones and their labels; absent on maps that show none. */
  alerts?: AlertLayerProps;
  ariaLabel: string;
  onSelectHousehold(id: number): void;
  /** What is in view, counted from the GeoJSON households (not called while drawing from tiles). */
  onViewCounts(counts: ViewCounts): void;
  /** The visible box [west, south, east, north], after every move: what a screen drawing from tiles asks the server to count. */
  onViewBounds?(bbox: [number, number, number, number]): void;
  /** The map is created once this settles (the screen's first requests are out); at once without it. */
  startAfter?: Promise<unknown>;
  ref?: Ref<MapApi>;
}

/** What browser tests read: the map and whether the households are drawn. */
declare global {
  interface Window {
    __anju?: { map: MaplibreMap; ready: boolean };
  }
}

/** Whether the page was opened with a map view in its URL (#map=…); read before MapLibre rewrites the hash. */
export const OPENED_WITH_VIEW = typeof location !== 'undefined' && /[#&]map=/.test(location.hash);

const HOUSE_ZOOM = 16;
const FIT_PADDING = 32;

/** A padding larger than the map (a small phone) would make fitBounds refuse: then the plain margin. */
function paddingThatFits(el: HTMLElement, p: Insets): Insets | number {
  const fits = p.left + p.right < el.clientWidth - 40 && p.top + p.bottom < el.clientHeight - 40;
  return fits ? p : FIT_PADDING;
}
const fitPadding = (map: MaplibreMap, p: Insets) => paddingThatFits(map.getContainer(), p);

export function MapView(props: MapViewProps) {
  const { basemap, households, tiles, selected, keyFocus, colorBy, region, labels, alerts, ref } = props;
  const container = useRef<HTMLDivElement>(null);
  // The labels the style was built with, or last set into it.
  const labelsInStyle = useRef(labels);
  // Latest callbacks, read by listeners bound once.
  const latest = useRef(props);
  latest.current = props;
  const map = useCountyMap(
    container,
    () => ({ style: buildHouseholdStyle(labelsInStyle.current), navigation: 'bottom-right', hash: 'map' }),
    (m) => {
      window.__anju = { map: m, ready: false };
      return bindInteractions(m, () => ({ onSelectHousehold: (id) => latest.current.onSelectHousehold(id) }));
    },
    props.startAfter,
  );
  // The map for MapApi's calls, which may come before it is up or after it is gone.
  const mapRef = useRef<MaplibreMap | null>(null);
  mapRef.current = map;

  // A fly or a fit asked for before the map and its basemap were in (a shared ?h= or ?alert= link):
  // done once they are, instead of the first fit to the county.
  const pendingFly = useRef<{ center: [number, number]; offset: [number, number] } | null>(null);
  const pendingFit = useRef<{ bbox: [number, number, number, number]; padding: number | PaddingOptions } | null>(null);

  // Our own basemap; the first time, fit the county unless the URL already names a view.
  const fitted = useRef(false);
  useEffect(() => {
    if (!map || !basemap) return;
    applyBasemap(map, basemap);
    if (!fitted.current) {
      fitted.current = true;
      const fit = pendingFit.current;
      pendingFit.current = null;
      const home = (latest.current.home && regionBounds(basemap, latest.current.home)) || boundsOf(basemap.county);
      if (fit) map.fitBounds(fit.bbox, { padding: fit.padding, animate: false, maxZoom: 14 });
      else if (home && !OPENED_WITH_VIEW) map.fitBounds(home, { padding: fitPadding(map, latest.current.padding()), animate: false, maxZoom: 15 });
      const fly = pendingFly.current;
      pendingFly.current = null;
      if (fly) map.easeTo({ ...fly, zoom: HOUSE_ZOOM, duration: 0 });
    }
  }, [map, basemap]);

  // Where the households draw from. The container says which, and when they are drawn (tests wait on it).
  const [sourceKind, setSourceKind] = useState<HouseholdSourceSpec['kind']>('geojson');
  const tilesUrl = tiles?.url ?? null;
  const tilesMaxzoom = tiles?.maxzoom ?? 0;
  const tilesVersion = tiles?.version ?? 0;
  useEffect(() => {
    const el = container.current;
    if (!map || !el) return;
    const spec: HouseholdSourceSpec = tilesUrl ? { kind: 'tiles', url: tilesUrl, maxzoom: tilesMaxzoom } : { kind: 'geojson' };
    if (spec.kind === 'geojson' && householdSourceKind(map) === 'geojson') return;
    setHouseholdSource(map, spec);
    setSourceKind(spec.kind);
    el.dataset.source = spec.kind;
    if (spec.kind === 'geojson') return;
    let stale = false;
    el.dataset.ready = 'false';
    if (window.__anju) window.__anju.ready = false;
    map.once('idle', () => {
      if (stale) return;
      el.dataset.ready = 'true';
      if (window.__anju) window.__anju.ready = true;
      performance.mark('anju:households-drawn');
    });
    return () => {
      stale = true;
    };
  }, [map, tilesUrl, tilesMaxzoom, tilesVersion]);

  // Households: new data replaces the source; the container says when it is drawn (tests wait on it).
  useEffect(() => {
    const el = container.current;
    if (!map || !households || !el || sourceKind !== 'geojson') return;
    let stale = false;
    el.dataset.ready = 'false';
    if (window.__anju) window.__anju.ready = false;
    const source = map.getSource<GeoJSONSource>(SOURCE.households);
    void source?.setData(households as unknown as GeoJSON.FeatureCollection).then(() => {
      performance.mark('anju:households-set');
      if (stale) return;
      map.once('idle', () => {
        if (stale) return;
        el.dataset.ready = 'true';
        el.dataset.householdCount = String(households.features.length);
        if (window.__anju) window.__anju.ready = true;
        performance.mark('anju:households-drawn');
      });
      map.triggerRepaint();
    });
    return () => {
      stale = true;
    };
  }, [map, households, sourceKind]);

  // Legend counts of what is in view, on every move and after new data: counted here from GeoJSON, by the
  // server (the screen asks, with the bounds) from tiles.
  useEffect(() => {
    if (!map) return;
    const report = () => {
      const b = map.getBounds();
      const box: [number, number, number, number] = [b.getWest(), b.getSouth(), b.getEast(), b.getNorth()];
      latest.current.onViewBounds?.(box);
      if (sourceKind === 'geojson') latest.current.onViewCounts(countInView(households?.features ?? [], box));
    };
    report();
    map.on('moveend', report);
    return () => {
      map.off('moveend', report);
    };
  }, [map, households, sourceKind]);

  const selLon = selected?.lon ?? null;
  const selLat = selected?.lat ?? null;
  useEffect(() => {
    if (!map) return;
    const fc: GeoJSON.FeatureCollection =
      selLon !== null && selLat !== null
        ? { type: 'FeatureCollection', features: [{ type: 'Feature', properties: {}, geometry: { type: 'Point', coordinates: [selLon, selLat] } }] }
        : EMPTY;
    map.getSource<GeoJSONSource>(SOURCE.selection)?.setData(fc);
  }, [map, selLon, selLat]);

  // Global state and label text change the style in place; unchanged values are not re-sent, since
  // each change re-lays out the layers that read them.
  useEffect(() => {
    if (map && map.getGlobalState()[STATE.keyFocus] !== keyFocus) map.setGlobalStateProperty(STATE.keyFocus, keyFocus);
  }, [map, keyFocus]);

  useEffect(() => {
    if (map && map.getGlobalState()[STATE.region] !== (region ?? '')) map.setGlobalStateProperty(STATE.region, region ?? '');
  }, [map, region]);

  useEffect(() => {
    if (map && map.getGlobalState()[STATE.colorBy] !== colorBy) map.setGlobalStateProperty(STATE.colorBy, colorBy);
  }, [map, colorBy]);

  useEffect(() => {
    if (!map || labelsInStyle.current === labels) return;
    labelsInStyle.current = labels;
    map.setLayoutProperty(LAYER.clusterCount, 'text-field', clusterTextField(labels));
    map.setLayoutProperty(LAYER.structureText, 'text-field', structureTextField(labels));
    map.setLayoutProperty(LAYER.overdueText, 'text-field', labels.overdue);
    map.setLayoutProperty(LAYER.moveOutMark, 'text-field', labels.moveOut);
  }, [map, labels]);

  // Warning zones, drawn alike on every map that shows them.
  useAlertLayers(map, alerts);

  // Rings from the houses given, not from the household list: a house the filters hide is still ringed.
  const [highlighted, setHighlighted] = useState<readonly RingedHouse[] | null>(null);
  const [lassoed, setLassoed] = useState<readonly RingedHouse[] | null>(null);
  useEffect(() => {
    if (!map) return;
    const fc = ringData(lassoed ?? highlighted);
    map.getSource<GeoJSONSource>(SOURCE.exposed)?.setData(fc);
    if (container.current) container.current.dataset.highlighted = String(fc.features.length);
  }, [map, highlighted, lassoed]);

  useImperativeHandle(
    ref,
    (): MapApi => ({
      flyToHousehold({ lon, lat }, offset = [0, 0]) {
        const m = mapRef.current;
        if (!m || !fitted.current) {
          pendingFly.current = { center: [lon, lat], offset };
          return;
        }
        m.flyTo({ center: [lon, lat], offset, zoom: Math.max(m.getZoom(), HOUSE_ZOOM), duration: 1200, essential: true });
      },
      fitRegion(code) {
        const m = mapRef.current;
        const data = latest.current.basemap;
        if (!m || !data) return;
        const bounds = code ? regionBounds(data, code) : boundsOf(data.county);
        if (bounds) m.fitBounds(bounds, { padding: fitPadding(m, latest.current.padding()), duration: 800, maxZoom: 15 });
      },
      highlight(houses) {
        setHighlighted(houses && houses.length > 0 ? houses : null);
      },
      highlightSelection(houses) {
        setLassoed(houses);
      },
      fitBounds(bbox, padding) {
        const c = container.current;
        if (!c) return;
        const p = paddingThatFits(c, padding);
        const m = mapRef.current;
        if (!m || !fitted.current) pendingFit.current = { bbox, padding: p };
        else m.fitBounds(bbox, { padding: p, duration: 800, maxZoom: 14 });
      },
      drawZone(shape, color) {
        const m = mapRef.current;
        return m ? startZoneDrawing(m, shape, color, LAYER.exposed) : undefined;
      },
      snapshot() {
        return mapRef.current ? snapshotMap(mapRef.current) : null;
      },
      idle() {
        const m = mapRef.current;
        if (!m) return Promise.resolve();
        return new Promise<void>((resolve) => {
          m.once('idle', () => resolve());
          m.triggerRepaint();
        });
      },
    }),
    [],
  );

  return <div ref={container} className="map" role="region" aria-label={props.ariaLabel} data-ready="false" data-household-count="0" data-source="geojson" />;
}
