// Encoded tiles kept on the main thread: a map reopened, panned back or shared by a township's staff
// reads the same tiles again, and a kept one answers without a job. Keyed by the map's data version, the
// day, the filter with the caller's scope and the tile, so a write that changes the map (migration 020)
// leaves every old entry unreachable; least recently used go first past the bound.
import { createHash } from 'node:crypto';

/** Gzipped tile bytes kept at most (a house-level tile of 4,000 houses is ~40 KB gzipped, an aggregate one a few KB). */
export const TILE_CACHE_BYTES = 64 * 1024 * 1024;

export interface TileCache {
  /** The tile's bytes (null: an empty tile), or undefined when not kept. */
  get(key: string): Uint8Array | null | undefined;
  set(key: string, bytes: Uint8Array | null): void;
  readonly bytes: number;
  readonly size: number;
}

export function createTileCache(maxBytes = TILE_CACHE_BYTES): TileCache {
  const kept = new Map<string, Uint8Array | null>();
  let bytes = 0;
  const weigh = (b: Uint8Array | null) => (b?.byteLength ?? 0) + 64;
  return {
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
    get bytes() {
      return bytes;
    },
    get size() {
      return kept.size;
    },
  };
}

/** A strong ETag for a cache key: the key names exactly the bytes, so equal keys are equal tiles. */
export const etagOf = (key: string): string => `"${createHash('sha256').update(key).digest('base64url').slice(0, 27)}"`;

/** Whether an If-None-Match header names this ETag (a list, or *; weak forms compare by their value). */
export function matchesEtag(ifNoneMatch: string | undefined, etag: string): boolean {
  if (!ifNoneMatch) return false;
  return ifNoneMatch.split(',').some((t) => {
    const v = t.trim();
    return v === '*' || v === etag || v === `W/${etag}`;
  });
}
