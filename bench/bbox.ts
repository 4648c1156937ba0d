// Map queries by area: GET /api/households?bbox=… over the county, one township and one village (the
// first of each by code: the same places at every size, since the geography does not depend on the
// household count), as the county administrator, over HTTP to the shared server, body read to the end.
// `limit=50000`, the most one answer may carry (README: /api/households). The value is at 1,000,000
// households, the baseline the same query at 20,000: the ratio is what size costs. The first ask makes
// the answer; asked again it comes from the pages kept per map version. Then the county's
// GET /api/stats (the legend's and the dashboard's counts), the same way; and the whole county with no
// limit given, once, at 1M: the request the map made before answers were bounded.
import { LARGE, SMALL, request, served, type Client, type ServedCounty } from './fixtures.ts';
import { places, type Place } from './places.ts';
import type { BenchContext, BenchResult } from './run.ts';

const LIMIT = 50_000;

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/** ms to the last byte, and how many households came back (and how many matched). */
async function query(client: Client, path: string): Promise<{ ms: number; returned: number; total: number }> {
  const t0 = performance.now();
  const res = await request(client.url + path, { headers: client.headers });
  const body = (await res.json()) as { features?: unknown[]; total?: number };
  const ms = performance.now() - t0;
  if (res.status !== 200) throw new Error(`${path} answered ${res.status}`);
  const returned = body.features?.length ?? 0;
  return { ms, returned, total: body.total ?? returned };
}

async function timings(county: ServedCounty, place: Place, runs: number) {
  const client = await county.signIn('county');
  const path = `/api/households?bbox=${place.bbox.join(',')}&limit=${LIMIT}`;
  // The first ask makes the page (nothing kept yet; statements and SQLite's pages warm from the sections
  // before); the repeats are answered from the pages kept per map version, as a second user of the same
  // view is — both are reported.
  const first = await query(client, path);
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await query(client, path));
  return { ms: median(all.map((r) => r.ms)), firstMs: first.ms, returned: all[0]!.returned, total: all[0]!.total };
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const small = await served(SMALL);
  const { county, township, village } = await places(await small.signIn('county'));
  const list = [county, township, village];
  const large = ctx.quick ? null : await served(LARGE);
  const rows: BenchResult[] = [];
  for (const place of list) {
    const at20k = await timings(small, place, 5);
    const label = `bbox ${place.level} (${place.name}), limit ${LIMIT.toLocaleString('en')}`;
    if (!large) {
      rows.push({ name: `${label}, ${SMALL.toLocaleString('en')} households`, value: at20k.ms, unit: 'ms', note: `${at20k.returned} returned of ${at20k.total}` });
      continue;
    }
    const at1m = await timings(large, place, place.level === 'village' ? 5 : 3);
    rows.push({
      name: `${label}, first ask (nothing kept), 1M vs 20k`,
      value: at1m.firstMs,
      unit: 'ms',
      baseline: at20k.firstMs,
      ratio: at1m.firstMs / at20k.firstMs,
      note: `1M: ${at1m.returned} returned of ${at1m.total}; 20k: ${at20k.returned} of ${at20k.total}`,
    });
    rows.push({ name: '… asked again (the page kept; the client reads and parses it), 1M vs 20k', value: at1m.ms, unit: 'ms', baseline: at20k.ms, ratio: at1m.ms / at20k.ms });
  }
  const stats = async (county: ServedCounty) => {
    const client = await county.signIn('county');
    const once = async () => {
      const t0 = performance.now();
      const res = await request(`${client.url}/api/stats`, { headers: client.headers });
      await res.arrayBuffer();
      if (res.status !== 200) throw new Error(`/api/stats answered ${res.status}`);
      return performance.now() - t0;
    };
    await once();
    return median([await once(), await once(), await once()]);
  };
  const stats20k = await stats(small);
  if (large) {
    const stats1m = await stats(large);
    rows.push({ name: 'GET /api/stats, county, 1M vs 20k', value: stats1m, unit: 'ms', baseline: stats20k, ratio: stats1m / stats20k });
  } else rows.push({ name: 'GET /api/stats, county, 20,000 households', value: stats20k, unit: 'ms' });
  if (large) {
    // Once: before bounded answers this is the 27 s, 321 MB request of issue 14.
    const client = await large.signIn('county');
    const whole = await query(client, '/api/households');
    rows.push({ name: 'GET /api/households, whole county, no limit given, 1M (once)', value: whole.ms, unit: 'ms', note: `${whole.returned} returned of ${whole.total}` });
  }
  return rows;
}
