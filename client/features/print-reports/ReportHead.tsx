import { useTranslation } from 'react-i18next';

/** The report's own head on its first page: the title, then who issues it and when. */
export function ReportHead({ title, issuer, dated, note }: { title: string; issuer: string; dated: string; note?: string }) {
  const { t } = useTranslation();
  return (
    <header className="report-head">
      <h1>{title}</h1>
      <p>
        <span>{t('printReports.issuedBy', { unit: issuer })}</span>
        <span>{t('printReports.issuedOn', { date: dated })}</span>
        {note && <span>{note}</span>}
      </p>
    </header>
  );
}

/** A labelled figure in large type: the key numbers of a briefing. */
export function KeyFigure({ label, value, sub, tone }: { label: string; value: string | number; sub?: string; tone?: 'alarm' | 'warn' }) {
  return (
    <div className={`key-figure${tone ? ` key-figure--${tone}` : ''}`}>
      <span className="key-figure__value">{typeof value === 'number' ? value.toLocaleString('zh-CN') : value}</span>
      <span className="key-figure__label">{label}</span>
      {sub && <span className="key-figure__sub">{sub}</span>}
    </div>
  );
}

/** What a report page shows instead of the report when it cannot be drawn (the page sets data-print-error itself). */
export function FailureNote({ code }: { code: string }) {
  const { t } = useTranslation();
  return (
    <main className="print-doc print-doc--failed" role="alert">
      <p>{t('printReports.failed', { reason: code })}</p>
    </main>
  );
}
