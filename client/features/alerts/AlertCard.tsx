import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { type AlertFeature, type ExposureCounts } from '../../api/alerts.ts';
import { ALERT_LEVEL_COLORS, GRADE_COLORS } from '../../map/palette.ts';
import { GRADE_KEYS } from '../../../server/domain/housing.ts';
import { EXPIRING_WITHIN_MS, alertName, duration, when } from './format.ts';

/** The exposed households by grade, dangerous first: "D 12 · C 40 · B … " chips in the grade colours. */
export function GradeCounts({ counts }: { counts: ExposureCounts }) {
  const { t, i18n } = useTranslation();
  const order = [...GRADE_KEYS].reverse().filter((g) => g !== 'none' || counts.byGrade.none > 0);
  // Grades read D, C, B, A then unappraised: the dangerous ones are what the reader looks for first.
  const grades = [...order.filter((g) => g !== 'none'), ...order.filter((g) => g === 'none')];
  return (
    <ul className="grade-counts" aria-label={t('alerts.byGrade')}>
      {grades.map((g) => (
        <li key={g} className="grade-counts__item" style={{ '--grade-color': GRADE_COLORS[g] } as CSSProperties} data-grade={g}>
          <span className="grade-counts__key">{t(`gradeShort.${g}`)}</span>
          <span className="grade-counts__n">{counts.byGrade[g].toLocaleString(i18n.language)}</span>
        </li>
      ))}
    </ul>
  );
}

/** Time left, or when it ended. */
export function AlertTime({ alert, now }: { alert: AlertFeature; now: number }) {
  const { t, i18n } = useTranslation();
  const p = alert.properties;
  if (p.status === 'cancelled' && p.cancelledAt) return <span className="alert-time">{t('alerts.cancelledAt', { time: when(i18n.language, p.cancelledAt) })}</span>;
  const left = Date.parse(p.expiresAt) - now;
  if (p.status !== 'active' || left <= 0) return <span className="alert-time">{t('alerts.expiredAt', { time: when(i18n.language, p.expiresAt) })}</span>;
  const soon = left <= EXPIRING_WITHIN_MS;
  return (
    <span className={`alert-time${soon ? ' alert-time--soon' : ''}`} data-expiring={soon}>
      {t('alerts.timeLeft', { time: duration(t, left) })}
      {soon && <strong className="alert-time__flag">{t('alerts.expiringSoon')}</strong>}
      <NoExpiryMark alert={alert} />
    </span>
  );
}

/** The message gave no <expires>: the end shown is our default for its type and level, not the sender's. */
export function NoExpiryMark({ alert }: { alert: AlertFeature }) {
  const { t } = useTranslation();
  const p = alert.properties;
  if (!p.noExpiryGiven) return null;
  const hours = Math.round((Date.parse(p.expiresAt) - Date.parse(p.effectiveAt)) / 3600_000);
  return (
    <span className="alert-time__assumed" data-testid="no-expiry-given" title={t('alerts.noExpiryGivenNote', { hours })}>
      {t('alerts.noExpiryGiven')}
    </span>
  );
}

/** A signal plate: the level's colour with the type and level, the way CMA signals are named. */
export function LevelBadge({ alert }: { alert: AlertFeature }) {
  const { t } = useTranslation();
  const { level } = alert.properties;
  return (
    <span className={`level-badge level-badge--${level}`} style={{ '--level-color': ALERT_LEVEL_COLORS[level] } as CSSProperties}>
      {t(`alertLevel.${level}`)}
    </span>
  );
}

/** One warning in the list: badge, name, issuer, time left, exposed households by grade. */
export function AlertCard({ alert, now, onSelect }: { alert: AlertFeature; now: number; onSelect(id: number): void }) {
  const { t, i18n } = useTranslation();
  const p = alert.properties;
  const exposure = alert.properties.exposure;
  return (
    <li className={`alert-card alert-card--${p.status}`} data-alert-id={p.id} data-level={p.level}>
      <button type="button" className="alert-card__button" onClick={() => onSelect(p.id)}>
        <span className="alert-card__head">
          <LevelBadge alert={alert} />
          <span className="alert-card__name">{alertName(t, p.type, p.level, p.event)}</span>
        </span>
        <span className="alert-card__meta">
          <span className="alert-card__issuer">{p.issuer}</span>
          <AlertTime alert={alert} now={now} />
        </span>
        {exposure && p.inJurisdiction && (
          <span className="alert-card__exposure">
            <span className="alert-card__total">{t('alerts.exposed', { count: exposure.total, formatted: exposure.total.toLocaleString(i18n.language) })}</span>
            <GradeCounts counts={exposure} />
          </span>
        )}
      </button>
    </li>
  );
}
