// Dispatching patrols (派发巡查): for an alert by its dispatch rule, or for a lasso selection; and the
// coverage of an alert's selected houses. Every dispatch changes the task lists and the coverage.
import { useMutation, useQuery, useQueryClient, type QueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';
import { queries } from './queries.ts';

const afterDispatch = (qc: QueryClient) =>
  Promise.all([qc.invalidateQueries({ queryKey: queries.tasks.all }), qc.invalidateQueries({ queryKey: queries.dispatch.all })]);

/** Of the houses an alert's rule selects: how many are dispatched, patrolled, pending, by result. */
export const useAlertCoverage = (alertId: number | null) => useQuery(queries.dispatch.coverage(alertId));

export type AlertCoverage = NonNullable<ReturnType<typeof useAlertCoverage>['data']>;

/** What dispatching the alert would create: houses per village and grade, tasks, who goes, what nobody can take. */
export const useDispatchPreview = (alertId: number | null) => useQuery(queries.dispatch.preview(alertId));

export type DispatchPreview = NonNullable<ReturnType<typeof useDispatchPreview>['data']>;

/** POST /api/alerts/:id/dispatch: patrol tasks for the houses the rule selects (idempotent). */
export function useDispatchAlert() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => unwrap(await api.api.alerts[':id'].dispatch.$post({ param: { id: String(id) } })),
    onSuccess: () => afterDispatch(qc),
  });
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
  return useMutation({ mutationFn: postManualDispatch, onSuccess: () => afterDispatch(qc) });
}
