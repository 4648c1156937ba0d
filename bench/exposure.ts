// Exposure benchmark: 1,000,000 synthetic households (clustered points in a county-sized box) against
// 50 alert polygons of 200 vertices (random star shapes, a third with a hole).
//
//   engine      domain/exposure.ts: point grid + banded edges, exact (turf semantics)
//   naive turf  booleanPointInPolygon over all pairs — 50M calls is minutes, so it is timed on a random
//               sample of points × all 50 polygons and scaled linearly to 1M (said so in the output)
//   flatbush    flatbush index of the points, search each polygon's bbox, turf on the candidates
//
// Checks that the engine finds exactly the flatbush + turf matches (and the naive sample's), and
// reports the ratios against the targets (≥ 50× naive, not slower than flatbush + turf).
// Then the demo county: 20,000 seeded households, 10 active alerts, through the repository.
import { randomBytes } from 'node:crypto';
import { pathToFileURL } from 'node:url';
import { booleanPointInPolygon } from '@turf/turf';
import Flatbush from 'flatbush';
import type { Position, ZoneGeometry } from '../server/domain/alerts.ts';
import { compileZone, exposureJoin } from '../server/domain/exposure.ts';
import { mulberry32 as rng } from '../server/domain/tour-moves.ts';

export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  note?: string;
}

const COUNTY = { minX: 108.35, minY: 32.887, maxX: 109.062, maxY: 33.297 };
const POINTS = 1_000_000;
const POLYGONS = 50;
const VERTICES = 200;
const NAIVE_SAMPLE = 20_000;

/** Villages: houses cluster around 300 centres (normal spread ~1 km), a tenth scattered. */
function clusteredPoints(n: number, r: () => number): { xs: Float64Array; ys: Float64Array } {
  const w = COUNTY.maxX - COUNTY.minX;
  const h = COUNTY.maxY - COUNTY.minY;
  const centres = Array.from({ length: 300 }, () => [COUNTY.minX + w * r(), COUNTY.minY + h * r()] as const);
  const gauss = () => Math.sqrt(-2 * Math.log(1 - r())) * Math.cos(2 * Math.PI * r());
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (r() < 0.1) {
      xs[i] = COUNTY.minX + w * r();
      ys[i] = COUNTY.minY + h * r();
    } else {
      const [cx, cy] = centres[Math.floor(r() * centres.length)]!;
      xs[i] = Math.min(COUNTY.maxX, Math.max(COUNTY.minX, cx + 0.012 * gauss()));
      ys[i] = Math.min(COUNTY.maxY, Math.max(COUNTY.minY, cy + 0.01 * gauss()));
    }
  }
  return { xs, ys };
}

function starRing(r: () => number, cx: number, cy: number, rMin: number, rMax: number, n: number, reverse = false): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const rad = rMin + (rMax - rMin) * r();
    ring.push([cx + rad * Math.cos(t), cy + rad * Math.sin(t)]);
  }
  if (reverse) ring.reverse();
  ring.push([ring[0]![0], ring[0]![1]]);
  return ring;
}

function alertPolygons(r: () => number): ZoneGeometry[] {
  return Array.from({ length: POLYGONS }, (_, i) => {
    const cx = COUNTY.minX + 0.1 + (COUNTY.maxX - COUNTY.minX - 0.2) * r();
    const cy = COUNTY.minY + 0.08 + (COUNTY.maxY - COUNTY.minY - 0.16) * r();
    const size = 0.04 + 0.1 * r();
    const shell = starRing(r, cx, cy, size * 0.6, size, VERTICES);
    const rings = i % 3 === 0 ? [shell, starRing(r, cx, cy, size * 0.2, size * 0.4, 40, true)] : [shell];
    return { type: 'Polygon', coordinates: rings };
  });
}

const ms = (t0: number) => performance.now() - t0;
const feature = (g: ZoneGeometry) => ({ type: 'Feature' as const, properties: {}, geometry: g });

export async function run(): Promise<BenchResult[]> {
  const r = rng(2024);
  const { xs, ys } = clusteredPoints(POINTS, r);
  const polys = alertPolygons(r);
  const features = polys.map(feature);
  const results: BenchResult[] = [];

  // Engine: compile zones + grid + join, best of 3 (first run warms the JIT).
  let engineMs = Infinity;
  let engine: Int32Array[] = [];
  for (let k = 0; k < 3; k++) {
    const t0 = performance.now();
    engine = exposureJoin(xs, ys, polys.map(compileZone));
    engineMs = Math.min(engineMs, ms(t0));
  }
  const engineMatches = engine.reduce((s, m) => s + m.length, 0);
  results.push({ name: 'exposure engine: 1M points × 50 polygons (200 vertices)', value: round(engineMs), unit: 'ms', note: `${engineMatches} matches, grid built inside the timing` });

  // Flatbush + turf: index the points, search each polygon's bbox, turf on the candidates.
  const t1 = performance.now();
  const index = new Flatbush(POINTS);
  for (let i = 0; i < POINTS; i++) index.add(xs[i]!, ys[i]!, xs[i]!, ys[i]!);
  index.finish();
  const buildMs = ms(t1);
  const t2 = performance.now();
  const baseline = features.map((f, z) => {
    const g = polys[z]!;
    const ring = (g.coordinates as Position[][])[0]!;
    const bx = ring.map((p) => p[0]);
    const by = ring.map((p) => p[1]);
    const ids = index.search(Math.min(...bx), Math.min(...by), Math.max(...bx), Math.max(...by));
    return ids.filter((i) => booleanPointInPolygon([xs[i]!, ys[i]!], f));
  });
  const flatbushMs = buildMs + ms(t2);
  results.push({ name: 'flatbush + turf baseline', value: round(flatbushMs), unit: 'ms', note: `index build ${round(buildMs)} ms + queries ${round(flatbushMs - buildMs)} ms` });

  // The engine must find exactly the baseline's matches.
  let mismatched = 0;
  baseline.forEach((ids, z) => {
    const a = Array.from(engine[z]!).sort((p, q) => p - q);
    const b = ids.sort((p, q) => p - q);
    if (a.length !== b.length || a.some((v, i) => v !== b[i])) mismatched++;
  });
  if (mismatched > 0) throw new Error(`exposure engine disagrees with flatbush + turf on ${mismatched} polygons`);
  results.push({ name: 'match check vs flatbush + turf', value: baseline.reduce((s, m) => s + m.length, 0), unit: 'matches', note: 'identical per polygon' });

  // Naive turf on a random sample, scaled to 1M points.
  const sample = Int32Array.from({ length: NAIVE_SAMPLE }, () => Math.floor(r() * POINTS));
  const t3 = performance.now();
  let naiveMatches = 0;
  for (const f of features) for (const i of sample) if (booleanPointInPolygon([xs[i]!, ys[i]!], f)) naiveMatches++;
  const sampleMs = ms(t3);
  const naiveMs = (sampleMs * POINTS) / NAIVE_SAMPLE;
  const inSample = new Set<number>();
  let engineOnSample = 0;
  engine.forEach((m) => {
    inSample.clear();
    for (const i of m) inSample.add(i);
    for (const i of sample) if (inSample.has(i)) engineOnSample++;
  });
  if (engineOnSample !== naiveMatches) throw new Error(`engine ${engineOnSample} vs naive turf ${naiveMatches} matches on the sample`);
  results.push({
    name: 'naive turf, all pairs (scaled)',
    value: round(naiveMs),
    unit: 'ms',
    note: `measured ${round(sampleMs)} ms on ${NAIVE_SAMPLE} sampled points × ${POLYGONS} polygons, scaled ×${POINTS / NAIVE_SAMPLE} to 1M; matches agree on the sample`,
  });

  const vsNaive = naiveMs / engineMs;
  const vsFlatbush = flatbushMs / engineMs;
  results.push({ name: 'speed-up vs naive turf', value: round(vsNaive), unit: '×', note: `target ≥ 50× — ${vsNaive >= 50 ? 'met' : 'MISSED'}` });
  results.push({ name: 'speed-up vs flatbush + turf', value: round(vsFlatbush), unit: '×', note: `target ≥ 1× — ${vsFlatbush >= 1 ? 'met' : 'MISSED'}` });

  results.push(...(await demoCounty()));
  return results;
}

/** The demo county: 20k seeded households, 10 active alerts, exposure through the repository. */
async function demoCounty(): Promise<BenchResult[]> {
  const { openDatabase } = await import('../server/db/connection.ts');
  const { createPersonalDataCipher } = await import('../server/db/personal-data.ts');
  const { seedDatabase } = await import('../data/seed-db.ts');
  const { insertAlert, listAlerts, getAlert } = await import('../server/db/alerts.ts');
  const { exposureCounts, exposureOf } = await import('../server/db/alert-exposure.ts');
  const db = openDatabase(':memory:');
  try {
    seedDatabase(db, createPersonalDataCipher(randomBytes(32)), { households: 20_000, seed: 3 });
    const r = rng(7);
    const now = new Date('2024-07-10T07:00:00Z');
    const types = ['rainstorm', 'flood', 'flash_flood', 'geological', 'freeze'] as const;
    const levels = ['blue', 'yellow', 'orange', 'red'] as const;
    const county = { code: db.prepare("SELECT code FROM regions WHERE level = 'county'").pluck().get() as string, level: 'county' as const };
    db.transaction(() => {
      for (let i = 0; i < 10; i++) {
        const cx = 108.45 + 0.5 * r();
        const cy = 32.95 + 0.3 * r();
        const size = 0.05 + 0.1 * r();
        insertAlert(
          db,
          {
            type: types[i % types.length]!,
            level: levels[i % levels.length]!,
            event: null,
            issuer: 'bench',
            headline: `bench ${i}`,
            description: '',
            instruction: null,
            language: 'zh-CN',
            issuedAt: now.toISOString(),
            effectiveAt: now.toISOString(),
            expiresAt: new Date(now.getTime() + 86_400_000).toISOString(),
            noExpiryGiven: false,
            geometry: { type: 'Polygon', coordinates: [starRing(r, cx, cy, size * 0.6, size, 200)] },
            source: 'drawn',
            cap: null,
            infos: [],
            regionCodes: [],
          },
          county.code,
          { userId: null, now },
        );
      }
    })();
    const time = (f: () => unknown) => {
      f();
      const runs: number[] = [];
      for (let k = 0; k < 10; k++) {
        const t0 = performance.now();
        f();
        runs.push(ms(t0));
      }
      return runs.sort((a, b) => a - b)[5]!;
    };
    const page = { scope: county, status: 'active', limit: 200, offset: 0 } as const;
    const active = listAlerts(db, page, now).alerts;
    const counts = exposureCounts(db, active, county);
    const exposed = [...counts.values()].reduce((s, c) => s + c.total, 0);
    const listMs = time(() => exposureCounts(db, listAlerts(db, page, now).alerts, county));
    const biggest = active.reduce((a, b) => (counts.get(a.id)!.total >= counts.get(b.id)!.total ? a : b));
    const oneMs = time(() => exposureOf(db, getAlert(db, biggest.id, now)!, county, 1000));
    return [
      { name: 'demo county: counts for 10 active alerts (GET /api/alerts)', value: round(listMs), unit: 'ms', note: `20k households, ${exposed} exposures, median of 10` },
      { name: 'demo county: ranked exposure of the largest alert (GET /:id/exposure)', value: round(oneMs), unit: 'ms', note: `${counts.get(biggest.id)!.total} households with risk, median of 10` },
    ];
  } finally {
    db.close();
  }
}

const round = (v: number) => Math.round(v * 10) / 10;

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  for (const res of await run()) console.log(`${res.name.padEnd(72)} ${String(res.value).padStart(10)} ${res.unit}${res.note ? `  (${res.note})` : ''}`);
}
