// The Chinese words of the report files (the client's catalogue stays the client's: client/i18n). The
// same words as zh-CN.json's `gradeShort`, `status`, `alertType` and `alertLevel`; a unit test holds them
// to it, so a file never names a stage differently from the screen.
import type { AlertLevel, AlertType } from '../domain/alerts.ts';
import type { GradeKey } from '../domain/housing.ts';
import type { LedgerState } from '../domain/ledger-states.ts';

export const GRADE_LABELS: Record<GradeKey, string> = { A: 'A级', B: 'B级', C: 'C级', D: 'D级', none: '未鉴定' };

export const STATE_LABELS: Record<LedgerState, string> = {
  monitoring: '动态监测',
  suspected: '疑似危房',
  listed: '已纳入台账',
  planned: '已制定方案',
  under_works: '改造中',
  completed: '已竣工待验收',
  accepted: '已验收待销号',
  closed_out: '已销号',
  guaranteed: '已保障安全',
  idle: '闲置危房',
  sealed: '已封存',
  demolished: '已拆除',
  closed: '已销号（拆除）',
};

export const ALERT_TYPE_LABELS: Record<AlertType, string> = {
  rainstorm: '暴雨',
  flood: '洪水',
  flash_flood: '山洪',
  geological: '地质灾害',
  cold_wave: '寒潮',
  freeze: '冰冻',
  icing: '道路结冰',
  snowstorm: '暴雪',
  typhoon: '台风',
  gale: '大风',
  earthquake: '地震',
  other: '其他灾害',
};

export const ALERT_LEVEL_LABELS: Record<AlertLevel, string> = { blue: '蓝色', yellow: '黄色', orange: '橙色', red: '红色' };

/** The child regions' column: townships (镇/街道) of a county, villages (村/社区) of a township. */
export const childHeader = (level: 'county' | 'township' | 'village'): string => (level === 'county' ? '镇（街道）' : '村（社区）');
