// Every problem of the dry run by row and column, as the user finds them in Excel: filtered by kind of
// problem, a page at a time, the value masked where it is personal data. The server keeps the first
// 5,000; the CSV has them all.
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { batchCsvHref, type CheckReport, type Problem } from '../../api/imports.ts';

const PAGE = 50;

/** A problem in the reader's language: the catalogue's wording of its code, else the server's Chinese message. */
export const problemText = (t: TFunction, p: Problem): string =>
  t(`imports.problem.${p.code}`, { defaultValue: p.message, row: p.row, column: p.column, value: p.value });

export function ProblemsTable(props: { batchId: number; report: CheckReport }) {
  const { t, i18n } = useTranslation();
  const { report } = props;
  const [code, setCode] = useState('');
  const [page, setPage] = useState(0);
  const shown = code ? report.problems.filter((p) => p.code === code) : report.problems;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const at = Math.min(page, pages - 1);
  const rows = shown.slice(at * PAGE, (at + 1) * PAGE);
  const num = (n: number) => n.toLocaleString(i18n.language);
  // A code's name: the catalogue's, or the first message the server wrote for it.
  const codeName = (c: string) => t(`imports.problemKind.${c}`, { defaultValue: report.problems.find((p) => p.code === c)?.message ?? c });
  if (report.problemsTotal === 0) return null;

  return (
    <section className="import-section" aria-labelledby="import-problems-title" data-testid="import-problems">
      <div className="import-section__head">
        <h2 id="import-problems-title" className="import-section__title">
          {t('imports.problems.title', { count: report.problemsTotal, total: num(report.problemsTotal) })}
        </h2>
        <a className="button" href={batchCsvHref(props.batchId, 'problems')} download data-testid="import-problems-csv">
          {t('imports.problems.csv')}
        </a>
      </div>
      {report.problemsTotal > report.problems.length && (
        <p className="import-section__intro">{t('imports.problems.capped', { shown: num(report.problems.length), total: num(report.problemsTotal) })}</p>
      )}
      <label className="field import-filter">
        <span>{t('imports.problems.filter')}</span>
        <select
          value={code}
          onChange={(e) => {
            setCode(e.target.value);
            setPage(0);
          }}
          data-testid="import-problem-filter"
        >
          <option value="">{t('imports.problems.all', { count: report.problemsTotal, total: num(report.problemsTotal) })}</option>
          {Object.entries(report.problemCounts)
            .sort((a, b) => b[1] - a[1])
            .map(([c, n]) => (
              <option key={c} value={c}>
                {`${codeName(c)}（${num(n)}）`}
              </option>
            ))}
        </select>
      </label>
      <div className="import-table-wrap">
        <table className="import-table import-problems">
          <thead>
            <tr>
              <th scope="col">{t('imports.problems.row')}</th>
              <th scope="col">{t('imports.problems.column')}</th>
              <th scope="col">{t('imports.problems.message')}</th>
              <th scope="col">{t('imports.problems.value')}</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((p, i) => (
              <tr key={`${at}-${i}`} data-testid="import-problem" data-code={p.code} data-row={p.row ?? ''}>
                <td className="mono">{p.row ?? t('imports.problems.wholeFile')}</td>
                <td>{p.column ?? '—'}</td>
                <td>{problemText(t, p)}</td>
                <td className="mono">{p.value ?? ''}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {pages > 1 && (
        <nav className="import-pager" aria-label={t('imports.problems.pages')}>
          <button type="button" className="button" disabled={at === 0} onClick={() => setPage(at - 1)}>
            {t('imports.pager.prev')}
          </button>
          <span className="mono">{t('imports.pager.at', { page: at + 1, pages })}</span>
          <button type="button" className="button" disabled={at >= pages - 1} onClick={() => setPage(at + 1)}>
            {t('imports.pager.next')}
          </button>
        </nav>
      )}
    </section>
  );
}
