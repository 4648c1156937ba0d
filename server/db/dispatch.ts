import { splitTour, groupByVillage, MAX_STOPS_PER_TASK } from '../domain/patrol-plan.ts';
import { planRoute, tourLength } from '../domain/routing.ts';
import { HttpError } from '../http/errors.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';
import { isTrained } from './trainings.ts';

export interface DispatchCandidate {
  houseId: number;
  householdId: number;
  villageCode: string;
  lon: number;
  lat: number;
}

export interface DispatchBatch {
  batchKey: string;
  alertId: number | null;
  dueAt: string;
  createdBy: number;
  candidates: DispatchCandidate[];
  now: Date;
}

/** A village's committee (村委会) is where a patrol starts and ends: the village's label point. */
function villageStart(db: Db, villageCode: string): [number, number] {
  const r = prepared(db, 'SELECT center_lon, center_lat FROM regions WHERE code = ?').get(villageCode) as
    | { center_lon: number; center_lat: number }
    | undefined;
  if (!r) throw new HttpError(400, 'invalid_input', `no village ${villageCode}`, 'villageCode');
  return [r.center_lon, r.center_lat];
}

/** Orders stops from the committee and back; small budgets, since a dispatch covers a whole county at once. */
function orderFrom<T extends { lon: number; lat: number }>(start: [number, number], stops: readonly T[]): { ordered: T[]; lengthM: number } {
  if (stops.length === 0) return { ordered: [], lengthM: 0 };
  const { order, length } = planRoute([start, ...stops.map((s) => [s.lon, s.lat] as [number, number])], {
    metric: 'haversine',
    closed: true,
    start: 0,
    // An iteration budget keeps dispatch repeatable; the time cap keeps a county-wide alert quick.
    timeLimitMs: 100,
    maxIterations: 20 * stops.length,
    seed: 1,
  });
  return { ordered: order.filter((i) => i > 0).map((i) => stops[i - 1]!), lengthM: length };
}

/**
 * The trained person to send to a village: its least-busy trained inspector, else trained township
 * staff of its township; null when nobody trained is there (the board shows it as unassigned).
 */
export function pickAssignee(db: Db, villageCode: string, date: string): number | null {
  const candidates = prepared(
    db,
    `SELECT u.id, u.role,
            (SELECT count(*) FROM patrol_tasks t WHERE t.assignee_id = u.id AND t.status IN ('assigned','accepted','in_progress')) AS open
       FROM users u
      WHERE u.active = 1 AND ((u.role = 'inspector' AND u.region_code = @village)
         OR (u.role = 'township_staff' AND u.region_code = (SELECT parent_code FROM regions WHERE code = @village)))
      ORDER BY (u.role = 'inspector') DESC, open, u.id`,
  ).all({ village: villageCode }) as { id: number; role: string; open: number }[];
  return candidates.find((c) => isTrained(db, c.id, date))?.id ?? null;
}

/** Refuses an assignee who is untrained or works elsewhere, naming why. */
export function assertAssignable(db: Db, userId: number, villageCode: string, date: string): void {
  const u = prepared(
    db,
    `SELECT u.role, u.active, u.region_code, (SELECT parent_code FROM regions WHERE code = @village) AS township
       FROM users u WHERE u.id = @userId`,
  ).get({ userId, village: villageCode }) as { role: string; active: number; region_code: string; township: string } | undefined;
  if (!u || u.active !== 1) throw new HttpError(400, 'invalid_assignee', `no active user ${userId}`, 'assigneeId');
  const inArea =
    (u.role === 'inspector' && u.region_code === villageCode) || (u.role === 'township_staff' && u.region_code === u.township);
  if (!inArea) throw new HttpError(400, 'out_of_area', `user ${userId} does not patrol village ${villageCode}`, 'assigneeId');
  if (!isTrained(db, userId, date)) {
    throw new HttpError(400, 'untrained', `user ${userId} has no valid training on ${date} (seed 001: untrained staff may not inspect)`, 'assigneeId');
  }
}

/**
 * Creates the patrol tasks of a batch (an alert, or a manual selection), idempotently: a house already
 * in the batch is skipped, and the UNIQUE constraints on (batch, village, part) and (batch, house)
 * hold even if two processes race. New houses go into a village's open task while it has room,
 * otherwise into new parts. Returns the ids of the tasks touched.
 */
export function dispatchBatch(db: Db, b: DispatchBatch): { created: number[]; extended: number[]; addedStops: number } {
  return db.transaction(() => {
    const have = new Set(
      (prepared(db, 'SELECT house_id FROM patrol_stops WHERE batch_key = ?').all(b.batchKey) as { house_id: number }[]).map(
        (r) => r.house_id,
      ),
    );
    const fresh = b.candidates.filter((c) => !have.has(c.houseId));
    const created: number[] = [];
    const extended: number[] = [];
    let addedStops = 0;
    const nowIso = b.now.toISOString();
    const today = nowIso.slice(0, 10);

    for (const [villageCode, stops] of groupByVillage(fresh)) {
      const start = villageStart(db, villageCode);
      const open = prepared(
        db,
        `SELECT t.id, (SELECT count(*) FROM patrol_stops s WHERE s.task_id = t.id) AS n FROM patrol_tasks t
          WHERE t.batch_key = ? AND t.village_code = ? AND t.status IN ('assigned', 'accepted', 'in_progress')
          ORDER BY t.part DESC LIMIT 1`,
      ).get(b.batchKey, villageCode) as { id: number; n: number } | undefined;
      let rest = stops;
      if (open && open.n < MAX_STOPS_PER_TASK) {
        const take = rest.slice(0, MAX_STOPS_PER_TASK - open.n);
        rest = rest.slice(take.length);
        addedStops += insertStops(db, open.id, b.batchKey, take, open.n);
        reorderTask(db, open.id, nowIso);
        extended.push(open.id);
      }
      if (rest.length === 0) continue;
      const maxPart = (prepared(db, 'SELECT coalesce(max(part), 0) AS p FROM patrol_tasks WHERE batch_key = ? AND village_code = ?').get(
        b.batchKey,
        villageCode,
      ) as { p: number }).p;
      const assignee = pickAssignee(db, villageCode, today);
      splitTour(orderFrom(start, rest).ordered).forEach((chunk, i) => {
        const { ordered, lengthM } = orderFrom(start, chunk);
        const res = prepared(
          db,
          `INSERT OR IGNORE INTO patrol_tasks (alert_id, batch_key, village_code, part, assignee_id, status, due_at,
             start_lon, start_lat, route_length_m, created_at, created_by, updated_at)
           VALUES (@alertId, @batchKey, @villageCode, @part, @assignee, 'assigned', @dueAt, @lon, @lat, @len, @now, @by, @now)`,
        ).run({
          alertId: b.alertId,
          batchKey: b.batchKey,
          villageCode,
          part: maxPart + i + 1,
          assignee,
          dueAt: b.dueAt,
          lon: start[0],
          lat: start[1],
          len: lengthM,
          now: nowIso,
          by: b.createdBy,
        });
        if (res.changes === 0) return;
        const taskId = Number(res.lastInsertRowid);
        addedStops += insertStops(db, taskId, b.batchKey, ordered, 0);
        created.push(taskId);
      });
    }
    return { created, extended, addedStops };
  }).immediate();
}

function insertStops(db: Db, taskId: number, batchKey: string, stops: readonly DispatchCandidate[], firstSeq: number): number {
  const insert = prepared(
    db,
    `INSERT OR IGNORE INTO patrol_stops (task_id, batch_key, house_id, household_id, seq)
     VALUES (?, ?, ?, ?, ?)`,
  );
  let n = 0;
  stops.forEach((s, i) => (n += insert.run(taskId, batchKey, s.houseId, s.householdId, firstSeq + i + 1).changes));
  return n;
}

/** Re-optimises a task's route: visited stops keep their places, the rest are re-ordered after them. */
export function reorderTask(db: Db, taskId: number, nowIso: string): void {
  const task = prepared(db, 'SELECT start_lon, start_lat FROM patrol_tasks WHERE id = ?').get(taskId) as { start_lon: number; start_lat: number };
  const stops = prepared(
    db,
    `SELECT s.id, s.result, o.lon, o.lat FROM patrol_stops s JOIN houses o ON o.id = s.house_id WHERE s.task_id = ? ORDER BY s.seq`,
  ).all(taskId) as { id: number; result: string | null; lon: number; lat: number }[];
  const done = stops.filter((s) => s.result !== null);
  const todo = stops.filter((s) => s.result === null);
  const from: [number, number] = done.length ? [done.at(-1)!.lon, done.at(-1)!.lat] : [task.start_lon, task.start_lat];
  const ordered = [...done, ...orderFrom(from, todo).ordered];
  const setSeq = prepared(db, 'UPDATE patrol_stops SET seq = ? WHERE id = ?');
  // Two passes: seq has no unique index, but keep intermediate states sane anyway.
  ordered.forEach((s, i) => setSeq.run(i + 1, s.id));
  const points: [number, number][] = [[task.start_lon, task.start_lat], ...ordered.map((s) => [s.lon, s.lat] as [number, number])];
  const length = tourLength(points, points.map((_, i) => i), { metric: 'haversine', closed: true });
  prepared(db, 'UPDATE patrol_tasks SET route_length_m = ?, updated_at = ? WHERE id = ?').run(length, nowIso, taskId);
}
