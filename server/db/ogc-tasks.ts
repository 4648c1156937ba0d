// The OGC API's `tasks` collection: the patrol tasks the tasks board shows the caller (taskScopeClause;
// an inspector only their own), each a MultiPoint of its stops' houses in route order, open from its
// creation until it is due — the period `datetime` selects on.
import { isoBounds, type OgcExtent, type OgcFeature, type OgcPage, type PageQuery } from '../domain/ogc-features.ts';
import { isOverdue, type TaskStatus } from '../domain/task-states.ts';
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';
import { taskScopeClause } from './patrol-tasks.ts';
import { prepared } from './statements.ts';

/** Whose tasks: the caller's jurisdiction and, for an inspector (seesOnlyOwnTasks), only theirs. */
export interface TaskViewer {
  scope: RegionRef;
  assigneeId?: number;
}

interface Row {
  id: number;
  kind: string;
  status: TaskStatus;
  due_at: string;
  created_at: string;
  village_code: string;
  village_name: string;
  township_code: string;
  assignee_name: string | null;
  alert_id: number | null;
  alert_headline: string | null;
  alert_level: string | null;
  route_length_m: number;
  stop_count: number;
  done_count: number;
}

const SELECT = `SELECT t.id, t.kind, t.status, t.due_at, t.created_at, t.village_code, v.name AS village_name,
    v.parent_code AS township_code, u.display_name AS assignee_name, t.alert_id, a.headline AS alert_headline,
    a.level AS alert_level, t.route_length_m,
    (SELECT count(*) FROM patrol_stops s WHERE s.task_id = t.id) AS stop_count,
    (SELECT count(*) FROM patrol_stops s WHERE s.task_id = t.id AND s.result IS NOT NULL) AS done_count
  FROM patrol_tasks t JOIN regions v ON v.code = t.village_code LEFT JOIN users u ON u.id = t.assignee_id
  LEFT JOIN alerts a ON a.id = t.alert_id`;

/** A stop of the task whose house lies in the box. */
const STOP_IN_BOX = `EXISTS (SELECT 1 FROM patrol_stops s JOIN houses o ON o.id = s.house_id WHERE s.task_id = t.id
    AND o.lon BETWEEN @minLon AND @maxLon AND o.lat BETWEEN @minLat AND @maxLat)`;

function selection(who: TaskViewer, q: Pick<PageQuery, 'bbox' | 'datetime'>): { where: string; params: Record<string, unknown> } {
  const where = [taskScopeClause(who.scope)];
  const params: Record<string, unknown> = { scope: who.scope.code };
  if (who.assigneeId !== undefined) (where.push('t.assignee_id = @assigneeId'), (params.assigneeId = who.assigneeId));
  if (q.datetime) {
    const { start, end } = isoBounds(q.datetime);
    if (end !== null) (where.push('t.created_at <= @end'), (params.end = end));
    if (start !== null) (where.push('t.due_at >= @start'), (params.start = start));
  }
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    where.push(STOP_IN_BOX);
    Object.assign(params, { minLon, minLat, maxLon, maxLat });
  }
  return { where: where.join(' AND '), params };
}

/** The stops' houses of each task, in route order: one query for a whole page. */
function stopPoints(db: Db, ids: number[]): Map<number, [number, number][]> {
  const rows = prepared(
    db,
    `SELECT s.task_id, o.lon, o.lat FROM patrol_stops s JOIN houses o ON o.id = s.house_id
      WHERE s.task_id IN (SELECT value FROM json_each(@ids)) ORDER BY s.task_id, s.seq`,
  ).all({ ids: JSON.stringify(ids) }) as { task_id: number; lon: number; lat: number }[];
  const out = new Map<number, [number, number][]>();
  for (const r of rows) {
    const points = out.get(r.task_id);
    if (points) points.push([r.lon, r.lat]);
    else out.set(r.task_id, [[r.lon, r.lat]]);
  }
  return out;
}

function toFeatures(db: Db, rows: Row[], now: Date): OgcFeature[] {
  const points = stopPoints(db, rows.map((r) => r.id));
  return rows.map((r) => {
    const stops = points.get(r.id);
    return {
      type: 'Feature',
      id: r.id,
      // A task whose stops were all cancelled has no place: null geometry, as GeoJSON allows.
      geometry: stops ? { type: 'MultiPoint', coordinates: stops } : null,
      properties: {
        kind: r.kind,
        status: r.status,
        overdue: isOverdue({ status: r.status, dueAt: r.due_at }, now),
        dueAt: r.due_at,
        createdAt: r.created_at,
        villageCode: r.village_code,
        villageName: r.village_name,
        townshipCode: r.township_code,
        assignee: r.assignee_name,
        alertId: r.alert_id,
        alertHeadline: r.alert_headline,
        alertLevel: r.alert_level,
        stopCount: r.stop_count,
        doneCount: r.done_count,
        routeLengthM: Math.round(r.route_length_m),
      },
    };
  });
}

export function taskPage(db: Db, who: TaskViewer, q: PageQuery, now: Date): OgcPage {
  const { where, params } = selection(who, q);
  const rows = prepared(db, `${SELECT} WHERE ${where} ORDER BY t.id LIMIT @limit OFFSET @offset`).all({ ...params, limit: q.limit, offset: q.offset }) as Row[];
  const numberMatched =
    q.offset === 0 && rows.length < q.limit
      ? rows.length
      : (prepared(db, `SELECT count(*) AS n FROM patrol_tasks t JOIN regions v ON v.code = t.village_code WHERE ${where}`).get(params) as { n: number }).n;
  return { features: toFeatures(db, rows, now), numberMatched };
}

export function taskFeature(db: Db, who: TaskViewer, id: number, now: Date): OgcFeature | null {
  const { where, params } = selection(who, {});
  const r = prepared(db, `${SELECT} WHERE t.id = @id AND ${where}`).get({ ...params, id }) as Row | undefined;
  return r ? toFeatures(db, [r], now)[0]! : null;
}

/** The box of every stop of the caller's tasks, and from the first task made to the last one due. */
export function taskExtent(db: Db, who: TaskViewer): OgcExtent {
  const { where, params } = selection(who, {});
  const box = prepared(
    db,
    `SELECT min(o.lon) AS w, min(o.lat) AS s, max(o.lon) AS e, max(o.lat) AS n
       FROM patrol_tasks t JOIN regions v ON v.code = t.village_code JOIN patrol_stops st ON st.task_id = t.id
       JOIN houses o ON o.id = st.house_id WHERE ${where}`,
  ).get(params) as { w: number | null; s: number; e: number; n: number };
  const time = prepared(db, `SELECT min(t.created_at) AS first, max(t.due_at) AS last FROM patrol_tasks t JOIN regions v ON v.code = t.village_code WHERE ${where}`).get(
    params,
  ) as { first: string | null; last: string | null };
  return { bbox: box.w === null ? null : [box.w, box.s, box.e, box.n], interval: time.first === null ? null : [time.first, time.last] };
}
