// Recent batches (GET /api/imports): what was imported, by whom, when, and how it ended — each opens
// its batch again (a dry run to finish, a cross-check to read again, a result to look up).
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useImportBatches } from '../../api/imports.ts';
import { appLink } from '../../navigation.ts';
import { Badge } from '../../ui/Badge.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { STATUS_COLORS, statusLabel } from './status.ts';

export function HistoryList(props: { current: number | null }) {
  const { t, i18n } = useTranslation();
  const list = useImportBatches();
  const fmt = useMemo(() => new Intl.DateTimeFormat(i18n.language, { dateStyle: 'short', timeStyle: 'short' }), [i18n.language]);
  const batches = list.data?.batches ?? [];
  return (
    <section className="import-section import-history" aria-labelledby="import-history-title" data-testid="import-history">
      <h2 id="import-history-title" className="import-section__title">
        {t('imports.history.title')}
      </h2>
      {list.isError && <ErrorNote error={list.error} />}
      {list.isSuccess && batches.length === 0 && <p className="import-empty">{t('imports.history.empty')}</p>}
      <ul className="import-history__list">
        {batches.map((b) => (
          <li key={b.id}>
            <a
              {...appLink(`/import?batch=${b.id}`)}
              className="import-history__item"
              aria-current={b.id === props.current ? 'page' : undefined}
              data-testid="import-history-item"
            >
              <span className="import-history__top">
                <Badge color={STATUS_COLORS[b.status]}>{statusLabel(t, b.kind, b.status)}</Badge>
                <span className="import-history__kind">{t(`imports.kinds.${b.kind}.name`)}</span>
              </span>
              <strong className="import-history__file">{b.fileName}</strong>
              <small className="import-history__meta">
                {b.createdBy.name} · <time dateTime={b.createdAt}>{fmt.format(new Date(b.createdAt))}</time>
              </small>
            </a>
          </li>
        ))}
      </ul>
    </section>
  );
}
