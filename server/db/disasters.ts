// Disaster events and the damage reported after them (seed 002). Reports are append-only: a later visit
// adds a report, the latest per house counts, and a house counts as late when even its first report
// came after the third day. Everything a caller reads is limited to houses of their jurisdiction.
import type { DamageDegree, DisasterType } from '../domain/disasters.ts';
import { DAMAGE_DEGREES, isLateReport, isRecentEvent } from '../domain/disasters.ts';
import { damageReportDueOn } from '../domain/deadlines.ts';
import type { LedgerState } from '../domain/ledger-states.ts';
import { writeAudit } from './audit.ts';
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';
import type { User } from './users.ts';

/** Events a caller sees: the county's, and their own township's. */
function visibleEvents(scope: RegionRef): string {
  if (scope.level === 'county') return '1 = 1';
  if (scope.level === 'township') return '(e.township_code IS NULL OR e.township_code = @scope)';
  // A village's events are its township's (no role is bound to a group).
  return '(e.township_code IS NULL OR e.township_code = (SELECT parent_code FROM regions WHERE code = @scope))';
}

/** Households of the caller's jurisdiction (h). */
function householdScope(scope: RegionRef): string {
  return { county: '1 = 1', township: 'h.township_code = @scope', village: 'h.village_code = @scope', group: 'h.group_code = @scope' }[scope.level];
}

export interface DamageCounts {
  /** Houses with at least one report. */
  reported: number;
  /** Houses whose first report came after the due day. */
  late: number;
  /** Houses by the degree of their latest report. */
  byDegree: Record<DamageDegree, number>;
  /** Houses whose latest report says not fit to live in. */
  uninhabitable: number;
}

export interface DisasterEvent {
  id: number;
  name: string;
  type: DisasterType;
  occurredOn: string;
  /** seed 002: reports due by this day. */
  dueOn: string;
  /** Still offered for reports in the field view (domain/disasters.ts RECENT_EVENT_DAYS). */
  recent: boolean;
  alertId: number | null;
  townshipCode: string | null;
  townshipName: string | null;
  createdBy: string;
  createdAt: string;
  counts: DamageCounts;
}

/**
 * Each house's latest report per event, with `first_late` (its first report was late) and `n` (how
 * many reports it has), for houses in the caller's jurisdiction.
 */
const LATEST = (scope: RegionRef) => `
  SELECT * FROM (
    SELECT d.*, h.household_no, h.head_name, h.village_code,
           row_number() OVER (PARTITION BY d.event_id, d.house_id ORDER BY d.reported_on DESC, d.id DESC) AS rn,
           min(d.late) OVER (PARTITION BY d.event_id, d.house_id) AS first_late,
           min(d.reported_on) OVER (PARTITION BY d.event_id, d.house_id) AS first_on,
           count(*) OVER (PARTITION BY d.event_id, d.house_id) AS n
      FROM damage_reports d JOIN households h ON h.id = d.household_id
     WHERE d.event_id IN (SELECT value FROM json_each(@events)) AND ${householdScope(scope)})
  WHERE rn = 1`;

function countsOf(db: Db, eventIds: readonly number[], scope: RegionRef): Map<number, DamageCounts> {
  const rows = prepared(
    db,
    `SELECT event_id, count(*) AS reported, sum(first_late) AS late, sum(habitable = 0) AS uninhabitable,
            ${DAMAGE_DEGREES.map((d) => `sum(degree = '${d}') AS ${d}`).join(', ')}
       FROM (${LATEST(scope)}) GROUP BY event_id`,
  ).all({ events: JSON.stringify(eventIds), scope: scope.code }) as Record<string, number>[];
  const out = new Map<number, DamageCounts>();
  for (const r of rows) {
    out.set(r.event_id!, {
      reported: r.reported!,
      late: r.late ?? 0,
      uninhabitable: r.uninhabitable ?? 0,
      byDegree: Object.fromEntries(DAMAGE_DEGREES.map((d) => [d, r[d] ?? 0])) as Record<DamageDegree, number>,
    });
  }
  return out;
}

const NO_COUNTS = (): DamageCounts => ({ reported: 0, late: 0, uninhabitable: 0, byDegree: Object.fromEntries(DAMAGE_DEGREES.map((d) => [d, 0])) as Record<DamageDegree, number> });

const EVENT_SELECT = `
  SELECT e.*, t.name AS township_name, u.display_name AS creator
    FROM disaster_events e LEFT JOIN regions t ON t.code = e.township_code JOIN users u ON u.id = e.created_by`;

function toEvents(db: Db, rows: Record<string, any>[], scope: RegionRef, today: string): DisasterEvent[] {
  const counts = countsOf(db, rows.map((r) => r.id), scope);
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    type: r.type,
    occurredOn: r.occurred_on,
    dueOn: damageReportDueOn(r.occurred_on),
    recent: isRecentEvent(r.occurred_on, today),
    alertId: r.alert_id,
    townshipCode: r.township_code,
    townshipName: r.township_name,
    createdBy: r.creator,
    createdAt: r.created_at,
    counts: counts.get(r.id) ?? NO_COUNTS(),
  }));
}

/** The events the caller sees, newest first; with `since`, only those that happened on or after it. */
export function listEvents(db: Db, scope: RegionRef, today: string, since?: string): DisasterEvent[] {
  const rows = prepared(
    db,
    `${EVENT_SELECT} WHERE ${visibleEvents(scope)} AND e.occurred_on >= @since ORDER BY e.occurred_on DESC, e.id DESC LIMIT 200`,
  ).all({ scope: scope.code, since: since ?? '0000-00-00' }) as Record<string, any>[];
  return toEvents(db, rows, scope, today);
}

export function getEvent(db: Db, id: number, scope: RegionRef, today: string): DisasterEvent | null {
  const row = prepared(db, `${EVENT_SELECT} WHERE e.id = @id AND ${visibleEvents(scope)}`).get({ id, scope: scope.code }) as Record<string, any> | undefined;
  return row ? toEvents(db, [row], scope, today)[0]! : null;
}

export interface DamageReport {
  id: number;
  houseId: number;
  householdId: number;
  householdNo: string;
  headName: string;
  villageCode: string;
  villageName: string;
  degree: DamageDegree;
  habitable: boolean | null;
  notes: string | null;
  reportedOn: string;
  reportedAt: string;
  reportedBy: string;
  /** The house's first report came after the due day. */
  late: boolean;
  firstReportedOn: string;
  /** Reports of this house for the event (the latest is shown). */
  reports: number;
  photos: string[];
}

/** Each damaged house of the event in the caller's jurisdiction, by its latest report; late ones first, then by village. */
export function listReports(db: Db, eventId: number, scope: RegionRef, houseId?: number): DamageReport[] {
  const rows = prepared(
    db,
    `SELECT r.*, v.name AS village_name, u.display_name AS reporter,
            (SELECT group_concat(p.sha256) FROM damage_report_photos p WHERE p.report_id = r.id) AS photo_list
       FROM (${LATEST(scope)}) r JOIN regions v ON v.code = r.village_code JOIN users u ON u.id = r.reported_by
      WHERE @house IS NULL OR r.house_id = @house
      ORDER BY r.first_late DESC, r.village_code, r.household_no`,
  ).all({ events: JSON.stringify([eventId]), scope: scope.code, house: houseId ?? null }) as Record<string, any>[];
  return rows.map((r) => ({
    id: r.id,
    houseId: r.house_id,
    householdId: r.household_id,
    householdNo: r.household_no,
    headName: r.head_name,
    villageCode: r.village_code,
    villageName: r.village_name,
    degree: r.degree,
    habitable: r.habitable === null ? null : r.habitable === 1,
    notes: r.notes,
    reportedOn: r.reported_on,
    reportedAt: r.reported_at,
    reportedBy: r.reporter,
    late: r.first_late === 1,
    firstReportedOn: r.first_on,
    reports: r.n,
    photos: r.photo_list ? String(r.photo_list).split(',') : [],
  }));
}

export interface NewEvent {
  name: string;
  type: DisasterType;
  occurredOn: string;
  alertId: number | null;
  townshipCode: string | null;
}

export function createEvent(db: Db, e: NewEvent, actor: User, now: Date): number {
  return db.transaction(() => {
    const id = Number(
      prepared(
        db,
        `INSERT INTO disaster_events (name, type, occurred_on, alert_id, township_code, created_by, created_at)
         VALUES (@name, @type, @occurredOn, @alertId, @townshipCode, @by, @at)`,
      ).run({ ...e, by: actor.id, at: now.toISOString() }).lastInsertRowid,
    );
    writeAudit(db, { userId: actor.id, username: actor.username, action: 'disaster.create', entity: 'disaster_event', entityId: id, after: e }, now);
    return id;
  })();
}

/** The current house `houseId` if it is in the caller's jurisdiction, with its household and township. */
export function houseInScope(db: Db, houseId: number, scope: RegionRef): { householdId: number; villageCode: string; townshipCode: string } | null {
  const r = prepared(
    db,
    `SELECT h.id AS householdId, h.village_code AS villageCode, h.township_code AS townshipCode
       FROM houses o JOIN households h ON h.id = o.household_id
      WHERE o.id = @houseId AND o.is_current = 1 AND ${householdScope(scope)}`,
  ).get({ houseId, scope: scope.code }) as { householdId: number; villageCode: string; townshipCode: string } | undefined;
  return r ?? null;
}

/** The ledger state of a house, as a report's answer tells it. */
export function houseStatusOf(db: Db, houseId: number): LedgerState {
  return (prepared(db, 'SELECT status FROM houses WHERE id = ?').get(houseId) as { status: LedgerState }).status;
}

export interface NewReport {
  eventId: number;
  occurredOn: string;
  houseId: number;
  householdId: number;
  degree: DamageDegree;
  habitable: boolean | null;
  notes: string | null;
  reportedOn: string;
  photos: string[];
}

/**
 * Appends a report, its photos and its audit row in one transaction; `also` runs inside it with the
 * report's id (the ledger move a serious report causes). The photos' ownership is checked by the caller first.
 */
export function addReport(db: Db, r: NewReport, actor: User, now: Date, also?: (reportId: number) => void): number {
  return db.transaction(() => {
    const late = isLateReport(r.occurredOn, r.reportedOn);
    const id = Number(
      prepared(
        db,
        `INSERT INTO damage_reports (event_id, house_id, household_id, degree, habitable, notes, reported_on, reported_at, reported_by, late)
         VALUES (@eventId, @houseId, @householdId, @degree, @habitable, @notes, @reportedOn, @at, @by, @late)`,
      ).run({
        eventId: r.eventId,
        houseId: r.houseId,
        householdId: r.householdId,
        degree: r.degree,
        habitable: r.habitable === null ? null : r.habitable ? 1 : 0,
        notes: r.notes,
        reportedOn: r.reportedOn,
        at: now.toISOString(),
        by: actor.id,
        late: late ? 1 : 0,
      }).lastInsertRowid,
    );
    const link = prepared(db, 'INSERT INTO damage_report_photos (report_id, sha256) VALUES (?, ?)');
    for (const sha of new Set(r.photos)) link.run(id, sha);
    writeAudit(
      db,
      {
        userId: actor.id,
        username: actor.username,
        action: 'disaster.report',
        entity: 'damage_report',
        entityId: id,
        after: { eventId: r.eventId, houseId: r.houseId, degree: r.degree, habitable: r.habitable, reportedOn: r.reportedOn, late, photos: r.photos },
      },
      now,
    );
    also?.(id);
    return id;
  })();
}
