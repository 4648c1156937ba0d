import { describe, expect, it } from 'vitest';
import type { AlertLevel, AlertType } from '../../server/domain/alerts.ts';
import { ALERT_LEVELS, ALERT_TYPES } from '../../server/domain/alerts.ts';
import { GRADES, STRUCTURES } from '../../server/domain/housing.ts';
import { riskParts, riskScore, type RiskHouse } from '../../server/domain/risk.ts';

const base: RiskHouse = {
  grade: 'B',
  structure: 'brick_wood',
  key: false,
  repairedC: false,
  riverDistM: 300,
  reliefM: 20,
  elderly: 0,
  disabled: 0,
  children: 0,
  members: 3,
  livingAway: false,
};
const rain = { type: 'rainstorm' as AlertType, level: 'orange' as AlertLevel };
const score = (h: Partial<RiskHouse>, a: { type: AlertType; level: AlertLevel } = rain) => riskScore({ ...base, ...h }, a);

describe('risk score', () => {
  it('ranks grades D > C > never appraised > B > A, all else equal', () => {
    const s = (['D', 'C', null, 'B', 'A'] as const).map((grade) => score({ grade }));
    for (let i = 1; i < s.length; i++) expect(s[i - 1]).toBeGreaterThan(s[i]!);
  });

  it('hurts adobe, earth-wood and cave dwellings most under freeze, icing, snow and cold waves', () => {
    for (const type of ['freeze', 'icing', 'snowstorm', 'cold_wave'] as const) {
      const a = { type, level: 'yellow' as const };
      for (const fragile of ['adobe', 'earth_wood', 'cave'] as const) {
        for (const sturdy of ['brick_concrete', 'reinforced_concrete', 'brick_wood', 'stone_wood'] as const) {
          expect(score({ structure: fragile }, a)).toBeGreaterThan(score({ structure: sturdy }, a));
        }
      }
    }
  });

  it('under water, a low house by the river outranks a high one far away; under cold the site does not count', () => {
    const low = { riverDistM: 30, reliefM: 2 };
    const high = { riverDistM: 1500, reliefM: 80 };
    for (const type of ['flood', 'flash_flood', 'rainstorm'] as const) {
      expect(score(low, { type, level: 'yellow' })).toBeGreaterThan(score(high, { type, level: 'yellow' }));
    }
    expect(score(low, { type: 'freeze', level: 'yellow' })).toBe(score(high, { type: 'freeze', level: 'yellow' }));
  });

  it('under a geological warning, cave dwellings and houses high on the slope rank first', () => {
    const geo = { type: 'geological' as const, level: 'orange' as const };
    expect(score({ structure: 'cave' }, geo)).toBeGreaterThan(score({ structure: 'brick_concrete' }, geo));
    expect(score({ reliefM: 200 }, geo)).toBeGreaterThan(score({ reliefM: 5, riverDistM: 2000 }, geo));
  });

  it('adds for key houses, more for a repaired C', () => {
    expect(score({ key: true })).toBeGreaterThan(score({}));
    expect(score({ key: true, repairedC: true })).toBeGreaterThan(score({ key: true }));
  });

  it('adds for elderly, disabled, children and people living alone, not for a household living away', () => {
    expect(score({ elderly: 2 })).toBeGreaterThan(score({}));
    expect(score({ disabled: 1 })).toBeGreaterThan(score({}));
    expect(score({ children: 1 })).toBeGreaterThan(score({}));
    expect(score({ members: 1 })).toBeGreaterThan(score({}));
    expect(score({ elderly: 2, livingAway: true })).toBe(score({ livingAway: true }));
    expect(riskParts({ ...base, elderly: 5, disabled: 5 }, rain).people).toBe(8);
  });

  it('rises with the level: blue < yellow < orange < red', () => {
    const s = ALERT_LEVELS.map((level) => score({}, { type: 'rainstorm', level }));
    for (let i = 1; i < s.length; i++) expect(s[i]).toBeGreaterThan(s[i - 1]!);
  });

  it('stays within 0–100 for every house and alert, and keeps order at red instead of clipping', () => {
    for (const type of ALERT_TYPES)
      for (const level of ALERT_LEVELS)
        for (const structure of STRUCTURES)
          for (const grade of [...GRADES, null]) {
            const worst = score({ grade, structure, key: true, repairedC: true, riverDistM: 0, reliefM: 0, elderly: 3, disabled: 2, members: 1 }, { type, level });
            const best = score({ grade, structure, riverDistM: null, reliefM: null }, { type, level });
            for (const s of [worst, best]) {
              expect(s).toBeGreaterThanOrEqual(0);
              expect(s).toBeLessThanOrEqual(100);
            }
          }
    const red = { type: 'rainstorm' as const, level: 'red' as const };
    expect(score({ grade: 'D', structure: 'adobe', riverDistM: 0, reliefM: 0, elderly: 4 }, red)).toBeGreaterThan(
      score({ grade: 'D', structure: 'adobe', riverDistM: 0, reliefM: 0 }, red),
    );
  });
});
