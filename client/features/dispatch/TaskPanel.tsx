// One task on the dispatch board: its warning and instruction, its stops with their risk and what was
// found, its photos, and reassignment. The server decides who may be sent (trained, of the township:
// seed 001) and lists them with their load; its refusal is shown as it comes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTask, useTaskCandidates, useUpdateTask, type PatrolTask } from '../../api/tasks.ts';
import { GRADE_COLORS, TASK_KIND_COLORS, TASK_STATUS_COLORS } from '../../map/palette.ts';
import { gradeKey } from '../../../server/domain/housing.ts';
import { appLink } from '../../navigation.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Drawer } from '../../ui/Drawer.tsx';
import { outcomeColor, outcomeOf, outcomeText } from '../field/stop-outcome.ts';
import { RiskBadge } from '../field/RiskBadge.tsx';
import { TaskAlert } from '../field/TaskAlert.tsx';
import { taskTitle } from '../field/task-title.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

/**
 * 改派: the server's list of who may take the task (trained, of the township), with each one's open
 * load and whether the task still fits their time before it is due.
 */
function Reassign({ task }: { task: PatrolTask }) {
  const { t } = useTranslation();
  const update = useUpdateTask();
  const candidates = useTaskCandidates(task.id);
  const [userId, setUserId] = useState<number | null>(null);
  const others = (candidates.data?.candidates ?? []).filter((c) => !c.current);
  return (
    <form
      className="reassign"
      onSubmit={(e) => {
        e.preventDefault();
        if (userId !== null) update.mutate({ id: task.id, assigneeId: userId });
      }}
    >
      <label className="field">
        <span>{t('dispatch.reassignTo')}</span>
        <select value={userId ?? ''} onChange={(e) => (update.reset(), setUserId(e.target.value ? Number(e.target.value) : null))}>
          <option value="">{candidates.isPending ? t('app.loading') : others.length ? t('dispatch.pickPerson') : t('dispatch.candidates.none')}</option>
          {others.map((c) => (
            <option key={c.id} value={c.id}>
              {t('dispatch.candidates.option', { name: c.displayName, region: c.ownVillage ? t('dispatch.candidates.own') : c.regionName, stops: c.openStops, minutes: c.loadMinutes })}
              {c.travelMinutes > 0 ? ` · ${t('dispatch.candidates.travel', { minutes: c.travelMinutes })}` : ''}
              {c.fits ? '' : ` — ${t('dispatch.candidates.noTime')}`}
            </option>
          ))}
        </select>
      </label>
      {candidates.isError && <ErrorNote error={candidates.error} />}
      <button type="submit" className="button button--primary" disabled={userId === null || update.isPending}>
        {t('dispatch.reassign')}
      </button>
      {update.isSuccess && <p className="reassign__ok" role="status">{t('dispatch.reassigned', { name: update.data.task?.assignee?.displayName ?? '' })}</p>}
      {update.isError && <ErrorNote error={update.error} context="reassign" />}
    </form>
  );
}

export function TaskPanel({ taskId, canEdit, onClose }: { taskId: number; canEdit: boolean; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const detail = useTask(taskId);
  const update = useUpdateTask();
  const task = detail.data?.task;
  const fmt = (iso: string) => new Date(iso).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return (
    <Drawer
      title={task ? taskTitle(t, task) : t('app.loading')}
      closeLabel={t('drawer.close')}
      onClose={onClose}
      className="task-drawer"
    >
      {detail.isError && <ErrorNote error={detail.error} />}
      {task && detail.data && (
        <>
          <TaskAlert task={task} />
          {!task.assignee && task.unassignedReason && (
            <p className="task-unassigned" role="alert" data-testid="task-unassigned">
              {t(`dispatch.unassignedReason.${task.unassignedReason}`)}
            </p>
          )}
          <div className="drawer__badges">
            <Badge color={TASK_KIND_COLORS[task.kind]} outline>
              {t(`schedules.kind.${task.kind}`)}
            </Badge>
            <Badge color={TASK_STATUS_COLORS[task.status]}>{t(`taskStatus.${task.status}`)}</Badge>
            {task.overdue && <Badge color="#dc2626">{t('dispatch.overdue')}</Badge>}
          </div>
          <dl className="facts">
            <div className="facts__row">
              <dt>{t('dispatch.col.assignee')}</dt>
              <dd data-testid="task-assignee">{task.assignee?.displayName ?? t('dispatch.unassigned')}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('dispatch.col.progress')}</dt>
              <dd>{t('field.task.progress', { done: task.doneCount, total: task.stopCount })}</dd>
            </div>
            <div className="facts__row">
              <dt>{t('dispatch.col.due')}</dt>
              <dd className={task.overdue ? 'overdue' : undefined}>{fmt(task.dueAt)}</dd>
            </div>
            {task.estimatedMinutes !== null && (
              <div className="facts__row">
                <dt>{t('dispatch.estimate')}</dt>
                <dd>{t('dispatch.minutes', { minutes: task.estimatedMinutes })}</dd>
              </div>
            )}
            <div className="facts__row">
              <dt>{t('field.task.lengthLabel')}</dt>
              <dd>{t('field.task.length', { km: (task.routeLengthM / 1000).toFixed(1) })}</dd>
            </div>
          </dl>

          {canEdit && (task.status === 'completed' || ['assigned', 'accepted', 'in_progress'].includes(task.status)) && (
            <section className="drawer__section">
              {['assigned', 'accepted', 'in_progress'].includes(task.status) && <Reassign task={task} />}
              {task.status === 'completed' && (
                <div className="task-actions">
                  <button type="button" className="button button--primary" disabled={update.isPending} onClick={() => update.mutate({ id: task.id, status: 'reviewed' })}>
                    {t('dispatch.review')}
                  </button>
                  <button type="button" className="button" disabled={update.isPending} onClick={() => update.mutate({ id: task.id, status: 'in_progress' })}>
                    {t('dispatch.sendBack')}
                  </button>
                </div>
              )}
            </section>
          )}

          <section className="drawer__section">
            <h3>{t('field.stops')}</h3>
            <ol className="board-stops">
              {detail.data.stops.map((s) => {
                const g = gradeKey(s.grade);
                const outcome = outcomeOf(s);
                return (
                  <li key={s.id} data-result={outcome ?? 'todo'}>
                    <span className="board-stops__seq">{s.seq}</span>
                    <span className="board-stops__who">
                      <a {...appLink(`/?h=${s.householdId}`)}>{s.headName}</a> <small className="mono">{s.householdNo}</small>
                      <small>
                        {t(`structure.${s.structure}`, { defaultValue: s.structure })} ·{' '}
                        <span style={{ color: GRADE_COLORS[g] }}>{t(`gradeShort.${g}`)}</span>
                      </small>
                      <RiskBadge risk={s.risk} band={s.riskBand} />
                      {s.hazards.length > 0 && <small className="board-stops__hazards">{s.hazards.map((h) => t(`hazard.item.${h}`)).join('、')}</small>}
                      {s.notVisited?.note && <small>{s.notVisited.note}</small>}
                      {s.notes && <small>{s.notes}</small>}
                      {s.photos.length > 0 && (
                        <span className="board-stops__photos">
                          {s.photos.map((sha) => (
                            <a key={sha} href={`/api/photos/${sha}`} target="_blank" rel="noreferrer">
                              <img src={`/api/photos/${sha}/thumb`} alt={t('field.stop.photoAlt', { n: 1 })} loading="lazy" />
                            </a>
                          ))}
                        </span>
                      )}
                    </span>
                    <span className="board-stops__result" style={{ color: outcome ? outcomeColor(outcome) : undefined }}>
                      {outcomeText(t, s)}
                    </span>
                  </li>
                );
              })}
            </ol>
          </section>
        </>
      )}
    </Drawer>
  );
}
