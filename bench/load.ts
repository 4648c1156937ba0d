// Under load: a village-sized map query — GET /api/households?bbox=… over about 700 houses around the
// middle of the first township's first village (issue 14's "one-village query") — from 50 concurrent
// keep-alive connections for 10 s (autocannon, gzip accepted as a browser does), as the county
// administrator, on the 1,000,000-household county (20,000 with --quick: the whole village there). The
// server is the shared child process: its event loop is not the client's. The baseline of a latency is
// the same query from one connection, one request after another: the ratio is what contention adds.
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { countHouseholds } from '../server/db/households.ts';
import { LARGE, SMALL, request, served } from './fixtures.ts';
import { places, type BBox } from './places.ts';
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
  const check = await request(url, { headers });
  if (check.status !== 200) throw new Error(`the village query answered ${check.status}`);
  await check.arrayBuffer();

  const serial = await autocannon({ url, connections: 1, duration: SERIAL_SECONDS, headers });
  const loaded = await autocannon({ url, connections: CONNECTIONS, duration: SECONDS, headers, timeout: 30 });
  const at = size === LARGE ? '1M' : '20k';
  const what = `${houses} houses in ${village.name}, ${at}`;
  const failures = loaded.errors + loaded.timeouts + loaded.non2xx;
  return [
    {
      name: `village query (${what}): p99 at ${CONNECTIONS} connections (vs p50 at 1)`,
      value: loaded.latency.p99,
      unit: 'ms',
      baseline: serial.latency.p50,
      ratio: loaded.latency.p99 / serial.latency.p50,
      note: `${SECONDS} s, ${loaded.requests.total} requests`,
    },
    { name: `… p50 at ${CONNECTIONS} connections`, value: loaded.latency.p50, unit: 'ms', baseline: serial.latency.p50, ratio: loaded.latency.p50 / serial.latency.p50 },
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
