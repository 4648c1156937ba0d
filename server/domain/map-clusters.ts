// What a cluster of houses on the map counts, whoever groups them: MapLibre's GeoJSON clusters on a
// small region (client/map/layers/households.ts CLUSTER_PROPERTIES) and the server's aggregate
// features in household vector tiles (server/tiles/). Both carry these property names, so one set of
// style expressions colours a cluster by its worst grade or most pressing ledger stage and labels its
// count, dangerous houses and overdue works.
import type { GradeKey } from './housing.ts';
import type { LedgerState } from './ledger-states.ts';

/**
 * Ledger stages as a cluster counts them, most pressing first: a cluster in "by stage" mode takes the
 * colour of the first group it holds any house of.
 */
export const CLUSTER_STAGE_GROUPS = [
  { key: 'sSuspected', states: ['suspected'] },
  { key: 'sWorks', states: ['listed', 'planned', 'under_works'] },
  { key: 'sAwaiting', states: ['completed', 'accepted'] },
  { key: 'sEmpty', states: ['guaranteed', 'idle', 'sealed', 'demolished'] },
  { key: 'sEnded', states: ['closed_out', 'closed'] },
] as const satisfies readonly { key: string; states: readonly LedgerState[] }[];
export type ClusterStageKey = (typeof CLUSTER_STAGE_GROUPS)[number]['key'];

/** The per-grade count's property: gA … gD, and gNone for never appraised. */
export const GRADE_COUNT_KEYS = { A: 'gA', B: 'gB', C: 'gC', D: 'gD', none: 'gNone' } as const satisfies Record<GradeKey, string>;

/**
 * A cluster's most pressing stage group as one number (`stage`): 5 for sSuspected down to 1 for
 * sEnded, 0 when every house is plain monitoring. One sum-free property for the "by stage" ring:
 * MapLibre's GeoJSON clusters keep it with a max, where five counts would cost five expressions per
 * house and per merge in its worker.
 */
export const stageRank = (key: ClusterStageKey): number => CLUSTER_STAGE_GROUPS.length - CLUSTER_STAGE_GROUPS.findIndex((g) => g.key === key);
