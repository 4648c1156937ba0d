// Who can visit what before it is due (issue 10 §4): tasks cut to what one person can walk in time,
// and handed out so that nobody gets more than they can do — the village's own trained inspectors
// first, then trained inspectors of the township's other villages (nearest first), then trained
// township staff. What nobody can take stays unassigned, with the reason, for the preview and the board
// to say in red — never silently piled onto one person.
import { routeMinutes, travelMinutes, type PatrolPace } from './patrol-pace.ts';
import { roundLength } from './risk-bands.ts';
import type { Point } from './routing.ts';

/** At most this many houses per task even when time allows: about a day's walk for one village inspector. */
export const MAX_STOPS_PER_TASK = 40;

/** Why a task has nobody: no trained person serves the village at all, or all of them are full. */
export type UnassignedReason = 'no_one_trained' | 'no_capacity';

/**
 * Cuts a route (stops in visiting order, from and back to `start`) into consecutive parts that each
 * fit `budget` minutes as a round of their own, and MAX_STOPS_PER_TASK. A stop that alone does not
 * fit becomes a part of one (someone must still be told to go; the assignment flags it).
 */
export function splitByTime<T extends { lon: number; lat: number }>(start: Point, ordered: readonly T[], budget: number, pace: PatrolPace): T[][] {
  const parts: T[][] = [];
  let part: T[] = [];
  for (const stop of ordered) {
    const trial = [...part, stop];
    const fits = trial.length <= MAX_STOPS_PER_TASK && routeMinutes(roundLength(start, trial), trial.length, pace) <= budget;
    if (fits || part.length === 0) part = trial;
    else {
      parts.push(part);
      part = [stop];
    }
  }
  if (part.length) parts.push(part);
  return parts;
}

/** The first part splitByTime would cut, without cutting the rest. */
function firstFitting<T extends { lon: number; lat: number }>(start: Point, ordered: readonly T[], budget: number, pace: PatrolPace): T[] | undefined {
  let part: T[] = [];
  for (const stop of ordered) {
    const trial = [...part, stop];
    if (part.length > 0 && (trial.length > MAX_STOPS_PER_TASK || routeMinutes(roundLength(start, trial), trial.length, pace) > budget)) break;
    part = trial;
  }
  return part.length ? part : undefined;
}

/** Someone who may be sent: an inspector of a village, or township staff (villageCode null). */
export interface PatrolPerson {
  userId: number;
  villageCode: string | null;
  townshipCode: string;
  /** Where they set out from: their village committee, or the township seat. */
  home: Point;
  trained: boolean;
  /** Minutes of open work already on them (openLoadMinutes). */
  loadMinutes: number;
}

/** One open task of a person, for the load it still holds. */
export interface OpenWork {
  routeLengthM: number;
  stops: number;
  openStops: number;
}

/** The minutes of work still open on someone: each task's estimate, in proportion to its stops not yet done. */
export function openLoadMinutes(tasks: readonly OpenWork[], pace: PatrolPace): number {
  return tasks.reduce((sum, t) => sum + (t.stops === 0 ? 0 : (routeMinutes(t.routeLengthM, t.stops, pace) * t.openStops) / t.stops), 0);
}

/** A village's houses not yet on a task, in visiting order (risk bands, then distance). */
export interface VillageWork<T extends WorkStop> {
  villageCode: string;
  townshipCode: string;
  start: Point;
  ordered: T[];
}

export interface WorkStop {
  lon: number;
  lat: number;
  risk: number | null;
}

/** A new task: its stops in order, the round's length and minutes, who goes (or why nobody). */
export interface HandedPart<T> {
  stops: T[];
  lengthM: number;
  minutes: number;
  assigneeId: number | null;
  reason: UnassignedReason | null;
  /** Minutes the assignee needs to get to the village first (0 for its own inspector). */
  travelMinutes: number;
}

/**
 * The longest prefix of `ordered` that one person can do in `minutes` as a round from `start` and
 * back (and at most MAX_STOPS_PER_TASK), re-ordered by `improve` when that is no slower.
 */
function takeFitting<T extends WorkStop>(start: Point, ordered: readonly T[], minutes: number, pace: PatrolPace, improve: Improve<T>): Omit<HandedPart<T>, 'assigneeId' | 'reason' | 'travelMinutes'> | null {
  const first = firstFitting(start, ordered, minutes, pace);
  if (!first || routeMinutes(roundLength(start, first), first.length, pace) > minutes) return null;
  const better = improve(start, first);
  const asIs = roundLength(start, first);
  const [stops, lengthM] = better.lengthM <= asIs ? [better.ordered, better.lengthM] : [first, asIs];
  return { stops, lengthM, minutes: routeMinutes(lengthM, stops.length, pace) };
}

type Improve<T> = (start: Point, stops: readonly T[]) => { ordered: T[]; lengthM: number };

const topRisk = (stops: readonly WorkStop[]) => stops.reduce((m, s) => Math.max(m, s.risk ?? -1), -1);

/**
 * Hands each village's houses out as tasks, within each person's `capacity` minutes (by default one
 * `budget`) minus their open load, so nobody gets more than they can visit before the due time — each
 * task at most one `budget` long (a scheduled round, due weeks ahead, gives a person several):
 *   1. the village's own trained inspectors: all of it to the one with most time left when it fits
 *      there, else an even share each as far as their time goes — the riskiest houses first, since
 *      `ordered` starts with them;
 *   2. what is left, the riskiest village first: trained inspectors of the township's other villages,
 *      nearest first, then trained township staff — the walk there counts against their time;
 *   3. what is still left becomes tasks of one budget each with nobody: `no_capacity` when someone
 *      trained serves the village or the township but is full, `no_one_trained` otherwise.
 * Pure and deterministic: the same input gives the same plan (a preview and its confirm agree).
 */
export function handOut<T extends WorkStop>(
  villages: readonly VillageWork<T>[],
  people: readonly PatrolPerson[],
  budget: number,
  pace: PatrolPace,
  improve: Improve<T>,
  capacity = budget,
): HandedPart<T>[][] {
  const left = new Map(people.map((p) => [p.userId, capacity - p.loadMinutes]));
  const trained = people.filter((p) => p.trained);
  const rest = villages.map((v) => v.ordered);
  const out: HandedPart<T>[][] = villages.map(() => []);
  const give = (i: number, p: PatrolPerson, travel: number, cap: number) => {
    const v = villages[i]!;
    const part = takeFitting(v.start, rest[i]!, Math.min(cap, budget, left.get(p.userId)! - travel), pace, improve);
    if (!part) return false;
    out[i]!.push({ ...part, assigneeId: p.userId, reason: null, travelMinutes: travel });
    left.set(p.userId, left.get(p.userId)! - part.minutes - travel);
    rest[i] = without(rest[i]!, part.stops);
    return true;
  };
  const riskiestFirst = () => villages.map((_, i) => i).sort((a, b) => topRisk(rest[b]!) - topRisk(rest[a]!) || a - b);

  for (const i of riskiestFirst()) {
    const v = villages[i]!;
    const own = trained.filter((p) => p.villageCode === v.villageCode).sort((a, b) => left.get(b.userId)! - left.get(a.userId)! || a.userId - b.userId);
    if (own.length === 0) continue;
    // One round when the least-loaded inspector has time for it all (two rounds walk further); else an
    // even share each, so the village's inspectors finish together rather than one being overloaded.
    const whole = routeMinutes(roundLength(v.start, rest[i]!), rest[i]!.length, pace);
    const share = whole <= left.get(own[0]!.userId)! ? Infinity : whole / own.length + pace.minutesPerStop;
    // The last one takes what is left as far as it fits: rounds of parts are longer than one share of the whole.
    own.forEach((p, k) => rest[i]!.length && give(i, p, 0, k === own.length - 1 ? Infinity : share));
    for (const p of own) while (rest[i]!.length && give(i, p, 0, Infinity));
  }
  for (const i of riskiestFirst()) {
    const v = villages[i]!;
    const others = trained
      .filter((p) => p.townshipCode === v.townshipCode && p.villageCode !== v.villageCode)
      .map((p) => ({ p, travel: travelMinutes(distance(p.home, v.start), pace) }))
      .sort((a, b) => Number(a.p.villageCode === null) - Number(b.p.villageCode === null) || a.travel - b.travel || a.p.userId - b.p.userId);
    for (const { p, travel } of others) while (rest[i]!.length && give(i, p, travel, Infinity));
  }
  villages.forEach((v, i) => {
    if (!rest[i]!.length) return;
    // Someone trained was there to ask (the village's or the township's): they were all full.
    const reason: UnassignedReason = trained.some((p) => p.villageCode === v.villageCode || p.townshipCode === v.townshipCode) ? 'no_capacity' : 'no_one_trained';
    for (const chunk of splitByTime(v.start, rest[i]!, budget, pace)) {
      const part = takeFitting(v.start, chunk, Infinity, pace, improve)!;
      out[i]!.push({ ...part, assigneeId: null, reason, travelMinutes: 0 });
    }
    rest[i] = [];
  });
  return out;
}

function without<T>(list: readonly T[], taken: readonly T[]): T[] {
  const gone = new Set(taken);
  return list.filter((x) => !gone.has(x));
}

function distance(a: Point, b: Point): number {
  return roundLength(a, [{ lon: b[0], lat: b[1] }]) / 2;
}

/** Whether `person` can still take a task of `minutes` at `start` within `budget`: their time left, the walk there. */
export function fitFor(person: PatrolPerson, start: Point, minutes: number, budget: number, pace: PatrolPace): { travelMinutes: number; freeMinutes: number; fits: boolean } {
  const travel = samePoint(person.home, start) ? 0 : travelMinutes(distance(person.home, start), pace);
  const free = budget - person.loadMinutes;
  return { travelMinutes: travel, freeMinutes: free, fits: free >= minutes + travel };
}

function samePoint(a: Point, b: Point): boolean {
  return a[0] === b[0] && a[1] === b[1];
}
