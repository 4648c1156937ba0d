import { describe, expect, it } from 'vitest';
import { replanTask } from '../../server/domain/patrol-plan.ts';
import { BANDED_LENGTH_FACTOR, bandedRoute, RISK_BANDS, riskBand, roundLength } from '../../server/domain/risk-bands.ts';
import { planRoute, type Point } from '../../server/domain/routing.ts';
import { mulberry32 } from '../../server/domain/tour-moves.ts';

const COMMITTEE: Point = [108.66, 33.11];
const BANDS = RISK_BANDS.map((b) => b.band);

/** `n` houses scattered over a village ~3 km across, each with a risk score 0–100. */
function village(n: number, seed: number) {
  const rnd = mulberry32(seed);
  return Array.from({ length: n }, (_, i) => ({
    houseId: i + 1,
    lon: COMMITTEE[0] + (rnd() - 0.5) * 0.03,
    lat: COMMITTEE[1] + (rnd() - 0.5) * 0.025,
    risk: Math.round(rnd() * 1000) / 10,
  }));
}

function unbandedLength(stops: { lon: number; lat: number }[]): number {
  return planRoute([COMMITTEE, ...stops.map((s) => [s.lon, s.lat] as const)], {
    metric: 'haversine',
    closed: true,
    start: 0,
    timeLimitMs: 100,
    maxIterations: 20 * stops.length,
    seed: 1,
  }).length;
}

describe('risk bands', () => {
  it('names severe from 90, high from 70, medium from 40, low below, and none without a risk', () => {
    expect([riskBand(95), riskBand(90), riskBand(89.9), riskBand(70), riskBand(69.9), riskBand(40), riskBand(3), riskBand(null)]).toEqual([
      'severe',
      'severe',
      'high',
      'high',
      'medium',
      'medium',
      'low',
      null,
    ]);
  });

  it('visits the bands in order, severe to low: the riskiest house is among the first k stops (k: its band’s size)', () => {
    for (const seed of [1, 2, 3, 4, 5]) {
      const stops = village(60, seed);
      const { ordered } = bandedRoute(COMMITTEE, stops);
      expect(ordered.map((s) => s.houseId).sort((a, b) => a - b)).toEqual(stops.map((s) => s.houseId));
      const bands = ordered.map((s) => BANDS.indexOf(riskBand(s.risk)!));
      expect(bands).toEqual([...bands].sort((a, b) => a - b));
      const k = stops.filter((s) => riskBand(s.risk) === riskBand(Math.max(...stops.map((x) => x.risk)))).length;
      const top = stops.reduce((a, b) => (b.risk > a.risk ? b : a));
      expect(ordered.slice(0, k)).toContain(top);
      expect(ordered[0]).toBe(top);
    }
  });

  it(`keeps the round within ${BANDED_LENGTH_FACTOR}× the unbanded round on the same houses`, () => {
    const ratios: number[] = [];
    for (const seed of [11, 12, 13, 14, 15, 16]) {
      const stops = village(40, seed);
      const banded = bandedRoute(COMMITTEE, stops);
      expect(banded.lengthM).toBeCloseTo(roundLength(COMMITTEE, banded.ordered), 6);
      ratios.push(banded.lengthM / unbandedLength(stops));
    }
    expect(Math.max(...ratios)).toBeLessThanOrEqual(BANDED_LENGTH_FACTOR);
    expect(Math.min(...ratios)).toBeGreaterThanOrEqual(0.99); // the unbanded round is the shorter one, as it should be
  });

  it('orders stops without a risk (a manual dispatch) as one round from the committee and back', () => {
    const stops = village(25, 7).map((s) => ({ ...s, risk: null }));
    const { ordered, lengthM } = bandedRoute(COMMITTEE, stops);
    expect(ordered).toHaveLength(25);
    expect(lengthM).toBeCloseTo(unbandedLength(stops), 6);
  });

  it('re-plans a task with visited stops in place and the rest band by band after them', () => {
    const stops = village(20, 9).map((s, i) => ({ ...s, visited: i < 3 }));
    const route = replanTask(COMMITTEE, stops);
    expect(route.houseIds.slice(0, 3)).toEqual([1, 2, 3]);
    const rest = route.houseIds.slice(3).map((id) => BANDS.indexOf(riskBand(stops[id - 1]!.risk)!));
    expect(rest).toEqual([...rest].sort((a, b) => a - b));
  });
});
