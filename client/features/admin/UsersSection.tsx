// Accounts (账号管理): filter by role, township and status; create one; open one to change its role,
// region, phone or password, switch it on or off, or sign it out everywhere.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/auth.ts';
import { useRegions } from '../../api/regions.ts';
import { useUsers, type UserAccount } from '../../api/users.ts';
import { ROLES } from '../../../server/domain/roles.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { regionOptions, townshipOf } from './regions.ts';
import { UserDialog } from './UserDialog.tsx';

const STATUSES = ['active', 'inactive', 'no_password', 'must_change'] as const;
type Status = (typeof STATUSES)[number];

const hasStatus = (u: UserAccount, s: Status) =>
  s === 'active' ? u.active : s === 'inactive' ? !u.active : s === 'no_password' ? !u.hasPassword : u.hasPassword && u.mustChangePassword;

/** A few hundred accounts are drawn at once; past that the filters narrow them. */
const SHOWN = 300;

export function UsersSection(props: { me: NonNullable<Me> }) {
  const { t } = useTranslation();
  const users = useUsers();
  const regions = useRegions();
  const [role, setRole] = useState('');
  const [township, setTownship] = useState('');
  const [status, setStatus] = useState('');
  const [q, setQ] = useState('');
  const [open, setOpen] = useState<UserAccount | 'new' | null>(null);
  const towns = regions.data?.children ?? [];
  const options = useMemo(() => (regions.data ? regionOptions(regions.data) : []), [regions.data]);
  const term = q.trim().toLowerCase();
  const shown = (users.data ?? []).filter(
    (u) =>
      (!role || u.role === role) &&
      (!township || (u.regionLevel !== 'county' && townshipOf(u.regionCode) === township)) &&
      (!status || hasStatus(u, status as Status)) &&
      (!term || u.username.toLowerCase().includes(term) || u.displayName.toLowerCase().includes(term) || u.regionName.includes(q.trim())),
  );
  const townName = (code: string) => options.find((o) => o.code === code)?.townshipName;
  return (
    <section className="admin-section" aria-labelledby="users-title">
      <div className="admin-section__head">
        <h1 id="users-title">{t('admin.users.title')}</h1>
        <p className="admin-section__intro">{t('admin.users.intro')}</p>
        <button type="button" className="button button--primary admin-section__action" onClick={() => setOpen('new')}>
          {t('admin.users.create')}
        </button>
      </div>
      <form className="admin-filters" role="search" aria-label={t('admin.filters')} onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('admin.users.search')}</span>
          <input type="search" value={q} placeholder={t('admin.users.searchPlaceholder')} onChange={(e) => setQ(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('admin.users.role')}</span>
          <select value={role} onChange={(e) => setRole(e.target.value)}>
            <option value="">{t('admin.any')}</option>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.users.township')}</span>
          <select value={township} onChange={(e) => setTownship(e.target.value)}>
            <option value="">{t('admin.any')}</option>
            {towns.map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('admin.users.status')}</span>
          <select value={status} onChange={(e) => setStatus(e.target.value)}>
            <option value="">{t('admin.any')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`admin.users.statuses.${s}`)}
              </option>
            ))}
          </select>
        </label>
      </form>
      {users.isError && <ErrorNote error={users.error} />}
      <p className="admin-summary" role="status" data-testid="users-summary">
        {users.isPending ? t('app.loading') : t('admin.users.summary', { count: shown.length, total: users.data?.length ?? 0 })}
      </p>
      {shown.length > 0 && (
        <table className="admin-table" data-testid="users-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.role')}</th>
              <th scope="col">{t('admin.users.region')}</th>
              <th scope="col">{t('admin.users.phone')}</th>
              <th scope="col">{t('admin.users.status')}</th>
              <th scope="col">
                <span className="visually-hidden">{t('admin.users.actions')}</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {shown.slice(0, SHOWN).map((u) => (
              <tr key={u.id} data-testid="user-row" data-username={u.username} className={u.active ? undefined : 'admin-table__row--off'}>
                <td data-label={t('admin.users.name')}>
                  <strong>{u.displayName}</strong>
                  <small className="mono">{u.username}</small>
                </td>
                <td data-label={t('admin.users.role')}>{t(`role.${u.role}`)}</td>
                <td data-label={t('admin.users.region')}>
                  {u.regionName}
                  {townName(u.regionCode) && <small>{townName(u.regionCode)}</small>}
                </td>
                <td data-label={t('admin.users.phone')} className="mono">
                  {u.phone ?? <span className="admin-none">—</span>}
                </td>
                <td data-label={t('admin.users.status')}>
                  <UserStatus u={u} />
                </td>
                <td className="admin-table__actions">
                  <button type="button" className="button" onClick={() => setOpen(u)} aria-label={t('admin.users.editOne', { name: u.displayName })}>
                    {t('admin.users.edit')}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {shown.length > SHOWN && <p className="admin-summary">{t('admin.users.more', { count: shown.length - SHOWN })}</p>}
      {open && regions.data && (
        <UserDialog user={open === 'new' ? null : open} self={props.me.user.id} regions={options} onClose={() => setOpen(null)} />
      )}
    </section>
  );
}

function UserStatus({ u }: { u: UserAccount }) {
  const { t } = useTranslation();
  return (
    <span className="admin-tags">
      <span className={`admin-tag admin-tag--${u.active ? 'ok' : 'off'}`}>{t(u.active ? 'admin.users.statuses.active' : 'admin.users.statuses.inactive')}</span>
      {!u.hasPassword && <span className="admin-tag admin-tag--warn">{t('admin.users.statuses.no_password')}</span>}
      {u.hasPassword && u.mustChangePassword && <span className="admin-tag admin-tag--note">{t('admin.users.statuses.must_change')}</span>}
    </span>
  );
}
