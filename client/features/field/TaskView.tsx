// One patrol task on the phone: the route on the map (committee → numbered stops → committee), the
// stops as a list, the task's status buttons, the printed sheet and the GPX; a tapped stop opens the
// result sheet.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { BasemapData } from '../../api/basemap.ts';
import { gpxUrl, useTask, useUpdateTask, type PatrolStop, type PatrolTask } from '../../api/tasks.ts';
import type { QueuedResult } from '../../field/offline-queue.ts';
import { PatrolMap, type PatrolMapStop, type StopState } from '../../map/PatrolMap.tsx';
import { GRADE_COLORS, TASK_STATUS_COLORS, UNSENT_COLOR } from '../../map/palette.ts';
import { gradeKey } from '../../../server/domain/housing.ts';
import { Badge } from '../../ui/Badge.tsx';
import type { TaskStatus } from '../../../server/domain/task-states.ts';
import { fieldOutbox } from './outbox.ts';
import { RouteSheet } from './RouteSheet.tsx';
import { StopSheet } from './StopSheet.tsx';
import { outcomeColor, outcomeMark, outcomeOf, outcomeText } from './stop-outcome.ts';
import { RiskBadge } from './RiskBadge.tsx';
import { TaskAlert } from './TaskAlert.tsx';
import { taskTitle } from './task-title.ts';
import type { Fix, PositionStatus } from './use-position.ts';
import { formatDistance, metresBetween } from './way-to-stop.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

/** What the inspector may do next with a task (task-states.ts; reviewing is the township's). */
const NEXT_STEPS: Partial<Record<TaskStatus, TaskStatus[]>> = {
  assigned: ['accepted', 'in_progress'],
  accepted: ['in_progress'],
  in_progress: ['completed'],
};

export interface TaskViewProps {
  taskId: number;
  stopId: number | null;
  username: string;
  basemap: BasemapData | undefined;
  /** This user's results still on the phone (oldest first). */
  queued: readonly QueuedResult[];
  position: { status: PositionStatus; fix: Fix | null; current(): Fix | null };
  onSelectStop(id: number | null): void;
}

export function stopStateOf(stop: PatrolStop, queued: ReadonlyMap<number, QueuedResult>): StopState {
  if (queued.has(stop.id)) return 'unsent';
  // A result or a reason for not visiting: either accounts for the stop.
  return outcomeOf(stop) ? 'done' : 'todo';
}

function TaskActions({ task, todo, unsent }: { task: PatrolTask; todo: number; unsent: number }) {
  const { t } = useTranslation();
  const update = useUpdateTask();
  const steps = NEXT_STEPS[task.status] ?? [];
  const error = update.error;
  return (
    <div className="task-actions">
      {steps.map((to) => {
        const blocked = to === 'completed' && (todo > 0 || unsent > 0);
        return (
          <button
            key={to}
            type="button"
            className={`button${to === steps[steps.length - 1] ? ' button--primary' : ''}`}
            disabled={update.isPending || blocked}
            title={blocked ? t(todo > 0 ? 'field.task.completeBlockedTodo' : 'field.task.completeBlockedUnsent') : undefined}
            onClick={() => update.mutate({ id: task.id, status: to })}
          >
            {t(`field.task.to.${to}`)}
          </button>
        );
      })}
      <button type="button" className="button" onClick={() => window.print()}>
        {t('field.task.print')}
      </button>
      <a className="button" href={gpxUrl(task.id)} download={`patrol-${task.id}.gpx`}>
        {t('field.task.gpx')}
      </a>
      {error && <ErrorNote error={error}>{!navigator.onLine && <span>{t('field.offlineAction')}</span>}</ErrorNote>}
    </div>
  );
}

export function TaskView({ taskId, stopId, username, basemap, queued, position, onSelectStop }: TaskViewProps) {
  const { t, i18n } = useTranslation();
  const detail = useTask(taskId);
  const queuedByStop = useMemo(() => {
    const m = new Map<number, QueuedResult>();
    for (const e of queued) if (e.taskId === taskId && !e.rejected) m.set(e.stopId, e); // newest wins
    return m;
  }, [queued, taskId]);

  const stops = detail.data?.stops;
  const route = useMemo(() => {
    if (!detail.data) return null;
    const mapStops: PatrolMapStop[] = detail.data.stops.map((s) => ({
      id: s.id,
      seq: s.seq,
      lon: s.lon,
      lat: s.lat,
      grade: s.grade,
      state: stopStateOf(s, queuedByStop),
      result: outcomeOf(queuedByStop.get(s.id)?.report ?? s),
    }));
    return { start: detail.data.task.start, stops: mapStops };
  }, [detail.data, queuedByStop]);

  if (detail.isPending) return <p className="field-empty">{t('field.loadingTask')}</p>;
  if (detail.isError && !navigator.onLine)
    return (
      <p className="field-empty" role="alert">
        {t('field.offlineNoTask')}
      </p>
    );
  if (detail.isError) return <ErrorNote error={detail.error} />;
  if (!detail.data || !stops) return null;

  const { task } = detail.data;
  const todo = stops.filter((s) => stopStateOf(s, queuedByStop) === 'todo').length;
  const done = stops.length - todo;
  const selected = stops.find((s) => s.id === stopId) ?? null;
  const due = new Date(task.dueAt).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  // Where the inspector stands now (a fix under two minutes old), for each stop's distance.
  const here = position.current();

  const nextTodo = (after: number, recorded: number) =>
    [...stops.filter((s) => s.seq > after), ...stops.filter((s) => s.seq <= after)].find(
      (s) => s.id !== recorded && stopStateOf(s, queuedByStop) === 'todo',
    ) ?? null;

  return (
    <div className="field-task" data-task-id={task.id}>
      <div className="field-task__map">
        <PatrolMap
          basemap={basemap}
          route={route}
          tasks={null}
          selectedStopId={selected?.id ?? null}
          position={position.fix}
          labels={{ committee: t('field.committee') }}
          fitKey={`task:${task.id}`}
          padding={{ top: 36, bottom: 28, left: 28, right: 28 }}
          ariaLabel={t('field.mapLabel', { village: task.villageName })}
          onSelectStop={(id) => onSelectStop(id)}
        />
        <p className={`gps-chip gps-chip--${position.status}`} role="status">
          {position.fix
            ? t('field.gps.fix', { accuracy: position.fix.accuracyM === null ? '?' : Math.round(position.fix.accuracyM) })
            : t(`field.gps.${position.status}`)}
        </p>
      </div>

      <div className="field-task__panel">
        {selected ? (
          <StopSheet
            task={task}
            stop={selected}
            queued={queuedByStop.get(selected.id) ?? null}
            username={username}
            position={position}
            onClose={() => onSelectStop(null)}
            onRecorded={(id) => onSelectStop(nextTodo(selected.seq, id)?.id ?? null)}
          />
        ) : (
          <>
            <header className="task-head">
              <div>
                <h2>{taskTitle(t, task)}</h2>
                <p className={task.overdue ? 'task-head__due task-head__due--overdue' : 'task-head__due'}>
                  {task.overdue ? t('dispatch.overdueAt', { due }) : t('dispatch.dueAt', { due })}
                  {' · '}
                  {t('field.task.length', { km: (task.routeLengthM / 1000).toFixed(1) })}
                </p>
              </div>
              <Badge color={TASK_STATUS_COLORS[task.status]}>{t(`taskStatus.${task.status}`)}</Badge>
            </header>
            <TaskAlert task={task} />
            <div className="progress" aria-label={t('field.task.progress', { done, total: stops.length })}>
              <div className="progress__bar">
                <span className="progress__done" style={{ width: `${(100 * done) / Math.max(1, stops.length)}%` }} />
              </div>
              <span data-testid="task-progress">{t('field.task.progress', { done, total: stops.length })}</span>
            </div>
            <TaskActions task={task} todo={todo} unsent={queuedByStop.size} />
            <ol className="stop-list" aria-label={t('field.stops')}>
              {stops.map((s) => {
                const state = stopStateOf(s, queuedByStop);
                const recorded = queuedByStop.get(s.id)?.report ?? s;
                const outcome = outcomeOf(recorded);
                const g = gradeKey(s.grade);
                return (
                  <li key={s.id} data-state={state}>
                    <button type="button" className="stop-list__item" onClick={() => onSelectStop(s.id)} aria-label={t('field.stop.open', { seq: s.seq, no: s.householdNo })}>
                      <span className={`stop-list__seq stop-list__seq--${state}`} style={{ borderColor: state === 'todo' ? GRADE_COLORS[g] : undefined }}>
                        {s.seq}
                      </span>
                      <span className="stop-list__who">
                        <strong>{s.headName}</strong>
                        <small className="mono">{s.householdNo}</small>
                      </span>
                      <span className="stop-list__what">
                        <RiskBadge risk={s.risk} band={s.riskBand} /> {t(`structure.${s.structure}`, { defaultValue: s.structure })} · {t(`gradeShort.${g}`)}
                        {here && ` · ${formatDistance(t, metresBetween(here, s))}`}
                      </span>
                      <span
                        className="stop-list__state"
                        style={{ color: state === 'unsent' ? UNSENT_COLOR : outcome ? outcomeColor(outcome) : undefined }}
                      >
                        {state === 'todo' || !outcome ? t('field.state.todo') : `${outcomeMark(outcome)} ${outcomeText(t, recorded)}`}
                        {state === 'unsent' && <small>{t('field.state.unsent')}</small>}
                      </span>
                    </button>
                  </li>
                );
              })}
            </ol>
          </>
        )}
      </div>
      <RouteSheet task={task} stops={stops} />
    </div>
  );
}

/** Results the server refused for good: shown until the inspector has read them. */
export function RejectedResults({ rejected }: { rejected: readonly QueuedResult[] }) {
  const { t } = useTranslation();
  if (rejected.length === 0) return null;
  return (
    <div className="rejected" role="alert">
      <strong>{t('field.rejected.title', { count: rejected.length })}</strong>
      <ul>
        {rejected.map((e) => (
          <li key={e.key}>
            {t('field.rejected.item', { task: e.taskId, result: outcomeText(t, e.report), message: e.rejected?.message ?? '' })}
            <button type="button" className="button button--quiet" onClick={() => void fieldOutbox().discard(e.key)}>
              {t('field.rejected.dismiss')}
            </button>
          </li>
        ))}
      </ul>
    </div>
  );
}
