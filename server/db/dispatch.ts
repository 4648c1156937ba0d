import { budgetMinutes, type PatrolPace } from '../domain/patrol-pace.ts';
import { kindOfBatch, SCHEDULED_KINDS } from '../domain/task-kinds.ts';
import {
  groupByVillage,
  MAX_STOPS_PER_TASK,
  planDispatch,
  replanTask,
  type DispatchPlanInput,
  type TaskRoute,
  type TaskStop,
  type VillagePlan,
  type VillageToPlan,
} from '../domain/patrol-plan.ts';
import type { Point } from '../domain/routing.ts';
import { HttpError } from '../http/errors.ts';
import type { Db } from './connection.ts';
import { patrolPeople, type PatrolPersonRow } from './patrol-people.ts';
import { prepared } from './statements.ts';
import { isTrained } from './trainings.ts';

export interface DispatchCandidate {
  houseId: number;
  householdId: number;
  villageCode: string;
  lon: number;
  lat: number;
  /** Risk under the alert (domain/risk.ts); null for a manual dispatch. */
  risk: number | null;
}

export interface DispatchBatch {
  batchKey: string;
  alertId: number | null;
  dueAt: string;
  createdBy: number;
  candidates: DispatchCandidate[];
  now: Date;
  pace: PatrolPace;
  /**
   * Minutes each person has in all before the due time, when a scheduled round gives them more than one
   * shift (domain/schedules.ts scheduledCapacityMinutes); each task still fits one budget.
   */
  capacityMinutes?: number;
}

export interface DispatchResult {
  created: number[];
  extended: number[];
  addedStops: number;
}

/** Plans a dispatch's routes and who walks them, off this thread (the worker pool) or here. */
export type DispatchPlanner = (input: DispatchPlanInput) => Promise<VillagePlan[]>;
/** Plans one task's remaining route. */
export type TaskPlanner = (task: { start: Point; stops: TaskStop[] }) => Promise<TaskRoute>;

/** Plans made off-thread that found the data changed meanwhile are redone this often, then once here. */
const PLAN_ATTEMPTS = 3;

/** A village's committee (村委会) is where a patrol starts and ends: the village's label point. */
function villageStart(db: Db, villageCode: string): [number, number] {
  const r = prepared(db, 'SELECT center_lon, center_lat FROM regions WHERE code = ?').get(villageCode) as
    | { center_lon: number; center_lat: number }
    | undefined;
  if (!r) throw new HttpError(400, 'invalid_input', `no village ${villageCode}`, 'villageCode');
  return [r.center_lon, r.center_lat];
}

/** Refuses an assignee who is untrained or works elsewhere, naming why. */
export function assertAssignable(db: Db, userId: number, villageCode: string, date: string): void {
  const u = prepared(
    db,
    `SELECT u.role, u.active, u.region_code, (SELECT parent_code FROM regions WHERE code = u.region_code) AS own_township,
            (SELECT parent_code FROM regions WHERE code = @village) AS township
       FROM users u WHERE u.id = @userId`,
  ).get({ userId, village: villageCode }) as { role: string; active: number; region_code: string; own_township: string | null; township: string } | undefined;
  if (!u || u.active !== 1) throw new HttpError(400, 'invalid_assignee', `no active user ${userId}`, 'assigneeId');
  // The village's inspectors, those of the township's other villages (sent when the village's own are
  // full: patrol-capacity.ts), and the township's staff.
  const inArea =
    (u.role === 'inspector' && u.own_township === u.township) || (u.role === 'township_staff' && u.region_code === u.township);
  if (!inArea) throw new HttpError(400, 'out_of_area', `user ${userId} does not patrol in the township of village ${villageCode}`, 'assigneeId');
  if (!isTrained(db, userId, date)) {
    throw new HttpError(400, 'untrained', `user ${userId} has no valid training on ${date} (seed 001: untrained staff may not inspect)`, 'assigneeId');
  }
}

/**
 * Creates the patrol tasks of a batch (an alert, or a manual selection), idempotently: a house already
 * in the batch is skipped, and the UNIQUE constraints on (batch, village, part) and (batch, house)
 * hold even if two processes race. New houses go into a village's open task while it has room,
 * otherwise into new parts. `onAdded` runs inside the write transaction when stops were added (the
 * audit row). Calls for one batch take turns, so twenty clicks at once plan the routes once.
 */
export function dispatchBatch(db: Db, b: DispatchBatch, plan: DispatchPlanner, onAdded?: (r: DispatchResult) => void): Promise<DispatchResult> {
  return inTurn(db, b.batchKey, () =>
    planThenWrite(db, {
      read: () => readBatch(db, b),
      stateNow: () => batchState(db, b),
      plan: (read) => (read.input.villages.length ? plan(read.input) : Promise.resolve([])),
      planHere: (read) => planDispatch(read.input),
      write: (_, plans) => {
        const r = writePlans(db, b, plans);
        if (r.addedStops > 0) onAdded?.(r);
        return r;
      },
    }),
  );
}

/**
 * What a batch holds, in one line: each task's status, stop count and visited count, and the open
 * work of the people it may be given to. Any write to the batch, or to their load, changes it.
 */
function batchState(db: Db, b: DispatchBatch): string {
  const rows = prepared(
    db,
    `SELECT t.id, t.status, count(s.id) AS n, count(s.result) AS visited
       FROM patrol_tasks t LEFT JOIN patrol_stops s ON s.task_id = t.id
      WHERE t.batch_key = ? GROUP BY t.id ORDER BY t.id`,
  ).all(b.batchKey) as { id: number; status: string; n: number; visited: number }[];
  const people = peopleFor(db, b, [...groupByVillage(b.candidates).keys()]);
  return JSON.stringify([rows.map((r) => [r.id, r.status, r.n, r.visited]), people.map((p) => [p.userId, p.trained, p.loadMinutes])]);
}

/**
 * Who may be sent to these villages on the batch's day, with their load. An alert or lasso patrol does
 * not count scheduled rounds as load: they wait while the inspector answers a warning.
 */
function peopleFor(db: Db, b: DispatchBatch, villageCodes: readonly string[]): PatrolPersonRow[] {
  const townships = prepared(db, 'SELECT DISTINCT parent_code AS t FROM regions WHERE code IN (SELECT value FROM json_each(?))')
    .all(JSON.stringify(villageCodes))
    .map((r) => (r as { t: string }).t);
  const scheduled = SCHEDULED_KINDS.includes(kindOfBatch(b.batchKey));
  return patrolPeople(db, townships, b.now.toISOString().slice(0, 10), b.pace, { countScheduled: scheduled });
}

/** What a dispatch plans from: the houses not yet in the batch by village, open tasks, people, time. */
export interface BatchRead {
  state: string;
  input: DispatchPlanInput;
  people: PatrolPersonRow[];
  /** Houses of the batch's candidates already on one of its tasks. */
  already: number;
}

/** The houses not yet in the batch by village, with each village's committee and open task. */
function readBatch(db: Db, b: DispatchBatch): BatchRead {
  const have = new Set(
    (prepared(db, 'SELECT house_id FROM patrol_stops WHERE batch_key = ?').all(b.batchKey) as { house_id: number }[]).map((r) => r.house_id),
  );
  const fresh = b.candidates.filter((c) => !have.has(c.houseId));
  const villages = [...groupByVillage(fresh)].map(([villageCode, stops]): VillageToPlan => {
    const { township } = prepared(db, 'SELECT parent_code AS township FROM regions WHERE code = ?').get(villageCode) as { township: string };
    const open = prepared(
      db,
      `SELECT t.id, (SELECT count(*) FROM patrol_stops s WHERE s.task_id = t.id) AS n FROM patrol_tasks t
        WHERE t.batch_key = ? AND t.village_code = ? AND t.status IN ('assigned', 'accepted', 'in_progress')
        ORDER BY t.part DESC LIMIT 1`,
    ).get(b.batchKey, villageCode) as { id: number; n: number } | undefined;
    return {
      villageCode,
      townshipCode: township,
      start: villageStart(db, villageCode),
      fresh: stops.map(({ houseId, lon, lat, risk }) => ({ houseId, lon, lat, risk })),
      open: open && open.n < MAX_STOPS_PER_TASK ? { taskId: open.id, stops: taskStops(db, open.id) } : null,
    };
  });
  const people = peopleFor(db, b, [...groupByVillage(b.candidates).keys()]);
  const budget = budgetMinutes(Date.parse(b.dueAt) - b.now.getTime(), b.pace);
  const input: DispatchPlanInput = {
    villages,
    people: people.map(({ userId, villageCode, townshipCode, home, trained, loadMinutes }) => ({ userId, villageCode, townshipCode, home, trained, loadMinutes })),
    pace: b.pace,
    budget,
    ...(b.capacityMinutes !== undefined && b.capacityMinutes > budget ? { capacity: b.capacityMinutes } : {}),
  };
  return { state: batchState(db, b), input, people, already: b.candidates.length - fresh.length };
}

/**
 * What dispatching the batch now would create, without writing anything: the same read and the same
 * plan (on the pool) as dispatchBatch. Nothing is reserved, so a confirm moments later plans again —
 * from the same data it gives the same tasks (the planner is deterministic).
 */
export async function previewBatch(db: Db, b: DispatchBatch, plan: DispatchPlanner): Promise<{ read: BatchRead; plans: VillagePlan[] }> {
  const read = db.transaction(() => readBatch(db, b))();
  const plans = read.input.villages.length ? await plan(read.input) : [];
  return { read, plans };
}

function writePlans(db: Db, b: DispatchBatch, plans: readonly VillagePlan[]): DispatchResult {
  const byHouse = new Map(b.candidates.map((c) => [c.houseId, c]));
  const stopsOf = (houseIds: readonly number[]) => houseIds.map((id) => byHouse.get(id)!);
  const created: number[] = [];
  const extended: number[] = [];
  let addedStops = 0;
  const nowIso = b.now.toISOString();

  for (const { villageCode, extend, parts } of plans) {
    if (extend) {
      const n = (prepared(db, 'SELECT count(*) AS n FROM patrol_stops WHERE task_id = ?').get(extend.taskId) as { n: number }).n;
      addedStops += insertStops(db, extend.taskId, b.batchKey, stopsOf(extend.added), n);
      writeTaskRoute(db, extend.taskId, extend.route, nowIso);
      prepared(db, 'UPDATE patrol_tasks SET estimated_minutes = ? WHERE id = ?').run(extend.minutes, extend.taskId);
      extended.push(extend.taskId);
    }
    if (parts.length === 0) continue;
    const start = villageStart(db, villageCode);
    const maxPart = (prepared(db, 'SELECT coalesce(max(part), 0) AS p FROM patrol_tasks WHERE batch_key = ? AND village_code = ?').get(
      b.batchKey,
      villageCode,
    ) as { p: number }).p;
    parts.forEach(({ houseIds, lengthM, minutes, assigneeId, unassignedReason }, i) => {
      const res = prepared(
        db,
        `INSERT OR IGNORE INTO patrol_tasks (alert_id, batch_key, kind, village_code, part, assignee_id, status, due_at,
           start_lon, start_lat, route_length_m, estimated_minutes, unassigned_reason, created_at, created_by, updated_at)
         VALUES (@alertId, @batchKey, @kind, @villageCode, @part, @assignee, 'assigned', @dueAt, @lon, @lat, @len, @minutes, @reason,
           @now, @by, @now)`,
      ).run({
        alertId: b.alertId,
        batchKey: b.batchKey,
        kind: kindOfBatch(b.batchKey),
        villageCode,
        part: maxPart + i + 1,
        assignee: assigneeId,
        minutes,
        reason: unassignedReason,
        dueAt: b.dueAt,
        lon: start[0],
        lat: start[1],
        len: lengthM,
        now: nowIso,
        by: b.createdBy,
      });
      if (res.changes === 0) return;
      const taskId = Number(res.lastInsertRowid);
      addedStops += insertStops(db, taskId, b.batchKey, stopsOf(houseIds), 0);
      created.push(taskId);
    });
  }
  return { created, extended, addedStops };
}

function insertStops(db: Db, taskId: number, batchKey: string, stops: readonly DispatchCandidate[], firstSeq: number): number {
  const insert = prepared(
    db,
    `INSERT OR IGNORE INTO patrol_stops (task_id, batch_key, house_id, household_id, seq, risk)
     VALUES (?, ?, ?, ?, ?, ?)`,
  );
  let n = 0;
  stops.forEach((s, i) => (n += insert.run(taskId, batchKey, s.houseId, s.householdId, firstSeq + i + 1, s.risk).changes));
  return n;
}

/** A task's stops in their current order, with where each house stands. */
function taskStops(db: Db, taskId: number): TaskStop[] {
  return (
    prepared(
      db,
      `SELECT s.house_id, s.result IS NOT NULL AS visited, o.lon, o.lat, s.risk
         FROM patrol_stops s JOIN houses o ON o.id = s.house_id WHERE s.task_id = ? ORDER BY s.seq, s.id`,
    ).all(taskId) as { house_id: number; visited: number; lon: number; lat: number; risk: number | null }[]
  ).map((r) => ({ houseId: r.house_id, visited: r.visited === 1, lon: r.lon, lat: r.lat, risk: r.risk }));
}

function writeTaskRoute(db: Db, taskId: number, route: TaskRoute, nowIso: string): void {
  const setSeq = prepared(db, 'UPDATE patrol_stops SET seq = ? WHERE task_id = ? AND house_id = ?');
  route.houseIds.forEach((houseId, i) => setSeq.run(i + 1, taskId, houseId));
  prepared(db, 'UPDATE patrol_tasks SET route_length_m = ?, updated_at = ? WHERE id = ?').run(route.lengthM, nowIso, taskId);
}

/**
 * Re-optimises a task's route: visited stops keep their places, the rest are re-ordered after them.
 * Written only if no stop was added, visited or moved while `plan` worked.
 */
export function reorderTask(db: Db, taskId: number, nowIso: string, plan: TaskPlanner): Promise<void> {
  const read = () => {
    const task = prepared(db, 'SELECT start_lon, start_lat FROM patrol_tasks WHERE id = ?').get(taskId) as { start_lon: number; start_lat: number };
    const stops = taskStops(db, taskId);
    return { start: [task.start_lon, task.start_lat] as Point, stops, state: JSON.stringify(stops) };
  };
  return planThenWrite(db, {
    read,
    stateNow: () => JSON.stringify(taskStops(db, taskId)),
    plan: ({ start, stops }) => plan({ start, stops }),
    planHere: ({ start, stops }) => replanTask(start, stops),
    write: (_, route) => writeTaskRoute(db, taskId, route, nowIso),
  });
}

interface PlanSteps<S extends { state: string }, P, R> {
  /** What the plan needs, with `state`: a fingerprint of it. */
  read: () => S;
  stateNow: () => string;
  plan: (read: S) => Promise<P>;
  planHere: (read: S) => P;
  write: (read: S, plan: P) => R;
}

/**
 * Plans off this thread between two short steps on it: a consistent read, then one write
 * transaction that applies the plan only if what it was made from is unchanged (someone may have
 * written meanwhile); otherwise reads and plans again. After PLAN_ATTEMPTS such misses it reads,
 * plans and writes in one transaction here, which cannot miss.
 */
async function planThenWrite<S extends { state: string }, P, R>(db: Db, steps: PlanSteps<S, P, R>): Promise<R> {
  for (let attempt = 1; attempt <= PLAN_ATTEMPTS; attempt++) {
    const read = db.transaction(steps.read)();
    const plan = await steps.plan(read);
    const written = db
      .transaction(() => (steps.stateNow() === read.state ? { result: steps.write(read, plan) } : null))
      .immediate();
    if (written) return written.result;
  }
  return db
    .transaction(() => {
      const read = steps.read();
      return steps.write(read, steps.planHere(read));
    })
    .immediate();
}

const turns = new WeakMap<Db, Map<string, Promise<unknown>>>();

/** Runs `work` after every earlier call with the same key on this database has settled. */
function inTurn<T>(db: Db, key: string, work: () => Promise<T>): Promise<T> {
  let queue = turns.get(db);
  if (!queue) turns.set(db, (queue = new Map()));
  const before = queue.get(key) ?? Promise.resolve();
  const mine = before.catch(() => undefined).then(work);
  queue.set(key, mine);
  const forget = () => {
    if (queue.get(key) === mine) queue.delete(key);
  };
  mine.then(forget, forget);
  return mine;
}
