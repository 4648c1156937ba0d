import { describe, expect, it } from 'vitest';
import { nearestNeighbourTour, planRoute, tourLength, type Point, type RouteOptions } from '../../server/domain/routing.ts';
import { mulberry32 } from '../../server/domain/tour-moves.ts';

const randomPoints = (n: number, seed: number): Point[] => {
  const random = mulberry32(seed);
  return Array.from({ length: n }, () => [random(), random()] as const);
};

/** Exact optimum by Held–Karp over subsets of the points other than `start`; kept here, not shipped. */
function bruteForceTour(points: readonly Point[], start: number, closed: boolean): number {
  const others = points.map((_, i) => i).filter((i) => i !== start);
  const k = others.length;
  if (k === 0) return 0;
  const d = (i: number, j: number) => Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]);
  const best = new Float64Array((1 << k) * k).fill(Infinity); // best[mask*k + j]: start … others[j], visiting mask
  for (let j = 0; j < k; j++) best[(1 << j) * k + j] = d(start, others[j]!);
  for (let mask = 1; mask < 1 << k; mask++) {
    for (let j = 0; j < k; j++) {
      const here = best[mask * k + j]!;
      if (here === Infinity) continue;
      for (let next = 0; next < k; next++) {
        if (mask & (1 << next)) continue;
        const to = (mask | (1 << next)) * k + next;
        best[to] = Math.min(best[to]!, here + d(others[j]!, others[next]!));
      }
    }
  }
  const full = (1 << k) - 1;
  let answer = Infinity;
  for (let j = 0; j < k; j++) answer = Math.min(answer, best[full * k + j]! + (closed ? d(others[j]!, start) : 0));
  return answer;
}

const expectValidOrder = (order: number[], n: number, start: number) => {
  expect(order).toHaveLength(n);
  expect(order[0]).toBe(start);
  expect([...order].sort((a, b) => a - b)).toEqual(Array.from({ length: n }, (_, i) => i));
};

/** A repeatable run: a clock that never moves, so only the iteration budget ends the search. */
const budgeted = (opts: Partial<RouteOptions> & { maxIterations: number }): RouteOptions => ({
  metric: 'euclidean',
  closed: true,
  start: 0,
  timeLimitMs: 1,
  now: () => 0,
  seed: 1,
  ...opts,
});

describe('patrol route optimiser: optimality', () => {
  for (const closed of [true, false]) {
    it(`finds the optimal ${closed ? 'closed tour' : 'open path'} of 12 random points`, () => {
      for (const seed of [1, 2, 3, 4, 5]) {
        const points = randomPoints(12, seed);
        const start = seed % 12;
        // A budget of moves, not of time: a busy machine must not make the answer worse.
        const route = planRoute(points, budgeted({ closed, start, seed, maxIterations: 2000 }));
        expectValidOrder(route.order, 12, start);
        expect(Math.abs(route.length - bruteForceTour(points, start, closed))).toBeLessThan(1e-9);
      }
    });
  }

  it('finds the optimum of many small instances, 4 to 9 points, on a small iteration budget', () => {
    for (let seed = 1; seed <= 120; seed++) {
      const n = 4 + (seed % 6);
      const points = randomPoints(n, 1000 + seed);
      const closed = seed % 2 === 0;
      const start = seed % n;
      const route = planRoute(points, budgeted({ closed, start, seed, maxIterations: 300 }));
      expectValidOrder(route.order, n, start);
      expect(Math.abs(route.length - bruteForceTour(points, start, closed))).toBeLessThan(1e-9);
    }
  });

  it('finds the optimum when points repeat', () => {
    for (const seed of [7, 8, 9]) {
      const base = randomPoints(6, seed);
      const points = [...base, ...base.slice(0, 4), base[0]!]; // 11 points, 5 of them copies
      for (const closed of [true, false]) {
        const route = planRoute(points, { metric: 'euclidean', closed, start: 3, timeLimitMs: 30, seed });
        expectValidOrder(route.order, 11, 3);
        expect(Math.abs(route.length - bruteForceTour(points, 3, closed))).toBeLessThan(1e-9);
      }
    }
  });
});

describe('patrol route optimiser: quality within the time limit', () => {
  // 400 ms is the budget a route should need; the reference is many times that, from several seeds.
  const NORMAL_MS = 400;
  const cases = [
    { n: 100, seed: 101, referenceSeeds: 3, referenceMs: 1000 },
    { n: 200, seed: 202, referenceSeeds: 4, referenceMs: 2000 },
  ];
  for (const { n, seed, referenceSeeds, referenceMs } of cases) {
    const points = randomPoints(n, seed);
    it(`comes within 1% of a long multi-start run, and beats nearest-neighbour by 15%, on ${n} random points`, () => {
      const route = planRoute(points, { metric: 'euclidean', closed: true, start: 0, timeLimitMs: NORMAL_MS, seed: 1 });
      expectValidOrder(route.order, n, 0);
      let reference = Infinity;
      for (let s = 1; s <= referenceSeeds; s++) {
        const long = planRoute(points, { metric: 'euclidean', closed: true, start: 0, timeLimitMs: referenceMs, seed: 100 + s });
        reference = Math.min(reference, long.length);
      }
      expect(route.length).toBeLessThanOrEqual(reference * 1.01);
      const nn = nearestNeighbourTour(points, { metric: 'euclidean', closed: true, start: 0 });
      expect(route.length).toBeLessThanOrEqual(nn.length * 0.85);
    });
  }

  it('routes 2,500 points (beyond the distance matrix) validly and far shorter than nearest-neighbour', () => {
    const points = randomPoints(2500, 25);
    const route = planRoute(points, budgeted({ closed: false, start: 42, maxIterations: 500 }));
    expectValidOrder(route.order, 2500, 42);
    expect(route.length).toBeCloseTo(tourLength(points, route.order, { metric: 'euclidean', closed: false }), 9);
    const nn = nearestNeighbourTour(points, { metric: 'euclidean', closed: false, start: 42 });
    expect(route.length).toBeLessThan(nn.length * 0.9);
  });
});

describe('patrol route optimiser: contract', () => {
  it('returns a permutation of the points that begins at the start', () => {
    const points = randomPoints(60, 3);
    for (const closed of [true, false]) {
      for (const start of [0, 17, 59]) {
        expectValidOrder(planRoute(points, budgeted({ closed, start, maxIterations: 200 })).order, 60, start);
      }
    }
  });

  it('counts the leg back to the start for a closed tour and not for an open path', () => {
    const line: Point[] = [[0, 0], [1, 0], [2, 0], [3, 0]];
    expect(planRoute(line, budgeted({ closed: true, maxIterations: 50 })).length).toBeCloseTo(6, 12);
    expect(planRoute(line, budgeted({ closed: false, maxIterations: 50 })).length).toBeCloseTo(3, 12);
    // From an inner point the open path goes to the near end first and never returns.
    const fromInner = planRoute(line, budgeted({ closed: false, start: 1, maxIterations: 50 }));
    expect(fromInner.order).toEqual([1, 0, 2, 3]);
    expect(fromInner.length).toBeCloseTo(4, 12);
  });

  it('reports the length of the order it returns, for both kinds of route', () => {
    const points = randomPoints(80, 4);
    for (const closed of [true, false]) {
      const route = planRoute(points, budgeted({ closed, start: 5, maxIterations: 500 }));
      expect(route.length).toBeCloseTo(tourLength(points, route.order, { metric: 'euclidean', closed }), 9);
    }
  });

  it('measures haversine routes in metres: 1° of latitude or of longitude at the equator is 111,195 m', () => {
    const north = planRoute([[0, 0], [0, 1]], { metric: 'haversine', closed: false, start: 0, timeLimitMs: 10 });
    expect(north.length).toBeCloseTo(111_195.08, 1);
    const east = planRoute([[0, 0], [1, 0]], { metric: 'haversine', closed: true, start: 1, timeLimitMs: 10 });
    expect(east).toEqual({ order: [1, 0], length: expect.closeTo(2 * 111_195.08, 1) });
  });

  it('plans a haversine route in a county the same as a planar one would, at that scale', () => {
    // ~0.2° around 105°E 30°N (Sichuan): lon is squeezed by cos 30°, so compare with metres on a plane.
    const degrees = randomPoints(40, 11).map(([x, y]) => [105 + x * 0.2, 30 + y * 0.2] as const);
    const route = planRoute(degrees, { metric: 'haversine', closed: true, start: 0, timeLimitMs: 100 });
    expectValidOrder(route.order, 40, 0);
    expect(route.length).toBeCloseTo(tourLength(degrees, route.order, { metric: 'haversine', closed: true }), 6);
    const metres = degrees.map(([lon, lat]) => [lon * 111_195.08 * Math.cos((30.1 * Math.PI) / 180), lat * 111_195.08] as const);
    const planar = planRoute(metres, { metric: 'euclidean', closed: true, start: 0, timeLimitMs: 100 });
    expect(Math.abs(route.length / planar.length - 1)).toBeLessThan(0.005);
  });

  it('gives the identical route for the same seed and iteration budget', () => {
    const points = randomPoints(200, 5);
    for (const closed of [true, false]) {
      const opts = budgeted({ closed, start: 9, seed: 42, maxIterations: 3000 });
      const first = planRoute(points, opts);
      const second = planRoute(points, opts);
      expect(second.order).toEqual(first.order);
      expect(second.length).toBe(first.length);
    }
  });

  it('handles 0, 1, 2 and 3 points', () => {
    const opts = { metric: 'euclidean', closed: true, start: 0, timeLimitMs: 10 } as const;
    expect(planRoute([], opts)).toEqual({ order: [], length: 0 });
    expect(planRoute([[5, 5]], opts)).toEqual({ order: [0], length: 0 });
    expect(planRoute([[0, 0], [3, 4]], { ...opts, start: 1 })).toEqual({ order: [1, 0], length: 10 });
    expect(planRoute([[0, 0], [3, 4]], { ...opts, closed: false })).toEqual({ order: [0, 1], length: 5 });
    const triangle: Point[] = [[0, 0], [10, 0], [1, 0]];
    expect(planRoute(triangle, { ...opts, closed: false, start: 0 })).toEqual({ order: [0, 2, 1], length: 10 });
    expect(planRoute(triangle, { ...opts, closed: false, start: 2 })).toEqual({ order: [2, 0, 1], length: 11 });
    expect(planRoute(triangle, { ...opts, start: 1 }).length).toBeCloseTo(20, 12);
  });

  it('routes points that all coincide with length 0', () => {
    const same: Point[] = Array.from({ length: 30 }, () => [116.4, 39.9]);
    for (const metric of ['euclidean', 'haversine'] as const) {
      const route = planRoute(same, { metric, closed: true, start: 7, timeLimitMs: 20 });
      expectValidOrder(route.order, 30, 7);
      expect(route.length).toBe(0);
    }
  });

  it('rejects a start that is not a point index, and a non-finite coordinate', () => {
    const opts = { metric: 'euclidean', closed: true, timeLimitMs: 10 } as const;
    expect(() => planRoute([[0, 0], [1, 1]], { ...opts, start: 2 })).toThrow(RangeError);
    expect(() => planRoute([[0, 0], [1, 1]], { ...opts, start: 0.5 })).toThrow(RangeError);
    expect(() => planRoute([[0, 0], [Number.NaN, 1]], { ...opts, start: 0 })).toThrow(RangeError);
  });

  it('stops at its time limit, give or take a busy machine', () => {
    const points = randomPoints(500, 6);
    const t0 = performance.now();
    planRoute(points, { metric: 'euclidean', closed: true, start: 0, timeLimitMs: 150 });
    expect(performance.now() - t0).toBeLessThan(150 + 200);
  });

  it('reads the time from the clock it is given', () => {
    let ticks = 0;
    const clock = () => ticks++; // each reading is 1 ms later: the budget runs out after a few checks
    const route = planRoute(randomPoints(100, 8), { metric: 'euclidean', closed: true, start: 0, timeLimitMs: 5, now: clock });
    expectValidOrder(route.order, 100, 0);
    expect(ticks).toBeLessThan(10);
  });
});
