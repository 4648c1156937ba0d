// Where the household layers draw from: the GeoJSON source (a village or a township: every house
// loaded, clustered in the browser, counted by the legend) or vector tiles (a county of a million:
// aggregates and houses made by the server, counted by the server). The layers are the same specs
// either way (household-style.ts), reading the same properties; the tiles' source layer is named on
// them. Switching removes them and adds them back in their places among the basemap and label layers.
import type { GeoJSONSource, LayerSpecification, Map as MaplibreMap, VectorTileSource } from 'maplibre-gl';
import { CLUSTER_MAX_ZOOM, CLUSTER_PROPERTIES } from './layers/households.ts';
import { HOUSEHOLD_TILE_LAYER, SOURCE, householdSource, householdTileSource } from './sources.ts';

/** What the map draws households from: tiles at `url` (a template with {z}/{x}/{y}, the filters in its query), or the GeoJSON it is given. */
export type HouseholdSourceSpec = { kind: 'geojson' } | { kind: 'tiles'; url: string; maxzoom: number };

export const householdSourceKind = (map: MaplibreMap): HouseholdSourceSpec['kind'] =>
  map.getSource(SOURCE.households)?.type === 'vector' ? 'tiles' : 'geojson';

type SourcedLayer = LayerSpecification & { source: string; 'source-layer'?: string };
const drawsHouseholds = (l: LayerSpecification): l is SourcedLayer => 'source' in l && l.source === SOURCE.households;

/**
 * Points the household layers at `spec`. Tiles to tiles with another URL (other filters) only sets the
 * URL, which reloads them; the same URL reloads them too (after a write: unchanged tiles come back 304).
 */
export function setHouseholdSource(map: MaplibreMap, spec: HouseholdSourceSpec): void {
  const current = map.getSource(SOURCE.households);
  if (spec.kind === 'tiles' && current?.type === 'vector') {
    (current as VectorTileSource).setTiles([spec.url]);
    return;
  }
  if (spec.kind === 'geojson' && (current as GeoJSONSource | undefined)?.type === 'geojson') return;

  const order = map.getStyle().layers;
  const ours = order.filter(drawsHouseholds);
  const ids = new Set(ours.map((l) => l.id));
  // Each layer goes back before the first layer after it that is not one of ours.
  const before = new Map(ours.map((l) => [l.id, order.slice(order.indexOf(l) + 1).find((x) => !ids.has(x.id))?.id]));
  for (const l of ours) map.removeLayer(l.id);
  map.removeSource(SOURCE.households);
  map.addSource(SOURCE.households, spec.kind === 'tiles' ? householdTileSource(spec.url, spec.maxzoom) : householdSource(CLUSTER_PROPERTIES, CLUSTER_MAX_ZOOM));
  for (const l of ours) {
    const { 'source-layer': _from, ...rest } = l;
    const layer = (spec.kind === 'tiles' ? { ...rest, 'source-layer': HOUSEHOLD_TILE_LAYER } : rest) as LayerSpecification;
    map.addLayer(layer, before.get(l.id));
  }
}
