// People first (过渡安置, domain.md step 3): where a household from a D or 不可以居住 house lives now, since
// when, how many people; and the day it is back in a safe house.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { addRelocation, PLACE_KINDS, returnRelocation, useLedgerMutation, type PlaceKind, type Relocation } from '../../api/ledger.ts';
import { DayField, FormDialog, todayInChina } from './FormDialog.tsx';

export function RelocationDialog(props: { houseId: number; members: number; onClose(): void }) {
  const { t } = useTranslation();
  const relocate = useLedgerMutation(addRelocation);
  const [place, setPlace] = useState('');
  const [placeKind, setPlaceKind] = useState<PlaceKind>('relatives');
  const [movedOn, setMovedOn] = useState(todayInChina());
  const [people, setPeople] = useState(String(Math.max(1, props.members)));

  return (
    <FormDialog
      title={t('ledger.do.relocate')}
      submitLabel={t('ledger.form.save')}
      pending={relocate.isPending}
      error={relocate.error}
      onSubmit={() => relocate.mutate({ houseId: props.houseId, place: place.trim(), placeKind, movedOn, people: Number(people) }, { onSuccess: props.onClose })}
      onClose={props.onClose}
      testId="relocation-form"
    >
      <p className="ledger-form__hint">{t('ledger.explain.relocate')}</p>
      <label className="field">
        <span>{t('ledger.form.place')}</span>
        <input name="place" required maxLength={200} value={place} onChange={(e) => setPlace(e.target.value)} />
      </label>
      <div className="ledger-form__pair">
        <label className="field">
          <span>{t('ledger.form.placeKind')}</span>
          <select name="placeKind" value={placeKind} onChange={(e) => setPlaceKind(e.target.value as PlaceKind)}>
            {PLACE_KINDS.map((k) => (
              <option key={k} value={k}>
                {t(`ledger.placeKind.${k}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('ledger.form.people')}</span>
          <input name="people" type="number" min={1} max={99} required value={people} onChange={(e) => setPeople(e.target.value)} />
        </label>
      </div>
      <DayField label={t('ledger.form.movedOn')} name="movedOn" value={movedOn} onChange={setMovedOn} />
    </FormDialog>
  );
}

export function ReturnDialog(props: { houseId: number; relocation: Relocation; onClose(): void }) {
  const { t } = useTranslation();
  const back = useLedgerMutation((houseId: number, v: { relocationId: number; returnedOn: string }) =>
    returnRelocation(houseId, v.relocationId, { returnedOn: v.returnedOn }),
  );
  const [returnedOn, setReturnedOn] = useState(todayInChina());
  return (
    <FormDialog
      title={t('ledger.do.return')}
      submitLabel={t('ledger.form.confirm')}
      pending={back.isPending}
      error={back.error}
      onSubmit={() => back.mutate({ houseId: props.houseId, relocationId: props.relocation.id, returnedOn }, { onSuccess: props.onClose })}
      onClose={props.onClose}
      testId="return-form"
    >
      <p className="ledger-form__hint">
        {t('ledger.relocatedAt', { place: props.relocation.place, count: props.relocation.people, date: props.relocation.movedOn })}
      </p>
      <DayField label={t('ledger.form.returnedOn')} name="returnedOn" value={returnedOn} onChange={setReturnedOn} />
    </FormDialog>
  );
}
