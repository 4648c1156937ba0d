// 举报投诉 for staff (/complaints): the complaints of one's jurisdiction, open ones first and soonest due
// first, filtered by status, overdue and "mine"; the one chosen opens in a panel beside the list with
// its history and the moves its status allows (ComplaintDetail). Filters, page and the open complaint
// live in the URL.
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { COMPLAINT_STATUSES, type ComplaintStatus } from '../../../server/domain/complaint-states.ts';
import { EDITORS, type Role } from '../../../server/domain/roles.ts';
import type { Me } from '../../api/auth.ts';
import { useComplaints, type ComplaintFilters, type ComplaintListRow } from '../../api/complaints.ts';
import { complaintFilterParams } from '../../api/queries.ts';
import { ExportMenu } from '../../ui/ExportMenu.tsx';
import { COMPLAINT_PAGE_SIZE } from '../../api/queries.ts';
import { idParam, navigate, useLocation, withParams } from '../../navigation.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { Standing, StatusBadge } from './badges.tsx';
import { ComplaintDetail } from './ComplaintDetail.tsx';
import './complaints.css';

function filtersOf(search: string): ComplaintFilters {
  const p = new URLSearchParams(search);
  const status = p.get('status');
  const page = Number(p.get('page'));
  return {
    ...(status && (COMPLAINT_STATUSES as readonly string[]).includes(status) ? { status: status as ComplaintStatus } : {}),
    ...(p.get('overdue') === '1' ? { overdue: true } : {}),
    ...(p.get('mine') === '1' ? { mine: true } : {}),
    ...(Number.isInteger(page) && page > 1 ? { page } : {}),
  };
}

export function ComplaintsScreen(props: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t } = useTranslation();
  const loc = useLocation();
  const search = loc.includes('?') ? loc.slice(loc.indexOf('?')) : '';
  const filters = useMemo(() => filtersOf(search), [search]);
  const openId = idParam(search, 'id');
  const list = useComplaints(filters);
  const editor = (EDITORS as readonly Role[]).includes(props.me.user.role);
  const set = (p: Record<string, string | null>) => navigate(withParams({ page: null, ...p }), { replace: true });

  const data = list.data;
  const pages = data ? Math.max(1, Math.ceil(data.total / COMPLAINT_PAGE_SIZE)) : 1;
  const page = filters.page ?? 1;
  const all = data ? Object.values(data.counts.byStatus).reduce((a, b) => a + b, 0) : null;

  return (
    <div className="app complaints">
      <AppHeader me={props.me} screen="complaints" onSignOut={props.onSignOut} />
      <div className={`complaints__body${openId ? ' complaints__body--open' : ''}`}>
        <main className="complaints__list">
          <div className="complaints__head">
            <h1>{t('complaints.staff.title')}</h1>
            <p className="complaints__intro">{t('complaints.staff.intro')}</p>
            <ExportMenu list="complaints" params={complaintFilterParams(filters)} />
          </div>
          <div className="complaints-filters" role="group" aria-label={t('complaints.staff.filters')}>
            <div className="complaints-filters__status" role="radiogroup" aria-label={t('complaints.staff.statusFilter')}>
              <button type="button" role="radio" aria-checked={!filters.status} className="complaints-chip" onClick={() => set({ status: null })}>
                {t('complaints.staff.allStatuses')} {all !== null && <span className="complaints-chip__count">{all}</span>}
              </button>
              {COMPLAINT_STATUSES.map((s) => (
                <button key={s} type="button" role="radio" aria-checked={filters.status === s} className="complaints-chip" onClick={() => set({ status: s })}>
                  {t(`complaints.status.${s}`)} {data && <span className="complaints-chip__count">{data.counts.byStatus[s]}</span>}
                </button>
              ))}
            </div>
            <label className="check check--inline complaints-filters__overdue">
              <input type="checkbox" checked={Boolean(filters.overdue)} onChange={(e) => set({ overdue: e.target.checked ? '1' : null })} />
              {t('complaints.staff.overdueOnly')}
            </label>
            {editor && (
              <label className="check check--inline">
                <input type="checkbox" checked={Boolean(filters.mine)} onChange={(e) => set({ mine: e.target.checked ? '1' : null })} />
                {t('complaints.staff.mineOnly')}
              </label>
            )}
          </div>

          <p className="complaints__summary" role="status" data-testid="complaints-summary">
            {data ? t('complaints.staff.summary', { count: data.total, overdue: data.counts.overdue }) : list.isPending ? t('app.loading') : null}
          </p>
          {list.isError && <ErrorNote error={list.error} />}
          {data && data.rows.length === 0 && <p className="complaints__empty">{t('complaints.staff.empty')}</p>}
          {data && data.rows.length > 0 && (
            <table className="complaints-table" data-testid="complaints-table">
              <thead>
                <tr>
                  <th scope="col">{t('complaints.col.receipt')}</th>
                  <th scope="col">{t('complaints.col.subject')}</th>
                  <th scope="col">{t('complaints.col.place')}</th>
                  <th scope="col">{t('complaints.col.status')}</th>
                  <th scope="col">{t('complaints.col.due')}</th>
                  <th scope="col">{t('complaints.col.assignee')}</th>
                </tr>
              </thead>
              <tbody>
                {data.rows.map((r) => (
                  <Row key={r.id} r={r} open={r.id === openId} onOpen={() => navigate(withParams({ id: String(r.id) }), { replace: true })} />
                ))}
              </tbody>
            </table>
          )}
          {pages > 1 && (
            <nav className="complaints__pages" aria-label={t('complaints.staff.pages')}>
              <button type="button" className="button" disabled={page <= 1} onClick={() => navigate(withParams({ page: page - 1 > 1 ? String(page - 1) : null }), { replace: true })}>
                {t('complaints.staff.prev')}
              </button>
              <span>{t('complaints.staff.page', { page, pages })}</span>
              <button type="button" className="button" disabled={page >= pages} onClick={() => navigate(withParams({ page: String(page + 1) }), { replace: true })}>
                {t('complaints.staff.next')}
              </button>
            </nav>
          )}
        </main>
        {openId && <ComplaintDetail key={openId} id={openId} me={props.me} onClose={() => navigate(withParams({ id: null }), { replace: true })} />}
      </div>
    </div>
  );
}

function Row({ r, open, onOpen }: { r: ComplaintListRow; open: boolean; onOpen(): void }) {
  const { t } = useTranslation();
  return (
    <tr className="complaints-row" aria-selected={open} data-testid="complaint-row" data-receipt={r.receiptNo} data-overdue={r.overdue || undefined} onClick={onOpen}>
      <td data-label={t('complaints.col.receipt')}>
        <button type="button" className="complaints-row__open mono" onClick={onOpen}>
          {r.receiptNo}
        </button>
        <small>
          {r.receivedOn} · {t(`complaints.channel.${r.channel}`)}
        </small>
      </td>
      <td data-label={t('complaints.col.subject')} className="complaints-row__subject">
        <strong>{t(`complaints.subject.${r.subject}`)}</strong>
        <small>{r.summary}</small>
      </td>
      <td data-label={t('complaints.col.place')}>
        {r.township ? (
          <>
            {r.township.name}
            {r.village && <small>{r.village.name}</small>}
          </>
        ) : (
          <span className="complaints__none">{t('complaints.unplaced')}</span>
        )}
      </td>
      <td data-label={t('complaints.col.status')}>
        <StatusBadge status={r.status} />
      </td>
      <td data-label={t('complaints.col.due')}>
        <span className="mono">{r.dueOn}</span>
        <Standing standing={r.standing} />
      </td>
      <td data-label={t('complaints.col.assignee')}>{r.assignee ? r.assignee.displayName : <span className="complaints__none">—</span>}</td>
    </tr>
  );
}
