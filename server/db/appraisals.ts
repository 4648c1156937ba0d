// Appraisals (鉴定, 建村函〔2019〕200号): the only way a house's grade changes. A trained appraiser's
// finding is recorded with its photos, the house's grade follows it, and the ledger moves
// (db/ledger.ts): A/B clears a running case, C/D lists the house and starts the works deadline, an
// emergency assessment (应急评估) while an alert covers the house records 可以居住 / 不可以居住.
import type { Grade } from '../domain/housing.ts';
import { trainingStanding } from '../domain/training-standing.ts';
import { HttpError } from '../http/errors.ts';
import { writeAudit } from './audit.ts';
import type { Db } from './connection.ts';
import { refreshHouseFlags } from './house-flags.ts';
import { moveHouse, type Actor, type LedgerHouse, type Moved } from './ledger.ts';
import { photoOwnership } from './photos.ts';
import { prepared } from './statements.ts';
import { trainingsOf } from './trainings.ts';
import { getUser, type User } from './users.ts';

export type NewAppraisalKind = 'initial' | 'formal' | 'emergency' | 'review';

/** Components graded a–d (地基基础, 承重墙, 木柱/梁/檩, 木屋架, 混凝土柱/梁 …): the house is the worst of them. */
export type Components = Record<string, 'a' | 'b' | 'c' | 'd'>;

export interface NewAppraisal {
  date: string;
  kind: NewAppraisalKind;
  grade?: Grade | undefined;
  components?: Components | undefined;
  appraiserId: number;
  habitable?: boolean | undefined;
  notes?: string | undefined;
  photos: string[];
}

/**
 * The appraiser must exist (400 unknown_appraiser) and hold an appraisal training valid on the day
 * (seed 001: untrained staff may not take part; 422 appraiser_untrained, lapsed ones said so).
 */
export function checkAppraiser(db: Db, appraiserId: number, date: string): User {
  const appraiser = getUser(db, appraiserId);
  if (!appraiser) throw new HttpError(400, 'unknown_appraiser', `no user ${appraiserId}`, 'appraiserId');
  const standing = trainingStanding(trainingsOf(db, appraiserId, 'appraisal'), date);
  if (standing === 'none') {
    throw new HttpError(422, 'appraiser_untrained', `${appraiser.username} has no appraisal training by ${date}`, 'appraiserId');
  }
  if (standing === 'lapsed') {
    throw new HttpError(422, 'appraiser_untrained', `${appraiser.username}'s appraisal training had lapsed by ${date}`, 'appraiserId');
  }
  return appraiser;
}

/** Photos are attached only by someone who uploaded them (db/photos.ts): knowing a hash is not having it. */
export function checkPhotos(db: Db, shas: readonly string[], userId: number, field: string): void {
  for (const sha of shas) {
    const owner = photoOwnership(db, sha, userId);
    if (owner === 'missing') throw new HttpError(400, 'invalid_input', `photo ${sha} was not uploaded`, field);
    if (owner === 'others') throw new HttpError(403, 'photo_not_yours', `photo ${sha} was uploaded by someone else: upload it yourself`, field);
  }
}

/**
 * Records an appraisal and moves the house; everything commits together or not at all. The caller has
 * checked the day (db/ledger.ts checkLedgerDay), the appraiser and the photos.
 */
export function recordAppraisal(
  db: Db,
  house: LedgerHouse,
  a: NewAppraisal,
  who: { actor: NonNullable<Actor>; appraiser: User; alertCovers: boolean; now: Date },
): { appraisalId: number; moved: Moved } {
  return db.transaction(() => {
    const emergency = a.kind === 'emergency';
    const moved = moveHouse(db, house.id, emergency ? 'emergency_assess' : 'appraise', {
      actor: who.actor,
      now: who.now,
      onDate: a.date,
      source: 'appraisal',
      ctx: emergency ? { habitable: a.habitable, alertCovers: who.alertCovers } : { grade: a.grade },
      detail: { appraisalKind: a.kind, appraiserId: a.appraiserId },
    });
    const appraisalId = Number(
      prepared(
        db,
        `INSERT INTO appraisals (house_id, appraised_on, grade, kind, appraiser, case_id, appraiser_id, components, habitable, notes,
                                 recorded_by, recorded_at)
         VALUES (@house, @on, @grade, @kind, @appraiser, @caseId, @appraiserId, @components, @habitable, @notes, @by, @at)`,
      ).run({
        house: house.id,
        on: a.date,
        grade: a.grade ?? null,
        kind: a.kind,
        appraiser: who.appraiser.displayName,
        caseId: moved.caseId,
        appraiserId: a.appraiserId,
        components: a.components ? JSON.stringify(a.components) : null,
        habitable: a.habitable === undefined ? null : a.habitable ? 1 : 0,
        notes: a.notes ?? null,
        by: who.actor.id,
        at: who.now.toISOString(),
      }).lastInsertRowid,
    );
    const link = prepared(db, 'INSERT INTO appraisal_photos (appraisal_id, sha256) VALUES (?, ?)');
    for (const sha of new Set(a.photos)) link.run(appraisalId, sha);
    if (a.grade) {
      // The grade is the latest appraisal's (domain/housing.ts currentGrade); the route refuses an earlier day.
      prepared(db, 'UPDATE houses SET grade = ?, appraised_on = ? WHERE id = ?').run(a.grade, a.date, house.id);
      refreshHouseFlags(db, house.id);
    }
    writeAudit(
      db,
      {
        userId: who.actor.id,
        username: who.actor.username,
        action: 'appraisal.create',
        entity: 'house',
        entityId: house.id,
        before: { grade: house.grade, appraisedOn: house.appraisedOn },
        after: {
          appraisalId,
          kind: a.kind,
          grade: a.grade ?? house.grade,
          appraisedOn: a.grade ? a.date : house.appraisedOn,
          habitable: a.habitable ?? null,
          appraiserId: a.appraiserId,
          photos: a.photos,
        },
      },
      who.now,
    );
    return { appraisalId, moved };
  })();
}

export interface AppraisalRow {
  id: number;
  appraisedOn: string;
  kind: string;
  grade: Grade | null;
  habitable: boolean | null;
  appraiser: string | null;
  appraiserId: number | null;
  components: Components | null;
  notes: string | null;
  caseId: number | null;
  photos: string[];
}

export function getAppraisal(db: Db, id: number): AppraisalRow {
  const r = prepared(db, 'SELECT * FROM appraisals WHERE id = ?').get(id) as Record<string, any>;
  const photos = prepared(db, 'SELECT sha256 FROM appraisal_photos WHERE appraisal_id = ? ORDER BY sha256').pluck().all(id) as string[];
  return {
    id: r.id,
    appraisedOn: r.appraised_on,
    kind: r.kind,
    grade: r.grade,
    habitable: r.habitable === null ? null : r.habitable === 1,
    appraiser: r.appraiser,
    appraiserId: r.appraiser_id,
    components: r.components ? JSON.parse(r.components) : null,
    notes: r.notes,
    caseId: r.case_id,
    photos,
  };
}
