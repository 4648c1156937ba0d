// Editing one dispatch rule: tick grades and structures, key houses, hours; the preview below counts
// what the draft would select under each active warning of this type and level, next to the rule in
// force, as the draft changes (debounced). Saving is PUT /api/dispatch-rules.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRulePreview, useSaveDispatchRule, type DispatchRuleDraft, type DispatchRuleRow } from '../../api/dispatch-rules.ts';
import { GRADES, STRUCTURES, type Grade, type Structure } from '../../../server/domain/housing.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';

const toggle = <T,>(list: readonly T[], v: T, on: boolean): T[] => (on ? [...list.filter((x) => x !== v), v] : list.filter((x) => x !== v));

export function RuleDialog(props: { rule: DispatchRuleRow; onClose(): void }) {
  const { t } = useTranslation();
  const r = props.rule;
  const save = useSaveDispatchRule();
  const [grades, setGrades] = useState<Grade[]>(r.grades);
  const [structures, setStructures] = useState<Structure[]>(r.structures);
  const [keyHouses, setKeyHouses] = useState(r.keyHouses);
  const [keyStructures, setKeyStructures] = useState<Structure[]>(r.keyStructures);
  const [dueHours, setDueHours] = useState(String(r.dueHours));
  // Kept in table order so equal drafts share one preview query.
  const draft: DispatchRuleDraft = {
    alertType: r.alertType,
    level: r.level,
    grades: GRADES.filter((g) => grades.includes(g)),
    structures: STRUCTURES.filter((s) => structures.includes(s)),
    keyHouses,
    keyStructures: STRUCTURES.filter((s) => keyStructures.includes(s)),
  };
  const settled = useDebounced(JSON.stringify(draft), 300);
  const preview = useRulePreview(JSON.parse(settled) as DispatchRuleDraft);
  const hours = Number(dueHours);
  const hoursOk = Number.isFinite(hours) && hours > 0 && hours <= 336;
  const title = t('admin.rules.editTitle', { type: t(`alertType.${r.alertType}`), level: t(`alertLevel.${r.level}`) });
  return (
    <Dialog title={title} closeLabel={t('admin.close')} onClose={props.onClose} className="admin-dialog admin-dialog--wide">
      <form
        className="admin-form admin-rule"
        data-testid="rule-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (hoursOk) save.mutate({ ...draft, dueHours: hours }, { onSuccess: props.onClose });
        }}
      >
        <p className="admin-form__hint">{t('admin.rules.anyClause')}</p>
        <fieldset className="admin-form__group">
          <legend>{t('admin.rules.grades')}</legend>
          <div className="admin-checks">
            {GRADES.map((g) => (
              <label key={g} className="check check--inline">
                <input type="checkbox" checked={grades.includes(g)} onChange={(e) => setGrades(toggle(grades, g, e.target.checked))} />
                <span>{t(`gradeShort.${g}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="admin-form__group">
          <legend>{t('admin.rules.structures')}</legend>
          <div className="admin-checks">
            {STRUCTURES.map((s) => (
              <label key={s} className="check check--inline">
                <input type="checkbox" checked={structures.includes(s)} onChange={(e) => setStructures(toggle(structures, s, e.target.checked))} />
                <span>{t(`structure.${s}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <fieldset className="admin-form__group">
          <legend>{t('admin.rules.keyHousesGroup')}</legend>
          <label className="check">
            <input type="checkbox" checked={keyHouses} onChange={(e) => setKeyHouses(e.target.checked)} />
            <span>{t('admin.rules.keyClause')}</span>
          </label>
          <p className="admin-form__hint">{t('admin.rules.keyStructures')}</p>
          <div className="admin-checks">
            {STRUCTURES.map((s) => (
              <label key={s} className="check check--inline">
                <input
                  type="checkbox"
                  disabled={keyHouses}
                  checked={keyHouses || keyStructures.includes(s)}
                  onChange={(e) => setKeyStructures(toggle(keyStructures, s, e.target.checked))}
                />
                <span>{t(`structure.${s}`)}</span>
              </label>
            ))}
          </div>
        </fieldset>
        <label className="field admin-rule__hours">
          <span>{t('admin.rules.dueHours')}</span>
          <input type="number" min={1} max={336} step={1} required value={dueHours} aria-invalid={!hoursOk} onChange={(e) => setDueHours(e.target.value)} />
        </label>
        <Preview preview={preview} />
        {save.isError && <ErrorNote error={save.error} />}
        <div className="admin-form__buttons">
          <button type="button" className="button" onClick={props.onClose}>
            {t('admin.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={save.isPending || !hoursOk}>
            {save.isPending ? t('admin.saving') : t('admin.rules.save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function Preview({ preview }: { preview: ReturnType<typeof useRulePreview> }) {
  const { t } = useTranslation();
  const p = preview.data;
  return (
    <section className="admin-preview" aria-live="polite" data-testid="rule-preview" data-busy={preview.isFetching || undefined}>
      <h3>{t('admin.rules.preview')}</h3>
      {preview.isError && <ErrorNote error={preview.error} />}
      {!p && preview.isPending && <p className="admin-summary">{t('app.loading')}</p>}
      {p && p.alerts.length === 0 && <p className="admin-summary">{t('admin.rules.noAlerts')}</p>}
      {p && p.alerts.length > 0 && (
        <>
          <p className="admin-preview__total" data-testid="preview-total">
            {t('admin.rules.previewTotal', { count: p.total.selected, now: p.total.selectedNow ?? 0, alerts: p.alerts.length })}
          </p>
          <table className="admin-preview__table">
            <thead>
              <tr>
                <th scope="col">{t('admin.rules.alert')}</th>
                <th scope="col">{t('admin.rules.exposed')}</th>
                <th scope="col">{t('admin.rules.selectedNow')}</th>
                <th scope="col">{t('admin.rules.selectedDraft')}</th>
              </tr>
            </thead>
            <tbody>
              {p.alerts.map((a) => (
                <tr key={a.id}>
                  <td>{a.headline}</td>
                  <td className="mono">{a.exposed}</td>
                  <td className="mono">{a.selectedNow ?? '—'}</td>
                  <td className={`mono admin-preview__draft${a.selected !== a.selectedNow ? ' admin-preview__draft--changed' : ''}`}>{a.selected}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
