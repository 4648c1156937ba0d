// The people a patrol can be given to, with what they already carry: active inspectors of the villages
// of some townships, and those townships' staff, each with their training on a date and the minutes
// of open work on them (domain/patrol-capacity.ts decides who goes).
import { openLoadMinutes, type OpenWork, type PatrolPerson } from '../domain/patrol-capacity.ts';
import type { PatrolPace } from '../domain/patrol-pace.ts';
import type { Role } from '../domain/roles.ts';
import { SCHEDULED_KINDS } from '../domain/task-kinds.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';

export interface PatrolPersonRow extends PatrolPerson {
  username: string;
  displayName: string;
  role: Role;
  /** Their village's name, or their township's for township staff. */
  regionName: string;
  /** The last day of their current training; '9999-12-31' when it has no end; null when untrained. */
  trainedUntil: string | null;
  /** Stops neither visited nor excused on their open tasks. */
  openStops: number;
}

const OPEN = "('assigned', 'accepted', 'in_progress')";

/**
 * Everyone who may be sent to a village of these townships on `date` (ISO day), trained or not. Their
 * load counts scheduled rounds (quarterly, campaign) only with `countScheduled`: an alert patrol comes
 * first, the scheduled houses wait (domain/task-kinds.ts).
 */
export function patrolPeople(db: Db, townshipCodes: readonly string[], date: string, pace: PatrolPace, opts: { countScheduled?: boolean } = {}): PatrolPersonRow[] {
  if (townshipCodes.length === 0) return [];
  const rows = prepared(
    db,
    `SELECT u.id, u.username, u.display_name, u.role, r.name AS region_name, r.center_lon, r.center_lat,
            CASE WHEN u.role = 'inspector' THEN u.region_code END AS village_code,
            CASE WHEN u.role = 'inspector' THEN r.parent_code ELSE u.region_code END AS township_code,
            (SELECT max(coalesce(tr.valid_until, '9999-12-31')) FROM trainings tr WHERE tr.user_id = u.id AND tr.kind = 'patrol' AND tr.trained_on <= @date
               AND (tr.valid_until IS NULL OR tr.valid_until >= @date)) AS trained_until
       FROM users u JOIN regions r ON r.code = u.region_code
      WHERE u.active = 1 AND (
            (u.role = 'inspector' AND r.parent_code IN (SELECT value FROM json_each(@townships)))
         OR (u.role = 'township_staff' AND u.region_code IN (SELECT value FROM json_each(@townships))))
      ORDER BY u.id`,
  ).all({ date, townships: JSON.stringify(townshipCodes) }) as Record<string, any>[];
  const work = openWork(db, rows.map((r) => r.id as number), opts.countScheduled ?? false);
  return rows.map((r) => {
    const mine = work.get(r.id) ?? [];
    return {
      userId: r.id,
      username: r.username,
      displayName: r.display_name,
      role: r.role,
      regionName: r.region_name,
      villageCode: r.village_code,
      townshipCode: r.township_code,
      home: [r.center_lon, r.center_lat],
      trained: r.trained_until !== null,
      trainedUntil: r.trained_until,
      loadMinutes: openLoadMinutes(mine, pace),
      openStops: mine.reduce((n, t) => n + t.openStops, 0),
    };
  });
}

/** Each person's open tasks: route length, stops, and stops still open. */
function openWork(db: Db, userIds: readonly number[], countScheduled: boolean): Map<number, OpenWork[]> {
  const rows = prepared(
    db,
    `SELECT t.assignee_id AS userId, t.route_length_m AS routeLengthM, count(s.id) AS stops,
            sum(s.result IS NULL AND s.not_visited_reason IS NULL) AS openStops
       FROM patrol_tasks t JOIN patrol_stops s ON s.task_id = t.id
      WHERE t.status IN ${OPEN} AND t.assignee_id IN (SELECT value FROM json_each(@ids))
        AND (@scheduled = 1 OR t.kind NOT IN (SELECT value FROM json_each(@scheduledKinds)))
      GROUP BY t.id`,
  ).all({ ids: JSON.stringify(userIds), scheduled: countScheduled ? 1 : 0, scheduledKinds: JSON.stringify(SCHEDULED_KINDS) }) as (OpenWork & { userId: number })[];
  const byUser = new Map<number, OpenWork[]>();
  for (const { userId, ...w } of rows) byUser.set(userId, [...(byUser.get(userId) ?? []), w]);
  return byUser;
}
