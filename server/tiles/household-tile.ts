// One household vector tile: aggregates where houses would pile up, single houses where they stand
// apart. Which one is decided per tile by how many houses it would draw, so a village of 700 houses
// separates at zoom 12–13 while a dense village of a million-household county stays aggregated until
// 15: measured on the 1M database, the densest tile holds 62k houses at z12, 27k at z13, 16k at z14,
// 8k at z15 and 4.8k at z16.
import type { Db } from '../db/connection.ts';
import type { HouseholdFilter } from '../db/household-filter.ts';
import { housesInBox, tileHouseRows } from '../db/tiles.ts';
import { encodeTile } from './encode.ts';
import { aggregateFeatures, houseFeatures } from './features.ts';
import { gridOf } from './grid-cache.ts';
import { tileBBox, type TileId } from './mercator.ts';

/** Below this zoom a tile always aggregates: a township fits in a tile and its houses would be a blot. */
export const HOUSE_ZOOM_MIN = 12;
/** From this zoom a tile always draws houses; it is also the deepest zoom tiles are made for (MapLibre overzooms beyond). */
export const HOUSE_ZOOM_ALWAYS = 16;
/**
 * Between the two, a tile draws its houses when it has at most this many: about one per 8 × 8 screen
 * pixels of a 512-pixel tile, where the dots of a village still read as houses.
 */
export const MAX_TILE_HOUSES = 4000;

export interface HouseholdTileRequest {
  tile: TileId;
  /** The map's filters and the caller's scope, without a box: the tile is the box. */
  filter: HouseholdFilter;
  /** China day: decides which works deadlines are overdue. */
  today: string;
}

/** The tile's features as a gzipped MVT, or null when it has none. */
export function householdTile(db: Db, { tile, filter, today }: HouseholdTileRequest): Uint8Array | null {
  if (tile.z >= HOUSE_ZOOM_MIN) {
    const bbox = tileBBox(tile);
    // The R*Tree's count is free and bounds what the filter can find: a sparse tile skips the question.
    const limit = tile.z >= HOUSE_ZOOM_ALWAYS || housesInBox(db, bbox) <= MAX_TILE_HOUSES ? Number.MAX_SAFE_INTEGER : MAX_TILE_HOUSES + 1;
    const rows = tileHouseRows(db, filter, bbox, today, limit);
    if (rows.length < limit) return encodeTile(houseFeatures(tile, rows));
  }
  return encodeTile(aggregateFeatures(tile, gridOf(db, filter, today)));
}
