// Click and hover on the map: pick the house nearest the pointer (with a finger-sized tolerance), or
// zoom into a cluster. Components never touch the map; MapView binds these once.
import type { GeoJSONSource, Map as MaplibreMap, MapGeoJSONFeature, MapMouseEvent, PointLike } from 'maplibre-gl';
import { isDrawing } from './draw.ts';
import { SOURCE } from './sources.ts';
import { HOUSE_LAYERS } from './layers/households.ts';
import { LAYER } from './layers/ids.ts';

export interface MapHandlers {
  onSelectHousehold(id: number): void;
}

const TOLERANCE_PX = 10;

function around(e: MapMouseEvent, px: number): [PointLike, PointLike] {
  return [
    [e.point.x - px, e.point.y - px],
    [e.point.x + px, e.point.y + px],
  ];
}

function nearest(map: MaplibreMap, e: MapMouseEvent, features: MapGeoJSONFeature[]): MapGeoJSONFeature | undefined {
  let best: MapGeoJSONFeature | undefined;
  let bestD = Infinity;
  for (const f of features) {
    if (f.geometry.type !== 'Point') continue;
    const p = map.project(f.geometry.coordinates as [number, number]);
    const d = (p.x - e.point.x) ** 2 + (p.y - e.point.y) ** 2;
    if (d < bestD) {
      bestD = d;
      best = f;
    }
  }
  return best;
}

export function bindInteractions(map: MaplibreMap, handlers: () => MapHandlers): () => void {
  const onClick = async (e: MapMouseEvent) => {
    // A click while drawing a zone places a point of it: it neither opens a house nor zooms a cluster.
    if (isDrawing(map)) return;
    const houses = map.queryRenderedFeatures(around(e, TOLERANCE_PX), { layers: HOUSE_LAYERS });
    const house = nearest(map, e, houses);
    if (house) {
      const id = Number(house.properties.id);
      if (Number.isInteger(id)) handlers().onSelectHousehold(id);
      return;
    }
    const cluster = nearest(map, e, map.queryRenderedFeatures(around(e, 4), { layers: [LAYER.clusters] }));
    if (cluster && cluster.geometry.type === 'Point') {
      const source = map.getSource<GeoJSONSource>(SOURCE.households);
      const zoom = await source?.getClusterExpansionZoom(Number(cluster.properties.cluster_id));
      map.easeTo({ center: cluster.geometry.coordinates as [number, number], zoom: Math.max(zoom ?? map.getZoom() + 2, map.getZoom() + 1) });
    }
  };
  const onMove = (e: MapMouseEvent) => {
    if (isDrawing(map)) return;
    const hit = map.queryRenderedFeatures(around(e, 6), { layers: [...HOUSE_LAYERS, LAYER.clusters] }).length > 0;
    map.getCanvas().style.cursor = hit ? 'pointer' : '';
  };
  map.on('click', onClick);
  map.on('mousemove', onMove);
  return () => {
    map.off('click', onClick);
    map.off('mousemove', onMove);
  };
}
