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
  return rules;
}
