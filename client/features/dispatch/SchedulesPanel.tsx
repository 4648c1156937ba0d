// The inspection schedules on the board (定期排查): this quarter's revisit of adobe, earth-wood and
// brick-wood key houses (seed 003) and the March–April check of every house (seed 001) — how many
// houses each covers, whether it went out, how far it got — with a button to dispatch it after a preview.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSchedules, type ScheduleRun } from '../../api/schedules.ts';
import { TASK_KIND_COLORS } from '../../map/palette.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { ScheduleDispatchDialog } from './ScheduleDispatchDialog.tsx';

type Standing = { selected: number; dispatched: boolean; tasks: number; stops: number; done: number; open: number; overdueTasks: number };

function Row(props: { kind: 'quarterly' | 'campaign'; name: string; due: string; s: Standing; canDispatch: boolean; onDispatch(): void; onShow(): void }) {
  const { t } = useTranslation();
  const { s } = props;
  return (
    <li className="schedule" data-testid={`schedule-${props.kind}`} data-dispatched={s.dispatched}>
      <div className="schedule__head">
        <span className="status-chip__dot" style={{ background: TASK_KIND_COLORS[props.kind] }} />
        <strong>{props.name}</strong>
        <small>{t('schedules.dueOn', { date: props.due })}</small>
      </div>
      <p className="schedule__numbers">
        {s.dispatched
          ? t('schedules.progress', { selected: s.selected, stops: s.stops, done: s.done, open: s.open, tasks: s.tasks })
          : t('schedules.notYet', { selected: s.selected })}
        {s.overdueTasks > 0 && <strong className="overdue"> {t('schedules.overdueTasks', { count: s.overdueTasks })}</strong>}
      </p>
      <div className="schedule__actions">
        {s.dispatched && (
          <button type="button" className="button button--quiet" onClick={props.onShow}>
            {t('schedules.showTasks')}
          </button>
        )}
        {/* Houses new to the schedule since it went out are added by dispatching again (idempotent). */}
        {props.canDispatch && (s.selected > s.stops || !s.dispatched) && (
          <button type="button" className="button button--primary" onClick={props.onDispatch} data-testid={`dispatch-${props.kind}`}>
            {s.dispatched ? t('schedules.dispatchRest') : t(`schedules.dispatch.${props.kind}`)}
          </button>
        )}
      </div>
    </li>
  );
}

export function SchedulesPanel({ canDispatch, onShow }: { canDispatch: boolean; onShow(kind: 'quarterly' | 'campaign'): void }) {
  const { t } = useTranslation();
  const schedules = useSchedules();
  const [run, setRun] = useState<ScheduleRun | null>(null);
  if (schedules.isPending) return <p className="dispatch-empty">{t('app.loading')}</p>;
  if (schedules.isError) return <ErrorNote error={schedules.error} />;
  const { quarterly, campaign } = schedules.data;
  const [year, quarter] = quarterly.period.split('Q');
  return (
    <>
      <ul className="schedules">
        <Row
          kind="quarterly"
          name={t('schedules.name.quarterly', { year, quarter })}
          due={quarterly.dueOn}
          s={quarterly}
          canDispatch={canDispatch}
          onDispatch={() => setRun({ kind: 'quarterly', period: quarterly.period })}
          onShow={() => onShow('quarterly')}
        />
        <Row
          kind="campaign"
          name={t('schedules.name.campaign', { year: campaign.year })}
          due={campaign.dueOn}
          s={campaign}
          canDispatch={canDispatch}
          onDispatch={() => setRun({ kind: 'campaign', year: campaign.year })}
          onShow={() => onShow('campaign')}
        />
      </ul>
      {run && <ScheduleDispatchDialog run={run} onClose={() => setRun(null)} />}
    </>
  );
}
