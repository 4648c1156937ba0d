// The best N of a stream of items, by a binary heap of N: each item costs O(log N) and nothing is kept
// beyond N, where sorting everything costs O(M log M) and holds all M. The heap's root is the worst
// item kept, so a caller can ask what an item must beat to enter (`worst`) and skip what cannot.

/** `better(a, b)`: a ranks before b. It must be a strict total order (break ties, e.g. by id). */
export class TopN<T> {
  private readonly items: T[] = [];
  /** Items are only appended until the heap is first needed (`worst`, or an item past N): asked for everything, it is one sort. */
  private heaped = false;

  constructor(
    readonly n: number,
    private readonly better: (a: T, b: T) => boolean,
  ) {}

  get size(): number {
    return this.items.length;
  }

  get full(): boolean {
    return this.items.length >= this.n;
  }

  /** The worst item kept (the one the next item must beat once full), or undefined when empty. */
  get worst(): T | undefined {
    this.heapify();
    return this.items[0];
  }

  /** Keeps the item if fewer than N are kept or it beats the worst of them. */
  offer(item: T): void {
    const h = this.items;
    if (this.n <= 0) return;
    if (h.length < this.n) {
      h.push(item);
      if (this.heaped) this.up(h.length - 1);
      return;
    }
    this.heapify();
    if (this.better(item, h[0]!)) {
      h[0] = item;
      this.down(0);
    }
  }

  /** The items kept, best first. */
  sorted(): T[] {
    return [...this.items].sort((a, b) => (this.better(a, b) ? -1 : this.better(b, a) ? 1 : 0));
  }

  private heapify(): void {
    if (this.heaped) return;
    this.heaped = true;
    for (let i = (this.items.length >> 1) - 1; i >= 0; i--) this.down(i);
  }

  // A min-heap by `better`: a parent is never better than its children, so the root is the worst.
  private up(i: number): void {
    const h = this.items;
    while (i > 0) {
      const p = (i - 1) >> 1;
      if (!this.better(h[p]!, h[i]!)) break;
      [h[p], h[i]] = [h[i]!, h[p]!];
      i = p;
    }
  }

  private down(i: number): void {
    const h = this.items;
    for (;;) {
      const l = 2 * i + 1;
      const r = l + 1;
      let worst = i;
      if (l < h.length && this.better(h[worst]!, h[l]!)) worst = l;
      if (r < h.length && this.better(h[worst]!, h[r]!)) worst = r;
      if (worst === i) return;
      [h[worst], h[i]] = [h[i]!, h[worst]!];
      i = worst;
    }
  }
}
