// What the dashboard is about: a region of the jurisdiction (county → township → village) and a range
// of days, both kept in the URL; and the way out to the briefing and the printed reports.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { findRegionPath, type RegionNode } from '../../api/regions.ts';
import { appLink } from '../../navigation.ts';
import { briefingHref, isDay, quarterOf, type DashboardView } from './dashboard-url.ts';
import { reportLinks } from './report-links.ts';

export function RegionPicker(props: { regions: RegionNode | undefined; region: string | null; onChange(code: string | null): void }) {
  const { t } = useTranslation();
  const { regions, region } = props;
  const path = regions && region ? (findRegionPath(regions, region) ?? []) : [];
  const township = path.find((n) => n.level === 'township') ?? (regions?.level === 'township' ? regions : null);
  const village = path.find((n) => n.level === 'village') ?? null;
  const townships = regions?.level === 'county' ? regions.children : [];
  const villages = township?.children.filter((n) => n.level === 'village') ?? [];
  return (
    <div className="dash-region" role="group" aria-label={t('dashboard.region')}>
      {regions?.level === 'county' && (
        <label className="field">
          <span>{t('filters.township')}</span>
          <select name="township" value={township?.code ?? ''} onChange={(e) => props.onChange(e.target.value || null)}>
            <option value="">{t('dashboard.wholeRegion', { name: regions.name })}</option>
            {townships.map((n) => (
              <option key={n.code} value={n.code}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
      )}
      {regions?.level !== 'village' && (
        <label className="field">
          <span>{t('filters.village')}</span>
          <select
            name="village"
            value={village?.code ?? ''}
            disabled={villages.length === 0}
            onChange={(e) => props.onChange(e.target.value || (township && township !== regions ? township.code : null))}
          >
            <option value="">{township ? t('dashboard.wholeRegion', { name: township.name }) : t('filters.allVillages')}</option>
            {villages.map((n) => (
              <option key={n.code} value={n.code}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  );
}

export function DateRange(props: { from: string | null; to: string | null; shown: { from: string; to: string } | undefined; onChange(r: { from: string | null; to: string | null }): void }) {
  const { t } = useTranslation();
  const set = (k: 'from' | 'to', v: string) => props.onChange({ from: props.from, to: props.to, [k]: isDay(v) ? v : null });
  return (
    <div className="dash-range" role="group" aria-label={t('dashboard.range')}>
      <label className="field">
        <span>{t('dashboard.from')}</span>
        <input type="date" name="from" value={props.from ?? ''} placeholder={props.shown?.from} max={props.to ?? undefined} onChange={(e) => set('from', e.target.value)} />
      </label>
      <label className="field">
        <span>{t('dashboard.to')}</span>
        <input type="date" name="to" value={props.to ?? ''} placeholder={props.shown?.to} min={props.from ?? undefined} onChange={(e) => set('to', e.target.value)} />
      </label>
      {(props.from || props.to) && (
        <button type="button" className="button button--quiet" onClick={() => props.onChange({ from: null, to: null })}>
          {t('dashboard.clearRange')}
        </button>
      )}
    </div>
  );
}

/**
 * The briefing (full screen, for a meeting) and the reports the server renders: the briefing as a PDF
 * for the day, the monthly progress report (due by the 22nd, seed 003) and the quarterly warning
 * statistics (seed 002), each as PDF or XLSX. Plain links: the browser downloads or opens them.
 */
export function ReportLinks(props: { region: string; today: string; view: DashboardView }) {
  const { t } = useTranslation();
  const [month, setMonth] = useState(props.today.slice(0, 7));
  const [quarter, setQuarter] = useState(quarterOf(props.today));
  const year = Number(props.today.slice(0, 4));
  const quarters = [year, year - 1].flatMap((y) => [4, 3, 2, 1].map((q) => `${y}Q${q}`)).filter((q) => q <= quarterOf(props.today));
  return (
    <section className="dash-card dash-reports" aria-labelledby="dash-reports-title">
      <h2 id="dash-reports-title">{t('dashboard.reports.title')}</h2>
      <div className="dash-reports__row">
        <a className="button button--primary" data-testid="open-briefing" {...appLink(briefingHref(props.view.region))}>
          {t('dashboard.reports.briefing')}
        </a>
        <a className="button" href={reportLinks.briefingPdf(props.region, props.today)} target="_blank" rel="noopener">
          {t('dashboard.reports.briefingPdf')}
        </a>
      </div>
      <div className="dash-reports__row">
        <label className="field">
          <span>{t('dashboard.reports.monthly')}</span>
          <input type="month" name="month" value={month} max={props.today.slice(0, 7)} onChange={(e) => e.target.value && setMonth(e.target.value)} />
        </label>
        <a className="button" href={reportLinks.monthly('pdf', props.region, month)} target="_blank" rel="noopener">
          {t('dashboard.reports.pdf')}
        </a>
        <a className="button" href={reportLinks.monthly('xlsx', props.region, month)} download>
          {t('dashboard.reports.xlsx')}
        </a>
      </div>
      <div className="dash-reports__row">
        <label className="field">
          <span>{t('dashboard.reports.quarterly')}</span>
          <select name="quarter" value={quarter} onChange={(e) => setQuarter(e.target.value)}>
            {quarters.map((q) => (
              <option key={q} value={q}>
                {t('dashboard.reports.quarter', { year: q.slice(0, 4), q: q.slice(5) })}
              </option>
            ))}
          </select>
        </label>
        <a className="button" href={reportLinks.quarterlyWarnings('pdf', props.region, quarter)} target="_blank" rel="noopener">
          {t('dashboard.reports.pdf')}
        </a>
        <a className="button" href={reportLinks.quarterlyWarnings('xlsx', props.region, quarter)} download>
          {t('dashboard.reports.xlsx')}
        </a>
      </div>
    </section>
  );
}
