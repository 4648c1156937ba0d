// The maps' sources: our own basemap layers, the households, warnings and patrols, GeoJSON set from the
// API — and, for a region too large to load at once, the households as vector tiles.
import type { GeoJSONSourceSpecification, VectorSourceSpecification } from 'maplibre-gl';
import type { BasemapLayer } from '../../server/domain/basemap-layers.ts';

export const SOURCE = {
  county: 'county',
  townships: 'townships',
  villages: 'villages',
  rivers: 'rivers',
  roads: 'roads',
  labels: 'labels',
  households: 'households',
  selection: 'selection',
  alertZones: 'alert-zones',
  alertLabels: 'alert-labels',
  exposed: 'alert-exposed',
  patrolTasks: 'patrol-tasks',
  route: 'patrol-route',
  stops: 'patrol-stops',
  committee: 'patrol-committee',
  me: 'patrol-me',
} as const;
type SourceId = (typeof SOURCE)[keyof typeof SOURCE];


export const EMPTY: GeoJSON.FeatureCollection = { type: 'FeatureCollection', features: [] };

const geojson = (extra: Partial<GeoJSONSourceSpecification> = {}): GeoJSONSourceSpecification => ({
  type: 'geojson',
  data: EMPTY,
  ...extra,
});

export function basemapSources(): Record<BasemapLayer, GeoJSONSourceSpecification> {
  return {
    county: geojson(),
    townships: geojson(),
    villages: geojson(),
    rivers: geojson(),
    roads: geojson(),
    labels: geojson(),
  };
}

/**
 * Households cluster when zoomed out so that 20,000 points stay readable; each cluster sums the
 * grades of its houses (clusterProperties) so it can show the worst one and count the dangerous.
 */
export function householdSource(clusterProperties: Record<string, unknown>, clusterMaxZoom: number): GeoJSONSourceSpecification {
  return geojson({
    cluster: true,
    clusterMaxZoom,
    clusterRadius: 48,
    clusterProperties,
    // Small tiles of points need little simplification; keep exact positions at house level.
    tolerance: 0,
    buffer: 32,
  });
}

/** The layer of the household tiles (server/tiles/encode.ts TILE_LAYER). */
export const HOUSEHOLD_TILE_LAYER = 'households';

/**
 * Households as vector tiles (GET /api/tiles/households/{z}/{x}/{y}.mvt, the filters in the URL): the
 * server aggregates where houses would pile up and sends single houses where they separate, up to
 * `maxzoom`; MapLibre overzooms the deepest tiles beyond it.
 */
export function householdTileSource(tiles: string, maxzoom: number): VectorSourceSpecification {
  return { type: 'vector', tiles: [tiles], minzoom: 0, maxzoom };
}

/** Sources that start empty and take whatever the screen sets into them. */
export function emptySources(...ids: SourceId[]): Record<string, GeoJSONSourceSpecification> {
  return Object.fromEntries(ids.map((id) => [id, geojson()]));
}
