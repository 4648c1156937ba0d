// What a patrol task is for: an alert patrol (应急预警排查), a hand-picked (lasso) patrol, the quarterly
// revisit of fragile key houses (seed 003: 每季度跟踪回访) or the annual March–April check (seed 001:
// 每年3至4月份开展1次核查). The batch key says it — 'alert:12', 'manual:<key>', 'quarterly:2026Q4',
// 'campaign:2027' — and patrol_tasks.kind stores it (migration 014) so the board can filter by it.

export const TASK_KINDS = ['alert', 'manual', 'quarterly', 'campaign'] as const;
export type TaskKind = (typeof TASK_KINDS)[number];

/** Scheduled work: planned weeks ahead, and it yields to an alert (patrol-people.ts). */
export const SCHEDULED_KINDS: readonly TaskKind[] = ['quarterly', 'campaign'];

/** The kind a batch key names; anything without a known prefix is a manual dispatch (as migration 014 backfills). */
export function kindOfBatch(batchKey: string): TaskKind {
  const prefix = batchKey.slice(0, batchKey.indexOf(':'));
  return prefix === 'alert' || prefix === 'quarterly' || prefix === 'campaign' ? prefix : 'manual';
}
