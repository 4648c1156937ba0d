// The ledger's deadline lists, most urgent first, in the caller's jurisdiction: works due soon or
// overdue (seed 001), appraisals due a month after a household is listed (seed 003), idle houses not
// looked at for IDLE_CHECK_DAYS (seed 001's 专人定期查看).
import { addDays, appraisalDueOn } from '../domain/deadlines.ts';
import type { Grade } from '../domain/housing.ts';
import { appraisalWindows, IDLE_CHECK_DAYS, idleCheckDueOn } from '../domain/ledger-deadlines.ts';
import type { LedgerState } from '../domain/ledger-states.ts';
import type { Db } from './connection.ts';
import { householdFilterSql, type RegionRef } from './household-filter.ts';
import { ledgerCte, toRow, type LedgerRow, type RawRow } from './ledger-list.ts';
import { prepared } from './statements.ts';

/** How many rows of each deadline list are sent; the totals count them all. */
export const DEADLINE_ROWS = 100;

export interface DeadlineList<R> {
  total: number;
  rows: R[];
}

export interface HouseholdRef {
  householdId: number;
  householdNo: string;
  headName: string;
  townshipCode: string;
  townshipName: string;
  villageCode: string;
  villageName: string;
  houseId: number;
  state: LedgerState;
  grade: Grade | null;
}

/** seed 003: a household listed on `listedOn`, its house not appraised since. */
export interface AppraisalDue extends HouseholdRef {
  listedOn: string;
  dueOn: string;
}

/** An idle or sealed house (闲置危房) whose regular look is overdue. */
export interface IdleCheckDue extends HouseholdRef {
  lastCheckedOn: string | null;
  /** The day it was left idle. */
  idleSince: string | null;
  dueOn: string;
}

export interface Deadlines {
  today: string;
  works: { dueSoon: DeadlineList<LedgerRow>; overdue: DeadlineList<LedgerRow> };
  appraisals: { dueSoon: DeadlineList<AppraisalDue>; overdue: DeadlineList<AppraisalDue> };
  idleChecks: { overdue: DeadlineList<IdleCheckDue> };
}

const REF_COLUMNS = `h.id AS householdId, h.household_no AS householdNo, h.head_name AS headName,
  h.township_code AS townshipCode, t.name AS townshipName, h.village_code AS villageCode, v.name AS villageName,
  o.id AS houseId, o.status AS state, o.grade`;

/** Works due soon and overdue, appraisals due soon and overdue, idle-house checks overdue: totals and the most urgent rows. */
export function listDeadlines(db: Db, scope: RegionRef, today: string): Deadlines {
  return {
    today,
    works: worksDue(db, scope, today),
    appraisals: appraisalsDue(db, scope, today),
    idleChecks: { overdue: idleChecksOverdue(db, scope, today) },
  };
}

/** Works due soon and overdue: one pass over the ledger, split here (they are few: the ledger's running deadlines). */
function worksDue(db: Db, scope: RegionRef, today: string): Deadlines['works'] {
  const cte = ledgerCte({ scope, today });
  const rows = prepared(db, `${cte.sql} SELECT * FROM ledger WHERE standing IN ('due_soon', 'overdue') ORDER BY works_due_on, house_id`).all(
    cte.params,
  ) as RawRow[];
  const list = (standing: 'due_soon' | 'overdue'): DeadlineList<LedgerRow> => {
    const matching = rows.filter((r) => r.standing === standing);
    return { total: matching.length, rows: matching.slice(0, DEADLINE_ROWS).map(toRow) };
  };
  return { dueSoon: list('due_soon'), overdue: list('overdue') };
}

/**
 * seed 003: households listed more than a month ago (overdue) or within the month (due within
 * DUE_SOON_DAYS) whose current house has no appraisal on or after the listing day. Oldest listing first.
 */
function appraisalsDue(db: Db, scope: RegionRef, today: string): Deadlines['appraisals'] {
  const { overdueBefore, dueSoonBefore } = appraisalWindows(today);
  // '' sorts before every day: no lower bound.
  return { dueSoon: appraisalsListedIn(db, scope, overdueBefore, dueSoonBefore), overdue: appraisalsListedIn(db, scope, '', overdueBefore) };
}

/**
 * Households listed on a day in [listedFrom, listedBefore) whose current house has had no appraisal
 * since: the total, and the first `limit` by listing day. The deadline lists and the week's due list
 * (db/figures-due.ts) pick their windows of listing days (domain/ledger-deadlines.ts).
 */
export function appraisalsListedIn(db: Db, scope: RegionRef, listedFrom: string, listedBefore: string, limit = DEADLINE_ROWS): DeadlineList<AppraisalDue> {
  const { from, where, params } = householdFilterSql({ scope });
  const matching = `FROM ${from} ${where ? `${where} AND` : 'WHERE'} h.listed_on >= @listedFrom AND h.listed_on < @listedBefore
      AND NOT EXISTS (SELECT 1 FROM appraisals a WHERE a.house_id = o.id AND a.appraised_on >= h.listed_on AND a.grade IS NOT NULL)`;
  const p = { ...params, listedFrom, listedBefore, limit };
  const rows = prepared(
    db,
    `SELECT ${REF_COLUMNS}, h.listed_on AS listedOn FROM (SELECT h.id AS hid, o.id AS oid ${matching} ORDER BY h.listed_on, h.id LIMIT @limit) m
       JOIN households h ON h.id = m.hid JOIN houses o ON o.id = m.oid
       JOIN regions t ON t.code = h.township_code JOIN regions v ON v.code = h.village_code ORDER BY h.listed_on, h.id`,
  ).all(p) as Omit<AppraisalDue, 'dueOn'>[];
  const total = (prepared(db, `SELECT count(*) AS n ${matching}`).get(p) as { n: number }).n;
  return { total, rows: rows.map((r) => ({ ...r, dueOn: appraisalDueOn(r.listedOn) })) };
}

/** Idle and sealed houses not looked at for more than IDLE_CHECK_DAYS (counted from the day they were left idle when never checked). */
function idleChecksOverdue(db: Db, scope: RegionRef, today: string): DeadlineList<IdleCheckDue> {
  return idleChecksLastIn(db, scope, '', addDays(today, -IDLE_CHECK_DAYS), today);
}

/**
 * Idle and sealed houses whose last check (or, never checked, the day they were left idle) fell on a
 * day in [sinceFrom, sinceBefore): the total, and the first `limit`, longest unchecked first. A house
 * with neither is due `today`.
 */
export function idleChecksLastIn(
  db: Db,
  scope: RegionRef,
  sinceFrom: string,
  sinceBefore: string,
  today: string,
  limit = DEADLINE_ROWS,
): DeadlineList<IdleCheckDue> {
  const { from, where, params } = householdFilterSql({ scope, statuses: ['idle', 'sealed'] });
  const sql = `WITH idle AS (
      SELECT ${REF_COLUMNS},
             (SELECT max(k.checked_on) FROM idle_house_checks k WHERE k.house_id = o.id) AS lastCheckedOn,
             (SELECT max(x.on_date) FROM house_transitions x WHERE x.house_id = o.id AND x.to_state = 'idle') AS idleSince
        FROM ${from} JOIN regions t ON t.code = h.township_code JOIN regions v ON v.code = h.village_code ${where})
    SELECT *, coalesce(lastCheckedOn, idleSince, '') AS since FROM idle
     WHERE coalesce(lastCheckedOn, idleSince, '') >= @sinceFrom AND coalesce(lastCheckedOn, idleSince, '') < @sinceBefore`;
  const p = { ...params, sinceFrom, sinceBefore, limit };
  const rows = prepared(db, `${sql} ORDER BY since, houseId LIMIT @limit`).all(p) as (Omit<IdleCheckDue, 'dueOn'> & { since: string })[];
  const total = (prepared(db, `SELECT count(*) AS n FROM (${sql})`).get(p) as { n: number }).n;
  return {
    total,
    rows: rows.map(({ since, ...r }) => ({ ...r, dueOn: since ? idleCheckDueOn(since) : today })),
  };
}
