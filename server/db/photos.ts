import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import sharp, { type Metadata } from 'sharp';
import { HttpError } from '../http/errors.ts';
import type { Db } from './connection.ts';
import { householdFilterSql, type RegionRef } from './household-filter.ts';
import { taskScopeClause } from './patrol-tasks.ts';
import { prepared } from './statements.ts';

export const MAX_PHOTO_BYTES = 8 * 1024 * 1024;
const ACCEPTED = new Map([
  ['jpeg', 'image/jpeg'],
  ['png', 'image/png'],
  ['webp', 'image/webp'],
  ['heif', 'image/heic'],
]);
const EXT: Record<string, string> = { 'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/heic': 'heic' };

export interface StoredPhoto {
  sha256: string;
  mime: string;
  bytes: number;
  width: number;
  height: number;
}

/** data/photos/ab/abcdef….jpg: sharded by the first byte of the hash so no folder grows huge. */
export function photoPath(dir: string, sha256: string, variant: 'original' | 'thumb', mime = 'image/jpeg'): string {
  return join(dir, sha256.slice(0, 2), variant === 'thumb' ? `${sha256}.thumb.webp` : `${sha256}.${EXT[mime] ?? 'bin'}`);
}

/**
 * Checks an upload by its content (what the decoder says it is, not the name or the claimed type),
 * stores it once by content hash with a 320-px thumbnail, and records it. Same bytes twice → one file.
 */
export async function storePhoto(db: Db, dir: string, data: Buffer, field: string, now: Date): Promise<StoredPhoto> {
  if (data.length === 0) throw new HttpError(400, 'invalid_photo', 'the photo is empty', field);
  if (data.length > MAX_PHOTO_BYTES) throw new HttpError(413, 'photo_too_large', `photos are limited to ${MAX_PHOTO_BYTES >> 20} MiB`, field);
  let meta: Metadata;
  try {
    meta = await sharp(data).metadata();
  } catch {
    throw new HttpError(400, 'invalid_photo', 'not an image (JPEG, PNG, WebP or HEIC expected)', field);
  }
  const mime = meta.format ? ACCEPTED.get(meta.format) : undefined;
  if (!mime || !meta.width || !meta.height) {
    throw new HttpError(400, 'invalid_photo', `unsupported image type ${meta.format ?? 'unknown'}`, field);
  }
  if (meta.width * meta.height > 50_000_000) throw new HttpError(400, 'invalid_photo', 'image dimensions too large', field);
  const sha256 = createHash('sha256').update(data).digest('hex');
  const original = photoPath(dir, sha256, 'original', mime);
  if (!existsSync(original)) {
    mkdirSync(join(dir, sha256.slice(0, 2)), { recursive: true });
    const thumb = await sharp(data).rotate().resize(320, 320, { fit: 'inside' }).webp({ quality: 70 }).toBuffer();
    // Write then rename: a crash never leaves half a photo under its final name.
    writeFileSync(`${original}.tmp`, data);
    renameSync(`${original}.tmp`, original);
    writeFileSync(photoPath(dir, sha256, 'thumb'), thumb);
  }
  const photo = { sha256, mime, bytes: data.length, width: meta.width, height: meta.height };
  prepared(
    db,
    `INSERT OR IGNORE INTO photos (sha256, mime, bytes, width, height, created_at)
     VALUES (@sha256, @mime, @bytes, @width, @height, @createdAt)`,
  ).run({ ...photo, createdAt: now.toISOString() });
  return photo;
}

export function getPhoto(db: Db, sha256: string): StoredPhoto | null {
  return (prepared(db, 'SELECT sha256, mime, bytes, width, height FROM photos WHERE sha256 = ?').get(sha256) as StoredPhoto) ?? null;
}

/** Records that `userId` uploaded these bytes: each uploader may attach them (and see them). */
export function recordUpload(db: Db, sha256: string, userId: number, now: Date): void {
  db.transaction(() => {
    prepared(db, 'UPDATE photos SET uploaded_by = coalesce(uploaded_by, ?) WHERE sha256 = ?').run(userId, sha256);
    prepared(db, 'INSERT OR IGNORE INTO photo_uploads (sha256, user_id, uploaded_at) VALUES (?, ?, ?)').run(sha256, userId, now.toISOString());
  })();
}

/** Whether `userId` uploaded the photo themselves, someone else did, or nobody has. */
export function photoOwnership(db: Db, sha256: string, userId: number): 'mine' | 'others' | 'missing' {
  const r = prepared(
    db,
    `SELECT EXISTS (SELECT 1 FROM photo_uploads u WHERE u.sha256 = p.sha256 AND u.user_id = @userId) AS mine
       FROM photos p WHERE p.sha256 = @sha256`,
  ).get({ sha256, userId }) as { mine: number } | undefined;
  return r === undefined ? 'missing' : r.mine === 1 ? 'mine' : 'others';
}

/**
 * A photo is visible to whoever uploaded it, to anyone who can see a patrol stop it is attached to:
 * the stop's task within their jurisdiction and, for an inspector, assigned to them (`ownTasksOf`),
 * and to anyone who can see the house whose ledger holds it (an appraisal's, a case's, an idle-house
 * check's: the household timeline shows them) or a damage report of it. Photos of poor families' homes
 * are personal data too.
 */
export function canSeePhoto(db: Db, sha256: string, viewer: { userId: number; scope: RegionRef; ownTasksOf?: number | undefined }): boolean {
  const own = viewer.ownTasksOf === undefined ? '' : ' AND t.assignee_id = @own';
  const houses = householdFilterSql({ scope: viewer.scope });
  const inScope = `SELECT o.id FROM ${houses.from} ${houses.where}`;
  return (
    prepared(
      db,
      `SELECT 1 FROM photos p WHERE p.sha256 = @sha AND (
         EXISTS (SELECT 1 FROM photo_uploads u WHERE u.sha256 = p.sha256 AND u.user_id = @user)
         OR EXISTS (SELECT 1 FROM stop_photos sp JOIN patrol_stops s ON s.id = sp.stop_id JOIN patrol_tasks t ON t.id = s.task_id
                      JOIN regions v ON v.code = t.village_code
                     WHERE sp.sha256 = p.sha256 AND ${taskScopeClause(viewer.scope)}${own})
         OR EXISTS (SELECT 1 FROM appraisal_photos ap JOIN appraisals a ON a.id = ap.appraisal_id
                     WHERE ap.sha256 = p.sha256 AND a.house_id IN (${inScope}))
         OR EXISTS (SELECT 1 FROM case_photos cp JOIN ledger_cases c ON c.id = cp.case_id
                     WHERE cp.sha256 = p.sha256 AND c.house_id IN (${inScope}))
         OR EXISTS (SELECT 1 FROM idle_check_photos ip JOIN idle_house_checks k ON k.id = ip.check_id
                     WHERE ip.sha256 = p.sha256 AND k.house_id IN (${inScope}))
         OR EXISTS (SELECT 1 FROM damage_report_photos dp JOIN damage_reports d ON d.id = dp.report_id
                     WHERE dp.sha256 = p.sha256 AND d.house_id IN (${inScope})))`,
    ).get({
      ...houses.params,
      sha: sha256,
      user: viewer.userId,
      scope: viewer.scope.code,
      ...(viewer.ownTasksOf === undefined ? {} : { own: viewer.ownTasksOf }),
    }) !== undefined
  );
}
