// The quarterly warning statistics (预警信息季度统计, seed 002: reported to the district each quarter)
// on A4 portrait: the warnings of the quarter by type × level, then per township (or village) the
// warnings that reached it, the houses they exposed, how many were patrolled, found dangerous and
// moved out. The figures are /api/reports/quarterly-warnings's (server/db/figures.ts), as in the XLSX.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrintQuarterly, type QuarterlyReport } from '../../api/reports.ts';
import { ALERT_LEVEL_STYLE } from '../../map/palette.ts';
import { ALERT_LEVELS, ALERT_TYPES, type AlertType } from '../../../server/domain/alerts.ts';
import { chinaDay } from '../../../server/domain/deadlines.ts';
import { errorCode, formatDay, formatQuarter, pageWords, percent } from './format.ts';
import { useIssuer } from './issuer.ts';
import { usePageSetup } from './page-setup.ts';
import { PrintChart, type PrintChartOption } from './PrintChart.tsx';
import { usePrintReady } from './print-ready.ts';
import { FailureNote, ReportHead } from './ReportHead.tsx';
import { ReportTable } from './ReportTable.tsx';

const thisQuarter = () => {
  const day = chinaDay(new Date());
  return `${day.slice(0, 4)}Q${Math.floor((Number(day.slice(5, 7)) - 1) / 3) + 1}`;
};

export function QuarterlyPrint({ region, quarter }: { region: string; quarter: string | null }) {
  const { t, i18n } = useTranslation();
  const q = quarter && /^\d{4}Q[1-4]$/.test(quarter) ? quarter : thisQuarter();
  const report = usePrintQuarterly({ region, quarter: q });
  const issuer = useIssuer(region);
  const data = report.data;
  const title = data ? t('printReports.quarterly.title', { region: data.region.name, quarter: formatQuarter(t, q) }) : '';
  const dated = data ? formatDay(data.issuedOn, i18n.language) : '';
  usePageSetup(data && issuer ? { orientation: 'portrait', issuer, title, dated, pageOf: pageWords(t) } : null);
  const error = report.error ? errorCode(report.error) : null;
  usePrintReady(Boolean(data && issuer), error);
  if (error) return <FailureNote code={error} />;
  if (!data || !issuer) return null;

  const children = t(data.region.level === 'county' ? 'printReports.townships' : 'printReports.villages');
  return (
    <main className="print-doc print-doc--portrait">
      <section className="sheet">
        <ReportHead title={title} issuer={issuer} dated={dated} />
        <h2>{t('printReports.quarterly.byType')}</h2>
        <AlertMatrix alerts={data.alerts} />
        <AlertChart alerts={data.alerts} />
      </section>
      <section className="sheet">
        <h2>{t('printReports.quarterly.byChild', { children })}</h2>
        <ReportTable
          head={[
            children,
            t('printReports.quarterly.col.alerts'),
            t('printReports.col.exposed'),
            t('printReports.col.patrolled'),
            t('printReports.col.patrolShare'),
            t('printReports.quarterly.col.foundDangerous'),
            t('printReports.quarterly.col.movedOut'),
          ]}
          rows={data.byChild}
          total={{ ...data.totals, code: 'total', name: t('printReports.total') }}
          cells={(r) => [r.alerts, r.exposed, r.patrolled, percent(r.patrolled, r.exposed), r.foundDangerous, r.movedOut]}
        />
        <CoverageChart rows={data.byChild} />
      </section>
    </main>
  );
}

/** The types the quarter had, in the vocabulary's order. */
const typesOf = (alerts: QuarterlyReport['alerts']): AlertType[] => ALERT_TYPES.filter((ty) => alerts.some((a) => a.type === ty && a.count > 0));

function AlertMatrix({ alerts }: { alerts: QuarterlyReport['alerts'] }) {
  const { t } = useTranslation();
  const count = (type: AlertType | null, level: string | null) =>
    alerts.filter((a) => (type === null || a.type === type) && (level === null || a.level === level)).reduce((n, a) => n + a.count, 0);
  const types = typesOf(alerts);
  if (types.length === 0) return <p className="report-empty">{t('printReports.quarterly.none')}</p>;
  return (
    <table className="report-table">
      <thead>
        <tr>
          <th>{t('printReports.quarterly.col.type')}</th>
          {ALERT_LEVELS.map((l) => (
            <th key={l}>{t(`alertLevel.${l}`)}</th>
          ))}
          <th>{t('printReports.total')}</th>
        </tr>
      </thead>
      <tbody>
        {[...types, null].map((ty) => (
          <tr key={ty ?? 'total'} className={ty === null ? 'is-total' : undefined}>
            <th scope="row">{ty ? t(`alertType.${ty}`) : t('printReports.total')}</th>
            {ALERT_LEVELS.map((l) => (
              <td key={l}>{count(ty, l)}</td>
            ))}
            <td>{count(ty, null)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

function AlertChart({ alerts }: { alerts: QuarterlyReport['alerts'] }) {
  const { t } = useTranslation();
  const option = useMemo<PrintChartOption>(() => {
    const types = typesOf(alerts);
    return {
      title: { text: t('printReports.quarterly.chartTypes'), textStyle: { fontSize: 13, fontWeight: 'bold' }, left: 0 },
      legend: { top: 0, right: 0, textStyle: { fontSize: 11 } },
      grid: { left: 4, right: 8, top: 42, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: types.map((ty) => t(`alertType.${ty}`)), axisLabel: { fontSize: 11, interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      series: ALERT_LEVELS.map((l) => ({
        type: 'bar' as const,
        name: t(`alertLevel.${l}`),
        stack: 'level',
        data: types.map((ty) => alerts.filter((a) => a.type === ty && a.level === l).reduce((n, a) => n + a.count, 0)),
        itemStyle: { color: ALERT_LEVEL_STYLE[l].fill },
        barMaxWidth: 36,
      })),
    };
  }, [alerts, t]);
  if (typesOf(alerts).length === 0) return null;
  return <PrintChart option={option} width={680} height={280} label={t('printReports.quarterly.chartTypes')} />;
}

function CoverageChart({ rows }: { rows: QuarterlyReport['byChild'] }) {
  const { t } = useTranslation();
  const option = useMemo<PrintChartOption>(
    () => ({
      title: { text: t('printReports.quarterly.chartCoverage'), textStyle: { fontSize: 13, fontWeight: 'bold' }, left: 0 },
      legend: { top: 0, right: 0, textStyle: { fontSize: 11 } },
      grid: { left: 4, right: 8, top: 42, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: rows.map((r) => r.name), axisLabel: { fontSize: 10, interval: 0, rotate: rows.length > 8 ? 40 : 0 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      series: [
        { type: 'bar', name: t('printReports.col.exposed'), data: rows.map((r) => r.exposed), itemStyle: { color: '#cbd5e1' }, barGap: '-100%', barMaxWidth: 18 },
        { type: 'bar', name: t('printReports.col.patrolled'), data: rows.map((r) => r.patrolled), itemStyle: { color: '#2f6fd6' }, barMaxWidth: 18 },
      ],
    }),
    [rows, t],
  );
  return <PrintChart option={option} width={680} height={300} label={t('printReports.quarterly.chartCoverage')} />;
}
