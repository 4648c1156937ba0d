// 数据看板 (/dashboard): one region's figures at a glance — key numbers, households by grade and by
// structure, the ledger by stage, the child regions side by side, the active warnings, patrol
// completion, and the weekly trends. Every number comes from GET /api/dashboard (server/db/figures.ts).
// A click on a chart opens the list behind it: a grade or structure → the map so filtered, a stage →
// the ledger, a township → the map of that township, a warning → the warning on the map. Region and
// days live in the URL (?region=&from=&to=), and the days go along to the map.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADE_KEYS } from '../../../server/domain/housing.ts';
import type { Me } from '../../api/auth.ts';
import { useDashboard, type Dashboard } from '../../api/dashboard.ts';
import { useRegions } from '../../api/regions.ts';
import { navigate, replaceUrl, useLocation } from '../../navigation.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { Chart, type ChartPick } from './Chart.tsx';
import {
  childrenChart,
  gradeChangeChart,
  gradeChart,
  overdueTrendChart,
  patrolTrendChart,
  stageChart,
  structureChart,
  warningsChart,
} from './chart-options.ts';
import { DateRange, RegionPicker, ReportLinks } from './DashboardControls.tsx';
import { dashboardHref, dashboardParams, ledgerHref, mapHref, parseDashboardView, type DashboardView } from './dashboard-url.ts';
import { KeyNumbers, keyNumbers } from './KeyNumbers.tsx';
import { PatrolCompletion } from './PatrolCompletion.tsx';
import './dashboard.css';

export default function DashboardScreen(props: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t } = useTranslation();
  const loc = useLocation();
  const search = loc.includes('?') ? loc.slice(loc.indexOf('?')) : '';
  const view = useMemo(() => parseDashboardView(search), [search]);
  const figures = useDashboard(dashboardParams(view));
  const regions = useRegions();
  const setView = (next: Partial<DashboardView>) => replaceUrl(dashboardHref({ ...view, ...next }));
  const f = figures.data;

  return (
    <div className="app dashboard">
      <AppHeader me={props.me} screen="dashboard" onSignOut={props.onSignOut} />
      <main className="dash" aria-busy={figures.isFetching}>
        <div className="dash__head">
          <div className="dash__title">
            <h1>{t('dashboard.title', { region: f?.region.name ?? props.me.user.region.name })}</h1>
            {f && (
              <p className="dash__subtitle" data-testid="dash-as-of">
                {t('dashboard.asOf', { today: f.today, from: f.range.from, to: f.range.to })}
              </p>
            )}
          </div>
          <div className="dash__controls">
            <RegionPicker regions={regions.data} region={view.region} onChange={(region) => setView({ region })} />
            <DateRange from={view.from} to={view.to} shown={f?.range} onChange={(r) => setView(r)} />
          </div>
        </div>

        {figures.isError && (
          <div className="dash__error">
            <ErrorNote error={figures.error}>
              <button type="button" className="button" onClick={() => void figures.refetch()}>
                {t('app.retry')}
              </button>
            </ErrorNote>
          </div>
        )}
        {!f && figures.isPending && (
          <p className="dash__loading" role="status">
            {t('app.loading')}
          </p>
        )}
        {f && <DashboardBody f={f} view={view} />}
      </main>
    </div>
  );
}

function DashboardBody({ f, view }: { f: Dashboard; view: DashboardView }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const charts = useMemo(() => {
    const text = { t, lang };
    return {
      grade: gradeChart(f, text),
      structure: structureChart(f, text),
      stage: stageChart(f, text),
      children: childrenChart(f.children, text),
      warnings: warningsChart(f.warnings, text),
      patrolTrend: patrolTrendChart(f, text),
      gradeChange: gradeChangeChart(f, text),
      overdueTrend: overdueTrendChart(f, text),
    };
  }, [f, t, lang]);
  const region = view.region ?? f.region.code;
  const go = (href: string) => navigate(href);
  const childLevel = f.region.level === 'county' ? 'township' : 'village';

  return (
    <>
      <KeyNumbers numbers={keyNumbers(f, view)} />
      <div className="dash-grid">
        <ChartCard id="grade" title={t('dashboard.chart.grade')} hint={t('dashboard.hint.toMap')}>
          <Chart
            name="grade"
            option={charts.grade.option}
            summary={charts.grade.summary}
            categoryAxis="x"
            onPick={(p) => go(mapHref(view, { grade: charts.grade.keys[p.index]! }))}
          />
        </ChartCard>
        <ChartCard id="structure" title={t('dashboard.chart.structure')} hint={t('dashboard.hint.toMap')}>
          <Chart
            name="structure"
            option={charts.structure.option}
            summary={charts.structure.summary}
            categoryAxis="y"
            onPick={(p) => go(mapHref(view, { structure: charts.structure.keys[p.index]! }))}
          />
        </ChartCard>
        <ChartCard id="stage" title={t('dashboard.chart.stage')} hint={t('dashboard.hint.toLedger')} height={360}>
          <Chart
            name="stage"
            option={charts.stage.option}
            summary={charts.stage.summary}
            categoryAxis="y"
            onPick={(p) => go(ledgerHref(region, { state: charts.stage.keys[p.index]! }))}
          />
        </ChartCard>
        <PatrolCompletion patrol={f.patrol} range={f.range} />
        {f.children.length > 0 && (
          <ChartCard
            id="children"
            wide
            title={t(`dashboard.chart.children.${childLevel}`)}
            hint={t('dashboard.hint.toRegion')}
            height={Math.max(260, f.children.length * 30 + 60)}
          >
            <Chart
              name="children"
              option={charts.children.option}
              summary={charts.children.summary}
              categoryAxis="y"
              onPick={(p: ChartPick) =>
                go(mapHref(view, { region: charts.children.keys[p.index]!, ...(p.seriesIndex !== null ? { grade: GRADE_KEYS[p.seriesIndex]! } : {}) }))
              }
            />
          </ChartCard>
        )}
        <ChartCard
          id="warnings"
          wide
          title={t('dashboard.chart.warnings', { count: f.warnings.length })}
          hint={f.warnings.length > 0 ? t('dashboard.hint.toWarning') : undefined}
          height={f.warnings.length > 0 ? Math.max(200, f.warnings.length * 56 + 60) : undefined}
        >
          {f.warnings.length > 0 ? (
            <Chart
              name="warnings"
              option={charts.warnings.option}
              summary={charts.warnings.summary}
              categoryAxis="y"
              onPick={(p) => go(mapHref(view, { alert: charts.warnings.keys[p.index]! }))}
            />
          ) : (
            <p className="dash-card__empty">{t('dashboard.noWarnings')}</p>
          )}
        </ChartCard>
        <ChartCard id="patrol-trend" title={t('dashboard.chart.patrolTrend')}>
          <Chart name="patrol-trend" option={charts.patrolTrend.option} summary={charts.patrolTrend.summary} />
        </ChartCard>
        <ChartCard id="grade-change" title={t('dashboard.chart.gradeChange')}>
          <Chart name="grade-change" option={charts.gradeChange.option} summary={charts.gradeChange.summary} />
        </ChartCard>
        {f.trends.overdueByChild.length > 0 && (
          <ChartCard id="overdue-trend" title={t(`dashboard.chart.overdueTrend.${childLevel}`)}>
            <Chart name="overdue-trend" option={charts.overdueTrend.option} summary={charts.overdueTrend.summary} />
          </ChartCard>
        )}
        <ReportLinks region={region} today={f.today} view={view} />
      </div>
    </>
  );
}

function ChartCard(props: { id: string; title: string; hint?: string | undefined; wide?: boolean; height?: number | undefined; children: React.ReactNode }) {
  return (
    <section
      className={`dash-card${props.wide ? ' dash-card--wide' : ''}`}
      aria-labelledby={`dash-${props.id}-title`}
      data-card={props.id}
      style={props.height ? ({ '--chart-h': `${props.height}px` } as React.CSSProperties) : undefined}
    >
      <header className="dash-card__head">
        <h2 id={`dash-${props.id}-title`}>{props.title}</h2>
        {props.hint && <span className="dash-card__hint">{props.hint}</span>}
      </header>
      {props.children}
    </section>
  );
}
