// GET /api/tiles/households/{z}/{x}/{y}.mvt — household vector tiles under the map's filters, scoped to
// the caller's jurisdiction — and GET /api/tiles/households.json, their TileJSON with whether the region
// is large enough to draw from them. Tiles are made on the worker pool (workers/tiles.ts), kept here
// (http/byte-cache.ts), and stamped with an ETag of what decides their bytes: a client that has a tile gets
// 304 until a write changes the map.
import { Hono } from 'hono';
import { gunzipSync } from 'node:zlib';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { householdMapVersion, householdsInRegion } from '../db/tiles.ts';
import { chinaDay } from '../domain/deadlines.ts';
import type { Env } from '../env.ts';
import { validate } from '../http/validate.ts';
import { byteCachePerDatabase, etagOf, matchesEtag } from '../http/byte-cache.ts';
import { filterKey } from '../tiles/grid-cache.ts';
import { MAX_ZOOM } from '../tiles/mercator.ts';
import { householdTileJson } from '../tiles/tile-json.ts';
import { tileOffLoop } from '../workers/tiles.ts';
import { householdQuery, toHouseholdFilter } from './households.ts';

/** The map's filters as /api/households takes them; the tile is the box, and the list's limit and days do not apply. */
export const tileQuery = householdQuery.omit({ bbox: true, limit: true, from: true, to: true }).strict();

const tileNumber = (field: string) => z.string().regex(/^(0|[1-9]\d{0,8})$/, `${field} must be a whole number`).transform(Number);
const tileParams = z
  .object({
    z: tileNumber('z').pipe(z.number().max(MAX_ZOOM, `z must be 0–${MAX_ZOOM}`)),
    x: tileNumber('x'),
    y: z
      .string()
      .regex(/^(0|[1-9]\d{0,8})\.mvt$/, 'expected {y}.mvt with y a whole number')
      .transform((s) => Number(s.slice(0, -4))),
  })
  .refine((t) => t.x < 2 ** t.z, { message: 'x must be below 2^z', path: ['x'] })
  .refine((t) => t.y < 2 ** t.z, { message: 'y must be below 2^z', path: ['y'] });

/** Gzipped tile bytes kept at most (a house-level tile of 4,000 houses is ~40 KB gzipped, an aggregate one a few KB). */
const TILE_CACHE_BYTES = 64 * 1024 * 1024;
const cacheOf = byteCachePerDatabase(TILE_CACHE_BYTES);

// Households per region and jurisdiction, kept per data version: a county's count reads a million index
// entries (~20 ms), and every map opened or filtered asks it.
const regionCounts = new WeakMap<Db, { version: number; counts: Map<string, number> }>();
function housesIn(db: Db, version: number, refs: Parameters<typeof householdsInRegion>[1]): number {
  let kept = regionCounts.get(db);
  if (!kept || kept.version !== version) regionCounts.set(db, (kept = { version, counts: new Map() }));
  const key = refs.map((r) => r?.code ?? '').join('|');
  let n = kept.counts.get(key);
  if (n === undefined) kept.counts.set(key, (n = householdsInRegion(db, refs)));
  return n;
}

export const tiles = new Hono<Env>()
  .get('/households.json', validate('query', tileQuery), (c) => {
    const { db, scope } = c.var;
    const filter = toHouseholdFilter(db, scope, c.req.valid('query'), chinaDay(new Date(c.var.now())));
    const version = householdMapVersion(db);
    const houses = housesIn(db, version, [filter.scope, filter.region]);
    return c.json(householdTileJson(new URL(c.req.url).search, houses, c.var.tileThreshold, version));
  })
  .get('/households/:z/:x/:y', validate('param', tileParams), validate('query', tileQuery), async (c) => {
    const tile = c.req.valid('param');
    const { db, pool, scope } = c.var;
    const today = chinaDay(new Date(c.var.now()));
    const filter = toHouseholdFilter(db, scope, c.req.valid('query'), today);
    const key = `${householdMapVersion(db)}|${today}|${filterKey(filter)}|${tile.z}/${tile.x}/${tile.y}`;
    const etag = etagOf(key);
    c.header('ETag', etag);
    // Private: the tile shows one jurisdiction; no-cache: the browser keeps it but asks each time (304).
    c.header('Cache-Control', 'private, no-cache');
    c.header('Vary', 'Accept-Encoding, Cookie');
    if (matchesEtag(c.req.header('if-none-match'), etag)) return c.body(null, 304);
    const cache = cacheOf(db);
    let bytes = cache.get(key);
    if (bytes === undefined) {
      bytes = await tileOffLoop(db, pool, { tile, filter, today }, key, c.req.raw.signal);
      cache.set(key, bytes);
    }
    // An empty tile is 204: MapLibre draws nothing there, as for an empty MVT, and no bytes travel.
    if (bytes === null) return c.body(null, 204);
    c.header('Content-Type', 'application/vnd.mapbox-vector-tile');
    // Kept gzipped; every browser takes it so, and a client that does not gets it inflated.
    if (/\bgzip\b/.test(c.req.header('accept-encoding') ?? '')) {
      c.header('Content-Encoding', 'gzip');
      return c.body(bytes as Uint8Array<ArrayBuffer>);
    }
    return c.body(new Uint8Array(gunzipSync(bytes)));
  });

