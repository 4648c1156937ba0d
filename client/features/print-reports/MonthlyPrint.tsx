// The monthly progress report (农村危房整治进度月报, seed 003: filed upward by the 22nd) on A4 portrait,
// laid out as county staff file it: one page per table — households by grade, the ledger by stage,
// the month's works, relocations and complaints — each township (or village) a row, the total last.
// The figures are /api/reports/monthly's (server/db/figures.ts), the same as the XLSX file.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrintMonthly, type MonthlyReport } from '../../api/reports.ts';
import { GRADE_KEYS } from '../../../server/domain/housing.ts';
import { LEDGER_STATES } from '../../../server/domain/ledger-states.ts';
import { chinaDay } from '../../../server/domain/deadlines.ts';
import { errorCode, formatDay, formatMonth, pageWords, percent } from './format.ts';
import { useIssuer } from './issuer.ts';
import { usePageSetup } from './page-setup.ts';
import { PrintChart, type PrintChartOption } from './PrintChart.tsx';
import { usePrintReady } from './print-ready.ts';
import { FailureNote, ReportHead } from './ReportHead.tsx';
import { ReportTable } from './ReportTable.tsx';

/** The ledger's stages as the report counts them: every state but plain monitoring. */
const STAGES = LEDGER_STATES.filter((s) => s !== 'monitoring');
const PROGRESS = ['worksStarted', 'worksCompleted', 'accepted', 'closedOut', 'relocated', 'complaintsReceived', 'complaintsAnswered'] as const;
const PROGRESS_COLORS = ['#f08c00', '#2f6fd6', '#0f766e', '#2e9d4f'];

type Row = MonthlyReport['byChild'][number];

export function MonthlyPrint({ region, month }: { region: string; month: string | null }) {
  const { t, i18n } = useTranslation();
  const m = month && /^\d{4}-(0[1-9]|1[0-2])$/.test(month) ? month : chinaDay(new Date()).slice(0, 7);
  const report = usePrintMonthly({ region, month: m });
  const issuer = useIssuer(region);
  const data = report.data;
  const title = data ? t('printReports.monthly.title', { region: data.region.name, month: formatMonth(m, i18n.language) }) : '';
  const dated = data ? formatDay(data.issuedOn, i18n.language) : '';
  usePageSetup(data && issuer ? { orientation: 'portrait', issuer, title, dated, pageOf: pageWords(t) } : null);
  const error = report.error ? errorCode(report.error) : null;
  usePrintReady(Boolean(data && issuer), error);
  if (error) return <FailureNote code={error} />;
  if (!data || !issuer) return null;

  const children = t(data.region.level === 'county' ? 'printReports.townships' : 'printReports.villages');
  const total: Row = { ...data.totals, code: 'total', name: t('printReports.total') };
  return (
    <main className="print-doc print-doc--portrait">
      <section className="sheet">
        <ReportHead title={title} issuer={issuer} dated={dated} />
        <h2>{t('printReports.monthly.byGrade')}</h2>
        <ReportTable
          head={[children, t('printReports.col.households'), ...GRADE_KEYS.map((g) => t(`gradeShort.${g}`)), t('printReports.col.dangerShare')]}
          rows={data.byChild}
          total={total}
          cells={(r) => [r.households, ...GRADE_KEYS.map((g) => r.byGrade[g]), percent(r.byGrade.C + r.byGrade.D, r.households)]}
        />
      </section>
      <section className="sheet">
        <h2>{t('printReports.monthly.byStage')}</h2>
        <ReportTable
          className="report-table--dense"
          head={[children, ...STAGES.map((s) => t(`status.${s}`))]}
          rows={data.byChild}
          total={total}
          cells={(r) => STAGES.map((s) => r.byState[s] ?? 0)}
        />
      </section>
      <section className="sheet">
        <h2>{t('printReports.monthly.progress', { month: formatMonth(m, i18n.language) })}</h2>
        <ReportTable
          head={[children, ...PROGRESS.map((k) => t(`printReports.monthly.col.${k}`))]}
          rows={data.byChild}
          total={total}
          cells={(r) => PROGRESS.map((k) => r[k])}
        />
        <ProgressChart rows={data.byChild} />
      </section>
    </main>
  );
}

function ProgressChart({ rows }: { rows: Row[] }) {
  const { t } = useTranslation();
  const option = useMemo<PrintChartOption>(
    () => ({
      title: { text: t('printReports.monthly.chart'), textStyle: { fontSize: 13, fontWeight: 'bold' }, left: 0 },
      legend: { top: 0, right: 0, textStyle: { fontSize: 11 } },
      grid: { left: 4, right: 8, top: 42, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 10, interval: 0, rotate: rows.length > 8 ? 40 : 0 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      series: PROGRESS.slice(0, 4).map((k, i) => ({
        type: 'bar' as const,
        name: t(`printReports.monthly.col.${k}`),
        data: rows.map((r) => r[k]),
        itemStyle: { color: PROGRESS_COLORS[i] },
        barMaxWidth: 10,
      })),
    }),
    [rows, t],
  );
  return <PrintChart option={option} width={680} height={300} label={t('printReports.monthly.chart')} />;
}
