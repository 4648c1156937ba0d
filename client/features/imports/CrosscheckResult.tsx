// A cross-check (账账相符, seed 004): every disagreement between the national rural-housing system's
// export and Anju — grade, structure, guarantee mode, category, or a household only one side has —
// filterable by what differs, with the whole list as CSV. Nothing is written: the records are
// corrected where they are wrong, by the people responsible.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { batchCsvHref, type CheckReport } from '../../api/imports.ts';
import { asRows, cellText, RowsTable, type ReportRow } from './RowsTable.tsx';

// server/imports/crosscheck.ts Mismatch.
const PREFERRED = ['line', 'householdNo', 'headName', 'idCard', 'villageName', 'type', 'field', 'anju', 'national'];
const OMIT = ['villageCode'];

/** What a mismatch is about, for the filter: the field that differs, else its type (only national, only Anju, delisted). */
const topicOf = (m: ReportRow): string => (typeof m.field === 'string' && m.field ? m.field : String(m.type ?? ''));

export function CrosscheckResult(props: { batchId: number; report: CheckReport }) {
  const { t, i18n } = useTranslation();
  const [topic, setTopic] = useState('');
  const all = asRows(props.report.crosscheck?.mismatches);
  const topicName = (x: string) => (all.some((m) => m.field === x) ? cellText(t, 'field', x, {}) : cellText(t, 'type', x, {}));
  const topics = [...new Set(all.map(topicOf))].filter(Boolean);
  const shown = topic ? all.filter((m) => topicOf(m) === topic) : all;
  const s = props.report.summary;
  // Every line of the list: the fields that differ, and the households only one side has.
  const total = (s.mismatches ?? 0) + (s.onlyNational ?? 0) + (s.onlyAnju ?? 0);
  const num = (n: number) => n.toLocaleString(i18n.language);
  return (
    <section className="import-section" aria-labelledby="import-mismatch-title" data-testid="import-crosscheck">
      <div className="import-section__head">
        <h2 id="import-mismatch-title" className="import-section__title">
          {t('imports.crosscheck.title', { count: total, total: num(total) })}
        </h2>
        <a className="button" href={batchCsvHref(props.batchId, 'mismatches')} download data-testid="import-mismatches-csv">
          {t('imports.crosscheck.csv')}
        </a>
      </div>
      <p className="import-section__intro">{t('imports.crosscheck.readOnly')}</p>
      {all.length === 0 ? (
        <p className="import-empty">{t('imports.crosscheck.none')}</p>
      ) : (
        <>
          <label className="field import-filter">
            <span>{t('imports.crosscheck.filter')}</span>
            <select value={topic} onChange={(e) => setTopic(e.target.value)} data-testid="import-mismatch-filter">
              <option value="">{t('imports.crosscheck.allFields', { count: all.length, total: num(all.length) })}</option>
              {topics.map((x) => (
                <option key={x} value={x}>
                  {`${topicName(x)}（${num(all.filter((m) => topicOf(m) === x).length)}）`}
                </option>
              ))}
            </select>
          </label>
          {total > all.length && <p className="import-section__intro">{t('imports.listCapped', { shown: num(all.length), total: num(total) })}</p>}
          <RowsTable rows={shown} preferred={PREFERRED} omit={OMIT} testId="import-mismatches" rowTestId="import-mismatch" />
        </>
      )}
    </section>
  );
}
