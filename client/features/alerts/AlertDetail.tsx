import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useAlert, useAlertExposure, usePatchAlert, type AlertFeature, type ExposedHousehold } from '../../api/alerts.ts';
import { DispatchPreviewDialog } from '../dispatch/DispatchPreviewDialog.tsx';
import { AlertTime, GradeCounts, LevelBadge } from './AlertCard.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { AlertHistory } from './AlertHistory.tsx';
import { AlertTexts } from './AlertTexts.tsx';
import { ExposedList } from './ExposedList.tsx';
import { alertName, toOffsetIso, when } from './format.ts';

const EXTEND_HOURS = [3, 6, 12, 24] as const;

export interface AlertDetailProps {
  alert: AlertFeature;
  now: number;
  /** Editors: extend and cancel (server/auth/rules.ts); shown only on alerts the server says they may change. */
  canEdit: boolean;
  /** Editors: dispatch patrol tasks. */
  canDispatch: boolean;
  onBack(): void;
  onOpenHousehold(h: ExposedHousehold): void;
}

/** Editors' actions on an active alert: extend, cancel (two steps), dispatch patrols (派发巡查任务). */
function AlertActions({ alert, now, canEdit, canDispatch }: Pick<AlertDetailProps, 'alert' | 'now' | 'canEdit' | 'canDispatch'>) {
  const { t } = useTranslation();
  const patch = usePatchAlert();
  // 派发巡查任务 opens the preview; it confirms the dispatch itself.
  const [previewing, setPreviewing] = useState(false);
  const [hours, setHours] = useState<number>(6);
  const [confirming, setConfirming] = useState(false);
  const p = alert.properties;
  const extend = () => {
    // From the later of now and the current expiry: extending an alert never shortens it.
    const base = Math.max(now, Date.parse(p.expiresAt));
    patch.mutate({ id: p.id, change: { expiresAt: toOffsetIso(new Date(base + hours * 3600_000)) } });
  };
  return (
    <section className="alert-actions" aria-label={t('alerts.actions.title')}>
      {canEdit && (
        <div className="alert-actions__row">
          <label className="alert-actions__extend">
            <span className="visually-hidden">{t('alerts.actions.extendBy')}</span>
            <select value={hours} onChange={(e) => setHours(Number(e.target.value))} name="extend-hours">
              {EXTEND_HOURS.map((h) => (
                <option key={h} value={h}>
                  {t('alerts.actions.hours', { count: h })}
                </option>
              ))}
            </select>
          </label>
          <button type="button" className="button" onClick={extend} disabled={patch.isPending}>
            {t('alerts.actions.extend')}
          </button>
          {confirming ? (
            <>
              <button
                type="button"
                className="button button--danger"
                disabled={patch.isPending}
                onClick={() => patch.mutate({ id: p.id, change: { status: 'cancelled' } }, { onSettled: () => setConfirming(false) })}
              >
                {t('alerts.actions.confirmCancel')}
              </button>
              <button type="button" className="button button--quiet" onClick={() => setConfirming(false)}>
                {t('alerts.form.cancel')}
              </button>
            </>
          ) : (
            <button type="button" className="button" onClick={() => setConfirming(true)}>
              {t('alerts.actions.cancel')}
            </button>
          )}
        </div>
      )}
      {patch.isError && <ErrorNote error={patch.error} />}
      {canDispatch && (
        <div className="alert-actions__row">
          <button type="button" className="button button--primary" onClick={() => setPreviewing(true)}>
            {t('alerts.actions.dispatch')}
          </button>
        </div>
      )}
      {previewing && <DispatchPreviewDialog alert={alert} onClose={() => setPreviewing(false)} />}
    </section>
  );
}

/** One warning: what, who, until when, the exposed households by grade, and the ranked list. */
export function AlertDetail(props: AlertDetailProps) {
  const { t, i18n } = useTranslation();
  const { alert, now } = props;
  const p = alert.properties;
  const exposure = useAlertExposure(p.id);
  const record = useAlert(p.id);
  const history = record.data?.id === p.id ? record.data.properties.history : null;
  // The row rule (auth/alert-rules.ts): a county warning is read-only to a township, so no buttons that answer 403.
  const canEdit = props.canEdit && p.mayEdit;
  const counts = exposure.data && exposure.data.alertId === p.id ? exposure.data : alert.properties.exposure;
  return (
    <article className="alert-detail" data-alert-id={p.id} aria-labelledby="alert-detail-title">
      <button type="button" className="button button--quiet alert-detail__back" onClick={props.onBack}>
        ← {t('alerts.back')}
      </button>
      <header className="alert-detail__head">
        <LevelBadge alert={alert} />
        <h3 id="alert-detail-title" className="alert-detail__name">
          {alertName(t, p.type, p.level, p.event)}
        </h3>
        {p.status !== 'active' && <span className="alert-detail__status">{t(`alerts.status.${p.status}`)}</span>}
      </header>
      <p className="alert-detail__headline">{p.headline}</p>
      <dl className="facts alert-detail__facts">
        <div className="facts__row">
          <dt>{t('alerts.issuer')}</dt>
          <dd>{p.issuer}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('alerts.effective')}</dt>
          <dd>{when(i18n.language, p.effectiveAt)}</dd>
        </div>
        <div className="facts__row">
          <dt>{t('alerts.expires')}</dt>
          <dd>
            {when(i18n.language, p.expiresAt)} <AlertTime alert={alert} now={now} />
            {p.noExpiryGiven && (
              <span className="alert-detail__note">
                {t('alerts.noExpiryGivenNote', { hours: Math.round((Date.parse(p.expiresAt) - Date.parse(p.effectiveAt)) / 3600_000) })}
              </span>
            )}
          </dd>
        </div>
      </dl>
      <AlertTexts alert={alert} />
      {!p.inJurisdiction && (
        <p className="alert-detail__elsewhere" data-testid="alert-elsewhere">
          {t('alerts.elsewhereNote')}
        </p>
      )}
      {counts && p.inJurisdiction && (
        <div className="alert-detail__counts">
          <strong data-testid="exposed-total">{t('alerts.exposed', { count: counts.total, formatted: counts.total.toLocaleString(i18n.language) })}</strong>
          <GradeCounts counts={counts} />
        </div>
      )}
      {p.status === 'active' && (canEdit || props.canDispatch) && (
        <AlertActions alert={alert} now={now} canEdit={canEdit} canDispatch={props.canDispatch} />
      )}
      {history && history.length > 0 && (
        <details className="alert-detail__history" open={history.length > 1}>
          <summary className="alert-detail__history-title">{t('alerts.history.title')}</summary>
          <AlertHistory history={history} />
        </details>
      )}
      {record.isError && <ErrorNote error={record.error} />}
      {p.inJurisdiction && (
        <>
          <h4 className="alert-detail__section">{t('alerts.ranked')}</h4>
          {exposure.isPending && <p className="alerts__empty">{t('alerts.loadingExposure')}</p>}
          {exposure.isError && <ErrorNote error={exposure.error} />}
          {exposure.data && exposure.data.alertId === p.id && <ExposedList key={p.id} exposure={exposure.data} onOpenHousehold={props.onOpenHousehold} />}
        </>
      )}
    </article>
  );
}
