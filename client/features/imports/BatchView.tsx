// One batch through its steps: the server's check (progress), the mapping step while columns or values
// are unknown, the dry run's preview — counts, problems, new villages, and per kind the name-list
// difference, the cross-check's mismatches or the boundary features — then commit and what it wrote.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import { useMe } from '../../api/auth.ts';
import { isBusy, useImportBatch, useRecheckImport, useBatchSettled, type ImportBatch } from '../../api/imports.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { BatchHead } from './BatchHead.tsx';
import { BatchProgress } from './BatchProgress.tsx';
import { BoundariesTable } from './BoundariesTable.tsx';
import { CommitPanel } from './CommitPanel.tsx';
import { CrosscheckResult } from './CrosscheckResult.tsx';
import { ImportSteps, type ImportStep } from './ImportSteps.tsx';
import { KIND_TRAITS } from './kinds.ts';
import { MappingStep } from './MappingStep.tsx';
import { NamelistDiff } from './NamelistDiff.tsx';
import { NewRegions } from './NewRegions.tsx';
import { ProblemsTable } from './ProblemsTable.tsx';
import { SummaryCounts } from './SummaryCounts.tsx';

/** Where the batch stands among the steps (null: all done). */
function stepOf(b: ImportBatch): ImportStep | null {
  if (b.status === 'committed') return null;
  if (b.status === 'committing') return 'commit';
  const r = b.report;
  if (!r) return 'upload';
  const unknownHeaders = (r.headers ?? []).some((h) => h.field === null && h.suggested === null && !Object.hasOwn(b.options.mapping, h.header));
  if (unknownHeaders || (r.unknownValues?.length ?? 0) > 0) return 'mapping';
  return 'preview';
}

export function BatchView({ id }: { id: number }) {
  const { t } = useTranslation();
  const q = useImportBatch(id);
  useBatchSettled(q.data?.status);
  if (q.isPending) return <p className="import-empty">{t('imports.loading')}</p>;
  if (q.isError) return <ErrorNote error={q.error} testId="import-batch-error" />;
  // Keyed by the last check: a re-check's answer starts the choices afresh from what the server used.
  return <BatchSteps key={q.data.checkedAt ?? 'unchecked'} batch={q.data} />;
}

function BatchSteps({ batch }: { batch: ImportBatch }) {
  const { t } = useTranslation();
  const me = useMe();
  const recheck = useRecheckImport(batch.id);
  const [confirmRegions, setConfirmRegions] = useState(false);
  const traits = KIND_TRAITS[batch.kind];
  const report = batch.report;
  const busy = isBusy(batch.status);
  const step = stepOf(batch);
  const open = batch.status === 'ready' || batch.status === 'invalid';
  // Only whoever uploaded the file (or the county administrator) checks it again or commits it.
  const user = me.data?.user;
  const mine = user !== undefined && (user.id === batch.createdBy.id || user.role === 'county_admin');
  const locked = !mine || !(open || batch.status === 'failed') || recheck.isPending;

  return (
    <div className="import-batch">
      <ImportSteps current={step} readOnly={!traits.writes} noMapping={!traits.tabular} />
      <BatchHead batch={batch} disabled={locked} onRecheck={(c) => recheck.mutate(c)} />
      {busy && <BatchProgress batch={batch} />}
      {/* A check that failed, an interrupted commit, or a commit whose fresh check found new problems (import_stale). */}
      {!busy && batch.error && <ErrorNote error={new ApiError(409, batch.error.code, batch.error.message, batch.error.field)} testId="import-batch-error" />}
      {recheck.isError && <ErrorNote error={recheck.error} />}
      {!mine && batch.status !== 'committed' && <p className="import-section__intro">{t('imports.notYours', { name: batch.createdBy.name })}</p>}

      {batch.status === 'committed' && batch.result && (
        <section className="import-section import-done" aria-labelledby="import-done-title">
          <h2 id="import-done-title" className="import-section__title">
            {t('imports.done.title')}
          </h2>
          <SummaryCounts counts={batch.result} order={traits.result} of="result" kind={batch.kind} testId="import-result" />
        </section>
      )}

      {report && !busy && (
        <>
          {report.headers && report.headers.length > 0 && batch.status !== 'committed' && (
            <MappingStep
              headers={report.headers}
              unknownValues={report.unknownValues ?? []}
              mapping={batch.options.mapping}
              values={batch.options.values}
              disabled={locked}
              onRecheck={(c) => recheck.mutate(c)}
            />
          )}
          {batch.status !== 'committed' && (
            <section className="import-section" aria-labelledby="import-preview-title">
              <h2 id="import-preview-title" className="import-section__title">
                {t('imports.preview.title')}
              </h2>
              <p className="import-section__intro">{t(traits.writes ? 'imports.preview.dryRun' : 'imports.preview.readOnly')}</p>
              <SummaryCounts counts={report.summary} order={traits.summary} of="summary" kind={batch.kind} rows={report.rows} testId="import-summary" />
            </section>
          )}
          <ProblemsTable batchId={batch.id} report={report} byFeature={batch.kind === 'boundaries'} />
          {batch.kind === 'namelist' && <NamelistDiff batchId={batch.id} report={report} />}
          {batch.kind === 'crosscheck' && <CrosscheckResult batchId={batch.id} report={report} />}
          {batch.kind === 'boundaries' && report.boundaries && <BoundariesTable features={report.boundaries.features} />}
          {open && report.newRegions && report.newRegions.length > 0 && (
            <NewRegions regions={report.newRegions} confirmed={confirmRegions} onConfirm={setConfirmRegions} disabled={locked} />
          )}
          {open && mine && traits.writes && <CommitPanel batch={batch} confirmNewRegions={confirmRegions} />}
        </>
      )}
    </div>
  );
}
