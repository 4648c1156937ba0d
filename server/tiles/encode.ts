// Encodes a tile's features as a Mapbox Vector Tile (spec 2.1) with vt-pbf, one layer named
// `households`, and gzips it: tiles travel and are cached compressed (12,400 houses are 270 KB raw and
// 108 KB gzipped; 1,400 houses 31 KB and 13 KB), and the gzip runs where the encoding does, off the loop.
import { gzipSync } from 'node:zlib';
import { fromGeojsonVt } from 'vt-pbf';
import type { TileFeature } from './features.ts';
import { EXTENT } from './mercator.ts';

export const TILE_LAYER = 'households';

/** The tile's bytes, gzipped; null for a tile with no feature (answered 204). */
export function encodeTile(features: TileFeature[]): Uint8Array | null {
  if (features.length === 0) return null;
  const layers = { [TILE_LAYER]: { features } } as unknown as Parameters<typeof fromGeojsonVt>[0];
  const pbf = fromGeojsonVt(layers, { version: 2, extent: EXTENT });
  // Level 6 (zlib's default): on 12,400 houses level 1 saves ~4 ms of 45 and sends 10% more bytes.
  return new Uint8Array(gzipSync(pbf, { level: 6 }));
}
