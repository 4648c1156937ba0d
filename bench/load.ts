// Under load: a village-sized map query — GET /api/households?bbox=… over about 700 houses around the
// middle of the first township's first village (issue 14's "one-village query") — from 50 concurrent
// keep-alive connections for 10 s (autocannon, gzip accepted as a browser does), as the county
// administrator, on the 1,000,000-household county (20,000 with --quick: the whole village there). The
// server is the shared child process: its event loop is not the client's. The baseline of a latency is
// the same query from one connection, one request after another (its mean: autocannon's percentiles
// are whole milliseconds, and a cached tile takes less than one): the ratio is what contention adds.
// Then the same for a household vector tile at z12 and at z15 where that village's houses stand (the
// TileJSON's URL): after the first answer each comes from the server's tile cache, as when many open
// the same map. Issue 14's target for both: p99 < 50 ms at 50 connections. And the village query with
// nothing kept: each request's box moved by a tenth of a metre more than the last (the same houses, a
// new key), as when fifty users each ask for a different place — what the query itself costs under load.
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { countHouseholds } from '../server/db/households.ts';
import { LARGE, SMALL, request, served } from './fixtures.ts';
import { housesCentre, places, tileAt, tileJson, tileUrl, type BBox } from './places.ts';
import type { BenchContext, BenchResult } from './run.ts';

const HOUSES = 700;
const CONNECTIONS = 50;
const SECONDS = 10;
const SERIAL_SECONDS = 4;

/** A box around the village's middle holding about HOUSES houses (the whole village if it has fewer). */
function boxOfHouses(dbPath: string, village: BBox): { bbox: BBox; houses: number } {
  const db = new Database(dbPath, { readonly: true });
  try {
    const [cx, cy] = [(village[0] + village[2]) / 2, (village[1] + village[3]) / 2];
    const box = (f: number): BBox => [cx - ((village[2] - village[0]) / 2) * f, cy - ((village[3] - village[1]) / 2) * f, cx + ((village[2] - village[0]) / 2) * f, cy + ((village[3] - village[1]) / 2) * f];
    const whole = countHouseholds(db, { bbox: village });
    if (whole <= HOUSES) return { bbox: village, houses: whole };
    let [lo, hi] = [0, 1];
    for (let k = 0; k < 20; k++) {
      const f = (lo + hi) / 2;
      const n = countHouseholds(db, { bbox: box(f) });
      if (Math.abs(n - HOUSES) <= HOUSES * 0.03) return { bbox: box(f), houses: n };
      if (n < HOUSES) lo = f;
      else hi = f;
    }
    return { bbox: box(hi), houses: countHouseholds(db, { bbox: box(hi) }) };
  } finally {
    db.close();
  }
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const size = ctx.quick ? SMALL : LARGE;
  const county = await served(size);
  const client = await county.signIn('county');
  const { village } = await places(client);
  const { bbox, houses } = boxOfHouses(county.dbPath, village.bbox);
  const url = `${county.url}/api/households?bbox=${bbox.map((v) => v.toFixed(6)).join(',')}`;
  const headers = { cookie: client.headers.cookie!, 'accept-encoding': 'gzip' };
  const at = size === LARGE ? '1M' : '20k';
  const rows = await underLoad(`village query (${houses} houses in ${village.name}, ${at})`, url, headers);
  rows.push(...(await underLoad(`village query, a new box each request (nothing kept), ${at}`, url, headers, (n) => bboxPath(bbox, n))));
  // Tiles where the village's houses stand, as its map asks them: each made once, then from the tile cache.
  const { centre } = await housesCentre(client, village.bbox);
  const [template] = (await tileJson(client)).tiles;
  for (const z of [12, 15]) {
    const tile = tileAt(z, centre);
    rows.push(...(await underLoad(`tile z${z} (${tile.x}/${tile.y}, ${village.name}, ${at})`, tileUrl(county.url, template!, tile), headers)));
  }
  return rows;
}

/** The village query's path with its box moved east by n × 1e-6° (a tenth of a metre): a key of its own. */
const bboxPath = (bbox: BBox, n: number) =>
  `/api/households?bbox=${bbox.map((v, i) => (i % 2 === 0 ? v + n * 1e-6 : v).toFixed(6)).join(',')}`;

/**
 * p99, p50, throughput and failures of one GET at CONNECTIONS connections, against one connection;
 * with `pathOf`, the n-th request of each run asks pathOf(n) instead.
 */
async function underLoad(what: string, url: string, headers: Record<string, string>, pathOf?: (n: number) => string): Promise<BenchResult[]> {
  const check = await request(url, { headers });
  if (check.status !== 200) throw new Error(`${what} answered ${check.status}`);
  await check.arrayBuffer();
  let n = 0;
  const varied = pathOf ? { requests: [{ setupRequest: (req: { path: string }) => ({ ...req, path: pathOf(++n) }) }] } : {};
  const serial = await autocannon({ url, connections: 1, duration: SERIAL_SECONDS, headers, ...varied });
  const loaded = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, timeout: 30, ...varied });
  const failures = loaded.errors + loaded.timeouts + loaded.non2xx;
  return [
    {
      name: `${what}: p99 at ${CONNECTIONS} connections (vs mean at 1)`,
      value: loaded.latency.p99,
      unit: 'ms',
      baseline: serial.latency.average,
      ratio: loaded.latency.p99 / serial.latency.average,
      note: `${SECONDS} s, ${loaded.requests.total} requests`,
    },
    { name: `… p50 at ${CONNECTIONS} connections`, value: loaded.latency.p50, unit: 'ms', baseline: serial.latency.average, ratio: loaded.latency.p50 / serial.latency.average },
    {
      name: `… throughput at ${CONNECTIONS} connections (vs 1)`,
      value: loaded.requests.average,
      unit: 'req/s',
      baseline: serial.requests.average,
      ratio: loaded.requests.average / serial.requests.average,
    },
    { name: `… errors, timeouts and non-2xx at ${CONNECTIONS} connections`, value: failures, unit: 'count' },
  ];
}
