// Known <eventCode> schemes: what a code says about the hazard, before any words are read.
//
// A code answers with one of our types, with NATURAL (a natural hazard we have no type for, or one the
// words should narrow: the alert becomes `other` unless the event text names a type), or with
// NOT_NATURAL (security, civil, health, technological or test messages: refused). A code we do not know
// says nothing and the words decide.
//
// - SAME (US NWS/EAS, valueName "SAME" or "NationalWeatherService"): three letters, 47 CFR 11.31 and
//   weather.gov/nwr/eventcodes. Hurricane/tropical storm → typhoon; tornado → gale; severe thunderstorm →
//   rainstorm (the thunderstorm/雷电/暴雨 group); dam break → flood (the water does to a house
//   what a flood does, whoever broke the dam).
// - China's national early-warning release system (国家突发事件预警信息发布系统): 11B = 气象灾害
//   (meteorological disasters) with two digits: 11B01 台风, 11B03 暴雨 … as the 12379 feeds send them. Any
//   11Bxx is natural; the numbers below are those we map to a type.
// - MeteoAlarm (EMMA, valueName "awareness_type"): "10; Rain" — the number is the awareness type.
import type { AlertType } from './alerts.ts';

export const NATURAL = 'natural';
export const NOT_NATURAL = 'not_natural';
export type CodeVerdict = AlertType | typeof NATURAL | typeof NOT_NATURAL;

/** SAME event codes. Codes left out (CEM, CDW, LAE, EVI, SPW …) name no hazard: category and words decide. */
const SAME: Record<string, [CodeVerdict, string]> = {
  BZW: ['snowstorm', 'Blizzard Warning'],
  WSA: ['snowstorm', 'Winter Storm Watch'],
  WSW: ['snowstorm', 'Winter Storm Warning'],
  SQW: ['snowstorm', 'Snow Squall Warning'],
  LSW: ['snowstorm', 'Lake Effect Snow Warning'],
  ISW: ['icing', 'Ice Storm Warning'],
  FSW: ['icing', 'Flash Freeze Warning'],
  FZW: ['freeze', 'Freeze Warning'],
  WCW: ['cold_wave', 'Wind Chill Warning'],
  ECW: ['cold_wave', 'Extreme Cold Warning'],
  CFA: ['flood', 'Coastal Flood Watch'],
  CFW: ['flood', 'Coastal Flood Warning'],
  FLA: ['flood', 'Flood Watch'],
  FLW: ['flood', 'Flood Warning'],
  FLS: ['flood', 'Flood Statement'],
  SSA: ['flood', 'Storm Surge Watch'],
  SSW: ['flood', 'Storm Surge Warning'],
  DBA: ['flood', 'Dam Watch'],
  DBW: ['flood', 'Dam Break Warning'],
  FFA: ['flash_flood', 'Flash Flood Watch'],
  FFW: ['flash_flood', 'Flash Flood Warning'],
  FFS: ['flash_flood', 'Flash Flood Statement'],
  HUA: ['typhoon', 'Hurricane Watch'],
  HUW: ['typhoon', 'Hurricane Warning'],
  HLS: ['typhoon', 'Hurricane Local Statement'],
  TRA: ['typhoon', 'Tropical Storm Watch'],
  TRW: ['typhoon', 'Tropical Storm Warning'],
  TOA: ['gale', 'Tornado Watch'],
  TOR: ['gale', 'Tornado Warning'],
  HWA: ['gale', 'High Wind Watch'],
  HWW: ['gale', 'High Wind Warning'],
  EWW: ['gale', 'Extreme Wind Warning'],
  SVA: ['rainstorm', 'Severe Thunderstorm Watch'],
  SVR: ['rainstorm', 'Severe Thunderstorm Warning'],
  EQW: ['earthquake', 'Earthquake Warning'],
  SVS: [NATURAL, 'Severe Weather Statement'],
  SPS: [NATURAL, 'Special Weather Statement'],
  SMW: [NATURAL, 'Special Marine Warning'],
  DSW: [NATURAL, 'Dust Storm Warning'],
  EHW: [NATURAL, 'Extreme Heat Warning'],
  AVA: [NATURAL, 'Avalanche Watch'],
  AVW: [NATURAL, 'Avalanche Warning'],
  TSA: [NATURAL, 'Tsunami Watch'],
  TSW: [NATURAL, 'Tsunami Warning'],
  VOW: [NATURAL, 'Volcano Warning'],
  FRW: [NATURAL, 'Fire Warning'],
  ADR: [NOT_NATURAL, 'Administrative Message'],
  BHW: [NOT_NATURAL, 'Biological Hazard Warning'],
  BLU: [NOT_NATURAL, 'Blue Alert'],
  BWW: [NOT_NATURAL, 'Boil Water Warning'],
  CAE: [NOT_NATURAL, 'Child Abduction Emergency'],
  CHW: [NOT_NATURAL, 'Chemical Hazard Warning'],
  CWW: [NOT_NATURAL, 'Contaminated Water Warning'],
  DEW: [NOT_NATURAL, 'Contagious Disease Warning'],
  DMO: [NOT_NATURAL, 'Practice/Demo Warning'],
  EAN: [NOT_NATURAL, 'Emergency Action Notification'],
  EAT: [NOT_NATURAL, 'Emergency Action Termination'],
  FCW: [NOT_NATURAL, 'Food Contamination Warning'],
  HMW: [NOT_NATURAL, 'Hazardous Materials Warning'],
  IFW: [NOT_NATURAL, 'Industrial Fire Warning'],
  LEW: [NOT_NATURAL, 'Law Enforcement Warning'],
  MEP: [NOT_NATURAL, 'Missing and Endangered Persons'],
  NAT: [NOT_NATURAL, 'National Audible Test'],
  NIC: [NOT_NATURAL, 'National Information Center'],
  NMN: [NOT_NATURAL, 'Network Message Notification'],
  NPT: [NOT_NATURAL, 'National Periodic Test'],
  NST: [NOT_NATURAL, 'National Silent Test'],
  NUW: [NOT_NATURAL, 'Nuclear Power Plant Warning'],
  POS: [NOT_NATURAL, 'Power Outage Statement'],
  RHW: [NOT_NATURAL, 'Radiological Hazard Warning'],
  RMT: [NOT_NATURAL, 'Required Monthly Test'],
  RWT: [NOT_NATURAL, 'Required Weekly Test'],
  TOE: [NOT_NATURAL, '911 Telephone Outage Emergency'],
};

/** 11B (气象灾害) numbers, after the 12379 feeds. */
const CN_11B: Record<string, [CodeVerdict, string]> = {
  '01': ['typhoon', '台风'],
  '02': ['gale', '龙卷风'],
  '03': ['rainstorm', '暴雨'],
  '04': ['snowstorm', '暴雪'],
  '05': ['cold_wave', '寒潮'],
  '06': ['gale', '大风'],
  '07': [NATURAL, '沙尘暴'],
  '08': ['freeze', '低温冻害'],
  '09': [NATURAL, '高温'],
  '12': ['gale', '下击暴流'],
  '14': ['rainstorm', '雷电'],
  '15': [NATURAL, '冰雹'],
  '16': ['freeze', '霜冻'],
  '17': [NATURAL, '大雾'],
  '19': [NATURAL, '霾'],
  '20': ['gale', '雷雨大风'],
  '21': ['icing', '道路结冰'],
  '22': [NATURAL, '干旱'],
  '25': [NATURAL, '森林火险'],
  '27': ['freeze', '冰冻'],
};

/** MeteoAlarm awareness types (EMMA): "1; Wind" … "13; rain-flood". */
const METEOALARM: Record<string, [CodeVerdict, string]> = {
  '1': ['gale', 'Wind'],
  '2': ['snowstorm', 'Snow/Ice'],
  '3': ['rainstorm', 'Thunderstorm'],
  '4': [NATURAL, 'Fog'],
  '5': [NATURAL, 'High temperature'],
  '6': ['cold_wave', 'Low temperature'],
  '7': ['flood', 'Coastal event'],
  '8': [NATURAL, 'Forest fire'],
  '9': [NATURAL, 'Avalanche'],
  '10': ['rainstorm', 'Rain'],
  '12': ['flood', 'Flooding'],
  '13': ['flood', 'Rain-flood'],
};

export interface CodeReading {
  verdict: CodeVerdict;
  /** "SAME CAE (Child Abduction Emergency)", for the refusal message. */
  label: string;
}

/** What a known scheme says about one <eventCode>; null for a scheme or code we do not know. */
export function readEventCode(valueName: string, value: string): CodeReading | null {
  const name = valueName.trim();
  const v = value.trim();
  if (/^(SAME|NationalWeatherService|NWS)$/i.test(name)) {
    const hit = SAME[v.toUpperCase()];
    return hit ? { verdict: hit[0], label: `SAME ${v.toUpperCase()} (${hit[1]})` } : null;
  }
  const cn = /^11B(\d{2})$/i.exec(v);
  if (cn) {
    const hit = CN_11B[cn[1]!];
    return { verdict: hit?.[0] ?? NATURAL, label: `${v.toUpperCase()} (${hit?.[1] ?? '气象灾害'})` };
  }
  if (/^awareness_type$/i.test(name)) {
    const n = /^\s*(\d+)\s*;/.exec(v)?.[1];
    const hit = n ? METEOALARM[n] : undefined;
    return hit ? { verdict: hit[0], label: `MeteoAlarm awareness type ${n} (${hit[1]})` } : null;
  }
  return null;
}
