// 农村住房安全动态监测月报 (seed 003: monthly progress, filed by the 22nd) as XLSX: sheet 1 the standing
// per township — households by appraisal grade and by ledger stage — sheet 2 what the month brought:
// works started, completed, accepted and closed out, households moved out, complaints received and
// answered. Every number is the JSON report's (GET /api/reports/monthly).
import type { MonthlyFigures, MonthlyReport } from '../db/figures-periods.ts';
import { GRADE_KEYS } from '../domain/housing.ts';
import { LEDGER_STATES } from '../domain/ledger-states.ts';
import { GRADE_LABELS, STATE_LABELS, childHeader } from './labels.ts';
import { addTableSheet, newWorkbook, toBytes, type Column } from './workbook.ts';

const FLOW: { key: keyof MonthlyFigures; header: string; group: string }[] = [
  { key: 'worksStarted', header: '开工', group: '危房改造（户）' },
  { key: 'worksCompleted', header: '竣工', group: '危房改造（户）' },
  { key: 'accepted', header: '验收', group: '危房改造（户）' },
  { key: 'closedOut', header: '销号', group: '危房改造（户）' },
  { key: 'relocated', header: '转移安置（户）', group: '' },
  { key: 'complaintsReceived', header: '受理', group: '举报投诉（件）' },
  { key: 'complaintsAnswered', header: '答复', group: '举报投诉（件）' },
];

const monthWords = (month: string) => `${month.slice(0, 4)}年${Number(month.slice(5, 7))}月`;

export async function monthlyXlsx(r: MonthlyReport): Promise<Uint8Array> {
  const wb = newWorkbook();
  const child = childHeader(r.region.level);
  const label = (row: { name: string }) => row.name;

  const standing = (f: MonthlyFigures) => [f.households, ...GRADE_KEYS.map((g) => f.byGrade[g]), ...LEDGER_STATES.map((s) => f.byState[s])];
  const standingColumns: Column[] = [
    { header: child, width: 16 },
    { header: '监测户数', width: 10 },
    ...GRADE_KEYS.map((g) => ({ header: GRADE_LABELS[g], group: '房屋安全鉴定等级（户）', width: 8 })),
    ...LEDGER_STATES.map((s) => ({ header: STATE_LABELS[s], group: '整改台账阶段（户）', width: Math.max(8, STATE_LABELS[s].length * 2 + 2) })),
  ];
  addTableSheet(wb, '等级与台账', `${r.region.name}农村住房安全动态监测月报（${monthWords(r.month)}）`, r.region, r.issuedOn, {
    columns: standingColumns,
    rows: r.byChild.map((row) => [label(row), ...standing(row)]),
    totals: ['合计', ...standing(r.totals)],
    notes: [`注：等级与台账阶段为填报日（${r.issuedOn}）的情况。`],
  });

  const flow = (f: MonthlyFigures) => FLOW.map((c) => f[c.key] as number);
  const rowSum = (i: number) => r.byChild.reduce((n, row) => n + flow(row)[i]!, 0);
  const unplaced = FLOW.some((c, i) => c.key.startsWith('complaints') && rowSum(i) !== flow(r.totals)[i]);
  addTableSheet(wb, '改造与投诉', `${r.region.name}危房改造与举报投诉月报（${monthWords(r.month)}）`, r.region, r.issuedOn, {
    columns: [{ header: child, width: 16 }, ...FLOW.map((c) => ({ header: c.header, width: c.group ? 8 : 14, ...(c.group ? { group: c.group } : {}) }))],
    rows: r.byChild.map((row) => [label(row), ...flow(row)]),
    totals: ['合计', ...flow(r.totals)],
    notes: [`注：本月为${r.month}（北京时间）。`, ...(unplaced ? ['合计含尚未明确所属镇（街道）的举报投诉。'] : [])],
  });
  return toBytes(wb);
}

/** 安居_月报_2026-11.xlsx, and an ASCII name for old clients. */
export const monthlyFileName = (month: string) => ({ utf8: `安居_月报_${month}.xlsx`, ascii: `anju-monthly-${month}.xlsx` });
