// The figures the print pages (/print/briefing, /print/monthly, /print/quarterly-warnings) read: the
// same queries as the dashboard and briefing mode (client/api/dashboard.ts, typed from the server's
// answers), asked once — a print page shows what it has or says why not at once, with no retries
// behind the PDF renderer's back (server/render/).
import { useQuery } from '@tanstack/react-query';
import type { Dashboard } from './dashboard.ts';
import { dashboardQuery, monthlyReportQuery, quarterlyReportQuery, type DashboardParams } from './queries.ts';

export type { Dashboard, MonthlyReport, QuarterlyReport } from './dashboard.ts';
export type ReportRegion = Dashboard['region'];

const once = { retry: false } as const;
export const usePrintDashboard = (p: DashboardParams) => useQuery({ ...dashboardQuery(p), ...once });
export const usePrintMonthly = (p: { region: string; month: string }) => useQuery({ ...monthlyReportQuery(p), ...once });
export const usePrintQuarterly = (p: { region: string; quarter: string }) => useQuery({ ...quarterlyReportQuery(p), ...once });
