// The region's key numbers (关键指标) as tiles, each a link to the list behind it where the app has one:
// the map, the ledger, the dispatch board, the complaints. Shared by the dashboard and the briefing.
import { useTranslation } from 'react-i18next';
import type { Dashboard } from '../../api/dashboard.ts';
import { appLink } from '../../navigation.ts';
import { ledgerHref, mapHref, type DashboardView } from './dashboard-url.ts';

/** Every key number the dashboard and the briefing show; each is labelled by dashboard.key.<id>. */
export const KEY_NUMBER_IDS = [
  'households',
  'keyHouses',
  'inLedger',
  'mustMoveOut',
  'overdueWorks',
  'overdueAppraisals',
  'overdueTasks',
  'overdueComplaints',
  'activeWarnings',
  'exposed',
  'patrolled7d',
  'suspected',
  'newSuspected',
  'closedOut',
  'newOverdue',
  'weekToDangerous',
  'weekToSafe',
  'patrolled7dCounts',
] as const;
export type KeyNumberId = (typeof KEY_NUMBER_IDS)[number];

export interface KeyNumber {
  id: KeyNumberId;
  value: number;
  /** Shown instead of the plain number (a share: 87%). */
  display?: string;
  /** Red when above zero: something is late or someone is at risk. */
  alarm?: boolean;
  href?: string;
}

export function keyNumbers(f: Dashboard, view: DashboardView): KeyNumber[] {
  const region = view.region ?? f.region.code;
  return [
    { id: 'households', value: f.households.total, href: mapHref(view) },
    { id: 'keyHouses', value: f.households.key, href: mapHref(view, { key: true }) },
    { id: 'inLedger', value: f.ledger.inLedger, href: ledgerHref(region) },
    { id: 'mustMoveOut', value: f.ledger.mustMoveOut, alarm: true, href: ledgerHref(region, { moveOut: true }) },
    { id: 'overdueWorks', value: f.overdue.works, alarm: true, href: ledgerHref(region, { standing: 'overdue' }) },
    { id: 'overdueAppraisals', value: f.overdue.appraisals, alarm: true },
    { id: 'overdueTasks', value: f.overdue.tasks, alarm: true, href: '/dispatch?show=overdue' },
    { id: 'overdueComplaints', value: f.overdue.complaints, alarm: true, href: '/complaints?overdue=1' },
  ];
}

export function KeyNumbers(props: { numbers: KeyNumber[]; className?: string; links?: boolean }) {
  const { t, i18n } = useTranslation();
  return (
    <ul className={`key-numbers ${props.className ?? ''}`} aria-label={t('dashboard.keyNumbers')}>
      {props.numbers.map((n) => {
        const body = (
          <>
            <span className="key-number__value" data-testid={`key-${n.id}`}>
              {n.display ?? n.value.toLocaleString(i18n.language)}
            </span>
            <span className="key-number__label">{t(`dashboard.key.${n.id}`)}</span>
          </>
        );
        const cls = `key-number${n.alarm && n.value > 0 ? ' key-number--alarm' : ''}`;
        return (
          <li key={n.id} className={cls} data-key={n.id}>
            {n.href && props.links !== false ? (
              <a className="key-number__link" {...appLink(n.href)}>
                {body}
              </a>
            ) : (
              <div className="key-number__link">{body}</div>
            )}
          </li>
        );
      })}
    </ul>
  );
}
