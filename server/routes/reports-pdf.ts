// The printable reports as PDF: the briefing (简报), the monthly progress report (seed 003: due by the
// 22nd) and the quarterly warning statistics (seed 002). Each is a print page of the SPA
// (client/features/print-reports) rendered by the server's headless Chromium (server/render/) as the
// user who asked, so it holds what that user may see and nothing more. The region is checked against
// the user's jurisdiction here, before any browser is involved.
import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { chinaDay, isCalendarDay } from '../domain/deadlines.ts';
import { findRegion, isWithin } from '../db/regions.ts';
import { createSession, revokeSession } from '../db/sessions.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { validate } from '../http/validate.ts';
import type { RenderSession } from '../render/pdf-renderer.ts';

const regionCode = z.string().regex(/^\d{12}$/, 'a 12-digit region code');

const briefingQuery = z.strictObject({
  region: regionCode.optional(),
  date: z.string().refine(isCalendarDay, 'a calendar day YYYY-MM-DD').optional(),
});
const monthlyQuery = z.strictObject({
  region: regionCode.optional(),
  month: z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month YYYY-MM').optional(),
});
const quarterlyQuery = z.strictObject({
  region: regionCode.optional(),
  quarter: z.string().regex(/^\d{4}Q[1-4]$/, 'a quarter YYYYQn, e.g. 2026Q3').optional(),
});

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

/** The region asked for (the user's own when none), inside their jurisdiction — or 404 naming `region`. */
function regionInScope(c: Context<Env>, code: string | undefined) {
  const { db, scope } = c.var;
  const region = findRegion(db, code ?? scope.code);
  if (!region || !isWithin(db, region.code, scope.code)) throw new HttpError(404, 'region_not_found', `no region ${code} in your jurisdiction`, 'region');
  if (region.level === 'group') throw new HttpError(400, 'invalid_input', 'region: reports are for a county, township or village', 'region');
  return region;
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

export const reportsPdf = new Hono<Env>()
  .get('/briefing.pdf', validate('query', briefingQuery), (c) => {
    const q = c.req.valid('query');
    const region = regionInScope(c, q.region);
    const date = q.date ?? chinaDay(new Date(c.var.now()));
    return renderPdf(c, 'briefing', region, date, { region: region.code, date });
  })
  .get('/monthly.pdf', validate('query', monthlyQuery), (c) => {
    const q = c.req.valid('query');
    const region = regionInScope(c, q.region);
    const month = q.month ?? chinaDay(new Date(c.var.now())).slice(0, 7);
    return renderPdf(c, 'monthly', region, month, { region: region.code, month });
  })
  .get('/quarterly-warnings.pdf', validate('query', quarterlyQuery), (c) => {
    const q = c.req.valid('query');
    const region = regionInScope(c, q.region);
    const quarter = q.quarter ?? quarterOf(chinaDay(new Date(c.var.now())));
    return renderPdf(c, 'quarterly-warnings', region, quarter, { region: region.code, quarter });
  });
