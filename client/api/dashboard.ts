// The dashboard, the briefing and the report pages (issue 12): the figures of a region from GET
// /api/dashboard and the reports' JSON — typed from the server's answers, never re-counted here — and
// the links of the XLSX files.
import { useQuery } from '@tanstack/react-query';
import { dashboardQuery, monthlyReportQuery, quarterlyReportQuery, type DashboardParams } from './queries.ts';

export type { DashboardParams };

export const useDashboard = (p: DashboardParams) => useQuery(dashboardQuery(p));
export type Dashboard = NonNullable<ReturnType<typeof useDashboard>['data']>;
export type DueItem = Dashboard['dueThisWeek'][number];
export type ChildRow = Dashboard['children'][number];
export type WarningRow = Dashboard['warnings'][number];

export const useMonthlyReport = (p: { region?: string; month: string } | null) => useQuery(monthlyReportQuery(p));
export type MonthlyReport = NonNullable<ReturnType<typeof useMonthlyReport>['data']>;

export const useQuarterlyReport = (p: { region?: string; quarter: string } | null) => useQuery(quarterlyReportQuery(p));
export type QuarterlyReport = NonNullable<ReturnType<typeof useQuarterlyReport>['data']>;

/** The link that downloads a report's XLSX (same origin; the session cookie goes with it). */
export function reportXlsxHref(report: { kind: 'monthly'; month: string } | { kind: 'quarterly'; quarter: string }, region?: string): string {
  const q = new URLSearchParams(report.kind === 'monthly' ? { month: report.month } : { quarter: report.quarter });
  if (region) q.set('region', region);
  return `/api/reports/${report.kind === 'monthly' ? 'monthly' : 'quarterly-warnings'}.xlsx?${q}`;
}
