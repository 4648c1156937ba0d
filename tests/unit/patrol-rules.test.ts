import { describe, expect, it } from 'vitest';
import { ALERT_LEVELS, ALERT_TYPES, defaultDispatchRules, selectsHouse, type DispatchRule } from '../../server/domain/dispatch-rules.ts';
import { houseStateAfter } from '../../server/domain/hazards.ts';
import { canMove, isOverdue, openStops } from '../../server/domain/task-states.ts';
import { routeGpx } from '../../server/domain/gpx.ts';

const rule = (type: string, level: string): DispatchRule =>
  defaultDispatchRules().find((r) => r.alertType === type && r.level === level)!;

describe('dispatch rules', () => {
  it('sends a red rainstorm patrol to every C/D, key, earth-wood and adobe house within 2 h', () => {
    const red = rule('rainstorm', 'red');
    expect(red.dueHours).toBe(2);
    expect(selectsHouse(red, { grade: 'C', structure: 'brick_concrete', key: false })).toBe(true);
    expect(selectsHouse(red, { grade: 'A', structure: 'earth_wood', key: false })).toBe(true);
    expect(selectsHouse(red, { grade: 'A', structure: 'adobe', key: false })).toBe(true);
    expect(selectsHouse(red, { grade: 'B', structure: 'brick_concrete', key: true })).toBe(true);
    expect(selectsHouse(red, { grade: 'A', structure: 'brick_concrete', key: false })).toBe(false);
  });

  it('sends a yellow rainstorm patrol to D, C and key earth-wood houses within 6 h', () => {
    const yellow = rule('rainstorm', 'yellow');
    expect(yellow.dueHours).toBe(6);
    expect(selectsHouse(yellow, { grade: 'B', structure: 'earth_wood', key: true })).toBe(true);
    expect(selectsHouse(yellow, { grade: 'B', structure: 'brick_wood', key: true })).toBe(false);
    expect(selectsHouse(yellow, { grade: 'A', structure: 'earth_wood', key: false })).toBe(false);
    expect(selectsHouse(yellow, { grade: 'D', structure: 'brick_concrete', key: false })).toBe(true);
  });

  it('sends freeze and icing patrols to adobe, earth-wood and cave dwellings', () => {
    for (const type of ['freeze', 'icing']) {
      const r = rule(type, 'orange');
      for (const structure of ['adobe', 'earth_wood', 'cave'] as const) {
        expect(selectsHouse(r, { grade: 'A', structure, key: false })).toBe(true);
      }
      expect(selectsHouse(r, { grade: 'A', structure: 'brick_concrete', key: false })).toBe(false);
    }
  });

  it('has exactly one rule for every alert type and level', () => {
    const keys = defaultDispatchRules().map((r) => `${r.alertType}:${r.level}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toHaveLength(ALERT_TYPES.length * ALERT_LEVELS.length);
  });
});

describe('field results', () => {
  it('makes a house suspected on a hazard, and flags moving out when it is not habitable', () => {
    expect(houseStateAfter('safe', [])).toEqual({ suspected: false, moveOut: false });
    expect(houseStateAfter('hazard', ['wall_crack'])).toEqual({ suspected: true, moveOut: false });
    expect(houseStateAfter('uninhabitable', [])).toEqual({ suspected: true, moveOut: true });
    expect(houseStateAfter('safe', ['use_sign_missing']).suspected).toBe(true);
  });
});

describe('patrol tasks', () => {
  it('moves assigned → accepted → in progress → completed → reviewed and nowhere else', () => {
    expect(canMove('assigned', 'accepted')).toBe(true);
    expect(canMove('in_progress', 'completed')).toBe(true);
    expect(canMove('completed', 'reviewed')).toBe(true);
    expect(canMove('assigned', 'reviewed')).toBe(false);
    expect(canMove('reviewed', 'in_progress')).toBe(false);
    expect(canMove('cancelled', 'assigned')).toBe(false);
  });

  it('completes only when every stop has a result or a reason for not visiting', () => {
    expect(openStops({ stopCount: 40, doneCount: 0, notVisitedCount: 0 })).toBe(40);
    expect(openStops({ stopCount: 40, doneCount: 37, notVisitedCount: 2 })).toBe(1);
    expect(openStops({ stopCount: 40, doneCount: 37, notVisitedCount: 3 })).toBe(0);
  });

  it('is overdue past its due time until it is completed', () => {
    const now = new Date('2026-07-01T12:00:00Z');
    expect(isOverdue({ status: 'in_progress', dueAt: '2026-07-01T10:00:00Z' }, now)).toBe(true);
    expect(isOverdue({ status: 'completed', dueAt: '2026-07-01T10:00:00Z' }, now)).toBe(false);
    expect(isOverdue({ status: 'assigned', dueAt: '2026-07-01T14:00:00Z' }, now)).toBe(false);
  });

  it('writes GPX with the route from the committee, through the stops, and back', () => {
    const gpx = routeGpx({ id: 7, villageName: '石门村<&>', start: [108.5, 33.1] }, [
      { seq: 1, lon: 108.51, lat: 33.11, householdNo: 'H-1', headName: '王' },
      { seq: 2, lon: 108.52, lat: 33.12, householdNo: 'H-2', headName: '李' },
    ]);
    expect(gpx.match(/<rtept /g)).toHaveLength(4);
    expect(gpx.match(/<wpt /g)).toHaveLength(2);
    expect(gpx).toContain('石门村&#60;&#38;&#62;');
    expect(gpx).toContain('lat="33.1100000" lon="108.5100000"');
  });
});
