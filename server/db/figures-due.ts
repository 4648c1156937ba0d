// What falls due this week (Monday to Sunday, China time) and is not done yet: works deadlines (seed
// 001), one-month appraisals (seed 003), idle-house checks, patrol tasks and complaint answers — read by
// the same queries as the ledger's deadline lists, the task list and the complaint list.
import { addDays, chinaDay } from '../domain/deadlines.ts';
import { IDLE_CHECK_DAYS, firstListedDueOnOrAfter } from '../domain/ledger-deadlines.ts';
import { chinaDayStart, mondayOf, weekEnd } from '../domain/periods.ts';
import { OPEN_TASK_STATUSES } from '../domain/task-states.ts';
import type { Db } from './connection.ts';
import { listComplaints } from './complaints.ts';
import type { RegionRef } from './household-filter.ts';
import { appraisalsListedIn, idleChecksLastIn, type HouseholdRef } from './ledger-deadlines.ts';
import { ledgerCte, toRow, type RawRow } from './ledger-list.ts';
import { listTasks, type PatrolTask, type TaskQuery } from './patrol-tasks.ts';
import { prepared } from './statements.ts';

export type DueKind = 'works' | 'appraisal' | 'task' | 'complaint' | 'idle_check';

export interface DueItem {
  kind: DueKind;
  /** Names only, no words: the village and the household's head, the task's village, the complaint's receipt number. */
  label: string;
  dueOn: string;
  houseId?: number;
  taskId?: number;
  complaintId?: number;
}

/** At most this many items of each kind, soonest first (a briefing slide, not a work list). */
export const DUE_ITEMS_PER_KIND = 50;

const houseLabel = (r: Pick<HouseholdRef, 'villageName' | 'headName'>) => `${r.villageName} ${r.headName}`;

/**
 * The tasks of a region as /api/tasks lists them; a village's are its own (listTasks scopes a village
 * account — an inspector — to its township's villages, as they may be sent there).
 */
export function tasksOfRegion(db: Db, scope: RegionRef, q: TaskQuery, now: Date): PatrolTask[] {
  const tasks = listTasks(db, scope, q, now);
  return scope.level === 'village' ? tasks.filter((t) => t.villageCode === scope.code) : tasks;
}

/** Items due from `today` to the week's Sunday, soonest first; `now` decides which tasks are still due. */
export function dueThisWeek(db: Db, scope: RegionRef, today: string, now: Date = new Date(Date.parse(chinaDayStart(today)))): DueItem[] {
  const sunday = weekEnd(mondayOf(today));
  const limit = DUE_ITEMS_PER_KIND;
  const items: DueItem[] = [];

  const cte = ledgerCte({ scope, today });
  const works = prepared(
    db,
    `${cte.sql} SELECT * FROM ledger WHERE standing = 'due_soon' AND works_due_on <= @sunday ORDER BY works_due_on, house_id LIMIT @limit`,
  ).all({ ...cte.params, sunday, limit }) as RawRow[];
  for (const r of works.map(toRow)) items.push({ kind: 'works', label: houseLabel(r), dueOn: r.worksDueOn!, houseId: r.houseId });

  const appraisals = appraisalsListedIn(db, scope, firstListedDueOnOrAfter(today), firstListedDueOnOrAfter(addDays(sunday, 1)), limit);
  for (const r of appraisals.rows) items.push({ kind: 'appraisal', label: houseLabel(r), dueOn: r.dueOn, houseId: r.houseId });

  const idle = idleChecksLastIn(db, scope, addDays(today, -IDLE_CHECK_DAYS), addDays(sunday, 1 - IDLE_CHECK_DAYS), today, limit);
  for (const r of idle.rows) items.push({ kind: 'idle_check', label: houseLabel(r), dueOn: r.dueOn, houseId: r.houseId });

  const weekOver = Date.parse(chinaDayStart(addDays(sunday, 1)));
  const tasks = tasksOfRegion(db, scope, { status: [...OPEN_TASK_STATUSES] }, now)
    .filter((t) => Date.parse(t.dueAt) >= now.getTime() && Date.parse(t.dueAt) < weekOver)
    .slice(0, limit);
  for (const t of tasks) {
    items.push({ kind: 'task', label: t.part > 1 ? `${t.villageName} (${t.part})` : t.villageName, dueOn: chinaDay(new Date(t.dueAt)), taskId: t.id });
  }

  const complaints = listComplaints(db, scope, { statuses: ['received', 'assigned', 'investigating'], dueBetween: { from: today, to: sunday } }, today, {
    offset: 0,
    limit,
  });
  for (const r of complaints.rows) items.push({ kind: 'complaint', label: r.receiptNo, dueOn: r.dueOn, complaintId: r.id });

  return items.sort((a, b) => a.dueOn.localeCompare(b.dueOn));
}
