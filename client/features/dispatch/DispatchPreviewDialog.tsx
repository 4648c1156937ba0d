// Before an alert's patrols go out (issue 10 §3): the rule in words, the houses per village and grade,
// each task with who would go — trained until when, how much time they have left — and what nobody
// can take, then 确认派发 → the idempotent POST /api/alerts/:id/dispatch. The preview is the server's
// own plan (POST /api/alerts/:id/dispatch/preview), so what is confirmed is what was shown.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { AlertFeature } from '../../api/alerts.ts';
import { useDispatchAlert, useDispatchPreview, type DispatchPreview } from '../../api/dispatch.ts';
import { GRADE_COLORS } from '../../map/palette.ts';
import { GRADE_KEYS } from '../../../server/domain/housing.ts';
import { appLink } from '../../navigation.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { alertName, when } from '../alerts/format.ts';
import './preview.css';

type Rule = DispatchPreview['rule'];
type Village = DispatchPreview['villages'][number];

// Dangerous first (D, C, B, A, then unappraised): what the dispatcher looks for.
const GRADE_ORDER = [...GRADE_KEYS.filter((g) => g !== 'none').reverse(), 'none' as const];

/** The rule as a sentence: its clauses (any of them selects a house) and its time limit. */
export function ruleInWords(t: TFunction, rule: Rule): string {
  const list = (items: string[]) => items.join(t('dispatch.preview.listSep'));
  const clauses: string[] = [];
  if (rule.grades.length) clauses.push(t('dispatch.preview.clauseGrades', { list: list(rule.grades.map((g) => t(`gradeShort.${g}`))) }));
  if (rule.structures.length) clauses.push(t('dispatch.preview.clauseStructures', { list: list(rule.structures.map((s) => t(`structure.${s}`))) }));
  if (rule.keyHouses) clauses.push(t('dispatch.preview.clauseKeyHouses'));
  if (rule.keyStructures.length) clauses.push(t('dispatch.preview.clauseKeyStructures', { list: list(rule.keyStructures.map((s) => t(`structure.${s}`))) }));
  return t('dispatch.preview.rule', { clauses: clauses.join(t('dispatch.preview.clauseSep')), hours: rule.dueHours });
}

export function VillagePlan({ village }: { village: Village }) {
  const { t } = useTranslation();
  return (
    <li className="preview-village" data-testid="preview-village" data-over-capacity={village.overCapacity}>
      <div className="preview-village__head">
        <strong>{village.villageName}</strong>
        <span className="preview-village__grades" aria-label={t('dispatch.preview.byGrade')}>
          {GRADE_ORDER.filter((g) => village.byGrade[g] > 0).map((g) => (
            <span key={g} style={{ color: GRADE_COLORS[g] }}>
              {t(`gradeShort.${g}`)} {village.byGrade[g]}
            </span>
          ))}
        </span>
      </div>
      {village.extended && <p className="preview-village__note">{t('dispatch.preview.extended', { added: village.extended.added, id: village.extended.taskId })}</p>}
      <ol className="preview-tasks">
        {village.tasks.map((task) => (
          <li key={task.part} className={task.assignee ? 'preview-task' : 'preview-task preview-task--nobody'}>
            <span className="preview-task__what">{t('dispatch.preview.task', { part: task.part, stops: task.stops, minutes: task.minutes })}</span>
            {task.assignee ? (
              <span className="preview-task__who" data-testid="preview-assignee">
                <strong>{task.assignee.displayName}</strong> · {task.assignee.regionName} ·{' '}
                {task.assignee.trainedUntil.startsWith('9999')
                  ? t('dispatch.preview.trainedNoEnd')
                  : t('dispatch.preview.trainedUntil', { date: task.assignee.trainedUntil })}{' '}
                · {t('dispatch.preview.left', { minutes: Math.max(0, task.assignee.freeMinutes) })}
                {task.travelMinutes > 0 && ` · ${t('dispatch.preview.travel', { minutes: task.travelMinutes })}`}
              </span>
            ) : (
              <span className="preview-task__who preview-task__who--nobody" data-testid="preview-nobody">
                <strong>{t('dispatch.preview.nobody')}</strong> · {t(`dispatch.unassignedReason.${task.unassignedReason ?? 'no_capacity'}`)}
              </span>
            )}
          </li>
        ))}
      </ol>
    </li>
  );
}

export function DispatchPreviewDialog({ alert, onClose }: { alert: AlertFeature; onClose(): void }) {
  const { t, i18n } = useTranslation();
  const id = alert.properties.id;
  const dispatch = useDispatchAlert();
  // Once confirmed the answer is shown, not a fresh preview (which would have nothing left to plan).
  const preview = useDispatchPreview(dispatch.data ? null : id);
  const p = preview.data;
  const done = dispatch.data;
  return (
    <Dialog
      title={`${t('dispatch.preview.title')} · ${alertName(t, alert.properties.type, alert.properties.level, alert.properties.event)}`}
      closeLabel={t('drawer.close')}
      onClose={onClose}
      className="preview-dialog"
    >
      <div className="preview" data-testid="dispatch-preview">
        {preview.isPending && !done && (
          <p className="preview__loading" role="status">
            {t('dispatch.preview.loading')}
          </p>
        )}
        {preview.isError && <ErrorNote error={preview.error} />}
        {p && !done && (
          <>
            <p className="preview__rule" data-testid="preview-rule">
              {ruleInWords(t, p.rule)}
            </p>
            <p className="preview__due">
              <strong>{t('dispatch.dueAt', { due: when(i18n.language, p.dueAt) })}</strong>
              {' · '}
              {t('dispatch.preview.pace', { minutes: p.budgetMinutes, speed: p.pace.speedKmh, perStop: p.pace.minutesPerStop })}
            </p>
            {p.totals.houses === 0 ? (
              <p className="preview__nothing" role="status">
                {t('dispatch.preview.nothing')}
              </p>
            ) : (
              <p className="preview__totals" data-testid="preview-totals">
                {t('dispatch.preview.totals', { houses: p.totals.houses, villages: p.villages.length, tasks: p.totals.tasks, assigned: p.totals.assigned })}
              </p>
            )}
            {p.already > 0 && p.totals.houses > 0 && <p className="preview__note">{t('dispatch.preview.already', { already: p.already })}</p>}
            {p.totals.unassignedStops > 0 && (
              <p className="preview__over" role="alert" data-testid="preview-over-capacity">
                {t('dispatch.preview.overCapacity', { stops: p.totals.unassignedStops, villages: p.villages.filter((v) => v.unassignedStops > 0).length })}
              </p>
            )}
            {/* Villages short of people first: they are what the dispatcher must act on. */}
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
          <p className="alert-actions__result" role="status" data-testid="dispatch-result">
            {t('alerts.actions.dispatched', { created: done.created.length, extended: done.extended.length, stops: done.addedStops, selected: done.selected, tasks: done.tasks.length })}
          </p>
        )}
        {dispatch.isError && <ErrorNote error={dispatch.error} />}
      </div>
      <div className="dialog__actions">
        {done ? (
          <>
            <a className="button" {...appLink(`/dispatch?alert=${id}`)}>
              {t('dispatch.lasso.openBoard')}
            </a>
            <button type="button" className="button button--primary" onClick={onClose}>
              {t('dispatch.preview.close')}
            </button>
          </>
        ) : (
          <>
            <button type="button" className="button button--quiet" onClick={onClose}>
              {t('dispatch.preview.cancel')}
            </button>
            <button
              type="button"
              className="button button--primary"
              data-testid="confirm-dispatch"
              disabled={!p || p.totals.houses === 0 || dispatch.isPending}
              onClick={() => dispatch.mutate(id)}
            >
              {dispatch.isPending ? t('dispatch.preview.confirming') : t('dispatch.preview.confirm')}
            </button>
          </>
        )}
      </div>
    </Dialog>
  );
}
