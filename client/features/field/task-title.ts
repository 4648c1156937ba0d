import type { TFunction } from 'i18next';

/** "石门村 巡查任务", or "… （第 2 组）" when a village's houses were split over several tasks. */
export const taskTitle = (t: TFunction, task: { villageName: string; part: number }): string =>
  task.part > 1 ? t('field.task.titlePart', { village: task.villageName, part: task.part }) : t('field.task.title', { village: task.villageName });
