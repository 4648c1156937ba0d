// The audit log (审计日志, GET /api/audit, county administrator only) and the one audited way to see a
// household's clear ID-card and phone numbers (POST /api/households/:id/unmask, county roles, a reason).
import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, unwrap } from './client.ts';

/** What the audit view filters on; every field is optional (empty = no filter). */
export interface AuditFilters {
  /** The acting user's username (exact). */
  username?: string;
  /** An action code (exact): login, unmask, user.update, alert.create … */
  action?: string;
  /** An entity type (exact): household, user, alert … */
  entity?: string;
  entityId?: string;
  /** Local calendar dates, `YYYY-MM-DD`, both inclusive. */
  fromDate?: string;
  toDate?: string;
}

export const AUDIT_PAGE_SIZE = 50;

/** Query keys of this file (local factory: the audit log is read by one screen only). */
export const auditKeys = {
  all: ['audit'] as const,
  list: (f: AuditFilters) => ['audit', 'list', f] as const,
  users: ['audit', 'users'] as const,
};

type AuditQuery = NonNullable<Parameters<typeof api.api.audit.$get>[0]>['query'];

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A local calendar day's start or end as the UTC ISO timestamp the log stores (`at`). */
function dayBound(date: string, end: boolean): string | undefined {
  if (!DATE.test(date)) return undefined;
  const d = new Date(`${date}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The filters as /api/audit query parameters. */
export function auditQuery(f: AuditFilters, offset: number, limit = AUDIT_PAGE_SIZE): AuditQuery {
  const q: Record<string, string> = { limit: String(limit), offset: String(offset) };
  if (f.username?.trim()) q.username = f.username.trim();
  if (f.action) q.action = f.action;
  if (f.entity) q.entity = f.entity;
  if (f.entityId?.trim()) q.entityId = f.entityId.trim();
  const from = f.fromDate ? dayBound(f.fromDate, false) : undefined;
  const to = f.toDate ? dayBound(f.toDate, true) : undefined;
  if (from) q.from = from;
  if (to) q.to = to;
  return q as AuditQuery;
}

async function fetchAudit(f: AuditFilters, offset: number, signal: AbortSignal) {
  return unwrap(await api.api.audit.$get({ query: auditQuery(f, offset) }, { init: { signal } }));
}

export type AuditPage = Awaited<ReturnType<typeof fetchAudit>>;
export type AuditEntry = AuditPage['entries'][number];

/**
 * The audit log, newest first, a page of AUDIT_PAGE_SIZE at a time: `data.pages` in order,
 * `fetchNextPage()` loads more while `hasNextPage`.
 */
export function useAuditLog(filters: AuditFilters) {
  return useInfiniteQuery({
    queryKey: auditKeys.list(filters),
    queryFn: ({ pageParam, signal }) => fetchAudit(filters, pageParam, signal),
    initialPageParam: 0,
    getNextPageParam: (last, pages) => {
      const loaded = pages.reduce((n, p) => n + p.entries.length, 0);
      return last.entries.length > 0 && loaded < last.total ? loaded : undefined;
    },
    staleTime: 15_000,
  });
}

async function fetchUsers(signal: AbortSignal) {
  return (await unwrap(await api.api.users.$get(undefined, { init: { signal } }))).users;
}

export type AuditUser = Awaited<ReturnType<typeof fetchUsers>>[number];

/** Every account (GET /api/users, the same administrator-only rule as the log): names and roles of the actors. */
export function useAuditUsers(enabled = true) {
  return useQuery({ queryKey: auditKeys.users, queryFn: ({ signal }) => fetchUsers(signal), enabled, staleTime: 5 * 60_000 });
}

export interface UnmaskResult {
  id: number;
  idCard: string;
  phone: string | null;
}

/**
 * Asks for a household's clear ID-card and phone numbers, giving a reason (the server writes it to
 * the audit log). The answer is personal data: it is kept by the calling component only — the
 * mutation is dropped from the cache as soon as nothing observes it (gcTime 0), and no query holds it.
 */
export function useUnmask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { id: number; reason: string }): Promise<UnmaskResult> =>
      unwrap(await api.api.households[':id'].unmask.$post({ param: { id: String(v.id) }, json: { reason: v.reason.trim() } })),
    gcTime: 0,
    // The view was recorded: an open audit log shows it on its next look.
    onSuccess: () => void qc.invalidateQueries({ queryKey: auditKeys.all }),
  });
}
