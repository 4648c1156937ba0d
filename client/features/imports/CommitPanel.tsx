// The last step: write what the dry run showed. The button stays off while the file has problems or
// new villages wait for confirmation, and says why; a name list asks once more with the counts it is
// about to apply (新增/退出/变更), since it changes who is monitored. The server re-checks first and may
// still refuse (the database moved on): that answer is shown like every other error.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useCommitImport, type ImportBatch } from '../../api/imports.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

export function CommitPanel(props: { batch: ImportBatch; confirmNewRegions: boolean }) {
  const { t, i18n } = useTranslation();
  const { batch } = props;
  const commit = useCommitImport(batch.id);
  const [asking, setAsking] = useState(false);
  const report = batch.report;
  const problems = report?.problemsTotal ?? 0;
  const needsRegions = (report?.newRegions?.length ?? 0) > 0 && !props.confirmNewRegions;
  const why =
    problems > 0
      ? t('imports.commit.blockedProblems', { count: problems, total: problems.toLocaleString(i18n.language) })
      : needsRegions
        ? t('imports.commit.blockedRegions')
        : batch.status !== 'ready'
          ? t('imports.commit.blockedStatus')
          : null;
  const s = report?.summary ?? {};
  const num = (k: string) => (s[k] ?? 0).toLocaleString(i18n.language);
  const go = () => commit.mutate({ confirmNewRegions: props.confirmNewRegions }, { onSettled: () => setAsking(false) });
  const label = t(`imports.commit.button.${batch.kind}`, { defaultValue: t('imports.commit.button.households') });

  return (
    <section className="import-section import-commit" aria-labelledby="import-commit-title" data-testid="import-commit">
      <h2 id="import-commit-title" className="import-section__title">
        {t('imports.steps.commit')}
      </h2>
      {why && (
        <p className="import-commit__why" data-testid="import-commit-why">
          {why}
        </p>
      )}
      {commit.isError && <ErrorNote error={commit.error} testId="import-commit-error" />}
      <div className="import-actions">
        <button
          type="button"
          className="button button--primary"
          disabled={why !== null || commit.isPending}
          onClick={() => (batch.kind === 'namelist' ? setAsking(true) : go())}
          data-testid="import-commit-button"
        >
          {label}
        </button>
      </div>
      {asking && (
        <Dialog title={t('imports.namelist.confirmTitle')} closeLabel={t('drawer.close')} onClose={() => setAsking(false)}>
          <p data-testid="import-apply-confirm">{t('imports.namelist.confirmText', { added: num('added'), left: num('left'), changed: num('changed') })}</p>
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={() => setAsking(false)}>
              {t('imports.namelist.cancel')}
            </button>
            <button type="button" className="button button--primary" disabled={commit.isPending} onClick={go} data-testid="import-apply-go">
              {t('imports.namelist.apply')}
            </button>
          </div>
        </Dialog>
      )}
    </section>
  );
}
