import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useChangePassword, type Me } from '../../api/auth.ts';
import { landAfterSignIn } from '../../navigation.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { LanguageSwitch } from '../../ui/LanguageSwitch.tsx';
import { SignInBrand } from './SignInBrand.tsx';
import { MIN_OWN_PASSWORD } from '../../../server/domain/password-policy.ts';
import './password.css';

/**
 * The first thing a holder of a one-time password sees (a sign-in slip, or a password the county admin
 * set): choose one's own. Until then the server answers nothing else (403 password_change_required).
 * The rule is the server's (server/domain/password-policy.ts); here only what can be said before sending.
 */
export function ChangePasswordScreen(props: { me: NonNullable<Me>; onSignOut(): void }) {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [again, setAgain] = useState('');
  const [tried, setTried] = useState(false);
  const tooShort = [...next].length < MIN_OWN_PASSWORD;
  const mismatch = again !== next;
  const { user } = props.me;
  return (
    <div className="login" data-testid="change-password">
      <form
        className="login__card"
        noValidate
        onSubmit={(e) => {
          e.preventDefault();
          setTried(true);
          if (tooShort || mismatch || !current) return;
          change.mutateAsync({ current, next }).then(
            () => landAfterSignIn(user.role),
            () => {}, // shown below from change.error
          );
        }}
      >
        <SignInBrand />
        <h2 className="login__heading">{t('password.title')}</h2>
        <p className="login__note" role="status">
          {t('password.why', { name: user.displayName, username: user.username })}
        </p>
        <label className="field">
          <span>{t('password.current')}</span>
          <input type="password" name="current" autoComplete="current-password" required value={current} onChange={(e) => setCurrent(e.target.value)} />
        </label>
        <label className="field">
          <span>{t('password.next')}</span>
          <input
            type="password"
            name="next"
            autoComplete="new-password"
            required
            minLength={MIN_OWN_PASSWORD}
            aria-invalid={tried && tooShort}
            aria-describedby="password-rule"
            value={next}
            onChange={(e) => setNext(e.target.value)}
          />
        </label>
        <p id="password-rule" className={`login__hint${tried && tooShort ? ' login__hint--bad' : ''}`}>
          {t('password.rule', { min: MIN_OWN_PASSWORD })}
        </p>
        <label className="field">
          <span>{t('password.again')}</span>
          <input type="password" name="again" autoComplete="new-password" required aria-invalid={tried && mismatch} value={again} onChange={(e) => setAgain(e.target.value)} />
        </label>
        {tried && mismatch && <p className="login__hint login__hint--bad">{t('password.mismatch')}</p>}
        {tried && !current && <p className="login__hint login__hint--bad">{t('password.currentMissing')}</p>}
        {change.isError && <ErrorNote error={change.error} />}
        <button type="submit" className="button button--primary" disabled={change.isPending}>
          {change.isPending ? t('password.saving') : t('password.save')}
        </button>
        <div className="login__foot">
          <LanguageSwitch />
          <button type="button" className="button button--quiet" onClick={props.onSignOut}>
            {t('session.signOut')}
          </button>
        </div>
      </form>
    </div>
  );
}
