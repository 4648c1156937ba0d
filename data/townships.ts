// Townships (镇/街道) as groups of villages: seats chosen in valleys, each village joined to the
// nearest seat, then repaired so every township is one connected piece of land.
import type { XY } from './projection.ts';
import type { Random } from './random.ts';
import type { Terrain } from './terrain.ts';
import type { Parts } from './tiling.ts';

export const TOWNSHIP_COUNT = 12;

/**
 * Township seats (镇政府驻地): the county seat near the centre on the river, a subdistrict (街道) seat
 * just beside it, then valley villages at least ~10 km from every other seat. Returns seed indices;
 * [0] is the county seat (城关镇), [1] the subdistrict.
 */
export function chooseSeats(rng: Random, seeds: readonly XY[], terrain: Terrain): number[] {
  const river = seeds.map((s) => terrain.atXY(s[0], s[1]).riverDistM);
  const byScore = (score: (i: number) => number): number[] =>
    seeds.map((_, i) => i).sort((a, b) => score(a) - score(b));
  const countySeat = byScore((i) => Math.hypot(seeds[i]![0], seeds[i]![1]) + 4 * river[i]!)[0]!;
  const cs = seeds[countySeat]!;
  const near = (i: number): number => Math.hypot(seeds[i]![0] - cs[0], seeds[i]![1] - cs[1]);
  const subdistrict = byScore((i) => (i === countySeat ? Infinity : Math.abs(near(i) - 5_000) + 2 * river[i]!))[0]!;
  const seats = [countySeat, subdistrict];
  const candidates = byScore((i) => river[i]! + rng.uniform(0, 1_500));
  for (let gap = 10_500; seats.length < TOWNSHIP_COUNT && gap > 2_000; gap *= 0.9) {
    for (const i of candidates) {
      if (seats.length >= TOWNSHIP_COUNT) break;
      const far = seats.every((s) => Math.hypot(seeds[s]![0] - seeds[i]![0], seeds[s]![1] - seeds[i]![1]) >= gap);
      if (far) seats.push(i);
    }
  }
  return seats;
}

/**
 * Each village goes to the township whose seat is nearest (an index into `seats`); then any village
 * cut off from its seat's piece moves to the neighbouring township it borders most, until every
 * township is connected (a township must be one polygon for its border to follow village borders).
 */
export function assignToSeats(seeds: readonly XY[], seats: readonly number[], cells: readonly Parts[]): number[] {
  const townshipOf = seeds.map((p) => {
    let best = 0;
    let bestD = Infinity;
    seats.forEach((s, t) => {
      const d = Math.hypot(seeds[s]![0] - p[0], seeds[s]![1] - p[1]);
      if (d < bestD) [best, bestD] = [t, d];
    });
    return best;
  });
  const neighbours = adjacency(cells);
  for (let round = 0; round < 10; round++) {
    let moved = 0;
    seats.forEach((seat, t) => {
      const connected = reachable(seat, (i) => townshipOf[i] === t, neighbours);
      townshipOf.forEach((owner, i) => {
        if (owner !== t || connected.has(i)) return;
        const votes = new Map<number, number>();
        for (const [j, shared] of neighbours[i]!) {
          if (townshipOf[j] !== t) votes.set(townshipOf[j]!, (votes.get(townshipOf[j]!) ?? 0) + shared);
        }
        const best = [...votes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0];
        if (best) {
          townshipOf[i] = best[0];
          moved++;
        }
      });
    });
    if (moved === 0) break;
  }
  return townshipOf;
}

/** Villages that share a border (two or more exact vertices: one Voronoi diagram, one set of edges). */
function adjacency(cells: readonly Parts[]): Map<number, number>[] {
  const byVertex = new Map<string, number[]>();
  cells.forEach((parts, i) => {
    const seen = new Set<string>();
    for (const rings of parts) {
      for (const p of rings[0]!) {
        const k = `${p[0]},${p[1]}`;
        if (seen.has(k)) continue;
        seen.add(k);
        const list = byVertex.get(k);
        if (list) list.push(i);
        else byVertex.set(k, [i]);
      }
    }
  });
  const shared = cells.map(() => new Map<number, number>());
  for (const list of byVertex.values()) {
    for (const a of list) for (const b of list) if (a !== b) shared[a]!.set(b, (shared[a]!.get(b) ?? 0) + 1);
  }
  for (const m of shared) for (const [j, n] of m) if (n < 2) m.delete(j);
  return shared;
}

function reachable(start: number, allowed: (i: number) => boolean, neighbours: readonly Map<number, number>[]): Set<number> {
  const seen = new Set([start]);
  const stack = [start];
  while (stack.length) {
    for (const j of neighbours[stack.pop()!]!.keys()) {
      if (!seen.has(j) && allowed(j)) {
        seen.add(j);
        stack.push(j);
      }
    }
  }
  return seen;
}
