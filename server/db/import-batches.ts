// Import batches (issue 13, migration 015): one row per uploaded file, whatever its kind. The row moves
// checking → ready | invalid | failed, and ready → committing → committed | failed | invalid (the fresh
// check at commit found problems). The status changes with a guard on the status it leaves, so two
// clicks on "commit" start one commit.
import type { ImportKindName, ImportOptions, CheckReport } from '../imports/kind.ts';
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

export const BATCH_STATUSES = ['checking', 'ready', 'invalid', 'committing', 'committed', 'failed'] as const;
export type BatchStatus = (typeof BATCH_STATUSES)[number];

export interface BatchError {
  code: string;
  message: string;
  field?: string;
}

export interface BatchRecord {
  id: number;
  kind: ImportKindName;
  userId: number;
  userName: string;
  regionCode: string;
  regionLevel: RegionRef['level'];
  fileName: string;
  fileSha256: string;
  fileSize: number;
  options: ImportOptions;
  status: BatchStatus;
  report: CheckReport | null;
  result: Record<string, number> | null;
  error: BatchError | null;
  createdAt: string;
  checkedAt: string | null;
  committedAt: string | null;
}

interface BatchRow {
  id: number;
  kind: ImportKindName;
  user_id: number;
  user_name: string;
  region_code: string;
  region_level: RegionRef['level'];
  file_name: string;
  file_sha256: string;
  file_size: number;
  options: string;
  status: BatchStatus;
  report: string | null;
  result: string | null;
  error: string | null;
  created_at: string;
  checked_at: string | null;
  committed_at: string | null;
}

const parse = <T>(json: string | null): T | null => (json === null ? null : (JSON.parse(json) as T));

function toRecord(r: BatchRow): BatchRecord {
  return {
    id: r.id,
    kind: r.kind,
    userId: r.user_id,
    userName: r.user_name,
    regionCode: r.region_code,
    regionLevel: r.region_level,
    fileName: r.file_name,
    fileSha256: r.file_sha256,
    fileSize: r.file_size,
    options: JSON.parse(r.options) as ImportOptions,
    status: r.status,
    report: parse<CheckReport>(r.report),
    result: parse<Record<string, number>>(r.result),
    error: parse<BatchError>(r.error),
    createdAt: r.created_at,
    checkedAt: r.checked_at,
    committedAt: r.committed_at,
  };
}

const SELECT = `SELECT b.*, u.display_name AS user_name, r.level AS region_level
                  FROM import_batches b JOIN users u ON u.id = b.user_id JOIN regions r ON r.code = b.region_code`;

export interface NewBatch {
  kind: ImportKindName;
  userId: number;
  regionCode: string;
  fileName: string;
  fileSha256: string;
  fileSize: number;
  options: ImportOptions;
}

export function insertBatch(db: Db, b: NewBatch, now: Date): number {
  return Number(
    prepared(
      db,
      `INSERT INTO import_batches (kind, user_id, region_code, file_name, file_sha256, file_size, options, status, created_at)
       VALUES (@kind, @userId, @regionCode, @fileName, @fileSha256, @fileSize, @options, 'checking', @at)`,
    ).run({ ...b, options: JSON.stringify(b.options), at: now.toISOString() }).lastInsertRowid,
  );
}

export function getBatch(db: Db, id: number): BatchRecord | null {
  const r = prepared(db, `${SELECT} WHERE b.id = ?`).get(id) as BatchRow | undefined;
  return r ? toRecord(r) : null;
}

/**
 * The batches a user sees, newest first: their own, every batch for the county admin, and those uploaded
 * within the user's jurisdiction (a batch's region is its uploader's at upload).
 */
export function listBatches(db: Db, viewer: { id: number; regionCode: string; admin: boolean }, limit = 200): BatchRecord[] {
  const rows = prepared(
    db,
    `WITH RECURSIVE below(code) AS (
       SELECT @region UNION ALL SELECT r.code FROM regions r JOIN below ON r.parent_code = below.code)
     ${SELECT}
      WHERE @admin = 1 OR b.user_id = @user OR b.region_code IN (SELECT code FROM below)
      ORDER BY b.created_at DESC, b.id DESC LIMIT @limit`,
  ).all({ region: viewer.regionCode, admin: viewer.admin ? 1 : 0, user: viewer.id, limit }) as BatchRow[];
  return rows.map(toRecord);
}

/** Moves a batch from one of `from` to `to`; false when it was not in any of them (someone else moved it first). */
export function moveBatch(db: Db, id: number, from: readonly BatchStatus[], to: BatchStatus, set: { options?: ImportOptions; error?: null } = {}): boolean {
  const r = prepared(
    db,
    `UPDATE import_batches SET status = @to,
            options = coalesce(@options, options),
            error = CASE WHEN @clearError = 1 THEN NULL ELSE error END
      WHERE id = @id AND status IN (SELECT value FROM json_each(@from))`,
  ).run({ id, to, from: JSON.stringify(from), options: set.options ? JSON.stringify(set.options) : null, clearError: set.error === null ? 1 : 0 });
  return r.changes === 1;
}

/**
 * The outcome of a check (or of a commit's fresh check that refused to write): its report, and 'ready'
 * (no problems) or 'invalid'. Only a batch still being worked on takes it.
 */
export function recordCheck(db: Db, id: number, report: CheckReport, status: 'ready' | 'invalid', now: Date, error: BatchError | null = null): void {
  prepared(
    db,
    "UPDATE import_batches SET status = @status, report = @report, error = @error, checked_at = @at WHERE id = @id AND status IN ('checking', 'committing')",
  ).run({
    id,
    status,
    report: JSON.stringify(report),
    error: error ? JSON.stringify(error) : null,
    at: now.toISOString(),
  });
}

/** A check or a commit that could not run to its end: the file unreadable, the server busy, a write refused. */
export function recordFailure(db: Db, id: number, error: BatchError, now: Date): void {
  prepared(
    db,
    "UPDATE import_batches SET status = 'failed', error = @error, checked_at = coalesce(checked_at, @at) WHERE id = @id AND status IN ('checking', 'committing')",
  ).run({
    id,
    error: JSON.stringify(error),
    at: now.toISOString(),
  });
}

/** Written in the commit's own transaction: the batch is committed exactly when its rows are. */
export function recordCommit(db: Db, id: number, report: CheckReport, result: Record<string, number>, now: Date): void {
  prepared(
    db,
    "UPDATE import_batches SET status = 'committed', report = @report, result = @result, error = NULL, committed_at = @at, checked_at = @at WHERE id = @id",
  ).run({ id, report: JSON.stringify(report), result: JSON.stringify(result), at: now.toISOString() });
}

/**
 * After a restart no thread is checking or committing anything: a batch left in either state was cut
 * short (a commit's rows were rolled back with it — its status changes in the same transaction).
 */
export function failInterrupted(db: Db, now: Date): number {
  const error: BatchError = { code: 'interrupted', message: '服务器在检查或导入过程中重启，本批次未写入任何数据；请重新检查后再导入' };
  return prepared(db, "UPDATE import_batches SET status = 'failed', error = @error WHERE status IN ('checking', 'committing')").run({
    error: JSON.stringify(error),
  }).changes;
}
