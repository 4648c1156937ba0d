// The inspector's screen (/field), phone first: their tasks, then one task's route and stops. Results
// go to the phone's outbox and are sent when there is signal; the header counts what is unsent.
import { useSyncExternalStore } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/auth.ts';
import { useBasemap } from '../../api/basemap.ts';
import { useTasks, type PatrolTask } from '../../api/tasks.ts';
import { TASK_STATUS_COLORS } from '../../map/palette.ts';
import { idParam, navScreens, navigate, useLocation, withParams } from '../../navigation.ts';
import { Badge } from '../../ui/Badge.tsx';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { ViewSwitch } from '../../ui/ViewSwitch.tsx';
import { taskTitle } from './task-title.ts';
import { unsentOf, useKeepSyncing, useOutbox } from './outbox.ts';
import { RejectedResults, TaskView } from './TaskView.tsx';
import { usePosition } from './use-position.ts';
import './field.css';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

/** navigator.onLine, kept current by the online/offline events. */
function useOnline(): boolean {
  return useSyncExternalStore(
    (onChange) => {
      window.addEventListener('online', onChange);
      window.addEventListener('offline', onChange);
      return () => {
        window.removeEventListener('online', onChange);
        window.removeEventListener('offline', onChange);
      };
    },
    () => navigator.onLine,
  );
}

const OPEN: PatrolTask['status'][] = ['assigned', 'accepted', 'in_progress'];

function TaskCard({ task, unsent }: { task: PatrolTask; unsent: number }) {
  const { t, i18n } = useTranslation();
  const due = new Date(task.dueAt).toLocaleString(i18n.language, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit' });
  return (
    <li>
      <button type="button" className={`task-card${task.overdue ? ' task-card--overdue' : ''}`} onClick={() => navigate(withParams({ task: task.id, stop: null }))}>
        <span className="task-card__head">
          <strong>{taskTitle(t, task)}</strong>
          <Badge color={TASK_STATUS_COLORS[task.status]}>{t(`taskStatus.${task.status}`)}</Badge>
        </span>
        <span className="task-card__meta">
          <span>{t('field.task.progress', { done: task.doneCount, total: task.stopCount })}</span>
          <span className={task.overdue ? 'overdue' : undefined}>{task.overdue ? t('dispatch.overdueAt', { due }) : t('dispatch.dueAt', { due })}</span>
          {unsent > 0 && <span className="task-card__unsent">{t('field.unsent', { count: unsent })}</span>}
        </span>
      </button>
    </li>
  );
}

export function FieldScreen({ me, onSignOut }: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t } = useTranslation();
  const loc = useLocation();
  const search = loc.includes('?') ? loc.slice(loc.indexOf('?')) : '';
  const taskId = idParam(search, 'task');
  const stopId = idParam(search, 'stop');
  const username = me.user.username;
  useKeepSyncing(username);
  const outbox = useOutbox();
  const { pending, rejected } = unsentOf(outbox, username);
  const tasks = useTasks({}, { refetchInterval: 60_000 });
  const basemap = useBasemap();
  const position = usePosition();
  const online = useOnline();

  const open = (tasks.data ?? []).filter((x) => OPEN.includes(x.status));
  const closed = (tasks.data ?? []).filter((x) => !OPEN.includes(x.status));
  const unsentOfTask = (id: number) => pending.filter((e) => e.taskId === id).length;

  return (
    <div className="field-screen" data-view={taskId ? 'task' : 'list'}>
      <header className="field-bar">
        {taskId ? (
          <button type="button" className="icon-button field-bar__back" onClick={() => navigate(withParams({ task: null, stop: null }))} aria-label={t('field.back')} title={t('field.back')}>
            ‹
          </button>
        ) : (
          <span className="brand__mark" aria-hidden="true">
            安
          </span>
        )}
        <h1 className="field-bar__title">{t('field.title')}</h1>
        <span
          className={`unsent${pending.length > 0 ? ' unsent--waiting' : ''}`}
          data-testid="unsent"
          data-count={pending.length}
          role="status"
          aria-live="polite"
          title={outbox.lastError ?? undefined}
        >
          {pending.length > 0 ? t('field.unsent', { count: pending.length }) : t('field.allSent')}
          {outbox.syncing && pending.length > 0 && online && <span className="unsent__spin" aria-hidden="true" />}
        </span>
        {!online && <span className="offline-chip">{t('field.offline')}</span>}
        <LanguageSwitch />
        <button type="button" className="button button--quiet field-bar__out" onClick={onSignOut}>
          {t('session.signOut')}
        </button>
      </header>
      {!taskId && (
        <div className="field-views">
          {/* The field bar has no name to click: one's account (API tokens) is among the views. */}
          <ViewSwitch current="field" screens={[...navScreens(me.user.role), 'account']} />
        </div>
      )}
      {outbox.needsSignIn && (
        <p className="field-note field-note--warn" role="alert">
          {t('field.signInToSend')}
        </p>
      )}
      <RejectedResults rejected={rejected} />

      {taskId ? (
        <TaskView
          taskId={taskId}
          stopId={stopId}
          username={username}
          basemap={basemap.data}
          queued={pending}
          position={position}
          onSelectStop={(id) => navigate(withParams({ stop: id }), { replace: true })}
        />
      ) : (
        <main className="field-list">
          <h2>{t('field.myTasks', { name: me.user.displayName })}</h2>
          {tasks.isPending && <p className="field-empty">{t('app.loading')}</p>}
          {tasks.isError && online && <ErrorNote error={tasks.error} />}
          {/* offline and never saved on this phone: say so, not "Failed to fetch" */}
          {tasks.isError && !online && (
            <p className="field-empty" role="alert">
              {t('field.offlineNoTasks')}
            </p>
          )}
          {tasks.data && open.length === 0 && <p className="field-empty">{t('field.noTasks')}</p>}
          <ul className="task-cards">
            {open.map((task) => (
              <TaskCard key={task.id} task={task} unsent={unsentOfTask(task.id)} />
            ))}
          </ul>
          {closed.length > 0 && (
            <details className="field-closed">
              <summary>{t('field.closedTasks', { count: closed.length })}</summary>
              <ul className="task-cards">
                {closed.map((task) => (
                  <TaskCard key={task.id} task={task} unsent={unsentOfTask(task.id)} />
                ))}
              </ul>
            </details>
          )}
        </main>
      )}
    </div>
  );
}
