// The map of the patrol screens (field view, dispatch board): the county's own basemap with a task's
// route and numbered stops, the tasks as village markers, and one's own position. It owns its
// maplibregl.Map as MapView does for the household map; both are made by county-map.ts.
import type { GeoJSONSource, LngLatBoundsLike } from 'maplibre-gl';
import { useEffect, useImperativeHandle, useRef, type Ref } from 'react';
import type { BasemapData } from '../api/basemap.ts';
import type { AlertLayerProps } from './alert-data.ts';
import { applyBasemap, boundsOf } from './basemap.ts';
import { useCountyMap } from './county-map.ts';
import { LAYER } from './layers/ids.ts';
import { PATROL_PICK_LAYERS, spiderSlots, type PatrolLabels } from './layers/patrol.ts';
import { buildPatrolStyle } from './patrol-style.ts';
import { bindPicking } from './picking.ts';
import { SOURCE } from './sources.ts';
import { useAlertLayers } from './use-alert-layers.ts';

export type StopState = 'todo' | 'done' | 'unsent';

export interface PatrolMapStop {
  id: number;
  seq: number;
  lon: number;
  lat: number;
  grade: string | null;
  state: StopState;
  result: string | null;
}

export interface PatrolMapTask {
  id: number;
  start: [number, number];
  status: string;
  overdue: boolean;
  label: string;
}

export interface MyPosition {
  lon: number;
  lat: number;
  accuracyM: number | null;
}

export interface PatrolMapApi {
  flyTo(at: { lon: number; lat: number }): void;
}

export interface PatrolMapProps {
  basemap: BasemapData | undefined;
  /** A task's route: from the committee through the stops in order and back. */
  route: { start: [number, number]; stops: PatrolMapStop[] } | null;
  tasks: PatrolMapTask[] | null;
  selectedStopId: number | null;
  position: MyPosition | null;
  labels: PatrolLabels;
  /** When this changes the map fits what it shows (the route if any, else the tasks). */
  fitKey: string;
  /** Warning zones under the tasks (the dispatch board: the one whose coverage is shown drawn stronger). */
  alerts?: AlertLayerProps;
  /** Room kept free of map content, e.g. under a bottom sheet. */
  padding?: { top: number; bottom: number; left: number; right: number };
  ariaLabel: string;
  onSelectStop?(id: number): void;
  onSelectTask?(id: number): void;
  ref?: Ref<PatrolMapApi>;
}

const EARTH_CIRCUMFERENCE_M = 40_075_016.686;
const TILE_PX = 512;
const TOLERANCE_PX = 14; // a fingertip

type FC = GeoJSON.FeatureCollection;
const point = (lon: number, lat: number, properties: GeoJSON.GeoJsonProperties = {}): GeoJSON.Feature => ({
  type: 'Feature',
  properties,
  geometry: { type: 'Point', coordinates: [lon, lat] },
});
const collection = (features: GeoJSON.Feature[]): FC => ({ type: 'FeatureCollection', features });

function routeData(route: PatrolMapProps['route'], selected: number | null) {
  if (!route) return { line: collection([]), stops: collection([]), committee: collection([]) };
  const coords = [route.start, ...route.stops.map((s) => [s.lon, s.lat] as [number, number]), route.start];
  return {
    line: collection([{ type: 'Feature', properties: {}, geometry: { type: 'LineString', coordinates: coords } }]),
    stops: collection(
      route.stops.map((s) =>
        point(s.lon, s.lat, { id: s.id, seq: s.seq, grade: s.grade, state: s.state, result: s.result, selected: s.id === selected }),
      ),
    ),
    committee: collection([point(route.start[0], route.start[1])]),
  };
}

function positionData(p: MyPosition | null): FC {
  if (!p) return collection([]);
  // Metres per pixel at zoom 0 at this latitude: the accuracy circle is then a radius in metres.
  const mpp0 = (EARTH_CIRCUMFERENCE_M * Math.cos((p.lat * Math.PI) / 180)) / TILE_PX;
  return collection([point(p.lon, p.lat, { accPx0: (p.accuracyM ?? 0) / mpp0 })]);
}

function boundsOfPoints(points: [number, number][]): LngLatBoundsLike | null {
  if (points.length === 0) return null;
  return boundsOf(collection(points.map(([lon, lat]) => point(lon, lat))));
}

export function PatrolMap(props: PatrolMapProps) {
  const { basemap, route, tasks, selectedStopId, position, fitKey, ref } = props;
  const container = useRef<HTMLDivElement>(null);
  const latest = useRef(props);
  latest.current = props;
  const map = useCountyMap(
    container,
    () => ({ style: buildPatrolStyle(latest.current.labels), navigation: 'top-right' }),
    (m) =>
      bindPicking(m, {
        hoverPx: 0,
        targets: [
          {
            layers: PATROL_PICK_LAYERS,
            tolerancePx: TOLERANCE_PX,
            onPick(f) {
              const id = Number(f.properties.id);
              if (f.layer.id === LAYER.stops) latest.current.onSelectStop?.(id);
              else latest.current.onSelectTask?.(id);
            },
          },
        ],
      }),
  );

  useEffect(() => {
    if (map && basemap) applyBasemap(map, basemap);
  }, [map, basemap]);

  // Route, stops and tasks: new data replaces the sources; the container says when they are drawn.
  useEffect(() => {
    const el = container.current;
    if (!map || !el) return;
    const data = routeData(route, selectedStopId);
    map.getSource<GeoJSONSource>(SOURCE.route)?.setData(data.line);
    map.getSource<GeoJSONSource>(SOURCE.stops)?.setData(data.stops);
    map.getSource<GeoJSONSource>(SOURCE.committee)?.setData(data.committee);
    const slots = spiderSlots(tasks ?? []);
    map.getSource<GeoJSONSource>(SOURCE.patrolTasks)?.setData(
      collection((tasks ?? []).map((t) => point(t.start[0], t.start[1], { id: t.id, status: t.status, overdue: t.overdue, label: t.label, ...slots.get(t.id) }))),
    );
    el.dataset.ready = 'false';
    el.dataset.stopCount = String(route?.stops.length ?? 0);
    el.dataset.taskCount = String(tasks?.length ?? 0);
    let stale = false;
    map.once('idle', () => {
      if (!stale && basemap) el.dataset.ready = 'true';
    });
    map.triggerRepaint();
    return () => {
      stale = true;
    };
  }, [map, route, tasks, selectedStopId, basemap]);

  useEffect(() => {
    map?.getSource<GeoJSONSource>(SOURCE.me)?.setData(positionData(position));
  }, [map, position]);

  // Warning zones, drawn alike on every map that shows them.
  useAlertLayers(map, props.alerts);

  // Fit once per fitKey, when there is something to fit.
  const fitted = useRef<string | null>(null);
  useEffect(() => {
    if (!map || fitted.current === fitKey) return;
    const points: [number, number][] = route
      ? [route.start, ...route.stops.map((s) => [s.lon, s.lat] as [number, number])]
      : (tasks ?? []).map((t) => t.start);
    const padding = latest.current.padding ?? { top: 40, bottom: 40, left: 40, right: 40 };
    const bounds = boundsOfPoints(points);
    if (bounds) {
      fitted.current = fitKey;
      map.fitBounds(bounds, { padding, maxZoom: route ? 16.5 : 13, animate: false });
    } else if (basemap) {
      // Nothing to show yet: the county, until the data comes.
      const county = boundsOf(basemap.county);
      if (county) map.fitBounds(county, { padding: 24, animate: false });
    }
  }, [map, fitKey, route, tasks, basemap]);

  useImperativeHandle(
    ref,
    (): PatrolMapApi => ({
      flyTo({ lon, lat }) {
        map?.easeTo({ center: [lon, lat], zoom: Math.max(map.getZoom(), 16), duration: 600 });
      },
    }),
    [map],
  );

  return <div ref={container} className="map patrol-map" role="region" aria-label={props.ariaLabel} data-ready="false" />;
}
