// The briefing (简报) on A4 landscape, three pages: the region's map with the key numbers; the
// township-by-township (or village-by-village) comparison with a chart; the active warnings, the
// weeks' patrols, what changed since the last briefing a week ago and what falls due this week.
// Every figure is /api/dashboard's (server/db/figures.ts), the same as the dashboard and briefing mode.
import { useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { usePrintDashboard, type Dashboard } from '../../api/reports.ts';
import { ALERT_LEVEL_COLORS, GRADE_COLORS } from '../../map/palette.ts';
import { chinaDay, isCalendarDay } from '../../../server/domain/deadlines.ts';
import { alertName } from '../alerts/format.ts';
import { daysBefore, errorCode, formatDay, pageWords, percent } from './format.ts';
import { useIssuer } from './issuer.ts';
import { usePageSetup } from './page-setup.ts';
import { PrintChart, type PrintChartOption } from './PrintChart.tsx';
import { usePrintReady } from './print-ready.ts';
import { BriefingMap } from './BriefingMap.tsx';
import { FailureNote, KeyFigure, ReportHead } from './ReportHead.tsx';

/** Lists on paper stop here and say how many more there are: the layout stays at three pages. */
const MAX_WARNINGS = 8;
const MAX_DUE = 14;

export function BriefingPrint({ region, date }: { region: string; date: string | null }) {
  const { t, i18n } = useTranslation();
  const day = date && isCalendarDay(date) ? date : chinaDay(new Date());
  // What changed since the last briefing: a week ago.
  const since = daysBefore(day, 7);
  const dash = usePrintDashboard({ region, since });
  const issuer = useIssuer(region);
  const [mapDrawn, setMapDrawn] = useState(false);
  const [mapError, setMapError] = useState<string | null>(null);
  const onDrawn = useCallback(() => setMapDrawn(true), []);
  const dated = formatDay(day, i18n.language);
  const data = dash.data;
  const title = data ? t('printReports.briefing.title', { region: data.region.name }) : '';
  usePageSetup(data && issuer ? { orientation: 'landscape', issuer, title, dated, pageOf: pageWords(t) } : null);
  const error = dash.error ? errorCode(dash.error) : mapError;
  usePrintReady(Boolean(data && issuer && mapDrawn), error);
  if (error) return <FailureNote code={error} />;
  if (!data || !issuer) return null;

  const asOf = data.today !== day ? t('printReports.dataAsOf', { date: formatDay(data.today, i18n.language) }) : undefined;
  return (
    <main className="print-doc print-doc--landscape">
      <section className="sheet briefing-overview">
        <ReportHead title={title} issuer={issuer} dated={dated} {...(asOf ? { note: asOf } : {})} />
        <div className="briefing-overview__body">
          <BriefingMap region={data.region} onDrawn={onDrawn} onError={setMapError} />
          <KeyFigures data={data} />
        </div>
      </section>
      <Comparison data={data} />
      <WeekPage data={data} />
    </main>
  );
}

function KeyFigures({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const { households: h, ledger, overdue, patrol, warnings } = data;
  const dangerous = h.byGrade.C + h.byGrade.D;
  const exposed = warnings.reduce((n, w) => n + w.exposed, 0);
  return (
    <div className="key-figures">
      <KeyFigure label={t('printReports.key.households')} value={h.total} sub={t('printReports.key.keyHouses', { count: h.key })} />
      <KeyFigure label={t('printReports.key.dangerous')} value={dangerous} tone="alarm" sub={t('printReports.key.cd', { c: h.byGrade.C, d: h.byGrade.D })} />
      <KeyFigure label={t('printReports.key.inLedger')} value={ledger.inLedger} />
      <KeyFigure label={t('printReports.key.mustMoveOut')} value={ledger.mustMoveOut} {...(ledger.mustMoveOut > 0 ? { tone: 'alarm' as const } : {})} />
      <KeyFigure label={t('printReports.key.overdueWorks')} value={overdue.works} {...(overdue.works > 0 ? { tone: 'warn' as const } : {})} />
      <KeyFigure label={t('printReports.key.warnings')} value={warnings.length} sub={t('printReports.key.exposed', { count: exposed })} />
      <KeyFigure
        label={t('printReports.key.patrol7d')}
        value={`${patrol.last7d.done.toLocaleString('zh-CN')} / ${patrol.last7d.due.toLocaleString('zh-CN')}`}
        sub={t('printReports.key.done', { share: percent(patrol.last7d.done, patrol.last7d.due) })}
      />
    </div>
  );
}

/** The children's names: townships of a county, villages of a township. */
const childWord = (t: (k: string) => string, level: string) => t(level === 'county' ? 'printReports.townships' : 'printReports.villages');

function Comparison({ data }: { data: Dashboard }) {
  const { t } = useTranslation();
  const rows = data.children;
  const option = useMemo<PrintChartOption>(() => {
    const names = rows.map((r) => r.name).reverse();
    const bar = (grade: 'C' | 'D') => ({
      type: 'bar' as const,
      name: t(`gradeShort.${grade}`),
      stack: 'danger',
      data: rows.map((r) => r.byGrade[grade]).reverse(),
      itemStyle: { color: GRADE_COLORS[grade] },
      barMaxWidth: 14,
    });
    return {
      title: { text: t('printReports.briefing.chartDanger'), textStyle: { fontSize: 13, fontWeight: 'bold' }, left: 0 },
      legend: { top: 0, right: 0, textStyle: { fontSize: 11 } },
      grid: { left: 4, right: 16, top: 42, bottom: 4, containLabel: true },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      yAxis: { type: 'category', data: names, axisLabel: { fontSize: 10, interval: 0 } },
      series: [bar('C'), bar('D')],
    };
  }, [rows, t]);
  return (
    <section className="sheet">
      <h2>{t('printReports.briefing.comparison', { children: childWord(t, data.region.level) })}</h2>
      <div className="comparison">
        <table className="report-table">
          <thead>
            <tr>
              <th>{childWord(t, data.region.level)}</th>
              <th>{t('printReports.col.households')}</th>
              <th>{t('gradeShort.C')}</th>
              <th>{t('gradeShort.D')}</th>
              <th>{t('printReports.col.inLedger')}</th>
              <th>{t('printReports.col.overdueWorks')}</th>
              <th>{t('printReports.col.mustMoveOut')}</th>
              <th>{t('printReports.col.suspected')}</th>
              <th>{t('printReports.col.patrolled7d')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r) => (
              <tr key={r.code}>
                <th scope="row">{r.name}</th>
                <td>{r.households.toLocaleString('zh-CN')}</td>
                <td>{r.byGrade.C}</td>
                <td>{r.byGrade.D}</td>
                <td>{r.inLedger}</td>
                <td className={r.overdueWorks > 0 ? 'is-warn' : undefined}>{r.overdueWorks}</td>
                <td className={r.mustMoveOut > 0 ? 'is-alarm' : undefined}>{r.mustMoveOut}</td>
                <td>{r.suspected}</td>
                <td>{r.patrolled7d}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <PrintChart option={option} width={380} height={Math.min(560, 80 + rows.length * 22)} label={t('printReports.briefing.chartDanger')} />
      </div>
    </section>
  );
}

function WeekPage({ data }: { data: Dashboard }) {
  const { t, i18n } = useTranslation();
  const { warnings, dueThisWeek, changes, trends } = data;
  const option = useMemo<PrintChartOption>(
    () => ({
      title: { text: t('printReports.briefing.chartPatrol'), textStyle: { fontSize: 13, fontWeight: 'bold' }, left: 0 },
      legend: { top: 0, right: 0, textStyle: { fontSize: 11 } },
      grid: { left: 4, right: 8, top: 42, bottom: 4, containLabel: true },
      xAxis: { type: 'category', data: trends.weeks.map((w) => w.slice(5)), axisLabel: { fontSize: 10 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { fontSize: 10 } },
      series: [
        { type: 'bar', name: t('printReports.briefing.due'), data: trends.due, itemStyle: { color: '#cbd5e1' }, barGap: '-100%', barMaxWidth: 22 },
        { type: 'bar', name: t('printReports.briefing.patrolled'), data: trends.patrolled, itemStyle: { color: '#2f6fd6' }, barMaxWidth: 22 },
        { type: 'line', name: t('printReports.briefing.toDangerous'), data: trends.toDangerous, itemStyle: { color: GRADE_COLORS.D }, symbolSize: 5 },
      ],
    }),
    [trends, t],
  );
  return (
    <section className="sheet week-page">
      <div className="week-page__main">
        <h2>{t('printReports.briefing.warnings', { count: warnings.length })}</h2>
        {warnings.length === 0 ? (
          <p className="report-empty">{t('printReports.briefing.noWarnings')}</p>
        ) : (
          <table className="report-table">
            <thead>
              <tr>
                <th>{t('printReports.col.warning')}</th>
                <th>{t('printReports.col.exposed')}</th>
                <th>{t('printReports.col.dispatched')}</th>
                <th>{t('printReports.col.patrolled')}</th>
                <th>{t('printReports.col.patrolShare')}</th>
              </tr>
            </thead>
            <tbody>
              {warnings.slice(0, MAX_WARNINGS).map((w) => (
                <tr key={w.alertId}>
                  <th scope="row">
                    <span className="level-dot" style={{ background: ALERT_LEVEL_COLORS[w.level] }} />
                    {alertName(t, w.type, w.level)}
                    {w.title && <small>{w.title}</small>}
                  </th>
                  <td>{w.exposed}</td>
                  <td>{w.dispatched}</td>
                  <td>{w.patrolled}</td>
                  <td>{percent(w.patrolled, w.dispatched)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {warnings.length > MAX_WARNINGS && <p className="report-more">{t('printReports.more', { count: warnings.length - MAX_WARNINGS })}</p>}
        <PrintChart option={option} width={600} height={250} label={t('printReports.briefing.chartPatrol')} />
      </div>
      <div className="week-page__side">
        <h2>{t('printReports.briefing.changes', { date: formatDay(changes.since, i18n.language) })}</h2>
        <div className="key-figures key-figures--row">
          <KeyFigure label={t('printReports.briefing.newSuspected')} value={changes.newSuspected} tone="warn" />
          <KeyFigure label={t('printReports.briefing.closedOut')} value={changes.closedOut} />
          <KeyFigure label={t('printReports.briefing.newOverdue')} value={changes.newOverdue} {...(changes.newOverdue > 0 ? { tone: 'alarm' as const } : {})} />
        </div>
        <h2>{t('printReports.briefing.dueThisWeek', { count: dueThisWeek.length })}</h2>
        {dueThisWeek.length === 0 ? (
          <p className="report-empty">{t('printReports.briefing.nothingDue')}</p>
        ) : (
          <ul className="due-list">
            {dueThisWeek.slice(0, MAX_DUE).map((d, i) => (
              <li key={`${d.kind}-${d.houseId ?? d.taskId ?? d.complaintId ?? i}`}>
                <span className="due-list__kind">{t(`printReports.dueKind.${d.kind}`)}</span>
                <span className="due-list__label">{d.label}</span>
                <span className="due-list__on">{d.dueOn.slice(5)}</span>
              </li>
            ))}
          </ul>
        )}
        {dueThisWeek.length > MAX_DUE && <p className="report-more">{t('printReports.more', { count: dueThisWeek.length - MAX_DUE })}</p>}
      </div>
    </section>
  );
}
