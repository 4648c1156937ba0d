// Every problem of the dry run by row and column, as the user finds them in Excel: filtered by kind of
// problem, a page at a time, the value masked where it is personal data. The server keeps the first
// 5,000; the CSV has them all.
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { batchCsvHref, type CheckReport, type Problem } from '../../api/imports.ts';

const PAGE = 50;

// The server's message names row and column for the CSV ("第 3 行“身份证号”：校验位不正确", a
// boundary file's "第 2 个要素（610999001001 河东社区）：…"); the table has columns for them, so it
// shows what follows.
const WHERE = /^第\s*\d+\s*(行(“[^”]*”)?|个要素(（[^）]*）)?)[：:]\s*/;

/** What is wrong, as the server wrote it (Chinese, for the county staff who fix the file), without the row and column. */
export const problemWhy = (p: Problem): string => p.message.replace(WHERE, '');

/** The short name of a kind of problem, for the filter; an unknown code by its first message. */
export const problemKind = (t: TFunction, code: string, message?: string): string =>
  t(`imports.problemKind.${code}`, { defaultValue: message ? problemWhy({ message } as Problem) : code });

/** `byFeature`: a boundary file's problems are numbered by feature, not by spreadsheet row. */
export function ProblemsTable(props: { batchId: number; report: CheckReport; byFeature?: boolean }) {
  const { t, i18n } = useTranslation();
  const { report } = props;
  const [code, setCode] = useState('');
  const [page, setPage] = useState(0);
  const shown = code ? report.problems.filter((p) => p.code === code) : report.problems;
  const pages = Math.max(1, Math.ceil(shown.length / PAGE));
  const at = Math.min(page, pages - 1);
  const rows = shown.slice(at * PAGE, (at + 1) * PAGE);
  const num = (n: number) => n.toLocaleString(i18n.language);
  const codeName = (c: string) => problemKind(t, c, report.problems.find((p) => p.code === c)?.message);
  // The messages are Chinese: in another language the kind of problem leads.
  const translated = !i18n.language.startsWith('zh');
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
              <th scope="col">{props.byFeature ? t('imports.problems.feature') : t('imports.problems.row')}</th>
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
                <td>
                  {translated && <strong className="import-problems__kind">{codeName(p.code)}</strong>}
                  {problemWhy(p)}
                </td>
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
