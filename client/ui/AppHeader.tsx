import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../api/auth.ts';
import { appLink, navScreens, SCREEN_PATHS, type Screen } from '../navigation.ts';
import { LanguageSwitch } from './LanguageSwitch.tsx';
import { ViewSwitch } from './ViewSwitch.tsx';

const PHONE_ONLY: readonly Screen[] = ['account'];

/**
 * Product name, the links to the screens this role has, a slot for the search box, a status slot
 * (the season badge), the language switch, and who is signed in with which role — a link to their account.
 */
export function AppHeader(props: { me: NonNullable<Me>; screen: Screen; onSignOut(): void; status?: ReactNode; children?: ReactNode }) {
  const { t } = useTranslation();
  const { user } = props.me;
  return (
    <header className="app-header">
      <div className="brand">
        <span className="brand__mark" aria-hidden="true">
          安
        </span>
        <span className="brand__text">
          <span className="brand__name">{t('app.name')}</span>
          <span className="brand__subtitle">{t('app.subtitle')}</span>
        </span>
      </div>
      <ViewSwitch current={props.screen} screens={[...navScreens(user.role), 'account']} phoneOnly={PHONE_ONLY} />
      <div className="app-header__search">{props.children}</div>
      <div className="app-header__tools">
        {props.status}
        <LanguageSwitch />
        {/* Who is signed in, and the way to one's own account (API tokens); on a phone, among the screens. */}
        <a
          {...appLink(SCREEN_PATHS.account)}
          className="app-header__user"
          title={`${user.displayName} · ${t(`role.${user.role}`)} · ${t('account.title')}`}
          aria-current={props.screen === 'account' ? 'page' : undefined}
          data-testid="current-user"
        >
          <span className="app-header__name">{user.displayName}</span>
          <span className="app-header__role">{t(`role.${user.role}`)}</span>
        </a>
        <button type="button" className="button button--quiet" onClick={props.onSignOut}>
          {t('session.signOut')}
        </button>
      </div>
    </header>
  );
}
