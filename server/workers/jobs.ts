// The CPU-heavy work the server hands to its worker pool: functions of plain (cloneable) data — pure,
// or reading the database file read-only (exposure.ts). Worker threads run them through
// job-worker.cjs; a pool of 0 threads runs them here, inline.
import { planDispatch, replanTask, type DispatchPlanInput, type TaskStop } from '../domain/patrol-plan.ts';
import { planRoute, type Point, type RouteOptions } from '../domain/routing.ts';
import { exposureCountsJob, exposureJob, selectionJob } from './exposure.ts';
import { dashboardJob, monthlyJob, quarterlyJob, reportFileJob } from './figures.ts';
import { importCheckJob, importCommitJob } from './imports.ts';
import { inViewJob, tileJob } from './tiles.ts';

export const jobs = {
  /** POST /api/routes/solve */
  route: ({ points, options }: { points: Point[]; options: Omit<RouteOptions, 'now'> }) => planRoute(points, options),
  /** The routes of a dispatch (POST /api/alerts/:id/dispatch, /api/dispatch/manual). */
  dispatch: (input: DispatchPlanInput) => planDispatch(input),
  /** POST /api/tasks/:id/reorder */
  replan: ({ start, stops }: { start: Point; stops: TaskStop[] }) => replanTask(start, stops),
  /** GET /api/alerts/:id/exposure */
  exposure: exposureJob,
  /** GET /api/alerts: the active alerts' exposure counts. */
  exposureCounts: exposureCountsJob,
  /** The houses a dispatch rule selects in an alert's zone (POST /api/alerts/:id/dispatch, GET …/coverage). */
  selection: selectionJob,
  /** GET /api/dashboard */
  dashboard: dashboardJob,
  /** GET /api/reports/monthly */
  monthly: monthlyJob,
  /** GET /api/reports/quarterly-warnings */
  quarterly: quarterlyJob,
  /** GET /api/reports/{monthly,quarterly-warnings}.xlsx: the report's figures and its workbook. */
  reportFile: reportFileJob,
  /** POST /api/imports, PATCH /api/imports/:id: the dry run of an uploaded file. */
  importCheck: importCheckJob,
  /** POST /api/imports/:id/commit: the fresh check and the write, on the thread's own connection. */
  importCommit: importCommitJob,
  /** GET /api/tiles/households/:z/:x/:y (pool.ts runShort) */
  tile: tileJob,
  /** GET /api/households/counts (pool.ts runShort) */
  inView: inViewJob,
};

export type JobName = keyof typeof jobs;
export type JobInput<N extends JobName> = Parameters<(typeof jobs)[N]>[0];
export type JobOutput<N extends JobName> = ReturnType<(typeof jobs)[N]>;
export interface Job<N extends JobName = JobName> {
  name: N;
  input: JobInput<N>;
}

export function runJob<N extends JobName>({ name, input }: Job<N>): JobOutput<N> {
  return (jobs[name] as (input: JobInput<N>) => JobOutput<N>)(input);
}
