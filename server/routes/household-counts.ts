// GET /api/households/counts — the legend's "in view" counts for a box under the map's filters, counted
// on the server (tiles/in-view.ts) instead of from features the client would have to load: the shape the
// client's legend reads (domain/view-counts.ts ViewCounts), the same numbers /api/households' points
// would give counted in the same box.
import { Hono } from 'hono';
import { addDays, chinaDay } from '../domain/deadlines.ts';
import { chinaDayStart } from '../domain/periods.ts';
import type { Env } from '../env.ts';
import { validate } from '../http/validate.ts';
import { inViewOffLoop } from '../workers/tiles.ts';
import { householdQuery, toHouseholdFilter } from './households.ts';

const countsQuery = householdQuery
  .omit({ limit: true })
  .required({ bbox: true })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] });

export const householdCounts = new Hono<Env>().get('/counts', validate('query', countsQuery), async (c) => {
  const { from, to, bbox, ...query } = c.req.valid('query');
  const today = chinaDay(new Date(c.var.now()));
  const patrolledIn = from || to ? { from: from ? chinaDayStart(from) : '', to: chinaDayStart(addDays(to ?? today, 1)) } : undefined;
  const filter = { ...toHouseholdFilter(c.var.db, c.var.scope, query, today), bbox };
  return c.json(await inViewOffLoop(c.var.db, c.var.pool, { filter, today, patrolledIn }, c.req.raw.signal));
});
