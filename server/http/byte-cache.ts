// Encoded answers kept on the main thread, keyed by what decides their bytes — the data version, the
// day, the caller's scope and filter, the request — so a write that changes the data leaves every old
// entry unreachable and no entry is ever invalidated by hand; least recently used go first past the
// bound. Tiles (routes/tiles.ts) and household pages (routes/households.ts) are kept so: a map reopened,
// panned back or shared by a township's staff reads the same answers again, and a kept one costs a
// lookup instead of a query and an encoding.
import { createHash } from 'node:crypto';

export interface ByteCache {
  /** The kept bytes (null: an empty answer), or undefined when not kept. */
  get(key: string): Uint8Array | null | undefined;
  set(key: string, bytes: Uint8Array | null): void;
  /**
   * Kept once `making` settles with bytes (null: nothing to keep); meanwhile `pending(key)` hands the same
   * promise to every identical request, so a burst of them — fifty inspectors opening one village — makes
   * the answer once and the rest wait for it instead of each making it again.
   */
  fill(key: string, making: Promise<Uint8Array | null>): void;
  pending(key: string): Promise<Uint8Array | null> | undefined;
  readonly bytes: number;
  readonly size: number;
  /** Answers made to be kept (fill calls): what a burst of identical requests should cost once. */
  readonly made: number;
}

export function createByteCache(maxBytes: number): ByteCache {
  const kept = new Map<string, Uint8Array | null>();
  const making = new Map<string, Promise<Uint8Array | null>>();
  let bytes = 0;
  let made = 0;
  const weigh = (b: Uint8Array | null) => (b?.byteLength ?? 0) + 64;
  const cache: ByteCache = {
    get(key) {
      const b = kept.get(key);
      if (b === undefined) return undefined;
      kept.delete(key);
      kept.set(key, b);
      return b;
    },
    set(key, b) {
      const old = kept.get(key);
      if (old !== undefined) bytes -= weigh(old);
      kept.delete(key);
      kept.set(key, b);
      bytes += weigh(b);
      for (const [k, v] of kept) {
        if (bytes <= maxBytes) break;
        kept.delete(k);
        bytes -= weigh(v);
      }
    },
    fill(key, promise) {
      made++;
      making.set(key, promise);
      const settle = (b: Uint8Array | null) => {
        if (making.get(key) === promise) making.delete(key);
        if (b) cache.set(key, b);
      };
      promise.then(settle, () => settle(null));
    },
    pending(key) {
      return making.get(key);
    },
    get bytes() {
      return bytes;
    },
    get size() {
      return kept.size;
    },
    get made() {
      return made;
    },
  };
  return cache;
}

/** One cache per database (a test process opens several), made on first use. */
export function byteCachePerDatabase(maxBytes: number): (db: object) => ByteCache {
  const caches = new WeakMap<object, ByteCache>();
  return (db) => {
    let cache = caches.get(db);
    if (!cache) caches.set(db, (cache = createByteCache(maxBytes)));
    return cache;
  };
}

/** A strong ETag for a cache key: the key names exactly the bytes, so equal keys are equal answers. */
export const etagOf = (key: string): string => `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;

/** Whether an If-None-Match header names this ETag (a list, or *; weak forms compare by their value). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}
