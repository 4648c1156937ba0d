// What a house is built of, and its size and age. In the Qinba hills brick-concrete dominates the
// valleys while earth-wood (土木), adobe (土坯) and stone-wood (石木) houses climb with the slopes.
import type { Structure } from '../server/domain/housing.ts';
import type { Random } from './random.ts';

// County-wide shares before the elevation shift (percent).
const BASE_WEIGHTS: Record<Structure, number> = {
  reinforced_concrete: 4,
  brick_concrete: 38,
  brick_wood: 20,
  stone_wood: 5,
  timber: 2,
  brick_earth: 5,
  earth_wood: 17,
  adobe: 8,
  cave: 1,
};

/** Relative likelihood of damage, for the grade model: 1 is an average house. */
export const FRAGILITY: Record<Structure, number> = {
  reinforced_concrete: 0.15,
  brick_concrete: 0.4,
  brick_wood: 1.1,
  stone_wood: 1.1,
  timber: 0.9,
  brick_earth: 1.5,
  earth_wood: 1.8,
  adobe: 2.1,
  cave: 2.0,
};

// Built-year range and most common year per structure (triangular distribution).
const BUILT: Record<Structure, [number, number, number]> = {
  reinforced_concrete: [1998, 2024, 2014],
  brick_concrete: [1985, 2024, 2008],
  brick_wood: [1970, 2008, 1992],
  stone_wood: [1950, 1998, 1980],
  timber: [1940, 1998, 1978],
  brick_earth: [1965, 2002, 1988],
  earth_wood: [1950, 2000, 1982],
  adobe: [1955, 1997, 1980],
  cave: [1950, 1988, 1972],
};

/** Elevation shifts the mix: 0 on the valley floor (~450 m), 1 on the high slopes (~1350 m and up). */
export function chooseStructure(rng: Random, elevationM: number): Structure {
  const t = Math.min(1, Math.max(0, (elevationM - 450) / 900));
  const w = BASE_WEIGHTS;
  return rng.weightedPick<Structure>([
    ['reinforced_concrete', w.reinforced_concrete * (1.5 - 1.2 * t)],
    ['brick_concrete', w.brick_concrete * (1.2 - 0.7 * t)],
    ['brick_wood', w.brick_wood],
    ['stone_wood', w.stone_wood * (0.6 + 1.6 * t)],
    ['timber', w.timber * (0.7 + 1.0 * t)],
    ['brick_earth', w.brick_earth],
    ['earth_wood', w.earth_wood * (0.7 + 1.2 * t)],
    ['adobe', w.adobe * (0.6 + 1.4 * t)],
    ['cave', w.cave * (0.6 + 1.2 * t)],
  ]);
}

export function houseShape(rng: Random, structure: Structure, members: number): { storeys: number; builtYear: number; floorArea: number } {
  const storeys =
    structure === 'reinforced_concrete'
      ? rng.weightedPick([[2, 0.5], [3, 0.35], [4, 0.15]] as const)
      : structure === 'brick_concrete'
        ? rng.weightedPick([[1, 0.35], [2, 0.55], [3, 0.1]] as const)
        : structure === 'cave'
          ? 1
          : rng.chance(0.22)
            ? 2
            : 1;
  const [lo, hi, mode] = BUILT[structure];
  const builtYear = Math.round(triangular(rng, lo, hi, mode));
  const floorArea = Math.max(28, Math.min(320, members * 16 + storeys * 32 + rng.normal(20, 18)));
  return { storeys, builtYear, floorArea: Math.round(floorArea * 10) / 10 };
}

function triangular(rng: Random, lo: number, hi: number, mode: number): number {
  const u = rng.next();
  const c = (mode - lo) / (hi - lo);
  return u < c ? lo + Math.sqrt(u * (hi - lo) * (mode - lo)) : hi - Math.sqrt((1 - u) * (hi - lo) * (hi - mode));
}
