// The audit log (审计日志, /audit) for the county administrator: who did what to which record, when,
// what changed (before → after, changed fields only) and, for an unmasking, why. Newest first, a page
// at a time. Filters live in the URL, so a filtered view can be shared or reloaded. On a phone the
// table turns into one card per entry (CSS decides).
import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/auth.ts';
import { useAuditLog, type AuditEntry, type AuditFilters } from '../../api/audit.ts';
import { auditFilterParams } from '../../api/queries.ts';
import { ExportMenu } from '../../ui/ExportMenu.tsx';
import { useUsers, type UserAccount } from '../../api/users.ts';
import { navigate, useLocation, withParams } from '../../navigation.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';
import './audit.css';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

/** The actions the server writes (server/routes/*, server/db/patrol-reports.ts), for the filter. */
const ACTIONS = [
  'unmask',
  'login',
  'login.failed',
  'logout',
  'user.create',
  'user.update',
  'user.revoke_sessions',
  'user.bulk_passwords',
  'password.change',
  'password.change_failed',
  'alert.create',
  'alert.edit',
  'alert.cancel',
  'alert.import',
  'alert.cap.alert',
  'alert.cap.update',
  'alert.cap.cancel',
  'dispatch.alert',
  'dispatch.manual',
  'dispatch_rule.update',
  'task.update',
  'patrol.report',
  'house.suspected',
  'training.create',
  'complaint.receive',
  'complaint.assign',
  'complaint.investigate',
  'complaint.answer',
  'complaint.close',
  'complaint.unmask',
  'token.create',
  'token.revoke',
] as const;

const ENTITIES = ['household', 'house', 'user', 'region', 'alert', 'dispatch', 'dispatch_rule', 'patrol_task', 'patrol_stop', 'training', 'complaint', 'api_token'] as const;

/** Actions that read personal data or are refused: shown with a warning colour. */
const SENSITIVE = new Set(['unmask', 'complaint.unmask', 'login.failed', 'password.change_failed']);

const PARAMS = { username: 'who', action: 'action', entity: 'entity', entityId: 'eid', fromDate: 'from', toDate: 'to' } as const;

function filtersOf(search: string): AuditFilters {
  const p = new URLSearchParams(search);
  const f: AuditFilters = {};
  for (const [field, name] of Object.entries(PARAMS) as [keyof AuditFilters, string][]) {
    const v = p.get(name);
    if (v) f[field] = v;
  }
  return f;
}

const actionKey = (action: string) => `audit.actions.${action.replaceAll('.', '_')}`;

// ——— before/after ———

interface Change {
  field: string;
  before?: unknown;
  after?: unknown;
  kind: 'changed' | 'added' | 'removed';
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The fields that differ between before and after (all of after for a creation, all of before for a removal). */
export function changedFields(before: unknown, after: unknown): Change[] {
  const has = (v: unknown) => v !== null && v !== undefined;
  if (!has(before) && !has(after)) return [];
  if (!isRecord(before) || !isRecord(after)) {
    if (isRecord(after) && !has(before)) return Object.entries(after).map(([field, v]) => ({ field, after: v, kind: 'added' }));
    if (isRecord(before) && !has(after)) return Object.entries(before).map(([field, v]) => ({ field, before: v, kind: 'removed' }));
    return [{ field: '', before, after, kind: has(before) ? (has(after) ? 'changed' : 'removed') : 'added' }];
  }
  const out: Change[] = [];
  for (const field of new Set([...Object.keys(before), ...Object.keys(after)])) {
    const b = before[field];
    const a = after[field];
    if (JSON.stringify(b) === JSON.stringify(a)) continue;
    out.push({ field, before: b, after: a, kind: !(field in before) ? 'added' : !(field in after) ? 'removed' : 'changed' });
  }
  return out;
}

function short(v: unknown, max = 48): string {
  const s = typeof v === 'string' ? v : JSON.stringify(v) ?? '—';
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const FOLD_AFTER = 4;

function Diff({ changes }: { changes: Change[] }) {
  const { t } = useTranslation();
  if (changes.length === 0) return <span className="audit__none">—</span>;
  const line = (c: Change, i: number) => (
    <li key={`${c.field}-${i}`} className={`audit-diff__line audit-diff__line--${c.kind}`}>
      {c.field && <span className="audit-diff__field">{t(`audit.fields.${c.field}`, { defaultValue: c.field })}</span>}
      {c.kind !== 'added' && (
        <del className="audit-diff__before" title={JSON.stringify(c.before)}>
          {short(c.before)}
        </del>
      )}
      {c.kind === 'changed' && <span aria-hidden="true">→</span>}
      {c.kind !== 'removed' && (
        <ins className="audit-diff__after" title={JSON.stringify(c.after)}>
          {short(c.after)}
        </ins>
      )}
    </li>
  );
  const shown = changes.slice(0, FOLD_AFTER);
  const rest = changes.slice(FOLD_AFTER);
  return (
    <div className="audit-diff">
      <ul className="audit-diff__list">{shown.map(line)}</ul>
      {rest.length > 0 && (
        <details className="audit-diff__more">
          <summary>{t('audit.moreFields', { count: rest.length })}</summary>
          <ul className="audit-diff__list">{rest.map((c, i) => line(c, i + FOLD_AFTER))}</ul>
        </details>
      )}
    </div>
  );
}

// ——— one entry ———

function Cell(props: { label: string; className?: string; children: ReactNode }) {
  return (
    <td data-label={props.label} className={props.className}>
      {props.children}
    </td>
  );
}

function EntryRow({ e, user, fmt }: { e: AuditEntry; user: UserAccount | undefined; fmt: Intl.DateTimeFormat }) {
  const { t } = useTranslation();
  const at = new Date(e.at);
  const [day, time] = Number.isNaN(at.getTime()) ? [e.at, ''] : splitDateTime(fmt, at);
  const changes = changedFields(e.before, e.after);
  return (
    <tr className="audit-row" data-testid="audit-row" data-action={e.action} data-sensitive={SENSITIVE.has(e.action) || undefined}>
      <Cell label={t('audit.col.time')} className="audit-row__time">
        <time dateTime={e.at} title={e.at}>
          <span>{day}</span> <span className="mono">{time}</span>
        </time>
      </Cell>
      <Cell label={t('audit.col.who')} className="audit-row__who">
        <strong>{user?.displayName ?? e.username ?? t('audit.unknownUser')}</strong>
        <small>
          {e.username && <span className="mono">{e.username}</span>}
          {user ? <span className="audit-role">{t(`role.${user.role}`)}</span> : e.userId === null && <span className="audit-role audit-role--none">{t('audit.noAccount')}</span>}
        </small>
      </Cell>
      <Cell label={t('audit.col.action')} className="audit-row__action">
        <span className="audit-action">{t(actionKey(e.action), { defaultValue: e.action })}</span>
        <small className="mono">{e.action}</small>
      </Cell>
      <Cell label={t('audit.col.entity')} className="audit-row__entity">
        {e.entity ? (
          <>
            {t(`audit.entities.${e.entity}`, { defaultValue: e.entity })}
            {e.entityId && <span className="mono"> #{e.entityId}</span>}
          </>
        ) : (
          <span className="audit__none">—</span>
        )}
      </Cell>
      <Cell label={t('audit.col.change')} className={`audit-row__change${changes.length === 0 ? ' audit-row__change--none' : ''}`}>
        <Diff changes={changes} />
      </Cell>
      <Cell label={t('audit.col.reason')} className="audit-row__reason">
        {e.reason ? <q className="audit-reason">{e.reason}</q> : <span className="audit__none">—</span>}
        {e.ip && <small className="audit-row__ip mono">{t('audit.ip', { ip: e.ip })}</small>}
      </Cell>
    </tr>
  );
}

function splitDateTime(fmt: Intl.DateTimeFormat, d: Date): [string, string] {
  const parts = Object.fromEntries(fmt.formatToParts(d).map((p) => [p.type, p.value]));
  return [`${parts.year}-${parts.month}-${parts.day}`, `${parts.hour}:${parts.minute}:${parts.second}`];
}

// ——— the screen ———

export function AuditScreen(props: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t, i18n } = useTranslation();
  const loc = useLocation();
  const search = loc.includes('?') ? loc.slice(loc.indexOf('?')) : '';
  const filters = useMemo(() => filtersOf(search), [search]);
  const set = (p: Partial<Record<keyof AuditFilters, string | null>>) =>
    navigate(withParams(Object.fromEntries(Object.entries(p).map(([k, v]) => [PARAMS[k as keyof AuditFilters], v || null]))), { replace: true });

  // Typing a name filters once the typing stops.
  const [who, setWho] = useState(filters.username ?? '');
  const [entityId, setEntityId] = useState(filters.entityId ?? '');
  const whoSettled = useDebounced(who.trim(), 350);
  const entityIdSettled = useDebounced(entityId.trim(), 350);
  useEffect(() => {
    if (whoSettled !== (filters.username ?? '')) set({ username: whoSettled });
  }, [whoSettled]);
  useEffect(() => {
    if (entityIdSettled !== (filters.entityId ?? '')) set({ entityId: entityIdSettled });
  }, [entityIdSettled]);

  const log = useAuditLog(filters);
  const users = useUsers();
  const byId = useMemo(() => new Map((users.data ?? []).map((u) => [u.id, u])), [users.data]);
  // People who sign in first in the suggestions; the many village inspectors without a password after them.
  const suggestions = useMemo(
    () => [...(users.data ?? [])].sort((a, b) => Number(a.username.startsWith('insp-')) - Number(b.username.startsWith('insp-')) || a.username.localeCompare(b.username)),
    [users.data],
  );
  const fmt = useMemo(
    () => new Intl.DateTimeFormat('en-CA', { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', second: '2-digit', hourCycle: 'h23' }),
    [],
  );

  const entries = log.data?.pages.flatMap((p) => p.entries) ?? [];
  const total = log.data?.pages[0]?.total ?? 0;
  const filtered = Object.values(filters).some(Boolean);
  const badRange = Boolean(filters.fromDate && filters.toDate && filters.fromDate > filters.toDate);

  const reset = () => {
    setWho('');
    setEntityId('');
    navigate(withParams(Object.fromEntries(Object.values(PARAMS).map((n) => [n, null]))), { replace: true });
  };


  return (
    <div className="app audit">
      <AppHeader me={props.me} screen="audit" onSignOut={props.onSignOut} />
      <main className="audit__body">
        <div className="audit__inner">
          <div className="audit__head">
            <h1>{t('audit.title')}</h1>
            <p className="audit__intro">{t('audit.intro')}</p>
            <ExportMenu list="audit" params={auditFilterParams(filters)} />
          </div>

          <form className="audit-filters" role="search" aria-label={t('audit.filters')} onSubmit={(e) => e.preventDefault()}>
            <label className="field audit-filters__who">
              <span>{t('audit.filter.who')}</span>
              <input
                type="search"
                list="audit-users"
                value={who}
                placeholder={t('audit.filter.whoPlaceholder')}
                autoComplete="off"
                onChange={(e) => setWho(e.target.value)}
              />
              <datalist id="audit-users">
                {suggestions.map((u) => (
                  <option key={u.id} value={u.username}>
                    {`${u.displayName} · ${t(`role.${u.role}`)}`}
                  </option>
                ))}
              </datalist>
            </label>
            <label className="field">
              <span>{t('audit.filter.action')}</span>
              <select value={filters.action ?? ''} onChange={(e) => set({ action: e.target.value })}>
                <option value="">{t('audit.filter.any')}</option>
                {ACTIONS.map((a) => (
                  <option key={a} value={a}>
                    {t(actionKey(a), { defaultValue: a })}
                  </option>
                ))}
              </select>
            </label>
            <label className="field">
              <span>{t('audit.filter.entity')}</span>
              <select value={filters.entity ?? ''} onChange={(e) => set({ entity: e.target.value })}>
                <option value="">{t('audit.filter.any')}</option>
                {ENTITIES.map((x) => (
                  <option key={x} value={x}>
                    {t(`audit.entities.${x}`, { defaultValue: x })}
                  </option>
                ))}
              </select>
            </label>
            <label className="field audit-filters__eid">
              <span>{t('audit.filter.entityId')}</span>
              <input
                type="search"
                inputMode="numeric"
                value={entityId}
                placeholder={t('audit.filter.entityIdPlaceholder')}
                autoComplete="off"
                onChange={(e) => setEntityId(e.target.value)}
              />
            </label>
            <label className="field">
              <span>{t('audit.filter.from')}</span>
              <input type="date" value={filters.fromDate ?? ''} max={filters.toDate} onChange={(e) => set({ fromDate: e.target.value })} />
            </label>
            <label className="field">
              <span>{t('audit.filter.to')}</span>
              <input type="date" value={filters.toDate ?? ''} min={filters.fromDate} onChange={(e) => set({ toDate: e.target.value })} />
            </label>
            <button type="button" className="button audit-filters__reset" onClick={reset} disabled={!filtered && !who && !entityId}>
              {t('audit.filter.reset')}
            </button>
          </form>

          <p className="audit__summary" role="status" data-testid="audit-summary">
            {log.isPending
              ? t('audit.loading')
              : log.isSuccess
                ? filtered
                  ? t('audit.summaryFiltered', { count: total, shown: entries.length })
                  : t('audit.summary', { count: total, shown: entries.length })
                : null}
            {log.isFetching && !log.isPending && !log.isFetchingNextPage && <span className="audit__refreshing">{t('audit.refreshing')}</span>}
          </p>
          {badRange && <p className="audit__warn">{t('audit.badRange')}</p>}
          {log.isError && <ErrorNote error={log.error} context="audit" />}

          {log.isSuccess && entries.length === 0 ? (
            <p className="audit__empty">{filtered ? t('audit.emptyFiltered') : t('audit.empty')}</p>
          ) : (
            entries.length > 0 && (
              <table className="audit-table" data-testid="audit-table" lang={i18n.language}>
                <caption>{t('audit.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('audit.col.time')}</th>
                    <th scope="col">{t('audit.col.who')}</th>
                    <th scope="col">{t('audit.col.action')}</th>
                    <th scope="col">{t('audit.col.entity')}</th>
                    <th scope="col">{t('audit.col.change')}</th>
                    <th scope="col">{t('audit.col.reason')}</th>
                  </tr>
                </thead>
                <tbody>
                  {entries.map((e) => (
                    <EntryRow key={e.id} e={e} user={e.userId === null ? undefined : byId.get(e.userId)} fmt={fmt} />
                  ))}
                </tbody>
              </table>
            )
          )}

          {log.hasNextPage && (
            <div className="audit__more">
              <button type="button" className="button" onClick={() => void log.fetchNextPage()} disabled={log.isFetchingNextPage}>
                {log.isFetchingNextPage ? t('audit.loadingMore') : t('audit.loadMore')}
              </button>
            </div>
          )}
          {log.isSuccess && !log.hasNextPage && entries.length > 0 && <p className="audit__end">{t('audit.end')}</p>}
        </div>
      </main>
    </div>
  );
}
