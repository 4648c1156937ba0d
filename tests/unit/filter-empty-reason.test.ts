import { describe, expect, it } from 'vitest';
import { KEY_HOUSE_GRADES, emptyReason } from '../../client/features/households/empty-reason.ts';
import type { HouseholdFilters } from '../../client/api/households.ts';

const ALL: HouseholdFilters = { grades: null, structures: null, keyOnly: false, repairedCOnly: false, region: null };

describe('filters that can never match say why', () => {
  it('knows a key house is B, or a repaired C not graded C or D again (seeds 000/001)', () => {
    expect([...KEY_HOUSE_GRADES].sort()).toEqual(['A', 'B', 'none']);
  });

  it('says key houses are never C or D when only C and D are ticked with key houses only', () => {
    expect(emptyReason({ ...ALL, keyOnly: true, grades: ['C', 'D'] })).toBe('keyNotDangerous');
    expect(emptyReason({ ...ALL, keyOnly: true, grades: ['D'] })).toBe('keyNotDangerous');
  });

  it('lets key houses with a B, an A or no grade through', () => {
    expect(emptyReason({ ...ALL, keyOnly: true, grades: ['C', 'D', 'B'] })).toBeNull();
    expect(emptyReason({ ...ALL, keyOnly: true, grades: ['A'] })).toBeNull();
    expect(emptyReason({ ...ALL, keyOnly: true })).toBeNull();
    // Repaired C houses appraised C or D again exist (dangerous again): not an impossible filter.
    expect(emptyReason({ ...ALL, repairedCOnly: true, grades: ['C', 'D'] })).toBeNull();
  });

  it('says no grade or no structure is ticked', () => {
    expect(emptyReason({ ...ALL, grades: [] })).toBe('noGrade');
    expect(emptyReason({ ...ALL, structures: [] })).toBe('noStructure');
  });
});
