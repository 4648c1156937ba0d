// The batch at the top of its steps: the file, its kind and status, how it was read (format, the
// encoding detected and used), and the reading choices, which a re-check can change (a file read
// as UTF-8 that was GBK, coordinates picked on Baidu).
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CrsName, ImportBatch, ImportChoices, ImportEncoding } from '../../api/imports.ts';
import { Badge } from '../../ui/Badge.tsx';
import { FileOptions, type FileChoices } from './FileOptions.tsx';
import { KIND_TRAITS } from './kinds.ts';
import { STATUS_COLORS, statusLabel } from './status.ts';

const asEncoding = (e: string): ImportEncoding => (['auto', 'utf-8', 'gb18030', 'utf-16le'].includes(e) ? (e as ImportEncoding) : 'auto');

export function BatchHead(props: { batch: ImportBatch; disabled: boolean; onRecheck(c: ImportChoices): void }) {
  const { t } = useTranslation();
  const { batch } = props;
  const traits = KIND_TRAITS[batch.kind];
  const initial: FileChoices = { encoding: asEncoding(batch.options.encoding), crs: batch.options.crs as CrsName };
  const [choices, setChoices] = useState<FileChoices>(initial);
  const changed = choices.encoding !== initial.encoding || choices.crs !== initial.crs;
  const enc = batch.report?.encoding;
  return (
    <section className="import-section import-head" data-testid="import-batch" data-status={batch.status} data-checked-at={batch.checkedAt ?? ''}>
      <div className="import-head__title">
        <Badge color={STATUS_COLORS[batch.status]}>{statusLabel(t, batch.kind, batch.status)}</Badge>
        <span className="import-head__kind">{t(`imports.kinds.${batch.kind}.name`)}</span>
        <strong className="import-head__file">{batch.fileName}</strong>
      </div>
      {(batch.report?.format || enc) && (
        <p className="import-head__read">
          {batch.report?.format && t('imports.head.format', { format: batch.report.format.toUpperCase() })}
          {enc?.used &&
            ` · ${
              enc.detected && enc.detected !== enc.used
                ? t('imports.head.encodingChosen', { used: enc.used.toUpperCase(), detected: enc.detected.toUpperCase() })
                : t('imports.head.encoding', { used: enc.used.toUpperCase() })
            }`}
          {batch.report && ` · ${t(traits.tabular ? 'imports.head.rows' : 'imports.head.features', { count: batch.report.rows })}`}
        </p>
      )}
      {(traits.tabular || traits.coordinates) && batch.status !== 'committed' && (
        <details className="import-head__options">
          <summary>{t(traits.coordinates ? 'imports.head.options' : 'imports.head.encodingOnly')}</summary>
          <FileOptions traits={traits} value={choices} onChange={setChoices} />
          <button type="button" className="button" disabled={props.disabled || !changed} onClick={() => props.onRecheck(choices)}>
            {t('imports.mapping.recheck')}
          </button>
        </details>
      )}
    </section>
  );
}
