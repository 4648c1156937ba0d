// Sign-in slips (登录条) for a township's village inspectors: one-time passwords set in one go, and a
// sheet to print and cut — ten slips to an A4 page. The passwords come once, live only in this page's
// memory, and are gone when it is left: print before leaving.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../../api/regions.ts';
import { useBulkPasswords, type SlipSheet } from '../../api/users.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import './slips.css';

export function SlipsSection() {
  const { t } = useTranslation();
  const regions = useRegions();
  const bulk = useBulkPasswords();
  const [township, setTownship] = useState('');
  const [reissue, setReissue] = useState(false);
  const sheet = bulk.data;
  return (
    <section className="admin-section" aria-labelledby="slips-title">
      <div className="admin-section__head">
        <h1 id="slips-title">{t('admin.slips.title')}</h1>
        <p className="admin-section__intro">{t('admin.slips.intro')}</p>
      </div>
      <form
        className="admin-filters admin-filters--slips"
        onSubmit={(e) => {
          e.preventDefault();
          if (township) bulk.mutate({ region: township, role: 'inspector', reissue });
        }}
      >
        <label className="field">
          <span>{t('admin.slips.township')}</span>
          <select name="township" required value={township} onChange={(e) => setTownship(e.target.value)}>
            <option value="" disabled>
              {t('admin.slips.pickTownship')}
            </option>
            {(regions.data?.children ?? []).map((r) => (
              <option key={r.code} value={r.code}>
                {r.name}
              </option>
            ))}
          </select>
        </label>
        <label className="check admin-filters__check">
          <input type="checkbox" checked={reissue} onChange={(e) => setReissue(e.target.checked)} />
          <span>{t('admin.slips.reissue')}</span>
        </label>
        <button type="submit" className="button button--primary" disabled={!township || bulk.isPending}>
          {bulk.isPending ? t('admin.slips.generating') : t('admin.slips.generate')}
        </button>
      </form>
      {bulk.isError && <ErrorNote error={bulk.error} />}
      {sheet && <Sheet sheet={sheet} />}
    </section>
  );
}

function Sheet({ sheet }: { sheet: SlipSheet }) {
  const { t, i18n } = useTranslation();
  const issued = new Date(sheet.issuedAt).toLocaleString(i18n.language, { hour12: false, dateStyle: 'medium', timeStyle: 'short' });
  if (sheet.slips.length === 0) return <p className="admin-summary">{t('admin.slips.none', { township: sheet.region.name })}</p>;
  return (
    <>
      <div className="slips-bar" role="status" data-testid="slips-summary">
        <p>
          <strong>{t('admin.slips.ready', { count: sheet.slips.length, township: sheet.region.name })}</strong>
          <span>{t('admin.slips.once')}</span>
        </p>
        <button type="button" className="button button--primary" onClick={() => window.print()}>
          {t('admin.slips.print')}
        </button>
      </div>
      <div className="slip-sheet" data-testid="slip-sheet">
        {sheet.slips.map((s) => (
          <article key={s.userId} className="slip" data-testid="slip">
            <header className="slip__head">
              <span className="slip__brand">{t('admin.slips.slipTitle')}</span>
              <span className="slip__place">
                {sheet.region.name} · {s.village.name}
              </span>
            </header>
            <dl className="slip__fields">
              <dt>{t('admin.slips.name')}</dt>
              <dd>{s.displayName}</dd>
              <dt>{t('admin.slips.username')}</dt>
              <dd className="mono">{s.username}</dd>
              <dt>{t('admin.slips.phone')}</dt>
              <dd className="mono">{s.phone ?? '—'}</dd>
              <dt>{t('admin.slips.password')}</dt>
              <dd className="mono slip__password" data-testid="slip-password">
                {s.password}
              </dd>
            </dl>
            <p className="slip__note">{t('admin.slips.slipNote', { issued })}</p>
          </article>
        ))}
      </div>
    </>
  );
}
