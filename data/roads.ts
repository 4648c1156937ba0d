// Roads follow valleys, as they do in the Qinba hills: a national road along the main river, a
// provincial road up the longest tributary, and county roads linking the township seats.
import { clipLineToRing, lineLength } from './planar.ts';
import type { XY } from './projection.ts';
import type { Random } from './random.ts';
import type { River } from './rivers.ts';

export interface Road {
  name: string;
  subkind: 'national' | 'provincial' | 'county';
  line: XY[];
}

export function generateRoads(rng: Random, outline: readonly XY[], rivers: readonly River[], seats: readonly XY[]): Road[] {
  const roads: Road[] = [];
  const main = rivers.find((r) => r.subkind === 'main')!;
  roads.push({ name: '国道G541', subkind: 'national', line: alongside(main.line, 260, outline) });
  const longest = rivers
    .filter((r) => r.subkind === 'tributary')
    .sort((a, b) => lineLength(b.line) - lineLength(a.line))[0];
  if (longest) roads.push({ name: '省道S213', subkind: 'provincial', line: alongside(longest.line, -160, outline) });
  minimumSpanningTree(seats).forEach(([a, b], k) => {
    const line = wiggle(rng, seats[a]!, seats[b]!);
    const inside = clipLineToRing(line, outline).sort((p, q) => lineLength(q) - lineLength(p))[0];
    if (inside) roads.push({ name: `县道X${301 + k}`, subkind: 'county', line: inside });
  });
  return roads;
}

/** A road on one bank: the river thinned to ~1 km vertices (roads cut meanders), offset sideways. */
function alongside(river: readonly XY[], offset: number, outline: readonly XY[]): XY[] {
  const thin = river.filter((_, i) => i % 5 === 0 || i === river.length - 1);
  const line = thin.map((p, i): XY => {
    const a = thin[Math.max(0, i - 1)]!;
    const b = thin[Math.min(thin.length - 1, i + 1)]!;
    const len = Math.hypot(b[0] - a[0], b[1] - a[1]) || 1;
    return [p[0] - (offset * (b[1] - a[1])) / len, p[1] + (offset * (b[0] - a[0])) / len];
  });
  return clipLineToRing(line, outline).sort((p, q) => lineLength(q) - lineLength(p))[0] ?? line;
}

/** A winding road between two points: a straight line bent by two sine terms that vanish at the ends. */
function wiggle(rng: Random, a: XY, b: XY): XY[] {
  const len = Math.hypot(b[0] - a[0], b[1] - a[1]);
  const nx = -(b[1] - a[1]) / len;
  const ny = (b[0] - a[0]) / len;
  const amp1 = rng.uniform(-0.08, 0.08) * len;
  const amp2 = rng.uniform(-0.03, 0.03) * len;
  const steps = Math.max(8, Math.round(len / 400));
  const line: XY[] = [];
  for (let i = 0; i <= steps; i++) {
    const t = i / steps;
    const off = amp1 * Math.sin(Math.PI * t) + amp2 * Math.sin(3 * Math.PI * t);
    line.push([a[0] + t * (b[0] - a[0]) + off * nx, a[1] + t * (b[1] - a[1]) + off * ny]);
  }
  return line;
}

/** Prim's algorithm over straight-line distances: the cheapest network joining every seat. */
function minimumSpanningTree(points: readonly XY[]): [number, number][] {
  if (points.length < 2) return [];
  const inTree = new Set([0]);
  const edges: [number, number][] = [];
  while (inTree.size < points.length) {
    let best: [number, number] | null = null;
    let bestD = Infinity;
    for (const i of inTree) {
      for (let j = 0; j < points.length; j++) {
        if (inTree.has(j)) continue;
        const d = Math.hypot(points[i]![0] - points[j]![0], points[i]![1] - points[j]![1]);
        if (d < bestD) [bestD, best] = [d, [i, j]];
      }
    }
    edges.push(best!);
    inTree.add(best![1]);
  }
  return edges;
}
