// GET /api/dashboard — the figures of one region for the dashboard, the briefing and the print pages:
// every number from db/figures.ts, the one source, counted on the worker pool (workers/figures.ts).
import { Hono } from 'hono';
import { z } from 'zod';
import { trendSpan } from '../db/figures-trends.ts';
import { addDays, chinaDay, daysBetween, isCalendarDay } from '../domain/deadlines.ts';
import { mondayOf } from '../domain/periods.ts';
import type { Env } from '../env.ts';
import { validate } from '../http/validate.ts';
import { dashboardOffLoop } from '../workers/figures.ts';
import { dayParam, regionCodeParam, regionInJurisdiction } from './region-param.ts';

/** The longest range asked for at once: two years of weeks. */
export const MAX_RANGE_DAYS = 731;
export const DEFAULT_WEEKS = 12;
/** "Changes since" defaults to a week ago: the weekly meeting. */
const DEFAULT_SINCE_DAYS = 7;

export const dashboardQuery = z
  .object({
    region: regionCodeParam.optional(),
    from: dayParam.optional(),
    to: dayParam.optional(),
    since: dayParam.optional(),
    weeks: z.coerce.number().int('must be an integer').min(1).max(104).default(DEFAULT_WEEKS),
  })
  .strict()
  .refine((q) => !q.from || !q.to || q.from <= q.to, { message: 'must not be before from', path: ['to'] })
  // zod runs this refinement even when `from` or `to` was refused: count days only between real days.
  .refine((q) => !q.from || !q.to || !isCalendarDay(q.from) || !isCalendarDay(q.to) || daysBetween(q.from, q.to) < MAX_RANGE_DAYS, {
    message: `a range is at most ${MAX_RANGE_DAYS} days`,
    path: ['from'],
  });

export const dashboard = new Hono<Env>().get('/', validate('query', dashboardQuery), async (c) => {
  const q = c.req.valid('query');
  const { db, pool, user } = c.var;
  const region = regionInJurisdiction(db, c.var.scope, q.region);
  const now = new Date(c.var.now());
  const today = chinaDay(now);
  // Without a range the trend's weeks are the range; only `to` given, the weeks end there; a `to` after today is cut to today.
  const from = q.from ?? (q.to ? addDays(mondayOf(q.to), -7 * (q.weeks - 1)) : undefined);
  const span = trendSpan({ today, weeks: q.weeks, from, to: q.to });
  const opts = { today, now: now.toISOString(), from: span.from, to: span.to, weeks: q.weeks, since: q.since ?? addDays(today, -DEFAULT_SINCE_DAYS) };
  return c.json(await dashboardOffLoop(db, pool, { region, opts }, { user: user.id, signal: c.req.raw.signal }));
});
