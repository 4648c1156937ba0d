// Before a schedule goes out: which houses it covers, the tasks per village with who would go and what
// nobody can take (the server's own plan, as for an alert), then 确认派发 → the idempotent dispatch.
import { useTranslation } from 'react-i18next';
import { useDispatchSchedule, useSchedulePreview, type ScheduleRun } from '../../api/schedules.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { when } from '../alerts/format.ts';
import { VillagePlan } from './DispatchPreviewDialog.tsx';
import './preview.css';

export function ScheduleDispatchDialog({ run, onClose }: { run: ScheduleRun; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const dispatch = useDispatchSchedule();
  const preview = useSchedulePreview(dispatch.data ? null : run);
  const p = preview.data;
  const done = dispatch.data;
  const name =
    run.kind === 'quarterly'
      ? t('schedules.name.quarterly', { year: run.period.slice(0, 4), quarter: run.period.slice(5) })
      : t('schedules.name.campaign', { year: run.year });
  return (
    <Dialog title={`${t('dispatch.preview.title')} · ${name}`} closeLabel={t('drawer.close')} onClose={onClose} className="preview-dialog">
      <div className="preview" data-testid="schedule-preview">
        {preview.isPending && !done && (
          <p className="preview__loading" role="status">
            {t('dispatch.preview.loading')}
          </p>
        )}
        {preview.isError && <ErrorNote error={preview.error} />}
        {p && !done && (
          <>
            <p className="preview__rule">{t(`schedules.rule.${run.kind}`)}</p>
            <p className="preview__due">
              <strong>{t('dispatch.dueAt', { due: when(i18n.language, p.dueAt) })}</strong>
              {' · '}
              {t('schedules.pace', { perStop: p.pace.minutesPerStop, speed: p.pace.speedKmh, shift: p.pace.shiftHours })}
            </p>
            {p.totals.houses === 0 ? (
              <p className="preview__nothing" role="status">
                {t('schedules.nothing')}
              </p>
            ) : (
              <p className="preview__totals" data-testid="preview-totals">
                {t('dispatch.preview.totals', { houses: p.totals.houses, villages: p.villages.length, tasks: p.totals.tasks, assigned: p.totals.assigned })}
              </p>
            )}
            {p.already > 0 && p.totals.houses > 0 && <p className="preview__note">{t('schedules.already', { already: p.already })}</p>}
            {p.totals.unassignedStops > 0 && (
              <p className="preview__over" role="alert" data-testid="preview-over-capacity">
                {t('schedules.overCapacity', { stops: p.totals.unassignedStops, villages: p.villages.filter((v) => v.unassignedStops > 0).length })}
              </p>
            )}
            <ul className="preview__villages">
              {[...p.villages]
                .sort((a, b) => b.unassignedStops - a.unassignedStops || b.houses - a.houses)
                .map((v) => (
                  <VillagePlan key={v.villageCode} village={v} />
                ))}
            </ul>
          </>
        )}
        {done && (
          <p className="alert-actions__result" role="status" data-testid="schedule-result">
            {t('schedules.dispatched', { created: done.created.length, stops: done.addedStops, selected: done.selected, tasks: done.tasks.length })}
          </p>
        )}
        {dispatch.isError && <ErrorNote error={dispatch.error} />}
      </div>
      <div className="dialog__actions">
        {done ? (
          <button type="button" className="button button--primary" onClick={onClose}>
            {t('dispatch.preview.close')}
          </button>
        ) : (
          <>
            <button type="button" className="button button--quiet" onClick={onClose}>
              {t('dispatch.preview.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="confirm-schedule"
              disabled={!p || p.totals.houses === 0 || dispatch.isPending}
              onClick={() => dispatch.mutate(run)}
            >
              {dispatch.isPending ? t('dispatch.preview.confirming') : t('dispatch.preview.confirm')}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
