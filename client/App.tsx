import { lazy, Suspense, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { useLogout, useMe, type Me } from './api/auth.ts';
import { AccountScreen } from './features/account/AccountScreen.tsx';
import { AdminScreen } from './features/admin/AdminScreen.tsx';
import { AuditScreen } from './features/audit/AuditScreen.tsx';
import { ComplaintsScreen } from './features/complaints/ComplaintsScreen.tsx';
import { PublicReportScreen } from './features/complaints/PublicReportScreen.tsx';
import { DispatchBoard } from './features/dispatch/DispatchBoard.tsx';
import { FieldScreen } from './features/field/FieldScreen.tsx';
import { HouseholdMapScreen } from './features/households/HouseholdMapScreen.tsx';
import { LedgerScreen } from './features/ledger/LedgerScreen.tsx';
import { ChangePasswordScreen } from './features/session/ChangePasswordScreen.tsx';
import { LoginScreen } from './features/session/LoginScreen.tsx';
import { isPublicPath, printReportOf, screenOf, screensFor, useLocation, type Screen } from './navigation.ts';
import { ErrorNote } from './ui/ErrorNote.tsx';

// The print pages carry the charting library: a chunk of their own, loaded only when one is opened.
const PrintReports = lazy(() => import('./features/print-reports/PrintReports.tsx').then((m) => ({ default: m.PrintReports })));
// The dashboard and the briefing draw charts (ECharts): their own chunk, fetched when first opened, so
// the map's first load does not carry them. The service worker precaches the chunk for offline use.
const DashboardScreen = lazy(() => import('./features/dashboard/DashboardScreen.tsx'));
const BriefingScreen = lazy(() => import('./features/briefing/BriefingScreen.tsx'));
// The import screen (its field catalogue and vocabulary come along) is for a few staff, now and then.
const ImportScreen = lazy(() => import('./features/imports/ImportScreen.tsx').then((m) => ({ default: m.ImportScreen })));

export function App() {
  const loc = useLocation();
  // The public complaint page asks nobody to sign in, nor even who is signed in.
  if (isPublicPath(loc.split('?')[0]!)) return <PublicReportScreen />;
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
  if (me.data?.user.mustChangePassword) return <ChangePasswordScreen me={me.data} onSignOut={signOut} />;
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
  const { screen, me, onSignOut } = props;
  if (screen === 'dashboard' || screen === 'briefing') {
    return (
      <Suspense fallback={<LoadingSplash />}>
        {screen === 'dashboard' ? <DashboardScreen me={me} onSignOut={onSignOut} /> : <BriefingScreen me={me} />}
      </Suspense>
    );
  }
  if (screen === 'field') return <FieldScreen me={me} onSignOut={onSignOut} />;
  if (screen === 'ledger') return <LedgerScreen me={me} onSignOut={onSignOut} />;
  if (screen === 'dispatch') return <DispatchBoard me={me} onSignOut={onSignOut} />;
  if (screen === 'complaints') return <ComplaintsScreen me={me} onSignOut={onSignOut} />;
  if (screen === 'imports')
    return (
      <Suspense fallback={<LoadingSplash />}>
        <ImportScreen me={me} onSignOut={onSignOut} />
      </Suspense>
    );
  if (screen === 'audit') return <AuditScreen me={me} onSignOut={onSignOut} />;
  if (screen === 'admin') return <AdminScreen me={me} onSignOut={onSignOut} />;
  if (screen === 'account') return <AccountScreen me={me} onSignOut={onSignOut} />;
  return <HouseholdMapScreen me={me} onSignOut={onSignOut} />;
}

function LoadingSplash() {
  const { t } = useTranslation();
  return <div className="splash">{t('app.loading')}</div>;
}
