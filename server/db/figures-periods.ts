// The figures of the reports counties file upward: the monthly progress report (seed 003: by the 22nd)
// and the quarterly warning statistics (seed 002). The standing tables (township × grade, township ×
// ledger stage) are the dashboard's own figures on the day of issue; what happened in the month or
// quarter is counted from the history tables — the ledger's transitions, relocations, complaints and the
// stops of the warnings' patrols.
import { ALERT_LEVELS, ALERT_TYPES, type AlertLevel, type AlertType } from '../domain/alerts.ts';
import type { GradeKey } from '../domain/housing.ts';
import type { LedgerState } from '../domain/ledger-states.ts';
import type { Period } from '../domain/periods.ts';
import { exposureByRegion, type RegionExposure } from './alert-exposure.ts';
import type { Alert } from './alerts.ts';
import { scopeClause as complaintScope } from './complaints.ts';
import type { Db } from './connection.ts';
import { alertsInPeriod, childFigures, childLevelOf, ledgerFigures, regionFigures, type Scope } from './figures.ts';
import { REGION_COLUMN, regionClause } from './household-filter.ts';
import { ledgerTally } from './ledger-list.ts';
import { patrolled, stopResults, stopResultsOf } from './patrol-coverage.ts';
import { childRegions } from './regions.ts';
import { prepared } from './statements.ts';

export interface ReportRegion {
  code: string;
  name: string;
  level: Scope['level'];
}

export interface MonthlyFigures {
  households: number;
  byGrade: Record<GradeKey, number>;
  byState: Record<LedgerState, number>;
  worksStarted: number;
  worksCompleted: number;
  accepted: number;
  /** 销号: closed out after accepted works, or closed after demolition. */
  closedOut: number;
  /** Households moved out to transitional housing (过渡安置) in the month. */
  relocated: number;
  complaintsReceived: number;
  complaintsAnswered: number;
}

export interface MonthlyReport {
  region: ReportRegion;
  month: string;
  issuedOn: string;
  byChild: (MonthlyFigures & { code: string; name: string })[];
  /** The region's own figures: complaints not yet placed in a township count here and in no row. */
  totals: MonthlyFigures;
}

export interface QuarterlyFigures {
  /** Warnings in force during the quarter that reached the region (totals: every one the region saw). */
  alerts: number;
  /** Households in their zones, summed over the warnings (户次). */
  exposed: number;
  /** Stops of the warnings' patrols with a field result (户次). */
  patrolled: number;
  /** Of those, found hazardous or uninhabitable. */
  foundDangerous: number;
  /** Households moved out to transitional housing during the quarter. */
  movedOut: number;
}

export interface QuarterlyReport {
  region: ReportRegion;
  quarter: string;
  issuedOn: string;
  alerts: { type: AlertType; level: AlertLevel; count: number }[];
  byChild: (QuarterlyFigures & { code: string; name: string })[];
  totals: QuarterlyFigures;
}

type Counts<K extends string> = Map<string, Record<K, number>>;

/** What the ledger did in a period, per child region ('' for the region). */
function ledgerMoves(db: Db, scope: Scope, p: Period, child: string): Counts<'worksStarted' | 'worksCompleted' | 'accepted' | 'closedOut'> {
  const params: Record<string, unknown> = { from: p.from, to: p.to };
  const inScope = regionClause(scope, 'scope', params) ?? '1 = 1';
  const rows = prepared(
    db,
    `SELECT ${child} AS code, sum(x.action = 'start_works') AS worksStarted, sum(x.action = 'complete_works') AS worksCompleted,
            sum(x.action = 'accept') AS accepted, sum(x.to_state IN ('closed_out', 'closed')) AS closedOut
       FROM house_transitions x JOIN houses o ON o.id = x.house_id JOIN households h ON h.id = o.household_id
      WHERE x.on_date BETWEEN @from AND @to AND ${inScope} GROUP BY ${child}`,
  ).all(params) as { code: string; worksStarted: number; worksCompleted: number; accepted: number; closedOut: number }[];
  return new Map(rows.map(({ code, ...r }) => [code, r]));
}

/** Households moved out to transitional housing in a period, per child region. */
function relocations(db: Db, scope: Scope, p: Period, child: string): Map<string, number> {
  const params: Record<string, unknown> = { from: p.from, to: p.to };
  const inScope = regionClause(scope, 'scope', params) ?? '1 = 1';
  const rows = prepared(
    db,
    `SELECT ${child} AS code, count(*) AS n FROM relocations r JOIN households h ON h.id = r.household_id
      WHERE r.moved_on BETWEEN @from AND @to AND ${inScope} GROUP BY ${child}`,
  ).all(params) as { code: string; n: number }[];
  return new Map(rows.map((r) => [r.code, r.n]));
}

/** Complaints received and answered in a period, per child region of the complaint's place. */
function complaintFlow(db: Db, scope: Scope, p: Period, child: string | null): Counts<'received' | 'answered'> {
  const params: Record<string, unknown> = { from: p.from, to: p.to };
  const code = child ?? "''";
  const rows = prepared(
    db,
    `SELECT ${code} AS code, sum(c.received_on BETWEEN @from AND @to) AS received,
            sum(c.answered_on IS NOT NULL AND c.answered_on BETWEEN @from AND @to) AS answered
       FROM complaints c WHERE ${complaintScope(scope, params)} AND (c.received_on BETWEEN @from AND @to OR c.answered_on BETWEEN @from AND @to)
      GROUP BY ${code}`,
  ).all(params) as { code: string; received: number; answered: number }[];
  return new Map(rows.map(({ code: k, ...r }) => [k, r]));
}

const COMPLAINT_CHILD = { township: 'c.township_code', village: 'c.village_code' } as const;

export function monthlyReport(db: Db, region: ReportRegion, month: string, p: Period, today: string): MonthlyReport {
  const scope: Scope = { code: region.code, level: region.level };
  const level = childLevelOf(scope);
  const events = (child: string | null) => {
    const column = child ?? "''";
    const moves = ledgerMoves(db, scope, p, column);
    const moved = relocations(db, scope, p, column);
    const complaints = complaintFlow(db, scope, p, child && level ? COMPLAINT_CHILD[level] : null);
    return (code: string) => ({
      worksStarted: moves.get(code)?.worksStarted ?? 0,
      worksCompleted: moves.get(code)?.worksCompleted ?? 0,
      accepted: moves.get(code)?.accepted ?? 0,
      closedOut: moves.get(code)?.closedOut ?? 0,
      relocated: moved.get(code) ?? 0,
      complaintsReceived: complaints.get(code)?.received ?? 0,
      complaintsAnswered: complaints.get(code)?.answered ?? 0,
    });
  };
  const own = regionFigures(db, scope, { today });
  const totals: MonthlyFigures = { households: own.households.total, byGrade: own.households.byGrade, byState: own.ledger.byState, ...events(null)('') };
  const byChild: MonthlyReport['byChild'] = [];
  if (level) {
    const groups = ledgerTally(db, { scope, today }, level);
    const eventsOf = events(REGION_COLUMN[level]);
    for (const row of childFigures(db, scope, { today })) {
      const { byState } = ledgerFigures(groups.filter((g) => g.code === row.code), row.households);
      byChild.push({ code: row.code, name: row.name, households: row.households, byGrade: row.byGrade, byState, ...eventsOf(row.code) });
    }
  }
  return { region, month, issuedOn: today, byChild, totals };
}

/** The quarterly warning statistics of a region: its warnings of the quarter and their exposure per child region, then quarterlyReport. */
export function quarterlyWarnings(db: Db, region: ReportRegion, quarter: string, p: Period, today: string, now: Date): QuarterlyReport {
  const scope: Scope = { code: region.code, level: region.level };
  const alerts = alertsInPeriod(db, scope, p.from, p.to, now);
  return quarterlyReport(db, region, quarter, p, today, alerts, exposureByRegion(db, alerts, scope, childLevelOf(scope)));
}

/**
 * The quarterly warning statistics (seed 002): the warnings the region saw in force during the quarter,
 * by type and level, and per child region how many reached it, the households they exposed, the stops
 * patrolled for them and what they found, and the households moved out. `exposure` is the warnings'
 * exposure per child region (db/alert-exposure.ts exposureByRegion).
 */
export function quarterlyReport(
  db: Db,
  region: ReportRegion,
  quarter: string,
  p: Period,
  today: string,
  alerts: readonly Alert[],
  exposure: readonly RegionExposure[],
): QuarterlyReport {
  const scope: Scope = { code: region.code, level: region.level };
  const level = childLevelOf(scope);
  const batches = alerts.map((a) => `alert:${a.id}`);
  const byType = new Map<string, number>();
  for (const a of alerts) byType.set(`${a.type}|${a.level}`, (byType.get(`${a.type}|${a.level}`) ?? 0) + 1);
  const alertCounts = ALERT_TYPES.flatMap((type) =>
    [...ALERT_LEVELS].reverse().flatMap((lv) => {
      const count = byType.get(`${type}|${lv}`) ?? 0;
      return count > 0 ? [{ type, level: lv, count }] : [];
    }),
  );

  const found = (tally: ReturnType<typeof stopResultsOf>[]) => ({
    patrolled: tally.reduce((n, t) => n + patrolled(t), 0),
    foundDangerous: tally.reduce((n, t) => n + t.byResult.hazard + t.byResult.uninhabitable, 0),
  });
  const regionStops = stopResults(db, batches, { scope });
  const totals: QuarterlyFigures = {
    alerts: alerts.length,
    exposed: exposure.reduce((n, e) => n + e.total, 0),
    ...found(batches.map((b) => stopResultsOf(regionStops, b))),
    movedOut: relocations(db, scope, p, "''").get('') ?? 0,
  };
  const byChild: QuarterlyReport['byChild'] = [];
  if (level) {
    const childStops = stopResults(db, batches, { scope, byChild: true });
    const moved = relocations(db, scope, p, REGION_COLUMN[level]!);
    for (const { code, name } of childRegions(db, scope.code)) {
      const reached = exposure.filter((e) => (e.byChild[code] ?? 0) > 0);
      byChild.push({
        code,
        name,
        alerts: reached.length,
        exposed: reached.reduce((n, e) => n + e.byChild[code]!, 0),
        ...found(batches.map((b) => stopResultsOf(childStops, `${b}|${code}`))),
        movedOut: moved.get(code) ?? 0,
      });
    }
  }
  return { region, quarter, issuedOn: today, alerts: alertCounts, byChild, totals };
}
