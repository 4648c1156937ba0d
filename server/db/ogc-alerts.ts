// The OGC API's `alerts` collection: the warnings a caller sees on /api/alerts (auth/alert-rules.ts),
// each in force from its effective time until it expired or was cancelled — the period `datetime` selects on.
import type { ZoneGeometry } from '../domain/alerts.ts';
import { isoBounds, zoneMeetsBox, type OgcExtent, type OgcFeature, type OgcPage, type PageQuery } from '../domain/ogc-features.ts';
import { scopeParams, toAlert, visibleSql, type AlertRow } from './alerts.ts';
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

/** When an alert stopped being in force: cancelled before it expired, or expired. */
const ENDED = 'min(coalesce(a.cancelled_at, a.expires_at), a.expires_at)';
const VISIBLE = visibleSql('a.owner_region');

const toFeature = (r: AlertRow, now: Date): OgcFeature => {
  const a = toAlert(r, now);
  return {
    type: 'Feature',
    id: a.id,
    geometry: a.geometry,
    properties: {
      type: a.type,
      level: a.level,
      event: a.event,
      status: a.status,
      headline: a.headline,
      description: a.description,
      instruction: a.instruction,
      issuer: a.issuer,
      ownerRegion: a.ownerRegion,
      issuedAt: a.issuedAt,
      effectiveAt: a.effectiveAt,
      expiresAt: a.expiresAt,
      cancelledAt: a.cancelledAt,
      noExpiryGiven: a.noExpiryGiven,
      source: a.source,
    },
  };
};

/** The WHERE of a page: what the caller sees, in force some time in `datetime`, its R*Tree box meeting `bbox`. */
function selection(scope: RegionRef, q: PageQuery): { where: string; params: Record<string, unknown> } {
  const where = [VISIBLE];
  const params: Record<string, unknown> = scopeParams(scope);
  if (q.datetime) {
    const { start, end } = isoBounds(q.datetime);
    if (end !== null) (where.push('a.effective_at <= @end'), (params.end = end));
    if (start !== null) (where.push(`${ENDED} >= @start`), (params.start = start));
  }
  if (q.bbox) {
    const [minLon, minLat, maxLon, maxLat] = q.bbox;
    where.push(`a.id IN (SELECT id FROM alert_rtree WHERE max_lon >= @minLon AND min_lon <= @maxLon AND max_lat >= @minLat AND min_lat <= @maxLat)`);
    Object.assign(params, { minLon, minLat, maxLon, maxLat });
  }
  return { where: where.join(' AND '), params };
}

/**
 * One page of alerts, in id order. With a bbox the R*Tree only prefilters (it holds the zone's box):
 * candidates are tested exactly, then counted and cut — a caller sees hundreds of alerts, not millions.
 */
export function alertPage(db: Db, scope: RegionRef, q: PageQuery, now: Date): OgcPage {
  const { where, params } = selection(scope, q);
  const box = q.bbox;
  if (box) {
    const candidates = prepared(db, `SELECT a.id, a.geometry FROM alerts a WHERE ${where} ORDER BY a.id`).all(params) as { id: number; geometry: string }[];
    const ids = candidates.filter((c) => zoneMeetsBox(JSON.parse(c.geometry) as ZoneGeometry, box)).map((c) => c.id);
    const pageIds = ids.slice(q.offset, q.offset + q.limit);
    const rows = prepared(db, 'SELECT a.* FROM alerts a WHERE a.id IN (SELECT value FROM json_each(@ids)) ORDER BY a.id').all({ ids: JSON.stringify(pageIds) }) as AlertRow[];
    return { features: rows.map((r) => toFeature(r, now)), numberMatched: ids.length };
  }
  const numberMatched = (prepared(db, `SELECT count(*) AS n FROM alerts a WHERE ${where}`).get(params) as { n: number }).n;
  const rows = prepared(db, `SELECT a.* FROM alerts a WHERE ${where} ORDER BY a.id LIMIT @limit OFFSET @offset`).all({ ...params, limit: q.limit, offset: q.offset }) as AlertRow[];
  return { features: rows.map((r) => toFeature(r, now)), numberMatched };
}

export function alertFeature(db: Db, scope: RegionRef, id: number, now: Date): OgcFeature | null {
  const r = prepared(db, `SELECT a.* FROM alerts a WHERE a.id = @id AND ${VISIBLE}`).get({ id, ...scopeParams(scope) }) as AlertRow | undefined;
  return r ? toFeature(r, now) : null;
}

/** The box of every zone the caller sees, and from the first effective time to the last end. */
export function alertExtent(db: Db, scope: RegionRef): OgcExtent {
  const r = prepared(
    db,
    `SELECT min(x.min_lon) AS w, min(x.min_lat) AS s, max(x.max_lon) AS e, max(x.max_lat) AS n,
            min(a.effective_at) AS first, max(${ENDED}) AS last
       FROM alerts a JOIN alert_rtree x ON x.id = a.id WHERE ${VISIBLE}`,
  ).get(scopeParams(scope)) as { w: number | null; s: number; e: number; n: number; first: string | null; last: string | null };
  // The R*Tree rounds its float32 boxes outwards, so this box holds every zone.
  return r.w === null ? { bbox: null, interval: null } : { bbox: [r.w, r.s, r.e, r.n], interval: [r.first, r.last] };
}
