// Inspection schedules (定期排查): the quarterly revisit of fragile key houses (seed 003) and the
// March–April campaign (seed 001). Their dispatch goes through the same idempotent machinery as an
// alert's, so it changes the task lists, the board and the schedules' standing.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import { queries, type ScheduleRun } from './queries.ts';

export type { ScheduleRun } from './queries.ts';

/** The current quarter and campaign: houses they cover, whether dispatched, stops done and open. */
export const useSchedules = () => useQuery(queries.schedules.standing());

export type Schedules = NonNullable<ReturnType<typeof useSchedules>['data']>;

/** What dispatching a schedule would create now (nothing written); null asks nothing. */
export const useSchedulePreview = (run: ScheduleRun | null) => useQuery(queries.schedules.preview(run));

async function postDispatch(run: ScheduleRun) {
  return run.kind === 'quarterly'
    ? unwrap(await api.api.schedules.quarterly.dispatch.$post({ json: { period: run.period } }))
    : unwrap(await api.api.schedules.campaign.dispatch.$post({ json: { year: run.year } }));
}

export type ScheduleDispatchResult = Awaited<ReturnType<typeof postDispatch>>;

export function useDispatchSchedule() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: postDispatch,
    onSuccess: () =>
      Promise.all([queries.tasks.all, queries.dispatch.all, queries.schedules.all].map((queryKey) => qc.invalidateQueries({ queryKey }))),
  });
}
