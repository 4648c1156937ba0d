// What can be exported: each list its screen shows, with the same filters its API takes and its rows
// from the same function that API calls — so a file holds exactly the rows the screen lists (all of
// them, not a page). Rows that a query yields are read from the export's own snapshot connection
// (db/export-snapshot.ts); lists computed whole (exposure on the worker pool, tasks, coverage) are
// arrays already.
import type { Context } from 'hono';
import { z } from 'zod';
import { exposureOffLoop } from '../workers/exposure.ts';
import { coverageRows } from '../db/alert-coverage.ts';
import { visibleAlert } from '../db/alerts.ts';
import { auditRows, countAudit } from '../db/audit.ts';
import { complaintRows, listComplaints } from '../db/complaints.ts';
import type { Db } from '../db/connection.ts';
import { countHouseholds, householdPointRows } from '../db/households.ts';
import { countLedger, ledgerRows } from '../db/ledger-list.ts';
import { listTasks } from '../db/patrol-tasks.ts';
import { chinaDay } from '../domain/deadlines.ts';
import { ADMIN, type Role } from '../domain/roles.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { alertCoverage } from '../routes/alert-dispatch.ts';
import { auditQuery } from '../routes/audit.ts';
import { complaintListQuery, toComplaintFilter } from '../routes/complaints.ts';
import { householdQuery, toHouseholdFilter } from '../routes/households.ts';
import { ledgerQuery, toLedgerFilter } from '../routes/ledger.ts';
import { taskQuery, toTaskQuery } from '../routes/tasks.ts';
import {
  AUDIT_COLUMNS,
  COMPLAINT_COLUMNS,
  COVERAGE_COLUMNS,
  EXPOSED_COLUMNS,
  FLAGGED_COLUMNS,
  LEDGER_COLUMNS,
  TASK_COLUMNS,
  type Column,
} from './columns.ts';
import type { Label } from './labels.ts';

export const EXPORT_LISTS = ['exposed', 'tasks', 'coverage', 'ledger', 'suspected', 'move-out', 'audit', 'complaints'] as const;
export type ExportListName = (typeof EXPORT_LISTS)[number];

/** Whose personal data a row carries: a household's (head, ID card, phone), a complainant's, or none. */
export type PersonalKind = 'household' | 'complaint' | null;

export interface OpenedList<R> {
  count: number;
  rows: Iterable<R>;
}

export interface ExportList<R> {
  /** The list's name in files and sheets: 安居_台账_2026-11-30.csv. */
  title: Label;
  /** The list API's own filters (without its paging). */
  query: z.ZodObject;
  columns: Column<R>[];
  /** Houses as points: GeoJSON may be asked for. */
  geometry: boolean;
  personal: PersonalKind;
  /** The row's id: the household for household lists (personal data and point are looked up by it). */
  id(row: R): number;
  /** Roles that may export it beyond the route's rule (the audit log: the county admin, like its screen). */
  roles?: readonly Role[];
  /** Checks the filters against the jurisdiction (404 naming the field), then reads. */
  open(c: Context<Env>, q: any, reader: Db): Promise<OpenedList<R>>;
}

const alertId = z.string().regex(/^[1-9]\d{0,15}$/, 'must be an alert id').transform(Number);
const today = (c: Context<Env>) => chinaDay(new Date(c.var.now()));
/** /api/households' own bound (routes/households.ts MAX_LIMIT). */
const HOUSEHOLD_LIMIT = 1_000_000;

/** The alert the caller sees, or 404 naming `alert` (as its screen's routes answer for `id`). */
function seenAlert(c: Context<Env>, id: number) {
  const alert = visibleAlert(c.var.db, id, c.var.scope, new Date(c.var.now()));
  if (!alert) throw new HttpError(404, 'alert_not_found', `no alert ${id}`, 'alert');
  return alert;
}

const list = <R>(l: ExportList<R>): ExportList<R> => l;

const flaggedQuery = householdQuery.omit({ status: true, moveOut: true, limit: true });

/** The flagged lists of the dispatch board read GET /api/households?status=suspected and ?moveOut=true. */
function flagged(which: 'suspected' | 'move-out', title: Label) {
  return list({
    title,
    query: flaggedQuery,
    columns: FLAGGED_COLUMNS,
    geometry: true,
    personal: 'household',
    id: (r) => r.id,
    open: async (c, q: z.infer<typeof flaggedQuery>, reader) => {
      const day = today(c);
      const filter = toHouseholdFilter(c.var.db, c.var.scope, { ...q, ...(which === 'suspected' ? { status: ['suspected'] } : { moveOut: true }) }, day);
      return { count: Math.min(countHouseholds(reader, filter), HOUSEHOLD_LIMIT), rows: householdPointRows(reader, filter, HOUSEHOLD_LIMIT, day) };
    },
  });
}

const exposedQuery = z.object({ alert: alertId }).strict();
const tasksQuery = taskQuery.omit({ alertId: true }).extend({ alert: alertId.optional() }).strict();
const ledgerExportQuery = ledgerQuery.omit({ page: true, pageSize: true });
const auditExportQuery = auditQuery.omit({ limit: true, offset: true });
const complaintsExportQuery = complaintListQuery.omit({ page: true, pageSize: true });

export const LISTS: Record<ExportListName, ExportList<any>> = {
  // GET /api/alerts/:id/exposure: the same exposureOf, on the worker pool for a file database.
  exposed: list({
    title: { 'zh-CN': '预警影响农户', en: 'exposed' },
    query: exposedQuery,
    columns: EXPOSED_COLUMNS,
    geometry: true,
    personal: 'household',
    id: (r) => r.id,
    open: async (c, q: z.infer<typeof exposedQuery>) => {
      const { db, pool, scope, user } = c.var;
      const exposure = await exposureOffLoop(db, pool, seenAlert(c, q.alert), scope, HOUSEHOLD_LIMIT, { user: user.id, signal: c.req.raw.signal });
      const rows = exposure.households.map((h, i) => ({ ...h, rank: i + 1 }));
      return { count: rows.length, rows };
    },
  }),
  // GET /api/tasks, with `alert` for its `alertId`.
  tasks: list({
    title: { 'zh-CN': '巡查任务', en: 'tasks' },
    query: tasksQuery,
    columns: TASK_COLUMNS,
    geometry: false,
    personal: null,
    id: (r) => r.id,
    open: async (c, { alert, ...q }: z.infer<typeof tasksQuery>) => {
      const rows = listTasks(c.var.db, c.var.scope, toTaskQuery(c, { ...q, ...(alert ? { alertId: alert } : {}) }), new Date(c.var.now()));
      return { count: rows.length, rows };
    },
  }),
  // The houses GET /api/alerts/:id/coverage counts (the same selection), each with its stop.
  coverage: list({
    title: { 'zh-CN': '巡查覆盖', en: 'coverage' },
    query: exposedQuery,
    columns: COVERAGE_COLUMNS,
    geometry: true,
    personal: 'household',
    id: (r) => r.householdId,
    open: async (c, q: z.infer<typeof exposedQuery>) => {
      seenAlert(c, q.alert);
      const { sites } = await alertCoverage(c, q.alert);
      const rows = coverageRows(c.var.db, q.alert, sites);
      return { count: rows.length, rows };
    },
  }),
  // GET /api/ledger, every page.
  ledger: list({
    title: { 'zh-CN': '台账', en: 'ledger' },
    query: ledgerExportQuery,
    columns: LEDGER_COLUMNS,
    geometry: true,
    personal: 'household',
    id: (r) => r.householdId,
    open: async (c, q: z.infer<typeof ledgerExportQuery>, reader) => {
      const filter = toLedgerFilter(c.var.db, c.var.scope, q, today(c));
      return { count: countLedger(reader, filter), rows: ledgerRows(reader, filter) };
    },
  }),
  suspected: flagged('suspected', { 'zh-CN': '疑似危房', en: 'suspected' }),
  'move-out': flagged('move-out', { 'zh-CN': '需立即转移', en: 'move-out' }),
  // GET /api/audit, every page; the county admin's, like the audit screen.
  audit: list({
    title: { 'zh-CN': '审计日志', en: 'audit-log' },
    query: auditExportQuery,
    columns: AUDIT_COLUMNS,
    geometry: false,
    personal: null,
    roles: ADMIN,
    id: (r) => r.id,
    open: async (_c, q: z.infer<typeof auditExportQuery>, reader) => ({ count: countAudit(reader, q), rows: auditRows(reader, q) }),
  }),
  // GET /api/complaints, every page; the complainant's contact masked like the detail's.
  complaints: list({
    title: { 'zh-CN': '举报投诉', en: 'complaints' },
    query: complaintsExportQuery,
    columns: COMPLAINT_COLUMNS,
    geometry: false,
    personal: 'complaint',
    id: (r) => r.id,
    open: async (c, q: z.infer<typeof complaintsExportQuery>, reader) => {
      const day = today(c);
      const filter = toComplaintFilter(c, q);
      return { count: listComplaints(reader, c.var.scope, filter, day, { offset: 0, limit: 0 }).total, rows: complaintRows(reader, c.var.scope, filter, day) };
    },
  }),
};
