// Which warning a patrol task belongs to and what it tells people to do (CAP <instruction>) — or which
// schedule sends it: the inspector's task header and the board's task panel show it, so nobody patrols
// without knowing why.
import { useTranslation } from 'react-i18next';
import type { PatrolTask } from '../../api/tasks.ts';
import { ALERT_LEVEL_COLORS } from '../../map/palette.ts';
import { alertName } from '../alerts/format.ts';

export function TaskAlert({ task }: { task: PatrolTask }) {
  const { t } = useTranslation();
  const a = task.alert;
  if (!a) {
    // A scheduled round says which rule sends the inspector (seed 003 quarterly, seed 001 March–April).
    const why = task.kind === 'quarterly' || task.kind === 'campaign' ? t(`schedules.rule.${task.kind}`) : t('taskAlert.manual');
    return (
      <p className="task-alert task-alert--manual" data-testid="task-why">
        {why}
      </p>
    );
  }
  return (
    <div className="task-alert" data-testid="task-alert" style={{ borderColor: ALERT_LEVEL_COLORS[a.level] }}>
      <p className="task-alert__name">
        <span className="visually-hidden">{t('taskAlert.label')}：</span>
        <strong style={{ color: ALERT_LEVEL_COLORS[a.level] }}>{alertName(t, a.type, a.level, a.event)}</strong> {a.headline}
      </p>
      {a.instruction && (
        <p className="task-alert__instruction">
          <strong>{t('taskAlert.instruction')}：</strong>
          {a.instruction}
        </p>
      )}
    </div>
  );
}
