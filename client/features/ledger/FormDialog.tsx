// The frame every ledger form shares: a modal dialog, the form, the server's refusal in the one error
// note (its code worded from the catalogue, the field it names), cancel and submit.
import type { FormEvent, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { chinaDay } from '../../../server/domain/deadlines.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

/** Today in China (the server's dates are China-time days): the default and the latest day a form takes. */
export const todayInChina = (): string => chinaDay(new Date());

export function FormDialog(props: {
  title: string;
  submitLabel: string;
  pending: boolean;
  error: unknown;
  onSubmit(): void;
  onClose(): void;
  testId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit();
  };
  return (
    <Dialog title={props.title} closeLabel={t('ledger.form.cancel')} onClose={props.onClose} className="ledger-dialog">
      <form className="ledger-form" onSubmit={submit} data-testid={props.testId}>
        {props.children}
        {props.error != null && <ErrorNote error={props.error} />}
        <div className="dialog__actions">
          <button type="button" className="button" onClick={props.onClose} disabled={props.pending}>
            {t('ledger.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={props.pending}>
            {props.pending ? t('ledger.form.saving') : props.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

/** A labelled day input, China-time, never later than today unless `future`. */
export function DayField(props: { label: string; name: string; value: string; onChange(v: string): void; future?: boolean; required?: boolean }) {
  return (
    <label className="field">
      <span>{props.label}</span>
      <input
        type="date"
        name={props.name}
        required={props.required ?? true}
        max={props.future ? undefined : todayInChina()}
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
    </label>
  );
}
