// POST /api/routes/solve over the real app: a planner's stops in, the solver's order and length out;
// bad input answered 400 naming the field.
import { afterAll, describe, expect, it } from 'vitest';
import { tourLength, type Point } from '../../server/domain/routing.ts';
import { mulberry32 } from '../../server/domain/tour-moves.ts';
import { seededApp } from './harness.ts';

const t = seededApp(200, 5);
afterAll(() => t.close());

/** A deterministic scatter of points, so the test is the same every run. */
function scatter(n: number, seed: number): [number, number][] {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, () => [rnd() * 1000, rnd() * 1000]);
}

/** The shortest closed tour by brute force over all orders that start at 0 (n ≤ 8 here). */
function bruteForce(points: Point[]): number {
  const rest = points.map((_, i) => i).slice(1);
  let best = Infinity;
  const permute = (prefix: number[], left: number[]) => {
    if (left.length === 0) best = Math.min(best, tourLength(points, [0, ...prefix], { metric: 'euclidean', closed: true }));
    else left.forEach((v, i) => permute([...prefix, v], [...left.slice(0, i), ...left.slice(i + 1)]));
  };
  permute([], rest);
  return best;
}

describe('POST /api/routes/solve', () => {
  it('returns an order that visits every point once from the start, with its true length, optimal on a small instance', async () => {
    const points = scatter(8, 42);
    const { status, body } = await t.json('/api/routes/solve', {
      method: 'POST',
      body: { points, metric: 'euclidean', closed: true, start: 3, timeLimitMs: 200 },
    });
    expect(status).toBe(200);
    expect(body.order[0]).toBe(3);
    expect([...body.order].sort((a: number, b: number) => a - b)).toEqual(points.map((_, i) => i));
    expect(body.length).toBeCloseTo(tourLength(points, body.order, { metric: 'euclidean', closed: true }), 6);
    expect(body.length).toBeCloseTo(bruteForce(points), 6);
  });

  it('measures haversine routes in metres on [lon, lat] points', async () => {
    // Three stops 0.01° of latitude apart on one meridian: an open route walks 2 × 1,112 m.
    const points = [
      [108.7, 33.1],
      [108.7, 33.12],
      [108.7, 33.11],
    ];
    const { status, body } = await t.json('/api/routes/solve', { method: 'POST', body: { points, metric: 'haversine', closed: false } });
    expect(status).toBe(200);
    expect(body.order).toEqual([0, 2, 1]);
    expect(body.length).toBeGreaterThan(2223);
    expect(body.length).toBeLessThan(2226);
  });

  it.each([
    ['no points', { points: [] }, 'points'],
    ['a start that is no point', { points: [[0, 0], [1, 1]], start: 2, metric: 'euclidean' }, 'start'],
    ['a latitude out of range for haversine', { points: [[108, 33], [33, 108]] }, 'points.1'],
    ['an unknown metric', { points: [[0, 0]], metric: 'manhattan' }, 'metric'],
    ['a time limit above the cap', { points: [[0, 0]], timeLimitMs: 60_000 }, 'timeLimitMs'],
    ['a point that is not a pair', { points: [[0, 0, 0]] }, 'points.0'],
    ['an unknown field', { points: [[0, 0]], depot: 1 }, ''],
  ])('refuses %s with a 400 naming the field', async (_, body, field) => {
    const res = await t.json('/api/routes/solve', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('invalid_input');
    if (field) expect(res.body.error.field).toBe(field);
    else expect(typeof res.body.error.field).toBe('string');
  });

  it('answers 401 without a session', async () => {
    const res = await t.request('/api/routes/solve', { method: 'POST', body: { points: [[0, 0]] }, as: null });
    expect(res.status).toBe(401);
  });
});
