import { useTranslation } from 'react-i18next';
import { useSeasons } from '../../api/alerts.ts';

/** The header badge: the season(s) the county is in (汛期, 冻融期 …) and how many warnings are active. */
export function SeasonBadge(props: { onOpenAlerts(): void }) {
  const { t, i18n } = useTranslation();
  const q = useSeasons();
  if (!q.data) return null;
  const { seasons, activeAlerts } = q.data;
  const names = seasons.map((s) => t(`season.${s.kind}`, { defaultValue: s.kind }));
  const title = [
    ...seasons.map((s) => t('season.window', { name: t(`season.${s.kind}`, { defaultValue: s.kind }), from: s.startsOn, to: s.endsOn, count: s.daysLeft })),
    t('alerts.activeCount', { count: activeAlerts }),
  ].join('\n');
  return (
    <button
      type="button"
      className={`season-badge${activeAlerts > 0 ? ' season-badge--alert' : ''}`}
      onClick={props.onOpenAlerts}
      title={title}
      data-testid="season-badge"
    >
      <span className="season-badge__season">{names.length > 0 ? names.join(i18n.language === 'en' ? ', ' : '、') : t('season.none')}</span>
      <span className="season-badge__alerts" aria-label={t('alerts.activeCount', { count: activeAlerts })}>
        <span aria-hidden="true">{t('alerts.badgeShort')}</span> {activeAlerts}
      </span>
    </button>
  );
}
