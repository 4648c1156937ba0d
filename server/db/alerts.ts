import { bboxOf, zonePolygons } from '../domain/alert-geometry.ts';
import {
  alertStatus,
  type AlertDraft,
  type AlertInfoText,
  type AlertLevel,
  type AlertSource,
  type AlertStatus,
  type AlertType,
  type BBox,
  type CapRef,
  type ZoneGeometry,
} from '../domain/alerts.ts';
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

/** A stored alert: its draft, plus what storing and changing it adds (the status is computed on read). */
export interface Alert extends AlertDraft {
  id: number;
  status: AlertStatus;
  /** The region the alert belongs to: that of the account that created or imported it (auth/alert-rules.ts). */
  ownerRegion: string;
  cancelledAt: string | null;
  bbox: BBox;
  version: number;
  createdAt: string;
  updatedAt: string;
}

export interface AlertRow {
  id: number;
  type: AlertType;
  level: AlertLevel;
  event: string | null;
  issuer: string;
  headline: string;
  description: string;
  instruction: string | null;
  language: string | null;
  issued_at: string;
  effective_at: string;
  expires_at: string;
  no_expiry_given: 0 | 1;
  cancelled_at: string | null;
  geometry: string;
  source: AlertSource;
  cap_sender: string | null;
  cap_identifier: string | null;
  cap_sent: string | null;
  infos: string;
  region_codes: string;
  owner_region: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export function toAlert(r: AlertRow, now: Date): Alert {
  const geometry = JSON.parse(r.geometry) as ZoneGeometry;
  return {
    id: r.id,
    type: r.type,
    level: r.level,
    event: r.event,
    status: alertStatus({ expiresAt: r.expires_at, cancelledAt: r.cancelled_at }, now),
    ownerRegion: r.owner_region,
    issuer: r.issuer,
    headline: r.headline,
    description: r.description,
    instruction: r.instruction,
    language: r.language,
    issuedAt: r.issued_at,
    effectiveAt: r.effective_at,
    expiresAt: r.expires_at,
    noExpiryGiven: r.no_expiry_given === 1,
    cancelledAt: r.cancelled_at,
    geometry,
    bbox: bboxOf(zonePolygons(geometry)),
    source: r.source,
    cap: r.cap_identifier === null ? null : { sender: r.cap_sender!, identifier: r.cap_identifier, sent: r.cap_sent! },
    // Rows stored before areaDesc was kept have none: null, so every info has the same shape.
    infos: (JSON.parse(r.infos) as AlertInfoText[]).map((i) => ({ ...i, areaDesc: i.areaDesc ?? null })),
    regionCodes: JSON.parse(r.region_codes) as string[],
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
}

/** SQL for a status, against the same rule as domain/alerts.ts alertStatus. */
const STATUS_SQL: Record<AlertStatus | 'all', string> = {
  active: 'cancelled_at IS NULL AND expires_at > @now',
  expired: 'cancelled_at IS NULL AND expires_at <= @now',
  cancelled: 'cancelled_at IS NOT NULL',
  all: '1 = 1',
};

/**
 * The alerts a caller in `@scope` sees (auth/alert-rules.ts): those owned by their own region or one
 * below it, and by the regions above it — a county warning covers every township. `@everything` is set
 * for a county scope, which sees every alert, so its walk down the whole region tree is skipped.
 */
export const visibleSql = (owner = 'owner_region') => `(@everything OR ${owner} IN (
  WITH RECURSIVE up(code) AS (
    SELECT @scope UNION SELECT reg.parent_code FROM regions reg JOIN up ON reg.code = up.code WHERE reg.parent_code IS NOT NULL),
  down(code) AS (SELECT @scope UNION SELECT reg.code FROM regions reg JOIN down ON reg.parent_code = down.code)
  SELECT code FROM up UNION SELECT code FROM down))`;
export const scopeParams = (scope: RegionRef) => ({ scope: scope.code, everything: scope.level === 'county' ? 1 : 0 });
const VISIBLE = visibleSql();

/** Alerts that belong to `@region` or to a region below it. */
const OWNED_WITHIN = `owner_region IN (
  WITH RECURSIVE down(code) AS (SELECT @region UNION SELECT reg.code FROM regions reg JOIN down ON reg.parent_code = down.code)
  SELECT code FROM down)`;

export interface AlertListFilter {
  /** The caller's jurisdiction: only the alerts it sees. */
  scope: RegionRef;
  status: AlertStatus | 'all';
  types?: readonly AlertType[];
  /** Only alerts owned by this region or one below it. */
  region?: string;
  /** In force at some moment of [from, to): issued before `to`, not ended (expired or cancelled) by `from`. UTC ISO. */
  from?: string;
  to?: string;
  limit: number;
  offset: number;
}

/** One page of the alerts a caller sees: active first, then the most severe, then the newest; and how many match. */
export function listAlerts(db: Db, f: AlertListFilter, now: Date): { alerts: Alert[]; total: number } {
  const where = [STATUS_SQL[f.status], VISIBLE];
  const params: Record<string, unknown> = { now: now.toISOString(), ...scopeParams(f.scope) };
  if (f.types) {
    where.push('type IN (SELECT value FROM json_each(@types))');
    params.types = JSON.stringify(f.types);
  }
  if (f.region) {
    where.push(OWNED_WITHIN);
    params.region = f.region;
  }
  if (f.to) {
    where.push('issued_at < @to');
    params.to = f.to;
  }
  if (f.from) {
    where.push('min(coalesce(cancelled_at, expires_at), expires_at) > @from');
    params.from = f.from;
  }
  const clause = where.join(' AND ');
  const total = (prepared(db, `SELECT count(*) AS n FROM alerts WHERE ${clause}`).get(params) as { n: number }).n;
  const rows = prepared(
    db,
    `SELECT * FROM alerts WHERE ${clause}
      ORDER BY (cancelled_at IS NULL AND expires_at > @now) DESC,
               CASE level WHEN 'red' THEN 4 WHEN 'orange' THEN 3 WHEN 'yellow' THEN 2 ELSE 1 END DESC,
               issued_at DESC, id DESC
      LIMIT @limit OFFSET @offset`,
  ).all({ ...params, limit: f.limit, offset: f.offset }) as AlertRow[];
  return { alerts: rows.map((r) => toAlert(r, now)), total };
}

/** How many alerts the caller sees are active now (the season badge). */
export function countActiveAlerts(db: Db, scope: RegionRef, now: Date): number {
  return (
    prepared(db, `SELECT count(*) AS n FROM alerts WHERE ${STATUS_SQL.active} AND ${VISIBLE}`).get({ now: now.toISOString(), ...scopeParams(scope) }) as {
      n: number;
    }
  ).n;
}

/** Any alert by id, whoever owns it (for applying CAP messages; routes use visibleAlert). */
export function getAlert(db: Db, id: number, now: Date): Alert | null {
  const r = prepared(db, 'SELECT * FROM alerts WHERE id = ?').get(id) as AlertRow | undefined;
  return r ? toAlert(r, now) : null;
}

/** An alert the caller sees; null when it does not exist or lies outside the caller's jurisdiction. */
export function visibleAlert(db: Db, id: number, scope: RegionRef, now: Date): Alert | null {
  const r = prepared(db, `SELECT * FROM alerts WHERE id = @id AND ${VISIBLE}`).get({ id, ...scopeParams(scope) }) as AlertRow | undefined;
  return r ? toAlert(r, now) : null;
}

/** Active alerts the caller sees whose bbox holds the point (the alert R*Tree), for an exact test by the caller. */
export function activeAlertsAround(db: Db, lon: number, lat: number, scope: RegionRef, now: Date): Alert[] {
  const rows = prepared(
    db,
    `SELECT a.* FROM alert_rtree r JOIN alerts a ON a.id = r.id
      WHERE r.min_lon <= @lon AND r.max_lon >= @lon AND r.min_lat <= @lat AND r.max_lat >= @lat
        AND a.cancelled_at IS NULL AND a.expires_at > @now AND ${visibleSql('a.owner_region')}
      ORDER BY a.id`,
  ).all({ lon, lat, now: now.toISOString(), ...scopeParams(scope) }) as AlertRow[];
  return rows.map((r) => toAlert(r, now));
}

/** The alert a CAP message created or changed, by its sender and identifier. */
export function findAlertByCap(db: Db, ref: Pick<CapRef, 'sender' | 'identifier'>): number | null {
  const row = prepared(
    db,
    `SELECT id FROM alerts WHERE cap_sender = @sender AND cap_identifier = @identifier
     UNION ALL
     SELECT alert_id AS id FROM alert_updates WHERE cap_sender = @sender AND cap_identifier = @identifier
     LIMIT 1`,
  ).get({ sender: ref.sender, identifier: ref.identifier }) as { id: number } | undefined;
  return row?.id ?? null;
}

/** Has this CAP message (create, Update or Cancel) been applied already? */
export function capMessageSeen(db: Db, ref: Pick<CapRef, 'sender' | 'identifier'>): boolean {
  return findAlertByCap(db, ref) !== null;
}

/** The bbox of the county boundary, for the far-outside and swapped-axes checks. */
export function countyBBox(db: Db): BBox | null {
  const r = prepared(db, "SELECT boundary FROM regions WHERE level = 'county' AND boundary IS NOT NULL ORDER BY code LIMIT 1").get() as
    | { boundary: string }
    | undefined;
  return r ? bboxOf(zonePolygons(JSON.parse(r.boundary) as ZoneGeometry)) : null;
}

/** A region's surveyed boundary, for CAP <geocode> areas. */
export function regionBoundary(db: Db, code: string): ZoneGeometry | null {
  const r = prepared(db, 'SELECT boundary FROM regions WHERE code = ? AND boundary IS NOT NULL').get(code) as { boundary: string } | undefined;
  return r ? (JSON.parse(r.boundary) as ZoneGeometry) : null;
}

function setBBox(db: Db, id: number, b: BBox): void {
  prepared(db, 'DELETE FROM alert_rtree WHERE id = ?').run(id);
  prepared(db, 'INSERT INTO alert_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)').run(id, b[0], b[2], b[1], b[3]);
}

export interface ChangeMeta {
  userId: number | null;
  now: Date;
  /** The CAP message behind the change, if any. */
  cap?: CapRef | null;
}

/** Stores a new alert of `ownerRegion` with its bbox and first version row; call inside the caller's transaction. */
export function insertAlert(db: Db, d: AlertDraft, ownerRegion: string, meta: ChangeMeta): number {
  const at = meta.now.toISOString();
  const id = Number(
    prepared(
      db,
      `INSERT INTO alerts (type, level, event, issuer, headline, description, instruction, language, issued_at, effective_at,
         expires_at, no_expiry_given, geometry, source, cap_sender, cap_identifier, cap_sent, infos, region_codes, owner_region,
         created_at, created_by, updated_at)
       VALUES (@type, @level, @event, @issuer, @headline, @description, @instruction, @language, @issuedAt, @effectiveAt,
         @expiresAt, @noExpiryGiven, @geometry, @source, @capSender, @capIdentifier, @capSent, @infos, @regionCodes, @ownerRegion,
         @at, @userId, @at)`,
    ).run({
      type: d.type,
      level: d.level,
      event: d.event,
      issuer: d.issuer,
      headline: d.headline,
      description: d.description,
      instruction: d.instruction,
      language: d.language,
      issuedAt: d.issuedAt,
      effectiveAt: d.effectiveAt,
      expiresAt: d.expiresAt,
      noExpiryGiven: d.noExpiryGiven ? 1 : 0,
      geometry: JSON.stringify(d.geometry),
      source: d.source,
      capSender: d.cap?.sender ?? null,
      capIdentifier: d.cap?.identifier ?? null,
      capSent: d.cap?.sent ?? null,
      infos: JSON.stringify(d.infos),
      regionCodes: JSON.stringify(d.regionCodes),
      ownerRegion,
      at,
      userId: meta.userId,
    }).lastInsertRowid,
  );
  setBBox(db, id, bboxOf(zonePolygons(d.geometry)));
  recordVersion(db, id, 1, 'create', meta, {});
  return id;
}

/** The fields an Update or an edit may change. */
export type AlertChange = Partial<
  Pick<
    AlertDraft,
    | 'type'
    | 'level'
    | 'event'
    | 'issuer'
    | 'headline'
    | 'description'
    | 'instruction'
    | 'language'
    | 'effectiveAt'
    | 'expiresAt'
    | 'noExpiryGiven'
    | 'geometry'
    | 'infos'
    | 'regionCodes'
  >
> & { cancelledAt?: string };

const COLUMN: Record<keyof AlertChange, string> = {
  type: 'type',
  level: 'level',
  event: 'event',
  issuer: 'issuer',
  headline: 'headline',
  description: 'description',
  instruction: 'instruction',
  language: 'language',
  effectiveAt: 'effective_at',
  expiresAt: 'expires_at',
  noExpiryGiven: 'no_expiry_given',
  geometry: 'geometry',
  infos: 'infos',
  regionCodes: 'region_codes',
  cancelledAt: 'cancelled_at',
};
const JSON_FIELDS = new Set<keyof AlertChange>(['geometry', 'infos', 'regionCodes']);

/**
 * Applies a change as a new version (kind: CAP update / cancel, or a manual edit) and records what
 * changed, before and after. Unchanged fields are left out; returns false when nothing changed.
 */
export function changeAlert(db: Db, current: Alert, change: AlertChange, kind: 'update' | 'cancel' | 'edit', meta: ChangeMeta): boolean {
  const diff: Record<string, { before: unknown; after: unknown }> = {};
  const params: Record<string, unknown> = { id: current.id, at: meta.now.toISOString() };
  for (const [key, value] of Object.entries(change) as [keyof AlertChange, unknown][]) {
    if (value === undefined) continue;
    const before = (current as unknown as Record<string, unknown>)[key] ?? null;
    if (JSON.stringify(before) === JSON.stringify(value)) continue;
    diff[key] = { before, after: value };
    params[key] = JSON_FIELDS.has(key) ? JSON.stringify(value) : typeof value === 'boolean' ? Number(value) : value;
  }
  const keys = Object.keys(diff) as (keyof AlertChange)[];
  if (keys.length === 0 && !meta.cap) return false;
  prepared(
    db,
    `UPDATE alerts SET ${[...keys.map((k) => `${COLUMN[k]} = @${k}`), 'version = version + 1', 'updated_at = @at'].join(', ')} WHERE id = @id`,
  ).run(params);
  if (change.geometry && diff.geometry) setBBox(db, current.id, bboxOf(zonePolygons(change.geometry)));
  recordVersion(db, current.id, current.version + 1, kind, meta, diff);
  return true;
}

function recordVersion(db: Db, alertId: number, version: number, kind: string, meta: ChangeMeta, changes: object): void {
  prepared(
    db,
    `INSERT INTO alert_updates (alert_id, version, kind, at, user_id, cap_sender, cap_identifier, cap_sent, changes)
     VALUES (@alertId, @version, @kind, @at, @userId, @capSender, @capIdentifier, @capSent, @changes)`,
  ).run({
    alertId,
    version,
    kind,
    at: meta.now.toISOString(),
    userId: meta.userId,
    capSender: kind === 'create' ? null : (meta.cap?.sender ?? null),
    capIdentifier: kind === 'create' ? null : (meta.cap?.identifier ?? null),
    capSent: kind === 'create' ? null : (meta.cap?.sent ?? null),
    changes: JSON.stringify(changes),
  });
}

export interface AlertVersion {
  version: number;
  kind: string;
  at: string;
  userId: number | null;
  /** The account that drew, edited or imported the change (display name); `cap` names the message behind it. */
  userName: string | null;
  cap: CapRef | null;
  changes: Record<string, { before: unknown; after: unknown }>;
}

/** The history of an alert, oldest first. */
export function alertHistory(db: Db, id: number): AlertVersion[] {
  return (
    prepared(
      db,
      `SELECT au.*, u.display_name AS user_name FROM alert_updates au LEFT JOIN users u ON u.id = au.user_id
        WHERE au.alert_id = ? ORDER BY au.version`,
    ).all(id) as {
      version: number;
      kind: string;
      at: string;
      user_id: number | null;
      user_name: string | null;
      cap_sender: string | null;
      cap_identifier: string | null;
      cap_sent: string | null;
      changes: string;
    }[]
  ).map((r) => ({
    version: r.version,
    kind: r.kind,
    at: r.at,
    userId: r.user_id,
    userName: r.user_name,
    cap: r.cap_identifier === null ? null : { sender: r.cap_sender!, identifier: r.cap_identifier, sent: r.cap_sent! },
    changes: JSON.parse(r.changes) as AlertVersion['changes'],
  }));
}
