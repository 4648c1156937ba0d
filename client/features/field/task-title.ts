import type { TFunction } from 'i18next';
import type { TaskKind } from '../../../server/domain/task-kinds.ts';

/**
 * "石门村 巡查任务" for an alert or lasso patrol; "石门村 2026年第4季度回访" or "石门村 2027年3–4月核查" for
 * a scheduled one (its period is in the batch key: 'quarterly:2026Q4', 'campaign:2027'); "…（第 2 组）"
 * when a village's houses were split over several tasks.
 */
export function taskTitle(t: TFunction, task: { villageName: string; part: number; kind: TaskKind; batchKey: string }): string {
  const period = task.batchKey.slice(task.batchKey.indexOf(':') + 1);
  if (task.kind === 'quarterly' || task.kind === 'campaign') {
    const title = t(`schedules.title.${task.kind}`, { village: task.villageName, year: period.slice(0, 4), quarter: period.slice(5) });
    return task.part > 1 ? t('schedules.title.part', { title, part: task.part }) : title;
  }
  return task.part > 1 ? t('field.task.titlePart', { village: task.villageName, part: task.part }) : t('field.task.title', { village: task.villageName });
}
