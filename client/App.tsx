import { useTranslation } from 'react-i18next';
import { useLogout, useMe } from './api/auth.ts';
import { DispatchBoard } from './features/dispatch/DispatchBoard.tsx';
import { FieldScreen } from './features/field/FieldScreen.tsx';
import { HouseholdMapScreen } from './features/households/HouseholdMapScreen.tsx';
import { LoginScreen } from './features/session/LoginScreen.tsx';
import { screenOf, screensFor, useLocation } from './navigation.ts';

export function App() {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  const loc = useLocation();
  if (me.isPending) return <div className="splash">{t('app.loading')}</div>;
  if (me.isError)
    return (
      <div className="splash" role="alert">
        {t('app.error', { message: me.error.message })}
        <button type="button" className="button" onClick={() => void me.refetch()}>
          {t('app.retry')}
        </button>
      </div>
    );
  if (!me.data) return <LoginScreen />;
  const signOut = () => logout.mutate();
  // A screen the role does not have is not offered; its path falls back to the role's first screen.
  const wanted = screenOf(loc.split('?')[0]!);
  const screens = screensFor(me.data.user.role);
  const screen = screens.includes(wanted) ? wanted : screens[0]!;
  if (screen === 'field') return <FieldScreen me={me.data} onSignOut={signOut} />;
  if (screen === 'dispatch') return <DispatchBoard me={me.data} onSignOut={signOut} />;
  return <HouseholdMapScreen me={me.data} onSignOut={signOut} />;
}
