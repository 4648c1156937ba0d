// The service worker keeps the last answers of /api/auth/me and /api/tasks* so that /field opens
// offline. Those are one person's data (names of the households they visit): they must not outlive
// that person's session on a shared phone. The page, not the worker, knows who is signed in, so the
// page empties those caches whenever nobody is, or someone else is. The basemap cache is the county's
// geography, the same for everyone, and stays.
import { hashKey, type QueryClient } from '@tanstack/react-query';
import type { Me } from '../api/auth.ts';
import { queries } from '../api/queries.ts';
import { PERSONAL_CACHES } from './cache-names.ts';

/** Deletes the personal runtime caches (a no-op where the Cache API is missing: http on a LAN). */
export async function forgetPersonalCaches(): Promise<void> {
  if (typeof caches === 'undefined') return;
  await Promise.all(PERSONAL_CACHES.map((name) => caches.delete(name)));
}

/**
 * Watches the `me` query: signed out (null, after sign-out or an ended session) or a different user
 * than the last one → the personal caches go. Returns the unsubscribe function.
 */
export function forgetPersonalCachesOnUserChange(qc: QueryClient): () => void {
  const meHash = hashKey(queries.session.me().queryKey);
  let lastUserId: number | null = null;
  return qc.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || event.query.queryHash !== meHash) return;
    const me = event.query.state.data as Me | undefined;
    if (me === undefined) return; // not known yet (or offline without a cached answer)
    const id = me?.user.id ?? null;
    // Another user signing in empties them once more: a request of the previous user still under way
    // at sign-out may have written into them since.
    if (id === null || (lastUserId !== null && id !== lastUserId)) void forgetPersonalCaches();
    if (id !== null) lastUserId = id;
  });
}
