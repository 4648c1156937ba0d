// The bounded worker pool for CPU-heavy requests (route solving, dispatch planning, the exposure of
// an alert's zone). The event loop only reads, writes and answers; a 5-second solve runs on a worker
// thread, so `GET /api/health`, the map and sign-in stay quick while it works. Bounded twice — per
// user and in total — so one account cannot queue the server for minutes; when full, the caller is
// told to come back (429 with Retry-After). A request whose client went away is dropped from the
// queue, or its thread stopped.
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import { availableParallelism } from 'node:os';
import { Piscina } from 'piscina';
import { HttpError } from '../http/errors.ts';
import { runJob, type Job, type JobInput, type JobName, type JobOutput } from './jobs.ts';

export interface PoolLimits {
  /** Worker threads. 0 runs every job inline on the main thread, as before the pool (the bench's baseline). */
  threads: number;
  /** Jobs that may wait for a thread, beyond those running. */
  maxQueue: number;
  /** Jobs one user may have running or waiting at once. */
  maxPerUser: number;
  /**
   * An idle thread exits after this long; the next job starts one again (~0.3 s, tsx compiles on load) —
   * and has lost what the thread kept: the tiles' cell tallies (2.6–4 s to count again at a million
   * houses), compiled zones, prepared statements. Fifteen minutes: a quiet spell in a working day keeps
   * them; a night without users gives the memory back.
   */
  idleTimeoutMs: number;
  /** Short jobs (runShort: a map view's vector tiles) running or waiting at once, over all users. */
  maxShort: number;
}

/** Cores − 1 (one stays with the event loop and SQLite), at least 1. */
export function defaultThreads(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function poolLimits(overrides: Partial<PoolLimits> = {}): PoolLimits {
  const threads = overrides.threads ?? defaultThreads();
  return { threads, maxQueue: 4 * Math.max(1, threads), maxPerUser: 3, idleTimeoutMs: 15 * 60_000, maxShort: 256, ...overrides };
}

export interface RunContext {
  /** Whose job: the per-user bound counts by this. */
  user: number;
  /** The request's signal (`c.req.raw.signal`): aborting drops the job or stops its thread. */
  signal?: AbortSignal;
  /**
   * Calls with the same key while one is in flight take that one's answer instead of running again
   * (twenty clicks on "dispatch" read the zone once). The job counts once, for the user who started
   * it, and stops only when every caller has hung up. Only for jobs whose answer the key fully decides.
   */
  share?: string;
}

export interface PoolStats {
  /** Live worker threads. */
  threads: number;
  /** Jobs admitted and not yet settled, running or waiting. */
  inFlight: number;
  /** Callers waiting for the answer of a job another caller started (`share`). */
  sharing: number;
}

export interface WorkerPool {
  readonly limits: PoolLimits;
  /** Runs a job of server/workers/jobs.ts; rejects 429 `busy` when a bound is reached, 499 `cancelled` on abort. The answer may be shared (`ctx.share`): do not change it. */
  run<N extends JobName>(name: N, input: JobInput<N>, ctx: RunContext): Promise<JobOutput<N>>;
  /**
   * Runs a short job (tens of milliseconds) that comes many at once — a map view asks for a dozen tiles,
   * and a pan cancels half of them. Bounded by `maxShort` over all users instead of the per-user and
   * queue bounds of calculations (429 `busy` beyond it); served ahead of waiting calculations. A caller
   * hanging up leaves the queue, but a job already running finishes: stopping a thread for it would cost
   * a new thread (~0.3 s) to save milliseconds, and its answer is cached by whoever asked.
   */
  runShort<N extends JobName>(name: N, input: JobInput<N>, ctx: Omit<RunContext, 'user'>): Promise<JobOutput<N>>;
  stats(): PoolStats;
  /** Stops every thread; jobs still waiting are rejected. */
  close(): Promise<void>;
}

export function createWorkerPool(overrides: Partial<PoolLimits> = {}): WorkerPool {
  const limits = poolLimits(overrides);
  for (const [k, v] of Object.entries(limits)) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`worker pool: ${k} must be a whole number ≥ 0, got ${v}`);
  }
  // No thread starts until the first job; idle threads are unref'd, so they never hold a process open.
  const piscina =
    limits.threads > 0
      ? new Piscina({
          filename: new URL('./job-worker.cjs', import.meta.url).href,
          minThreads: 0,
          maxThreads: limits.threads,
          idleTimeout: limits.idleTimeoutMs,
        })
      : null;
  const perUser = new Map<number, number>();
  let inFlight = 0;
  // How long recent jobs took from admission to answer: what a caller turned away would wait.
  let recentMs = 1000;

  function busy(message: string): HttpError {
    const retryAfterS = Math.min(60, Math.max(1, Math.ceil(recentMs / 1000)));
    return new HttpError(429, 'busy', `${message}; retry in ${retryAfterS} s`, undefined, { 'Retry-After': String(retryAfterS) });
  }

  // Admitted jobs wait for a thread here, not in piscina's queue: when a running job is aborted piscina
  // stops its thread and starts none for the jobs queued behind it (minThreads 0), so they would wait
  // for the next caller. Handed over only when a thread is free, a job always gets one; short jobs first.
  let running = 0;
  type Turn = { go: () => void; fail: (err: Error) => void };
  const waiting: Turn[] = [];
  const waitingShort: Turn[] = [];
  async function onThread<N extends JobName>(pool: Piscina, job: Job<N>, signal: AbortSignal | undefined, short = false): Promise<JobOutput<N>> {
    const queue = short ? waitingShort : waiting;
    if (running < limits.threads) running++;
    else {
      // The thread is handed over by the job that leaves it, `running` unchanged.
      await new Promise<void>((resolve, reject) => {
        const turn = {
          go: () => {
            signal?.removeEventListener('abort', leave);
            resolve();
          },
          fail: reject,
        };
        const leave = () => {
          queue.splice(queue.indexOf(turn), 1);
          reject(cancelled());
        };
        signal?.addEventListener('abort', leave, { once: true });
        queue.push(turn);
      });
    }
    try {
      return await pool.run(job, signal && !short ? { signal } : {});
    } finally {
      const next = waitingShort.shift() ?? waiting.shift();
      if (next) next.go();
      else running--;
    }
  }

  async function admit<N extends JobName>(name: N, input: JobInput<N>, { user, signal }: RunContext): Promise<JobOutput<N>> {
    if (signal?.aborted) throw cancelled();
    const mine = perUser.get(user) ?? 0;
    if (mine >= limits.maxPerUser) throw busy(`you already have ${mine} calculation(s) running or waiting`);
    if (inFlight >= limits.threads + limits.maxQueue) throw busy('the server is busy with calculations');
    inFlight++;
    perUser.set(user, mine + 1);
    const admitted = performance.now();
    try {
      const out = piscina ? await onThread(piscina, { name, input }, signal) : runJob({ name, input });
      recentMs = 0.7 * recentMs + 0.3 * (performance.now() - admitted);
      return out;
    } catch (err) {
      if (signal?.aborted) throw cancelled();
      throw err;
    } finally {
      inFlight--;
      const left = (perUser.get(user) ?? 1) - 1;
      if (left > 0) perUser.set(user, left);
      else perUser.delete(user);
    }
  }

  let shortInFlight = 0;
  async function admitShort<N extends JobName>(name: N, input: JobInput<N>, signal: AbortSignal | undefined): Promise<JobOutput<N>> {
    if (signal?.aborted) throw cancelled();
    if (shortInFlight >= limits.maxShort) throw busy('the server is busy drawing the map');
    shortInFlight++;
    try {
      return piscina ? await onThread(piscina, { name, input }, signal, true) : runJob({ name, input });
    } catch (err) {
      if (signal?.aborted) throw cancelled();
      throw err;
    } finally {
      shortInFlight--;
    }
  }

  // Jobs in flight by share key; each caller waits on its own promise, so one hanging up leaves the rest.
  const shared = new Map<string, { answer: Promise<unknown>; callers: number; stop: AbortController }>();
  function join<N extends JobName>(key: string, start: (signal: AbortSignal) => Promise<JobOutput<N>>, signal: AbortSignal | undefined): Promise<JobOutput<N>> {
    if (signal?.aborted) return Promise.reject(cancelled());
    let job = shared.get(key);
    if (!job) {
      const stop = new AbortController();
      const started = { answer: start(stop.signal), callers: 0, stop };
      const forget = () => shared.get(key) === started && shared.delete(key);
      started.answer.then(forget, forget);
      shared.set(key, (job = started));
    }
    const mine = job;
    mine.callers++;
    return new Promise<JobOutput<N>>((resolve, reject) => {
      const leave = () => {
        reject(cancelled());
        if (--mine.callers > 0) return;
        if (shared.get(key) === mine) shared.delete(key); // a caller arriving now starts afresh
        mine.stop.abort();
      };
      signal?.addEventListener('abort', leave, { once: true });
      (mine.answer as Promise<JobOutput<N>>).then(resolve, reject).finally(() => signal?.removeEventListener('abort', leave));
    });
  }

  return {
    limits,
    run: (name, input, ctx) =>
      ctx.share === undefined ? admit(name, input, ctx) : join(ctx.share, (signal) => admit(name, input, { user: ctx.user, signal }), ctx.signal),
    runShort: (name, input, ctx) =>
      ctx.share === undefined ? admitShort(name, input, ctx.signal) : join(`short:${ctx.share}`, (signal) => admitShort(name, input, signal), ctx.signal),
    stats: () => ({
      threads: piscina?.threads.length ?? 0,
      inFlight: inFlight + shortInFlight,
      sharing: [...shared.values()].reduce((n, job) => n + job.callers - 1, 0),
    }),
    close: async () => {
      for (const turn of [...waitingShort.splice(0), ...waiting.splice(0)]) turn.fail(new Error('the worker pool was closed'));
      await piscina?.destroy();
    },
  };
}

/** nginx's 499 "client closed request": nobody reads it, but the log should not call it a failure. */
function cancelled(): HttpError {
  return new HttpError(499 as ContentfulStatusCode, 'cancelled', 'the request was abandoned before its calculation finished');
}
