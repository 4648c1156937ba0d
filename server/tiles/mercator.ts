// Web Mercator tile arithmetic (the XYZ scheme MapLibre asks tiles by): where a lon/lat falls in the
// world, and which lon/lat box a tile covers.
import type { BBox } from '../db/household-filter.ts';

/** Units across a tile in its own coordinates (MVT's default; MapLibre's too). */
export const EXTENT = 4096;
/** The deepest zoom a tile may be asked for: below a house's width, and 2^z tiles still fit an int. */
export const MAX_ZOOM = 22;

export interface TileId {
  z: number;
  x: number;
  y: number;
}

/** A longitude as a fraction of the world's width, west edge 0. */
export const worldX = (lon: number): number => (lon + 180) / 360;

/** A latitude as a fraction of the world's height in Web Mercator, north edge 0. */
export function worldY(lat: number): number {
  const s = Math.sin((lat * Math.PI) / 180);
  return 0.5 - Math.log((1 + s) / (1 - s)) / (4 * Math.PI);
}

const lonOf = (wx: number) => wx * 360 - 180;
const latOf = (wy: number) => (Math.atan(Math.sinh(Math.PI * (1 - 2 * wy))) * 180) / Math.PI;

/**
 * The lon/lat box [west, south, east, north] of a tile, grown by `margin` degrees on every side: the
 * R*Tree prefilter; which tile a house belongs to is then decided exactly by `tilePixel`.
 */
export function tileBBox({ z, x, y }: TileId, margin = 1e-7): BBox {
  const n = 2 ** z;
  return [lonOf(x / n) - margin, latOf((y + 1) / n) - margin, lonOf((x + 1) / n) + margin, latOf(y / n) + margin];
}

/**
 * Where a world point (worldX, worldY) falls in tile `t`, in tile units, or null when it belongs to
 * another tile. Each point belongs to exactly one tile of a zoom (its world pixel floored), so
 * neighbouring tiles never draw a house twice: MapLibre drops points outside [0, EXTENT) anyway.
 */
export function tilePixel(t: TileId, wx: number, wy: number): [number, number] | null {
  const n = 2 ** t.z * EXTENT;
  const px = Math.floor(wx * n) - t.x * EXTENT;
  const py = Math.floor(wy * n) - t.y * EXTENT;
  return px >= 0 && px < EXTENT && py >= 0 && py < EXTENT ? [px, py] : null;
}
