// Local-search kernels of the patrol-route optimiser (routing.ts): a tour held in two typed arrays,
// 2-opt and Or-opt driven by candidate lists and don't-look bits, and the double-bridge kick of
// iterated local search. Everything works on node numbers 0..m-1 and a distance callback.

export type Dist = (i: number, j: number) => number;

/** What the moves need to know about an instance. */
export interface MoveContext {
  dist: Dist;
  /** `width` candidate nodes per node, nearest first, padded with -1. */
  cand: Int32Array;
  width: number;
  /** An edge no move may break (the dummy–start edge of an open path); -1 when there is none. */
  fixedA: number;
  fixedB: number;
  /** Gains at or below this are rounding noise, not improvements; this keeps the search from cycling. */
  eps: number;
}

/** A cyclic tour: `order[p]` is the node at position p, `pos[v]` the position of node v. */
export class Tour {
  readonly order: Int32Array;
  readonly pos: Int32Array;
  readonly size: number;
  private readonly scratch: Int32Array;

  constructor(order: ArrayLike<number>) {
    this.size = order.length;
    this.order = Int32Array.from(order);
    this.pos = new Int32Array(this.size);
    this.scratch = new Int32Array(this.size);
    for (let p = 0; p < this.size; p++) this.pos[this.order[p]!] = p;
  }

  /** The node `offset` places after position `from`, round the cycle. */
  at(from: number, offset: number): number {
    return this.order[(from + offset) % this.size]!;
  }

  succ(v: number): number {
    const p = this.pos[v]! + 1;
    return this.order[p === this.size ? 0 : p]!;
  }

  pred(v: number): number {
    const p = this.pos[v]!;
    return this.order[p === 0 ? this.size - 1 : p - 1]!;
  }

  copyFrom(other: Tour): void {
    this.order.set(other.order);
    this.pos.set(other.pos);
  }

  length(dist: Dist): number {
    let sum = 0;
    for (let p = 0; p < this.size; p++) sum += dist(this.order[p]!, this.order[p + 1 === this.size ? 0 : p + 1]!);
    return sum;
  }

  /**
   * Reverses the path from position i forward to position j. When the rest of the cycle is shorter
   * it reverses that instead: the same cycle, mirrored, at half the cost at worst.
   */
  private reverse(i: number, j: number): void {
    const m = this.size;
    let len = ((j - i + m) % m) + 1;
    if (2 * len > m) {
      [i, j] = [(j + 1) % m, (i - 1 + m) % m];
      len = m - len;
    }
    const { order, pos } = this;
    for (let k = len >> 1; k > 0; k--) {
      const a = order[i]!;
      const b = order[j]!;
      order[i] = b;
      pos[b] = i;
      order[j] = a;
      pos[a] = j;
      i = i + 1 === m ? 0 : i + 1;
      j = j === 0 ? m - 1 : j - 1;
    }
  }

  /** Swaps the segment of `first` nodes from position `from` with the `second` nodes after it. */
  swapSegments(from: number, first: number, second: number): void {
    const { order, pos, scratch, size } = this;
    for (let k = 0; k < first + second; k++) scratch[k] = order[(from + k) % size]!;
    for (let k = 0; k < first + second; k++) {
      const v = scratch[k < second ? first + k : k - second]!;
      const p = (from + k) % size;
      order[p] = v;
      pos[v] = p;
    }
  }

  /**
   * Replaces edges (a,b) and (c,d) with (a,c) and (b,d), where b and d lie on the same side of a and c.
   * Stated by edges, not positions, so it holds whichever way round `reverse` left the array.
   */
  move2opt(a: number, b: number, c: number, d: number): void {
    if (this.succ(a) === b) this.reverse(this.pos[b]!, this.pos[c]!);
    else this.reverse(this.pos[a]!, this.pos[d]!);
  }
}

/** FIFO of nodes still worth looking at; a node not queued has its don't-look bit set. */
export class WorkQueue {
  private readonly items: Int32Array;
  private readonly queued: Uint8Array;
  private head = 0;
  size = 0;

  constructor(capacity: number) {
    this.items = new Int32Array(capacity);
    this.queued = new Uint8Array(capacity);
  }

  push(v: number): void {
    if (this.queued[v]) return;
    this.queued[v] = 1;
    this.items[(this.head + this.size) % this.items.length] = v;
    this.size++;
  }

  pop(): number {
    const v = this.items[this.head]!;
    this.head = (this.head + 1) % this.items.length;
    this.size--;
    this.queued[v] = 0;
    return v;
  }

  clear(): void {
    while (this.size > 0) this.pop();
  }
}

const isFixed = (ctx: MoveContext, u: number, v: number): boolean =>
  (u === ctx.fixedA && v === ctx.fixedB) || (u === ctx.fixedB && v === ctx.fixedA);

/** First improving 2-opt move that makes a new edge from `a` to one of its candidates; returns its gain. */
function twoOptFrom(tour: Tour, ctx: MoveContext, queue: WorkQueue, a: number): number {
  const { dist, cand, width, eps } = ctx;
  for (let dir = 0; dir < 2; dir++) {
    const b = dir === 0 ? tour.succ(a) : tour.pred(a);
    if (isFixed(ctx, a, b)) continue;
    const dab = dist(a, b);
    for (let k = a * width, end = k + width; k < end; k++) {
      const c = cand[k]!;
      if (c < 0) break;
      const g1 = dab - dist(a, c);
      if (g1 <= eps) break; // candidates are sorted: no later one can pay for the new edge either
      const d = dir === 0 ? tour.succ(c) : tour.pred(c);
      if (c === b || d === a || isFixed(ctx, c, d)) continue;
      const gain = g1 + dist(c, d) - dist(b, d);
      if (gain > eps) {
        tour.move2opt(a, b, c, d);
        queue.push(a), queue.push(b), queue.push(c), queue.push(d);
        return gain;
      }
    }
  }
  return 0;
}

/**
 * First improving Or-opt move of a segment of 1–3 nodes that starts at `u`: the segment leaves its
 * place and goes between a candidate c of u and a tour neighbour e of c, either way round.
 */
function orOptFrom(tour: Tour, ctx: MoveContext, queue: WorkQueue, u: number): number {
  const { dist, cand, width, eps } = ctx;
  for (let dir = 0; dir < 2; dir++) {
    let v = u;
    let mid = -1;
    for (let len = 1; len <= 3 && len + 3 <= tour.size; len++) {
      if (len > 1) {
        if (len === 3) mid = v;
        v = dir === 0 ? tour.succ(v) : tour.pred(v);
      }
      const pu = dir === 0 ? tour.pred(u) : tour.succ(u);
      const pv = dir === 0 ? tour.succ(v) : tour.pred(v);
      if (isFixed(ctx, pu, u) || isFixed(ctx, v, pv)) continue;
      const removeGain = dist(pu, u) + dist(v, pv) - dist(pu, pv);
      if (removeGain <= eps) continue;
      for (let k = u * width, end = k + width; k < end; k++) {
        const c = cand[k]!;
        if (c < 0) break;
        const g1 = removeGain - dist(u, c);
        if (g1 <= eps) break;
        if (c === u || c === v || c === mid) continue;
        for (let side = 0; side < 2; side++) {
          const e = side === 0 ? tour.succ(c) : tour.pred(c);
          if (e === u || e === v || e === mid || isFixed(ctx, c, e)) continue;
          const gain = g1 + dist(c, e) - dist(v, e);
          if (gain > eps) {
            moveSegment(tour, u, v, pu, pv, c, e);
            queue.push(u), queue.push(v), queue.push(pu), queue.push(pv), queue.push(c), queue.push(e);
            return gain;
          }
        }
      }
    }
  }
  return 0;
}

/**
 * Moves the segment u..v (outer neighbours pu, pv) between c and e so that c meets u and v meets e,
 * as two or three 2-opt moves: the first two insert it reversed, the third turns it round.
 */
function moveSegment(tour: Tour, u: number, v: number, pu: number, pv: number, c: number, e: number): void {
  const forward = tour.succ(pu) === u;
  const p = forward ? pu : pv;
  const s1 = forward ? u : v;
  const s2 = forward ? v : u;
  const nx = forward ? pv : pu;
  const cForward = tour.succ(c) === e;
  const cc = cForward ? c : e;
  const ee = cForward ? e : c;
  tour.move2opt(p, s1, cc, ee); // p cc … nx s2…s1 ee
  tour.move2opt(p, cc, nx, s2); // p nx … cc s2…s1 ee
  const meetsRight = cc === c ? s2 === u : s2 === v;
  if (!meetsRight) tour.move2opt(cc, s2, s1, ee); // cc s1…s2 ee
}

/**
 * 2-opt and Or-opt until no queued node has an improving move, or `stop()` (asked every few hundred
 * steps) says time is up. Returns the total gain.
 */
export function localSearch(tour: Tour, ctx: MoveContext, queue: WorkQueue, stop: () => boolean): number {
  let total = 0;
  for (let steps = 1; queue.size > 0; steps++) {
    if ((steps & 255) === 0 && stop()) {
      queue.clear();
      break;
    }
    const a = queue.pop();
    const gain = twoOptFrom(tour, ctx, queue, a) || orOptFrom(tour, ctx, queue, a);
    if (gain > 0) {
      total += gain;
      queue.push(a);
    }
  }
  return total;
}

/**
 * Half the kicks cut the tour anywhere, which can reorder whole hamlets; the other half cut within
 * KICK_WINDOW positions, which reworks one neighbourhood. On random and clustered instances of 50–1000
 * points this mix beat either kind alone.
 */
const KICK_WINDOW = 30;
const GLOBAL_SHARE = 0.5;

/**
 * The double-bridge kick A B C D → A C B D, a move 2-opt and Or-opt cannot undo in one step. Queues
 * the six nodes it touched and returns the change in length (0 when it found no cut that keeps the
 * fixed edge).
 */
export function kick(tour: Tour, ctx: MoveContext, queue: WorkQueue, random: () => number): number {
  const m = tour.size;
  const window = random() < GLOBAL_SHARE ? m - 1 : Math.min(KICK_WINDOW, m - 1);
  if (window < 3) return 0;
  for (let attempt = 0; attempt < 8; attempt++) {
    const s = Math.floor(random() * m);
    const r1 = 1 + Math.floor(random() * window);
    const r2 = 1 + Math.floor(random() * window);
    const r3 = 1 + Math.floor(random() * window);
    if (r1 === r2 || r2 === r3 || r1 === r3) continue;
    // Cut after offsets x < y < z from s: B = [x, y), C = [y, z).
    const x = Math.min(r1, r2, r3);
    const z = Math.max(r1, r2, r3);
    const y = r1 + r2 + r3 - x - z;
    const a1 = tour.at(s, x - 1), b1 = tour.at(s, x), b2 = tour.at(s, y - 1);
    const c1 = tour.at(s, y), c2 = tour.at(s, z - 1), d1 = tour.at(s, z);
    if (isFixed(ctx, a1, b1) || isFixed(ctx, b2, c1) || isFixed(ctx, c2, d1)) continue;
    const { dist } = ctx;
    const delta = dist(a1, c1) + dist(c2, b1) + dist(b2, d1) - dist(a1, b1) - dist(b2, c1) - dist(c2, d1);
    tour.swapSegments((s + x) % m, y - x, z - y);
    queue.push(a1), queue.push(b1), queue.push(b2), queue.push(c1), queue.push(c2), queue.push(d1);
    return delta;
  }
  return 0;
}

/** mulberry32: a small, fast, seedable PRNG, so that a seed fixes the search (Math.random cannot). */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
