// A county-wide red warning dispatched (POST /api/alerts/:id/dispatch, a rectangle over the county's
// bbox) on the 1,000,000-household county, against the same at 20,000: the ratio is how dispatch scales.
// Opt-in (`npm run bench -- --only dispatch`): at 1M it takes minutes. The default run has the 20k
// dispatch in `responsiveness` (pool vs inline).
import { createAlert, timed } from './exposure-api.ts';
import { LARGE, SMALL, request, served, type ServedCounty } from './fixtures.ts';
import type { BenchContext, BenchResult } from './run.ts';

/** A red flood warning over the county's bbox, dispatched: ms to the answer, and the stops it added. */
async function countyWideDispatch(county: ServedCounty): Promise<{ ms: number; stops: number }> {
  const client = await county.signIn('county');
  const boundary = (await (await request(`${client.url}/api/basemap/county`, { headers: client.headers })).json()) as { features: { geometry: { coordinates: unknown } }[] };
  const flat = (boundary.features[0]!.geometry.coordinates as unknown[]).flat(4) as number[];
  const xs = flat.filter((_, i) => i % 2 === 0);
  const ys = flat.filter((_, i) => i % 2 === 1);
  const [x0, y0, x1, y1] = [Math.min(...xs) - 0.01, Math.min(...ys) - 0.01, Math.max(...xs) + 0.01, Math.max(...ys) + 0.01];
  const id = await createAlert(client, 'red', { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
  const { ms, value } = await timed(async () => {
    const res = await request(`${client.url}/api/alerts/${id}/dispatch`, { method: 'POST', headers: client.headers });
    if (res.status !== 201) throw new Error(`dispatch answered ${res.status}: ${await res.text()}`);
    return (await res.json()) as { addedStops: number };
  });
  return { ms, stops: value.addedStops };
}

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const small = await countyWideDispatch(await served(SMALL));
  if (ctx.quick) return [{ name: 'county-wide red dispatch, 20k', value: small.ms, unit: 'ms', note: `${small.stops} stops added` }];
  const large = await countyWideDispatch(await served(LARGE));
  return [
    {
      name: 'county-wide red dispatch, 1M vs 20k',
      value: large.ms,
      unit: 'ms',
      baseline: small.ms,
      ratio: large.ms / small.ms,
      note: `1M: ${large.stops} stops added; 20k: ${small.stops}`,
    },
  ];
}
