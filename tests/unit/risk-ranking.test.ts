// Ranking only as far as asked (issue 14): the heap keeps exactly the first N of a full sort, a class's
// risk ceiling is never below the score of a house of that class, and rawNeededFor never prunes a house
// that reaches the score.
import { describe, expect, it } from 'vitest';
import { ALERT_LEVELS, ALERT_TYPES } from '../../server/domain/alerts.ts';
import { GRADES, STRUCTURES } from '../../server/domain/housing.ts';
import { rawNeededFor, riskCeiling, riskParts, riskScore, type RiskHouse } from '../../server/domain/risk.ts';
import { TopN } from '../../server/domain/top-n.ts';
import { mulberry32 } from '../../server/domain/tour-moves.ts';

const pick = <T>(rnd: () => number, xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)]!;

function randomHouse(rnd: () => number): RiskHouse {
  return {
    grade: pick(rnd, [...GRADES, null]),
    structure: pick(rnd, STRUCTURES),
    key: rnd() < 0.3,
    repairedC: rnd() < 0.2,
    riverDistM: rnd() < 0.1 ? null : rnd() * 800,
    reliefM: rnd() < 0.1 ? null : rnd() * 200,
    elderly: Math.floor(rnd() * 4),
    disabled: Math.floor(rnd() * 3),
    children: Math.floor(rnd() * 4),
    members: 1 + Math.floor(rnd() * 6),
    livingAway: rnd() < 0.15,
  };
}

describe('TopN', () => {
  it('keeps exactly the first N of the full sort, ties broken as asked, for any N', () => {
    const rnd = mulberry32(7);
    for (let run = 0; run < 200; run++) {
      const items = Array.from({ length: Math.floor(rnd() * 300) }, (_, id) => ({ id, score: Math.round(rnd() * 20) / 2 }));
      const better = (a: (typeof items)[0], b: (typeof items)[0]) => a.score > b.score || (a.score === b.score && a.id < b.id);
      const full = [...items].sort((a, b) => b.score - a.score || a.id - b.id);
      const n = Math.floor(rnd() * (items.length + 5));
      const top = new TopN(n, better);
      for (const it of items) top.offer(it);
      expect(top.sorted()).toEqual(full.slice(0, n));
      if (top.full && n > 0) expect(top.worst).toEqual(full[n - 1]);
    }
  });
});

describe('risk ceiling', () => {
  it('is never below the score of a house of its class, under every type and level', () => {
    const rnd = mulberry32(11);
    for (let i = 0; i < 20_000; i++) {
      const h = randomHouse(rnd);
      const alert = { type: pick(rnd, ALERT_TYPES), level: pick(rnd, ALERT_LEVELS) };
      expect(riskCeiling(h, alert)).toBeGreaterThanOrEqual(riskScore(h, alert));
    }
  });

  it('is reached by a house of the class with its site and people at their worst', () => {
    const worst: RiskHouse = { grade: 'D', structure: 'adobe', key: true, repairedC: true, riverDistM: 0, reliefM: 0, elderly: 4, disabled: 0, children: 0, members: 4, livingAway: false };
    const alert = { type: 'flood' as const, level: 'blue' as const };
    expect(riskCeiling(worst, alert)).toBe(riskScore(worst, alert));
  });

  it('rawNeededFor: a house whose raw sum falls short of it scores below the score, one that reaches it does not', () => {
    const rnd = mulberry32(13);
    for (let i = 0; i < 20_000; i++) {
      const h = randomHouse(rnd);
      const alert = { type: pick(rnd, ALERT_TYPES), level: pick(rnd, ALERT_LEVELS) };
      const p = riskParts(h, alert);
      const raw = p.grade + p.fragility + p.site + p.key + p.people;
      const s = Math.round(rnd() * 1000) / 10;
      if (p.score >= s) expect(raw).toBeGreaterThanOrEqual(rawNeededFor(s, alert.level));
    }
  });
});
