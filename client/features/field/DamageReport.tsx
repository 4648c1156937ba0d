// 上报灾损 on a stop (seed 002: damage reported to the township within 3 days): offered while a disaster
// event the inspector sees happened in the last 7 days. Degree, whether the house is fit to live in,
// notes and photos go straight to the server — online only, unlike a patrol result, which the outbox
// keeps on the phone: without signal the form says so and keeps what was entered.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DAMAGE_DEGREES, type DamageDegree } from '../../../server/domain/disasters.ts';
import { useDisasters, useReportDamage } from '../../api/disasters.ts';
import { PhotoPicker } from './PhotoPicker.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { shrinkPhoto } from './photo.ts';

const MAX_PHOTOS = 10;
type Habitable = 'yes' | 'no' | 'unknown';

export function DamageReport({ houseId }: { houseId: number }) {
  const { t } = useTranslation();
  const events = useDisasters(true);
  const report = useReportDamage();
  const recent = (events.data?.events ?? []).filter((e) => e.recent);
  const [eventId, setEventId] = useState<number | null>(null);
  const [degree, setDegree] = useState<DamageDegree | null>(null);
  const [habitable, setHabitable] = useState<Habitable>('unknown');
  const [notes, setNotes] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);

  // Another house: a clean form.
  useEffect(() => {
    setDegree(null);
    setHabitable('unknown');
    setNotes('');
    setPhotos([]);
    report.reset();
  }, [houseId]);

  if (recent.length === 0) return null;
  const event = recent.find((e) => e.id === eventId) ?? recent[0]!;

  async function submit() {
    if (!degree) return;
    const blobs = await Promise.all(photos.map((f) => shrinkPhoto(f)));
    report.mutate({
      eventId: event.id,
      houseId,
      degree,
      ...(habitable === 'unknown' ? {} : { habitable: habitable === 'yes' }),
      ...(notes.trim() ? { notes: notes.trim() } : {}),
      photos: blobs,
    });
  }

  return (
    <details className="damage-report" data-testid="damage-report-form">
      <summary>{t('disasters.report.action')}</summary>
      {report.isSuccess ? (
        <p className="damage-report__ok" role="status" data-testid="damage-reported">
          {t(report.data.report.late ? 'disasters.report.doneLate' : 'disasters.report.done', { event: event.name, degree: t(`disasters.degree.${report.data.report.degree}`) })}
        </p>
      ) : (
        <fieldset disabled={report.isPending}>
          <legend>{t('disasters.report.title', { event: event.name })}</legend>
          {recent.length > 1 && (
            <label className="field">
              <span>{t('disasters.report.event')}</span>
              <select value={event.id} onChange={(e) => setEventId(Number(e.target.value))}>
                {recent.map((e) => (
                  <option key={e.id} value={e.id}>
                    {e.name} · {e.occurredOn}
                  </option>
                ))}
              </select>
            </label>
          )}
          <p className="damage-report__due">{t('disasters.report.due', { date: event.dueOn })}</p>
          <div className="checklist__items" role="radiogroup" aria-label={t('disasters.report.degree')}>
            {DAMAGE_DEGREES.map((d) => (
              <label key={d} className="chip">
                <input type="radio" name={`degree-${houseId}`} checked={degree === d} onChange={() => setDegree(d)} />
                <span>{t(`disasters.degree.${d}`)}</span>
              </label>
            ))}
          </div>
          <div className="checklist__items" role="radiogroup" aria-label={t('disasters.report.habitableLabel')}>
            {(['yes', 'no', 'unknown'] as const).map((h) => (
              <label key={h} className="chip">
                <input type="radio" name={`habitable-${houseId}`} checked={habitable === h} onChange={() => setHabitable(h)} />
                <span>{t(`disasters.report.habitable.${h}`)}</span>
              </label>
            ))}
          </div>
          <label className="field">
            <span>{t('disasters.report.notes')}</span>
            <textarea rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} />
          </label>
          <PhotoPicker
            photos={photos}
            setPhotos={setPhotos}
            max={MAX_PHOTOS}
            takeLabel={t('disasters.report.photo')}
            photoAlt={(n) => t('disasters.report.photoAlt', { n })}
          />
          <p className="damage-report__online">{t('disasters.report.onlineOnly')}</p>
          {report.isError && <ErrorNote error={report.error} />}
          <button type="button" className="button button--primary" disabled={!degree || report.isPending} onClick={() => void submit()}>
            {report.isPending ? t('disasters.report.sending') : t('disasters.report.send')}
          </button>
        </fieldset>
      )}
    </details>
  );
}
