// An import's check and commit, on a worker thread (or inline: a `:memory:` database, a pool of 0
// threads). Parsing, validating, converting coordinates and sealing personal data for 50,000 rows is
// seconds of CPU; the event loop must go on answering /api/health and the map meanwhile.
//  - check: a read-only connection (exposure.ts `reader`), the file read from the import folder, the
//    kind's dry run. Only the report travels back; the plan stays behind.
//  - commit: its own writable connection; the check again (the database may have moved on since the dry
//    run), then the kind's commit, the batch's status and the audit row in ONE transaction — the batch
//    is 'committed' exactly when its rows are written. A thread stopped mid-write rolls it all back.
// Progress crosses threads through a SharedArrayBuffer (Int32Array [done, total, phase]) the main thread
// reads while it answers GET /api/imports/:id.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { writeAudit } from '../db/audit.ts';
import { openDatabase, type Db } from '../db/connection.ts';
import type { RegionRef } from '../db/household-filter.ts';
import { recordCommit } from '../db/import-batches.ts';
import { createPersonalDataCipher } from '../db/personal-data.ts';
import { getUser } from '../db/users.ts';
import { HttpError } from '../http/errors.ts';
import type { CheckReport, ImportKindName, ImportOptions } from '../imports/kind.ts';
import { reader } from './exposure.ts';

// The kinds (and with them exceljs, csv-parse, shpjs) are loaded by the first import a thread runs, not
// when it starts: most threads solve routes and read zones.
const kinds = () => import('../imports/kinds.ts');
const sheets = () => import('../imports/sheet.ts');

export const PHASES = ['reading', 'checking', 'writing'] as const;
export type ImportPhase = (typeof PHASES)[number];

export interface CheckJob {
  dbPath: string;
  /** The personal-data master key: the check seals ID cards and phones exactly as the seed does. */
  dataKey: Uint8Array;
  kind: ImportKindName;
  filePath: string;
  fileName: string;
  options: ImportOptions;
  scope: RegionRef;
  today: string;
  /** Int32Array [done, total, phase index] over a SharedArrayBuffer (or a plain buffer inline). */
  progress: SharedArrayBuffer | ArrayBuffer;
}

export interface CommitJob extends CheckJob {
  batchId: number;
  actorId: number;
  /** The instant recorded (ISO). */
  now: string;
  confirmNewRegions: boolean;
  /** The file as checked: a commit reads exactly those bytes or nothing. */
  fileSha256: string;
}

export interface JobError {
  code: string;
  message: string;
  field?: string;
}

export type CheckOutcome = { ok: true; report: CheckReport } | { ok: false; error: JobError };
export type CommitOutcome =
  | { ok: true; report: CheckReport; result: Record<string, number> }
  /** The fresh check found problems, or regions nobody confirmed: nothing written. */
  | { ok: false; stale: true; report: CheckReport; error: JobError }
  | { ok: false; stale?: false; error: JobError };

function progressOf(buffer: SharedArrayBuffer | ArrayBuffer) {
  const cells = new Int32Array(buffer);
  return {
    phase(p: ImportPhase) {
      Atomics.store(cells, 2, PHASES.indexOf(p));
    },
    report(done: number, total: number) {
      Atomics.store(cells, 1, total);
      Atomics.store(cells, 0, done);
      if (Atomics.load(cells, 2) === 0 && total > 0) Atomics.store(cells, 2, 1);
    },
  };
}

/** What a check or commit could not get past, as the batch shows it. */
async function asJobError(err: unknown, code: string): Promise<JobError> {
  const { SheetError } = await sheets();
  if (err instanceof SheetError) return { code: err.code, message: err.message, field: err.field };
  if (err instanceof HttpError) return { code: err.code, message: err.message, ...(err.field ? { field: err.field } : {}) };
  console.error(`[anju] import ${code}`, err);
  return { code, message: `${code === 'commit_failed' ? '导入' : '检查'}失败：${(err as Error).message}` };
}

async function check(db: Db, job: CheckJob, bytes: Uint8Array) {
  const kind = (await kinds()).importKind(job.kind);
  if (!kind) throw new HttpError(422, 'kind_unavailable', `导入类型“${job.kind}”尚未启用`, 'kind');
  const progress = progressOf(job.progress);
  progress.phase('reading');
  return kind.check({
    db,
    bytes,
    fileName: job.fileName,
    options: job.options,
    scope: job.scope,
    today: job.today,
    cipher: createPersonalDataCipher(Buffer.from(job.dataKey)),
    progress: (done, total) => progress.report(done, total),
  });
}

/** The dry run on `db` (read-only is enough). */
export async function checkOn(db: Db, job: CheckJob): Promise<CheckOutcome> {
  try {
    const { report } = await check(db, job, readFileSync(job.filePath));
    return { ok: true, report };
  } catch (err) {
    return { ok: false, error: await asJobError(err, 'check_failed') };
  }
}

/** The fresh check and, when it is clean, the commit in one transaction on `db` (writable). */
export async function commitOn(db: Db, job: CommitJob): Promise<CommitOutcome> {
  const kind = (await kinds()).importKind(job.kind);
  let checked: Awaited<ReturnType<typeof check>>;
  try {
    const bytes = readFileSync(job.filePath);
    if (createHash('sha256').update(bytes).digest('hex') !== job.fileSha256) {
      return { ok: false, error: { code: 'file_changed', message: '导入文件已被更改或损坏，请重新上传', field: 'file' } };
    }
    checked = await check(db, job, bytes);
  } catch (err) {
    return { ok: false, error: await asJobError(err, 'commit_failed') };
  }
  const { report, plan } = checked;
  if (report.problemsTotal > 0) {
    return { ok: false, stale: true, report, error: { code: 'import_stale', message: `重新检查时发现 ${report.problemsTotal} 个问题（数据库已有变化），未写入任何数据` } };
  }
  if ((report.newRegions?.length ?? 0) > 0 && !job.confirmNewRegions) {
    return { ok: false, stale: true, report, error: { code: 'regions_unconfirmed', message: '文件含有新的村或组，请确认后再导入', field: 'confirmNewRegions' } };
  }
  const progress = progressOf(job.progress);
  progress.phase('writing');
  progress.report(0, report.rows);
  try {
    const now = new Date(job.now);
    const actor = getUser(db, job.actorId);
    if (!actor) throw new HttpError(404, 'user_not_found', `no user ${job.actorId}`);
    const result = db.transaction(() => {
      const counts = kind!.commit!(db, plan, { actor, batchId: job.batchId, today: job.today, now, confirmNewRegions: job.confirmNewRegions });
      recordCommit(db, job.batchId, report, counts, now);
      writeAudit(
        db,
        { userId: actor.id, username: actor.username, action: 'import.commit', entity: 'import_batch', entityId: job.batchId, after: { kind: job.kind, ...counts } },
        now,
      );
      return counts;
    }).immediate();
    progress.report(report.rows, report.rows);
    return { ok: true, report, result };
  } catch (err) {
    return { ok: false, error: await asJobError(err, 'commit_failed') };
  }
}

// ---- the jobs (workers/jobs.ts), on a worker thread ----

export const importCheckJob = (job: CheckJob): Promise<CheckOutcome> => checkOn(reader(job.dbPath), job);

/** Its own writable connection, closed after: a commit is rare, and the thread may next serve reads. */
export async function importCommitJob(job: CommitJob): Promise<CommitOutcome> {
  const db = openDatabase(job.dbPath);
  try {
    return await commitOn(db, job);
  } finally {
    db.close();
  }
}
