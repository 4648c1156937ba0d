// Grouping a dispatch into patrol tasks: one per village, split when too long for one inspector, each
// ordered by the route solver. Pure, so the planning can run on a worker thread (server/workers/)
// while the database reads and writes around it stay on the main thread (server/db/dispatch.ts).
import { planRoute, tourLength, type Point } from './routing.ts';

/** A house to visit, and where it stands. */
export interface PlanStop {
  houseId: number;
  lon: number;
  lat: number;
}

/** A stop already on a task, in its current order; a visited one keeps its place. */
export interface TaskStop extends PlanStop {
  visited: boolean;
}

/** At most this many houses per task: about a day's walk for one village inspector. */
export const MAX_STOPS_PER_TASK = 40;

/**
 * Cuts a village's stops, already in optimised tour order, into consecutive chunks of at most
 * `maxStops`. Consecutive stops on a good tour lie close together, so each part stays compact.
 */
export function splitTour<T>(ordered: readonly T[], maxStops = MAX_STOPS_PER_TASK): T[][] {
  if (ordered.length === 0) return [];
  const parts = Math.ceil(ordered.length / maxStops);
  const size = Math.ceil(ordered.length / parts); // even parts, not 40 + 1
  const chunks: T[][] = [];
  for (let i = 0; i < ordered.length; i += size) chunks.push(ordered.slice(i, i + size));
  return chunks;
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

/** Orders stops from `start` and back; small budgets, since a dispatch covers a whole county at once. */
export function orderFrom<T extends { lon: number; lat: number }>(start: Point, stops: readonly T[]): { ordered: T[]; lengthM: number } {
  if (stops.length === 0) return { ordered: [], lengthM: 0 };
  const { order, length } = planRoute([start, ...stops.map((s) => [s.lon, s.lat] as const)], {
    metric: 'haversine',
    closed: true,
    start: 0,
    // An iteration budget keeps dispatch repeatable; the time cap keeps a county-wide alert quick.
    timeLimitMs: 100,
    maxIterations: 20 * stops.length,
    seed: 1,
  });
  return { ordered: order.filter((i) => i > 0).map((i) => stops[i - 1]!), lengthM: length };
}

/** A task's stops in their new order (by house), and its round from the committee and back in metres. */
export interface TaskRoute {
  houseIds: number[];
  lengthM: number;
}

/**
 * Re-plans a task: visited stops keep their places, the rest are ordered after them, from the last one
 * visited (or from the committee at `start`). The length is the whole round, committee to committee.
 */
export function replanTask(start: Point, stops: readonly TaskStop[]): TaskRoute {
  const done = stops.filter((s) => s.visited);
  const last = done.at(-1);
  const ordered = [...done, ...orderFrom(last ? [last.lon, last.lat] : start, stops.filter((s) => !s.visited)).ordered];
  const points: Point[] = [start, ...ordered.map((s) => [s.lon, s.lat] as const)];
  const lengthM = tourLength(points, points.map((_, i) => i), { metric: 'haversine', closed: true });
  return { houseIds: ordered.map((s) => s.houseId), lengthM };
}

/** One village of a dispatch: its committee, the houses not yet in the batch, and its open task if it has room. */
export interface VillageToPlan {
  villageCode: string;
  start: Point;
  fresh: PlanStop[];
  /** The batch's latest open task of the village, when it has fewer than MAX_STOPS_PER_TASK stops. */
  open: { taskId: number; stops: TaskStop[] } | null;
}

export interface VillagePlan {
  villageCode: string;
  /** The open task with houses added (`added`, in the order they join) and all its stops re-planned. */
  extend: { taskId: number; added: number[]; route: TaskRoute } | null;
  /** New tasks, in part order. */
  parts: TaskRoute[];
}

/**
 * Plans a dispatch: new houses first fill the village's open task up to MAX_STOPS_PER_TASK (which is
 * then re-planned), the rest are ordered into one tour, cut into parts, and each part ordered again.
 */
export function planDispatch(villages: readonly VillageToPlan[]): VillagePlan[] {
  return villages.map(({ villageCode, start, fresh, open }) => {
    let rest = fresh;
    let extend: VillagePlan['extend'] = null;
    if (open && open.stops.length < MAX_STOPS_PER_TASK) {
      const take = rest.slice(0, MAX_STOPS_PER_TASK - open.stops.length);
      rest = rest.slice(take.length);
      const route = replanTask(start, [...open.stops, ...take.map((s) => ({ ...s, visited: false }))]);
      extend = { taskId: open.taskId, added: take.map((s) => s.houseId), route };
    }
    const parts = splitTour(orderFrom(start, rest).ordered).map((chunk) => {
      const { ordered, lengthM } = orderFrom(start, chunk);
      return { houseIds: ordered.map((s) => s.houseId), lengthM };
    });
    return { villageCode, extend, parts };
  });
}
