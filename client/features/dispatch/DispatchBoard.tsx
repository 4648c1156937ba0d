// The dispatch board (巡查调度, /dispatch) for township and county staff: the patrol tasks on the map
// (village markers coloured by status, red-ringed when overdue) and in a table, who is overdue, each
// alert's coverage, and the houses field reports flagged. A task opens with its stops and route.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { TASK_KINDS, type TaskKind } from '../../../server/domain/task-kinds.ts';
import { TASK_STATUSES, type TaskStatus } from '../../../server/domain/task-states.ts';
import type { Me } from '../../api/auth.ts';
import { useBasemap } from '../../api/basemap.ts';
import { useTask, useTasks, type PatrolTask } from '../../api/tasks.ts';
import { PatrolMap, type PatrolMapTask } from '../../map/PatrolMap.tsx';
import { OVERDUE_COLOR, TASK_KIND_COLORS, TASK_STATUS_COLORS } from '../../map/palette.ts';
import { idParam, navigate, useLocation, withParams } from '../../navigation.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { useAlertLayer } from '../alerts/AlertsFeature.tsx';
import { CapacityNote } from './CapacityNote.tsx';
import { CoveragePanel } from './CoveragePanel.tsx';
import { DisastersPanel } from './DisastersPanel.tsx';
import { SchedulesPanel } from './SchedulesPanel.tsx';
import { FlaggedLists } from './FlaggedLists.tsx';
import { outcomeOf } from '../field/stop-outcome.ts';
import { TaskPanel } from './TaskPanel.tsx';
import { TaskTable } from './TaskTable.tsx';
import './dispatch.css';
import './schedules.css';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { ExportMenu } from '../../ui/ExportMenu.tsx';

const EDITORS = ['county_admin', 'county_staff', 'township_staff'];
const OPEN: TaskStatus[] = ['assigned', 'accepted', 'in_progress'];

type Filter = 'open' | 'overdue' | 'all' | TaskStatus;

/** Which tasks a filter shows: the named groups, else the tasks of that one status. */
const GROUPS: Record<'open' | 'overdue' | 'all', (task: PatrolTask) => boolean> = {
  open: (task) => OPEN.includes(task.status),
  overdue: (task) => task.overdue,
  all: () => true,
};
const shows = (filter: Filter) => (filter in GROUPS ? GROUPS[filter as keyof typeof GROUPS] : (task: PatrolTask) => task.status === filter);

/** The kind filter (?kind=quarterly): one kind, or every kind. */
function parseKind(v: string | null): TaskKind | null {
  return (TASK_KINDS as readonly string[]).includes(v ?? '') ? (v as TaskKind) : null;
}

/** The board's filter as GET /api/exports/tasks.* parameters: the file holds the tasks the table shows. */
function taskExportParams(filter: Filter, kind: TaskKind | null): Record<string, string | null> {
  const status = filter === 'open' ? OPEN.join(',') : filter === 'overdue' || filter === 'all' ? null : filter;
  return { kind, status, overdue: filter === 'overdue' ? 'true' : null };
}

function parseFilter(v: string | null): Filter {
  if (v === 'overdue' || v === 'all') return v;
  return (TASK_STATUSES as readonly string[]).includes(v ?? '') ? (v as TaskStatus) : 'open';
}

export function DispatchBoard({ me, onSignOut }: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t } = useTranslation();
  const loc = useLocation();
  const search = loc.includes('?') ? loc.slice(loc.indexOf('?')) : '';
  const params = new URLSearchParams(search);
  const taskId = idParam(search, 'task');
  const alertId = idParam(search, 'alert');
  const filter = parseFilter(params.get('show'));
  const kind = parseKind(params.get('kind'));
  const set = (p: Record<string, string | number | null>) => navigate(withParams(p), { replace: true });

  const tasks = useTasks({}, { refetchInterval: 30_000 });
  const basemap = useBasemap();
  const selected = useTask(taskId);
  const every = tasks.data ?? [];
  // The kind filter narrows everything below it: counts, chips, table and map.
  const all = useMemo(() => (kind ? every.filter((x) => x.kind === kind) : every), [every, kind]);
  const kindCounts = useMemo(() => {
    const c = Object.fromEntries(TASK_KINDS.map((k) => [k, 0])) as Record<TaskKind, number>;
    for (const task of every) c[task.kind]++;
    return c;
  }, [every]);

  const counts = useMemo(() => {
    const c = Object.fromEntries(TASK_STATUSES.map((s) => [s, 0])) as Record<TaskStatus, number>;
    for (const task of all) c[task.status]++;
    return c;
  }, [all]);
  const overdue = all.filter((x) => x.overdue);
  const shown = all
    .filter(shows(filter))
    .sort((a, b) => Number(b.overdue) - Number(a.overdue) || a.dueAt.localeCompare(b.dueAt) || a.id - b.id);
  const alertIds = [...new Set(every.map((x) => x.alertId).filter((x): x is number => x !== null))].sort((a, b) => b - a);
  // The warning whose coverage the board shows (CoveragePanel picks the same): its zone drawn stronger.
  const coverageAlert = alertId !== null && alertIds.includes(alertId) ? alertId : (alertIds[0] ?? null);
  const alertLayer = useAlertLayer(coverageAlert);

  const markers = useMemo<PatrolMapTask[]>(
    () => shown.map((x) => ({ id: x.id, start: x.start, status: x.status, overdue: x.overdue, label: `${x.villageName} ${x.doneCount}/${x.stopCount}` })),
    [shown],
  );
  const route = useMemo(() => {
    if (!selected.data) return null;
    return {
      start: selected.data.task.start,
      stops: selected.data.stops.map((s) => ({ id: s.id, seq: s.seq, lon: s.lon, lat: s.lat, grade: s.grade, state: outcomeOf(s) ? ('done' as const) : ('todo' as const), result: outcomeOf(s) })),
    };
  }, [selected.data]);

  const chip = (f: Filter, label: string, n: number, color?: string) => (
    <button key={f} type="button" className="status-chip" aria-pressed={filter === f} onClick={() => set({ show: f === 'open' ? null : f })}>
      {color && <span className="status-chip__dot" style={{ background: color }} />}
      {label} <strong>{n}</strong>
    </button>
  );

  return (
    <div className="app dispatch" data-drawer={taskId ? 'open' : 'closed'}>
      <AppHeader me={me} screen="dispatch" onSignOut={onSignOut} />
      <main className="dispatch__body">
        <div className="dispatch__map">
          <PatrolMap
            basemap={basemap.data}
            route={route}
            tasks={markers}
            selectedStopId={null}
            position={null}
            labels={{ committee: t('field.committee') }}
            alerts={alertLayer}
            fitKey={taskId ? `task:${taskId}` : `tasks:${filter}:${kind}:${markers.length > 0}`}
            ariaLabel={t('dispatch.mapLabel')}
            onSelectTask={(id) => set({ task: id })}
            onSelectStop={() => {}}
          />
          <div className="dispatch__legend" aria-label={t('legend.title')}>
            {OPEN.concat(['completed', 'reviewed']).map((s) => (
              <span key={s}>
                <span className="status-chip__dot" style={{ background: TASK_STATUS_COLORS[s] }} />
                {t(`taskStatus.${s}`)}
              </span>
            ))}
            <span>
              <span className="status-chip__dot status-chip__dot--overdue" style={{ borderColor: OVERDUE_COLOR }} />
              {t('dispatch.overdue')}
            </span>
          </div>
          {(tasks.isPending || basemap.isPending) && (
            <div className="map-status" role="status">
              {t('app.loading')}
            </div>
          )}
        </div>

        <aside className="dispatch__side" aria-label={t('dispatch.title')}>
          <section className="dispatch__section">
            <h2>{t('dispatch.title')}</h2>
            {overdue.length > 0 && (
              <p className="overdue-banner" role="alert" data-testid="overdue-banner">
                {t('dispatch.overdueSummary', { count: overdue.length, names: [...new Set(overdue.map((x) => x.assignee?.displayName ?? t('dispatch.unassigned')))].join('、') })}
              </p>
            )}
            <CapacityNote tasks={all} />
            <div className="status-chips" role="group" aria-label={t('schedules.kindFilter')} data-testid="kind-filter">
              <button type="button" className="status-chip" aria-pressed={kind === null} onClick={() => set({ kind: null })}>
                {t('schedules.kind.all')} <strong>{every.length}</strong>
              </button>
              {TASK_KINDS.map((k) => (
                <button key={k} type="button" className="status-chip" aria-pressed={kind === k} onClick={() => set({ kind: k })}>
                  <span className="status-chip__dot" style={{ background: TASK_KIND_COLORS[k] }} />
                  {t(`schedules.kind.${k}`)} <strong>{kindCounts[k]}</strong>
                </button>
              ))}
            </div>
            <div className="status-chips" role="group" aria-label={t('dispatch.filter')}>
              {chip('open', t('dispatch.show.open'), OPEN.reduce((n, s) => n + counts[s], 0))}
              {chip('overdue', t('dispatch.overdue'), overdue.length, OVERDUE_COLOR)}
              {(['assigned', 'accepted', 'in_progress', 'completed', 'reviewed'] as const).map((s) => chip(s, t(`taskStatus.${s}`), counts[s], TASK_STATUS_COLORS[s]))}
              {chip('all', t('dispatch.show.all'), all.length)}
              <ExportMenu list="tasks" params={taskExportParams(filter, kind)} />
            </div>
            {tasks.isError && <ErrorNote error={tasks.error} />}
            {/* The table scrolls by itself, so coverage and the flagged houses stay on the first screen. */}
            <div className="task-table-scroll">
              <TaskTable tasks={shown} selectedId={taskId} onSelect={(id) => set({ task: id })} />
            </div>
          </section>

          <section className="dispatch__section" aria-labelledby="schedules-title">
            <h2 id="schedules-title">{t('schedules.title.section')}</h2>
            <SchedulesPanel canDispatch={EDITORS.includes(me.user.role)} onShow={(k) => set({ kind: k, show: 'all' })} />
          </section>

          <section className="dispatch__section" aria-labelledby="disasters-title">
            <h2 id="disasters-title">{t('disasters.title')}</h2>
            <DisastersPanel canCreate={EDITORS.includes(me.user.role)} />
          </section>

          <section className="dispatch__section">
            <h2>{t('dispatch.coverage.title')}</h2>
            <CoveragePanel alertIds={alertIds} selected={alertId} onSelect={(id) => set({ alert: id })} />
          </section>

          <section className="dispatch__section">
            <FlaggedLists />
          </section>
        </aside>

        {taskId !== null && <TaskPanel taskId={taskId} canEdit={EDITORS.includes(me.user.role)} onClose={() => set({ task: null })} />}
      </main>
    </div>
  );
}
