// Patrol task lifecycle: assigned → accepted → in progress → completed → reviewed (or cancelled).
export const TASK_STATUSES = ['assigned', 'accepted', 'in_progress', 'completed', 'reviewed', 'cancelled'] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

const NEXT: Record<TaskStatus, readonly TaskStatus[]> = {
  assigned: ['accepted', 'in_progress', 'cancelled'],
  accepted: ['in_progress', 'cancelled'],
  in_progress: ['completed', 'cancelled'],
  completed: ['reviewed', 'in_progress'], // a reviewer may send it back
  reviewed: [],
  cancelled: [],
};

export function canMove(from: TaskStatus, to: TaskStatus): boolean {
  return NEXT[from].includes(to);
}

/** Not yet done: someone still has to go. */
export const OPEN_TASK_STATUSES: readonly TaskStatus[] = ['assigned', 'accepted', 'in_progress'];

/** Overdue: past due and not yet done. */
export function isOverdue(task: { status: TaskStatus; dueAt: string }, now: Date): boolean {
  return OPEN_TASK_STATUSES.includes(task.status) && Date.parse(task.dueAt) < now.getTime();
}

/**
 * Stops that keep a task from completing: those with neither a result nor a reason for not visiting
 * (issue 9: a task with 0 of 40 stops reported is not complete).
 */
export function openStops(task: { stopCount: number; doneCount: number; notVisitedCount: number }): number {
  return task.stopCount - task.doneCount - task.notVisitedCount;
}
