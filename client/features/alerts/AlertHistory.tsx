// The history of a warning, oldest first: issued, each update from its sender, extensions and edits
// made here, the withdrawal — when, by whom, and what changed.
import { useTranslation } from 'react-i18next';
import type { AlertLevel, AlertVersion } from '../../api/alerts.ts';
import { changeLines, historyKind, type ChangeLine } from './history.ts';
import { when } from './format.ts';

function Change({ line }: { line: ChangeLine }) {
  const { t, i18n } = useTranslation();
  const label = t(`alerts.history.field.${line.field}`);
  if (line.field === 'level') {
    const level = (l: string | null) => (l ? t(`alertLevel.${l as AlertLevel}`) : '—');
    return <li>{t('alerts.history.fromTo', { field: label, before: level(line.before), after: level(line.after) })}</li>;
  }
  if (line.field === 'expiresAt' || line.field === 'effectiveAt') {
    const time = (iso: string | null) => (iso ? when(i18n.language, iso) : '—');
    return <li>{t('alerts.history.fromTo', { field: label, before: time(line.before), after: time(line.after) })}</li>;
  }
  return <li>{label}</li>;
}

export function AlertHistory({ history }: { history: readonly AlertVersion[] }) {
  const { t, i18n } = useTranslation();
  return (
    <ol className="alert-history" aria-label={t('alerts.history.title')} data-testid="alert-history">
      {history.map((v) => {
        const kind = historyKind(v.kind);
        const lines = kind === 'create' || kind === 'cancel' ? [] : changeLines(v);
        const by = v.cap ? v.cap.sender : v.userName;
        return (
          <li key={v.version} className={`alert-history__item alert-history__item--${kind}`} data-kind={kind}>
            <span className="alert-history__head">
              <strong>{t(`alerts.history.kind.${kind}`)}</strong>
              <time dateTime={v.at}>{when(i18n.language, v.at)}</time>
            </span>
            {by && <span className="alert-history__by">{t('alerts.history.by', { who: by })}</span>}
            {lines.length > 0 && (
              <ul className="alert-history__changes">
                {lines.map((line) => (
                  <Change key={line.field} line={line} />
                ))}
              </ul>
            )}
          </li>
        );
      })}
    </ol>
  );
}
