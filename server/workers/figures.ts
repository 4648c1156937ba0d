// The figures off the event loop. A county's dashboard reads every household, the ledger, the stops and
// the exposure of every warning in force: ~200 ms of SQL and geometry at 20,000 households (bench/figures.ts),
// ten times that at 200,000, and the monthly report as much. They only read, so a worker thread computes
// them on its read-only connection (exposure.ts `reader`), as it does one zone's exposure, and the same
// functions run inline when no worker can read the file (`:memory:`, or a pool of 0 threads).
//
// An XLSX is encoded in the same job: exceljs takes ~300 ms to load, and a county's monthly file 120 ms to
// encode the first time and 15–40 ms after (bench/figures.ts) — past the ~50 ms a request may hold the loop.
import type { Db } from '../db/connection.ts';
import { dashboardFigures, type Dashboard, type DashboardOptions } from '../db/figures-dashboard.ts';
import { monthlyReport, quarterlyWarnings, type MonthlyReport, type QuarterlyReport, type ReportRegion } from '../db/figures-periods.ts';
import type { Period } from '../domain/periods.ts';
import { reader, shareable } from './exposure.ts';
import type { RunContext, WorkerPool } from './pool.ts';

export interface DashboardJob {
  region: ReportRegion;
  opts: DashboardOptions;
}

export interface MonthlyJob {
  kind: 'monthly';
  region: ReportRegion;
  month: string;
  period: Period;
  today: string;
}

export interface QuarterlyJob {
  kind: 'quarterly';
  region: ReportRegion;
  quarter: string;
  period: Period;
  today: string;
  /** UTC ISO: which warnings are in force is decided at this instant. */
  now: string;
}

export type ReportJob = MonthlyJob | QuarterlyJob;

/** A report's file: its figures (the JSON report, unchanged) and the workbook's bytes. */
export interface ReportFile {
  bytes: Uint8Array;
}

type OnFile<J> = J & { dbPath: string };

const report = (db: Db, job: ReportJob): MonthlyReport | QuarterlyReport =>
  job.kind === 'monthly'
    ? monthlyReport(db, job.region, job.month, job.period, job.today)
    : quarterlyWarnings(db, job.region, job.quarter, job.period, job.today, new Date(job.now));

async function encode(job: ReportJob, figures: MonthlyReport | QuarterlyReport): Promise<ReportFile> {
  // Loaded on the first file only: most threads solve routes and read zones, and never need exceljs.
  if (job.kind === 'monthly') {
    const { monthlyXlsx } = await import('../reports/monthly-xlsx.ts');
    return { bytes: await monthlyXlsx(figures as MonthlyReport) };
  }
  const { quarterlyXlsx } = await import('../reports/quarterly-xlsx.ts');
  return { bytes: await quarterlyXlsx(figures as QuarterlyReport) };
}

// ---- the jobs (workers/jobs.ts), on a worker thread ----

export const dashboardJob = ({ dbPath, region, opts }: OnFile<DashboardJob>): Dashboard => dashboardFigures(reader(dbPath), region, opts);
export const monthlyJob = ({ dbPath, ...job }: OnFile<MonthlyJob>): MonthlyReport => report(reader(dbPath), job) as MonthlyReport;
export const quarterlyJob = ({ dbPath, ...job }: OnFile<QuarterlyJob>): QuarterlyReport => report(reader(dbPath), job) as QuarterlyReport;
export const reportFileJob = ({ dbPath, ...job }: OnFile<ReportJob>): Promise<ReportFile> => encode(job, report(reader(dbPath), job));

// ---- on the main thread ----

export async function dashboardOffLoop(db: Db, pool: WorkerPool, job: DashboardJob, ctx: RunContext): Promise<Dashboard> {
  if (!shareable(db, pool)) return dashboardFigures(db, job.region, job.opts);
  return pool.run('dashboard', { dbPath: db.name, ...job }, ctx);
}

export async function monthlyOffLoop(db: Db, pool: WorkerPool, job: MonthlyJob, ctx: RunContext): Promise<MonthlyReport> {
  if (!shareable(db, pool)) return report(db, job) as MonthlyReport;
  return pool.run('monthly', { dbPath: db.name, ...job }, ctx);
}

export async function quarterlyOffLoop(db: Db, pool: WorkerPool, job: QuarterlyJob, ctx: RunContext): Promise<QuarterlyReport> {
  if (!shareable(db, pool)) return report(db, job) as QuarterlyReport;
  return pool.run('quarterly', { dbPath: db.name, ...job }, ctx);
}

export async function reportFileOffLoop(db: Db, pool: WorkerPool, job: ReportJob, ctx: RunContext): Promise<ReportFile> {
  if (!shareable(db, pool)) return encode(job, report(db, job));
  return pool.run('reportFile', { dbPath: db.name, ...job }, ctx);
}
