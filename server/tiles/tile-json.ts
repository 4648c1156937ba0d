// The household tiles' TileJSON (3.0.0) document: where the tiles are, for which filters, which zooms,
// and — our addition — whether the map should draw this region from them at all: a village stays
// GeoJSON (every house at once, counted on the client), a county of a million goes to tiles.
import { TILE_LAYER } from './encode.ts';
import { HOUSE_ZOOM_ALWAYS } from './household-tile.ts';

/** Houses in a region above which the map draws it from tiles (ANJU_TILE_THRESHOLD). */
export const DEFAULT_TILE_THRESHOLD = 30_000;

export interface HouseholdTileJson {
  tilejson: '3.0.0';
  name: string;
  /** Path templates on this origin, the filters in their query string (the client makes them absolute). */
  tiles: string[];
  minzoom: number;
  maxzoom: number;
  vector_layers: { id: string; fields: Record<string, string> }[];
  /** Households in the region and jurisdiction, whatever the other filters. */
  houses: number;
  threshold: number;
  /** houses > threshold: the map draws from the tiles. */
  tiled: boolean;
  /** The map's data version (migration 020): when it moves, a client reloads its tiles (the unchanged ones come back 304). */
  version: number;
}

export function householdTileJson(search: string, houses: number, threshold: number, version: number): HouseholdTileJson {
  return {
    tilejson: '3.0.0',
    name: 'households',
    tiles: [`/api/tiles/households/{z}/{x}/{y}.mvt${search}`],
    minzoom: 0,
    maxzoom: HOUSE_ZOOM_ALWAYS,
    vector_layers: [
      {
        id: TILE_LAYER,
        fields: {
          grade: 'house: A–D, absent when never appraised',
          structure: 'house: structure code',
          status: 'house: ledger state, absent when monitoring',
          key: 'house: key house (true when set)',
          repairedC: 'house: repaired C (true when set)',
          overdue: 'house: works past the deadline (true when set); aggregate: how many',
          mustMoveOut: 'house: people must move out (true when set); aggregate: how many',
          point_count: 'aggregate: houses',
          gA: 'aggregate: A houses (gB, gC, gD, gNone alike)',
          worst: 'aggregate: worst grade (A–D, none)',
          cd: 'aggregate: C and D houses',
          fragile: 'aggregate: fragile structures',
          sSuspected: 'aggregate: houses by ledger stage group (sWorks, sAwaiting, sEmpty, sEnded alike)',
          stage: 'aggregate: most pressing stage group held (5 sSuspected … 1 sEnded, 0 none)',
        },
      },
    ],
    houses,
    threshold,
    tiled: houses > threshold,
    version,
  };
}
