// The printable reports as PDF: the briefing (简报), the monthly progress report (seed 003: due by the
// 22nd) and the quarterly warning statistics (seed 002). Each is a print page of the SPA
// (client/features/print-reports) rendered by the server's headless Chromium (server/render/) as the
// user who asked, so it holds what that user may see and nothing more. The region is checked against
// the user's jurisdiction here, before any browser is involved.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { chinaDay } from '../domain/deadlines.ts';
import { monthPeriod, quarterPeriod, type Period } from '../domain/periods.ts';
import { createSession, revokeSession } from '../db/sessions.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import type { RenderSession } from '../render/pdf-renderer.ts';
import { dayParam, regionCodeParam, regionInJurisdiction } from './region-param.ts';

// The JSON routes' own parameters (routes/dashboard.ts, routes/reports.ts), each with a default: today,
// this month, this quarter.
const briefingQuery = z.strictObject({ region: regionCodeParam.optional(), date: dayParam.optional() });
const monthlyQuery = z.strictObject({
  region: regionCodeParam.optional(),
  month: z.string().refine((m) => monthPeriod(m) !== null, 'must be a month written YYYY-MM').optional(),
});
const quarterlyQuery = z.strictObject({
  region: regionCodeParam.optional(),
  quarter: z.string().refine((q) => quarterPeriod(q) !== null, 'must be a quarter written YYYYQn, e.g. 2026Q4').optional(),
});

/** A month or quarter not yet begun has nothing to report (routes/reports.ts says the same): refused before rendering. */
function begun(field: 'month' | 'quarter', value: string, period: Period, today: string): void {
  if (period.from > today) throw new HttpError(400, 'invalid_input', `${field}: ${value} has not begun yet`, field);
}

type ReportKind = 'briefing' | 'monthly' | 'quarterly-warnings';

/** The file's name as it is saved: Chinese, with an ASCII stand-in for clients that cannot read RFC 5987. */
const FILE_TITLES: Record<ReportKind, string> = {
  briefing: '农村住房安全简报',
  monthly: '农村危房整治月报',
  'quarterly-warnings': '预警信息季度统计',
};

export function contentDisposition(kind: ReportKind, regionName: string, regionCode: string, period: string): string {
  const name = `${regionName}${FILE_TITLES[kind]}_${period}.pdf`;
  const ascii = `${kind}-${regionCode}-${period}.pdf`;
  return `inline; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

/** How long a render's own session may live: its time limit and a little more, never the 12 h of a sign-in. */
const RENDER_SESSION_SLACK_MS = 15_000;

async function renderPdf(c: Context<Env>, kind: ReportKind, region: { code: string; name: string }, period: string, query: Record<string, string>) {
  const renderer = c.var.pdf;
  if (!renderer) throw new HttpError(503, 'pdf_disabled', 'PDF reports are switched off on this server (ANJU_PDF=off)');
  const { db, user } = c.var;
  const lifetime = renderer.limits.timeoutMs + RENDER_SESSION_SLACK_MS;
  const signIn = (): RenderSession => {
    const { token } = createSession(db, user.id, c.var.now(), { maxAgeMs: lifetime, idleMs: lifetime });
    return { token, end: () => revokeSession(db, token, c.var.now()) };
  };
  const pdf = await renderer.render({ path: `/print/${kind}?${new URLSearchParams(query)}`, signIn, signal: c.req.raw.signal });
  return c.body(pdf as Uint8Array<ArrayBuffer>, 200, {
    'Content-Type': 'application/pdf',
    'Content-Disposition': contentDisposition(kind, region.name, region.code, period),
    'Cache-Control': 'no-store',
  });
}

const quarterOf = (day: string) => `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
const todayOf = (c: Context<Env>) => chinaDay(new Date(c.var.now()));

export const reportsPdf = new Hono<Env>()
  .get('/briefing.pdf', validate('query', briefingQuery), (c) => {
    const q = c.req.valid('query');
    const region = regionInJurisdiction(c.var.db, c.var.scope, q.region);
    const date = q.date ?? todayOf(c);
    return renderPdf(c, 'briefing', region, date, { region: region.code, date });
  })
  .get('/monthly.pdf', validate('query', monthlyQuery), (c) => {
    const q = c.req.valid('query');
    const region = regionInJurisdiction(c.var.db, c.var.scope, q.region);
    const today = todayOf(c);
    const month = q.month ?? today.slice(0, 7);
    begun('month', month, monthPeriod(month)!, today);
    return renderPdf(c, 'monthly', region, month, { region: region.code, month });
  })
  .get('/quarterly-warnings.pdf', validate('query', quarterlyQuery), (c) => {
    const q = c.req.valid('query');
    const region = regionInJurisdiction(c.var.db, c.var.scope, q.region);
    const today = todayOf(c);
    const quarter = q.quarter ?? quarterOf(today);
    begun('quarter', quarter, quarterPeriod(quarter)!, today);
    return renderPdf(c, 'quarterly-warnings', region, quarter, { region: region.code, quarter });
  });
