// The one way the UI shows a failure (cf. maputnik's SmallError): fed the error, it says what went
// wrong in the reader's language from the server's code (`errors.<code>`), then the server's own
// message and the field it names. A screen may word a code its own way (`errors.<context>.<code>`).
import type { TFunction } from 'i18next';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import './error-note.css';

/** Screens that word some codes their own way (errors.<context>.<code> in the catalogue). */
export type ErrorContext = 'audit' | 'complaint' | 'lasso' | 'reassign' | 'unmask';

export interface ErrorText {
  /** What went wrong, in the reader's language. */
  label: string;
  /** The server's own message (or the browser's, when there was no answer). */
  message: string;
  field: string | null;
}

/** A failure as a translated label plus the server's message and field. */
export function errorText(t: TFunction, err: unknown, context?: ErrorContext, values: Record<string, unknown> = {}): ErrorText {
  if (!(err instanceof ApiError)) {
    return { label: t('errors.network'), message: err instanceof Error ? err.message : String(err), field: null };
  }
  const keys = [`errors.${err.code}`];
  if (context) keys.unshift(`errors.${context}.${err.code}`);
  return {
    label: t(keys, { ...values, message: err.message, defaultValue: t('errors.generic', { status: err.status }) }),
    message: err.message,
    field: err.field ?? null,
  };
}

export function ErrorNote(props: {
  error: unknown;
  context?: ErrorContext;
  /** Values the context's wording reads, e.g. { min: 4 }. */
  values?: Record<string, unknown>;
  testId?: string;
  /** After the message: what the reader can do (retry, that sending again is safe …). */
  children?: ReactNode;
}) {
  const { t } = useTranslation();
  const e = errorText(t, props.error, props.context, props.values);
  return (
    <div className="error-note" role="alert" data-testid={props.testId}>
      <strong className="error-note__label">{e.label}</strong>
      <span className="error-note__message">{e.message}</span>
      {e.field && (
        <span className="error-note__field">
          {t('errors.field')}
          <code>{e.field}</code>
        </span>
      )}
      {props.children}
    </div>
  );
}
