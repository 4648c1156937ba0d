// Picking what is under a click or a tap: of the features of some layers within a finger's tolerance,
// the one whose point is nearest the pointer (queryRenderedFeatures alone gives them in draw order).
// Every map binds its clicks and its pointer cursor through here.
import type { Map as MaplibreMap, MapGeoJSONFeature, MapMouseEvent, PointLike } from 'maplibre-gl';

export interface PickTarget {
  layers: string[];
  /** How far from the pointer, in pixels, a feature still counts as hit. */
  tolerancePx: number;
  onPick(feature: MapGeoJSONFeature): void;
}

function around(e: MapMouseEvent, px: number): [PointLike, PointLike] {
  return [
    [e.point.x - px, e.point.y - px],
    [e.point.x + px, e.point.y + px],
  ];
}

/** The point feature of `layers` nearest the pointer within `px`, if any. */
export function nearestFeature(map: MaplibreMap, e: MapMouseEvent, layers: string[], px: number): MapGeoJSONFeature | undefined {
  let best: MapGeoJSONFeature | undefined;
  let bestD = Infinity;
  for (const f of map.queryRenderedFeatures(around(e, px), { layers })) {
    if (f.geometry.type !== 'Point') continue;
    const p = map.project(f.geometry.coordinates as [number, number]);
    const d = (p.x - e.point.x) ** 2 + (p.y - e.point.y) ** 2;
    if (d < bestD) [best, bestD] = [f, d];
  }
  return best;
}

export interface PickOptions {
  /** Tried in order: the first target with a feature near the click takes it. */
  targets: PickTarget[];
  /** The pointer turns into a hand over a feature of any target within this many pixels. */
  hoverPx: number;
  /** While true, clicks and hovers are left alone (e.g. while a shape is being drawn). */
  paused?: () => boolean;
}

/** Binds click picking and the pointer cursor; returns how to unbind them. */
export function bindPicking(map: MaplibreMap, { targets, hoverPx, paused = () => false }: PickOptions): () => void {
  const allLayers = targets.flatMap((t) => t.layers);
  const onClick = (e: MapMouseEvent) => {
    if (paused()) return;
    for (const t of targets) {
      const hit = nearestFeature(map, e, t.layers, t.tolerancePx);
      if (hit) return t.onPick(hit);
    }
  };
  const onMove = (e: MapMouseEvent) => {
    if (paused()) return;
    const hit = map.queryRenderedFeatures(around(e, hoverPx), { layers: allLayers }).length > 0;
    map.getCanvas().style.cursor = hit ? 'pointer' : '';
  };
  map.on('click', onClick);
  map.on('mousemove', onMove);
  return () => {
    map.off('click', onClick);
    map.off('mousemove', onMove);
  };
}
