import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection.ts';
import { OVERDUE_SQL, STANDING_SQL, WORKS_DONE_STATES } from '../../server/db/ledger-facts.ts';
import { addDays, appraisalDueOn, deadlineStanding, DUE_SOON_DAYS } from '../../server/domain/deadlines.ts';
import { appraisalWindows, firstListedDueOnOrAfter } from '../../server/domain/ledger-deadlines.ts';
import { LEDGER_STATES, WORKS_DEADLINE_STATES } from '../../server/domain/ledger-states.ts';

const db = openDatabase(':memory:');
afterAll(() => db.close());

/** Evaluates a ledger expression over one made-up house (o), case (c) and plan (p). */
function evaluate(sql: string, v: { status: string; due?: string | null; done?: string | null; today?: string }) {
  const today = v.today ?? '2026-11-20';
  return (
    db
      .prepare(
        `SELECT ${sql} AS x FROM (SELECT @status AS status) o, (SELECT @due AS works_due_on) c, (SELECT @done AS works_completed_on) p`,
      )
      .get({
        status: v.status,
        due: v.due ?? null,
        done: v.done ?? null,
        today,
        soon: addDays(today, DUE_SOON_DAYS),
      }) as { x: unknown }
  ).x;
}

describe('the ledger facts in SQL', () => {
  it('give the works deadline standing of deadlineStanding while it runs, met or late once works are done, else none', () => {
    const today = '2026-11-20';
    const dues = [null, '2026-05-31', '2026-11-19', '2026-11-20', '2026-12-20', '2026-12-21', '2027-05-31'];
    const dones = [null, '2026-05-30', '2026-05-31', '2026-06-01'];
    for (const state of LEDGER_STATES) {
      for (const due of dues) {
        for (const done of dones) {
          let want: string | null = null;
          if (due && WORKS_DEADLINE_STATES.includes(state)) want = deadlineStanding(due, today, done);
          else if (due && done && WORKS_DONE_STATES.includes(state)) want = deadlineStanding(due, today, done);
          const label = `${state} due ${due} done ${done}`;
          expect(evaluate(STANDING_SQL, { status: state, due, done, today }), label).toBe(want);
          expect(evaluate(OVERDUE_SQL, { status: state, due, done, today }), label).toBe(want === 'overdue' ? 1 : 0);
        }
      }
    }
  });
});

describe('the one-month rule as listing windows', () => {
  it('finds the first listing day due on or after any day, month ends and leap years included', () => {
    for (let day = '2027-12-01'; day <= '2028-04-05'; day = addDays(day, 1)) {
      const first = firstListedDueOnOrAfter(day);
      expect(appraisalDueOn(first) >= day, day).toBe(true);
      expect(appraisalDueOn(addDays(first, -1)) < day, day).toBe(true);
    }
  });

  it('splits listing days into overdue, due soon and later exactly as the due day compares with today', () => {
    const today = '2028-03-01';
    const { overdueBefore, dueSoonBefore } = appraisalWindows(today);
    for (let listed = '2027-12-15'; listed <= '2028-03-01'; listed = addDays(listed, 1)) {
      const standing = deadlineStanding(appraisalDueOn(listed), today);
      const window = listed < overdueBefore ? 'overdue' : listed < dueSoonBefore ? 'due_soon' : 'open';
      expect(window, listed).toBe(standing);
    }
  });
});
