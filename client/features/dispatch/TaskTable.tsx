import { useTranslation } from 'react-i18next';
import type { PatrolTask } from '../../api/tasks.ts';
import { OVERDUE_COLOR, TASK_KIND_COLORS, TASK_STATUS_COLORS } from '../../map/palette.ts';
import { Badge } from '../../ui/Badge.tsx';

/** The tasks as a table: village, what for (alert, lasso, quarterly, campaign), who, stops done of total, due time; overdue rows in red. */
export function TaskTable(props: { tasks: readonly PatrolTask[]; selectedId: number | null; onSelect(id: number): void }) {
  const { t, i18n } = useTranslation();
  const fmt = (iso: string) => new Date(iso).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  if (props.tasks.length === 0) return <p className="dispatch-empty">{t('dispatch.noTasks')}</p>;
  return (
    <table className="task-table">
      <thead>
        <tr>
          <th scope="col">{t('dispatch.col.village')}</th>
          <th scope="col">{t('schedules.col.kind')}</th>
          <th scope="col">{t('dispatch.col.assignee')}</th>
          <th scope="col">{t('dispatch.col.progress')}</th>
          <th scope="col">{t('dispatch.col.due')}</th>
          <th scope="col">{t('dispatch.col.status')}</th>
        </tr>
      </thead>
      <tbody>
        {props.tasks.map((task) => (
          <tr
            key={task.id}
            className={`${task.overdue ? 'task-table__overdue' : ''}${task.id === props.selectedId ? ' task-table__selected' : ''}`}
            data-task-id={task.id}
            data-overdue={task.overdue}
          >
            <th scope="row">
              <button type="button" className="link-button" onClick={() => props.onSelect(task.id)}>
                {task.villageName}
                {task.part > 1 && <small> #{task.part}</small>}
              </button>
            </th>
            <td data-testid="task-kind" data-kind={task.kind}>
              <Badge color={TASK_KIND_COLORS[task.kind]} outline>
                {t(`schedules.kind.${task.kind}`)}
              </Badge>
            </td>
            <td>{task.assignee?.displayName ?? <span className="task-table__none">{t('dispatch.unassigned')}</span>}</td>
            <td>
              <span className="mini-progress" aria-hidden="true">
                <span style={{ width: `${(100 * task.doneCount) / Math.max(1, task.stopCount)}%` }} />
              </span>
              <span className="mono">
                {task.doneCount}/{task.stopCount}
              </span>
            </td>
            <td className="mono" style={task.overdue ? { color: OVERDUE_COLOR } : undefined}>
              {fmt(task.dueAt)}
              {task.overdue && <strong className="task-table__flag">{t('dispatch.overdue')}</strong>}
            </td>
            <td>
              <Badge color={TASK_STATUS_COLORS[task.status]}>{t(`taskStatus.${task.status}`)}</Badge>
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
