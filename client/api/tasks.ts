// Patrol tasks (巡查任务): the inspector's own list, one task with its stops, status and reassignment.
// Field results do not go through here: they are queued on the phone first (field/offline-queue.ts)
// and sent by the sync loop.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { TaskKind } from '../../server/domain/task-kinds.ts';
import type { TaskStatus } from '../../server/domain/task-states.ts';
import { api, unwrap } from './client.ts';
import { queries } from './queries.ts';

export interface TaskListQuery {
  alertId?: number;
  kind?: TaskKind[];
  status?: TaskStatus[];
  overdue?: boolean;
}

/** Tasks in one's jurisdiction; an inspector gets their own (the server decides). */
export const useTasks = (q: TaskListQuery = {}, opts: { refetchInterval?: number } = {}) =>
  useQuery({ ...queries.tasks.list(q), refetchInterval: opts.refetchInterval ?? false });

export type PatrolTask = NonNullable<ReturnType<typeof useTasks>['data']>[number];

/** One task with its stops in route order. */
export const useTask = (id: number | null) => useQuery(queries.tasks.detail(id));

export type TaskDetail = NonNullable<ReturnType<typeof useTask>['data']>;
export type PatrolStop = TaskDetail['stops'][number];

/** Who may take a task instead (editors), own village first, then who has time. */
export const useTaskCandidates = (id: number | null) => useQuery(queries.tasks.candidates(id));

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
      qc.setQueryData(queries.tasks.detail(v.id).queryKey, (old) => (old && res.task ? { ...old, task: res.task } : old));
      void qc.invalidateQueries({ queryKey: queries.tasks.all });
      void qc.invalidateQueries({ queryKey: queries.dispatch.all });
    },
  });
}

/** The GPX of a task's route, for any GPS app (a plain link: the browser downloads it). */
export const gpxUrl = (id: number): string => api.api.tasks[':id'].gpx.$url({ param: { id: String(id) } }).pathname;
