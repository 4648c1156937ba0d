// Step 4 of a name-list sync: the difference between the list and Anju, in three tabs — households new
// to the list (created on apply, each due an appraisal within a month, seed 003), households gone from
// it (marked delisted, nothing deleted) and changed ones (category, members, guarantee mode).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { batchCsvHref, type CheckReport } from '../../api/imports.ts';
import { asRows, RowsTable } from './RowsTable.tsx';

const TABS = ['added', 'left', 'changed'] as const;
type Tab = (typeof TABS)[number];
// server/imports/namelist.ts DiffRow; the tab says its type.
const PREFERRED = ['line', 'householdNo', 'headName', 'idCard', 'villageName', 'back', 'changes'];
const OMIT = ['type', 'villageCode'];

export function NamelistDiff(props: { batchId: number; report: CheckReport }) {
  const { t, i18n } = useTranslation();
  const [tab, setTab] = useState<Tab>('added');
  const diff = props.report.namelist;
  if (!diff) return null;
  const count = (k: Tab) => props.report.summary[k] ?? diff[k].length;
  const rows = asRows(diff[tab]);
  return (
    <section className="import-section" aria-labelledby="import-diff-title" data-testid="import-namelist">
      <div className="import-section__head">
        <h2 id="import-diff-title" className="import-section__title">
          {t('imports.namelist.title')}
        </h2>
        <a className="button" href={batchCsvHref(props.batchId, 'diff')} download data-testid="import-diff-csv">
          {t('imports.namelist.csv')}
        </a>
      </div>
      <div className="import-tabs" role="tablist" aria-label={t('imports.namelist.title')}>
        {TABS.map((k) => (
          <button
            key={k}
            type="button"
            role="tab"
            id={`import-tab-${k}`}
            aria-selected={tab === k}
            aria-controls="import-tab-panel"
            className="import-tabs__tab"
            onClick={() => setTab(k)}
            data-testid={`import-tab-${k}`}
          >
            {t(`imports.namelist.tabs.${k}`)}
            <span className="import-tabs__count mono">{count(k).toLocaleString(i18n.language)}</span>
          </button>
        ))}
      </div>
      <div id="import-tab-panel" role="tabpanel" aria-labelledby={`import-tab-${tab}`}>
        <p className="import-section__intro">{t(`imports.namelist.explain.${tab}`)}</p>
        {rows.length === 0 ? (
          <p className="import-empty">{t('imports.namelist.none')}</p>
        ) : (
          <>
            {count(tab) > rows.length && <p className="import-section__intro">{t('imports.listCapped', { shown: rows.length.toLocaleString(i18n.language), total: count(tab).toLocaleString(i18n.language) })}</p>}
            <RowsTable rows={rows} preferred={PREFERRED} omit={OMIT} testId={`import-diff-${tab}`} rowTestId="import-diff-row" />
          </>
        )}
      </div>
    </section>
  );
}
