// The ledger table: one row per house in the ledger, sortable by the columns the server sorts by,
// a page at a time. A row opens the household's drawer (its case, the moves allowed, its story).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { gradeKey } from '../../../server/domain/housing.ts';
import type { LedgerQuery, LedgerRow, LedgerSort } from '../../api/ledger.ts';
import { GRADE_COLORS, LEDGER_STATE_COLORS, MOVE_OUT_COLOR, STANDING_COLORS, STRUCTURE_MARKS } from '../../map/palette.ts';
import { Badge } from '../../ui/Badge.tsx';

function SortHeader(props: { sort: LedgerSort; query: LedgerQuery; onSort(sort: LedgerSort, dir: 'asc' | 'desc'): void; children: ReactNode }) {
  const active = props.query.sort === props.sort;
  const dir = active ? props.query.dir : null;
  const next = active && dir === 'asc' ? 'desc' : 'asc';
  return (
    <th scope="col" aria-sort={dir === 'asc' ? 'ascending' : dir === 'desc' ? 'descending' : 'none'}>
      <button type="button" className="ledger-sort" data-sort={props.sort} onClick={() => props.onSort(props.sort, next)}>
        {props.children}
        <span className="ledger-sort__arrow" aria-hidden="true">
          {dir === 'asc' ? '▲' : dir === 'desc' ? '▼' : '↕'}
        </span>
      </button>
    </th>
  );
}

function Row({ r, selected, onOpen }: { r: LedgerRow; selected: boolean; onOpen(householdId: number): void }) {
  const { t } = useTranslation();
  const g = gradeKey(r.grade);
  return (
    <tr className="ledger-row" data-testid="ledger-row" data-house={r.houseId} data-state={r.state} aria-selected={selected} onClick={() => onOpen(r.householdId)}>
      <td data-label={t('ledger.col.head')}>
        <button type="button" className="ledger-row__open" onClick={(e) => (e.stopPropagation(), onOpen(r.householdId))}>
          {r.headName}
        </button>
      </td>
      <td data-label={t('ledger.col.no')} className="mono">
        {r.householdNo}
      </td>
      <td data-label={t('ledger.col.village')}>
        {r.villageName}
        <small>{r.townshipName}</small>
      </td>
      <td data-label={t('ledger.col.structure')} data-fragile={STRUCTURE_MARKS[r.structure] === 'fragile' || undefined}>
        {t(`structure.${r.structure}`)}
      </td>
      <td data-label={t('ledger.col.grade')}>
        <Badge color={GRADE_COLORS[g]}>{t(`gradeShort.${g}`)}</Badge>
      </td>
      <td data-label={t('ledger.col.state')}>
        <span className="ledger-state-dot" style={{ background: LEDGER_STATE_COLORS[r.state] }} aria-hidden="true" />
        {t(`status.${r.state}`)}
      </td>
      <td data-label={t('ledger.col.opened')} className="ledger-row__date">
        {r.openedOn ?? '—'}
      </td>
      <td data-label={t('ledger.col.due')} className="ledger-row__due" data-standing={r.standing ?? undefined}>
        {r.worksDueOn ? (
          <span style={{ color: r.standing ? STANDING_COLORS[r.standing] : undefined }}>
            {r.worksDueOn}
            {r.standing && <small>{t(`ledger.standing.${r.standing}`)}</small>}
          </span>
        ) : (
          '—'
        )}
      </td>
      <td data-label={t('ledger.col.mode')}>{r.planMode ? t(`ledger.mode.${r.planMode}`) : <span className="ledger-none">{t('ledger.noPlan')}</span>}</td>
      <td data-label={t('ledger.col.people')}>
        {r.mustMoveOut ? (
          <Badge color={MOVE_OUT_COLOR}>{t('ledger.flag.mustMoveOut')}</Badge>
        ) : r.relocated ? (
          <Badge color={MOVE_OUT_COLOR} outline>
            {t('ledger.flag.relocated')}
          </Badge>
        ) : (
          <span className="ledger-none">—</span>
        )}
      </td>
    </tr>
  );
}

export function LedgerTable(props: {
  rows: readonly LedgerRow[];
  query: LedgerQuery;
  selectedId: number | null;
  onSort(sort: LedgerSort, dir: 'asc' | 'desc'): void;
  onOpen(householdId: number): void;
}) {
  const { t, i18n } = useTranslation();
  const sortable = { query: props.query, onSort: props.onSort };
  return (
    <table className="ledger-table" data-testid="ledger-table" lang={i18n.language}>
      <caption>{t('ledger.caption')}</caption>
      <thead>
        <tr>
          <th scope="col">{t('ledger.col.head')}</th>
          <th scope="col">{t('ledger.col.no')}</th>
          <SortHeader sort="village" {...sortable}>
            {t('ledger.col.village')}
          </SortHeader>
          <th scope="col">{t('ledger.col.structure')}</th>
          <SortHeader sort="grade" {...sortable}>
            {t('ledger.col.grade')}
          </SortHeader>
          <SortHeader sort="state" {...sortable}>
            {t('ledger.col.state')}
          </SortHeader>
          <SortHeader sort="opened" {...sortable}>
            {t('ledger.col.opened')}
          </SortHeader>
          <SortHeader sort="due" {...sortable}>
            {t('ledger.col.due')}
          </SortHeader>
          <th scope="col">{t('ledger.col.mode')}</th>
          <th scope="col">{t('ledger.col.people')}</th>
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <Row key={r.houseId} r={r} selected={props.selectedId === r.householdId} onOpen={props.onOpen} />
        ))}
      </tbody>
    </table>
  );
}

export function Pager(props: { page: number; pageSize: number; total: number; onPage(page: number): void }) {
  const { t } = useTranslation();
  const pages = Math.max(1, Math.ceil(props.total / props.pageSize));
  const from = props.total === 0 ? 0 : (props.page - 1) * props.pageSize + 1;
  const to = Math.min(props.total, props.page * props.pageSize);
  return (
    <nav className="ledger-pager" aria-label={t('ledger.pager.label')}>
      <span data-testid="ledger-range">{t('ledger.pager.range', { from, to, count: props.total })}</span>
      <button type="button" className="button" disabled={props.page <= 1} onClick={() => props.onPage(props.page - 1)}>
        {t('ledger.pager.prev')}
      </button>
      <span>{t('ledger.pager.page', { page: props.page, pages })}</span>
      <button type="button" className="button" disabled={props.page >= pages} onClick={() => props.onPage(props.page + 1)}>
        {t('ledger.pager.next')}
      </button>
    </nav>
  );
}
