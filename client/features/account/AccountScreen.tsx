// 我的账户 / My account (/account), for every role: who one is, and one's personal API tokens for the
// OGC API (/ogc) — so a desktop GIS (QGIS, GDAL) reads the households, alerts, regions and tasks of
// one's jurisdiction. A new token is shown once, with a copy button; revoking asks first.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/auth.ts';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken } from '../../api/tokens.ts';
import { AppHeader } from '../../ui/AppHeader.tsx';
import { Dialog } from '../../ui/Dialog.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { CopyButton } from './CopyButton.tsx';
import './account.css';

const DEFAULT_DAYS = 365;
const MAX_DAYS = 730;

export function AccountScreen(props: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t } = useTranslation();
  const { user } = props.me;
  return (
    <div className="app account">
      <AppHeader me={props.me} screen="account" onSignOut={props.onSignOut} />
      <main className="account__body">
        <div className="account__inner">
          <section className="account-card" aria-labelledby="account-title">
            <h1 id="account-title">{t('account.title')}</h1>
            <dl className="account-facts">
              <dt>{t('account.name')}</dt>
              <dd>{user.displayName}</dd>
              <dt>{t('account.username')}</dt>
              <dd className="mono">{user.username}</dd>
              <dt>{t('account.role')}</dt>
              <dd>{t(`role.${user.role}`)}</dd>
              <dt>{t('account.region')}</dt>
              <dd>{user.region.name}</dd>
            </dl>
          </section>
          <TokensSection />
        </div>
      </main>
    </div>
  );
}

function TokensSection() {
  const { t } = useTranslation();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const [name, setName] = useState('');
  const [days, setDays] = useState(String(DEFAULT_DAYS));
  const [revoking, setRevoking] = useState<ApiToken | null>(null);
  const ogcUrl = `${location.origin}/ogc`;
  const made = create.data;
  return (
    <section className="account-card" aria-labelledby="tokens-title">
      <h2 id="tokens-title">{t('account.tokens.title')}</h2>
      <p className="account-intro">{t('account.tokens.intro')}</p>
      <div className="ogc-box">
        <span>{t('account.tokens.ogcUrl')}</span>
        <code data-testid="ogc-url">{ogcUrl}</code>
        <CopyButton text={ogcUrl} />
      </div>
      <details className="ogc-hints">
        <summary>{t('account.tokens.howTo')}</summary>
        <p>{t('account.tokens.qgisHint')}</p>
        <p>{t('account.tokens.gdalHint')}</p>
        <pre className="mono">{`ogrinfo -ro OAPIF:${ogcUrl} --config GDAL_HTTP_HEADERS "Authorization: Bearer <token>"\nogr2ogr -f GeoJSON households.geojson OAPIF:${ogcUrl} households -oo PAGE_SIZE=1000 --config GDAL_HTTP_HEADERS "Authorization: Bearer <token>"`}</pre>
      </details>

      <form
        className="token-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate({ name: name.trim(), expiresInDays: Number(days) }, { onSuccess: () => setName('') });
        }}
      >
        <label className="field">
          <span>{t('account.tokens.name')}</span>
          <input name="tokenName" required maxLength={100} value={name} placeholder={t('account.tokens.namePlaceholder')} onChange={(e) => setName(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('account.tokens.days', { max: MAX_DAYS })}</span>
          <input name="tokenDays" type="number" required min={1} max={MAX_DAYS} step={1} value={days} onChange={(e) => setDays(e.target.value)} />
        </label>
        <button type="submit" className="button button--primary" disabled={create.isPending || name.trim() === ''}>
          {create.isPending ? t('account.tokens.creating') : t('account.tokens.create')}
        </button>
      </form>
      {create.isError && <ErrorNote error={create.error} />}
      {made && (
        <div className="new-token" role="status" data-testid="new-token">
          <strong>{t('account.tokens.madeTitle', { name: made.name })}</strong>
          <div className="new-token__value">
            <code data-testid="new-token-value">{made.token}</code>
            <CopyButton text={made.token} />
          </div>
          <p>{t('account.tokens.onceNote')}</p>
          <button type="button" className="button" onClick={() => create.reset()}>
            {t('account.tokens.saved')}
          </button>
        </div>
      )}

      {tokens.isError && <ErrorNote error={tokens.error} />}
      {tokens.data && tokens.data.length === 0 && <p className="account-intro">{t('account.tokens.none')}</p>}
      {tokens.data && tokens.data.length > 0 && <TokenTable tokens={tokens.data} onRevoke={setRevoking} />}
      {revoking && <RevokeDialog token={revoking} onClose={() => setRevoking(null)} />}
    </section>
  );
}

type TokenState = 'active' | 'expired' | 'revoked';
const stateOf = (tk: ApiToken, now: number): TokenState => (tk.revokedAt ? 'revoked' : Date.parse(tk.expiresAt) <= now ? 'expired' : 'active');

function TokenTable({ tokens, onRevoke }: { tokens: ApiToken[]; onRevoke(tk: ApiToken): void }) {
  const { t, i18n } = useTranslation();
  const when = (iso: string | null) =>
    iso ? new Date(iso).toLocaleString(i18n.language, { hour12: false, dateStyle: 'medium', timeStyle: 'short' }) : t('account.tokens.never');
  const now = Date.now();
  return (
    <table className="token-table" data-testid="tokens-table">
      <thead>
        <tr>
          <th>{t('account.tokens.name')}</th>
          <th>{t('account.tokens.createdAt')}</th>
          <th>{t('account.tokens.expiresAt')}</th>
          <th>{t('account.tokens.lastUsedAt')}</th>
          <th>{t('account.tokens.state')}</th>
          <th>
            <span className="visually-hidden">{t('account.tokens.actions')}</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((tk) => {
          const state = stateOf(tk, now);
          return (
            <tr key={tk.id} data-testid="token-row" data-name={tk.name} data-state={state}>
              <td data-label={t('account.tokens.name')}>{tk.name}</td>
              <td data-label={t('account.tokens.createdAt')}>{when(tk.createdAt)}</td>
              <td data-label={t('account.tokens.expiresAt')}>{when(tk.expiresAt)}</td>
              <td data-label={t('account.tokens.lastUsedAt')}>{when(tk.lastUsedAt)}</td>
              <td data-label={t('account.tokens.state')}>
                <span className={`token-state token-state--${state}`}>{t(`account.tokens.states.${state}`)}</span>
                {tk.revokedAt && <small>{when(tk.revokedAt)}</small>}
              </td>
              <td className="token-table__actions">
                {state === 'active' && (
                  <button type="button" className="button" onClick={() => onRevoke(tk)} aria-label={t('account.tokens.revokeOne', { name: tk.name })}>
                    {t('account.tokens.revoke')}
                  </button>
                )}
              </td>
            </tr>
          );
        })}
      </tbody>
    </table>
  );
}

function RevokeDialog({ token, onClose }: { token: ApiToken; onClose(): void }) {
  const { t } = useTranslation();
  const revoke = useRevokeApiToken();
  return (
    <Dialog title={t('account.tokens.revokeTitle')} closeLabel={t('account.tokens.cancel')} onClose={onClose}>
      <p>{t('account.tokens.revokeConfirm', { name: token.name })}</p>
      {revoke.isError && <ErrorNote error={revoke.error} />}
      <div className="dialog__actions">
        <button type="button" className="button" onClick={onClose}>
          {t('account.tokens.cancel')}
        </button>
        <button type="button" className="button button--primary" disabled={revoke.isPending} onClick={() => revoke.mutate(token.id, { onSuccess: onClose })}>
          {t('account.tokens.revokeNow')}
        </button>
      </div>
    </Dialog>
  );
}
