// The field outbox: every stop result, with its photo blobs, is written to IndexedDB first and sent
// later, so a result taken in a valley with no signal is never lost. Each result carries a key made on
// the phone (crypto.randomUUID) that the server uses to record it exactly once: a resend after a lost
// answer comes back `replayed` and counts as sent. Photos go up first (POST /api/photos, addressed by
// their sha256, so a re-upload stores nothing new), then the result that names them.
//
// No React and no API client in here: the store and the transport are passed in, so the sync rules
// can be tested with an in-memory store and a fake server.

export type StopResult = 'safe' | 'hazard' | 'uninhabitable';
/** Why a house was not visited: 不在家 / 无法到达 / 其他 (with a note). */
export type NotVisitedReason = 'not_home' | 'unreachable' | 'other';

export interface QueuedPhoto {
  id: string;
  blob: Blob;
  name: string;
  /** Set once the server has the photo; a resend skips it. */
  sha256: string | null;
}

/** A result, or — instead of one — the reason the house was not visited; never both. */
export interface QueuedReport {
  result?: StopResult;
  notVisited?: { reason: NotVisitedReason; note?: string };
  hazards: string[];
  notes?: string;
  gps?: { lon: number; lat: number; accuracyM?: number };
  /** ISO with the phone's offset, taken at the tap. */
  observedAt: string;
}

export interface QueuedResult {
  /** The idempotency key, and the record's key in the store. */
  key: string;
  /** Who recorded it: only their session sends it (a shared phone never posts for someone else). */
  username: string;
  taskId: number;
  stopId: number;
  report: QueuedReport;
  photos: QueuedPhoto[];
  queuedAt: string;
  attempts: number;
  lastError: string | null;
  /** The server refused it for good (e.g. the task was cancelled): kept and shown, never resent. */
  rejected: { code: string; message: string } | null;
}

export interface QueueStore {
  all(): Promise<QueuedResult[]>;
  put(entry: QueuedResult): Promise<void>;
  delete(key: string): Promise<void>;
}

export interface Transport {
  /** Uploads one photo; resolves to its sha256. */
  uploadPhoto(blob: Blob, name: string): Promise<string>;
  /** Posts the result; a replay of a known key resolves like a first send. */
  postResult(entry: QueuedResult, photoShas: string[]): Promise<{ replayed: boolean }>;
}

/**
 * How a failed send is treated: `retry` (no network, a 5xx, rate limit: keep it and try again),
 * `signin` (session ended: keep it, stop until the user signs in again), or `reject` (the server
 * refused this result for good: keep it visible, never resend).
 */
export type Failure = { kind: 'retry' | 'signin' } | { kind: 'reject'; code: string; message: string };

export interface OutboxOptions {
  store: QueueStore;
  transport: Transport;
  classify(err: unknown): Failure;
  isOnline(): boolean;
  /** Called after each result the server has (first send or replay). */
  onSent?(entry: QueuedResult, replayed: boolean): void;
  /** Runs `fn` alone across tabs (navigator.locks); by default just runs it. */
  exclusive?<T>(fn: () => Promise<T>): Promise<T>;
}

export interface OutboxState {
  loaded: boolean;
  /** Every result not yet on the server (rejected ones included), oldest first. */
  entries: readonly QueuedResult[];
  syncing: boolean;
  /** The last transient failure, for a quiet hint; cleared by a successful send. */
  lastError: string | null;
  /** Set when a send found the session ended. */
  needsSignIn: boolean;
}

export interface Outbox {
  enqueue(entry: Omit<QueuedResult, 'attempts' | 'lastError' | 'rejected' | 'queuedAt'>): Promise<void>;
  /** Sends what is queued for `username`; one run at a time, a call during a run runs once more after it. */
  sync(username: string): Promise<void>;
  /** Drops a rejected result the user has seen. */
  discard(key: string): Promise<void>;
  subscribe(listener: () => void): () => void;
  state(): OutboxState;
}

const byAge = (a: QueuedResult, b: QueuedResult) => a.queuedAt.localeCompare(b.queuedAt) || a.key.localeCompare(b.key);

export function createOutbox(opts: OutboxOptions): Outbox {
  const { store, transport } = opts;
  const exclusive = opts.exclusive ?? (<T>(fn: () => Promise<T>) => fn());
  let state: OutboxState = { loaded: false, entries: [], syncing: false, lastError: null, needsSignIn: false };
  const listeners = new Set<() => void>();
  const set = (patch: Partial<OutboxState>) => {
    state = { ...state, ...patch };
    for (const l of listeners) l();
  };
  const reload = async () => set({ loaded: true, entries: (await store.all()).sort(byAge) });
  const loading = reload().catch((err: unknown) => set({ loaded: true, lastError: String(err) }));

  let running: Promise<void> | null = null;
  let again = false;

  async function sendOne(entry: QueuedResult): Promise<'sent' | 'stop' | 'next'> {
    try {
      for (const photo of entry.photos) {
        if (photo.sha256) continue;
        photo.sha256 = await transport.uploadPhoto(photo.blob, photo.name);
        await store.put(entry); // a later retry does not upload it again
      }
      const { replayed } = await transport.postResult(entry, entry.photos.map((p) => p.sha256!));
      await store.delete(entry.key);
      opts.onSent?.(entry, replayed);
      return 'sent';
    } catch (err) {
      const failure = opts.classify(err);
      if (failure.kind === 'reject') {
        await store.put({ ...entry, rejected: { code: failure.code, message: failure.message } });
        return 'next';
      }
      await store.put({ ...entry, attempts: entry.attempts + 1, lastError: err instanceof Error ? err.message : String(err) });
      set({ lastError: err instanceof Error ? err.message : String(err), needsSignIn: failure.kind === 'signin' });
      return 'stop';
    }
  }

  async function runOnce(username: string): Promise<void> {
    await loading;
    if (!opts.isOnline()) return; // navigator.onLine false means surely offline: do not even try
    await exclusive(async () => {
      // Re-read inside the lock: another tab may have sent some meanwhile.
      const queue = (await store.all()).filter((e) => e.username === username && !e.rejected).sort(byAge);
      for (const entry of queue) {
        const outcome = await sendOne(entry);
        await reload();
        if (outcome === 'stop') return;
        if (outcome === 'sent') set({ lastError: null, needsSignIn: false });
      }
    });
  }

  function sync(username: string): Promise<void> {
    if (running) {
      again = true;
      return running;
    }
    set({ syncing: true });
    running = (async () => {
      try {
        do {
          again = false;
          await runOnce(username);
        } while (again);
      } finally {
        running = null;
        set({ syncing: false });
      }
    })();
    return running;
  }

  return {
    async enqueue(e) {
      await loading;
      await store.put({ ...e, queuedAt: new Date().toISOString(), attempts: 0, lastError: null, rejected: null });
      await reload();
    },
    sync,
    async discard(key) {
      await store.delete(key);
      await reload();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    state: () => state,
  };
}

/** Keeps an outbox sending: now, when the browser comes back online, when the page shows again, and every `everyMs`. */
export function keepSyncing(outbox: Outbox, username: string, everyMs = 30_000): () => void {
  const run = () => void outbox.sync(username).catch(() => {});
  const onVisible = () => document.visibilityState === 'visible' && run();
  window.addEventListener('online', run);
  document.addEventListener('visibilitychange', onVisible);
  const timer = window.setInterval(run, everyMs);
  run();
  return () => {
    window.removeEventListener('online', run);
    document.removeEventListener('visibilitychange', onVisible);
    window.clearInterval(timer);
  };
}

// ——— stores ———

/** The outbox in IndexedDB: one object store of results keyed by idempotency key; blobs stored as they are. */
export function indexedDbStore(dbName = 'anju-field', storeName = 'results'): QueueStore {
  let opened: Promise<IDBDatabase> | null = null;
  const db = () =>
    (opened ??= new Promise<IDBDatabase>((resolve, reject) => {
      const req = indexedDB.open(dbName, 1);
      req.onupgradeneeded = () => req.result.createObjectStore(storeName, { keyPath: 'key' });
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => reject(req.error);
    }));
  const run = async <T>(mode: IDBTransactionMode, fn: (s: IDBObjectStore) => IDBRequest<T>): Promise<T> => {
    const tx = (await db()).transaction(storeName, mode);
    const req = fn(tx.objectStore(storeName));
    // Resolve on commit, not on the request: a put is durable only once its transaction completes.
    return new Promise<T>((resolve, reject) => {
      tx.oncomplete = () => resolve(req.result);
      tx.onerror = () => reject(tx.error);
      tx.onabort = () => reject(tx.error);
    });
  };
  return {
    all: () => run('readonly', (s) => s.getAll() as IDBRequest<QueuedResult[]>),
    put: async (e) => void (await run('readwrite', (s) => s.put(e))),
    delete: async (key) => void (await run('readwrite', (s) => s.delete(key))),
  };
}

/** For tests and for browsers without IndexedDB (private modes): the same store, in memory. */
export function memoryStore(): QueueStore {
  const rows = new Map<string, QueuedResult>();
  const clone = (e: QueuedResult): QueuedResult => ({ ...e, photos: e.photos.map((p) => ({ ...p })) });
  return {
    all: async () => [...rows.values()].map(clone),
    put: async (e) => void rows.set(e.key, clone(e)),
    delete: async (key) => void rows.delete(key),
  };
}
