import { describe, expect, it } from 'vitest';
import { handOut, MAX_STOPS_PER_TASK, openLoadMinutes, splitByTime, type HandedPart, type PatrolPerson, type VillageWork } from '../../server/domain/patrol-capacity.ts';
import { budgetMinutes, DEFAULT_PACE, routeMinutes } from '../../server/domain/patrol-pace.ts';
import { planDispatch, type VillageToPlan } from '../../server/domain/patrol-plan.ts';
import { bandedRoute, roundLength } from '../../server/domain/risk-bands.ts';
import type { Point } from '../../server/domain/routing.ts';
import { mulberry32 } from '../../server/domain/tour-moves.ts';

const pace = DEFAULT_PACE; // 4 km/h, 15 min a house, 8 h shifts
const EAST: Point = [108.66, 33.11];
const WEST: Point = [108.63, 33.11]; // ≈ 2.8 km west: 42 minutes' walk

function houses(n: number, seed: number, at: Point = EAST) {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({
    houseId: seed * 1000 + i,
    lon: at[0] + (rnd() - 0.5) * 0.02,
    lat: at[1] + (rnd() - 0.5) * 0.015,
    risk: Math.round(rnd() * 100) as number | null,
  }));
}

const person = (userId: number, villageCode: string | null, home: Point, extra: Partial<PatrolPerson> = {}): PatrolPerson => ({
  userId,
  villageCode,
  townshipCode: 'T1',
  home,
  trained: true,
  loadMinutes: 0,
  ...extra,
});

describe('patrol pace', () => {
  it('takes 15 min a house plus the walk at 4 km/h, within the time to the due hour and one shift at most', () => {
    expect(routeMinutes(2000, 4, pace)).toBe(30 + 60);
    expect(budgetMinutes(2 * 3600_000, pace)).toBe(120);
    expect(budgetMinutes(72 * 3600_000, pace)).toBe(8 * 60);
    expect(budgetMinutes(-5, pace)).toBe(0);
  });

  it('counts the open work still on someone in proportion to the stops not done', () => {
    expect(openLoadMinutes([{ routeLengthM: 4000, stops: 8, openStops: 4 }], pace)).toBe((60 + 120) / 2);
    expect(openLoadMinutes([], pace)).toBe(0);
  });
});

describe('capacity: cutting a route to what one person can do in time', () => {
  it('makes consecutive parts that each fit the budget as a round of their own', () => {
    const ordered = houses(30, 1);
    const parts = splitByTime(EAST, ordered, 120, pace);
    expect(parts.flat()).toEqual(ordered);
    expect(parts.length).toBeGreaterThan(3);
    for (const p of parts) expect(routeMinutes(roundLength(EAST, p), p.length, pace)).toBeLessThanOrEqual(120);
  });

  it('never puts more than MAX_STOPS_PER_TASK on one part, and gives a house too far for the budget a part of its own', () => {
    expect(splitByTime(EAST, houses(90, 2), 1e9, pace).map((p) => p.length)).toEqual([MAX_STOPS_PER_TASK, MAX_STOPS_PER_TASK, 10]);
    expect(splitByTime(EAST, houses(3, 3), 10, pace).map((p) => p.length)).toEqual([1, 1, 1]);
  });
});

describe('capacity: handing work out', () => {
  const work = (villageCode: string, n: number, seed: number, at: Point = EAST): VillageWork<ReturnType<typeof houses>[number]> => ({
    villageCode,
    townshipCode: 'T1',
    start: at,
    ordered: bandedRoute(at, houses(n, seed, at)).ordered,
  });
  /** Minutes each person spends on their parts, the walk there included, plus what they carried before. */
  const spent = (parts: HandedPart<unknown>[][], people: PatrolPerson[]) => {
    const used = new Map(people.map((p) => [p.userId, p.loadMinutes]));
    for (const p of parts.flat()) if (p.assigneeId !== null) used.set(p.assigneeId, used.get(p.assigneeId)! + p.minutes + p.travelMinutes);
    return used;
  };

  it('gives nobody more than they can visit before the due time, and reports the houses left over', () => {
    const villages = [work('V1', 30, 5)];
    const people = [person(1, 'V1', EAST), person(2, 'V1', EAST, { loadMinutes: 30 })];
    const out = handOut(villages, people, 120, pace, bandedRoute);
    for (const used of spent(out, people).values()) expect(used).toBeLessThanOrEqual(120);
    expect(out[0]!.flatMap((p) => p.stops).length).toBe(30);
    const unassigned = out[0]!.filter((p) => p.assigneeId === null);
    expect(unassigned.length).toBeGreaterThan(0);
    expect(unassigned.every((p) => p.reason === 'no_capacity' && p.minutes <= 120)).toBe(true);
  });

  it('gives a village to its least-loaded inspector when it fits, and shares it between its inspectors when it does not', () => {
    const people = [person(1, 'V1', EAST, { loadMinutes: 60 }), person(2, 'V1', EAST)];
    const small = handOut([work('V1', 8, 6)], people, 480, pace, bandedRoute);
    expect(small[0]!.map((p) => p.assigneeId)).toEqual([2]);
    const large = handOut([work('V1', 18, 6)], people, 300, pace, bandedRoute);
    expect(large[0]!.map((p) => p.assigneeId).sort()).toEqual([1, 2]);
    expect(Math.abs(large[0]![0]!.stops.length - large[0]![1]!.stops.length)).toBeLessThanOrEqual(6);
  });

  it('sends the nearest neighbouring village’s inspector when the village’s own is full, counting the walk there', () => {
    const FAR: Point = [108.58, 33.11]; // ≈ 7.5 km: about two hours' walk
    const people = [person(1, 'V1', EAST), person(2, 'V2', WEST), person(3, 'V3', FAR), person(4, null, FAR)];
    const out = handOut([work('V1', 24, 7)], people, 240, pace, bandedRoute);
    const who = out[0]!.map((p) => p.assigneeId);
    expect(who[0]).toBe(1); // the riskiest houses stay with the village's own inspector
    expect(who).toContain(2);
    expect(out[0]!.find((p) => p.assigneeId === 2)!.travelMinutes).toBeGreaterThan(35);
    for (const [id, used] of spent(out, people)) expect(used, `user ${id}`).toBeLessThanOrEqual(240);
  });

  it('says nobody trained serves a village apart from nobody having time', () => {
    const out = handOut([work('V1', 3, 8)], [person(1, 'V1', EAST, { trained: false })], 120, pace, bandedRoute);
    expect(out[0]!.map((p) => [p.assigneeId, p.reason])).toEqual([[null, 'no_one_trained']]);
  });
});

describe('planDispatch', () => {
  it('splits a village with more houses than one inspector can visit before a 2-hour due time, and flags what nobody can take', () => {
    const v: VillageToPlan = { villageCode: 'V1', townshipCode: 'T1', start: EAST, fresh: houses(30, 4), open: null };
    const people = [person(1, 'V1', EAST), person(2, 'V2', WEST)];
    const [plan] = planDispatch({ villages: [v], people, pace, budget: 120 });
    const parts = plan!.parts;
    expect(parts.flatMap((p) => p.houseIds).sort()).toEqual(v.fresh.map((h) => h.houseId).sort());
    for (const p of parts) expect(p.minutes).toBeLessThanOrEqual(120);
    const assigned = parts.filter((p) => p.assigneeId !== null);
    expect(new Set(assigned.map((p) => p.assigneeId))).toEqual(new Set([1, 2]));
    expect(parts.filter((p) => p.assigneeId === null).every((p) => p.unassignedReason === 'no_capacity')).toBe(true);
    // Part 1 holds the riskiest house, and goes to the village's own inspector.
    const top = v.fresh.reduce((a, b) => (b.risk! > a.risk! ? b : a));
    expect(parts[0]!.houseIds).toContain(top.houseId);
    expect(parts[0]!.assigneeId).toBe(1);
  });
});
