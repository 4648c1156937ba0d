// Risk score (0–100) of one household's house under one alert: who to look at first.
//
//   raw   = grade + fragility + site + key + people                         (0 … 51)
//   score = 100 · (1 − e^(−m · raw / 50)), one decimal, m = the level multiplier
//
//   grade      D 20 > C 14 > never appraised 10 > B 6 > A 2 (C/D are 危房; an unappraised house is an unknown)
//   fragility  10 × how badly THIS hazard hurts the structure (0…1, FRAGILITY below):
//                cold (寒潮/冰冻/道路结冰/暴雪, 冻融): adobe, earth-wood and cave dwellings most;
//                water (暴雨/洪水/山洪/台风): adobe, earth-wood, brick-earth — soaked walls, scoured footings;
//                ground (地质灾害): cave dwellings, then adobe and earth-wood;
//                wind (大风): roofs and walls of earth-wood, adobe, timber and brick-wood — light roofs lift;
//                quake (地震): unreinforced earth and stone first (adobe, earth-wood, brick-earth, cave, stone-wood);
//                general (other natural hazards): the old earth-built houses, as for any stress we cannot name.
//   site       8 × how exposed the site is to THIS hazard (0…1); 0 for cold and general:
//                water:  0.6·near + 0.4·low — near: ≤50 m from a river → 1, ≥500 m → 0;
//                        low: ≤5 m above the lowest house of its village → 1, ≥30 m → 0;
//                ground: max(slope, 0.5·near) — slope: ≥150 m above the village's lowest house → 1, ≤20 m → 0
//                        (height above the valley floor stands in for a hillside site);
//                wind:   slope (a hillside house stands in the wind);
//                quake:  as ground (shaking brings down slopes; river silt amplifies it);
//                an unknown distance or height counts 0.5.
//   key        3 for a key house (重点房屋), +2 more when it is a repaired C (seeds 000/001 watch those first)
//   people     2/elderly + 3/disabled + 1/child + 3 living alone, at most 8; 0 while the household lives away
//              (长期在外务工: nobody is in the house, though the house still counts)
//   m          blue 1, yellow 1.5, orange 2, red 3 (一般/较重/严重/特别严重)
//
// The curve saturates instead of clipping, so the order within an alert is kept even at red.
import type { AlertLevel, AlertType, HazardFamily } from './alerts.ts';
import { HAZARD_FAMILY } from './alerts.ts';
import type { Grade, Structure } from './housing.ts';

export interface RiskHouse {
  grade: Grade | null;
  structure: Structure;
  key: boolean;
  repairedC: boolean;
  riverDistM: number | null;
  /** Metres above the lowest house of its village: low-lying for water, hillside for the ground. */
  reliefM: number | null;
  elderly: number;
  disabled: number;
  children: number;
  members: number;
  livingAway: boolean;
}

export const GRADE_POINTS: Record<Grade | 'none', number> = { D: 20, C: 14, none: 10, B: 6, A: 2 };
export const LEVEL_MULTIPLIER: Record<AlertLevel, number> = { blue: 1, yellow: 1.5, orange: 2, red: 3 };

export const FRAGILITY: Record<HazardFamily, Record<Structure, number>> = {
  cold: {
    adobe: 1,
    earth_wood: 1,
    cave: 1,
    brick_earth: 0.7,
    brick_wood: 0.5,
    stone_wood: 0.4,
    timber: 0.3,
    brick_concrete: 0.15,
    reinforced_concrete: 0.05,
  },
  water: {
    adobe: 1,
    earth_wood: 0.9,
    brick_earth: 0.8,
    cave: 0.7,
    brick_wood: 0.5,
    timber: 0.5,
    stone_wood: 0.4,
    brick_concrete: 0.2,
    reinforced_concrete: 0.1,
  },
  ground: {
    cave: 1,
    adobe: 0.9,
    earth_wood: 0.8,
    brick_earth: 0.7,
    stone_wood: 0.5,
    brick_wood: 0.5,
    timber: 0.4,
    brick_concrete: 0.3,
    reinforced_concrete: 0.2,
  },
  wind: {
    earth_wood: 0.9,
    adobe: 0.8,
    timber: 0.8,
    brick_wood: 0.7,
    brick_earth: 0.7,
    stone_wood: 0.6,
    cave: 0.2,
    brick_concrete: 0.2,
    reinforced_concrete: 0.1,
  },
  quake: {
    adobe: 1,
    earth_wood: 0.9,
    brick_earth: 0.9,
    cave: 0.8,
    stone_wood: 0.8,
    brick_wood: 0.7,
    timber: 0.4,
    brick_concrete: 0.4,
    reinforced_concrete: 0.15,
  },
  general: {
    adobe: 0.9,
    earth_wood: 0.9,
    cave: 0.8,
    brick_earth: 0.7,
    brick_wood: 0.5,
    stone_wood: 0.5,
    timber: 0.5,
    brick_concrete: 0.2,
    reinforced_concrete: 0.1,
  },
};

const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
/** 1 at or below `full`, 0 at or beyond `none`, linear between; unknown → 0.5. */
const ramp = (v: number | null, full: number, none: number) => (v === null ? 0.5 : clamp01((none - v) / (none - full)));

export interface RiskParts {
  grade: number;
  fragility: number;
  site: number;
  key: number;
  people: number;
  multiplier: number;
  score: number;
}

/** The score with its parts, for the exposure panel's "why". */
export function riskParts(h: RiskHouse, alert: { type: AlertType; level: AlertLevel }): RiskParts {
  const family = HAZARD_FAMILY[alert.type];
  const grade = GRADE_POINTS[h.grade ?? 'none'];
  const fragility = 10 * FRAGILITY[family][h.structure];
  const near = ramp(h.riverDistM, 50, 500);
  let site = 0;
  if (family === 'water') site = 8 * (0.6 * near + 0.4 * ramp(h.reliefM, 5, 30));
  else if (family === 'ground' || family === 'quake') site = 8 * Math.max(1 - ramp(h.reliefM, 20, 150), 0.5 * near);
  else if (family === 'wind') site = 8 * (1 - ramp(h.reliefM, 20, 150));
  const key = (h.key ? 3 : 0) + (h.repairedC ? 2 : 0);
  const people = h.livingAway
    ? 0
    : Math.min(PEOPLE_MAX, 2 * h.elderly + 3 * h.disabled + 1 * h.children + (h.members === 1 ? 3 : 0));
  const multiplier = LEVEL_MULTIPLIER[alert.level];
  const raw = grade + fragility + site + key + people;
  const score = Math.round(1000 * (1 - Math.exp((-multiplier * raw) / 50))) / 10;
  return { grade, fragility, site, key, people, multiplier, score };
}

export function riskScore(h: RiskHouse, alert: { type: AlertType; level: AlertLevel }): number {
  return riskParts(h, alert).score;
}

/** The most `site` can add under each hazard family (8 × a 0–1 exposure; nothing for cold and general). */
/** The most the people of a household add to its raw risk (the elderly, disabled, children, one living alone). */
export const PEOPLE_MAX = 8;

export const SITE_MAX: Record<HazardFamily, number> = { water: 8, ground: 8, quake: 8, wind: 8, cold: 0, general: 0 };

/** What a house's class (the columns an index holds, without its site or people) fixes of its score. */
export interface RiskClass {
  grade: Grade | null;
  structure: Structure;
  key: boolean;
  repairedC: boolean;
}

/**
 * The highest score any house of the class can reach under the alert: its site and people at their
 * most. Ranking reads and scores a class only while its ceiling can still beat the N-th best score,
 * so the top N of a 380,000-house zone scores a few thousand houses. The raw ceiling is nudged up by
 * far more than a rounding step of the sum or of Math.exp, so it is never below a real score.
 */
export function riskCeiling(c: RiskClass, alert: { type: AlertType; level: AlertLevel }): number {
  const family = HAZARD_FAMILY[alert.type];
  const raw = GRADE_POINTS[c.grade ?? 'none'] + 10 * FRAGILITY[family][c.structure] + SITE_MAX[family] + (c.key ? 3 : 0) + (c.repairedC ? 2 : 0) + PEOPLE_MAX + 1e-6;
  return Math.round(1000 * (1 - Math.exp((-LEVEL_MULTIPLIER[alert.level] * raw) / 50))) / 10;
}

/**
 * The least raw sum (grade + fragility + site + key + people) that scores at least `score` under the
 * level — the curve inverted, Math.round's half-up included, less a margin for rounding — so a house
 * whose raw sum cannot reach it cannot reach the score (-Infinity: every raw sum can).
 */
export function rawNeededFor(score: number, level: AlertLevel): number {
  const part = (10 * score - 0.5) / 1000;
  if (part <= 0) return -Infinity;
  if (part >= 1) return Infinity;
  return (-50 / LEVEL_MULTIPLIER[level]) * Math.log(1 - part) - 1e-6;
}
