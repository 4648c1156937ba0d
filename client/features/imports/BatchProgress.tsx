// The server at work on a batch (reading the file, checking rows, writing): the phase and how far it
// has come. Before the first count the bar runs without a figure.
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImportBatch } from '../../api/imports.ts';

export function BatchProgress({ batch }: { batch: ImportBatch }) {
  const { t, i18n } = useTranslation();
  const p = batch.progress;
  const phase = p?.phase ?? (batch.status === 'committing' ? 'writing' : 'reading');
  const known = p !== null && p.total > 0;
  const share = known ? Math.min(1, p.done / p.total) : 0;
  const num = (n: number) => n.toLocaleString(i18n.language);
  return (
    <div className="import-progress" data-testid="import-progress">
      <div className="import-progress__label">
        <strong>{t(`imports.phase.${phase}`)}</strong>
        {known && <span className="mono">{t('imports.progress', { done: num(p.done), total: num(p.total) })}</span>}
      </div>
      <div
        className={`import-progress__track${known ? '' : ' import-progress__track--unknown'}`}
        role="progressbar"
        aria-label={t(`imports.phase.${phase}`)}
        aria-valuemin={0}
        aria-valuemax={known ? p.total : undefined}
        aria-valuenow={known ? p.done : undefined}
      >
        <span className="import-progress__bar" style={{ '--share': share } as CSSProperties} />
      </div>
    </div>
  );
}
