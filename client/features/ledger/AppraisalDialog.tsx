// An appraisal (鉴定): the only way a house's grade changes. A technician with a valid appraisal
// training on the day (seed 001) is named; an emergency assessment (应急评估, only while a warning
// covers the house) records 可以居住 / 不可以居住 instead of a grade.
import { useMemo, useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES, type Grade } from '../../../server/domain/housing.ts';
import { trainingStanding } from '../../../server/domain/training-standing.ts';
import { APPRAISAL_KINDS, appraise as postAppraisal, useLedgerMutation, type AppraisalBody, type AppraisalKind } from '../../api/ledger.ts';
import { useTrainings, type Training } from '../../api/trainings.ts';
import { GRADE_COLORS } from '../../map/palette.ts';
import { DayField, FormDialog, todayInChina } from './FormDialog.tsx';

/**
 * The people whose appraisal training stands on `day` (seed 001), by the very rule the server applies
 * (domain/training-standing.ts: their latest training taken by then has not lapsed), by username.
 */
export function appraisersOn(trainings: readonly Training[], day: string): { id: number; username: string }[] {
  const byUser = new Map<number, Training[]>();
  for (const tr of trainings) if (tr.kind === 'appraisal') byUser.set(tr.userId, [...(byUser.get(tr.userId) ?? []), tr]);
  return [...byUser.values()]
    .filter((records) => ['valid', 'lapsing'].includes(trainingStanding(records, day)))
    .map((records) => ({ id: records[0]!.userId, username: records[0]!.username }))
    .sort((a, b) => a.username.localeCompare(b.username));
}

const ROUTINE_KINDS = APPRAISAL_KINDS.filter((k) => k !== 'emergency');

export function AppraisalDialog(props: { houseId: number; emergency: boolean; onClose(): void }) {
  const { t } = useTranslation();
  const appraise = useLedgerMutation(postAppraisal);
  const trainings = useTrainings();
  const [date, setDate] = useState(todayInChina());
  const [kind, setKind] = useState<AppraisalKind>(props.emergency ? 'emergency' : 'formal');
  const [grade, setGrade] = useState<Grade | null>(null);
  const [habitable, setHabitable] = useState<boolean | null>(null);
  const [appraiserId, setAppraiserId] = useState('');
  const [notes, setNotes] = useState('');
  const appraisers = useMemo(() => appraisersOn(trainings.data ?? [], date), [trainings.data, date]);

  const submit = () => {
    const body: AppraisalBody = { date, kind, appraiserId: Number(appraiserId) };
    if (props.emergency && habitable !== null) body.habitable = habitable;
    else if (grade) body.grade = grade;
    if (notes.trim()) body.notes = notes.trim();
    appraise.mutate({ houseId: props.houseId, ...body }, { onSuccess: props.onClose });
  };

  return (
    <FormDialog
      title={props.emergency ? t('ledger.do.emergency_assess') : t('ledger.do.appraise')}
      submitLabel={t('ledger.form.save')}
      pending={appraise.isPending}
      error={appraise.error}
      onSubmit={submit}
      onClose={props.onClose}
      testId="appraisal-form"
    >
      <p className="ledger-form__hint">{props.emergency ? t('ledger.explain.emergency_assess') : t('ledger.explain.appraise')}</p>
      <div className="ledger-form__pair">
        <DayField label={t('ledger.form.appraisedOn')} name="date" value={date} onChange={setDate} />
        {!props.emergency && (
          <label className="field">
            <span>{t('ledger.form.kind')}</span>
            <select name="kind" value={kind} onChange={(e) => setKind(e.target.value as AppraisalKind)}>
              {ROUTINE_KINDS.map((k) => (
                <option key={k} value={k}>
                  {t(`ledger.appraisalKind.${k}`)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      {props.emergency ? (
        <fieldset className="ledger-form__choice">
          <legend>{t('ledger.form.verdict')}</legend>
          {[true, false].map((v) => (
            <label key={String(v)} className="ledger-choice" data-tone={v ? 'ok' : 'bad'}>
              <input type="radio" name="habitable" required checked={habitable === v} onChange={() => setHabitable(v)} />
              <span>{t(v ? 'ledger.habitable.yes' : 'ledger.habitable.no')}</span>
            </label>
          ))}
        </fieldset>
      ) : (
        <fieldset className="ledger-form__choice">
          <legend>{t('ledger.form.grade')}</legend>
          {GRADES.map((g) => (
            <label key={g} className="ledger-choice ledger-choice--grade" style={{ '--choice-color': GRADE_COLORS[g] } as CSSProperties}>
              <input type="radio" name="grade" value={g} required checked={grade === g} onChange={() => setGrade(g)} />
              <span>{t(`grade.${g}`)}</span>
            </label>
          ))}
        </fieldset>
      )}
      <label className="field">
        <span>{t('ledger.form.appraiser')}</span>
        <select name="appraiserId" required value={appraiserId} onChange={(e) => setAppraiserId(e.target.value)}>
          <option value="" disabled>
            {trainings.isPending ? t('ledger.form.loading') : appraisers.length ? t('ledger.form.pickAppraiser') : t('ledger.form.noAppraiser')}
          </option>
          {appraisers.map((a) => (
            <option key={a.id} value={a.id}>
              {a.username}
            </option>
          ))}
        </select>
      </label>
      <p className="ledger-form__note">{t('ledger.form.appraiserHint')}</p>
      <label className="field">
        <span>{t('ledger.form.notes')}</span>
        <textarea name="notes" rows={2} maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
    </FormDialog>
  );
}
