// The briefing's four slides, each readable from the back of a room on a 1920×1080 projector
// (briefing.css: body text ≥ 28 px, key numbers ≥ 64 px): (1) the region's map with the active
// warnings and the fragile houses, the key numbers beside it; (2) the child regions side by side;
// (3) what changed since the last briefing; (4) what falls due this week.
import { useTranslation } from 'react-i18next';
import { FRAGILE_STRUCTURES, GRADE_KEYS } from '../../../server/domain/housing.ts';
import type { BasemapData } from '../../api/basemap.ts';
import type { ChildRow, Dashboard, DueItem } from '../../api/dashboard.ts';
import type { HouseholdCollection } from '../../api/households.ts';
import type { AlertLayerProps } from '../../map/alert-data.ts';
import { ALERT_LEVEL_COLORS, GRADE_COLORS, MARK_RINGS } from '../../map/palette.ts';
import { Swatch } from '../../ui/Swatch.tsx';
import { alertName } from '../alerts/format.ts';
import { KeyNumbers, type KeyNumber } from '../dashboard/KeyNumbers.tsx';
import { share } from '../dashboard/PatrolCompletion.tsx';
import { BriefingMap } from './BriefingMap.tsx';

function briefingNumbers(f: Dashboard): KeyNumber[] {
  const exposed = f.warnings.reduce((n, w) => n + w.exposed, 0);
  const pct = share(f.patrol.last7d.done, f.patrol.last7d.due);
  return [
    { id: 'households', value: f.households.total },
    { id: 'inLedger', value: f.ledger.inLedger },
    { id: 'mustMoveOut', value: f.ledger.mustMoveOut, alarm: true },
    { id: 'overdueWorks', value: f.overdue.works, alarm: true },
    { id: 'activeWarnings', value: f.warnings.length, alarm: true },
    { id: 'exposed', value: exposed },
    { id: 'patrolled7d', value: pct ?? 0, display: pct === null ? '—' : `${pct}%` },
    { id: 'suspected', value: f.ledger.byState.suspected ?? 0, alarm: true },
  ];
}

export function MapSlide(props: {
  f: Dashboard;
  basemap: BasemapData | undefined;
  households: HouseholdCollection | undefined;
  alerts: AlertLayerProps;
}) {
  const { t } = useTranslation();
  const { f } = props;
  return (
    <div className="slide-map">
      <div className="slide-map__map">
        <BriefingMap
          region={f.region.code}
          basemap={props.basemap}
          households={props.households}
          alerts={props.alerts}
          ariaLabel={t('briefing.mapLabel', { region: f.region.name })}
        />
        <ul className="slide-map__legend" aria-label={t('legend.title')}>
          {GRADE_KEYS.map((g) => (
            <li key={g}>
              <Swatch fill={GRADE_COLORS[g]} ring={MARK_RINGS.fragile} size={26} />
              {t(`gradeShort.${g}`)}
            </li>
          ))}
          <li className="slide-map__legend-note">{t('briefing.fragileOnly', { list: FRAGILE_STRUCTURES.map((s) => t(`structure.${s}`)).join('、') })}</li>
        </ul>
      </div>
      <div className="slide-map__side">
        <KeyNumbers numbers={briefingNumbers(f)} className="key-numbers--briefing" links={false} />
        {f.warnings.length === 0 && <p className="slide-lead">{t('dashboard.noWarnings')}</p>}
        {f.warnings.length > 0 && (
          <ul className="slide-map__warnings" aria-label={t('briefing.activeWarnings')}>
            {f.warnings.slice(0, 3).map((w) => (
              <li key={w.alertId} style={{ borderColor: ALERT_LEVEL_COLORS[w.level] }}>
                <strong style={{ color: ALERT_LEVEL_COLORS[w.level] }}>{alertName(t, w.type, w.level)}</strong>
                <span>{t('dashboard.warningSummary', { exposed: w.exposed, dispatched: w.dispatched, patrolled: w.patrolled })}</span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </div>
  );
}

const dangerous = (c: ChildRow) => c.byGrade.C + c.byGrade.D;

/** Township by township (or village by village); past 14 rows the table runs on in a second column. */
export function ChildrenSlide({ f }: { f: Dashboard }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  if (f.children.length === 0) return <p className="slide-empty">{t('briefing.noChildren', { region: f.region.name })}</p>;
  const perColumn = f.children.length > 14 ? Math.ceil(f.children.length / 2) : f.children.length;
  const columns = [f.children.slice(0, perColumn), f.children.slice(perColumn)].filter((c) => c.length > 0);
  const worst = Math.max(1, ...f.children.map(dangerous));
  return (
    <div className={`slide-children slide-children--${columns.length}${f.children.length <= 12 ? ' slide-children--roomy' : ''}`}>
      {columns.map((rows, i) => (
        <table key={i} className="slide-table">
          <thead>
            <tr>
              <th scope="col">{t(f.region.level === 'county' ? 'briefing.col.township' : 'briefing.col.village')}</th>
              <th scope="col">{t('briefing.col.households')}</th>
              <th scope="col">{t('briefing.col.dangerous')}</th>
              <th scope="col">{t('briefing.col.inLedger')}</th>
              <th scope="col">{t('briefing.col.overdueWorks')}</th>
              <th scope="col">{t('briefing.col.mustMoveOut')}</th>
              {columns.length === 1 && <th scope="col">{t('briefing.col.patrolled7d')}</th>}
              {columns.length === 1 && <th scope="col">{t('briefing.col.suspected')}</th>}
            </tr>
          </thead>
          <tbody>
            {rows.map((c) => (
              <tr key={c.code}>
                <th scope="row">{c.name}</th>
                <td>{fmt(c.households)}</td>
                <td className="slide-table__bar-cell">
                  <span className="slide-table__bar" style={{ width: `calc((100% - 3em) * ${dangerous(c) / worst})`, background: GRADE_COLORS.C }} aria-hidden="true" />
                  <span className="slide-table__n">{fmt(dangerous(c))}</span>
                </td>
                <td>{fmt(c.inLedger)}</td>
                <td className={c.overdueWorks > 0 ? 'slide-alarm' : undefined}>{fmt(c.overdueWorks)}</td>
                <td className={c.mustMoveOut > 0 ? 'slide-alarm' : undefined}>{fmt(c.mustMoveOut)}</td>
                {columns.length === 1 && <td>{fmt(c.patrolled7d)}</td>}
                {columns.length === 1 && <td>{fmt(c.suspected)}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      ))}
    </div>
  );
}

export function ChangesSlide({ f }: { f: Dashboard }) {
  const { t, i18n } = useTranslation();
  const since: KeyNumber[] = [
    { id: 'newSuspected', value: f.changes.newSuspected, alarm: true },
    { id: 'closedOut', value: f.changes.closedOut },
    { id: 'newOverdue', value: f.changes.newOverdue, alarm: true },
  ];
  // The last week of the trends (the week now running), for what moved lately.
  const last = <T,>(xs: T[]) => xs[xs.length - 1];
  const { last7d } = f.patrol;
  const week: KeyNumber[] = [
    { id: 'weekToDangerous', value: last(f.trends.toDangerous) ?? 0, alarm: true },
    { id: 'weekToSafe', value: last(f.trends.toSafe) ?? 0 },
    {
      id: 'patrolled7dCounts',
      value: last7d.done,
      display: `${last7d.done.toLocaleString(i18n.language)} / ${last7d.due.toLocaleString(i18n.language)}`,
    },
  ];
  return (
    <div className="slide-changes">
      <p className="slide-lead">{t('briefing.changesSince', { since: f.changes.since, today: f.today })}</p>
      <KeyNumbers numbers={since} className="key-numbers--huge" links={false} />
      <h2>{t('briefing.thisWeek')}</h2>
      <KeyNumbers numbers={week} className="key-numbers--briefing" links={false} />
    </div>
  );
}

/** How many of the week's actions fit on the slide at projector size. */
const DUE_ROWS = 14;

export function DueSlide({ f }: { f: Dashboard }) {
  const { t } = useTranslation();
  const items = [...f.dueThisWeek].sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  if (items.length === 0) return <p className="slide-empty">{t('briefing.nothingDue')}</p>;
  const byKind = new Map<DueItem['kind'], number>();
  for (const d of items) byKind.set(d.kind, (byKind.get(d.kind) ?? 0) + 1);
  return (
    <div className="slide-due">
      <p className="slide-lead">
        {[...byKind].map(([kind, n]) => t('briefing.dueCount', { kind: t(`briefing.kind.${kind}`), count: n })).join(' · ')}
      </p>
      <table className="slide-table slide-table--due">
        <tbody>
          {items.slice(0, DUE_ROWS).map((d, i) => (
            <tr key={i}>
              <td className="slide-due__day">{d.dueOn.slice(5)}</td>
              <td>
                <span className={`slide-due__kind slide-due__kind--${d.kind}`}>{t(`briefing.kind.${d.kind}`)}</span>
              </td>
              <th scope="row">{d.label}</th>
            </tr>
          ))}
        </tbody>
      </table>
      {items.length > DUE_ROWS && <p className="slide-more">{t('briefing.more', { count: items.length - DUE_ROWS })}</p>}
    </div>
  );
}
