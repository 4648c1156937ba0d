// Patrol completion: stops patrolled of those due in the last 24 hours, the last 7 days and the range
// the figures cover (the chosen days, or the trend's weeks), as bars with the share in large type.
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../api/dashboard.ts';
import { TASK_STATUS_COLORS } from '../../map/palette.ts';

export const share = (done: number, due: number) => (due > 0 ? Math.round((100 * Math.min(done, due)) / due) : null);

export function PatrolCompletion(props: { patrol: Dashboard['patrol']; range: Dashboard['range'] }) {
  const { t, i18n } = useTranslation();
  const rows = [
    { id: 'last24h', label: t('dashboard.patrol.last24h'), ...props.patrol.last24h },
    { id: 'last7d', label: t('dashboard.patrol.last7d'), ...props.patrol.last7d },
    { id: 'range', label: t('dashboard.patrol.inRange', props.range), ...props.patrol.range },
  ];
  return (
    <section className="dash-card dash-patrol" aria-labelledby="dash-patrol-title" data-card="patrol">
      <header className="dash-card__head">
        <h2 id="dash-patrol-title">{t('dashboard.chart.patrol')}</h2>
      </header>
      {rows.map((r) => {
        const pct = share(r.done, r.due);
        return (
          <div key={r.id} className="dash-patrol__row" data-testid={`patrol-${r.id}`}>
            <div className="dash-patrol__label">
              <span>{r.label}</span>
              <strong className="dash-patrol__pct">{pct === null ? '—' : `${pct}%`}</strong>
            </div>
            <div className="dash-patrol__bar" role="meter" aria-valuemin={0} aria-valuemax={r.due} aria-valuenow={Math.min(r.done, r.due)} aria-label={r.label}>
              <span style={{ width: `${pct ?? 0}%`, background: TASK_STATUS_COLORS.completed }} />
            </div>
            <p className="dash-patrol__counts">
              {t('dashboard.patrol.counts', { done: r.done.toLocaleString(i18n.language), due: r.due.toLocaleString(i18n.language) })}
            </p>
          </div>
        );
      })}
    </section>
  );
}
