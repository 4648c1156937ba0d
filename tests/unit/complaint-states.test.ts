import { describe, expect, it } from 'vitest';
import { publicWaitMs } from '../../server/auth/public-limit.ts';
import { newReceiptNo, normalizeReceiptNo, RECEIPT_PATTERN } from '../../server/domain/complaint-receipt.ts';
import {
  allowedComplaintActions,
  COMPLAINT_ACTIONS,
  COMPLAINT_STATUSES,
  isAnswered,
  moveComplaint,
  type ComplaintAction,
  type ComplaintStatus,
} from '../../server/domain/complaint-states.ts';
import { maskName } from '../../server/domain/masking.ts';

// The whole table, by hand from the seeds' rule (every complaint investigated, answered, tracked):
// every (status, action) pair not listed here must be refused.
const LEGAL: [ComplaintStatus, ComplaintAction, ComplaintStatus][] = [
  ['received', 'assign', 'assigned'],
  ['assigned', 'assign', 'assigned'],
  ['investigating', 'assign', 'assigned'],
  ['assigned', 'investigate', 'investigating'],
  ['investigating', 'investigate', 'investigating'],
  ['investigating', 'answer', 'answered'],
  ['answered', 'close', 'closed'],
];

describe('complaint state machine', () => {
  for (const status of COMPLAINT_STATUSES) {
    for (const action of COMPLAINT_ACTIONS) {
      const legal = LEGAL.find(([s, a]) => s === status && a === action);
      it(`${status} —${action}→ ${legal ? legal[2] : 'refused'}`, () => {
        const m = moveComplaint(status, action);
        if (legal) expect(m).toEqual({ ok: true, to: legal[2] });
        else expect(m).toEqual({ ok: false, allowed: LEGAL.filter(([s]) => s === status).map(([, a]) => a) });
      });
    }
  }

  it('never answers without an investigation, never closes without an answer', () => {
    expect(moveComplaint('received', 'answer').ok).toBe(false);
    expect(moveComplaint('assigned', 'answer').ok).toBe(false);
    expect(moveComplaint('investigating', 'close').ok).toBe(false);
  });

  it('lets nothing move a closed complaint, and offers the actions in the order of the work', () => {
    expect(allowedComplaintActions('closed')).toEqual([]);
    expect(allowedComplaintActions('investigating')).toEqual(['assign', 'investigate', 'answer']);
  });

  it('shows the answer to the public once answered, and after closing', () => {
    expect(COMPLAINT_STATUSES.filter(isAnswered)).toEqual(['answered', 'closed']);
  });
});

describe('receipt numbers', () => {
  it('are TS, the year and 8 characters of Crockford base32, drawn at random', () => {
    const receipt = newReceiptNo('2026');
    expect(receipt).toMatch(RECEIPT_PATTERN);
    expect(receipt).toHaveLength(14);
    const many = new Set(Array.from({ length: 1000 }, () => newReceiptNo('2026')));
    expect(many.size).toBe(1000);
    // The alphabet's ends: draw 0 → '0', draw 31 → 'Z'; I, L, O, U never appear.
    expect(newReceiptNo('2026', () => 0)).toBe('TS202600000000');
    expect(newReceiptNo('2026', () => 31)).toBe('TS2026ZZZZZZZZ');
    for (let i = 0; i < 32; i++) expect(newReceiptNo('2026', () => i)).not.toMatch(/TS2026.*[ILOU]/);
  });

  it('are read as people type them: lower case, spaces, dashes, O for 0 and I or L for 1', () => {
    expect(normalizeReceiptNo('ts2026 abcd-efg0')).toBe('TS2026ABCDEFG0');
    expect(normalizeReceiptNo('TS2026OOIL1234')).toBe('TS20260011' + '1234');
    expect(normalizeReceiptNo('TS2026OOIL1234')).toMatch(RECEIPT_PATTERN);
  });
});

describe('the public rate limit', () => {
  const windows = [
    { ms: 3_600_000, max: 5 },
    { ms: 86_400_000, max: 20 },
  ];
  const now = 10 * 86_400_000;

  it('lets hits through while each window has room', () => {
    expect(publicWaitMs([], now, windows)).toBe(0);
    expect(publicWaitMs([now - 1000, now - 2000, now - 3000, now - 4000], now, windows)).toBe(0);
  });

  it('waits until the oldest hit that fills the hour leaves it', () => {
    const hits = [now - 10 * 60_000, now - 20 * 60_000, now - 30 * 60_000, now - 40 * 60_000, now - 50 * 60_000];
    expect(publicWaitMs(hits, now, windows)).toBe(10 * 60_000);
    // An hour-old hit no longer counts.
    expect(publicWaitMs([...hits.slice(0, 4), now - 3_600_000], now, windows)).toBe(0);
  });

  it('caps the day even when each hour has room', () => {
    const hits = Array.from({ length: 20 }, (_, i) => now - (i + 1) * 61 * 60_000); // one every 61 minutes
    // The oldest (20 × 61 min ago) leaves the day in 24 h − 1220 min.
    expect(publicWaitMs(hits, now, windows)).toBe(86_400_000 - 20 * 61 * 60_000);
    expect(publicWaitMs(hits.slice(0, 19), now, windows)).toBe(0);
  });
});

describe('masking a contact name', () => {
  it('keeps the first character only', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('欧阳娜娜')).toBe('欧***');
    expect(maskName('李')).toBe('李*');
  });
});
