// 数据导入 (/import, issue 13): real data into Anju — households and houses from a county ledger, the
// civil-affairs / rural-revitalisation name list, a cross-check against the national system, region
// boundaries. The batch being worked on lives in the URL (?batch=12), so a reload or the history
// returns to it; a new import starts from the kind (?kind=namelist).
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/auth.ts';
import { idParam, navigate, useLocation } from '../../navigation.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { BatchView } from './BatchView.tsx';
import { HistoryList } from './HistoryList.tsx';
import { ImportSteps } from './ImportSteps.tsx';
import { isImportKind } from './kinds.ts';
import { UploadForm } from './UploadForm.tsx';
import './imports.css';

export function ImportScreen(props: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t } = useTranslation();
  const loc = useLocation();
  const search = loc.includes('?') ? loc.slice(loc.indexOf('?')) : '';
  const batchId = idParam(search, 'batch');
  const kindParam = new URLSearchParams(search).get('kind');
  const kind = isImportKind(kindParam) ? kindParam : null;

  return (
    <div className="app imports">
      <AppHeader me={props.me} screen="imports" onSignOut={props.onSignOut} />
      <main className="imports__body">
        <div className="imports__inner">
          <div className="imports__head">
            <h1>{t('imports.title')}</h1>
            <p className="imports__intro">{t('imports.intro')}</p>
            {batchId !== null && (
              <button type="button" className="button imports__new" onClick={() => navigate('/import')} data-testid="import-new">
                {t('imports.new')}
              </button>
            )}
          </div>
          <div className="imports__layout">
            <div className="imports__work">
              {batchId !== null ? (
                <BatchView key={batchId} id={batchId} />
              ) : (
                <>
                  <ImportSteps current={kind ? 'upload' : 'kind'} />
                  <UploadForm
                    kind={kind}
                    onKind={(k) => navigate(`/import?kind=${k}`, { replace: true })}
                    onUploaded={(id) => navigate(`/import?batch=${id}`)}
                  />
                </>
              )}
            </div>
            <HistoryList current={batchId} />
          </div>
        </div>
      </main>
    </div>
  );
}
