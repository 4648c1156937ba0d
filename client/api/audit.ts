// The audit log (审计日志, GET /api/audit, county administrator only).
import { useInfiniteQuery } from '@tanstack/react-query';
import { queries } from './queries.ts';

export { AUDIT_PAGE_SIZE } from './queries.ts';

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

/**
 * The audit log, newest first, a page of AUDIT_PAGE_SIZE at a time: `data.pages` in order,
 * `fetchNextPage()` loads more while `hasNextPage`.
 */
export const useAuditLog = (filters: AuditFilters) => useInfiniteQuery(queries.audit.log(filters));

export type AuditPage = NonNullable<ReturnType<typeof useAuditLog>['data']>['pages'][number];
export type AuditEntry = AuditPage['entries'][number];
