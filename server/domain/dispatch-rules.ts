import type { Grade, Structure } from './housing.ts';

export const ALERT_TYPES = [
  'rainstorm', // 暴雨
  'flood', // 洪水
  'flash_flood', // 山洪
  'geological', // 地质灾害
  'cold_wave', // 寒潮
  'freeze', // 冰冻
  'icing', // 道路结冰
  'snowstorm', // 暴雪
  'typhoon', // 台风
  'gale', // 大风 (CMA gale; also tornado, high wind)
  'earthquake', // 地震 (seed 002 names earthquake damage)
  'other', // a natural hazard with no type of its own (高温, 大雾, tsunami …): the CAP <event> text is kept
] as const;
export type AlertType = (typeof ALERT_TYPES)[number];
export const ALERT_LEVELS = ['blue', 'yellow', 'orange', 'red'] as const;
export type AlertLevel = (typeof ALERT_LEVELS)[number];

/** Which houses in a zone an alert of this type and level sends someone to look at, and how soon. */
export interface DispatchRule {
  alertType: AlertType;
  level: AlertLevel;
  grades: Grade[];
  structures: Structure[];
  keyHouses: boolean;
  /** Key houses of these structures only (yellow rainstorm: key earth-wood). */
  keyStructures: Structure[];
  dueHours: number;
}

export interface PatrolCandidate {
  grade: Grade | null;
  structure: Structure;
  key: boolean;
}

/** A house is selected when any clause of the rule names it. */
export function selectsHouse(rule: Omit<DispatchRule, 'alertType' | 'level' | 'dueHours'>, h: PatrolCandidate): boolean {
  return (
    (h.grade !== null && rule.grades.includes(h.grade)) ||
    rule.structures.includes(h.structure) ||
    (rule.keyHouses && h.key) ||
    (h.key && rule.keyStructures.includes(h.structure))
  );
}

const WATER: AlertType[] = ['rainstorm', 'flood', 'flash_flood', 'typhoon', 'geological'];
const COLD: AlertType[] = ['cold_wave', 'freeze', 'icing', 'snowstorm'];

/**
 * The shipped defaults (editable by county roles). From domain.md and seeds 001/002:
 * 雨前排查、雨中巡查 — red/orange water hazards: every C/D, key, earth-wood and adobe house within 2 h;
 * yellow: D, C and key earth-wood within 6 h; blue: D within 12 h.
 * Freeze/icing/snow/cold: adobe, earth-wood and cave dwellings suffer most (冻融); orange/red within 6 h,
 * yellow within 12 h, plus C/D; blue: C/D and cave dwellings within 24 h.
 */
export function defaultDispatchRules(): DispatchRule[] {
  const rules: DispatchRule[] = [];
  for (const alertType of WATER) {
    const high = { grades: ['C', 'D'] as Grade[], structures: ['earth_wood', 'adobe'] as Structure[], keyHouses: true, keyStructures: [] };
    rules.push({ alertType, level: 'red', ...high, dueHours: 2 });
    rules.push({ alertType, level: 'orange', ...high, dueHours: 2 });
    rules.push({ alertType, level: 'yellow', grades: ['C', 'D'], structures: [], keyHouses: false, keyStructures: ['earth_wood'], dueHours: 6 });
    rules.push({ alertType, level: 'blue', grades: ['D'], structures: [], keyHouses: false, keyStructures: [], dueHours: 12 });
  }
  for (const alertType of COLD) {
    const fragile: Structure[] = ['adobe', 'earth_wood', 'cave'];
    rules.push({ alertType, level: 'red', grades: ['C', 'D'], structures: fragile, keyHouses: true, keyStructures: [], dueHours: 6 });
    rules.push({ alertType, level: 'orange', grades: ['C', 'D'], structures: fragile, keyHouses: false, keyStructures: [], dueHours: 6 });
    rules.push({ alertType, level: 'yellow', grades: ['C', 'D'], structures: fragile, keyHouses: false, keyStructures: [], dueHours: 12 });
    rules.push({ alertType, level: 'blue', grades: ['C', 'D'], structures: ['cave'], keyHouses: false, keyStructures: [], dueHours: 24 });
  }
  rules.push(...galeRules(), ...earthquakeRules(), ...otherRules());
  return rules;
}

/**
 * 大风: wind lifts the roofs and topples the walls of earth-built houses first; it arrives with the
 * warning, so orange/red within 6 h, like cold; yellow: the dangerous houses within 12 h; blue: D within 24 h.
 */
function galeRules(): DispatchRule[] {
  const alertType = 'gale';
  const earth: Structure[] = ['adobe', 'earth_wood'];
  return [
    { alertType, level: 'red', grades: ['C', 'D'], structures: earth, keyHouses: true, keyStructures: [], dueHours: 6 },
    { alertType, level: 'orange', grades: ['C', 'D'], structures: earth, keyHouses: false, keyStructures: [], dueHours: 6 },
    { alertType, level: 'yellow', grades: ['C', 'D'], structures: [], keyHouses: false, keyStructures: [], dueHours: 12 },
    { alertType, level: 'blue', grades: ['D'], structures: [], keyHouses: false, keyStructures: [], dueHours: 24 },
  ];
}

/**
 * 地震: the shaking has happened when the message comes; seed 002 wants damage reported within 3 days and
 * serious cases at once. Unreinforced earth, brick-earth and cave dwellings crack first. Red: every one of
 * them and every key house within 12 h; orange within 24 h; yellow/blue: C/D and the earth-built within 72 h.
 */
function earthquakeRules(): DispatchRule[] {
  const alertType = 'earthquake';
  const weak: Structure[] = ['adobe', 'earth_wood', 'brick_earth', 'cave'];
  return [
    { alertType, level: 'red', grades: ['C', 'D'], structures: weak, keyHouses: true, keyStructures: [], dueHours: 12 },
    { alertType, level: 'orange', grades: ['C', 'D'], structures: weak, keyHouses: true, keyStructures: [], dueHours: 24 },
    { alertType, level: 'yellow', grades: ['C', 'D'], structures: ['adobe', 'earth_wood', 'cave'], keyHouses: false, keyStructures: [], dueHours: 72 },
    { alertType, level: 'blue', grades: ['C', 'D'], structures: [], keyHouses: false, keyStructures: [], dueHours: 72 },
  ];
}

/**
 * Other natural hazards (高温, 大雾, 冰雹, tsunami …): we do not know which structure suffers, so only the
 * houses already known to be dangerous — C/D at orange/red within 6 h, at yellow within 12 h, D at blue
 * within 24 h. A county that knows better changes the rule (PUT /api/dispatch-rules).
 */
function otherRules(): DispatchRule[] {
  const alertType = 'other';
  const none = { structures: [] as Structure[], keyHouses: false, keyStructures: [] as Structure[] };
  return [
    { alertType, level: 'red', grades: ['C', 'D'], ...none, dueHours: 6 },
    { alertType, level: 'orange', grades: ['C', 'D'], ...none, dueHours: 6 },
    { alertType, level: 'yellow', grades: ['C', 'D'], ...none, dueHours: 12 },
    { alertType, level: 'blue', grades: ['D'], ...none, dueHours: 24 },
  ];
}
