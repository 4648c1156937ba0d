/**
 * Sign-in throttling policy. Failures count per (account, address) pair: after a few, that pair must
 * wait before each next try, twice as long each time, up to a cap — a slow-down, never a lock of the
 * account for everyone (anyone could otherwise keep the county admin out with five wrong passwords).
 * One address is still capped across all accounts, against spraying. Counts live in SQLite
 * (db/login-failures.ts); these functions only say how long to wait.
 */
export interface ThrottlePolicy {
  /** Failures a pair may make before it has to wait. */
  freeFailures: number;
  /** The wait after the first counted failure beyond the free ones; doubles with each one after. */
  firstDelayMs: number;
  maxDelayMs: number;
  /** A pair quiet this long starts again from zero. */
  forgetAfterMs: number;
  /** Failures one address may make, over all accounts, in a fixed window. */
  addressMaxFailures: number;
  addressWindowMs: number;
}

// 1 s, 2 s, 4 s … after the third failure, at most 5 minutes; 30 per address in 15 minutes.
export const DEFAULT_THROTTLE: ThrottlePolicy = {
  freeFailures: 3,
  firstDelayMs: 1000,
  maxDelayMs: 5 * 60_000,
  forgetAfterMs: 60 * 60_000,
  addressMaxFailures: 30,
  addressWindowMs: 15 * 60_000,
};

export interface FailureCount {
  failures: number;
  /** Epoch ms of the first failure counted. */
  windowStart: number;
  /** Epoch ms of the last attempt counted. */
  lastAt: number;
}

/** The delay a pair owes after `failures` failures. */
export function pairDelayMs(failures: number, p: ThrottlePolicy): number {
  if (failures < p.freeFailures) return 0;
  return Math.min(p.firstDelayMs * 2 ** (failures - p.freeFailures), p.maxDelayMs);
}

export function pairIsForgotten(c: FailureCount, now: number, p: ThrottlePolicy): boolean {
  return now - c.lastAt >= p.forgetAfterMs;
}

/** Milliseconds until the pair may try again, 0 when it may try now. */
export function pairWaitMs(c: FailureCount | null, now: number, p: ThrottlePolicy): number {
  if (!c || pairIsForgotten(c, now, p)) return 0;
  return Math.max(0, c.lastAt + pairDelayMs(c.failures, p) - now);
}

export function addressWindowOver(c: FailureCount, now: number, p: ThrottlePolicy): boolean {
  return now - c.windowStart >= p.addressWindowMs;
}

/** Milliseconds until the address may try again, 0 when it may try now. */
export function addressWaitMs(c: FailureCount | null, now: number, p: ThrottlePolicy): number {
  if (!c || addressWindowOver(c, now, p) || c.failures < p.addressMaxFailures) return 0;
  return c.windowStart + p.addressWindowMs - now;
}
