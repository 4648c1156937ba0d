// The dialog after a lasso: what was selected (by grade, how many villages), when the patrol is due,
// then 派发 → POST /api/dispatch/manual, and what came back (tasks, villages, inspectors).
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';
import type { HouseholdFeature } from '../../api/households.ts';
import { useManualDispatch, type ManualDispatchResult } from '../../api/dispatch.ts';
import { GRADE_COLORS, MARK_RINGS } from '../../map/palette.ts';
import { GRADE_KEYS } from '../../../server/domain/housing.ts';
import { appLink } from '../../navigation.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { Swatch } from '../../ui/Swatch.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { when } from '../alerts/format.ts';
import { DUE_HOURS, MAX_DISPATCH_HOUSEHOLDS, newIdempotencyKey, summarize, type DueHours } from './lasso.ts';

export interface LassoDispatchDialogProps {
  /** The households inside the drawn polygon. */
  houses: readonly HouseholdFeature[];
  /** False when the lasso's box held more houses than were fetched (a map drawn from tiles): too many to send. */
  complete?: boolean;
  onClose(): void;
  /** Draw another polygon instead. */
  onRedraw(): void;
}

// Grades read dangerous first (D, C, B, A, then unappraised): what the dispatcher looks for.
const GRADE_ORDER = [...GRADE_KEYS.filter((g) => g !== 'none').reverse(), 'none' as const];

export function LassoDispatchDialog({ houses, complete = true, onClose, onRedraw }: LassoDispatchDialogProps) {
  const { t, i18n } = useTranslation();
  const summary = useMemo(() => summarize(houses), [houses]);
  const [dueHours, setDueHours] = useState<DueHours>(24);
  // One key for this dialog's selection: a double click, or 派发 again after a lost answer, is the same
  // dispatch to the server, which creates the tasks once and returns them the second time.
  const [idempotencyKey] = useState(newIdempotencyKey);
  const dispatch = useManualDispatch();
  const result = dispatch.data;
  // Incomplete: the lasso's box held more houses than the map could ask for at once (a map drawn from tiles).
  const tooMany = summary.total > MAX_DISPATCH_HOUSEHOLDS || !complete;

  const submit = () => {
    if (dispatch.isPending || result || summary.total === 0 || tooMany) return;
    dispatch.mutate({ householdIds: houses.map((h) => h.properties.id), dueHours, idempotencyKey });
  };

  return (
    <Dialog title={t('dispatch.lasso.title')} closeLabel={t('drawer.close')} onClose={onClose} className="lasso-dialog">
      {summary.total === 0 ? (
        <>
          <p className="lasso__empty" role="alert">
            {t('dispatch.lasso.empty')}
          </p>
          <p className="lasso__note">{t('dispatch.lasso.onlyShown')}</p>
          <div className="dialog__actions">
            <button type="button" className="button button--quiet" onClick={onClose}>
              {t('dispatch.lasso.cancel')}
            </button>
            <button type="button" className="button button--primary" onClick={onRedraw}>
              {t('dispatch.lasso.redraw')}
            </button>
          </div>
        </>
      ) : (
        <form
          className="lasso"
          onSubmit={(e) => {
            e.preventDefault();
            submit();
          }}
        >
          <p className="lasso__summary" data-testid="lasso-count" data-count={summary.total}>
            <strong>{t('dispatch.lasso.selected', { count: summary.total })}</strong>
            <span>{t('dispatch.lasso.villages', { count: summary.villages })}</span>
          </p>
          <table className="lasso__grades" aria-label={t('dispatch.lasso.byGrade')}>
            <tbody>
              {GRADE_ORDER.map((g) => (
                <tr key={g} data-grade={g} className={summary.byGrade[g] === 0 ? 'lasso__grade--zero' : undefined}>
                  <td>
                    <Swatch fill={GRADE_COLORS[g]} ring={MARK_RINGS.sturdy} size={18} dim={summary.byGrade[g] === 0} />
                  </td>
                  <th scope="row">{t(`grade.${g}`)}</th>
                  <td className="lasso__n">{t('dispatch.lasso.households', { count: summary.byGrade[g] })}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="lasso__note">{t('dispatch.lasso.onlyShown')}</p>
          {tooMany && (
            <p className="lasso__warn" role="alert">
              {t('dispatch.lasso.tooMany', { max: MAX_DISPATCH_HOUSEHOLDS })}
            </p>
          )}

          {result ? (
            <DispatchResult result={result} lang={i18n.language} />
          ) : (
            <>
              <fieldset className="lasso__due" disabled={dispatch.isPending}>
                <legend>{t('dispatch.lasso.due')}</legend>
                {DUE_HOURS.map((h) => (
                  <label key={h} className="lasso__due-choice">
                    <input type="radio" name="due-hours" value={h} checked={dueHours === h} onChange={() => setDueHours(h)} />
                    <span>{t('dispatch.lasso.hours', { count: h })}</span>
                  </label>
                ))}
              </fieldset>
              <p className="lasso__note">{t('dispatch.lasso.explain')}</p>
            </>
          )}

          {dispatch.isError && <DispatchError error={dispatch.error} />}

          <div className="dialog__actions">
            {result ? (
              <>
                <a className="button" data-testid="lasso-board-link" {...appLink('/dispatch')}>
                  {t('dispatch.lasso.openBoard')}
                </a>
                <button type="button" className="button button--primary" onClick={onClose}>
                  {t('dispatch.lasso.done')}
                </button>
              </>
            ) : (
              <>
                <button type="button" className="button button--quiet" onClick={onClose}>
                  {t('dispatch.lasso.cancel')}
                </button>
                <button type="submit" className="button button--primary" disabled={dispatch.isPending || tooMany}>
                  {dispatch.isPending ? t('dispatch.lasso.sending') : t('dispatch.lasso.send')}
                </button>
              </>
            )}
          </div>
        </form>
      )}
    </Dialog>
  );
}

/** What the server made of it: new tasks or (sent before) the existing ones, per village with its inspector. */
function DispatchResult({ result, lang }: { result: ManualDispatchResult; lang: string }) {
  const { t } = useTranslation();
  const created = result.created.length;
  const unassigned = result.tasks.filter((task) => task.assignee === null).length;
  return (
    <div className="lasso__result" role="status" data-testid="lasso-result" data-created={created} data-tasks={result.tasks.length}>
      <strong>
        {created > 0
          ? t('dispatch.lasso.created', { count: created })
          : t('dispatch.lasso.existing', { count: result.tasks.length })}
      </strong>
      <ul className="lasso__tasks">
        {result.tasks.map((task) => (
          <li key={task.id} data-task-id={task.id}>
            <span className="lasso__village">{task.villageName}</span>
            {task.assignee ? (
              <span className="lasso__assignee">{task.assignee.displayName}</span>
            ) : (
              <span className="lasso__assignee lasso__assignee--none">{t('dispatch.unassigned')}</span>
            )}
            <span className="lasso__stops">
              {t('dispatch.lasso.stops', { count: task.stopCount })}
              {' · '}
              {t('dispatch.dueAt', { due: when(lang, task.dueAt) })}
            </span>
          </li>
        ))}
      </ul>
      {unassigned > 0 && <p className="lasso__warn">{t('dispatch.lasso.unassignedNote', { count: unassigned })}</p>}
    </div>
  );
}

/** A refusal in words, and whether sending again is safe. */
function DispatchError({ error }: { error: unknown }) {
  const { t } = useTranslation();
  // Nothing was refused on its merits (no answer, or the server failed): sending again is safe.
  const retrySafe = !(error instanceof ApiError) || error.status >= 500;
  return (
    <ErrorNote error={error} context="lasso" testId="lasso-error">
      {retrySafe && <span className="lasso__retry">{t('dispatch.lasso.retrySafe')}</span>}
    </ErrorNote>
  );
}
