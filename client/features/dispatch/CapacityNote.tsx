// 人手不足 on the board: the open tasks nobody could take before their due time (or nobody trained
// serves), per village, in red — instead of one person silently carrying them all (issue 10 §4).
import { useTranslation } from 'react-i18next';
import type { PatrolTask } from '../../api/tasks.ts';

export function CapacityNote({ tasks }: { tasks: readonly PatrolTask[] }) {
  const { t } = useTranslation();
  const byVillage = new Map<string, { village: string; tasks: number; stops: number }>();
  for (const task of tasks) {
    if (task.assignee || !task.unassignedReason || !['assigned', 'accepted', 'in_progress'].includes(task.status)) continue;
    const v = byVillage.get(task.villageCode) ?? { village: task.villageName, tasks: 0, stops: 0 };
    v.tasks++;
    v.stops += task.stopCount - task.doneCount - task.notVisitedCount;
    byVillage.set(task.villageCode, v);
  }
  if (byVillage.size === 0) return null;
  const villages = [...byVillage.values()].sort((a, b) => b.stops - a.stops);
  return (
    <div className="capacity-note" role="alert" data-testid="capacity-note">
      <strong>{t('dispatch.capacity.title')}</strong>
      <ul>
        {villages.map((v) => (
          <li key={v.village}>{t('dispatch.capacity.village', { village: v.village, stops: v.stops, tasks: v.tasks })}</li>
        ))}
      </ul>
      <small>{t('dispatch.capacity.hint')}</small>
    </div>
  );
}
