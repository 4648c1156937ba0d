import { Hono } from 'hono';
import { z } from 'zod';
import type { Env } from '../env.ts';
import { validate } from '../http/validate.ts';

/** Enough for the longest village round many times over; the distance matrix is n² numbers. */
export const MAX_SOLVE_POINTS = 2000;
/** The most a caller may make the server think about one route. */
export const MAX_SOLVE_MS = 5000;

const finite = z.number().finite();
const solveBody = z
  .object({
    points: z.array(z.tuple([finite, finite])).min(1).max(MAX_SOLVE_POINTS),
    metric: z.enum(['euclidean', 'haversine']).default('haversine'),
    closed: z.boolean().default(true),
    start: z.number().int().min(0).default(0),
    timeLimitMs: z.number().int().min(1).max(MAX_SOLVE_MS).default(1000),
    seed: z.number().int().min(0).max(2 ** 31 - 1).optional(),
  })
  .strict()
  .superRefine((b, ctx) => {
    if (b.start >= b.points.length) ctx.addIssue({ code: 'custom', path: ['start'], message: `must be a point index (0..${b.points.length - 1})` });
    if (b.metric !== 'haversine') return;
    b.points.forEach(([lon, lat], i) => {
      if (Math.abs(lon) > 180 || Math.abs(lat) > 90)
        ctx.addIssue({ code: 'custom', path: ['points', i], message: 'haversine points are [lon, lat] in degrees: lon within ±180, lat within ±90' });
    });
  });

/**
 * POST /api/routes/solve — orders any stops into a short round (2-opt + Or-opt local search, then
 * seeded perturbation within the time limit; server/domain/routing.ts). Straight lines: metres for
 * haversine, input units for euclidean. Solved on the worker pool, so up to 5 s of search never
 * holds other requests; dropped if the caller hangs up.
 */
export const routeSolve = new Hono<Env>().post('/solve', validate('json', solveBody), async (c) => {
  const b = c.req.valid('json');
  const options = { metric: b.metric, closed: b.closed, start: b.start, timeLimitMs: b.timeLimitMs, seed: b.seed };
  const route = await c.var.pool.run('route', { points: b.points, options }, { user: c.var.user.id, signal: c.req.raw.signal });
  return c.json({ order: route.order, length: route.length, metric: b.metric, closed: b.closed });
});
