// Weekly trends from the history tables, by China-time week (Monday to Sunday, domain/periods.ts): stops
// due and patrolled, appraisals that found a house dangerous and that found it safe again, and the works
// overdue in each child region at each week's end, replayed from the ledger's cases and transitions.
import { addDays, deadlineStanding } from '../domain/deadlines.ts';
import { WORKS_DEADLINE_STATES, type LedgerState } from '../domain/ledger-states.ts';
import { chinaDayStart, mondayOf, mondaysBetween, weekEnd } from '../domain/periods.ts';
import type { Db } from './connection.ts';
import { REGION_COLUMN, regionClause, type RegionRef } from './household-filter.ts';
import { patrolByDay } from './figures-patrol.ts';
import { childRegions } from './regions.ts';
import { prepared } from './statements.ts';

export interface Trends {
  /** The Monday of each week, oldest first. */
  weeks: string[];
  patrolled: number[];
  due: number[];
  /** Appraisals that graded a house C or D. */
  toDangerous: number[];
  /** Appraisals that graded A or B a household whose house was C or D at its appraisal before. */
  toSafe: number[];
  /** Works overdue (seed 001) in each child region at the end of each week (today for this week). */
  overdueByChild: { code: string; name: string; values: number[] }[];
}

export interface TrendSpan {
  weeks: string[];
  /** First and last China day counted: the weeks clipped to the range asked for and to today. */
  from: string;
  to: string;
}

/** The weeks of a trend: the `weeks` weeks up to today, or those of [from, to]; never past today. */
export function trendSpan(opts: { today: string; weeks: number; from?: string | undefined; to?: string | undefined }): TrendSpan {
  const to = opts.to && opts.to < opts.today ? opts.to : opts.today;
  const from = opts.from ?? addDays(mondayOf(opts.today), -7 * (opts.weeks - 1));
  return { weeks: from <= to ? mondaysBetween(from, to) : [], from, to };
}

/** `h` in scope, as a WHERE term ('1 = 1' for the county). */
function householdScope(scope: RegionRef, params: Record<string, unknown>): string {
  return regionClause(scope, 'scope', params) ?? '1 = 1';
}

export function weeklyTrends(
  db: Db,
  scope: RegionRef,
  opts: { today: string; weeks: number; from?: string | undefined; to?: string | undefined },
): Trends {
  const span = trendSpan(opts);
  const index = new Map(span.weeks.map((w, i) => [w, i]));
  const zeros = () => span.weeks.map(() => 0);
  const trends: Trends = { weeks: span.weeks, patrolled: zeros(), due: zeros(), toDangerous: zeros(), toSafe: zeros(), overdueByChild: [] };
  if (span.weeks.length === 0) return trends;
  const week = (day: string) => index.get(mondayOf(day));

  for (const d of patrolByDay(db, scope, { from: chinaDayStart(span.from), to: chinaDayStart(addDays(span.to, 1)) })) {
    const i = week(d.day);
    if (i === undefined) continue;
    trends.due[i]! += d.due;
    trends.patrolled[i]! += d.done;
  }
  for (const d of appraisalsByDay(db, scope, span.from, span.to)) {
    const i = week(d.day);
    if (i === undefined) continue;
    trends.toDangerous[i]! += d.dangerous;
    trends.toSafe[i]! += d.safe;
  }
  trends.overdueByChild = overdueAtWeekEnds(db, scope, span);
  return trends;
}

/**
 * Graded appraisals per day: those that found C/D, and those that found A/B where the household's
 * appraisal before was C/D — of the same house (repaired) or of the old one (rebuilt elsewhere).
 */
function appraisalsByDay(db: Db, scope: RegionRef, from: string, to: string): { day: string; dangerous: number; safe: number }[] {
  const params: Record<string, unknown> = { from, to };
  const inScope = householdScope(scope, params);
  return prepared(
    db,
    `WITH graded AS (
       SELECT a.appraised_on AS day, a.grade, o.household_id,
              lag(a.grade) OVER (PARTITION BY o.household_id ORDER BY a.appraised_on, a.id) AS before
         FROM appraisals a JOIN houses o ON o.id = a.house_id WHERE a.grade IS NOT NULL)
     SELECT g.day, sum(g.grade IN ('C', 'D')) AS dangerous, sum(g.grade IN ('A', 'B') AND coalesce(g.before IN ('C', 'D'), 0)) AS safe
       FROM graded g JOIN households h ON h.id = g.household_id
      WHERE g.day BETWEEN @from AND @to AND ${inScope} GROUP BY g.day`,
  ).all(params) as { day: string; dangerous: number; safe: number }[];
}

interface CaseHistory {
  id: number;
  code: string;
  due: string;
  done: string | null;
  /** [China day, state after] of each move of the case, in order. */
  moves: [string, LedgerState][];
}

/**
 * Works overdue per child region at each week's end: a case is overdue on a day when its state that day
 * (its last move on or before it) is one whose works deadline runs, and the deadline has passed with the
 * works not completed by then — the ledger's standing (db/ledger-facts.ts), replayed on that day.
 */
function overdueAtWeekEnds(db: Db, scope: RegionRef, span: TrendSpan): Trends['overdueByChild'] {
  if (scope.level !== 'county' && scope.level !== 'township') return [];
  const childLevel = scope.level === 'county' ? 'township' : 'village';
  const ends = span.weeks.map((m) => (weekEnd(m) < span.to ? weekEnd(m) : span.to));
  const params: Record<string, unknown> = { firstEnd: ends[0], lastEnd: ends.at(-1) };
  const inScope = householdScope(scope, params);
  // Only cases that can be overdue at some week's end: due before the last, not finished or closed before the first.
  const cases = prepared(
    db,
    `SELECT c.id, ${REGION_COLUMN[childLevel]} AS code, c.works_due_on AS due, p.works_completed_on AS done
       FROM ledger_cases c JOIN households h ON h.id = c.household_id LEFT JOIN rectification_plans p ON p.case_id = c.id
      WHERE c.works_due_on IS NOT NULL AND c.works_due_on < @lastEnd AND (c.closed_on IS NULL OR c.closed_on > @firstEnd)
        AND (p.works_completed_on IS NULL OR p.works_completed_on > @firstEnd) AND ${inScope}`,
  ).all(params) as Omit<CaseHistory, 'moves'>[];
  const byCase = new Map<number, CaseHistory>(cases.map((c) => [c.id, { ...c, moves: [] }]));
  const moves = prepared(
    db,
    `SELECT case_id AS caseId, on_date AS day, to_state AS state FROM house_transitions
      WHERE case_id IN (SELECT value FROM json_each(@ids)) ORDER BY case_id, on_date, id`,
  ).all({ ids: JSON.stringify(cases.map((c) => c.id)) }) as { caseId: number; day: string; state: LedgerState }[];
  for (const m of moves) byCase.get(m.caseId)!.moves.push([m.day, m.state]);

  const rows = childRegions(db, scope.code).map((r) => ({ ...r, values: ends.map(() => 0) }));
  const rowOf = new Map(rows.map((r) => [r.code, r]));
  for (const c of byCase.values()) {
    const row = rowOf.get(c.code);
    if (!row) continue;
    ends.forEach((day, i) => {
      if (isOverdueOn(c, day)) row.values[i]!++;
    });
  }
  return rows;
}

function isOverdueOn(c: CaseHistory, day: string): boolean {
  let state: LedgerState | null = null;
  for (const [on, to] of c.moves) {
    if (on > day) break;
    state = to;
  }
  if (!state || !WORKS_DEADLINE_STATES.includes(state)) return false;
  return deadlineStanding(c.due, day, c.done !== null && c.done <= day ? c.done : null) === 'overdue';
}
