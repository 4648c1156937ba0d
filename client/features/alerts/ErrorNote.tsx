import { useTranslation } from 'react-i18next';
import { errorText } from './format.ts';

/** A server error where it happened: the translated label, then the server's message and field. */
export function ErrorNote({ error }: { error: unknown }) {
  const { t } = useTranslation();
  const e = errorText(t, error);
  return (
    <div className="error-note" role="alert">
      <strong className="error-note__label">{e.label}</strong>
      <span className="error-note__message">{e.message}</span>
      {e.field && (
        <span className="error-note__field">
          {t('alerts.errors.field')}
          <code>{e.field}</code>
        </span>
      )}
    </div>
  );
}
