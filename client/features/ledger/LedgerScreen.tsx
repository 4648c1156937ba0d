// 整改台账 (/ledger): every house with a case — suspected, listed, planned, under works, awaiting
// acceptance or close-out, the empty houses, and those closed out — with counts per stage and per
// township, the deadlines that are late or near, filters, sort and pages that all live in the URL,
// and the household drawer (case, moves, story) opened from a row without leaving the table.
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/auth.ts';
import { ledgerParams, useLedger, type LedgerQuery } from '../../api/ledger.ts';
import { useRegions } from '../../api/regions.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { ExportMenu } from '../../ui/ExportMenu.tsx';
import { HouseholdDrawer } from '../households/HouseholdDrawer.tsx';
import { DeadlinesBox } from './DeadlinesBox.tsx';
import { LedgerFilters } from './LedgerFilters.tsx';
import { StageTabs, TownshipStrip } from './LedgerCounts.tsx';
import { LedgerTable, Pager } from './LedgerTable.tsx';
import { DEFAULT_LEDGER_QUERY, useLedgerUrl, withQuery } from './ledger-url.ts';
import './ledger.css';

export function LedgerScreen({ me, onSignOut }: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t } = useTranslation();
  const [url, setUrl] = useLedgerUrl();
  const ledger = useLedger(url.query);
  const regions = useRegions();
  const change = useCallback((c: Partial<LedgerQuery>) => setUrl((s) => withQuery(s, c)), [setUrl]);
  const open = useCallback((id: number | null) => setUrl((s) => ({ ...s, selectedId: id })), [setUrl]);
  const data = ledger.data;
  // The file holds every row of the filters, not the page on screen.
  const { page: _page, pageSize: _pageSize, ...exportFilters } = ledgerParams(url.query);

  return (
    <div className="app ledger" data-drawer={url.selectedId !== null ? 'open' : 'closed'}>
      <AppHeader me={me} screen="ledger" onSignOut={onSignOut} />
      <main className="stage ledger__stage">
        <div className="ledger__scroll">
          <div className="ledger__inner">
            <div className="ledger__head">
              <h1>{t('ledger.title')}</h1>
              <p className="ledger__intro">{t('ledger.intro')}</p>
              <ExportMenu list="ledger" params={exportFilters} />
            </div>
            <DeadlinesBox onStanding={(s) => change({ standing: [s] })} onOpen={open} />
            <StageTabs counts={data?.counts} states={url.query.states} onPick={(states) => change({ states })} />
            <TownshipStrip counts={data?.counts} selected={url.query.township} onPick={(code) => change({ township: code, village: null })} />
            <LedgerFilters
              query={url.query}
              regions={regions.data}
              onChange={change}
              onReset={() => setUrl((s) => ({ ...s, query: DEFAULT_LEDGER_QUERY }))}
            />
            {ledger.isError && (
              <ErrorNote error={ledger.error}>
                <button type="button" className="button" onClick={() => void ledger.refetch()}>
                  {t('app.retry')}
                </button>
              </ErrorNote>
            )}
            <p className="ledger__summary" role="status" data-testid="ledger-summary">
              {ledger.isPending ? t('ledger.loading') : data ? t('ledger.summary', { count: data.total }) : null}
              {ledger.isFetching && !ledger.isPending && <span className="ledger__refreshing">{t('ledger.refreshing')}</span>}
            </p>
            {data && data.rows.length === 0 && <p className="ledger__empty">{t('ledger.empty')}</p>}
            {data && data.rows.length > 0 && (
              <>
                <LedgerTable rows={data.rows} query={url.query} selectedId={url.selectedId} onSort={(sort, dir) => change({ sort, dir })} onOpen={open} />
                <Pager page={data.page} pageSize={data.pageSize} total={data.total} onPage={(page) => change({ page })} />
              </>
            )}
          </div>
        </div>
        {url.selectedId !== null && <HouseholdDrawer id={url.selectedId} onClose={() => open(null)} mapLink />}
      </main>
    </div>
  );
}
