// The dashboard of one region (GET /api/dashboard; the briefing and the print pages read it): the
// region's figures, its warnings in force with their reach, its child regions, weekly trends, what
// changed since a day and what falls due this week — all from db/figures.ts. Reads only: it runs on a
// worker thread's read-only connection (workers/figures.ts), the event loop never counts.
import { exposureByRegion } from './alert-exposure.ts';
import type { Db } from './connection.ts';
import {
  activeAlerts,
  changesSince,
  childFigures,
  dueThisWeek,
  regionFigures,
  warningFigures,
  weeklyTrends,
  type ChildFigures,
  type Changes,
  type DueItem,
  type RegionFigures,
  type Trends,
  type WarningFigures,
} from './figures.ts';
import type { ReportRegion } from './figures-periods.ts';

export interface DashboardOptions {
  today: string;
  /** The instant of the request, UTC ISO. */
  now: string;
  /** The range (China days, inclusive), already clipped to today: the trend's weeks cover it. */
  from: string;
  to: string;
  weeks: number;
  since: string;
}

export interface Dashboard extends RegionFigures {
  region: ReportRegion;
  today: string;
  range: { from: string; to: string };
  warnings: WarningFigures[];
  children: ChildFigures[];
  trends: Trends;
  changes: Changes;
  dueThisWeek: DueItem[];
}

export function dashboardFigures(db: Db, region: ReportRegion, o: DashboardOptions): Dashboard {
  const scope = { code: region.code, level: region.level };
  const now = new Date(o.now);
  const opts = { today: o.today, now, from: o.from, to: o.to };
  const alerts = activeAlerts(db, scope, now);
  return {
    region,
    today: o.today,
    range: { from: o.from, to: o.to },
    ...regionFigures(db, scope, opts),
    warnings: warningFigures(db, scope, alerts, exposureByRegion(db, alerts, scope, null)),
    children: childFigures(db, scope, opts),
    trends: weeklyTrends(db, scope, { today: o.today, weeks: o.weeks, from: o.from, to: o.to }),
    changes: changesSince(db, scope, o.since, o.today),
    dueThisWeek: dueThisWeek(db, scope, o.today, now),
  };
}
