// The figures the printed reports read: the dashboard of a region (GET /api/dashboard), the monthly
// progress report (GET /api/reports/monthly, seed 003) and the quarterly warning statistics (GET
// /api/reports/quarterly-warnings, seed 002). All three come from server/db/figures.ts, the one
// source of numbers for the dashboard, the briefing, the PDFs and the XLSX files (issue 12).
import { queryOptions, useQuery } from '@tanstack/react-query';
import type { AlertLevel, AlertType } from '../../server/domain/alerts.ts';
import type { GradeKey, Structure } from '../../server/domain/housing.ts';
import type { LedgerState } from '../../server/domain/ledger-states.ts';
import { ApiError } from './client.ts';

export type RegionLevel = 'county' | 'township' | 'village';
export interface RegionRef {
  code: string;
  name: string;
  level: RegionLevel;
}
export type ByGrade = Record<GradeKey, number>;

export interface DueItem {
  kind: 'works' | 'appraisal' | 'task' | 'complaint' | 'idle_check';
  label: string;
  dueOn: string;
  houseId?: number;
  taskId?: number;
  complaintId?: number;
}

export interface Dashboard {
  region: RegionRef;
  today: string;
  range: { from: string; to: string };
  households: { total: number; byGrade: ByGrade; byStructure: Record<Structure, number>; key: number; repairedC: number };
  ledger: { byState: Record<LedgerState, number>; inLedger: number; mustMoveOut: number; relocatedAway: number };
  overdue: { appraisals: number; works: number; tasks: number; complaints: number };
  warnings: { alertId: number; type: AlertType; level: AlertLevel; title: string; exposed: number; dispatched: number; patrolled: number }[];
  patrol: { last24h: { due: number; done: number }; last7d: { due: number; done: number } };
  children: {
    code: string;
    name: string;
    households: number;
    byGrade: ByGrade;
    inLedger: number;
    overdueWorks: number;
    mustMoveOut: number;
    patrolled7d: number;
    suspected: number;
  }[];
  trends: {
    weeks: string[];
    patrolled: number[];
    due: number[];
    toDangerous: number[];
    toSafe: number[];
    overdueByChild: { code: string; name: string; values: number[] }[];
  };
  changes: { since: string; newSuspected: number; closedOut: number; newOverdue: number };
  dueThisWeek: DueItem[];
}

export interface MonthlyRow {
  households: number;
  byGrade: ByGrade;
  byState: Record<LedgerState, number>;
  worksStarted: number;
  worksCompleted: number;
  accepted: number;
  closedOut: number;
  relocated: number;
  complaintsReceived: number;
  complaintsAnswered: number;
}
export interface MonthlyReport {
  region: RegionRef;
  month: string;
  issuedOn: string;
  byChild: (MonthlyRow & { code: string; name: string })[];
  totals: MonthlyRow;
}

export interface QuarterlyRow {
  alerts: number;
  exposed: number;
  patrolled: number;
  foundDangerous: number;
  movedOut: number;
}
export interface QuarterlyReport {
  region: RegionRef;
  quarter: string;
  issuedOn: string;
  alerts: { type: AlertType; level: AlertLevel; count: number }[];
  byChild: (QuarterlyRow & { code: string; name: string })[];
  totals: QuarterlyRow;
}

/** GET a JSON answer, or an ApiError with the server's code (as `unwrap` does for the typed client). */
async function getJson<T>(path: string, query: Record<string, string | undefined>, signal: AbortSignal): Promise<T> {
  const qs = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => e[1] !== undefined));
  const res = await fetch(`${path}?${qs}`, { signal, credentials: 'same-origin' });
  if (res.ok) return (await res.json()) as T;
  const body = (await res.json().catch(() => ({}))) as { error?: { code?: string; message?: string; field?: string } };
  throw new ApiError(res.status, body.error?.code ?? 'http_error', body.error?.message ?? `${res.status} ${res.statusText}`, body.error?.field);
}

type Signal = { signal: AbortSignal };

export const reportQueries = {
  all: ['reports'] as const,
  dashboard: (q: { region: string; since?: string }) =>
    queryOptions({
      queryKey: ['reports', 'dashboard', q] as const,
      queryFn: ({ signal }: Signal) => getJson<Dashboard>('/api/dashboard', q, signal),
      staleTime: 60_000,
    }),
  monthly: (q: { region: string; month: string }) =>
    queryOptions({
      queryKey: ['reports', 'monthly', q] as const,
      queryFn: ({ signal }: Signal) => getJson<MonthlyReport>('/api/reports/monthly', q, signal),
      staleTime: 60_000,
    }),
  quarterly: (q: { region: string; quarter: string }) =>
    queryOptions({
      queryKey: ['reports', 'quarterly', q] as const,
      queryFn: ({ signal }: Signal) => getJson<QuarterlyReport>('/api/reports/quarterly-warnings', q, signal),
      staleTime: 60_000,
    }),
};

/** A print page shows what it has or says why not at once: no retries behind the renderer's back. */
const once = { retry: false } as const;
export const useDashboard = (q: { region: string; since?: string }) => useQuery({ ...reportQueries.dashboard(q), ...once });
export const useMonthlyReport = (q: { region: string; month: string }) => useQuery({ ...reportQueries.monthly(q), ...once });
export const useQuarterlyReport = (q: { region: string; quarter: string }) => useQuery({ ...reportQueries.quarterly(q), ...once });
