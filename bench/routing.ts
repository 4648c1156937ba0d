// Patrol route optimiser: on random uniform instances with fixed seeds, how close the normal time
// budget gets to the best of a much longer multi-start search, and how much shorter the route is than
// the nearest-neighbour tour (the baseline, measured here in the same run).
import { nearestNeighbourTour, planRoute, type Point } from '../server/domain/routing.ts';
import { mulberry32 } from '../server/domain/tour-moves.ts';
import type { BenchResult } from './run.ts';

const NORMAL_MS = 300;
const SIZES = [50, 100, 200, 500];
const INSTANCES = 3;
const LONG_SEEDS = 3;
/** Per seed of the reference search: ~5–7× the normal budget, and the whole bench stays under a minute. */
const longMs = (n: number) => (n <= 50 ? 500 : n <= 200 ? 1000 : 2000);

const randomPoints = (n: number, seed: number): Point[] => {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => [random(), random()] as const);
};

const mean = (xs: readonly number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

export async function run(): Promise<BenchResult[]> {
  // Let the JIT compile the solver first, so the first size is not timed cold.
  planRoute(randomPoints(200, 1), { metric: 'euclidean', closed: true, start: 0, timeLimitMs: 300 });

  const results: BenchResult[] = [];
  for (const n of SIZES) {
    const gaps: number[] = [];
    const times: number[] = [];
    const ours: number[] = [];
    const nearest: number[] = [];
    for (let k = 0; k < INSTANCES; k++) {
      const points = randomPoints(n, 10_000 * n + k);
      const base = { metric: 'euclidean', closed: true, start: 0 } as const;
      const t0 = performance.now();
      const route = planRoute(points, { ...base, timeLimitMs: NORMAL_MS, seed: 1 });
      times.push(performance.now() - t0);
      let best = Infinity;
      for (let s = 1; s <= LONG_SEEDS; s++) best = Math.min(best, planRoute(points, { ...base, timeLimitMs: longMs(n), seed: 100 + s }).length);
      gaps.push(100 * (route.length / best - 1));
      ours.push(route.length);
      nearest.push(nearestNeighbourTour(points, base).length);
    }
    const long = `${LONG_SEEDS}×${longMs(n)} ms`;
    results.push(
      { name: `n=${n} gap to best of ${long} (mean of ${INSTANCES})`, value: mean(gaps), unit: '%' },
      { name: `n=${n} worst gap to best of ${long}`, value: Math.max(...gaps), unit: '%' },
      { name: `n=${n} time, limit ${NORMAL_MS} ms`, value: mean(times), unit: 'ms' },
      {
        name: `n=${n} length vs nearest-neighbour`,
        value: mean(ours),
        unit: 'unit square',
        baseline: mean(nearest),
        ratio: mean(ours) / mean(nearest),
      },
    );
  }
  return results;
}
