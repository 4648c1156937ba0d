// Grouping a dispatch into patrol tasks: per village, the houses ordered by risk band and distance
// (risk-bands.ts), cut into parts one person can walk before the due time, and handed out within each
// person's time (patrol-capacity.ts). Pure, so the planning can run on a worker thread
// (server/workers/) while the database reads and writes around it stay on the main thread
// (server/db/dispatch.ts). A preview (POST /api/alerts/:id/dispatch/preview) runs the very same plan.
import { handOut, MAX_STOPS_PER_TASK, type PatrolPerson, type UnassignedReason } from './patrol-capacity.ts';
import { routeMinutes, type PatrolPace } from './patrol-pace.ts';
import { bandedRoute, roundLength } from './risk-bands.ts';
import type { Point } from './routing.ts';

export { MAX_STOPS_PER_TASK } from './patrol-capacity.ts';

/** A house to visit, where it stands, and its risk under the alert (null in a manual dispatch). */
export interface PlanStop {
  houseId: number;
  lon: number;
  lat: number;
  risk: number | null;
}

/** A stop already on a task, in its current order; a visited one keeps its place. */
export interface TaskStop extends PlanStop {
  visited: boolean;
}

export function groupByVillage<T extends { villageCode: string }>(items: readonly T[]): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const list = groups.get(item.villageCode);
    if (list) list.push(item);
    else groups.set(item.villageCode, [item]);
  }
  return groups;
}

/** A task's stops in their new order (by house), and its round from the committee and back in metres. */
export interface TaskRoute {
  houseIds: number[];
  lengthM: number;
}

/**
 * Re-plans a task: visited stops keep their places, the rest follow by risk band from the last one
 * visited (or from the committee at `start`). The length is the whole round, committee to committee.
 */
export function replanTask(start: Point, stops: readonly TaskStop[]): TaskRoute {
  const done = stops.filter((s) => s.visited);
  const last = done.at(-1);
  const from: Point = last ? [last.lon, last.lat] : start;
  const rest = bandedRoute(from, stops.filter((s) => !s.visited)).ordered;
  const ordered = [...done, ...rest];
  return { houseIds: ordered.map((s) => s.houseId), lengthM: roundLength(start, ordered) };
}

/** One village of a dispatch: its committee, the houses not yet in the batch, and its open task if it has room. */
export interface VillageToPlan {
  villageCode: string;
  townshipCode: string;
  start: Point;
  fresh: PlanStop[];
  /** The batch's latest open task of the village, when it has fewer than MAX_STOPS_PER_TASK stops. */
  open: { taskId: number; stops: TaskStop[] } | null;
}

export interface DispatchPlanInput {
  villages: VillageToPlan[];
  /** Everyone who might be sent to these villages, with their open load. */
  people: PatrolPerson[];
  pace: PatrolPace;
  /** Minutes each person has before the due time (budgetMinutes): the most one task may take. */
  budget: number;
  /** Minutes each person has in all before the due time, when more than one budget (a scheduled round). */
  capacity?: number;
}

/** A new task: its route, the time it takes, who goes (or why nobody). */
export interface PlannedTask extends TaskRoute {
  minutes: number;
  topRisk: number | null;
  assigneeId: number | null;
  unassignedReason: UnassignedReason | null;
  /** Minutes the assignee needs to get to the village first. */
  travelMinutes: number;
}

export interface VillagePlan {
  villageCode: string;
  /** The open task with houses added (`added`, in the order they join) and all its stops re-planned. */
  extend: { taskId: number; added: number[]; route: TaskRoute; minutes: number } | null;
  /** New tasks, in part order: part 1 holds the riskiest houses. */
  parts: PlannedTask[];
}

const maxRisk = (stops: readonly PlanStop[]): number | null =>
  stops.reduce<number | null>((m, s) => (s.risk === null ? m : Math.max(m ?? -Infinity, s.risk)), null);

/**
 * New houses join the village's open task, riskiest first, as far as its time and MAX_STOPS_PER_TASK
 * allow (its person is already on the way); the round is re-planned each time it is tried.
 */
function extendOpen(v: VillageToPlan, budget: number, pace: PatrolPace): { extend: VillagePlan['extend']; rest: PlanStop[] } {
  if (!v.open || v.open.stops.length >= MAX_STOPS_PER_TASK || v.fresh.length === 0) return { extend: null, rest: v.fresh };
  const byRisk = [...v.fresh].sort((a, b) => (b.risk ?? -1) - (a.risk ?? -1) || a.houseId - b.houseId);
  let k = Math.min(byRisk.length, MAX_STOPS_PER_TASK - v.open.stops.length);
  while (k > 0) {
    const take = byRisk.slice(0, k);
    const route = replanTask(v.start, [...v.open.stops, ...take.map((s) => ({ ...s, visited: false }))]);
    const minutes = routeMinutes(route.lengthM, route.houseIds.length, pace);
    if (minutes <= budget) {
      const taken = new Set(take.map((s) => s.houseId));
      return { extend: { taskId: v.open.taskId, added: take.map((s) => s.houseId), route, minutes }, rest: v.fresh.filter((s) => !taken.has(s.houseId)) };
    }
    k -= Math.max(1, Math.ceil((minutes - budget) / pace.minutesPerStop));
  }
  return { extend: null, rest: v.fresh };
}

/**
 * Plans a dispatch: per village, new houses first fill the open task as time allows; the rest are
 * ordered band by band into one round and handed out as tasks that fit each person's time
 * (patrol-capacity.ts handOut), each task's stops ordered band by band again.
 */
export function planDispatch({ villages, people, pace, budget, capacity }: DispatchPlanInput): VillagePlan[] {
  const extended = villages.map((v) => extendOpen(v, budget, pace));
  const work = villages.map((v, i) => ({ villageCode: v.villageCode, townshipCode: v.townshipCode, start: v.start, ordered: bandedRoute(v.start, extended[i]!.rest).ordered }));
  const handed = handOut(work, people, budget, pace, bandedRoute, capacity ?? budget);
  return villages.map((v, i) => ({
    villageCode: v.villageCode,
    extend: extended[i]!.extend,
    parts: handed[i]!.map((p) => ({
      houseIds: p.stops.map((s) => s.houseId),
      lengthM: p.lengthM,
      minutes: p.minutes,
      topRisk: maxRisk(p.stops),
      assigneeId: p.assigneeId,
      unassignedReason: p.reason,
      travelMinutes: p.travelMinutes,
    })),
  }));
}
