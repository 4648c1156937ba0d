// Row-level rules for alerts (issue 9). An alert belongs to a region: the region of the account that
// created or imported it (alerts.owner_region; alerts stored before the rule belong to the county).
//
//  - See: alerts of one's own region or below, and of the regions above it (a county warning covers
//    every township). Any other alert does not exist for the caller: 404, as households outside their
//    jurisdiction (db/alerts.ts visibleSql).
//  - Change (PATCH: edit, extend, cancel; CAP Update and Cancel): alerts of one's own region or below.
//    A county alert seen from a township is read-only there: 403 not_your_alert. County roles change all.
//  - Issue (draw, GeoJSON, CAP Alert and Update): below the county, only inside one's own region — the
//    zone is clipped to the region's boundary, and refused when less than half of it lies inside
//    (domain/alert-jurisdiction.ts).
//  - A CAP Update or Cancel applies only when its <sender> is the sender of the message it references
//    (db/alert-import.ts), and the caller may change that alert.
// ROUTE_RULES decides the role (only editors reach these); these rules decide the row. Every alert the
// API sends carries `mayEdit` (role and row rule together), so the client offers only what will pass,
// and `inJurisdiction`: whether its zone reaches the caller's region at all (a county warning over
// another township is listed apart, not as "0 exposed").
import type { Alert } from '../db/alerts.ts';
import { regionBoundary } from '../db/alerts.ts';
import type { Db } from '../db/connection.ts';
import type { RegionRef } from '../db/household-filter.ts';
import { isWithin } from '../db/regions.ts';
import { clipZone, MIN_INSIDE_SHARE, zoneReaches } from '../domain/alert-jurisdiction.ts';
import type { ZoneGeometry } from '../domain/alerts.ts';
import type { Role } from '../domain/roles.ts';
import { HttpError } from '../http/errors.ts';
import { ruleFor } from './rules.ts';

/** The row rule of a change: the alert belongs to the caller's region or one below it. */
const ownsAlert = (db: Db, alert: Pick<Alert, 'ownerRegion'>, scope: RegionRef): boolean =>
  scope.level === 'county' || isWithin(db, alert.ownerRegion, scope.code);

/** 403 unless the alert belongs to the caller's region or one below it. */
export function assertMayChangeAlert(db: Db, alert: Pick<Alert, 'id' | 'ownerRegion'>, scope: RegionRef, field = 'id'): void {
  if (ownsAlert(db, alert, scope)) return;
  throw new HttpError(403, 'not_your_alert', `alert ${alert.id} belongs to region ${alert.ownerRegion}: only that region or the county may change it`, field);
}

/** The zone as the caller may issue it: whole for the county, else clipped to the caller's region. */
export function zoneInJurisdiction(db: Db, scope: RegionRef, zone: ZoneGeometry, field: string): ZoneGeometry {
  if (scope.level === 'county') return zone;
  const boundary = regionBoundary(db, scope.code);
  if (!boundary) throw new HttpError(409, 'no_boundary', `region ${scope.code} has no surveyed boundary to place a warning in; ask the county`, field);
  const clip = clipZone(zone, boundary);
  if (!clip.ok) {
    const pct = (share: number) => `${Math.round(share * 1000) / 10}%`;
    throw new HttpError(
      400,
      'outside_jurisdiction',
      `only ${pct(clip.insideShare)} of the zone lies inside your jurisdiction (region ${scope.code}); at least ${pct(MIN_INSIDE_SHARE)} must`,
      field,
    );
  }
  return clip.geometry;
}

/** What the caller may do with, and make of, one alert: sent with every alert the API answers. */
export interface AlertAccess {
  /** PATCH (extend, change, cancel) would pass: the role edits alerts and the row rule allows it. */
  mayEdit: boolean;
  /** The zone reaches the caller's jurisdiction; false for a warning over other townships only. */
  inJurisdiction: boolean;
}

/**
 * The access of one caller to alerts, for many alerts in one answer: the role's rule and the region's
 * boundary are read once. A region without a surveyed boundary counts every zone as reaching it.
 */
export function alertAccess(db: Db, caller: { role: Role; scope: RegionRef }): (alert: Alert) => AlertAccess {
  const rule = ruleFor('PATCH', '/api/alerts/:id');
  const roleEdits = rule !== undefined && rule !== 'public' && rule.includes(caller.role);
  const boundary = caller.scope.level === 'county' ? null : regionBoundary(db, caller.scope.code);
  return (alert) => ({
    mayEdit: roleEdits && ownsAlert(db, alert, caller.scope),
    inJurisdiction: boundary === null || zoneReaches(alert.geometry, boundary),
  });
}
