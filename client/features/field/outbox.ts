// The one field outbox of this page, wired to the API: photos through POST /api/photos, results
// through POST /api/tasks/:id/stops/:stopId/result with their idempotency key.
import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useSyncExternalStore } from 'react';
import type { HazardItem } from '../../../server/domain/hazards.ts';
import { ApiError, api, unwrap } from '../../api/client.ts';
import { uploadPhoto } from '../../api/photos.ts';
import { queries } from '../../api/queries.ts';
import {
  createOutbox,
  indexedDbStore,
  keepSyncing,
  memoryStore,
  type Failure,
  type Outbox,
  type OutboxState,
  type QueuedResult,
} from '../../field/offline-queue.ts';

const RESULT_TIMEOUT_MS = 30_000;

function classify(err: unknown): Failure {
  if (!(err instanceof ApiError)) return { kind: 'retry' }; // no network, timeout, aborted
  if (err.status === 401) return { kind: 'signin' };
  if (err.status === 408 || err.status === 429 || err.status >= 500) return { kind: 'retry' };
  return { kind: 'reject', code: err.code, message: err.message };
}

async function postResult(entry: QueuedResult, photos: string[]): Promise<{ replayed: boolean }> {
  const { report } = entry;
  const res = await api.api.tasks[':id'].stops[':stopId'].result.$post(
    {
      param: { id: String(entry.taskId), stopId: String(entry.stopId) },
      json: { ...report, hazards: report.hazards as HazardItem[], photos, idempotencyKey: entry.key },
    },
    { init: { signal: AbortSignal.timeout(RESULT_TIMEOUT_MS) } },
  );
  const body = await unwrap(res);
  return { replayed: 'replayed' in body && body.replayed === true };
}

/** Two tabs on one phone must not send the same queue at once (the key would save us, but not the bandwidth). */
function exclusive<T>(fn: () => Promise<T>): Promise<T> {
  return typeof navigator !== 'undefined' && navigator.locks ? (navigator.locks.request('anju-field-outbox', fn) as Promise<T>) : fn();
}

const sentListeners = new Set<(entry: QueuedResult) => void>();

function hasIndexedDb(): boolean {
  try {
    return typeof indexedDB !== 'undefined';
  } catch {
    return false;
  }
}

let outbox: Outbox | null = null;
/** The page's outbox, created on first use. */
export function fieldOutbox(): Outbox {
  return (outbox ??= createOutbox({
    store: hasIndexedDb() ? indexedDbStore() : memoryStore(),
    transport: { uploadPhoto, postResult },
    classify,
    isOnline: () => navigator.onLine,
    exclusive,
    onSent: (entry) => sentListeners.forEach((l) => l(entry)),
  }));
}

/** The outbox state (what is unsent, whether it is sending) for React. */
export function useOutbox(): OutboxState {
  const box = fieldOutbox();
  return useSyncExternalStore(box.subscribe, box.state);
}

/** While mounted, sends the queue of `username` whenever it can, and refreshes what a sent result changes. */
export function useKeepSyncing(username: string): void {
  const qc = useQueryClient();
  useEffect(() => {
    let timer = 0;
    const onSent = (entry: QueuedResult) => {
      // The stop stays done while the fresh task is fetched (no flicker back to "to do").
      qc.setQueryData(queries.tasks.detail(entry.taskId).queryKey, (old) =>
        old
          ? {
              ...old,
              stops: old.stops.map((s) =>
                s.id === entry.stopId
                  ? {
                      ...s,
                      result: entry.report.result ?? null,
                      notVisited: entry.report.notVisited ? { reason: entry.report.notVisited.reason, note: entry.report.notVisited.note ?? null } : null,
                      hazards: entry.report.hazards as typeof s.hazards,
                    }
                  : s,
              ),
            }
          : old,
      );
      // One refresh after a burst of sends: task progress, and the houses a hazard made suspected.
      window.clearTimeout(timer);
      timer = window.setTimeout(() => {
        for (const queryKey of [queries.tasks.all, queries.dispatch.all, queries.households.all]) void qc.invalidateQueries({ queryKey });
      }, 400);
    };
    sentListeners.add(onSent);
    const stop = keepSyncing(fieldOutbox(), username);
    return () => {
      window.clearTimeout(timer);
      sentListeners.delete(onSent);
      stop();
    };
  }, [qc, username]);
}

/** The unsent results of one user (the count on the badge), rejected ones apart. */
export function unsentOf(state: OutboxState, username: string): { pending: QueuedResult[]; rejected: QueuedResult[] } {
  const mine = state.entries.filter((e) => e.username === username);
  return { pending: mine.filter((e) => !e.rejected), rejected: mine.filter((e) => e.rejected) };
}
