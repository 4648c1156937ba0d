/**
 * How often one address may use the public (signed-out) complaint routes: a sliding window log per
 * address and purpose, in SQLite (db/public-hits.ts), so a restart neither clears nor doubles it. These
 * functions only say how long to wait. Each window caps the hits within it; the wait is until enough
 * of them age out of every full window.
 */
export interface LimitWindow {
  ms: number;
  max: number;
}

export type PublicPurpose = 'complaint' | 'lookup';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const PUBLIC_LIMITS: Record<PublicPurpose, readonly LimitWindow[]> = {
  // A person with something to report sends one, maybe a second with more detail; a flood is not a person.
  complaint: [
    { ms: HOUR, max: 5 },
    { ms: DAY, max: 20 },
  ],
  // Someone checking their answer now and then; enumerating receipts needs millions.
  lookup: [
    { ms: HOUR, max: 30 },
    { ms: DAY, max: 100 },
  ],
};

/** The longest window: older hits no longer count and may be swept. */
export const longestWindow = (windows: readonly LimitWindow[]): number => Math.max(...windows.map((w) => w.ms));

/** Milliseconds until one more hit is allowed, given the earlier hits' times (any order); 0 = now. */
export function publicWaitMs(hits: readonly number[], now: number, windows: readonly LimitWindow[]): number {
  const sorted = [...hits].sort((a, b) => b - a); // newest first
  let wait = 0;
  for (const w of windows) {
    const inside = sorted.filter((at) => at > now - w.ms);
    // Full: the hit that must leave is the max-th newest; it leaves the window at at + ms.
    if (inside.length >= w.max) wait = Math.max(wait, inside[w.max - 1]! + w.ms - now);
  }
  return wait;
}
