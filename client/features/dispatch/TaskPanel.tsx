// One task on the dispatch board: its stops and what was found, its photos, and reassignment. The
// server decides who may be sent (trained, and responsible for the village: seed 001); its refusal is
// shown as it comes.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useTask, useUpdateTask, type PatrolTask } from '../../api/tasks.ts';
import { useTrainings } from '../../api/trainings.ts';
import { GRADE_COLORS, TASK_STATUS_COLORS } from '../../map/palette.ts';
import { gradeKey } from '../../../server/domain/housing.ts';
import { appLink } from '../../navigation.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Drawer } from '../../ui/Drawer.tsx';
import { outcomeColor, outcomeOf, outcomeText } from '../field/stop-outcome.ts';
import { taskTitle } from '../field/task-title.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

/** Who could be sent: everyone in the training ledger of one's jurisdiction, the task's village first. */
function useCandidates(task: PatrolTask, enabled: boolean) {
  const trainings = useTrainings(enabled);
  const today = new Date().toISOString().slice(0, 10);
  const byUser = new Map<number, { userId: number; username: string; validUntil: string | null }>();
  for (const tr of trainings.data ?? []) {
    const cur = byUser.get(tr.userId);
    // The latest-running training says whether they are trained today.
    if (!cur || (cur.validUntil !== null && (tr.validUntil === null || tr.validUntil > cur.validUntil))) {
      byUser.set(tr.userId, { userId: tr.userId, username: tr.username, validUntil: tr.validUntil });
    }
  }
  const list = [...byUser.values()].map((c) => ({ ...c, lapsed: c.validUntil !== null && c.validUntil < today }));
  const local = (c: { username: string }) => (c.username.includes(task.villageCode) ? 0 : 1);
  list.sort((a, b) => local(a) - local(b) || Number(a.lapsed) - Number(b.lapsed) || a.username.localeCompare(b.username));
  return { list, isPending: trainings.isPending };
}

function Reassign({ task }: { task: PatrolTask }) {
  const { t } = useTranslation();
  const update = useUpdateTask();
  const candidates = useCandidates(task, true);
  const [userId, setUserId] = useState<number | null>(null);
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
          <option value="">{candidates.isPending ? t('app.loading') : t('dispatch.pickPerson')}</option>
          {candidates.list.map((c) => (
            <option key={c.userId} value={c.userId}>
              {c.username}
              {c.lapsed ? ` — ${t('dispatch.trainingLapsed', { date: c.validUntil })}` : ''}
            </option>
          ))}
        </select>
      </label>
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
          <div className="drawer__badges">
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
