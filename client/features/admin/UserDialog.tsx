// One account: create it, or change it. A password set here is one-time by default (the holder chooses
// their own at the next sign-in, server/auth/middleware.ts); the admin may untick that.
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useCreateUser, useRevokeSessions, useUpdateUser, type UserAccount, type UserChange } from '../../api/users.ts';
import { ROLE_LEVEL, ROLES, type Role } from '../../../server/domain/roles.ts';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import type { RegionOption } from './regions.ts';

export function UserDialog(props: { user: UserAccount | null; self: number; regions: RegionOption[]; onClose(): void }) {
  const { t } = useTranslation();
  const u = props.user;
  const create = useCreateUser();
  const update = useUpdateUser();
  const revoke = useRevokeSessions();
  const [displayName, setDisplayName] = useState(u?.displayName ?? '');
  const [username, setUsername] = useState(u?.username ?? '');
  const [role, setRole] = useState<Role>(u?.role ?? 'inspector');
  const [regionCode, setRegionCode] = useState(u?.regionCode ?? '');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [oneTime, setOneTime] = useState(true);
  const [active, setActive] = useState(u?.active ?? true);
  const [saved, setSaved] = useState<string | null>(null);
  const level = ROLE_LEVEL[role];
  const fits = props.regions.filter((r) => level === null || r.level === level);
  const isSelf = u?.id === props.self;
  const saving = create.isPending || update.isPending;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(null);
    if (!u) {
      create.mutate(
        {
          username: username.trim(),
          displayName: displayName.trim(),
          role,
          regionCode,
          ...(password ? { password, oneTime } : {}),
          ...(phone.trim() ? { phone: phone.trim() } : {}),
        },
        { onSuccess: () => props.onClose() },
      );
      return;
    }
    const change: UserChange = {};
    if (displayName.trim() !== u.displayName) change.displayName = displayName.trim();
    if (role !== u.role) change.role = role;
    if (regionCode !== u.regionCode) change.regionCode = regionCode;
    if (active !== u.active) change.active = active;
    if (phone.trim()) change.phone = phone.trim();
    if (password) Object.assign(change, { password, oneTime });
    if (Object.keys(change).length === 0) return props.onClose();
    update.mutate(
      { id: u.id, change },
      {
        onSuccess: () => {
          setPassword('');
          setPhone('');
          setSaved(t('admin.user.saved'));
        },
      },
    );
  };

  return (
    <Dialog title={u ? t('admin.user.editTitle', { name: u.displayName }) : t('admin.user.createTitle')} closeLabel={t('admin.close')} onClose={props.onClose} className="admin-dialog">
      <form className="admin-form" onSubmit={submit} data-testid="user-form">
        <label className="field">
          <span>{t('admin.user.displayName')}</span>
          <input name="displayName" required maxLength={64} value={displayName} onChange={(e) => setDisplayName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('admin.user.username')}</span>
          <input
            name="username"
            required
            disabled={Boolean(u)}
            pattern="[A-Za-z0-9_.\-]{3,32}"
            autoComplete="off"
            value={username}
            onChange={(e) => setUsername(e.target.value)}
          />
        </label>
        <label className="field">
          <span>{t('admin.user.role')}</span>
          <select name="role" value={role} disabled={isSelf} onChange={(e) => setRole(e.target.value as Role)}>
            {ROLES.map((r) => (
              <option key={r} value={r}>
                {t(`role.${r}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t(level ? `admin.user.regionAt.${level}` : 'admin.user.region')}</span>
          <select name="regionCode" required value={fits.some((r) => r.code === regionCode) ? regionCode : ''} onChange={(e) => setRegionCode(e.target.value)}>
            <option value="" disabled>
              {t('admin.user.pickRegion')}
            </option>
            {fits.map((r) => (
              <option key={r.code} value={r.code}>
                {r.townshipName ? `${r.townshipName} · ${r.name}` : r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{u?.phone ? t('admin.user.phoneNow', { phone: u.phone }) : t('admin.user.phone')}</span>
          <input name="phone" inputMode="tel" pattern="1[0-9]{10}" autoComplete="off" placeholder="13800000000" value={phone} onChange={(e) => setPhone(e.target.value)} />
        </label>
        <fieldset className="admin-form__group">
          <legend>{u ? t('admin.user.resetPassword') : t('admin.user.password')}</legend>
          <label className="field">
            <span>{t('admin.user.newPassword')}</span>
            <input name="password" type="password" autoComplete="new-password" minLength={10} value={password} onChange={(e) => setPassword(e.target.value)} />
          </label>
          <p className="admin-form__hint">{u ? t('admin.user.passwordHintEdit') : t('admin.user.passwordHint')}</p>
          <label className="check">
            <input type="checkbox" checked={oneTime} disabled={!password} onChange={(e) => setOneTime(e.target.checked)} />
            <span>{t('admin.user.oneTime')}</span>
          </label>
        </fieldset>
        {u && (
          <label className="check">
            <input type="checkbox" name="active" checked={active} disabled={isSelf} onChange={(e) => setActive(e.target.checked)} />
            <span>{t('admin.user.active')}</span>
          </label>
        )}
        {(create.isError || update.isError) && <ErrorNote error={create.error ?? update.error} />}
        {saved && (
          <p className="admin-ok" role="status">
            {saved}
          </p>
        )}
        <div className="admin-form__buttons">
          {u && !isSelf && (
            <button
              type="button"
              className="button"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate(u.id, { onSuccess: (r) => setSaved(t('admin.user.revoked', { count: r.revoked })) })}
            >
              {t('admin.user.revoke')}
            </button>
          )}
          <button type="submit" className="button button--primary" disabled={saving}>
            {saving ? t('admin.saving') : u ? t('admin.user.save') : t('admin.user.createSubmit')}
          </button>
        </div>
        {revoke.isError && <ErrorNote error={revoke.error} />}
      </form>
    </Dialog>
  );
}
