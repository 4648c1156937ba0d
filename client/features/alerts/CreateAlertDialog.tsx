import { useState, type CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ALERT_LEVELS, ALERT_TYPES } from '../../../server/domain/dispatch-rules.ts';
import { useCreateAlert, type AlertLevel, type AlertType } from '../../api/alerts.ts';
import { ALERT_LEVEL_COLORS } from '../../map/palette.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { alertName, localInputToIso, toLocalInput } from './format.ts';

/** The form after a zone is drawn: type, level, headline, effective and expiry → POST /api/alerts. */
export function CreateAlertDialog(props: { zone: GeoJSON.Polygon; onCreated(id: number): void; onClose(): void }) {
  const { t } = useTranslation();
  const create = useCreateAlert();
  const [type, setType] = useState<AlertType>('rainstorm');
  const [level, setLevel] = useState<AlertLevel>('orange');
  const [headline, setHeadline] = useState('');
  const [description, setDescription] = useState('');
  const [effective, setEffective] = useState(() => toLocalInput(new Date()));
  const [expires, setExpires] = useState(() => toLocalInput(new Date(Date.now() + 24 * 3600_000)));
  const suggested = t('alerts.form.headlineDefault', { name: alertName(t, type, level) });

  return (
    <Dialog title={t('alerts.form.title')} closeLabel={t('drawer.close')} onClose={props.onClose} className="alert-form-dialog">
      <form
        className="alert-form"
        onSubmit={(e) => {
          e.preventDefault();
          const effectiveAt = localInputToIso(effective);
          const expiresAt = localInputToIso(expires);
          if (!expiresAt) return;
          create.mutate(
            {
              type,
              level,
              headline: headline.trim() || suggested,
              description: description.trim(),
              ...(effectiveAt ? { effectiveAt } : {}),
              expiresAt,
              geometry: { type: 'Polygon', coordinates: props.zone.coordinates },
            },
            { onSuccess: (f) => props.onCreated(f.properties.id) },
          );
        }}
      >
        <label className="field">
          <span>{t('alerts.form.type')}</span>
          <select name="type" value={type} onChange={(e) => setType(e.target.value as AlertType)}>
            {ALERT_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`alertType.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <fieldset className="alert-form__levels">
          <legend>{t('alerts.form.level')}</legend>
          {ALERT_LEVELS.map((l) => (
            <label key={l} className="level-choice" style={{ '--level-color': ALERT_LEVEL_COLORS[l] } as CSSProperties}>
              <input type="radio" name="level" value={l} checked={level === l} onChange={() => setLevel(l)} />
              <span>{t(`alertLevel.${l}`)}</span>
            </label>
          ))}
        </fieldset>
        <label className="field">
          <span>{t('alerts.form.headline')}</span>
          <input name="headline" value={headline} placeholder={suggested} maxLength={200} onChange={(e) => setHeadline(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('alerts.form.description')}</span>
          <textarea name="description" rows={2} maxLength={5000} value={description} onChange={(e) => setDescription(e.target.value)} />
        </label>
        <div className="alert-form__times">
          <label className="field">
            <span>{t('alerts.effective')}</span>
            <input type="datetime-local" name="effectiveAt" value={effective} onChange={(e) => setEffective(e.target.value)} />
          </label>
          <label className="field">
            <span>{t('alerts.expires')}</span>
            <input type="datetime-local" name="expiresAt" required value={expires} onChange={(e) => setExpires(e.target.value)} />
          </label>
        </div>
        {create.isError && <ErrorNote error={create.error} />}
        <div className="dialog__actions">
          <button type="button" className="button button--quiet" onClick={props.onClose}>
            {t('alerts.form.cancel')}
          </button>
          <button type="submit" className="button button--primary" disabled={create.isPending}>
            {create.isPending ? t('alerts.form.submitting') : t('alerts.form.submit')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
