// 期限提醒: what is late or soon due, from GET /api/ledger/deadlines — works past or near their
// seed-001 deadline, houses of newly listed households not appraised within a month (seed 003), idle
// dangerous houses not looked at in time. Works counts filter the table; the others open a short list.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useDeadlines, type DeadlineRow, type StandingFilter } from '../../api/ledger.ts';
import { OVERDUE_COLOR, STANDING_COLORS } from '../../map/palette.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

type ListKey = 'appraisalsOverdue' | 'appraisalsDueSoon' | 'idleOverdue';
const SHOWN = 8;

export function DeadlinesBox(props: { onStanding(standing: StandingFilter): void; onOpen(householdId: number): void }) {
  const { t, i18n } = useTranslation();
  const d = useDeadlines();
  const [open, setOpen] = useState<ListKey | null>(null);
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  if (d.isError) return <ErrorNote error={d.error} />;
  const data = d.data;
  const lists: Record<ListKey, { total: number; rows: DeadlineRow[] } | undefined> = {
    appraisalsOverdue: data?.appraisals.overdue,
    appraisalsDueSoon: data?.appraisals.dueSoon,
    idleOverdue: data?.idleChecks.overdue,
  };
  const counter = (key: string, total: number | undefined, color: string, onClick: () => void, pressed = false) => (
    <button type="button" className="ledger-deadline" data-deadline={key} aria-pressed={pressed} onClick={onClick} disabled={!total}>
      <strong style={{ color: total ? color : undefined }}>{total === undefined ? '…' : fmt(total)}</strong>
      <span>{t(`ledger.deadlines.${key}`)}</span>
    </button>
  );
  const openList = open ? lists[open] : undefined;
  return (
    <section className="ledger-deadlines" aria-labelledby="deadlines-title" data-testid="deadlines">
      <h2 id="deadlines-title">
        {t('ledger.deadlines.title')}
        {data && <small>{t('ledger.deadlines.today', { date: data.today })}</small>}
      </h2>
      <div className="ledger-deadlines__row">
        {counter('worksOverdue', data?.works.overdue.total, OVERDUE_COLOR, () => props.onStanding('overdue'))}
        {counter('worksDueSoon', data?.works.dueSoon.total, STANDING_COLORS.due_soon, () => props.onStanding('due_soon'))}
        {(['appraisalsOverdue', 'appraisalsDueSoon', 'idleOverdue'] as const).map((k) =>
          counter(k, lists[k]?.total, k === 'appraisalsDueSoon' ? STANDING_COLORS.due_soon : OVERDUE_COLOR, () => setOpen(open === k ? null : k), open === k),
        )}
      </div>
      {open && openList && (
        <ul className="ledger-deadlines__list" aria-label={t(`ledger.deadlines.${open}`)}>
          {openList.rows.slice(0, SHOWN).map((r) => (
            <li key={r.houseId}>
              <button type="button" className="ledger-row__open" onClick={() => props.onOpen(r.householdId)}>
                {r.headName}
              </button>
              <span>{r.villageName}</span>
              <span className="ledger-deadlines__due">{t('ledger.deadlines.dueOn', { date: r.dueOn })}</span>
              {'lastCheckedOn' in r && <span>{t('ledger.deadlines.lastChecked', { date: r.lastCheckedOn ?? t('ledger.deadlines.never') })}</span>}
            </li>
          ))}
          {openList.total > SHOWN && <li className="ledger-deadlines__more">{t('ledger.deadlines.more', { count: openList.total - SHOWN })}</li>}
        </ul>
      )}
    </section>
  );
}
