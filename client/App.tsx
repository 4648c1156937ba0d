import { lazy, Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe, type Me } from './api/auth.ts';
import { LoginScreen } from './features/session/LoginScreen.tsx';
import { isPublicPath, printReportOf, screenOf, screensFor, useLocation, type Screen } from './navigation.ts';
import { useScreen } from './screens.ts';
import { ErrorNote } from './ui/ErrorNote.tsx';

// The print pages carry the charting library: a chunk of their own, loaded only when one is opened.
const PrintReports = lazy(() => import('./features/print-reports/PrintReports.tsx').then((m) => ({ default: m.PrintReports })));
// The public complaint page and the forced password change: chunks of their own, like every screen
// (screens.ts); the service worker precaches them all for offline use.
const PublicReportScreen = lazy(() => import('./features/complaints/PublicReportScreen.tsx').then((m) => ({ default: m.PublicReportScreen })));
const ChangePasswordScreen = lazy(() => import('./features/session/ChangePasswordScreen.tsx').then((m) => ({ default: m.ChangePasswordScreen })));

export function App() {
  const loc = useLocation();
  // The public complaint page asks nobody to sign in, nor even who is signed in.
  if (isPublicPath(loc.split('?')[0]!))
    return (
      <Suspense fallback={null}>
        <PublicReportScreen />
      </Suspense>
    );
  // A report to print (/print/briefing …): the sheet alone, no header or panels.
  if (printReportOf(loc.split('?')[0]!))
    return (
      <Suspense fallback={null}>
        <PrintReports loc={loc} />
      </Suspense>
    );
  return <StaffApp loc={loc} />;
}

function StaffApp({ loc }: { loc: string }) {
  const { t } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  // Who was signed in last: when the session expires mid-work the screen stays under the sign-in
  // dialog, so a half-filled form survives; signing out on purpose forgets it.
  const lastMe = useRef<NonNullable<Me> | null>(null);
  if (me.data) lastMe.current = me.data;
  if (me.isPending) return <div className="splash">{t('app.loading')}</div>;
  if (me.isError)
    return (
      <div className="splash">
        <ErrorNote error={me.error}>
          <button type="button" className="button" onClick={() => void me.refetch()}>
            {t('app.retry')}
          </button>
        </ErrorNote>
      </div>
    );
  const signOut = () => {
    lastMe.current = null;
    logout.mutate();
  };
  const current = me.data ?? lastMe.current;
  if (!current) return <LoginScreen />;
  // A password someone else chose: nothing else opens until its holder changes it (the server agrees).
  if (me.data?.user.mustChangePassword)
    return (
      <Suspense fallback={<LoadingSplash />}>
        <ChangePasswordScreen me={me.data} onSignOut={signOut} />
      </Suspense>
    );
  // A screen the role does not have is not offered; its path falls back to the role's first screen.
  const wanted = screenOf(loc.split('?')[0]!);
  const screens = screensFor(current.user.role);
  const screen = screens.includes(wanted) ? wanted : screens[0]!;
  return (
    <>
      {/* keyed by user: another account signing in starts from a clean screen */}
      <ScreenFor key={current.user.id} screen={screen} me={current} onSignOut={signOut} />
      {!me.data && <LoginScreen expiredFor={current.user.username} />}
    </>
  );
}

function ScreenFor(props: { screen: Screen; me: NonNullable<Me>; onSignOut(): void }) {
  const Current = useScreen(props.screen);
  if (!Current) return <LoadingSplash />;
  return (
    <Suspense fallback={<LoadingSplash />}>
      <Current me={props.me} onSignOut={props.onSignOut} />
    </Suspense>
  );
}

function LoadingSplash() {
  const { t } = useTranslation();
  return <div className="splash">{t('app.loading')}</div>;
}
