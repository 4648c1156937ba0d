// Patrol tasks (巡查任务): the inspector's own list, one task with its stops, status and reassignment,
// and the coverage of an alert's exposed houses. Field results do not go through here: they are
// queued on the phone first (field/offline-queue.ts) and sent by the sync loop.
import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskStatus } from '../../server/domain/task-states.ts';
import { api, unwrap } from './client.ts';

export const taskKeys = {
  all: ['tasks'] as const,
  list: (q: TaskListQuery) => ['tasks', 'list', q] as const,
  detail: (id: number) => ['tasks', 'detail', id] as const,
  coverage: (alertId: number) => ['tasks', 'coverage', alertId] as const,
  trainings: ['trainings'] as const,
  suspected: (which: 'suspected' | 'moveOut') => ['households', 'patrol', which] as const,
};

export interface TaskListQuery {
  alertId?: number;
  status?: TaskStatus[];
  overdue?: boolean;
}

async function fetchTasks(q: TaskListQuery, signal: AbortSignal) {
  const query: Record<string, string> = {};
  if (q.alertId !== undefined) query.alertId = String(q.alertId);
  if (q.status?.length) query.status = q.status.join(',');
  if (q.overdue !== undefined) query.overdue = String(q.overdue);
  const { tasks } = await unwrap(await api.api.tasks.$get({ query }, { init: { signal } }));
  return tasks;
}

export type PatrolTask = Awaited<ReturnType<typeof fetchTasks>>[number];

/** Tasks in one's jurisdiction; an inspector gets their own (the server decides). */
export function useTasks(q: TaskListQuery = {}, opts: { refetchInterval?: number } = {}) {
  return useQuery({
    queryKey: taskKeys.list(q),
    queryFn: ({ signal }) => fetchTasks(q, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
    // A phone in a valley keeps what it had: the list stays usable offline for the whole shift.
    gcTime: 24 * 3600_000,
    refetchInterval: opts.refetchInterval ?? false,
  });
}

async function fetchTask(id: number, signal: AbortSignal) {
  return unwrap(await api.api.tasks[':id'].$get({ param: { id: String(id) } }, { init: { signal } }));
}

export type TaskDetail = Awaited<ReturnType<typeof fetchTask>>;
export type PatrolStop = TaskDetail['stops'][number];

/** One task with its stops in route order. */
export function useTask(id: number | null) {
  return useQuery({
    queryKey: taskKeys.detail(id ?? 0),
    queryFn: ({ signal }) => fetchTask(id!, signal),
    enabled: id !== null,
    staleTime: 30_000,
    gcTime: 24 * 3600_000,
  });
}

/** Accept / start / complete (the inspector), reassign (township staff): PATCH /api/tasks/:id. */
export function useUpdateTask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { id: number; status?: TaskStatus; assigneeId?: number }) => {
      const json: { status?: TaskStatus; assigneeId?: number } = {};
      if (v.status) json.status = v.status;
      if (v.assigneeId !== undefined) json.assigneeId = v.assigneeId;
      return unwrap(await api.api.tasks[':id'].$patch({ param: { id: String(v.id) }, json }));
    },
    onSuccess: (res, v) => {
      qc.setQueryData<TaskDetail>(taskKeys.detail(v.id), (old) => (old && res.task ? { ...old, task: res.task } : old));
      void qc.invalidateQueries({ queryKey: taskKeys.all });
    },
  });
}

/** The GPX of a task's route, for any GPS app (a plain link: the browser downloads it). */
export const gpxUrl = (id: number): string => api.api.tasks[':id'].gpx.$url({ param: { id: String(id) } }).pathname;

async function fetchCoverage(alertId: number, signal: AbortSignal) {
  return unwrap(await api.api.alerts[':id'].coverage.$get({ param: { id: String(alertId) } }, { init: { signal } }));
}

export type AlertCoverage = Awaited<ReturnType<typeof fetchCoverage>>;

/** Of the houses an alert's rule selects: how many are dispatched, patrolled, pending, by result. */
export function useAlertCoverage(alertId: number | null) {
  return useQuery({
    queryKey: taskKeys.coverage(alertId ?? 0),
    queryFn: ({ signal }) => fetchCoverage(alertId!, signal),
    enabled: alertId !== null,
    staleTime: 30_000,
  });
}

async function fetchTrainings(signal: AbortSignal) {
  return (await unwrap(await api.api.trainings.$get(undefined, { init: { signal } }))).trainings;
}

export type Training = Awaited<ReturnType<typeof fetchTrainings>>[number];

/** The training ledger (培训台账) of one's jurisdiction: who may be sent (seed 001). */
export function useTrainings(enabled = true) {
  return useQuery({ queryKey: taskKeys.trainings, queryFn: ({ signal }) => fetchTrainings(signal), enabled, staleTime: 5 * 60_000 });
}

async function fetchFlagged(which: 'suspected' | 'moveOut', signal: AbortSignal) {
  const query = which === 'suspected' ? { status: 'suspected', limit: '500' } : { moveOut: 'true' as const, limit: '500' };
  return unwrap(await api.api.households.$get({ query }, { init: { signal } }));
}

export type FlaggedHouseholds = Awaited<ReturnType<typeof fetchFlagged>>;

/** 待鉴定 (suspected, awaiting appraisal) or 需立即转移 (people to move out now). */
export function useFlaggedHouseholds(which: 'suspected' | 'moveOut') {
  return useQuery({ queryKey: taskKeys.suspected(which), queryFn: ({ signal }) => fetchFlagged(which, signal), staleTime: 30_000 });
}

export interface ManualDispatchInput {
  householdIds: number[];
  /** Hours from now the patrol is due. */
  dueHours: number;
  /** One per selection: resending it (a double click, a retry after a lost answer) dispatches once. */
  idempotencyKey: string;
}

async function postManualDispatch(v: ManualDispatchInput) {
  return unwrap(await api.api.dispatch.manual.$post({ json: v }));
}

export type ManualDispatchResult = Awaited<ReturnType<typeof postManualDispatch>>;

/**
 * POST /api/dispatch/manual: patrol tasks for a hand-picked set of houses (a lasso on the map), one per
 * village with its trained inspector and a route; idempotent by the key. Task lists are refetched.
 */
export function useManualDispatch() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: postManualDispatch,
    onSuccess: () => void qc.invalidateQueries({ queryKey: taskKeys.all }),
  });
}
