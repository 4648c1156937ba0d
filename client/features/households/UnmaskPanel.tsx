// 查看完整证件号/电话: the audited way for county roles to see a household's clear ID-card and phone
// numbers. A reason is required (the server writes it to the audit log with who and when); the clear
// values live in this component's state only — not in the query cache — and are gone when the drawer
// closes, another household is opened, or the user hides them.
import { useId, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { COUNTY_ROLES, type Role } from '../../../server/domain/roles.ts';
import { useUnmask, type UnmaskResult } from '../../api/households.ts';
import { useMe } from '../../api/auth.ts';
import '../audit/audit.css';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

/** As the server requires (server/routes/households.ts, unmaskBody): 4 to 500 characters once trimmed. */
export const UNMASK_REASON_MIN = 4;
export const UNMASK_REASON_MAX = 500;

/** Who may unmask: the roles server/auth/rules.ts allows on POST /api/households/:id/unmask. */
export const canUnmask = (role: string | undefined): boolean => role !== undefined && (COUNTY_ROLES as readonly string[]).includes(role as Role);

/** The unmask button and form for one household; nothing at all for roles that may not unmask. */
export function UnmaskPanel({ householdId }: { householdId: number }) {
  const me = useMe();
  if (!canUnmask(me.data?.user.role)) return null;
  // Keyed: opening another household starts from the masked state again.
  return <UnmaskForm key={householdId} householdId={householdId} />;
}

function UnmaskForm({ householdId }: { householdId: number }) {
  const { t } = useTranslation();
  const unmask = useUnmask();
  const hintId = useId();
  const [open, setOpen] = useState(false);
  const [reason, setReason] = useState('');
  const [tooShort, setTooShort] = useState(false);
  const [clear, setClear] = useState<(UnmaskResult & { reason: string }) | null>(null);

  const trimmed = reason.trim();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (trimmed.length < UNMASK_REASON_MIN) {
      setTooShort(true);
      return;
    }
    unmask.mutate(
      { id: householdId, reason: trimmed },
      {
        onSuccess: (res) => {
          setClear({ ...res, reason: trimmed });
          setOpen(false);
          setReason('');
          // Drop the answer from the mutation cache at once: this component's state is its only copy.
          unmask.reset();
        },
      },
    );
  };
  const cancel = () => {
    setOpen(false);
    setReason('');
    setTooShort(false);
    unmask.reset();
  };

  if (clear) {
    return (
      <div className="unmask unmask__clear" data-testid="unmask-clear" aria-live="polite">
        <dl className="facts">
          <div className="facts__row">
            <dt>{t('unmask.idCard')}</dt>
            <dd className="mono" data-testid="clear-id-card">
              {clear.idCard}
            </dd>
          </div>
          <div className="facts__row">
            <dt>{t('unmask.phone')}</dt>
            <dd className="mono" data-testid="clear-phone">
              {clear.phone ?? t('unmask.noPhone')}
            </dd>
          </div>
        </dl>
        <p className="unmask__note" role="status">
          {t('unmask.recorded', { reason: clear.reason })}
        </p>
        <button type="button" className="button unmask__hide" onClick={() => setClear(null)}>
          {t('unmask.hide')}
        </button>
      </div>
    );
  }

  if (!open) {
    return (
      <div className="unmask">
        <button type="button" className="button unmask__open" data-testid="unmask-open" onClick={() => setOpen(true)}>
          {t('unmask.open')}
        </button>
      </div>
    );
  }

  const error = unmask.error;
  return (
    <form className="unmask unmask__form" onSubmit={submit} noValidate aria-label={t('unmask.title')}>
      <label className="field">
        <span>{t('unmask.reasonLabel')}</span>
        <textarea
          name="reason"
          rows={2}
          maxLength={UNMASK_REASON_MAX}
          value={reason}
          placeholder={t('unmask.reasonPlaceholder')}
          aria-describedby={hintId}
          aria-invalid={tooShort && trimmed.length < UNMASK_REASON_MIN ? true : undefined}
          autoFocus
          onChange={(e) => {
            setReason(e.target.value);
            if (e.target.value.trim().length >= UNMASK_REASON_MIN) setTooShort(false);
          }}
        />
      </label>
      <p id={hintId} className="unmask__hint">
        {t('unmask.hint', { min: UNMASK_REASON_MIN })}
        <span className="unmask__count"> {t('unmask.count', { count: trimmed.length, max: UNMASK_REASON_MAX })}</span>
      </p>
      {tooShort && trimmed.length < UNMASK_REASON_MIN && (
        <p className="unmask__error" role="alert">
          {t('unmask.tooShort', { min: UNMASK_REASON_MIN })}
        </p>
      )}
      {error && <ErrorNote error={error} context="unmask" values={{ min: UNMASK_REASON_MIN }} testId="unmask-error" />}
      <div className="unmask__actions">
        <button type="button" className="button" onClick={cancel} disabled={unmask.isPending}>
          {t('unmask.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={unmask.isPending}>
          {unmask.isPending ? t('unmask.submitting') : t('unmask.submit')}
        </button>
      </div>
    </form>
  );
}
