// Patrol figures from the stops (巡查台账): a stop is due when its task is (patrol_tasks.due_at, cancelled
// tasks never), and patrolled when its field result was reported (patrol_stops.reported_at). A stop
// reported "not visited" has no result: it is not patrolled. Instants are UTC ISO strings as stored;
// days are China days (the stored instant + 8 hours, as domain/deadlines.ts chinaDay).
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';
import { STOP_FROM, stopChildColumn, stopScopeClause } from './patrol-coverage.ts';
import { prepared } from './statements.ts';

export interface DueDone {
  /** Stops of tasks due in the window. */
  due: number;
  /** Stops reported with a result in the window. */
  done: number;
}

/** Instants [from, to), UTC ISO. */
export interface Window {
  from: string;
  to: string;
}

/** Due and patrolled stops in a window, for the region ('') or per child region. */
export function patrolInWindow(db: Db, scope: RegionRef, w: Window, byChild: boolean): Map<string, DueDone> {
  const child = byChild ? stopChildColumn(scope) : "''";
  const isDue = "t.status != 'cancelled' AND t.due_at >= @from AND t.due_at < @to";
  const isDone = 's.result IS NOT NULL AND s.reported_at >= @from AND s.reported_at < @to';
  const rows = prepared(
    db,
    `SELECT ${child} AS code, sum(${isDue}) AS due, sum(${isDone}) AS done FROM ${STOP_FROM}
      WHERE ${stopScopeClause(scope)} AND ((${isDue}) OR (${isDone})) GROUP BY ${child}`,
  ).all({ scope: scope.code, ...w }) as ({ code: string } & DueDone)[];
  return new Map(rows.map((r) => [r.code, { due: r.due, done: r.done }]));
}

export const dueDone = (m: Map<string, DueDone>, code = ''): DueDone => m.get(code) ?? { due: 0, done: 0 };

/** Due and patrolled stops per China day in a window (the weekly trend buckets the days). */
export function patrolByDay(db: Db, scope: RegionRef, w: Window): { day: string; due: number; done: number }[] {
  const params = { scope: scope.code, ...w };
  const due = prepared(
    db,
    `SELECT date(t.due_at, '+8 hours') AS day, count(*) AS n FROM ${STOP_FROM}
      WHERE ${stopScopeClause(scope)} AND t.status != 'cancelled' AND t.due_at >= @from AND t.due_at < @to GROUP BY day`,
  ).all(params) as { day: string; n: number }[];
  const done = prepared(
    db,
    `SELECT date(s.reported_at, '+8 hours') AS day, count(*) AS n FROM ${STOP_FROM}
      WHERE ${stopScopeClause(scope)} AND s.result IS NOT NULL AND s.reported_at >= @from AND s.reported_at < @to GROUP BY day`,
  ).all(params) as { day: string; n: number }[];
  const byDay = new Map<string, { day: string; due: number; done: number }>();
  const at = (day: string) => byDay.get(day) ?? byDay.set(day, { day, due: 0, done: 0 }).get(day)!;
  for (const r of due) at(r.day).due += r.n;
  for (const r of done) at(r.day).done += r.n;
  return [...byDay.values()];
}
