// The print pages (/print/briefing, /print/monthly, /print/quarterly-warnings): a report on A4 with no
// app chrome, as the server's Chromium turns it into a PDF (server/render/) and as anyone may print it
// from their own browser. Signed out, a person gets the sign-in form; the renderer is always signed in.
import { useMe } from '../../api/auth.ts';
import { printReportOf, type PrintReport } from '../../navigation.ts';
import { LoginScreen } from '../session/LoginScreen.tsx';
import { BriefingPrint } from './BriefingPrint.tsx';
import { MonthlyPrint } from './MonthlyPrint.tsx';
import { usePrintReady } from './print-ready.ts';
import { QuarterlyPrint } from './QuarterlyPrint.tsx';
import { FailureNote } from './ReportHead.tsx';
import './print-reports.css';

export function PrintReports({ loc }: { loc: string }) {
  const me = useMe();
  const [pathname, search = ''] = loc.split('?') as [string, string?];
  const params = new URLSearchParams(search);
  const report = printReportOf(pathname);
  const failure = me.isError ? 'session' : me.data === null ? 'unauthenticated' : me.data?.user.mustChangePassword ? 'password_change_required' : null;
  if (me.isPending) return null;
  if (failure === 'unauthenticated') return <SignedOut />;
  if (failure || !me.data || !report) return <PrintFailure code={failure ?? 'not_found'} />;
  const region = params.get('region') ?? me.data.user.region.code;
  return <Report report={report} region={region} params={params} />;
}

function Report({ report, region, params }: { report: PrintReport; region: string; params: URLSearchParams }) {
  if (report === 'briefing') return <BriefingPrint region={region} date={params.get('date')} />;
  if (report === 'monthly') return <MonthlyPrint region={region} month={params.get('month')} />;
  return <QuarterlyPrint region={region} quarter={params.get('quarter')} />;
}

function SignedOut() {
  usePrintReady(false, 'unauthenticated');
  return <LoginScreen />;
}

/** Why there is no report: said on the page, and to the renderer through data-print-error. */
function PrintFailure({ code }: { code: string }) {
  usePrintReady(false, code);
  return <FailureNote code={code} />;
}

