// The county's rivers: one main river meandering west → east through the middle, tributaries
// climbing north and south from it, and side streams reaching into every hillside. All in local metres.
import { clipLineToRing, distanceToRing, lineLength, pointInRing, segmentsCross } from './planar.ts';
import type { XY } from './projection.ts';
import type { Random } from './random.ts';
import { MAIN_RIVER_NAME, streamName, TRIBUTARY_NAMES } from './names.ts';
import { LineDistance } from './terrain.ts';

export interface River {
  name: string;
  subkind: 'main' | 'tributary';
  line: XY[];
}

const STEP = 200; // metres between vertices
const STREAMS = 16;

export function generateRivers(rng: Random, outline: readonly XY[]): River[] {
  const main = mainRiver(rng, outline);
  const rivers: River[] = [{ name: MAIN_RIVER_NAME, subkind: 'main', line: main }];
  const names = [...TRIBUTARY_NAMES];
  const taken = new Set<string>([MAIN_RIVER_NAME, ...TRIBUTARY_NAMES]);
  const tributaries = 6;
  for (let k = 0; k < tributaries; k++) {
    // Spread confluences along the main river, alternating banks, so valleys fan out evenly.
    const at = Math.floor(main.length * ((k + 0.5 + rng.uniform(-0.25, 0.25)) / tributaries));
    const side = k % 2 === 0 ? 1 : -1;
    const line = climb(rng, main, at, side, outline, rivers, rng.uniform(14_000, 30_000));
    if (line) rivers.push({ name: names.shift()!, subkind: 'tributary', line });
  }
  // Side streams fill the hills: each one climbs from the nearest river toward the spot farthest from
  // any water, as a real stream network reaches every slope.
  const failed: XY[] = [];
  const dry = new DryGrid(outline, rivers);
  for (let k = 0; k < STREAMS; k++) {
    const far = dry.farthest(failed);
    if (!far || far.d < 2_500) break;
    const { river, at } = nearestVertex(rivers, far.p);
    const from = river.line[at]!;
    const toward = Math.atan2(far.p[1] - from[1], far.p[0] - from[0]);
    const line = climbToward(rng, river.line, at, toward, outline, rivers, far.d + 1_500);
    if (line) {
      rivers.push({ name: streamName(rng, taken), subkind: 'tributary', line });
      dry.water(line);
    } else failed.push(far.p);
  }
  return rivers;
}

/** A sum of sines at three scales: broad valley bends, meanders, and small wiggles. */
function mainRiver(rng: Random, outline: readonly XY[]): XY[] {
  const offset = rng.uniform(-2500, 2500);
  const waves = [
    [rng.uniform(3000, 4500), rng.uniform(34_000, 44_000), rng.uniform(0, 2 * Math.PI)],
    [rng.uniform(900, 1500), rng.uniform(9_000, 13_000), rng.uniform(0, 2 * Math.PI)],
    [rng.uniform(150, 300), rng.uniform(2_500, 3_500), rng.uniform(0, 2 * Math.PI)],
  ] as const;
  const line: XY[] = [];
  for (let x = -45_000; x <= 45_000; x += STEP) {
    let y = offset;
    for (const [amp, len, phase] of waves) y += amp * Math.sin((2 * Math.PI * x) / len + phase);
    line.push([x, y]);
  }
  const runs = clipLineToRing(line, outline);
  return runs.sort((a, b) => lineLength(b) - lineLength(a))[0]!;
}

/**
 * Walks upstream from vertex `at` of `trunk`, roughly perpendicular to it on `side`, with a
 * mean-reverting random heading, until it leaves the county, reaches `maxLength`, or meets another
 * river (it then ends there, as a stream joining that river would).
 */
function climb(
  rng: Random,
  trunk: readonly XY[],
  at: number,
  side: 1 | -1,
  outline: readonly XY[],
  existing: readonly River[],
  maxLength: number,
): XY[] | null {
  const i = Math.max(1, Math.min(trunk.length - 2, at));
  const start = trunk[i]!;
  const next = trunk[i + 1]!;
  const flow = Math.atan2(next[1] - start[1], next[0] - start[0]);
  // Perpendicular, leaning upstream: tributaries meet the trunk at an acute angle pointing downstream.
  return climbToward(rng, trunk, i, flow + side * (Math.PI / 2 + rng.uniform(0.15, 0.6)), outline, existing, maxLength);
}

/** Like `climb`, with the walk's mean heading given. */
function climbToward(
  rng: Random,
  trunk: readonly XY[],
  at: number,
  base: number,
  outline: readonly XY[],
  existing: readonly River[],
  maxLength: number,
): XY[] | null {
  const start = trunk[Math.max(0, Math.min(trunk.length - 1, at))]!;
  let heading = base;
  const line: XY[] = [start];
  let p = start;
  for (let len = 0; len < maxLength; len += STEP) {
    heading += rng.normal(0, 0.18) + 0.15 * (base - heading);
    const q: XY = [p[0] + STEP * Math.cos(heading), p[1] + STEP * Math.sin(heading)];
    if (line.length > 3 && meetsRiver(p, q, existing)) break;
    line.push(q);
    p = q;
  }
  const inside = clipLineToRing(line, outline)[0];
  return inside && lineLength(inside) > 2_500 ? inside : null;
}

/** A 1.5 km grid over the county with each point's distance to the nearest river so far. */
class DryGrid {
  private readonly points: XY[] = [];
  private readonly dist: Float64Array;

  constructor(outline: readonly XY[], rivers: readonly River[]) {
    const xs = outline.map((p) => p[0]);
    const ys = outline.map((p) => p[1]);
    for (let x = Math.min(...xs); x <= Math.max(...xs); x += 1_500) {
      for (let y = Math.min(...ys); y <= Math.max(...ys); y += 1_500) {
        // Keep off the border: a stream heading out of the county would not water this side of it.
        if (pointInRing(x, y, outline) && distanceToRing(x, y, outline) >= 2_000) this.points.push([x, y]);
      }
    }
    const water = new LineDistance(rivers.map((r) => r.line));
    this.dist = Float64Array.from(this.points, (p) => water.distance(p[0], p[1]));
  }

  /** A new river: only distances to it can shrink. */
  water(line: readonly XY[]): void {
    const near = new LineDistance([line]);
    this.points.forEach((p, i) => (this.dist[i] = Math.min(this.dist[i]!, near.distance(p[0], p[1]))));
  }

  /** The driest point not within 3 km of one already given up on. */
  farthest(avoid: readonly XY[]): { p: XY; d: number } | null {
    let best: { p: XY; d: number } | null = null;
    this.points.forEach((p, i) => {
      if (best && this.dist[i]! <= best.d) return;
      if (avoid.some((a) => Math.hypot(a[0] - p[0], a[1] - p[1]) < 3_000)) return;
      best = { p, d: this.dist[i]! };
    });
    return best;
  }
}

function nearestVertex(rivers: readonly River[], p: XY): { river: River; at: number } {
  let best = { river: rivers[0]!, at: 0 };
  let bestD = Infinity;
  for (const river of rivers) {
    river.line.forEach((q, at) => {
      const d = Math.hypot(q[0] - p[0], q[1] - p[1]);
      if (d < bestD) [best, bestD] = [{ river, at }, d];
    });
  }
  return best;
}

function meetsRiver(p: XY, q: XY, rivers: readonly River[]): boolean {
  for (const r of rivers) {
    for (let k = 1; k < r.line.length; k++) if (segmentsCross(p, q, r.line[k - 1]!, r.line[k]!)) return true;
  }
  return false;
}
