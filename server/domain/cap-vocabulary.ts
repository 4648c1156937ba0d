// The words CAP messages use for our alert types and CMA levels, in Chinese and English.
// CMA signals read "暴雨红色预警信号" / "Rainstorm Red Warning"; CAP <severity> is Extreme/Severe/Moderate/Minor.
import { ALERT_LEVELS, ALERT_TYPES, type AlertLevel, type AlertType } from './alerts.ts';

// Order matters: the more specific hazard first (山洪 before 洪水, 地质灾害 before the 暴雨 that caused it,
// 雷雨大风 — a wind warning — before the thunderstorm words, 冻雨/freezing rain before rain and freeze).
// Thunderstorms (雷电, 雷暴, 强对流) count as rainstorm, tornadoes and downbursts as gale, hurricanes as typhoon.
const TYPE_WORDS: readonly [RegExp, AlertType][] = [
  [/山洪|flash[\s_-]*flood/i, 'flash_flood'],
  [/道路结冰|路面结冰|道路冰雪|电线积冰|冻雨|road[\s_-]*icing|icy[\s_-]*road|\bicing\b|ice[\s_-]*storm|freezing[\s_-]*(rain|drizzle)|flash[\s_-]*freeze|black[\s_-]*ice/i, 'icing'],
  [/地质灾害|滑坡|泥石流|崩塌|地面塌陷|geolog|landslide|debris[\s_-]*flow|mud[\s_-]*(slide|flow)|rock[\s_-]*fall/i, 'geological'],
  [/地震|earthquake|seismic|\bquake/i, 'earthquake'],
  [/台风|热带风暴|热带气旋|typhoon|hurricane|tropical[\s_-]*(storm|cyclone|depression)|\bcyclone/i, 'typhoon'],
  [/雷雨大风|雷暴大风|龙卷|下击暴流|tornado|downburst/i, 'gale'],
  [/暴雪|大雪|雪灾|snowstorm|blizzard|heavy[\s_-]*snow|winter[\s_-]*storm|snow[\s_-]*squall|\bsnow\b/i, 'snowstorm'],
  [/暴雨|强降雨|强降水|雷电|雷暴|雷雨|强对流|rainstorm|heavy[\s_-]*rain|torrential|thunder|lightning|\brain(fall)?\b/i, 'rainstorm'],
  [/洪水|洪涝|内涝|渍涝|风暴潮|\bflood|storm[\s_-]*surge/i, 'flood'],
  [/寒潮|低温|严寒|寒冷|强降温|cold[\s_-]*(wave|snap)|extreme[\s_-]*cold|wind[\s_-]*chill|low[\s_-]*temperature/i, 'cold_wave'],
  [/冰冻|霜冻|冻害|frost|freez/i, 'freeze'],
  [/大风|强风|\bgales?\b|\bwind(s|storm)?\b/i, 'gale'],
];

/** Our type for a CAP event word, event code or headline; null when none fits. */
export function typeFromText(text: string | null | undefined): AlertType | null {
  if (!text) return null;
  const exact = text.trim().toLowerCase();
  // Our own names (a feed of ours, GeoJSON round trips); not `other`, which says nothing about the hazard.
  if (exact !== 'other' && (ALERT_TYPES as readonly string[]).includes(exact)) return exact as AlertType;
  for (const [re, type] of TYPE_WORDS) if (re.test(text)) return type;
  return null;
}

const LEVEL_WORDS: readonly [RegExp, AlertLevel][] = [
  [/红色|red/gi, 'red'],
  [/橙色|orange/gi, 'orange'],
  [/黄色|yellow/gi, 'yellow'],
  [/蓝色|blue/gi, 'blue'],
];

/**
 * The colour a text names. When it names several ("黄色升级为红色", upgraded yellow → red) the last one
 * is the current level.
 */
export function levelFromText(text: string | null | undefined): AlertLevel | null {
  if (!text) return null;
  const exact = text.trim().toLowerCase();
  if ((ALERT_LEVELS as readonly string[]).includes(exact)) return exact as AlertLevel;
  let best: { at: number; level: AlertLevel } | null = null;
  for (const [re, level] of LEVEL_WORDS) {
    for (const m of text.matchAll(re)) {
      // Whole English words only: "redirect" is not red.
      const before = text[m.index - 1] ?? ' ';
      const after = text[m.index + m[0].length] ?? ' ';
      if (/^[a-z]/i.test(m[0]) && (/[a-z]/i.test(before) || /[a-z]/i.test(after))) continue;
      if (!best || m.index > best.at) best = { at: m.index, level };
    }
  }
  return best?.level ?? null;
}

/** CAP 1.2 <severity> → the CMA level it stands for (I 特别严重 … IV 一般). */
export const SEVERITY_LEVEL: Record<string, AlertLevel> = {
  extreme: 'red',
  severe: 'orange',
  moderate: 'yellow',
  minor: 'blue',
};

/**
 * CAP <category> (1.1/1.2 §3.2.2). Geo and Met are natural hazards by definition; a message with one of
 * NOT_NATURAL_CATEGORIES and neither Geo nor Met is about people, not weather (law enforcement, CBRNE,
 * rescue, health, transport, infrastructure) and is refused. Safety, Fire, Env and Other say neither.
 */
export const NATURAL_CATEGORIES = new Set(['geo', 'met']);
export const NOT_NATURAL_CATEGORIES = new Set(['security', 'cbrne', 'rescue', 'health', 'transport', 'infra']);

/** <parameter> names that may carry the hazard (eventCode values are always read). */
export const TYPE_VALUE_NAME = /type|event|hazard|类型|种类|灾种/i;

/** <eventCode>/<parameter> names that carry the colour. */
export const LEVEL_VALUE_NAME = /level|colou?r|signal|severity|级别|等级|颜色/i;

/** <geocode> names that carry a statistical region code (GB/T 2260 + township/village digits). */
export const REGION_VALUE_NAME = /region|行政区划|区划代码|adcode|admin|gb\/?t\s*2260|area[\s_-]*code/i;

/** A 6-, 9- or 12-digit region code, padded to our 12 digits; null when it is not one. */
export function regionCode12(value: string): string | null {
  const v = value.trim();
  if (!/^\d{6}(\d{3}){0,2}$/.test(v)) return null;
  return v.padEnd(12, '0');
}
