// The dashboard's view lives in the URL (/dashboard?region=…&from=…&to=…), and the same `from`/`to`
// travel to the map and back, so a click on a chart lands on the map of the same region and days.
// Where each chart's click leads is written here, once: the map's own parameters (url-state.ts), the
// ledger screen's (/ledger?state=…&township=…), a warning on the map (?alert=).
import type { GradeKey, Structure } from '../../../server/domain/housing.ts';
import type { DashboardParams } from '../../api/dashboard.ts';
import type { LedgerState } from '../../../server/domain/ledger-states.ts';

export interface DashboardView {
  /** A township or village inside the jurisdiction; null: the user's own region. */
  region: string | null;
  from: string | null;
  to: string | null;
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const REGION = /^\d{12}$/;

export const isDay = (v: string | null | undefined): v is string => typeof v === 'string' && DAY.test(v) && !Number.isNaN(Date.parse(v));

export function parseDashboardView(search: string): DashboardView {
  const p = new URLSearchParams(search);
  const region = p.get('region');
  const from = p.get('from');
  const to = p.get('to');
  return { region: region && REGION.test(region) ? region : null, from: isDay(from) ? from : null, to: isDay(to) ? to : null };
}

function query(params: Record<string, string | null | undefined>): string {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) p.set(k, v);
  return p.toString().replaceAll('%2C', ',');
}

const withQuery = (path: string, params: Record<string, string | null | undefined>) => {
  const qs = query(params);
  return qs ? `${path}?${qs}` : path;
};

/** What GET /api/dashboard is asked for: the parameters that are set. */
export function dashboardParams(p: { region?: string | null; from?: string | null; to?: string | null; since?: string | null }): DashboardParams {
  const out: DashboardParams = {};
  if (p.region) out.region = p.region;
  if (p.from) out.from = p.from;
  if (p.to) out.to = p.to;
  if (p.since) out.since = p.since;
  return out;
}

export const dashboardHref = (v: DashboardView) => withQuery('/dashboard', { region: v.region, from: v.from, to: v.to });

/** What the map is filtered to (url-state.ts parameters), within the dashboard's region and days. */
export interface MapPick {
  grade?: GradeKey;
  structure?: Structure;
  key?: boolean;
  alert?: number;
  /** A child region picked (a township bar): it replaces the dashboard's region. */
  region?: string;
}

export function mapHref(v: DashboardView, pick: MapPick = {}): string {
  return withQuery('/', {
    grade: pick.grade,
    structure: pick.structure,
    key: pick.key ? '1' : null,
    region: pick.region ?? v.region,
    from: v.from,
    to: v.to,
    alert: pick.alert ? String(pick.alert) : null,
  });
}

/** The region's level from its 12-digit code (6 + 3 + 3 digits: county, township, village). */
export function levelOf(code: string): 'county' | 'township' | 'village' {
  if (code.endsWith('000000')) return 'county';
  return code.endsWith('000') ? 'township' : 'village';
}

/** The ledger screen at a stage (or every stage), within the region: /ledger?state=…&township=…&village=…. */
export function ledgerHref(region: string | null, pick: { state?: LedgerState; standing?: 'overdue'; moveOut?: boolean } = {}): string {
  const level = region ? levelOf(region) : 'county';
  return withQuery('/ledger', {
    state: pick.state,
    township: region && level !== 'county' ? `${region.slice(0, 9)}000` : null,
    village: region && level === 'village' ? region : null,
    standing: pick.standing,
    moveOut: pick.moveOut ? '1' : null,
  });
}

export const briefingHref = (region: string | null, since: string | null = null) => withQuery('/briefing', { region, since });

/** YYYY-MM-DD `days` before a day (calendar arithmetic in UTC: no time zone can shift it). */
export function daysBefore(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - days);
  return d.toISOString().slice(0, 10);
}

/** The quarter a day falls in, as the reports name it: 2026Q4. */
export const quarterOf = (day: string) => `${day.slice(0, 4)}Q${Math.ceil(Number(day.slice(5, 7)) / 3)}`;
