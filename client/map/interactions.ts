// Click and hover on the household map: pick the house nearest the pointer (with a finger-sized
// tolerance), or zoom into a cluster. Components never touch the map; MapView binds these once. The
// same for GeoJSON and for vector tiles: a house's household id is its feature id in both, and a
// tiles' aggregate, which MapLibre cannot expand, zooms in two steps.
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { isDrawing } from './draw.ts';
import { HOUSE_LAYERS } from './layers/households.ts';
import { LAYER } from './layers/ids.ts';
import { bindPicking } from './picking.ts';
import { SOURCE } from './sources.ts';

export interface MapHandlers {
  onSelectHousehold(id: number): void;
}

export function bindInteractions(map: MaplibreMap, handlers: () => MapHandlers): () => void {
  return bindPicking(map, {
    // A click while drawing a zone places a point of it: it neither opens a house nor zooms a cluster.
    paused: () => isDrawing(map),
    hoverPx: 6,
    targets: [
      {
        layers: HOUSE_LAYERS,
        tolerancePx: 10,
        onPick(house) {
          const id = Number(house.id ?? house.properties.id);
          if (Number.isInteger(id)) handlers().onSelectHousehold(id);
        },
      },
      {
        layers: [LAYER.clusters],
        tolerancePx: 4,
        async onPick(cluster) {
          if (cluster.geometry.type !== 'Point') return;
          const source = map.getSource(SOURCE.households);
          const zoom = source?.type === 'geojson' ? await (source as GeoJSONSource).getClusterExpansionZoom(Number(cluster.properties.cluster_id)) : undefined;
          map.easeTo({ center: cluster.geometry.coordinates as [number, number], zoom: Math.max(zoom ?? map.getZoom() + 2, map.getZoom() + 1) });
        },
      },
    ],
  });
}
