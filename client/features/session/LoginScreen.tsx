import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogin } from '../../api/auth.ts';
import { landAfterSignIn } from '../../navigation.ts';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { SignInBrand } from './SignInBrand.tsx';

/**
 * Sign-in: every API route but health needs a session (server/auth/rules.ts). With `expiredFor`, it
 * is a dialog over the screen the user was working on (kept mounted, so nothing typed is lost).
 */
export function LoginScreen(props: { expiredFor?: string }) {
  const { t } = useTranslation();
  const login = useLogin();
  const [username, setUsername] = useState(props.expiredFor ?? '');
  const [password, setPassword] = useState('');
  return (
    <div className={props.expiredFor ? 'login login--overlay' : 'login'} role={props.expiredFor ? 'dialog' : undefined} aria-modal={props.expiredFor ? true : undefined}>
      <form
        className="login__card"
        onSubmit={(e) => {
          e.preventDefault();
          // Signing in afresh lands on the role's screen; after an expiry the user stays where they were.
          login.mutateAsync({ username: username.trim(), password }).then(
            (res) => props.expiredFor || landAfterSignIn(res.user.role),
            () => {}, // shown below from login.error
          );
        }}
      >
        <SignInBrand />
        <h2 className="login__heading">{t('session.title')}</h2>
        {props.expiredFor && (
          <p className="login__expired" role="status">
            {t('session.expired')}
          </p>
        )}
        <label className="field">
          <span>{t('session.username')}</span>
          <input name="username" autoComplete="username" required value={username} onChange={(e) => setUsername(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('session.password')}</span>
          <input
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onChange={(e) => setPassword(e.target.value)}
          />
        </label>
        {login.isError && <ErrorNote error={login.error} />}
        <button type="submit" className="button button--primary" disabled={login.isPending}>
          {login.isPending ? t('session.submitting') : t('session.submit')}
        </button>
        <LanguageSwitch />
      </form>
    </div>
  );
}
