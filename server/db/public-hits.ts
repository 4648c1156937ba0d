import { longestWindow, publicWaitMs, type LimitWindow, type PublicPurpose } from '../auth/public-limit.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

/**
 * Claims one hit on a public route for an address (its keyed hash). While the address must wait,
 * answers the wait in ms and records nothing; otherwise records the hit and answers 0. One immediate
 * transaction, so a burst of parallel requests cannot all read "room for one more".
 */
export function claimPublicHit(db: Db, purpose: PublicPurpose, addressHash: Buffer, now: number, windows: readonly LimitWindow[]): number {
  return db
    .transaction(() => {
      prepared(db, 'DELETE FROM public_hits WHERE purpose = ? AND at <= ?').run(purpose, now - longestWindow(windows));
      const hits = (
        prepared(db, 'SELECT at FROM public_hits WHERE purpose = ? AND address_hash = ? AND at > ?').all(purpose, addressHash, now - longestWindow(windows)) as {
          at: number;
        }[]
      ).map((r) => r.at);
      const wait = publicWaitMs(hits, now, windows);
      if (wait === 0) prepared(db, 'INSERT INTO public_hits (purpose, address_hash, at) VALUES (?, ?, ?)').run(purpose, addressHash, now);
      return wait;
    })
    .immediate();
}
