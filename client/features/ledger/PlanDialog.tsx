// The rectification plan (整改方案): how the house is made safe — 修缮加固, 拆除重建, 选址新建, or 保障安全
// with where the household goes — a responsible person per stage (四清一责任: 问题清, 鉴定清, 改造清,
// 验收清), the planned days and the funds. The first save puts a listed house in "planned".
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  GUARANTEE_MODES,
  PLAN_MODES,
  PLAN_STAGES,
  savePlan,
  useLedgerMutation,
  type GuaranteeMode,
  type PlanBody,
  type PlanMode,
  type PlanStage,
  type RectificationPlan,
} from '../../api/ledger.ts';
import { DayField, FormDialog } from './FormDialog.tsx';

const money = (v: string): number | undefined => (v.trim() === '' ? undefined : Number(v));
const str = (v: number | null | undefined) => (v === null || v === undefined ? '' : String(v));

export function PlanDialog(props: { houseId: number; plan: RectificationPlan | null; onClose(): void }) {
  const { t } = useTranslation();
  const save = useLedgerMutation(savePlan);
  const p = props.plan;
  const [mode, setMode] = useState<PlanMode>(p?.mode ?? 'repair_strengthen');
  const [guaranteeMode, setGuaranteeMode] = useState<GuaranteeMode>(() => GUARANTEE_MODES.find((m) => m === p?.guaranteeMode) ?? 'public_rental');
  const [responsible, setResponsible] = useState<Record<PlanStage, string>>(
    () => Object.fromEntries(PLAN_STAGES.map((s) => [s, p?.responsible[s]?.name ?? ''])) as Record<PlanStage, string>,
  );
  const [start, setStart] = useState(p?.plannedStartOn ?? '');
  const [finish, setFinish] = useState(p?.plannedFinishOn ?? '');
  const [funds, setFunds] = useState({ central: str(p?.fundsCentral), local: str(p?.fundsLocal), self: str(p?.fundsSelf) });
  const [notes, setNotes] = useState(p?.notes ?? '');

  const submit = () => {
    const body: PlanBody = { mode, responsible: {} };
    if (mode === 'guarantee') body.guaranteeMode = guaranteeMode;
    for (const s of PLAN_STAGES) if (responsible[s].trim()) body.responsible[s] = { name: responsible[s].trim() };
    if (start) body.plannedStartOn = start;
    if (finish) body.plannedFinishOn = finish;
    const [c, l, s] = [money(funds.central), money(funds.local), money(funds.self)];
    if (c !== undefined) body.fundsCentral = c;
    if (l !== undefined) body.fundsLocal = l;
    if (s !== undefined) body.fundsSelf = s;
    if (notes.trim()) body.notes = notes.trim();
    save.mutate({ houseId: props.houseId, ...body }, { onSuccess: props.onClose });
  };

  return (
    <FormDialog
      title={p ? t('ledger.do.edit_plan') : t('ledger.do.plan')}
      submitLabel={t('ledger.form.save')}
      pending={save.isPending}
      error={save.error}
      onSubmit={submit}
      onClose={props.onClose}
      testId="plan-form"
    >
      <div className="ledger-form__pair">
        <label className="field">
          <span>{t('ledger.form.mode')}</span>
          <select name="mode" value={mode} onChange={(e) => setMode(e.target.value as PlanMode)}>
            {PLAN_MODES.map((m) => (
              <option key={m} value={m}>
                {t(`ledger.mode.${m}`)}
              </option>
            ))}
          </select>
        </label>
        {mode === 'guarantee' && (
          <label className="field">
            <span>{t('ledger.form.guaranteeMode')}</span>
            <select name="guaranteeMode" value={guaranteeMode} onChange={(e) => setGuaranteeMode(e.target.value as GuaranteeMode)}>
              {GUARANTEE_MODES.map((m) => (
                <option key={m} value={m}>
                  {t(`ledger.guaranteeMode.${m}`)}
                </option>
              ))}
            </select>
          </label>
        )}
      </div>
      <fieldset className="ledger-form__group">
        <legend>{t('ledger.form.responsible')}</legend>
        <div className="ledger-form__pair">
          {PLAN_STAGES.map((s) => (
            <label key={s} className="field">
              <span>{t(`ledger.stage.${s}`)}</span>
              <input
                name={`responsible-${s}`}
                maxLength={64}
                autoComplete="off"
                value={responsible[s]}
                onChange={(e) => setResponsible({ ...responsible, [s]: e.target.value })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <div className="ledger-form__pair">
        <DayField label={t('ledger.form.plannedStart')} name="plannedStartOn" value={start} onChange={setStart} future required={false} />
        <DayField label={t('ledger.form.plannedFinish')} name="plannedFinishOn" value={finish} onChange={setFinish} future required={false} />
      </div>
      <fieldset className="ledger-form__group">
        <legend>{t('ledger.form.funds')}</legend>
        <div className="ledger-form__triple">
          {(['central', 'local', 'self'] as const).map((k) => (
            <label key={k} className="field">
              <span>{t(`ledger.funds.${k}`)}</span>
              <input
                name={`funds-${k}`}
                type="number"
                min={0}
                step={100}
                inputMode="decimal"
                value={funds[k]}
                onChange={(e) => setFunds({ ...funds, [k]: e.target.value })}
              />
            </label>
          ))}
        </div>
      </fieldset>
      <label className="field">
        <span>{t('ledger.form.notes')}</span>
        <textarea name="notes" rows={2} maxLength={1000} value={notes} onChange={(e) => setNotes(e.target.value)} />
      </label>
    </FormDialog>
  );
}
