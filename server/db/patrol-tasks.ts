import type { AlertLevel, AlertType } from '../domain/alerts.ts';
import type { UnassignedReason } from '../domain/patrol-capacity.ts';
import { riskBand, type RiskBand } from '../domain/risk-bands.ts';
import type { HazardItem, NotVisitedReason, StopResult } from '../domain/hazards.ts';
import type { HouseStatus } from '../domain/housing.ts';
import type { TaskKind } from '../domain/task-kinds.ts';
import { isOverdue, type TaskStatus } from '../domain/task-states.ts';
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';
import { HOUSE_COLUMNS, houseFields, type HouseColumns, type HouseFields } from './house-row.ts';
import { prepared } from './statements.ts';

export interface PatrolStop extends HouseFields {
  id: number;
  seq: number;
  houseId: number;
  householdId: number;
  householdNo: string;
  headName: string;
  houseStatus: HouseStatus;
  result: StopResult | null;
  /** Why the house was not visited, instead of a result (不在家 / 无法到达 / 其他). */
  notVisited: { reason: NotVisitedReason; note: string | null } | null;
  hazards: HazardItem[];
  notes: string | null;
  gps: { lon: number; lat: number; accuracyM: number | null } | null;
  observedAt: string | null;
  reportedAt: string | null;
  photos: string[];
  /** Risk under the alert when dispatched (domain/risk.ts), and its band; null for a manual dispatch. */
  risk: number | null;
  riskBand: RiskBand | null;
}

/** The warning a task was dispatched for, with what it tells people to do (CAP <instruction>). */
export interface TaskAlert {
  id: number;
  type: AlertType;
  level: AlertLevel;
  event: string | null;
  headline: string;
  instruction: string | null;
}

export interface PatrolTask {
  id: number;
  alertId: number | null;
  alert: TaskAlert | null;
  batchKey: string;
  /** Alert patrol, lasso, quarterly revisit or March–April campaign (domain/task-kinds.ts). */
  kind: TaskKind;
  villageCode: string;
  villageName: string;
  townshipCode: string;
  part: number;
  assignee: { id: number; username: string; displayName: string } | null;
  status: TaskStatus;
  overdue: boolean;
  dueAt: string;
  start: [number, number];
  routeLengthM: number;
  /** Estimated minutes to walk it (domain/patrol-pace.ts); null for tasks from before the estimate. */
  estimatedMinutes: number | null;
  /** Why nobody has it: no trained person serves the village, or all are full until it is due. */
  unassignedReason: UnassignedReason | null;
  stopCount: number;
  /** Stops with a result (patrolled). */
  doneCount: number;
  /** Stops with a reason for not visiting instead. */
  notVisitedCount: number;
  createdAt: string;
  updatedAt: string;
}

const TASK_SELECT = `
  SELECT t.*, v.name AS village_name, v.parent_code AS township_code,
         u.username AS assignee_username, u.display_name AS assignee_name,
         a.type AS alert_type, a.level AS alert_level, a.event AS alert_event, a.headline AS alert_headline,
         a.instruction AS alert_instruction,
         (SELECT count(*) FROM patrol_stops s WHERE s.task_id = t.id) AS stop_count,
         (SELECT count(*) FROM patrol_stops s WHERE s.task_id = t.id AND s.result IS NOT NULL) AS done_count,
         (SELECT count(*) FROM patrol_stops s WHERE s.task_id = t.id AND s.result IS NULL AND s.not_visited_reason IS NOT NULL)
           AS not_visited_count
    FROM patrol_tasks t JOIN regions v ON v.code = t.village_code LEFT JOIN users u ON u.id = t.assignee_id
         LEFT JOIN alerts a ON a.id = t.alert_id`;

/**
 * Tasks are scoped by their village: a township sees its villages; an inspector (the one role bound to a
 * village) the villages of their township, since a full village's work goes to its neighbours' inspectors
 * (domain/patrol-capacity.ts) — and every inspector query also keeps to their own tasks (seesOnlyOwnTasks).
 */
export function taskScopeClause(scope: RegionRef): string {
  if (scope.level === 'county') return '1 = 1';
  if (scope.level === 'township') return 'v.parent_code = @scope';
  return 'v.parent_code = (SELECT parent_code FROM regions WHERE code = @scope)';
}

function toTask(r: Record<string, any>, now: Date): PatrolTask {
  const status = r.status as TaskStatus;
  return {
    id: r.id,
    alertId: r.alert_id,
    alert:
      r.alert_id === null
        ? null
        : { id: r.alert_id, type: r.alert_type, level: r.alert_level, event: r.alert_event, headline: r.alert_headline, instruction: r.alert_instruction },
    batchKey: r.batch_key,
    kind: r.kind,
    villageCode: r.village_code,
    villageName: r.village_name,
    townshipCode: r.township_code,
    part: r.part,
    assignee: r.assignee_id ? { id: r.assignee_id, username: r.assignee_username, displayName: r.assignee_name } : null,
    status,
    overdue: isOverdue({ status, dueAt: r.due_at }, now),
    dueAt: r.due_at,
    start: [r.start_lon, r.start_lat],
    routeLengthM: r.route_length_m,
    estimatedMinutes: r.estimated_minutes === null ? null : Math.round(r.estimated_minutes),
    unassignedReason: r.assignee_id ? null : r.unassigned_reason,
    stopCount: r.stop_count,
    doneCount: r.done_count,
    notVisitedCount: r.not_visited_count,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

export interface TaskQuery {
  alertId?: number;
  kind?: TaskKind[];
  batchKey?: string;
  status?: TaskStatus[];
  assigneeId?: number;
  overdue?: boolean;
}

export function listTasks(db: Db, scope: RegionRef, q: TaskQuery, now: Date): PatrolTask[] {
  const where = [taskScopeClause(scope)];
  const params: Record<string, unknown> = { scope: scope.code };
  if (q.alertId !== undefined) (where.push('t.alert_id = @alertId'), (params.alertId = q.alertId));
  if (q.assigneeId !== undefined) (where.push('t.assignee_id = @assigneeId'), (params.assigneeId = q.assigneeId));
  if (q.batchKey !== undefined) (where.push('t.batch_key = @batchKey'), (params.batchKey = q.batchKey));
  if (q.kind?.length) (where.push('t.kind IN (SELECT value FROM json_each(@kinds))'), (params.kinds = JSON.stringify(q.kind)));
  if (q.status?.length) {
    q.status.forEach((s, i) => (params[`s${i}`] = s));
    where.push(`t.status IN (${q.status.map((_, i) => `@s${i}`).join(', ')})`);
  }
  const tasks = (prepared(db, `${TASK_SELECT} WHERE ${where.join(' AND ')} ORDER BY t.due_at, t.id`).all(params) as Record<string, any>[]).map(
    (r) => toTask(r, now),
  );
  return q.overdue === undefined ? tasks : tasks.filter((t) => t.overdue === q.overdue);
}

/** One task in the scope; with `assigneeId`, only if assigned to that user (an inspector's own). */
export function getTask(db: Db, id: number, scope: RegionRef, now: Date, assigneeId?: number): PatrolTask | null {
  const own = assigneeId === undefined ? '' : ' AND t.assignee_id = @assigneeId';
  const r = prepared(db, `${TASK_SELECT} WHERE t.id = @id AND ${taskScopeClause(scope)}${own}`).get({ id, scope: scope.code, ...(assigneeId === undefined ? {} : { assigneeId }) });
  return r ? toTask(r as Record<string, any>, now) : null;
}

export function listStops(db: Db, taskId: number): PatrolStop[] {
  const rows = prepared(
    db,
    `SELECT s.*, h.household_no, h.head_name, ${HOUSE_COLUMNS}, o.status AS house_status,
            (SELECT group_concat(p.sha256) FROM stop_photos p WHERE p.stop_id = s.id) AS photo_list
       FROM patrol_stops s JOIN houses o ON o.id = s.house_id JOIN households h ON h.id = s.household_id
      WHERE s.task_id = ? ORDER BY s.seq`,
  ).all(taskId) as Record<string, any>[];
  return rows.map((r) => ({
    id: r.id,
    seq: r.seq,
    houseId: r.house_id,
    householdId: r.household_id,
    householdNo: r.household_no,
    headName: r.head_name,
    ...houseFields(r as HouseColumns),
    houseStatus: r.house_status,
    result: r.result,
    notVisited: r.not_visited_reason ? { reason: r.not_visited_reason, note: r.not_visited_note } : null,
    hazards: JSON.parse(r.hazards),
    notes: r.notes,
    gps: r.gps_lon === null ? null : { lon: r.gps_lon, lat: r.gps_lat, accuracyM: r.gps_accuracy_m },
    observedAt: r.observed_at,
    reportedAt: r.reported_at,
    photos: r.photo_list ? String(r.photo_list).split(',') : [],
    risk: r.risk,
    riskBand: riskBand(r.risk),
  }));
}

export function setTaskStatus(db: Db, id: number, status: TaskStatus, now: Date): void {
  prepared(db, 'UPDATE patrol_tasks SET status = ?, updated_at = ? WHERE id = ?').run(status, now.toISOString(), id);
}

export function setTaskAssignee(db: Db, id: number, assigneeId: number, now: Date): void {
  prepared(db, 'UPDATE patrol_tasks SET assignee_id = ?, unassigned_reason = NULL, updated_at = ? WHERE id = ?').run(assigneeId, now.toISOString(), id);
}
