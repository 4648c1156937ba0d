// Coverage per alert (雨中巡查 / 雨后复查): of the exposed houses the dispatch rule selects, how many were
// patrolled, how many are pending, and what was found.
import { useTranslation } from 'react-i18next';
import { useAlerts } from '../../api/alerts.ts';
import { useAlertCoverage } from '../../api/dispatch.ts';
import { STOP_RESULT_COLORS } from '../../map/palette.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { ExportMenu } from '../../ui/ExportMenu.tsx';

function Coverage({ alertId }: { alertId: number }) {
  const { t } = useTranslation();
  const cov = useAlertCoverage(alertId);
  if (cov.isPending) return <p className="dispatch-empty">{t('app.loading')}</p>;
  if (cov.isError) return <ErrorNote error={cov.error} />;
  const c = cov.data;
  const pct = (n: number) => `${(100 * n) / Math.max(1, c.selected)}%`;
  return (
    <div className="coverage" data-testid="coverage">
      <div className="coverage__bar" aria-hidden="true">
        <span style={{ width: pct(c.byResult.safe), background: STOP_RESULT_COLORS.safe }} />
        <span style={{ width: pct(c.byResult.hazard), background: STOP_RESULT_COLORS.hazard }} />
        <span style={{ width: pct(c.byResult.uninhabitable), background: STOP_RESULT_COLORS.uninhabitable }} />
      </div>
      <dl className="coverage__numbers">
        <div>
          <dt>{t('dispatch.coverage.selected')}</dt>
          <dd>{c.selected}</dd>
        </div>
        <div>
          <dt>{t('dispatch.coverage.patrolled')}</dt>
          <dd>{c.patrolled}</dd>
        </div>
        <div>
          <dt>{t('dispatch.coverage.pending')}</dt>
          <dd>{c.pending}</dd>
        </div>
        <div>
          <dt>{t('dispatch.coverage.undispatched')}</dt>
          <dd className={c.undispatched > 0 ? 'overdue' : undefined}>{c.undispatched}</dd>
        </div>
      </dl>
      <p className="coverage__results">
        {(['safe', 'hazard', 'uninhabitable'] as const).map((r) => (
          <span key={r} style={{ color: STOP_RESULT_COLORS[r] }}>
            {t(`field.result.${r}`)} {c.byResult[r]}
          </span>
        ))}
      </p>
    </div>
  );
}

/** The alerts that have patrol tasks; the chosen one's coverage below. */
export function CoveragePanel(props: { alertIds: readonly number[]; selected: number | null; onSelect(id: number | null): void }) {
  const { t } = useTranslation();
  const alerts = useAlerts();
  const headline = (id: number) => {
    const f = alerts.data?.features.find((a) => a.properties.id === id);
    return f ? f.properties.headline : t('dispatch.coverage.alert', { id });
  };
  if (props.alertIds.length === 0) return <p className="dispatch-empty">{t('dispatch.coverage.none')}</p>;
  const current = props.selected !== null && props.alertIds.includes(props.selected) ? props.selected : props.alertIds[0]!;
  return (
    <div>
      <label className="field">
        <span>{t('dispatch.coverage.pick')}</span>
        <select value={current} onChange={(e) => props.onSelect(Number(e.target.value))}>
          {props.alertIds.map((id) => (
            <option key={id} value={id}>
              {headline(id)}
            </option>
          ))}
        </select>
      </label>
      <Coverage alertId={current} />
      {/* Each house the rule selects, with its task and what was found. */}
      <ExportMenu list="coverage" params={{ alert: String(current) }} />
    </div>
  );
}
