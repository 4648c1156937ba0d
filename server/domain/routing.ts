// Patrol route optimiser (巡查路线): orders the houses of a patrol so the inspector travels least —
// a closed tour from the start and back (`closed: true`) or an open path from the start.
//
// Nearest-neighbour construction, then 2-opt + Or-opt (segments of 1–3, either way round) on
// candidate lists (nearest and per-quadrant neighbours) with don't-look bits, then iterated local
// search — double-bridge kick, local search, keep if shorter — until the time or iteration budget
// runs out. An open path is solved as a tour through a dummy node that is 0 away from every point
// and tied to the start by an edge no move may break.
import Flatbush from 'flatbush';
import { localSearch, mulberry32, kick, Tour, WorkQueue, type Dist, type MoveContext } from './tour-moves.ts';

export type Metric = 'euclidean' | 'haversine';
/** [x, y] in input units; for haversine [lon, lat] in degrees, GeoJSON order. */
export type Point = readonly [number, number];

export interface RouteOptions {
  metric: Metric;
  closed: boolean;
  /** Index of the point the route starts from (the village committee, say). */
  start: number;
  /** Budget for the whole call, distance matrix included. */
  timeLimitMs: number;
  /** Seeds the kicks; the same seed and budget give the same route. */
  seed?: number;
  /** Clock in ms; `performance.now` unless given. A constant clock plus `maxIterations` makes runs repeatable. */
  now?: () => number;
  /** Number of kicks of the iterated local search; unbounded unless given. */
  maxIterations?: number;
}

/** `order` starts at `start`; `length` is in metres for haversine, input units for euclidean. */
export interface Route {
  order: number[];
  length: number;
}

/** Mean Earth radius (IUGG), so that 1° of latitude is 111,195 m. */
export const EARTH_RADIUS_M = 6_371_008.8;
/** Up to here a full distance matrix ((n+1)² doubles, 32 MB at 2000) beats recomputing haversines. */
const MATRIX_MAX = 2000;
const NEAREST = 8;
const PER_QUADRANT = 2;
const CLOCK_EVERY = 256;

/** Distance between points i and j; throws on a non-finite coordinate, which would poison every sum. */
function pointDistance(points: ArrayLike<Point>, metric: Metric): Dist {
  const n = points.length;
  const xs = new Float64Array(n);
  const ys = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    const [x, y] = points[i]!;
    if (!Number.isFinite(x) || !Number.isFinite(y)) throw new RangeError(`point ${i} has a non-finite coordinate`);
    xs[i] = metric === 'haversine' ? (x * Math.PI) / 180 : x;
    ys[i] = metric === 'haversine' ? (y * Math.PI) / 180 : y;
  }
  if (metric === 'euclidean') {
    return (i, j) => {
      const dx = xs[i]! - xs[j]!;
      const dy = ys[i]! - ys[j]!;
      return Math.sqrt(dx * dx + dy * dy);
    };
  }
  const cosLat = ys.map(Math.cos);
  return (i, j) => {
    const sLat = Math.sin((ys[j]! - ys[i]!) / 2);
    const sLon = Math.sin((xs[j]! - xs[i]!) / 2);
    const h = sLat * sLat + cosLat[i]! * cosLat[j]! * sLon * sLon;
    return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
  };
}

interface Instance {
  n: number;
  /** n, plus one dummy node (index n) for an open path. */
  m: number;
  dummy: number;
  dist: Dist;
  /** Planar stand-ins for the points, to tell quadrants apart and to index them: lon scaled by cos(mean lat). */
  px: Float64Array;
  py: Float64Array;
  /** Only past MATRIX_MAX, where scanning all points per point would be quadratic. */
  index: Flatbush | null;
}

function instanceOf(points: ArrayLike<Point>, metric: Metric, closed: boolean): Instance {
  const n = points.length;
  const m = closed ? n : n + 1;
  const dummy = closed ? -1 : n;
  const base = pointDistance(points, metric);
  let meanLat = 0;
  for (let i = 0; i < n; i++) meanLat += points[i]![1] / n;
  const kx = metric === 'haversine' ? Math.cos((meanLat * Math.PI) / 180) : 1;
  const px = Float64Array.from({ length: n }, (_, i) => points[i]![0] * kx);
  const py = Float64Array.from({ length: n }, (_, i) => points[i]![1]);
  if (n > MATRIX_MAX) {
    const index = new Flatbush(n);
    for (let i = 0; i < n; i++) index.add(px[i]!, py[i]!, px[i]!, py[i]!);
    index.finish();
    const dist: Dist = (i, j) => (i === dummy || j === dummy ? 0 : base(i, j));
    return { n, m, dummy, dist, px, py, index };
  }
  const matrix = new Float64Array(m * m); // the dummy row and column stay 0
  for (let i = 0; i < n; i++) {
    for (let j = i + 1; j < n; j++) matrix[i * m + j] = matrix[j * m + i] = base(i, j);
  }
  return { n, m, dummy, dist: (i, j) => matrix[i * m + j]!, px, py, index: null };
}

/** Nearest-neighbour order of the n points from `start`, ties to the lower index. */
function nearestNeighbourOrder(inst: Instance, start: number): number[] {
  const { n, dist, px, py, index } = inst;
  const visited = new Uint8Array(n);
  const order = [start];
  visited[start] = 1;
  for (let cur = start; order.length < n; ) {
    let next = -1;
    if (index) {
      next = index.neighbors(px[cur]!, py[cur]!, 1, Infinity, (j) => !visited[j])[0]!;
    } else {
      let best = Infinity;
      for (let j = 0; j < n; j++) {
        if (visited[j]) continue;
        const d = dist(cur, j);
        if (d < best) {
          best = d;
          next = j;
        }
      }
    }
    visited[next] = 1;
    order.push(next);
    cur = next;
  }
  return order;
}

/** Puts (j, d) into the ascending list ids/ds[from, from + count) of capacity cap; returns the new count. */
function insertNearest(ids: Int32Array, ds: Float64Array, from: number, count: number, cap: number, j: number, d: number): number {
  if (count === cap && d >= ds[from + cap - 1]!) return count;
  let p = from + (count < cap ? count++ : cap - 1);
  for (; p > from && ds[p - 1]! > d; p--) {
    ids[p] = ids[p - 1]!;
    ds[p] = ds[p - 1]!;
  }
  ids[p] = j;
  ds[p] = d;
  return count;
}

/**
 * Candidate neighbours of each point, nearest first: its NEAREST nearest points, and the nearest
 * PER_QUADRANT in each quadrant around it. Quadrants matter because houses come in hamlets: the
 * nearest ones of a house are all in its own hamlet, and the tour still needs the edge to the next.
 * The dummy of an open path heads every list, so that any point can become the path's end.
 */
function candidateLists(inst: Instance): { cand: Int32Array; width: number } {
  const { n, m, dummy, dist, px, py, index } = inst;
  const nearest = Math.min(NEAREST, n - 1);
  const size = Math.min(nearest + 4 * PER_QUADRANT, n - 1);
  const width = size + (dummy >= 0 ? 1 : 0);
  const cand = new Int32Array(m * width).fill(-1);
  const nearIds = new Int32Array(nearest);
  const nearDs = new Float64Array(nearest);
  const quadIds = new Int32Array(4 * PER_QUADRANT);
  const quadDs = new Float64Array(4 * PER_QUADRANT);
  const quadCount = new Int32Array(4);
  const listIds = new Int32Array(size);
  const listDs = new Float64Array(size);
  for (let i = 0; i < n; i++) {
    let nearCount = 0;
    quadCount.fill(0);
    const scan = index ? index.neighbors(px[i]!, py[i]!, 4 * size) : null;
    for (let k = 0, end = scan ? scan.length : n; k < end; k++) {
      const j = scan ? scan[k]! : k;
      if (j === i) continue;
      const d = dist(i, j);
      nearCount = insertNearest(nearIds, nearDs, 0, nearCount, nearest, j, d);
      const q = (px[j]! >= px[i]! ? 0 : 1) + (py[j]! >= py[i]! ? 0 : 2);
      quadCount[q] = insertNearest(quadIds, quadDs, q * PER_QUADRANT, quadCount[q]!, PER_QUADRANT, j, d);
    }
    let count = 0;
    for (let t = 0; t < nearCount; t++) count = insertNearest(listIds, listDs, 0, count, size, nearIds[t]!, nearDs[t]!);
    for (let q = 0; q < 4; q++) {
      for (let t = q * PER_QUADRANT; t < q * PER_QUADRANT + quadCount[q]!; t++) {
        if (!listIds.subarray(0, count).includes(quadIds[t]!)) count = insertNearest(listIds, listDs, 0, count, size, quadIds[t]!, quadDs[t]!);
      }
    }
    const at = i * width;
    if (dummy >= 0) cand[at] = dummy;
    cand.set(listIds.subarray(0, count), dummy >= 0 ? at + 1 : at);
  }
  return { cand, width };
}

/** Sum of the legs along `order`, plus the leg back to the first point when closed. */
function legsLength(order: readonly number[], dist: Dist, closed: boolean): number {
  let sum = 0;
  for (let p = 1; p < order.length; p++) sum += dist(order[p - 1]!, order[p]!);
  if (closed && order.length > 1) sum += dist(order[order.length - 1]!, order[0]!);
  return sum;
}

/** Length of a route given as point indices, in metres for haversine. */
export function tourLength(points: ArrayLike<Point>, order: readonly number[], opts: { metric: Metric; closed: boolean }): number {
  return legsLength(order, pointDistance(points, opts.metric), opts.closed);
}

/** The classic construction, exported as the baseline the optimiser is measured against. */
export function nearestNeighbourTour(points: ArrayLike<Point>, opts: { metric: Metric; closed: boolean; start: number }): Route {
  checkStart(points.length, opts.start);
  if (points.length === 0) return { order: [], length: 0 };
  const inst = instanceOf(points, opts.metric, true);
  const order = nearestNeighbourOrder(inst, opts.start);
  return { order, length: legsLength(order, inst.dist, opts.closed) };
}

function checkStart(n: number, start: number): void {
  if (n > 0 && !(Number.isInteger(start) && start >= 0 && start < n)) {
    throw new RangeError(`start ${start} is not a point index (0..${n - 1})`);
  }
}

/** The shortest route from `start` through every point that the budget finds; see the module header. */
export function planRoute(points: ArrayLike<Point>, opts: RouteOptions): Route {
  const n = points.length;
  checkStart(n, opts.start);
  if (n === 0) return { order: [], length: 0 };
  const now = opts.now ?? (() => performance.now());
  const deadline = now() + opts.timeLimitMs;
  const timeUp = () => now() >= deadline;

  const inst = instanceOf(points, opts.metric, opts.closed);
  const initial = nearestNeighbourOrder(inst, opts.start);
  // Up to three points, nearest-neighbour is already optimal either way.
  if (n <= 3) return { order: initial, length: legsLength(initial, inst.dist, opts.closed) };

  const tour = new Tour(opts.closed ? initial : [...initial, inst.dummy]);
  const ctx: MoveContext = {
    dist: inst.dist,
    ...candidateLists(inst),
    fixedA: inst.dummy,
    fixedB: opts.closed ? -1 : opts.start,
    eps: 1e-13 * tour.length(inst.dist),
  };
  const queue = new WorkQueue(inst.m);
  for (const v of tour.order) queue.push(v);
  let bestLength = tour.length(inst.dist) - localSearch(tour, ctx, queue, timeUp);

  const best = new Tour(tour.order);
  const random = mulberry32(opts.seed ?? 1);
  const maxIterations = opts.maxIterations ?? Infinity;
  for (let it = 0; it < maxIterations; it++) {
    if (it % CLOCK_EVERY === 0 && timeUp()) break;
    const kicked = bestLength + kick(tour, ctx, queue, random);
    const length = kicked - localSearch(tour, ctx, queue, timeUp);
    if (length < bestLength - ctx.eps) {
      best.copyFrom(tour);
      bestLength = length;
    } else {
      tour.copyFrom(best);
    }
  }

  const order = routeFrom(best, opts.start, inst.dummy);
  return { order, length: legsLength(order, inst.dist, opts.closed) };
}

/** Reads the tour from `start`, heading away from the dummy of an open path, and drops the dummy. */
function routeFrom(tour: Tour, start: number, dummy: number): number[] {
  const backwards = tour.succ(start) === dummy;
  const order: number[] = [];
  for (let v = start, k = 0; k < tour.size; k++, v = backwards ? tour.pred(v) : tour.succ(v)) {
    if (v !== dummy) order.push(v);
  }
  return order;
}
