// The batch machinery on the main thread: starts an import's check or commit on the worker pool (or
// inline when no worker can open the database) and records what comes back in import_batches. The
// request that started it has already been answered 202; the client polls GET /api/imports/:id, which
// reads the job's progress from memory shared with the thread.
//  - Nothing here waits on the client: a hang-up never stops a check or a commit half way.
//  - Commits run one at a time, so two county staff committing at once take turns for SQLite's single
//    writer instead of timing out on each other's locks.
//  - A batch the server was working on when it stopped is failed at start-up (db/import-batches.ts).
import type { Db } from '../db/connection.ts';
import { failInterrupted, recordCheck, recordFailure, type BatchError, type BatchRecord } from '../db/import-batches.ts';
import { chinaDay } from '../domain/deadlines.ts';
import { HttpError } from '../http/errors.ts';
import { shareable } from '../workers/exposure.ts';
import { checkOn, commitOn, PHASES, type CheckJob, type CheckOutcome, type CommitJob, type CommitOutcome, type ImportPhase } from '../workers/imports.ts';
import type { WorkerPool } from '../workers/pool.ts';
import { importFilePath } from './files.ts';

export interface ImportSettings {
  /** ANJU_IMPORT_DIR: where uploaded files are kept under their SHA-256. */
  dir: string;
  /** ANJU_IMPORT_MAX_MB in bytes: a larger upload is refused 413 naming `file`. */
  maxBytes: number;
}

export const DEFAULT_IMPORT_MAX_MB = 50;

export interface ImportProgress {
  phase: ImportPhase;
  done: number;
  total: number;
}

export interface ImportRunner {
  readonly settings: ImportSettings;
  /** The running job's progress, or null when none runs for the batch. */
  progress(batchId: number): ImportProgress | null;
  /** Starts the dry run of a batch in 'checking'. */
  check(batch: BatchRecord): void;
  /** Starts the commit of a batch just moved to 'committing'. */
  commit(batch: BatchRecord, actorId: number, confirmNewRegions: boolean): void;
  /** Settles once every job started so far has been recorded (tests; shutdown). */
  idle(): Promise<void>;
}

export function createImportRunner(db: Db, pool: WorkerPool, dataKey: Buffer, settings: ImportSettings, now: () => number): ImportRunner {
  if (!db.readonly) failInterrupted(db, new Date(now()));
  const running = new Map<number, Int32Array>();
  const jobs = new Set<Promise<void>>();
  let commits: Promise<unknown> = Promise.resolve();
  const onThread = () => shareable(db, pool);

  function track(batchId: number, work: Promise<void>): void {
    const done = work
      .catch((err: unknown) => {
        // Admission refused (the pool is full) or something unforeseen: the batch says so, never stays 'checking'.
        // A thread stopped by the server shutting down: its transaction never committed.
        const stopped = String((err as Error)?.message).includes('Terminating worker thread');
        const error: BatchError =
          err instanceof HttpError && err.code === 'busy'
            ? { code: 'busy', message: '服务器正忙于其他计算，请稍后点击“重新检查”' }
            : stopped
              ? { code: 'interrupted', message: '服务器在检查或导入过程中停止，本批次未写入任何数据；请重新检查后再导入' }
              : { code: 'check_failed', message: `处理失败：${(err as Error).message}` };
        if (!(err instanceof HttpError) && !stopped) console.error('[anju] import job', err);
        recordFailure(db, batchId, error, new Date(now()));
      })
      .finally(() => {
        running.delete(batchId);
        jobs.delete(done);
      });
    jobs.add(done);
  }

  function jobFor(batch: BatchRecord): CheckJob {
    // Shared with the thread when there is one; a plain buffer does inline.
    const progress = onThread() ? new SharedArrayBuffer(12) : new ArrayBuffer(12);
    running.set(batch.id, new Int32Array(progress));
    return {
      dbPath: db.name,
      dataKey: new Uint8Array(dataKey),
      kind: batch.kind,
      filePath: importFilePath(settings.dir, batch.fileSha256),
      fileName: batch.fileName,
      options: batch.options,
      // The uploader's jurisdiction at upload, whoever checks again later.
      scope: { code: batch.regionCode, level: batch.regionLevel },
      today: chinaDay(new Date(now())),
      progress,
    };
  }

  // Inline work starts on the next turn, so the request that asked for it is answered first.
  const later = <T>(work: () => Promise<T>): Promise<T> => new Promise((resolve) => setImmediate(resolve)).then(work);

  return {
    settings,
    progress(batchId) {
      const cells = running.get(batchId);
      if (!cells) return null;
      return { phase: PHASES[Atomics.load(cells, 2)] ?? 'reading', done: Atomics.load(cells, 0), total: Atomics.load(cells, 1) };
    },
    check(batch) {
      const job = jobFor(batch);
      const outcome = onThread() ? (async (): Promise<CheckOutcome> => await pool.run('importCheck', job, { user: batch.userId }))() : later(() => checkOn(db, job));
      track(
        batch.id,
        outcome.then((o) => {
          const at = new Date(now());
          if (o.ok) recordCheck(db, batch.id, o.report, o.report.problemsTotal > 0 ? 'invalid' : 'ready', at);
          else recordFailure(db, batch.id, o.error, at);
        }),
      );
    },
    commit(batch, actorId, confirmNewRegions) {
      const job: CommitJob = {
        ...jobFor(batch),
        batchId: batch.id,
        actorId,
        now: new Date(now()).toISOString(),
        confirmNewRegions,
        fileSha256: batch.fileSha256,
      };
      const outcome = commits.then(async (): Promise<CommitOutcome> => (onThread() ? await pool.run('importCommit', job, { user: actorId }) : later(() => commitOn(db, job))));
      commits = outcome.catch(() => undefined);
      track(
        batch.id,
        outcome.then((o) => {
          const at = new Date(now());
          if (o.ok) return; // recorded in the commit's own transaction
          if (o.stale) recordCheck(db, batch.id, o.report, o.report.problemsTotal > 0 ? 'invalid' : 'ready', at, o.error);
          else recordFailure(db, batch.id, o.error, at);
        }),
      );
    },
    idle: async () => {
      while (jobs.size > 0) await Promise.allSettled([...jobs]);
    },
  };
}
