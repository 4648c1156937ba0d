import { describe, expect, it } from 'vitest';
import {
  actionsFor,
  allowedActions,
  LEDGER_ACTIONS,
  LEDGER_STATES,
  move,
  mustMoveOut,
  type LedgerAction,
  type LedgerState,
} from '../../server/domain/ledger-states.ts';

// The whole table, written out by hand from issue 11 / domain.md so the machine is checked against the
// requirement, not against itself: every (state, action) pair not listed here must be refused.
const LEGAL: [LedgerState, LedgerAction, LedgerState][] = [
  ['monitoring', 'suspect', 'suspected'],
  ['closed_out', 'suspect', 'suspected'],
  ['closed', 'suspect', 'suspected'],
  ['listed', 'plan', 'planned'],
  ['planned', 'start_works', 'under_works'],
  ['under_works', 'complete_works', 'completed'],
  ['completed', 'accept', 'accepted'],
  ['completed', 'fail_acceptance', 'under_works'],
  ['accepted', 'close_out', 'closed_out'],
  ['listed', 'guarantee', 'guaranteed'],
  ['planned', 'guarantee', 'guaranteed'],
  ['guaranteed', 'leave_idle', 'idle'],
  ['idle', 'seal', 'sealed'],
  ['idle', 'demolish', 'demolished'],
  ['sealed', 'demolish', 'demolished'],
  ['demolished', 'close', 'closed'],
];
const PLAIN = LEDGER_ACTIONS.filter((a) => a !== 'appraise' && a !== 'emergency_assess');

describe('ledger state machine: plain transitions', () => {
  for (const state of LEDGER_STATES) {
    for (const action of PLAIN) {
      const legal = LEGAL.find(([s, a]) => s === state && a === action);
      it(`${state} —${action}→ ${legal ? legal[2] : 'refused'}`, () => {
        const m = move(state, action);
        if (legal) {
          expect(m).toMatchObject({ ok: true, to: legal[2] });
        } else {
          expect(m).toMatchObject({ ok: false, reason: 'not_allowed' });
          // The refusal lists what is allowed instead, and never the refused action.
          expect((m as { allowed: LedgerAction[] }).allowed).toEqual(allowedActions(state));
          expect((m as { allowed: LedgerAction[] }).allowed).not.toContain(action);
        }
      });
    }
  }

  it('opens a new case when a closed house turns suspect, and closes it at close-out or close', () => {
    expect(move('closed_out', 'suspect')).toEqual({ ok: true, to: 'suspected', case: 'open' });
    expect(move('monitoring', 'suspect')).toEqual({ ok: true, to: 'suspected', case: 'open' });
    expect(move('accepted', 'close_out')).toEqual({ ok: true, to: 'closed_out', case: { close: 'closed_out' } });
    expect(move('demolished', 'close')).toEqual({ ok: true, to: 'closed', case: { close: 'closed' } });
    expect(move('completed', 'fail_acceptance')).toEqual({ ok: true, to: 'under_works', case: 'keep' });
  });
});

describe('ledger state machine: appraisals', () => {
  it('A/B sends a suspected or listed house back to monitoring and clears its case; C/D lists it', () => {
    for (const grade of ['A', 'B'] as const) {
      expect(move('suspected', 'appraise', { grade })).toEqual({ ok: true, to: 'monitoring', case: { close: 'cleared' } });
      expect(move('listed', 'appraise', { grade })).toEqual({ ok: true, to: 'monitoring', case: { close: 'cleared' } });
      expect(move('monitoring', 'appraise', { grade })).toEqual({ ok: true, to: 'monitoring', case: 'keep' });
      expect(move('closed_out', 'appraise', { grade })).toEqual({ ok: true, to: 'closed_out', case: 'keep' });
    }
    for (const grade of ['C', 'D'] as const) {
      expect(move('suspected', 'appraise', { grade })).toEqual({ ok: true, to: 'listed', case: 'keep' });
      expect(move('listed', 'appraise', { grade })).toEqual({ ok: true, to: 'listed', case: 'keep' });
      expect(move('monitoring', 'appraise', { grade })).toEqual({ ok: true, to: 'listed', case: 'open' });
      expect(move('closed_out', 'appraise', { grade })).toEqual({ ok: true, to: 'listed', case: 'open' });
    }
  });

  it('records a grade without moving once works or a guarantee are under way', () => {
    for (const state of ['planned', 'under_works', 'completed', 'accepted', 'guaranteed', 'idle', 'sealed'] as const) {
      expect(move(state, 'appraise', { grade: 'B' })).toEqual({ ok: true, to: state, case: 'keep' });
    }
  });

  it('refuses an appraisal without a grade, and of a demolished or closed house', () => {
    expect(move('suspected', 'appraise')).toMatchObject({ ok: false, reason: 'needs_grade' });
    expect(move('demolished', 'appraise', { grade: 'D' })).toMatchObject({ ok: false, reason: 'not_allowed' });
    expect(move('closed', 'appraise', { grade: 'A' })).toMatchObject({ ok: false, reason: 'not_allowed' });
  });
});

describe('ledger state machine: emergency assessment (应急评估)', () => {
  it('is allowed from any standing house only while an alert covers it', () => {
    for (const state of LEDGER_STATES) {
      const m = move(state, 'emergency_assess', { alertCovers: false, habitable: true });
      expect(m.ok).toBe(false);
      expect(allowedActions(state, { alertCovers: false })).not.toContain('emergency_assess');
      const standing = state !== 'demolished' && state !== 'closed';
      expect(allowedActions(state, { alertCovers: true }).includes('emergency_assess')).toBe(standing);
      expect(move(state, 'emergency_assess', { alertCovers: true, habitable: true }).ok).toBe(standing);
    }
    expect(move('planned', 'emergency_assess', { alertCovers: false, habitable: true })).toMatchObject({ reason: 'no_alert' });
  });

  it('不可以居住 makes a house with no running case suspect; 可以居住 moves nothing', () => {
    expect(move('monitoring', 'emergency_assess', { alertCovers: true, habitable: false })).toEqual({ ok: true, to: 'suspected', case: 'open' });
    expect(move('closed_out', 'emergency_assess', { alertCovers: true, habitable: false })).toEqual({ ok: true, to: 'suspected', case: 'open' });
    expect(move('under_works', 'emergency_assess', { alertCovers: true, habitable: false })).toEqual({ ok: true, to: 'under_works', case: 'keep' });
    expect(move('monitoring', 'emergency_assess', { alertCovers: true, habitable: true })).toEqual({ ok: true, to: 'monitoring', case: 'keep' });
    expect(move('monitoring', 'emergency_assess', { alertCovers: true })).toMatchObject({ ok: false, reason: 'needs_verdict' });
  });
});

describe('who may act', () => {
  it('only the county admin closes out; acceptance is the county roles’', () => {
    expect(actionsFor('county_admin', 'accepted')).toEqual(['appraise', 'close_out']);
    expect(actionsFor('county_staff', 'accepted')).toEqual(['appraise']);
    expect(actionsFor('township_staff', 'accepted')).toEqual(['appraise']);
    expect(actionsFor('county_staff', 'completed')).toEqual(['appraise', 'accept', 'fail_acceptance']);
    expect(actionsFor('township_staff', 'completed')).toEqual(['appraise']);
    expect(actionsFor('township_staff', 'demolished')).toEqual([]);
    expect(actionsFor('county_admin', 'demolished')).toEqual(['close']);
  });

  it('gives read-only roles nothing and inspectors only the suspicion', () => {
    for (const state of LEDGER_STATES) {
      expect(actionsFor('viewer', state, { alertCovers: true })).toEqual([]);
      expect(actionsFor('township_leader', state, { alertCovers: true })).toEqual([]);
      expect(actionsFor('inspector', state, { alertCovers: true }).every((a) => a === 'suspect')).toBe(true);
    }
  });
});

describe('people first', () => {
  it('moves people out of D and 不可以居住 houses until recorded as moved or the house is empty', () => {
    expect(mustMoveOut({ state: 'listed', grade: 'D', habitable: null, relocated: false })).toBe(true);
    expect(mustMoveOut({ state: 'suspected', grade: 'B', habitable: false, relocated: false })).toBe(true);
    expect(mustMoveOut({ state: 'under_works', grade: 'C', habitable: null, relocated: false })).toBe(false);
    expect(mustMoveOut({ state: 'listed', grade: 'D', habitable: null, relocated: true })).toBe(false);
    expect(mustMoveOut({ state: 'sealed', grade: 'D', habitable: false, relocated: false })).toBe(false);
    expect(mustMoveOut({ state: 'closed_out', grade: 'D', habitable: null, relocated: false })).toBe(false);
  });
});
