// The rectification ledger as a list (整改台账): every house with a case running or closed out, filtered,
// sorted and paged, with counts per stage and township, limited to the caller's jurisdiction. The
// deadline lists (db/ledger-deadlines.ts) read the same rows.
import { addDays, DUE_SOON_DAYS, type DeadlineStanding } from '../domain/deadlines.ts';
import type { Grade, GradeKey, Structure } from '../domain/housing.ts';
import { CASE_STATES, LEDGER_STATES, WORKS_DEADLINE_STATES, type LedgerState } from '../domain/ledger-states.ts';
import type { Db } from './connection.ts';
import { householdFilterSql, type RegionRef } from './household-filter.ts';
import { CASE_JOINS, STANDING_SQL } from './ledger-facts.ts';
import { prepared } from './statements.ts';

export const PLAN_MODES = ['repair_strengthen', 'rebuild', 'new_site', 'guarantee'] as const;
export type PlanMode = (typeof PLAN_MODES)[number];
export const STANDINGS = ['met', 'late', 'open', 'due_soon', 'overdue'] as const satisfies readonly DeadlineStanding[];
/** The states of the ledger: every one but plain monitoring. */
export type LedgerListState = Exclude<LedgerState, 'monitoring'>;
export const LEDGER_LIST_STATES = LEDGER_STATES.filter((s): s is LedgerListState => s !== 'monitoring') as [LedgerListState, ...LedgerListState[]];
export const LEDGER_SORTS = ['due', 'state', 'village', 'grade', 'opened'] as const;
export type LedgerSort = (typeof LEDGER_SORTS)[number];

export interface LedgerQuery {
  scope: RegionRef;
  today: string;
  states?: LedgerListState[];
  township?: string;
  village?: string;
  grades?: GradeKey[];
  standings?: DeadlineStanding[];
  modes?: PlanMode[];
  mustMoveOut?: boolean;
  q?: string;
  sort: LedgerSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

export interface LedgerRow {
  houseId: number;
  householdId: number;
  householdNo: string;
  headName: string;
  townshipCode: string;
  townshipName: string;
  villageCode: string;
  villageName: string;
  structure: Structure;
  grade: Grade | null;
  state: LedgerState;
  caseId: number | null;
  openedOn: string | null;
  dangerousOn: string | null;
  worksDueOn: string | null;
  standing: DeadlineStanding | null;
  planMode: PlanMode | null;
  mustMoveOut: boolean;
  relocated: boolean;
}

export interface TownshipCounts {
  code: string;
  name: string;
  byState: Record<LedgerState, number>;
  overdue: number;
  mustMoveOut: number;
}

export interface LedgerPage {
  rows: LedgerRow[];
  total: number;
  page: number;
  pageSize: number;
  counts: { byState: Record<LedgerState, number>; byTownship: TownshipCounts[] };
  today: string;
}

/** A row of the `ledger` CTE. */
export interface RawRow {
  house_id: number;
  household_id: number;
  household_no: string;
  head_name: string;
  township_code: string;
  township_name: string;
  village_code: string;
  village_name: string;
  structure: Structure;
  grade: Grade | null;
  state: LedgerState;
  case_id: number | null;
  opened_on: string | null;
  dangerous_on: string | null;
  works_due_on: string | null;
  standing: DeadlineStanding | null;
  plan_mode: PlanMode | null;
  must_move_out: number;
  relocated: number;
}

export const toRow = (r: RawRow): LedgerRow => ({
  houseId: r.house_id,
  householdId: r.household_id,
  householdNo: r.household_no,
  headName: r.head_name,
  townshipCode: r.township_code,
  townshipName: r.township_name,
  villageCode: r.village_code,
  villageName: r.village_name,
  structure: r.structure,
  grade: r.grade,
  state: r.state,
  caseId: r.case_id,
  openedOn: r.opened_on,
  dangerousOn: r.dangerous_on,
  worksDueOn: r.works_due_on,
  standing: r.standing,
  planMode: r.plan_mode,
  mustMoveOut: r.must_move_out === 1,
  relocated: r.relocated === 1,
});

/** The machine's order of states, for sorting by stage. */
const STATE_RANK = `CASE o.status ${LEDGER_STATES.map((s, i) => `WHEN '${s}' THEN ${i}`).join(' ')} END`;

/**
 * The ledger houses of the jurisdiction with every column a row, a filter or a sort needs, as the CTE
 * `ledger`. Base filters (scope, grade, search) are applied here; the rest by `ledgerWhere`.
 */
export function ledgerCte(q: Pick<LedgerQuery, 'scope' | 'grades' | 'q' | 'today'>): { sql: string; params: Record<string, unknown> } {
  const { from, where, params } = householdFilterSql({
    scope: q.scope,
    statuses: LEDGER_LIST_STATES,
    ...(q.grades ? { grades: q.grades } : {}),
    ...(q.q ? { q: q.q } : {}),
  });
  const sql = `WITH ledger AS (
    SELECT o.id AS house_id, h.id AS household_id, h.household_no, h.head_name,
           h.township_code, t.name AS township_name, h.village_code, v.name AS village_name,
           o.structure, o.grade, o.status AS state, ${STATE_RANK} AS state_rank,
           c.id AS case_id, c.opened_on, c.dangerous_on, c.works_due_on, p.mode AS plan_mode,
           ${STANDING_SQL} AS standing,
           o.status IN (${WORKS_DEADLINE_STATES.map((x) => `'${x}'`).join(', ')}) AS deadline_running,
           o.move_out_required AS must_move_out,
           rel.id IS NOT NULL AS relocated
      FROM ${from}
      JOIN regions t ON t.code = h.township_code
      JOIN regions v ON v.code = h.village_code
      ${CASE_JOINS}
      ${where})`;
  return { sql, params: { ...params, today: q.today, soon: addDays(q.today, DUE_SOON_DAYS) } };
}

/** What narrows the ledger, beyond the jurisdiction: every filter of the list, none of its paging. */
export type LedgerFilter = Omit<LedgerQuery, 'sort' | 'dir' | 'page' | 'pageSize'>;
/** Which ledger houses in what order: the list's filters and sort, without the page (the export's). */
export type LedgerListing = Omit<LedgerQuery, 'page' | 'pageSize'>;

/** The filters on derived columns, over `ledger`; `withState` false for the counts per state. */
function ledgerWhere(q: LedgerFilter, params: Record<string, unknown>, withState: boolean): string {
  const where: string[] = [];
  const inList = (column: string, name: string, values: readonly string[]): void => {
    values.forEach((v, i) => (params[`${name}${i}`] = v));
    where.push(`${column} IN (${values.map((_, i) => `@${name}${i}`).join(', ')})`);
  };
  if (withState && q.states) inList('state', 'lstate', q.states);
  if (q.standings) inList('standing', 'standing', q.standings);
  if (q.modes) inList('plan_mode', 'mode', q.modes);
  if (q.township) {
    params.township = q.township;
    where.push('township_code = @township');
  }
  if (q.village) {
    params.village = q.village;
    where.push('village_code = @village');
  }
  if (q.mustMoveOut !== undefined) {
    params.mustMoveOut = q.mustMoveOut ? 1 : 0;
    where.push('must_move_out = @mustMoveOut');
  }
  return where.length ? `WHERE ${where.join(' AND ')}` : '';
}

/**
 * Nulls last whichever way; ties broken by house, so pages never overlap. By due day, the houses whose
 * works deadline still runs come first (ascending: the most urgent first), then the rest.
 */
function orderBy(sort: LedgerSort, dir: 'asc' | 'desc'): string {
  const d = dir === 'asc' ? 'ASC' : 'DESC';
  switch (sort) {
    case 'due':
      return `deadline_running DESC, works_due_on IS NULL, works_due_on ${d}, house_id`;
    case 'state':
      return `state_rank ${d}, works_due_on IS NULL, works_due_on, house_id`;
    case 'village':
      return `village_code ${d}, household_no ${d}, house_id`;
    case 'grade':
      return `grade IS NULL, grade ${d}, house_id`;
    case 'opened':
      return `opened_on IS NULL, opened_on ${d}, house_id`;
  }
}

export const zeroStates = (): Record<LedgerState, number> => Object.fromEntries(LEDGER_STATES.map((s) => [s, 0])) as Record<LedgerState, number>;

/**
 * The ledger rows of a filter in its order, read one at a time: a page of them for the list, all of
 * them for the export (routes/exports.ts), so both read the same rows the same way.
 */
export function* ledgerRows(db: Db, q: LedgerListing, page: { limit: number; offset: number } = { limit: -1, offset: 0 }): Generator<LedgerRow> {
  const cte = ledgerCte(q);
  const params = { ...cte.params };
  const where = ledgerWhere(q, params, true);
  const rows = prepared(db, `${cte.sql} SELECT * FROM ledger ${where} ORDER BY ${orderBy(q.sort, q.dir)} LIMIT @limit OFFSET @offset`).iterate({
    ...params,
    ...page,
  }) as IterableIterator<RawRow>;
  for (const r of rows) yield toRow(r);
}

/** How many rows ledgerRows gives for a filter: the list's total, from the same tally. */
export function countLedger(db: Db, q: LedgerFilter): number {
  return ledgerTally(db, q, null)
    .filter((g) => !q.states || q.states.includes(g.state as LedgerListState))
    .reduce((n, g) => n + g.n, 0);
}

/** One page of the ledger, its total, and counts per state and township under the same filters but the state. */
export function listLedger(db: Db, q: LedgerQuery): LedgerPage {
  const rows = [...ledgerRows(db, q, { limit: q.pageSize, offset: (q.page - 1) * q.pageSize })];

  const groups = ledgerTally(db, q, 'township');
  const byState = zeroStates();
  const byTownship = new Map<string, TownshipCounts>(
    townshipsOf(db, q).map((t) => [t.code, { ...t, byState: zeroStates(), overdue: 0, mustMoveOut: 0 }]),
  );
  // The groups hold every filter but the state's, so the page's total is theirs in the states asked for.
  let total = 0;
  for (const g of groups) {
    byState[g.state] += g.n;
    if (!q.states || q.states.includes(g.state as LedgerListState)) total += g.n;
    const t = byTownship.get(g.code);
    if (!t) continue;
    t.byState[g.state] += g.n;
    t.overdue += g.overdue;
    t.mustMoveOut += g.mustMoveOut;
  }
  return { rows, total, page: q.page, pageSize: q.pageSize, counts: { byState, byTownship: [...byTownship.values()] }, today: q.today };
}

/** One group of the ledger's counts: houses of a region (township or village; '' when not grouped) in one state. */
export interface LedgerGroup {
  code: string;
  state: LedgerState;
  n: number;
  /** Works deadline passed, works not done (standing overdue). */
  overdue: number;
  mustMoveOut: number;
  /** The household is away in transitional housing (an open relocation). */
  relocated: number;
  /** Graded C or D with its case open: the dangerous houses still in the ledger. */
  dangerousOpen: number;
}

const GROUP_COLUMN = { township: 'township_code', village: 'village_code' } as const;

/**
 * The ledger's counts per state and region, under every filter but the state: the stage tabs and the
 * township strip of /api/ledger, and every figure of the dashboard and the reports, come from here.
 */
export function ledgerTally(db: Db, q: LedgerFilter, by: 'township' | 'village' | null): LedgerGroup[] {
  const cte = ledgerCte(q);
  const params = { ...cte.params };
  const where = ledgerWhere(q, params, false);
  const code = by ? GROUP_COLUMN[by] : "''";
  return prepared(
    db,
    `${cte.sql} SELECT ${code} AS code, state, count(*) AS n, sum(standing IS 'overdue') AS overdue, sum(must_move_out) AS mustMoveOut,
            sum(relocated) AS relocated, sum(grade IS NOT NULL AND grade IN ('C', 'D') AND state IN (${CASE_STATES.map((x) => `'${x}'`).join(', ')})) AS dangerousOpen
       FROM ledger ${where} GROUP BY ${code}, state`,
  ).all(params) as LedgerGroup[];
}

/** The townships the counts are given for: those of the jurisdiction, narrowed by the township or village asked for. */
function townshipsOf(db: Db, q: Pick<LedgerFilter, 'scope' | 'township' | 'village'>): { code: string; name: string }[] {
  const narrowest = q.village ?? q.township ?? q.scope.code;
  const sql = `SELECT code, name FROM regions WHERE level = 'township' AND (code = @code OR parent_code = @code
      OR code = (SELECT parent_code FROM regions WHERE code = @code)
      OR code = (SELECT p.parent_code FROM regions g JOIN regions p ON p.code = g.parent_code WHERE g.code = @code))
    ORDER BY code`;
  return prepared(db, sql).all({ code: narrowest }) as { code: string; name: string }[];
}
