import type { HouseholdFeature } from '../api/households.ts';
import { gradeKey } from '../../server/domain/housing.ts';
import type { LedgerState } from '../../server/domain/ledger-states.ts';
import { emptyCounts, type ViewCounts } from '../../server/domain/view-counts.ts';
import { STRUCTURE_MARKS } from './palette.ts';

/** What the legend counts in view; the server counts the same shape (GET /api/households/counts) when the map draws from tiles. */
export { emptyCounts, type ViewCounts } from '../../server/domain/view-counts.ts';

/** Counts (not styles) the loaded features (a region drawn from GeoJSON) within [west, south, east, north]; one pass, no allocation per feature. */
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
    // The map's answer leaves out the commonest state (view=map).
    const status = p.status ?? 'monitoring';
    if (status === 'suspected') c.suspected++;
    if (status in c.byState) c.byState[status as LedgerState]++;
    if (p.overdue) c.overdue++;
    if (p.mustMoveOut) c.mustMoveOut++;
    if (p.patrolled) c.patrolled++;
  }
  return c;
}
