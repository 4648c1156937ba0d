import { describe, expect, it } from 'vitest';
import { addressWaitMs, DEFAULT_THROTTLE as P, pairDelayMs, pairWaitMs } from '../../server/auth/rate-limit.ts';

describe('sign-in throttle', () => {
  it('lets a pair fail three times, then makes it wait 1 s, 2 s, 4 s … up to 5 minutes', () => {
    expect([0, 1, 2].map((n) => pairDelayMs(n, P))).toEqual([0, 0, 0]);
    expect([3, 4, 5, 6].map((n) => pairDelayMs(n, P))).toEqual([1000, 2000, 4000, 8000]);
    expect(pairDelayMs(40, P)).toBe(5 * 60_000);
  });

  it('counts the wait from the last attempt and forgets a pair quiet for an hour', () => {
    const c = { failures: 5, windowStart: 0, lastAt: 10_000 };
    expect(pairWaitMs(c, 10_500, P)).toBe(3500);
    expect(pairWaitMs(c, 14_000, P)).toBe(0);
    expect(pairWaitMs({ failures: 40, windowStart: 0, lastAt: 0 }, 60 * 60_000, P)).toBe(0);
    expect(pairWaitMs(null, 0, P)).toBe(0);
  });

  it('stops an address after 30 failures until its 15-minute window ends', () => {
    expect(addressWaitMs({ failures: 29, windowStart: 0, lastAt: 0 }, 1000, P)).toBe(0);
    expect(addressWaitMs({ failures: 30, windowStart: 0, lastAt: 0 }, 1000, P)).toBe(15 * 60_000 - 1000);
    expect(addressWaitMs({ failures: 30, windowStart: 0, lastAt: 0 }, 15 * 60_000, P)).toBe(0);
  });
});
