// Filters that can never match a house, and why: the reader sees an empty map and is told it is the
// filters, not the data. Derived from the domain rules (server/domain/housing.ts), never restated.
import { GRADE_KEYS, isKeyHouse, type GradeKey } from '../../../server/domain/housing.ts';
import type { HouseholdFilters } from '../../api/households.ts';

export const EMPTY_REASONS = ['noGrade', 'noStructure', 'keyNotDangerous'] as const;
export type EmptyReason = (typeof EMPTY_REASONS)[number];

/** The grades a key house can have: B, and a repaired C appraised A, B or not again — never C or D. */
export const KEY_HOUSE_GRADES: readonly GradeKey[] = GRADE_KEYS.filter((g) => {
  const grade = g === 'none' ? null : g;
  return isKeyHouse({ grade, repairedC: false }) || isKeyHouse({ grade, repairedC: true });
});

/** Why these filters select nothing whatever the data, or null when some house could match. */
export function emptyReason(f: HouseholdFilters): EmptyReason | null {
  if (f.grades?.length === 0) return 'noGrade';
  if (f.structures?.length === 0) return 'noStructure';
  if (f.keyOnly && f.grades && !f.grades.some((g) => KEY_HOUSE_GRADES.includes(g))) return 'keyNotDangerous';
  return null;
}
