import { describe, expect, it } from 'vitest';
import { householdFilterSql } from '../../server/db/household-filter.ts';

const bbox: [number, number, number, number] = [108.6, 33.0, 108.7, 33.1];
const township = { code: '610999001000', level: 'township' as const };

describe('the household filter SQL', () => {
  it('leads a bbox query with the R*Tree, then compares the exact coordinates', () => {
    const { from, where } = householdFilterSql({ bbox });
    expect(from).toMatch(/^house_rtree r CROSS JOIN houses o/);
    expect(where).toContain('o.lon BETWEEN @minLon AND @maxLon');
  });

  it('joins households for a caller reading house columns only when a clause needs them', () => {
    expect(householdFilterSql({ bbox }, { housesOnly: true }).from).not.toContain('households');
    expect(householdFilterSql({ bbox, scope: { code: '610999', level: 'county' } }, { housesOnly: true }).from).not.toContain('households');
    expect(householdFilterSql({ bbox, scope: township }, { housesOnly: true }).from).toContain('JOIN households h');
    expect(householdFilterSql({ q: '张' }, { housesOnly: true }).from).toContain('households h');
    const plain = householdFilterSql({ grades: ['D'] }, { housesOnly: true });
    expect(plain.from).toBe('houses o');
    expect(plain.where).toBe('WHERE o.is_current = 1 AND (o.grade IN (@grade0))');
  });

  it('always joins households for callers that read them', () => {
    expect(householdFilterSql({ bbox }).from).toContain('JOIN households h ON h.id = o.household_id');
    expect(householdFilterSql({}).from).toBe('households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1');
  });
});
