// The one source of numbers (issue 12): every figure the dashboard, the briefing, the PDF and XLSX reports
// and the exports show comes from here, and each is counted by the query its own screen uses — households
// by /api/stats' (db/households.ts), the ledger by /api/ledger's (db/ledger-list.ts ledgerTally), deadlines
// by /api/ledger/deadlines' (db/ledger-deadlines.ts), complaints by /api/complaints' and tasks by
// /api/tasks' — so a briefing can never disagree with the screen a leader opens next.
//
// Days are China days (domain/deadlines.ts); `now` is the instant behind the time-bound figures (tasks
// overdue, patrols in the last 24 hours). Without it they are counted at the start of `today`.
import { addDays } from '../domain/deadlines.ts';
import type { GradeKey } from '../domain/housing.ts';
import { appraisalWindows } from '../domain/ledger-deadlines.ts';
import { LEDGER_STATES, type LedgerState } from '../domain/ledger-states.ts';
import { chinaDayStart } from '../domain/periods.ts';
import { listAlerts, type Alert } from './alerts.ts';
import type { RegionExposure } from './alert-exposure.ts';
import { listComplaints } from './complaints.ts';
import type { Db } from './connection.ts';
import { dueDone, patrolInWindow, type DueDone, type Window } from './figures-patrol.ts';
import { tasksOfRegion } from './figures-due.ts';
import { trendSpan } from './figures-trends.ts';
import { householdStats, householdStatsByRegion, type HouseholdStats } from './households.ts';
import { regionClause } from './household-filter.ts';
import { appraisalsListedIn } from './ledger-deadlines.ts';
import { ledgerCte, ledgerTally, zeroStates, type LedgerGroup } from './ledger-list.ts';
import { patrolled, stopResults, stopResultsOf } from './patrol-coverage.ts';
import { childRegions } from './regions.ts';
import { prepared } from './statements.ts';

export { dueThisWeek, type DueItem, type DueKind } from './figures-due.ts';
export { weeklyTrends, type Trends } from './figures-trends.ts';

/** The region asked for, inside the caller's jurisdiction. */
export interface Scope {
  code: string;
  level: 'county' | 'township' | 'village';
}

export interface FigureOptions {
  today: string;
  now?: Date | undefined;
  /** The range of the time-bound figures (China days, inclusive); by default the trend's 12 weeks up to today. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface LedgerFigures {
  byState: Record<LedgerState, number>;
  /** C/D houses with their case open (在册危房). */
  inLedger: number;
  /** People still living in a house they must leave. */
  mustMoveOut: number;
  /** Households away in transitional housing (过渡安置), not home yet. */
  relocatedAway: number;
}

export interface RegionFigures {
  households: HouseholdStats;
  ledger: LedgerFigures;
  overdue: { appraisals: number; works: number; tasks: number; complaints: number };
  /** Stops due and patrolled in the last 24 hours, the last 7 days, and the range. */
  patrol: { last24h: DueDone; last7d: DueDone; range: DueDone };
}

export interface ChildFigures {
  code: string;
  name: string;
  households: number;
  byGrade: Record<GradeKey, number>;
  inLedger: number;
  overdueWorks: number;
  mustMoveOut: number;
  patrolled7d: number;
  patrolledInRange: number;
  suspected: number;
}

export interface Changes {
  since: string;
  /** Houses that turned suspect (疑似危房) since. */
  newSuspected: number;
  /** Cases closed out (销号: closed_out, or closed after demolition) since. */
  closedOut: number;
  /** Works deadlines (seed 001) missed since: due on a day from `since`, now overdue. */
  newOverdue: number;
}

export interface WarningFigures {
  alertId: number;
  type: Alert['type'];
  level: Alert['level'];
  title: string;
  /** Households of the region in the zone. */
  exposed: number;
  /** Of the region's houses: stops dispatched for the alert, and those patrolled (a field result). */
  dispatched: number;
  patrolled: number;
}

const HOUR = 3_600_000;

/** The instants of the figures: now, the last 24 h and 7 days, and the range's days. */
function windows(opts: FigureOptions) {
  const now = opts.now ?? new Date(chinaDayStart(opts.today));
  const span = trendSpan({ today: opts.today, weeks: 12, from: opts.from, to: opts.to });
  const at = (ms: number) => new Date(ms).toISOString();
  return {
    now,
    last24h: { from: at(now.getTime() - 24 * HOUR), to: at(now.getTime()) },
    last7d: { from: at(now.getTime() - 7 * 24 * HOUR), to: at(now.getTime()) },
    range: { from: chinaDayStart(span.from), to: chinaDayStart(addDays(span.to, 1)) } satisfies Window,
    span,
  };
}

/** The ledger figures of a region from its groups of ledgerTally; `households` gives the plainly monitored. */
export function ledgerFigures(groups: LedgerGroup[], households: number): LedgerFigures {
  const f: LedgerFigures = { byState: zeroStates(), inLedger: 0, mustMoveOut: 0, relocatedAway: 0 };
  for (const g of groups) {
    f.byState[g.state] += g.n;
    f.inLedger += g.dangerousOpen;
    f.mustMoveOut += g.mustMoveOut;
    f.relocatedAway += g.relocated;
  }
  // The ledger lists houses with a case; every other household's current house is plainly monitored.
  f.byState.monitoring = households - LEDGER_STATES.reduce((n, s) => n + (s === 'monitoring' ? 0 : f.byState[s]), 0);
  return f;
}

export function regionFigures(db: Db, scope: Scope, opts: FigureOptions): RegionFigures {
  const { today } = opts;
  const w = windows(opts);
  const households = householdStats(db, { scope });
  const groups = ledgerTally(db, { scope, today }, null);
  return {
    households,
    ledger: ledgerFigures(groups, households.total),
    overdue: {
      appraisals: appraisalsListedIn(db, scope, '', appraisalWindows(today).overdueBefore, 0).total,
      works: groups.reduce((n, g) => n + g.overdue, 0),
      tasks: tasksOfRegion(db, scope, { overdue: true }, w.now).length,
      complaints: listComplaints(db, scope, {}, today, { offset: 0, limit: 0 }).overdue,
    },
    patrol: {
      last24h: dueDone(patrolInWindow(db, scope, w.last24h, false)),
      last7d: dueDone(patrolInWindow(db, scope, w.last7d, false)),
      range: dueDone(patrolInWindow(db, scope, w.range, false)),
    },
  };
}

/** The child level of a region: townships of a county, villages of a township; a village has none here. */
export const childLevelOf = (scope: Scope): 'township' | 'village' | null =>
  scope.level === 'county' ? 'township' : scope.level === 'township' ? 'village' : null;

/** One row per child region (townships of a county, villages of a township), in code order, zeros included. */
export function childFigures(db: Db, scope: Scope, opts: FigureOptions): ChildFigures[] {
  const level = childLevelOf(scope);
  if (!level) return [];
  const w = windows(opts);
  const stats = householdStatsByRegion(db, { scope }, level);
  const ledger = new Map<string, LedgerFigures>();
  const groups = ledgerTally(db, { scope, today: opts.today }, level);
  for (const code of new Set(groups.map((g) => g.code))) {
    ledger.set(code, ledgerFigures(groups.filter((g) => g.code === code), stats.get(code)?.total ?? 0));
  }
  const overdue = new Map<string, number>();
  for (const g of groups) overdue.set(g.code, (overdue.get(g.code) ?? 0) + g.overdue);
  const week = patrolInWindow(db, scope, w.last7d, true);
  const range = patrolInWindow(db, scope, w.range, true);
  return childRegions(db, scope.code).map(({ code, name }) => {
    const s = stats.get(code);
    const l = ledger.get(code);
    return {
      code,
      name,
      households: s?.total ?? 0,
      byGrade: s?.byGrade ?? { A: 0, B: 0, C: 0, D: 0, none: 0 },
      inLedger: l?.inLedger ?? 0,
      overdueWorks: overdue.get(code) ?? 0,
      mustMoveOut: l?.mustMoveOut ?? 0,
      patrolled7d: dueDone(week, code).done,
      patrolledInRange: dueDone(range, code).done,
      suspected: l?.byState.suspected ?? 0,
    };
  });
}

/** What changed since a day (inclusive) up to today: for the briefing's "since the last meeting". */
export function changesSince(db: Db, scope: Scope, since: string, today: string): Changes {
  const params: Record<string, unknown> = { since, today };
  const inScope = regionClause(scope, 'scope', params) ?? '1 = 1';
  const moved = prepared(
    db,
    `SELECT count(DISTINCT CASE WHEN x.to_state = 'suspected' THEN x.house_id END) AS suspected,
            coalesce(sum(x.to_state IN ('closed_out', 'closed')), 0) AS closedOut
       FROM house_transitions x JOIN houses o ON o.id = x.house_id JOIN households h ON h.id = o.household_id
      WHERE x.on_date BETWEEN @since AND @today AND x.to_state IN ('suspected', 'closed_out', 'closed') AND ${inScope}`,
  ).get(params) as { suspected: number; closedOut: number };
  const cte = ledgerCte({ scope, today });
  const newOverdue = (
    prepared(db, `${cte.sql} SELECT count(*) AS n FROM ledger WHERE standing = 'overdue' AND works_due_on >= @since`).get({ ...cte.params, since }) as {
      n: number;
    }
  ).n;
  return { since, newSuspected: moved.suspected, closedOut: moved.closedOut, newOverdue };
}

/**
 * The active warnings with their reach in the region: households exposed (the exposure engine's counts,
 * db/alert-exposure.ts exposureByRegion) and the stops
 * dispatched and patrolled for each — counted as the dispatch board's coverage counts them.
 */
export function warningFigures(db: Db, scope: Scope, alerts: readonly Alert[], exposure: readonly RegionExposure[]): WarningFigures[] {
  const exposed = new Map(exposure.map((e) => [e.alertId, e.total]));
  const stops = stopResults(db, alerts.map((a) => `alert:${a.id}`), { scope });
  return alerts.map((a) => {
    const s = stopResultsOf(stops, `alert:${a.id}`);
    return {
      alertId: a.id,
      type: a.type,
      level: a.level,
      title: a.headline,
      exposed: exposed.get(a.id) ?? 0,
      dispatched: s.dispatched,
      patrolled: patrolled(s),
    };
  });
}

/** The warnings in force now that the region sees (its own, and those of the regions above it). */
export function activeAlerts(db: Db, scope: Scope, now: Date): Alert[] {
  return listAlerts(db, { scope, status: 'active', limit: ALERTS_AT_MOST, offset: 0 }, now).alerts;
}

/** Alerts the region saw in force at some time of a period (China days, inclusive), for the quarterly statistics. */
export function alertsInPeriod(db: Db, scope: Scope, from: string, to: string, now: Date): Alert[] {
  return listAlerts(db, { scope, status: 'all', from: chinaDayStart(from), to: chinaDayStart(addDays(to, 1)), limit: ALERTS_AT_MOST, offset: 0 }, now).alerts;
}

/** The alert list's own page limit (GET /api/alerts): a county sees far fewer warnings at once. */
const ALERTS_AT_MOST = 1000;
