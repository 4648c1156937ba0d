// The ledger at a glance: a tab per stage with its count (counts.byState), and a strip with one card
// per township — its houses by stage as a bar, how many are overdue, how many households still live
// in a house they must leave. A tab or a card filters the table.
import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { LEDGER_STATES } from '../../../server/domain/ledger-states.ts';
import type { LedgerList, LedgerState } from '../../api/ledger.ts';
import { LEDGER_STATE_COLORS, MOVE_OUT_COLOR, OVERDUE_COLOR } from '../../map/palette.ts';

/** The stages the ledger lists (plain monitoring houses are not in it). */
export const LEDGER_TABS = LEDGER_STATES.filter((s) => s !== 'monitoring');

const NONE: Partial<Record<LedgerState, number>> = {};
const sum = (byState: Partial<Record<LedgerState, number>>) => LEDGER_TABS.reduce((n, s) => n + (byState[s] ?? 0), 0);

export function StageTabs(props: { counts: LedgerList['counts'] | undefined; states: readonly LedgerState[]; onPick(states: LedgerState[]): void }) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number | undefined) => (n ?? 0).toLocaleString(i18n.language);
  const byState = props.counts?.byState ?? NONE;
  const one = props.states.length === 1 ? props.states[0] : null;
  return (
    <div className="ledger-tabs" role="tablist" aria-label={t('ledger.tabs.label')}>
      <button type="button" role="tab" className="ledger-tab" aria-selected={props.states.length === 0} onClick={() => props.onPick([])}>
        <span>{t('ledger.tabs.all')}</span>
        <strong>{fmt(sum(byState))}</strong>
      </button>
      {LEDGER_TABS.map((s) => (
        <button
          key={s}
          type="button"
          role="tab"
          className="ledger-tab"
          data-state={s}
          aria-selected={one === s}
          onClick={() => props.onPick(one === s ? [] : [s])}
          style={{ '--tab-color': LEDGER_STATE_COLORS[s] } as CSSProperties}
        >
          <span>{t(`status.${s}`)}</span>
          <strong>{fmt(byState[s])}</strong>
        </button>
      ))}
    </div>
  );
}

export function TownshipStrip(props: { counts: LedgerList['counts'] | undefined; selected: string | null; onPick(code: string | null): void }) {
  const { t, i18n } = useTranslation();
  const towns = props.counts?.byTownship ?? [];
  if (towns.length === 0) return null;
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  return (
    <ul className="ledger-towns" aria-label={t('ledger.towns.label')} data-testid="township-strip">
      {towns.map((town) => {
        const total = sum(town.byState);
        return (
          <li key={town.code}>
            <button
              type="button"
              className="ledger-town"
              aria-pressed={props.selected === town.code}
              onClick={() => props.onPick(props.selected === town.code ? null : town.code)}
            >
              <span className="ledger-town__head">
                <strong>{town.name}</strong>
                <span>{t('ledger.towns.houses', { count: total })}</span>
              </span>
              <span className="ledger-town__bar" aria-hidden="true">
                {LEDGER_TABS.filter((s) => (town.byState[s] ?? 0) > 0).map((s) => (
                  <span key={s} style={{ flexGrow: town.byState[s], background: LEDGER_STATE_COLORS[s] }} title={`${t(`status.${s}`)} ${town.byState[s]}`} />
                ))}
              </span>
              <span className="ledger-town__flags">
                <span style={{ color: town.overdue ? OVERDUE_COLOR : undefined }}>{t('ledger.towns.overdue', { count: town.overdue, n: fmt(town.overdue) })}</span>
                <span style={{ color: town.mustMoveOut ? MOVE_OUT_COLOR : undefined }}>{t('ledger.towns.mustMoveOut', { count: town.mustMoveOut, n: fmt(town.mustMoveOut) })}</span>
              </span>
            </button>
          </li>
        );
      })}
    </ul>
  );
}
