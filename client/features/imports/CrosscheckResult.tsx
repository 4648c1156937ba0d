// A cross-check (账账相符, seed 004): every disagreement between the national rural-housing system's
// export and Anju — grade, structure, guarantee mode, or a household only one of them has — filterable
// by field, with the whole list as CSV. Nothing is written: the records are corrected where they are
// wrong, by the people responsible.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { batchCsvHref, type CheckReport } from '../../api/imports.ts';
import { asRows, cellText, RowsTable } from './RowsTable.tsx';

const PREFERRED = ['householdNo', 'headName', 'idCard', 'village', 'field', 'anju', 'national', 'row'];

export function CrosscheckResult(props: { batchId: number; report: CheckReport }) {
  const { t, i18n } = useTranslation();
  const [field, setField] = useState('');
  const all = asRows(props.report.crosscheck?.mismatches);
  const fields = [...new Set(all.map((m) => String(m.field ?? '')))].filter(Boolean);
  const shown = field ? all.filter((m) => m.field === field) : all;
  const total = props.report.summary.mismatches ?? all.length;
  return (
    <section className="import-section" aria-labelledby="import-mismatch-title" data-testid="import-crosscheck">
      <div className="import-section__head">
        <h2 id="import-mismatch-title" className="import-section__title">
          {t('imports.crosscheck.title', { count: total, total: total.toLocaleString(i18n.language) })}
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
            <select value={field} onChange={(e) => setField(e.target.value)} data-testid="import-mismatch-filter">
              <option value="">{t('imports.crosscheck.allFields', { count: all.length })}</option>
              {fields.map((f) => (
                <option key={f} value={f}>
                  {`${cellText(t, 'field', f, {})}（${all.filter((m) => m.field === f).length}）`}
                </option>
              ))}
            </select>
          </label>
          {total > all.length && <p className="import-section__intro">{t('imports.listCapped', { shown: all.length.toLocaleString(i18n.language), total: total.toLocaleString(i18n.language) })}</p>}
          <RowsTable rows={shown} preferred={PREFERRED} testId="import-mismatches" rowTestId="import-mismatch" />
        </>
      )}
    </section>
  );
}
