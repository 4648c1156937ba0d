// The training ledger (培训台账): who may be sent on a patrol (seed 001).
import { useQuery } from '@tanstack/react-query';
import { queries } from './queries.ts';

/** The ledger of one's jurisdiction. `enabled` false for a screen that does not need it. */
export const useTrainings = (enabled = true) => useQuery({ ...queries.trainings.list(), enabled });

export type Training = NonNullable<ReturnType<typeof useTrainings>['data']>[number];
