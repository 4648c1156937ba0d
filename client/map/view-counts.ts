import type { HouseholdFeature } from '../api/households.ts';
import { GRADE_KEYS, gradeKey, type GradeKey } from '../../server/domain/housing.ts';
import { LEDGER_STATES, type LedgerState } from '../../server/domain/ledger-states.ts';
import { STRUCTURE_MARKS } from './palette.ts';

/** What the legend counts: the loaded households inside the visible map. */
export interface ViewCounts {
  total: number;
  byGrade: Record<GradeKey, number>;
  fragile: number;
  repairedC: number;
  key: number;
  /** 疑似危房: a field report found a hazard. */
  suspected: number;
  /** By ledger stage (the map coloured by stage). */
  byState: Record<LedgerState, number>;
  /** Works past their deadline (逾期). */
  overdue: number;
  /** People still living in a house they must leave. */
  mustMoveOut: number;
  /** Patrolled in the dashboard's days (points asked for with from/to say `patrolled`). */
  patrolled: number;
}

export const emptyCounts = (): ViewCounts => ({
  total: 0,
  byGrade: Object.fromEntries(GRADE_KEYS.map((g) => [g, 0])) as Record<GradeKey, number>,
  fragile: 0,
  repairedC: 0,
  key: 0,
  suspected: 0,
  byState: Object.fromEntries(LEDGER_STATES.map((s) => [s, 0])) as Record<LedgerState, number>,
  overdue: 0,
  mustMoveOut: 0,
  patrolled: 0,
});

/** The ledger flags of a point (GET /api/households: `overdue`, `mustMoveOut`). */
const flags = (p: object) => p as { overdue?: boolean; mustMoveOut?: boolean; patrolled?: boolean };

/** Counts (not styles) the features within [west, south, east, north]; one pass, no allocation per feature. */
export function countInView(features: readonly HouseholdFeature[], [w, s, e, n]: readonly [number, number, number, number]): ViewCounts {
  const c = emptyCounts();
  for (const f of features) {
    const [lon, lat] = f.geometry.coordinates;
    if (lon < w || lon > e || lat < s || lat > n) continue;
    const p = f.properties;
    c.total++;
    c.byGrade[gradeKey(p.grade)]++;
    if (STRUCTURE_MARKS[p.structure] === 'fragile') c.fragile++;
    if (p.repairedC) c.repairedC++;
    if (p.key) c.key++;
    if (p.status === 'suspected') c.suspected++;
    if (p.status in c.byState) c.byState[p.status as LedgerState]++;
    if (flags(p).overdue) c.overdue++;
    if (flags(p).mustMoveOut) c.mustMoveOut++;
    if (flags(p).patrolled) c.patrolled++;
  }
  return c;
}
