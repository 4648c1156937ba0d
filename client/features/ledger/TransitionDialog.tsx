// One move of the ledger with its day: start, complete, accept or fail the works, close out (销号), the
// household guaranteed elsewhere, the house left idle, sealed (the warning sign posted), demolished,
// closed; or a suspicion. A failed acceptance says what failed; a seal confirms the sign is up.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { transition, useLedgerMutation, type TransitionAction, type TransitionBody } from '../../api/ledger.ts';
import { DayField, FormDialog, todayInChina } from './FormDialog.tsx';
import { REASON_REQUIRED, SIGN_REQUIRED } from './ledger-actions.ts';

export function TransitionDialog(props: { houseId: number; action: TransitionAction; onClose(): void }) {
  const { t } = useTranslation();
  const move = useLedgerMutation(transition);
  const [date, setDate] = useState(todayInChina());
  const [reason, setReason] = useState('');
  const [signPosted, setSignPosted] = useState(false);
  const needsReason = REASON_REQUIRED.includes(props.action);
  const needsSign = SIGN_REQUIRED.includes(props.action);

  const submit = () => {
    const body: TransitionBody = { action: props.action, date };
    if (reason.trim()) body.reason = reason.trim();
    if (needsSign) body.detail = { signPosted };
    move.mutate({ houseId: props.houseId, ...body }, { onSuccess: props.onClose });
  };

  return (
    <FormDialog
      title={t(`ledger.do.${props.action}`)}
      submitLabel={t('ledger.form.confirm')}
      pending={move.isPending}
      error={move.error}
      onSubmit={submit}
      onClose={props.onClose}
      testId={`transition-${props.action}`}
    >
      <p className="ledger-form__hint">{t(`ledger.explain.${props.action}`)}</p>
      <DayField label={t('ledger.form.date')} name="date" value={date} onChange={setDate} />
      <label className="field">
        <span>{needsReason ? t('ledger.form.reasonRequired') : t('ledger.form.reason')}</span>
        <textarea name="reason" rows={2} maxLength={500} required={needsReason} value={reason} onChange={(e) => setReason(e.target.value)} />
      </label>
      {needsSign && (
        <label className="check">
          <input type="checkbox" name="signPosted" required checked={signPosted} onChange={(e) => setSignPosted(e.target.checked)} />
          <span>{t('ledger.form.signPosted')}</span>
        </label>
      )}
    </FormDialog>
  );
}
