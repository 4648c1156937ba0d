// Household vector tiles (GET /api/tiles/households/{z}/{x}/{y}.mvt, its URL from the TileJSON) on the
// 1,000,000-household county (20,000 with --quick), as the county administrator, over HTTP to the shared
// server: z8 over the whole county (what the app asks when it opens the county at 1440 × 900), z12 a
// 3 × 3 block at the county's middle, z15 a 3 × 3 block where the first village's houses stand. Each
// round writes first (PATCH /api/houses/:id, a structure: migration 020's triggers move the map's data
// version, so no tile kept before is good), then asks every tile cold (the first request at the new
// version: made on the worker pool), cached (the same again, 200 without If-None-Match: the server's tile
// cache) and 304 (with the ETag); cold is the baseline of cached and 304. The first county-zoom tile
// after the write is reported apart: it brings the county's cell tally up to date (patched, migration
// 021), against the other cold county tiles. Then once, the same tile under a filter no thread has a
// tally of: the tally counted whole, as on a fresh server, a new day or a filter not asked before.
// Bytes as sent (gzipped); features decoded with @mapbox/vector-tile: aggregates (point_count) below
// z12 and where a tile would draw more than 4,000 houses, single houses otherwise.
import { VectorTile } from '@mapbox/vector-tile';
import { get, Agent } from 'node:http';
import { gunzipSync } from 'node:zlib';
import { PbfReader } from 'pbf';
import type { TileId } from '../server/tiles/mercator.ts';
import { LARGE, SMALL, request, served, type Client } from './fixtures.ts';
import { blockAround, centreOf, housesCentre, places, tileAt, tileJson, tilesOver, tileUrl } from './places.ts';
import type { BenchContext, BenchResult } from './run.ts';

/** Rounds of write → county tile → cold → cached → 304; each tile's figures are medians over them. */
const ROUNDS = 3;
/** The zoom of the tiles MapLibre asks when the app opens the county at 1440 × 900 (z8.75, 512-pixel tiles; bench/frames.ts). */
const COUNTY_ZOOM = 8;
/** Another structure to write, and back: neither is the demo seed's placeholder. */
const STRUCTURES = ['brick_concrete', 'brick_wood'] as const;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

export interface TileAnswer {
  status: number;
  ms: number;
  /** Body bytes as sent (gzipped). */
  bytes: number;
  etag: string;
  features: number;
  aggregates: number;
}

/** One tile over a keep-alive connection, gzip accepted as a browser does: ms to the last byte. */
function fetchTileOnce(agent: Agent, client: Client, url: string, ifNoneMatch?: string): Promise<TileAnswer> {
  const headers: Record<string, string> = { cookie: client.headers.cookie!, 'accept-encoding': 'gzip' };
  if (ifNoneMatch) headers['if-none-match'] = ifNoneMatch;
  const t0 = performance.now();
  return new Promise((resolve, reject) => {
    get(url, { agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('error', reject);
      res.on('end', () => {
        const ms = performance.now() - t0;
        const body = Buffer.concat(chunks);
        const status = res.statusCode ?? 0;
        if (status !== 200 && status !== 204 && status !== 304) return reject(new Error(`${url} answered ${status}: ${body.toString().slice(0, 200)}`));
        let features = 0;
        let aggregates = 0;
        if (status === 200) {
          const raw = res.headers['content-encoding'] === 'gzip' ? gunzipSync(body) : body;
          const layer = new VectorTile(new PbfReader(raw)).layers.households;
          features = layer?.length ?? 0;
          for (let i = 0; i < features; i++) if (layer!.feature(i).properties.point_count !== undefined) aggregates++;
        }
        resolve({ status, ms, bytes: body.byteLength, etag: String(res.headers.etag ?? ''), features, aggregates });
      });
    }).on('error', reject);
  });
}

/** The same, once more when the server closed the idle connection under it (as fixtures.ts request). */
async function fetchTile(agent: Agent, client: Client, url: string, ifNoneMatch?: string): Promise<TileAnswer> {
  try {
    return await fetchTileOnce(agent, client, url, ifNoneMatch);
  } catch (err) {
    if ((err as { code?: string }).code !== 'ECONNRESET') throw err;
    return fetchTileOnce(agent, client, url, ifNoneMatch);
  }
}

/** The household's current house, and its structure, as the county administrator sees it. */
async function houseOf(client: Client, household: number): Promise<{ id: number; structure: string }> {
  const res = await request(`${client.url}/api/households/${household}`, { headers: client.headers });
  if (res.status !== 200) throw new Error(`household ${household} answered ${res.status}`);
  return ((await res.json()) as { house: { id: number; structure: string } }).house;
}

async function writeStructure(client: Client, house: number, structure: string): Promise<number> {
  const t0 = performance.now();
  const res = await request(`${client.url}/api/houses/${house}`, { method: 'PATCH', headers: client.headers, body: JSON.stringify({ structure }) });
  await res.arrayBuffer();
  if (res.status !== 200) throw new Error(`PATCH /api/houses/${house} answered ${res.status}`);
  return performance.now() - t0;
}

interface ZoomFigures {
  zoom: number;
  what: string;
  tiles: TileId[];
  cold: number[];
  cached: number[];
  notModified: number[];
  bytes: number[];
  features: number[];
  aggregates: number[];
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const size = ctx.quick ? SMALL : LARGE;
  const county = await served(size);
  const client = await county.signIn('county');
  const where = await places(client);
  const houses = await housesCentre(client, where.village.bbox);
  const { tiles: [template] } = await tileJson(client);
  const urlOf = (t: TileId) => tileUrl(county.url, template!, t);
  // The county-zoom tile first: the one a write's patch of the tally falls on.
  const countyTile = tileAt(COUNTY_ZOOM, centreOf(where.county.bbox));
  const overCounty = tilesOver(COUNTY_ZOOM, where.county.bbox).sort((a, b) => Number(b.x === countyTile.x && b.y === countyTile.y) - Number(a.x === countyTile.x && a.y === countyTile.y));
  const zooms: ZoomFigures[] = [
    { zoom: COUNTY_ZOOM, what: `over ${where.county.name}`, tiles: overCounty },
    { zoom: 12, what: `3×3 at the county's middle`, tiles: blockAround(12, centreOf(where.county.bbox)) },
    { zoom: 15, what: `3×3 where ${where.village.name}'s houses stand`, tiles: blockAround(15, houses.centre) },
  ].map((z) => ({ ...z, cold: [], cached: [], notModified: [], bytes: [], features: [], aggregates: [] }));

  const house = await houseOf(client, houses.household);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const writes: number[] = [];
  const afterWrite: number[] = [];
  let whole: number;
  let version = (await tileJson(client)).version;
  try {
    // The pool's thread has the county's tally from here on, whatever the sections before asked.
    await fetchTile(agent, client, urlOf(countyTile));
    for (let round = 0; round < ROUNDS; round++) {
      writes.push(await writeStructure(client, house.id, STRUCTURES[round % 2]!));
      const moved = (await tileJson(client)).version;
      if (moved <= version) throw new Error(`the map's data version did not move on a house's structure (${version} → ${moved})`);
      version = moved;
      const etags = new Map<string, string>();
      for (const z of zooms) {
        for (const [i, t] of z.tiles.entries()) {
          const cold = await fetchTile(agent, client, urlOf(t));
          (z === zooms[0] && i === 0 ? afterWrite : z.cold).push(cold.ms);
          etags.set(urlOf(t), cold.etag);
          if (round === 0 && cold.status === 200) (z.bytes.push(cold.bytes), z.features.push(cold.features), z.aggregates.push(cold.aggregates));
        }
      }
      for (const z of zooms) for (const t of z.tiles) z.cached.push((await fetchTile(agent, client, urlOf(t))).ms);
      for (const z of zooms) {
        for (const t of z.tiles) {
          const again = await fetchTile(agent, client, urlOf(t), etags.get(urlOf(t)));
          if (again.status !== 304) throw new Error(`${urlOf(t)} with its ETag answered ${again.status}, not 304`);
          z.notModified.push(again.ms);
        }
      }
    }
    // Every grade named: the same houses under a filter no thread has a tally of, counted whole.
    const url = urlOf(countyTile);
    whole = (await fetchTile(agent, client, `${url}${url.includes('?') ? '&' : '?'}grade=none,D,C,B,A`)).ms;
  } finally {
    agent.destroy();
    // Leave the house as it was: the sections after this one see the seeded county.
    await writeStructure(client, house.id, house.structure);
  }

  const at = size === LARGE ? '1M' : '20k';
  const coldCounty = median(zooms[0]!.cold);
  const others = `vs cold z${COUNTY_ZOOM}`;
  const rows: BenchResult[] = [
    { name: `PATCH /api/houses/:id (a structure: the map's data version moves), ${at}`, value: median(writes), unit: 'ms', note: `${writes.map(Math.round).join(', ')} ms` },
    {
      name: `write → first z${COUNTY_ZOOM} tile (the tally patched), ${at} (${others})`,
      value: median(afterWrite),
      unit: 'ms',
      baseline: coldCounty,
      ratio: median(afterWrite) / coldCounty,
      note: `${ROUNDS} writes: ${afterWrite.map(Math.round).join(', ')} ms`,
    },
    {
      name: `z${COUNTY_ZOOM} tile, the tally counted whole (new filter, day or thread), ${at}, once (${others})`,
      value: whole,
      unit: 'ms',
      baseline: coldCounty,
      ratio: whole / coldCounty,
    },
  ];
  for (const z of zooms) {
    const label = `tile z${z.zoom} (${z.tiles.length} ${z.what}), ${at}`;
    const cold = median(z.cold);
    const empty = z.tiles.length - z.bytes.length;
    const first = z === zooms[0] ? ' (but the first, above)' : '';
    rows.push(
      { name: `${label}: cold${first}, per tile (median)`, value: cold, unit: 'ms', note: `${ROUNDS} rounds: ${z.cold.map(Math.round).join(', ')} ms` },
      { name: `… cached, 200 without If-None-Match (vs cold)`, value: median(z.cached), unit: 'ms', baseline: cold, ratio: median(z.cached) / cold },
      { name: `… 304 with If-None-Match (vs cold)`, value: median(z.notModified), unit: 'ms', baseline: cold, ratio: median(z.notModified) / cold },
      {
        name: `… bytes per tile, gzipped (median)`,
        value: z.bytes.length ? median(z.bytes) / 1024 : 0,
        unit: 'KiB',
        note: `${z.bytes.map((b) => (b / 1024).toFixed(1)).join(', ')} KiB${empty ? `; ${empty} empty (204)` : ''}`,
      },
      {
        name: `… features per tile (median)`,
        value: z.features.length ? median(z.features) : 0,
        unit: 'count',
        note: `features ${z.features.join(', ')}; of which aggregates ${z.aggregates.join(', ')}`,
      },
    );
  }
  return rows;
}
