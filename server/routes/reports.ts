// The reports counties file upward, as JSON for the print pages (/print/monthly, /print/quarterly-warnings)
// and as XLSX in the layout they are filed in: the monthly progress report (seed 003) and the quarterly
// warning statistics (seed 002). The figures are db/figures-periods.ts', from the one source of numbers;
// they are counted, and the files encoded, on the worker pool (workers/figures.ts).
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { chinaDay } from '../domain/deadlines.ts';
import { monthPeriod, quarterPeriod } from '../domain/periods.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import { monthlyFileName } from '../reports/monthly-xlsx.ts';
import { quarterlyFileName } from '../reports/quarterly-xlsx.ts';
import { attachment, XLSX_TYPE } from '../reports/workbook.ts';
import { monthlyOffLoop, quarterlyOffLoop, reportFileOffLoop, type MonthlyJob, type QuarterlyJob, type ReportJob } from '../workers/figures.ts';
import { regionCodeParam, regionInJurisdiction } from './region-param.ts';

const monthlyQuery = z
  .object({
    region: regionCodeParam.optional(),
    month: z.string().refine((m) => monthPeriod(m) !== null, 'must be a month written YYYY-MM'),
  })
  .strict();

const quarterlyQuery = z
  .object({
    region: regionCodeParam.optional(),
    quarter: z.string().refine((q) => quarterPeriod(q) !== null, 'must be a quarter written YYYYQn, e.g. 2026Q4'),
  })
  .strict();

/** A month up to this one (China time), of a region in the jurisdiction; a month not begun has nothing to report. */
function monthlyJob(c: Context<Env>, q: z.infer<typeof monthlyQuery>): MonthlyJob {
  const region = regionInJurisdiction(c.var.db, c.var.scope, q.region);
  const today = chinaDay(new Date(c.var.now()));
  const period = monthPeriod(q.month)!;
  if (period.from > today) throw notYet('month', q.month);
  return { kind: 'monthly', region, month: q.month, period, today };
}

function quarterlyJob(c: Context<Env>, q: z.infer<typeof quarterlyQuery>): QuarterlyJob {
  const region = regionInJurisdiction(c.var.db, c.var.scope, q.region);
  const now = new Date(c.var.now());
  const today = chinaDay(now);
  const period = quarterPeriod(q.quarter)!;
  if (period.from > today) throw notYet('quarter', q.quarter);
  return { kind: 'quarterly', region, quarter: q.quarter, period, today, now: now.toISOString() };
}

function notYet(field: 'month' | 'quarter', value: string): HttpError {
  return new HttpError(400, 'invalid_input', `${field}: ${value} has not begun yet`, field);
}

/** The XLSX of a report: Chinese file name in RFC 5987 form (安居_月报_2026-11.xlsx). */
async function xlsx(c: Context<Env>, job: ReportJob, name: { utf8: string; ascii: string }) {
  const { bytes } = await reportFileOffLoop(c.var.db, c.var.pool, job, { user: c.var.user.id, signal: c.req.raw.signal });
  return c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': XLSX_TYPE, 'Content-Disposition': attachment(name.utf8, name.ascii) });
}

const ctx = (c: Context<Env>) => ({ user: c.var.user.id, signal: c.req.raw.signal });

export const reports = new Hono<Env>()
  .get('/monthly', validate('query', monthlyQuery), async (c) =>
    c.json(await monthlyOffLoop(c.var.db, c.var.pool, monthlyJob(c, c.req.valid('query')), ctx(c))),
  )
  .get('/monthly.xlsx', validate('query', monthlyQuery), (c) => {
    const job = monthlyJob(c, c.req.valid('query'));
    return xlsx(c, job, monthlyFileName(job.month));
  })
  .get('/quarterly-warnings', validate('query', quarterlyQuery), async (c) =>
    c.json(await quarterlyOffLoop(c.var.db, c.var.pool, quarterlyJob(c, c.req.valid('query')), ctx(c))),
  )
  .get('/quarterly-warnings.xlsx', validate('query', quarterlyQuery), (c) => {
    const job = quarterlyJob(c, c.req.valid('query'));
    return xlsx(c, job, quarterlyFileName(job.quarter));
  });
