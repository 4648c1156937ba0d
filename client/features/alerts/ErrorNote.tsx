import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorText } from './format.ts';

/**
 * A server error where it happened: the translated label (or the caller's own), then the server's
 * message and field, then anything the caller adds (say, that sending again is safe).
 */
export function ErrorNote(props: { error: unknown; label?: string; testId?: string; children?: ReactNode }) {
  const { t } = useTranslation();
  const e = errorText(t, props.error);
  return (
    <div className="error-note" role="alert" data-testid={props.testId}>
      <strong className="error-note__label">{props.label ?? e.label}</strong>
      <span className="error-note__message">{e.message}</span>
      {e.field && (
        <span className="error-note__field">
          {t('alerts.errors.field')}
          <code>{e.field}</code>
        </span>
      )}
      {props.children}
    </div>
  );
}
