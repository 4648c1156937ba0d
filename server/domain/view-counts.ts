// What the map's legend counts "in view" (在视野内): the houses of a box under the map's filters, by
// grade, by ledger stage and by the marks the map draws. The server counts them with one aggregate
// query (server/db/view-counts.ts) or from its grid of cells (server/tiles/cells.ts); the client,
// for a small region drawn from GeoJSON, counts its own features into the same shape.
//
// A tally is the same numbers in a fixed slot layout of an Int32Array, so a grid of tens of
// thousands of cells is a few flat arrays rather than as many objects (STYLE.md: typed arrays on hot paths).
import { FRAGILE_STRUCTURES, GRADE_KEYS, type GradeKey, type Grade, type Structure } from './housing.ts';
import { LEDGER_STATES, type LedgerState } from './ledger-states.ts';

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
  /** Patrolled in the dashboard's days (only counted when they are given). */
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

export const isFragile = (s: Structure | string): boolean => (FRAGILE_STRUCTURES as readonly string[]).includes(s);

// ---- tallies ----

/** Slot of each number in a tally. */
export const SLOT = {
  total: 0,
  A: 1,
  B: 2,
  C: 3,
  D: 4,
  none: 5,
  fragile: 6,
  repairedC: 7,
  key: 8,
  overdue: 9,
  mustMoveOut: 10,
  patrolled: 11,
} as const;
const STATE_SLOT0 = 12;
export const stateSlot = (s: LedgerState): number => STATE_SLOT0 + LEDGER_STATES.indexOf(s);
/** Numbers per tally. */
export const TALLY_SIZE = STATE_SLOT0 + LEDGER_STATES.length;

/**
 * One row of a grouped count: houses of one grade, ledger state and fragility, with how many of
 * them carry each mark. Both the in-view query and the grid's cells group by these.
 */
export interface TallyRow {
  grade: Grade | null;
  status: string;
  fragile: number;
  n: number;
  key: number;
  repaired: number;
  overdue: number;
  moveOut: number;
  patrolled: number;
}

/** Adds a grouped row into the tally at `at` (slot 0 of one tally in `t`). */
export function addRow(t: Int32Array, at: number, r: TallyRow): void {
  t[at + SLOT.total]! += r.n;
  t[at + SLOT[r.grade ?? 'none']]! += r.n;
  if (r.fragile) t[at + SLOT.fragile]! += r.n;
  t[at + SLOT.repairedC]! += r.repaired;
  t[at + SLOT.key]! += r.key;
  t[at + SLOT.overdue]! += r.overdue;
  t[at + SLOT.mustMoveOut]! += r.moveOut;
  t[at + SLOT.patrolled]! += r.patrolled;
  const state = LEDGER_STATES.indexOf(r.status as LedgerState);
  if (state >= 0) t[at + STATE_SLOT0 + state]! += r.n;
}

/** Adds the tally at `from` in `src` into the tally at `at` in `t`. */
export function addTally(t: Int32Array, at: number, src: Int32Array, from: number): void {
  for (let i = 0; i < TALLY_SIZE; i++) t[at + i]! += src[from + i]!;
}

export function toViewCounts(t: Int32Array, at = 0): ViewCounts {
  const byState = Object.fromEntries(LEDGER_STATES.map((s, i) => [s, t[at + STATE_SLOT0 + i]!])) as Record<LedgerState, number>;
  return {
    total: t[at + SLOT.total]!,
    byGrade: Object.fromEntries(GRADE_KEYS.map((g) => [g, t[at + SLOT[g]]!])) as Record<GradeKey, number>,
    fragile: t[at + SLOT.fragile]!,
    repairedC: t[at + SLOT.repairedC]!,
    key: t[at + SLOT.key]!,
    suspected: byState.suspected,
    byState,
    overdue: t[at + SLOT.overdue]!,
    mustMoveOut: t[at + SLOT.mustMoveOut]!,
    patrolled: t[at + SLOT.patrolled]!,
  };
}
