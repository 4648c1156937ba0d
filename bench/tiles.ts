// Household vector tiles (GET /api/tiles/households/{z}/{x}/{y}.mvt, its URL from the TileJSON) on the
// 1,000,000-household county (20,000 with --quick), as the county administrator, over HTTP to the shared
// server: z8 over the whole county, z12 a 3 × 3 block at the county's middle, z15 a 3 × 3 block where the
// first village's houses stand. Each round first writes (PATCH /api/houses/:id, a structure: a column of
// migration 020's triggers, so the map's data version moves and every kept tile and tally is stale),
// then asks one county-zoom tile (z10, what the map asks at county zoom at 1440 × 900): the re-tally of
// the county's cells a write costs, against a cold z8 tile made from the kept tally. Then every tile
// cold (the first request at the new version: made on the worker pool), cached (the same again, 200
// without If-None-Match: the server's tile cache) and 304 (with the ETag); cold is the baseline of
// cached and 304. Bytes as sent (gzipped), features decoded with @mapbox/vector-tile: aggregates
// (point_count) below z12 and where a tile would draw more than 4,000 houses, single houses otherwise.
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
/** The zoom MapLibre asks tiles at when the county fills a 1440 × 900 map (512-pixel tiles). */
const COUNTY_ZOOM = 10;
/** Another structure to write, and back: neither is the demo seed's placeholder. */
const STRUCTURES = ['brick_concrete', 'brick_wood'] as const;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

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
  const zooms: ZoomFigures[] = [
    { zoom: 8, what: `over ${where.county.name}`, tiles: tilesOver(8, where.county.bbox) },
    { zoom: 12, what: `3×3 at the county's middle`, tiles: blockAround(12, centreOf(where.county.bbox)) },
    { zoom: 15, what: `3×3 where ${where.village.name}'s houses stand`, tiles: blockAround(15, houses.centre) },
  ].map((z) => ({ ...z, cold: [], cached: [], notModified: [], bytes: [], features: [], aggregates: [] }));
  const countyTile = tileUrl(county.url, template!, tileAt(COUNTY_ZOOM, centreOf(where.county.bbox)));

  const house = await houseOf(client, houses.household);
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const writes: number[] = [];
  const retally: number[] = [];
  let version = (await tileJson(client)).version;
  try {
    for (let round = 0; round < ROUNDS; round++) {
      writes.push(await writeStructure(client, house.id, STRUCTURES[round % 2]!));
      const moved = (await tileJson(client)).version;
      if (moved <= version) throw new Error(`the map's data version did not move on a house's structure (${version} → ${moved})`);
      version = moved;
      retally.push((await fetchTile(agent, client, countyTile)).ms);
      const etags = new Map<string, string>();
      for (const z of zooms) {
        for (const t of z.tiles) {
          const url = tileUrl(county.url, template!, t);
          const cold = await fetchTile(agent, client, url);
          z.cold.push(cold.ms);
          etags.set(url, cold.etag);
          if (round === 0 && cold.status === 200) (z.bytes.push(cold.bytes), z.features.push(cold.features), z.aggregates.push(cold.aggregates));
        }
      }
      for (const z of zooms) for (const t of z.tiles) z.cached.push((await fetchTile(agent, client, tileUrl(county.url, template!, t))).ms);
      for (const z of zooms) {
        for (const t of z.tiles) {
          const url = tileUrl(county.url, template!, t);
          const again = await fetchTile(agent, client, url, etags.get(url));
          if (again.status !== 304) throw new Error(`${url} with its ETag answered ${again.status}, not 304`);
          z.notModified.push(again.ms);
        }
      }
    }
  } finally {
    agent.destroy();
    // Leave the house as it was: the sections after this one see the seeded county.
    await writeStructure(client, house.id, house.structure);
  }

  const at = size === LARGE ? '1M' : '20k';
  const coldZ8 = median(zooms[0]!.cold);
  const rows: BenchResult[] = [
    { name: `PATCH /api/houses/:id (a structure: the map's data version moves), ${at}`, value: median(writes), unit: 'ms', note: `${writes.map(Math.round).join(', ')} ms` },
    {
      name: `write → county-zoom tile z${COUNTY_ZOOM} (the county's re-tally), ${at} (vs a cold z8 tile from the kept tally)`,
      value: median(retally),
      unit: 'ms',
      baseline: coldZ8,
      ratio: median(retally) / coldZ8,
      note: `${ROUNDS} writes: ${retally.map(Math.round).join(', ')} ms`,
    },
  ];
  for (const z of zooms) {
    const label = `tile z${z.zoom} (${z.tiles.length} ${z.what}), ${at}`;
    const cold = median(z.cold);
    const empty = z.tiles.length - z.bytes.length;
    rows.push(
      { name: `${label}: cold, per tile (median)`, value: cold, unit: 'ms', note: `${ROUNDS} rounds: ${z.cold.map(Math.round).join(', ')} ms` },
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
