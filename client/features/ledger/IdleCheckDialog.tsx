// A look at an idle dangerous house (闲置危房, seed 001: sealed, sign posted, checked by a named person
// regularly): is it still empty, is the warning sign still there.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addIdleCheck, useLedgerMutation } from '../../api/ledger.ts';
import { DayField, FormDialog, todayInChina } from './FormDialog.tsx';

export function IdleCheckDialog(props: { houseId: number; onClose(): void }) {
  const { t } = useTranslation();
  const check = useLedgerMutation(addIdleCheck);
  const [checkedOn, setCheckedOn] = useState(todayInChina());
  const [stillEmpty, setStillEmpty] = useState(true);
  const [signPresent, setSignPresent] = useState(true);
  const [notes, setNotes] = useState('');
  return (
    <FormDialog
      title={t('ledger.do.idle_check')}
      submitLabel={t('ledger.form.save')}
      pending={check.isPending}
      error={check.error}
      onSubmit={() =>
        check.mutate({ houseId: props.houseId, checkedOn, stillEmpty, signPresent, ...(notes.trim() ? { notes: notes.trim() } : {}) }, { onSuccess: props.onClose })
      }
      onClose={props.onClose}
      testId="idle-check-form"
    >
      <DayField label={t('ledger.form.checkedOn')} name="checkedOn" value={checkedOn} onChange={setCheckedOn} />
      <label className="check">
        <input type="checkbox" name="stillEmpty" checked={stillEmpty} onChange={(e) => setStillEmpty(e.target.checked)} />
        <span>{t('ledger.form.stillEmpty')}</span>
      </label>
      <label className="check">
        <input type="checkbox" name="signPresent" checked={signPresent} onChange={(e) => setSignPresent(e.target.checked)} />
        <span>{t('ledger.form.signPresent')}</span>
      </label>
      <label className="field">
        <span>{t('ledger.form.notes')}</span>
        <textarea name="notes" rows={2} maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
    </FormDialog>
  );
}
