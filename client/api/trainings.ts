// The training ledger (培训台账): who may be sent on a patrol (seed 001).
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from './client.ts';
import { queries } from './queries.ts';

/** The ledger of one's jurisdiction. `enabled` false for a screen that does not need it. */
export const useTrainings = (enabled = true) => useQuery({ ...queries.trainings.list(), enabled });

export type Training = NonNullable<ReturnType<typeof useTrainings>['data']>[number];
export type NewTraining = InferRequestType<typeof api.api.trainings.$post>['json'];

/** POST /api/trainings (county roles): record one training; the ledger is read again. */
export function useRecordTraining() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewTraining) => unwrap(await api.api.trainings.$post({ json: body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queries.trainings.all }),
  });
}
