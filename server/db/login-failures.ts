import {
  addressWaitMs,
  addressWindowOver,
  pairIsForgotten,
  pairWaitMs,
  type FailureCount,
  type ThrottlePolicy,
} from '../auth/rate-limit.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

type Kind = 'pair' | 'address';

const pairKey = (username: string, address: string) => JSON.stringify([username.toLowerCase(), address]);

function read(db: Db, kind: Kind, key: string): FailureCount | null {
  return (
    (prepared(db, 'SELECT failures, window_start AS windowStart, last_at AS lastAt FROM login_failures WHERE kind = ? AND key = ?').get(
      kind,
      key,
    ) as FailureCount | undefined) ?? null
  );
}

function write(db: Db, kind: Kind, key: string, c: FailureCount): void {
  prepared(
    db,
    `INSERT INTO login_failures (kind, key, failures, window_start, last_at) VALUES (@kind, @key, @failures, @windowStart, @lastAt)
     ON CONFLICT (kind, key) DO UPDATE SET failures = excluded.failures, window_start = excluded.window_start, last_at = excluded.last_at`,
  ).run({ kind, key, ...c });
}

/**
 * Claims one sign-in attempt for (username, address). While the pair or the address must wait, answers
 * the wait in ms and counts nothing. Otherwise counts the attempt as a failure *before* the password is
 * checked — so a burst of simultaneous guesses cannot all slip through while the first is still being
 * hashed — and answers 0; a correct password then takes it back with `forgiveAttempt`.
 */
export function claimAttempt(db: Db, username: string, address: string, now: number, p: ThrottlePolicy): number {
  return db
    .transaction(() => {
      prepared(db, 'DELETE FROM login_failures WHERE last_at < ?').run(now - Math.max(p.forgetAfterMs, p.addressWindowMs));
      const pk = pairKey(username, address);
      const pair = read(db, 'pair', pk);
      const addr = read(db, 'address', address);
      const wait = Math.max(pairWaitMs(pair, now, p), addressWaitMs(addr, now, p));
      if (wait > 0) return wait;
      write(db, 'pair', pk, !pair || pairIsForgotten(pair, now, p) ? { failures: 1, windowStart: now, lastAt: now } : { ...pair, failures: pair.failures + 1, lastAt: now });
      write(db, 'address', address, !addr || addressWindowOver(addr, now, p) ? { failures: 1, windowStart: now, lastAt: now } : { ...addr, failures: addr.failures + 1, lastAt: now });
      return 0;
    })
    .immediate();
}

/** A correct password: the pair starts again from zero, and the attempt no longer counts for the address. */
export function forgiveAttempt(db: Db, username: string, address: string): void {
  db.transaction(() => {
    prepared(db, "DELETE FROM login_failures WHERE kind = 'pair' AND key = ?").run(pairKey(username, address));
    prepared(db, "UPDATE login_failures SET failures = max(failures - 1, 0) WHERE kind = 'address' AND key = ?").run(address);
  })();
}
