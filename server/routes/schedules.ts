import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { dispatchBatch, type DispatchBatch } from '../db/dispatch.ts';
import { previewDispatch } from '../db/dispatch-preview.ts';
import { listTasks } from '../db/patrol-tasks.ts';
import { batchStanding, scheduleSites, scheduleSize, type Schedule } from '../db/schedules.ts';
import { chinaDay } from '../domain/deadlines.ts';
import {
  campaignRefusal,
  campaignWindow,
  campaignYearOf,
  endOfChinaDay,
  nextQuarter,
  parsePeriod,
  quarterOf,
  quarterRefusal,
  scheduledCapacityMinutes,
} from '../domain/schedules.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';

const quarterlyBody = z.object({ period: z.string().max(16) }).strict();
const campaignBody = z.object({ year: z.number().int().min(2000).max(2999) }).strict();

const REFUSAL = { past: 'is over', too_early: 'is too far ahead to plan' } as const;
const PERIOD_CODE = { past: 'period_past', too_early: 'period_too_early' } as const;
const YEAR_CODE = { past: 'year_past', too_early: 'year_too_early' } as const;

/** One schedule's batch: which, its key, and the last China day it is due. */
interface ScheduledRun {
  schedule: Schedule;
  batchKey: string;
  dueOn: string;
  /** What the caller named it by: { period } or { year }. */
  named: Record<string, string | number>;
}

/** '2026Q4' → the quarterly revisit's batch, due on the quarter's last day; 400 naming `period` otherwise. */
function quarterlyRun(period: string, today: string): ScheduledRun {
  const q = parsePeriod(period);
  if (!q) throw new HttpError(400, 'invalid_input', `period: ${JSON.stringify(period)} is not a quarter like 2026Q4`, 'period');
  const refusal = quarterRefusal(q, today);
  if (refusal) throw new HttpError(400, PERIOD_CODE[refusal], `period: ${q.period} ${REFUSAL[refusal]} (today is ${today})`, 'period');
  return { schedule: 'quarterly', batchKey: `quarterly:${q.period}`, dueOn: q.lastDay, named: { period: q.period } };
}

/** 2027 → that year's March–April campaign, due 30 April; only the campaign not yet over (400 naming `year`). */
function campaignRun(year: number, today: string): ScheduledRun {
  const refusal = campaignRefusal(year, today);
  if (refusal) throw new HttpError(400, YEAR_CODE[refusal], `year: the ${year} campaign ${REFUSAL[refusal]} (today is ${today}; the current one is ${campaignYearOf(today)})`, 'year');
  return { schedule: 'campaign', batchKey: `campaign:${year}`, dueOn: campaignWindow(year).to, named: { year } };
}

/** The houses of the run in the caller's jurisdiction as a dispatch batch: no hazard to score, so no risk. */
function runBatch(c: Context<Env>, run: ScheduledRun, now: Date) {
  const sites = scheduleSites(c.var.db, run.schedule, c.var.scope);
  const due = endOfChinaDay(run.dueOn);
  const batch: DispatchBatch = {
    batchKey: run.batchKey,
    alertId: null,
    dueAt: due.toISOString(),
    createdBy: c.var.user.id,
    candidates: sites.map((s) => ({ ...s, risk: null })),
    now,
    pace: c.var.pace,
    capacityMinutes: scheduledCapacityMinutes(due.getTime() - now.getTime(), c.var.pace),
  };
  return { sites, batch };
}

/**
 * Dispatches a schedule's batch through the alert dispatch's machinery: idempotent (again, or twenty at
 * once, answers 200 with the same tasks), houses new to the schedule since are added, routes planned on
 * the pool, tasks handed to trained inspectors within their time.
 */
async function dispatchRun(c: Context<Env>, run: ScheduledRun) {
  const now = new Date(c.var.now());
  const { db, user, pool } = c.var;
  const { sites, batch } = runBatch(c, run, now);
  const result = await dispatchBatch(
    db,
    batch,
    (input) => pool.run('dispatch', input, { user: user.id, signal: c.req.raw.signal }),
    (r) => audit(c, { action: `dispatch.${run.schedule}`, entity: 'dispatch', entityId: run.batchKey, after: { ...r, selected: sites.length } }, { now }),
  );
  const tasks = listTasks(db, c.var.scope, { batchKey: run.batchKey }, now);
  return c.json({ kind: run.schedule, ...run.named, batchKey: run.batchKey, dueAt: batch.dueAt, selected: sites.length, ...result, tasks }, result.created.length > 0 ? 201 : 200);
}

async function previewRun(c: Context<Env>, run: ScheduledRun) {
  const now = new Date(c.var.now());
  const { db, user, pool } = c.var;
  const { sites, batch } = runBatch(c, run, now);
  const preview = await previewDispatch(db, batch, sites, (input) => pool.run('dispatch', input, { user: user.id, signal: c.req.raw.signal }));
  return c.json({ kind: run.schedule, ...run.named, batchKey: run.batchKey, selected: sites.length, ...preview });
}

const today = (c: Context<Env>) => chinaDay(new Date(c.var.now()));

export const schedules = new Hono<Env>()
  /** The current quarter's revisit and the campaign not yet over: their houses, and how far their batches got. */
  .get('/', (c) => {
    const now = new Date(c.var.now());
    const day = chinaDay(now);
    const { db, scope } = c.var;
    const q = quarterOf(day);
    const year = campaignYearOf(day);
    const window = campaignWindow(year);
    return c.json({
      today: day,
      quarterly: { period: q.period, from: q.firstDay, dueOn: q.lastDay, next: nextQuarter(q).period, selected: scheduleSize(db, 'quarterly', scope), ...batchStanding(db, `quarterly:${q.period}`, scope, now) },
      campaign: { year, from: window.from, dueOn: window.to, inWindow: day >= window.from, selected: scheduleSize(db, 'campaign', scope), ...batchStanding(db, `campaign:${year}`, scope, now) },
    });
  })
  .post('/quarterly/dispatch', validate('json', quarterlyBody), (c) => dispatchRun(c, quarterlyRun(c.req.valid('json').period, today(c))))
  .post('/quarterly/dispatch/preview', validate('json', quarterlyBody), (c) => previewRun(c, quarterlyRun(c.req.valid('json').period, today(c))))
  .post('/campaign/dispatch', validate('json', campaignBody), (c) => dispatchRun(c, campaignRun(c.req.valid('json').year, today(c))))
  .post('/campaign/dispatch/preview', validate('json', campaignBody), (c) => previewRun(c, campaignRun(c.req.valid('json').year, today(c))));
