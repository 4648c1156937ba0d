import { houseStateAfter, type HazardItem, type NotVisitedReason, type StopResult } from '../domain/hazards.ts';
import { chinaDay } from '../domain/deadlines.ts';
import { canMove, type TaskStatus } from '../domain/task-states.ts';
import { HttpError } from '../http/errors.ts';
import { writeAudit } from './audit.ts';
import type { Db } from './connection.ts';
import { suspectHouse } from './ledger.ts';
import { photoOwnership } from './photos.ts';
import { prepared } from './statements.ts';
import type { User } from './users.ts';

export interface StopReport {
  /** What was found; absent when the house was not visited (then `notVisited` says why). */
  result?: StopResult | undefined;
  notVisited?: { reason: NotVisitedReason; note?: string | undefined } | undefined;
  hazards: HazardItem[];
  notes?: string | undefined;
  gps?: { lon: number; lat: number; accuracyM?: number | undefined } | undefined;
  observedAt: string;
  photos: string[];
  idempotencyKey: string;
}

/**
 * Records what the inspector found at a stop — or why they could not visit it — exactly once per
 * idempotency key: a replay of the same key (a phone re-sending after a lost answer) returns the
 * stored stop and changes nothing. The latest report of a stop wins (a visit after a 不在家 replaces it).
 * A hazard or 不可居住 turns the house suspected through the ledger; 不可居住 also flags its people to move out now.
 * Photos are attached only by someone who uploaded them: knowing a hash is not having the photo.
 * Everything — stop, photos, house state, task progress, audit — commits together or not at all.
 */
export function reportStop(
  db: Db,
  taskId: number,
  stopId: number,
  report: StopReport,
  actor: User,
  now: Date,
): { replayed: boolean } {
  return db.transaction(() => {
    const replay = prepared(db, 'SELECT id, task_id FROM patrol_stops WHERE idempotency_key = ?').get(report.idempotencyKey) as
      | { id: number; task_id: number }
      | undefined;
    if (replay) {
      if (replay.id !== stopId) throw new HttpError(409, 'idempotency_conflict', 'this idempotency key was used for another stop', 'idempotencyKey');
      return { replayed: true };
    }
    const stop = prepared(
      db,
      `SELECT s.*, t.status AS task_status FROM patrol_stops s JOIN patrol_tasks t ON t.id = s.task_id
        WHERE s.id = ? AND s.task_id = ?`,
    ).get(stopId, taskId) as Record<string, any> | undefined;
    if (!stop) throw new HttpError(404, 'stop_not_found', `task ${taskId} has no stop ${stopId}`, 'stopId');
    const taskStatus = stop.task_status as TaskStatus;
    if (taskStatus === 'reviewed' || taskStatus === 'cancelled') {
      throw new HttpError(409, 'task_closed', `task ${taskId} is ${taskStatus}`, 'taskId');
    }
    for (const sha of report.photos) {
      const owner = photoOwnership(db, sha, actor.id);
      if (owner === 'missing') throw new HttpError(400, 'invalid_input', `photo ${sha} was not uploaded`, 'photos');
      if (owner === 'others') throw new HttpError(403, 'photo_not_yours', `photo ${sha} was uploaded by someone else: upload it yourself`, 'photos');
    }
    const nowIso = now.toISOString();
    prepared(
      db,
      `UPDATE patrol_stops SET result = @result, not_visited_reason = @notVisited, not_visited_note = @notVisitedNote,
         hazards = @hazards, notes = @notes, gps_lon = @lon, gps_lat = @lat, gps_accuracy_m = @acc, observed_at = @observedAt,
         reported_at = @now, reported_by = @by, idempotency_key = @key
       WHERE id = @id`,
    ).run({
      id: stopId,
      result: report.result ?? null,
      notVisited: report.notVisited?.reason ?? null,
      notVisitedNote: report.notVisited?.note || null,
      hazards: JSON.stringify(report.hazards),
      notes: report.notes ?? null,
      lon: report.gps?.lon ?? null,
      lat: report.gps?.lat ?? null,
      acc: report.gps?.accuracyM ?? null,
      observedAt: report.observedAt,
      now: nowIso,
      by: actor.id,
      key: report.idempotencyKey,
    });
    const link = prepared(db, 'INSERT OR IGNORE INTO stop_photos (stop_id, sha256) VALUES (?, ?)');
    for (const sha of report.photos) link.run(stopId, sha);

    const state = report.result ? houseStateAfter(report.result, report.hazards) : { suspected: false, moveOut: false };
    if (state.suspected) suspectFromPatrol(db, stop.house_id, { stopId, result: report.result!, moveOut: state.moveOut, observedAt: report.observedAt }, actor, now);
    writeAudit(
      db,
      {
        userId: actor.id,
        username: actor.username,
        action: 'patrol.report',
        entity: 'patrol_stop',
        entityId: stopId,
        before:
          stop.result || stop.not_visited_reason
            ? { result: stop.result, notVisited: notVisitedOf(stop.not_visited_reason, stop.not_visited_note), hazards: JSON.parse(stop.hazards), notes: stop.notes }
            : undefined,
        after: {
          result: report.result ?? null,
          notVisited: notVisitedOf(report.notVisited?.reason ?? null, report.notVisited?.note || null),
          hazards: report.hazards,
          notes: report.notes ?? null,
          photos: report.photos,
        },
      },
      now,
    );
    advanceTask(db, taskId, taskStatus, nowIso);
    return { replayed: false };
  })();
}

/** A hazard or 不可居住 found on patrol suspects the house through the ledger (db/ledger.ts suspectHouse). */
function suspectFromPatrol(
  db: Db,
  houseId: number,
  found: { stopId: number; result: StopResult; moveOut: boolean; observedAt: string },
  actor: User,
  now: Date,
): void {
  // The day it was seen, unless the phone's clock ran ahead of ours.
  const seen = chinaDay(new Date(found.observedAt));
  suspectHouse(db, houseId, {
    actor: { id: actor.id, username: actor.username },
    now,
    onDate: seen < chinaDay(now) ? seen : chinaDay(now),
    source: 'patrol',
    detail: { stopId: found.stopId, result: found.result },
    habitable: found.moveOut ? false : undefined,
  });
}

const notVisitedOf = (reason: string | null, note: string | null) => (reason ? { reason, note } : null);

/** The first report starts a task; the last one (every stop with a result or a reason) completes it. */
function advanceTask(db: Db, taskId: number, status: TaskStatus, nowIso: string): void {
  const { open } = prepared(
    db,
    'SELECT count(*) AS open FROM patrol_stops WHERE task_id = ? AND result IS NULL AND not_visited_reason IS NULL',
  ).get(taskId) as { open: number };
  let next: TaskStatus = status;
  if (status === 'assigned' || status === 'accepted') next = 'in_progress';
  if (open === 0 && canMove(next, 'completed')) next = 'completed';
  if (next !== status) prepared(db, 'UPDATE patrol_tasks SET status = ?, updated_at = ? WHERE id = ?').run(next, nowIso, taskId);
}
