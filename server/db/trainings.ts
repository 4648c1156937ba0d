import type { TrainingKind } from '../domain/training-standing.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

export interface Training {
  id: number;
  userId: number;
  username: string;
  kind: TrainingKind;
  course: string;
  trainedOn: string;
  validUntil: string | null;
}

/**
 * Trained on `date` (ISO) for `kind`: a training of that kind taken by then and not yet lapsed (seed 001:
 * untrained staff may not take part). A patrol course does not make an appraiser, nor the other way round.
 */
export function isTrained(db: Db, userId: number, date: string, kind: TrainingKind = 'patrol'): boolean {
  return (
    prepared(
      db,
      `SELECT 1 FROM trainings WHERE user_id = @userId AND kind = @kind AND trained_on <= @date
         AND (valid_until IS NULL OR valid_until >= @date) LIMIT 1`,
    ).get({ userId, date, kind }) !== undefined
  );
}

/** A person's trainings of one kind, for trainingStanding (domain/training-standing.ts). */
export function trainingsOf(db: Db, userId: number, kind: TrainingKind): { trainedOn: string; validUntil: string | null }[] {
  return prepared(db, 'SELECT trained_on AS trainedOn, valid_until AS validUntil FROM trainings WHERE user_id = ? AND kind = ?').all(userId, kind) as {
    trainedOn: string;
    validUntil: string | null;
  }[];
}

export function listTrainings(db: Db, regionPrefix: { column: 'county' | 'township' | 'village'; code: string }): Training[] {
  const where =
    regionPrefix.column === 'county'
      ? ''
      : regionPrefix.column === 'township'
        ? "WHERE u.region_code IN (SELECT code FROM regions WHERE code = @code OR parent_code = @code)"
        : 'WHERE u.region_code = @code';
  return prepared(
    db,
    `SELECT t.id, t.user_id AS userId, u.username, t.kind, t.course, t.trained_on AS trainedOn, t.valid_until AS validUntil
       FROM trainings t JOIN users u ON u.id = t.user_id ${where} ORDER BY t.trained_on DESC, t.id DESC`,
  ).all({ code: regionPrefix.code }) as Training[];
}

export function addTraining(
  db: Db,
  t: { userId: number; kind: TrainingKind; course: string; trainedOn: string; validUntil: string | null; recordedBy: number | null },
  now: Date,
): number {
  return Number(
    prepared(
      db,
      `INSERT INTO trainings (user_id, kind, course, trained_on, valid_until, recorded_by, recorded_at)
       VALUES (@userId, @kind, @course, @trainedOn, @validUntil, @recordedBy, @recordedAt)`,
    ).run({ ...t, recordedAt: now.toISOString() }).lastInsertRowid,
  );
}
