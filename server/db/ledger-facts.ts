// The ledger's derived facts as SQL, so lists can filter, count and sort by them: the works deadline's
// standing (domain/deadlines.ts deadlineStanding), built from the domain's state lists and held to the
// domain function over every state by tests/unit/ledger-facts.test.ts. Whether people must move out is
// the house's stored flag, which db/ledger.ts refreshMoveOut keeps (mustMoveOut) on every move,
// relocation and verdict: the house's own ledger says the same.
//
// Aliases: o = the house, c = its ledger case (the open one, or its last), p = the case's rectification
// plan, rel = the household's open relocation. Parameters: @today and @soon (today + DUE_SOON_DAYS).
import { WORKS_DEADLINE_STATES, type LedgerState } from '../domain/ledger-states.ts';

const list = (states: readonly string[]): string => states.map((s) => `'${s}'`).join(', ');

/** States whose works are done: their deadline is met or missed, never still running. */
export const WORKS_DONE_STATES: readonly LedgerState[] = ['completed', 'accepted', 'closed_out'];

const doneStanding = "CASE WHEN p.works_completed_on <= c.works_due_on THEN 'met' ELSE 'late' END";

/**
 * The works deadline (seed 001) of a house in the ledger: deadlineStanding(worksDueOn, today,
 * worksCompletedOn) while the deadline runs (listed, planned, under works); met or late once works are
 * done (completed, accepted, closed out); NULL otherwise (suspected, guaranteed, idle … have none).
 */
export const STANDING_SQL = `CASE
  WHEN c.works_due_on IS NULL THEN NULL
  WHEN o.status IN (${list(WORKS_DEADLINE_STATES)}) THEN
    CASE WHEN p.works_completed_on IS NOT NULL THEN ${doneStanding}
         WHEN c.works_due_on < @today THEN 'overdue'
         WHEN c.works_due_on <= @soon THEN 'due_soon'
         ELSE 'open' END
  WHEN o.status IN (${list(WORKS_DONE_STATES)}) AND p.works_completed_on IS NOT NULL THEN ${doneStanding}
END`;

/** STANDING_SQL = 'overdue', without the other branches (the map asks this of every house with a case). */
export const OVERDUE_SQL = `(o.status IN (${list(WORKS_DEADLINE_STATES)}) AND c.works_due_on IS NOT NULL AND c.works_due_on < @today AND p.works_completed_on IS NULL)`;

/**
 * The house's own case, joined as c, p and rel: the open case, or — for a closed-out or closed house —
 * the last case it had. Needs h (households) and o (houses).
 */
export const CASE_JOINS = `LEFT JOIN ledger_cases c ON c.id = coalesce(o.case_id,
    (SELECT max(lc.id) FROM ledger_cases lc WHERE lc.household_id = h.id AND lc.house_id = o.id))
  LEFT JOIN rectification_plans p ON p.case_id = c.id
  LEFT JOIN relocations rel ON rel.household_id = h.id AND rel.returned_on IS NULL`;

/**
 * Per house row of a household list (o): 1 when its works deadline is overdue. Only a house in a
 * deadline state can be, so the county's plain monitored houses cost no lookup at all.
 */
export const HOUSE_OVERDUE_SQL = `CASE WHEN o.status NOT IN (${list(WORKS_DEADLINE_STATES)}) THEN 0 ELSE coalesce((SELECT ${OVERDUE_SQL}
  FROM ledger_cases c LEFT JOIN rectification_plans p ON p.case_id = c.id WHERE c.id = o.case_id), 0) END`;
