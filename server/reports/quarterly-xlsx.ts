// 预警数据季度统计表 (seed 002: warning data reported to the district every quarter) as XLSX: sheet 1 per
// township the warnings that reached it, the households they exposed, patrolled, found dangerous and
// moved out; sheet 2 the warnings by type and level. Every number is the JSON report's
// (GET /api/reports/quarterly-warnings).
import type { QuarterlyFigures, QuarterlyReport } from '../db/figures-periods.ts';
import { ALERT_LEVEL_LABELS, ALERT_TYPE_LABELS, childHeader } from './labels.ts';
import { addTableSheet, newWorkbook, toBytes } from './workbook.ts';

const COLUMNS: { key: keyof QuarterlyFigures; header: string }[] = [
  { key: 'alerts', header: '预警（次）' },
  { key: 'exposed', header: '涉及房屋（户次）' },
  { key: 'patrolled', header: '已巡查（户次）' },
  { key: 'foundDangerous', header: '发现隐患（户次）' },
  { key: 'movedOut', header: '转移安置（户）' },
];

const quarterWords = (q: string) => `${q.slice(0, 4)}年第${q.slice(5)}季度`;

export async function quarterlyXlsx(r: QuarterlyReport): Promise<Uint8Array> {
  const wb = newWorkbook();
  const values = (f: QuarterlyFigures) => COLUMNS.map((c) => f[c.key]);
  addTableSheet(wb, '预警统计', `${r.region.name}${quarterWords(r.quarter)}预警数据统计表`, r.region, r.issuedOn, {
    columns: [{ header: childHeader(r.region.level), width: 16 }, ...COLUMNS.map((c) => ({ header: c.header, width: 16 }))],
    rows: r.byChild.map((row) => [row.name, ...values(row)]),
    totals: ['合计', ...values(r.totals)],
    notes: ['注：预警（次）合计为本季度生效的全部预警；各镇（街道）为其区域内有房屋受影响的预警。户次按每次预警分别计。'],
  });
  addTableSheet(wb, '预警类型', `${r.region.name}${quarterWords(r.quarter)}预警类型与级别`, r.region, r.issuedOn, {
    columns: [
      { header: '预警类型', width: 14 },
      { header: '级别', width: 10 },
      { header: '次数', width: 10 },
    ],
    rows: r.alerts.map((a) => [ALERT_TYPE_LABELS[a.type], ALERT_LEVEL_LABELS[a.level], a.count]),
    totals: ['合计', '', r.alerts.reduce((n, a) => n + a.count, 0)],
  });
  return toBytes(wb);
}

export const quarterlyFileName = (quarter: string) => ({ utf8: `安居_预警季报_${quarter}.xlsx`, ascii: `anju-quarterly-warnings-${quarter}.xlsx` });
