import { Hono } from 'hono';
import { z } from 'zod';
import { alertAccess, assertMayChangeAlert, zoneInJurisdiction } from '../auth/alert-rules.ts';
import { applyCap, insertDrafts, type ImportOutcome } from '../db/alert-import.ts';
import { alertHistory, changeAlert, countyBBox, listAlerts, regionBoundary, visibleAlert, type Alert, type AlertChange } from '../db/alerts.ts';
import type { Db } from '../db/connection.ts';
import type { RegionRef } from '../db/household-filter.ts';
import { findRegion, isWithin } from '../db/regions.ts';
import { assertZone } from '../domain/alert-geometry.ts';
import { ALERT_LEVELS, ALERT_STATUSES, ALERT_TYPES, toUtcIso, type AlertDraft } from '../domain/alerts.ts';
import { parseCapBytes } from '../domain/cap.ts';
import { decodeJson } from '../domain/text-encoding.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { csvEnum, idParam, validate } from '../http/validate.ts';
import { exposureCountsOffLoop, exposureOffLoop } from '../workers/exposure.ts';

const isoTime = z.iso.datetime({ offset: true, message: 'must be an ISO 8601 date-time with an offset, e.g. 2024-07-10T14:00:00+08:00' });

/** An alert's own fields: the JSON body of POST /api/alerts and the properties of an imported GeoJSON feature. */
const alertFields = z.object({
  type: z.enum(ALERT_TYPES),
  level: z.enum(ALERT_LEVELS),
  issuer: z.string().trim().min(1).max(100).optional(),
  headline: z.string().trim().min(1).max(200),
  description: z.string().trim().max(5000).default(''),
  instruction: z.string().trim().max(2000).nullable().default(null),
  language: z.string().trim().min(2).max(20).nullable().default(null),
  issuedAt: isoTime.optional(),
  effectiveAt: isoTime.optional(),
  expiresAt: isoTime,
});
const geometryField = z.looseObject({ type: z.string(), coordinates: z.unknown() });
const createBody = alertFields.extend({ geometry: geometryField }).strict();

const featureSchema = z.object({ type: z.literal('Feature'), geometry: geometryField, properties: alertFields });
const geojsonImport = z.discriminatedUnion('type', [
  featureSchema,
  z.object({ type: z.literal('FeatureCollection'), features: z.array(featureSchema).min(1).max(100) }),
]);

const patchBody = z
  .object({
    expiresAt: isoTime.optional(),
    level: z.enum(ALERT_LEVELS).optional(),
    headline: z.string().trim().min(1).max(200).optional(),
    description: z.string().trim().max(5000).optional(),
    status: z.literal('cancelled').optional(),
  })
  .strict()
  .refine((b) => Object.values(b).some((v) => v !== undefined), 'nothing to change');

/** GET /api/alerts sends at most this many alerts at once (default DEFAULT_PAGE); `next` says where to go on. */
const MAX_PAGE = 1000;
const DEFAULT_PAGE = 200;
const listQuery = z
  .object({
    status: z.enum([...ALERT_STATUSES, 'all']).default('all'),
    type: csvEnum(ALERT_TYPES).optional(),
    region: z.string().regex(/^\d{12}$/, 'must be a 12-digit region code').optional(),
    from: isoTime.optional(),
    to: isoTime.optional(),
    limit: z.coerce.number().int('must be an integer').min(1).max(MAX_PAGE).default(DEFAULT_PAGE),
    offset: z.coerce.number().int('must be an integer').min(0).max(1_000_000).default(0),
  })
  .strict()
  .refine((q) => !q.from || !q.to || Date.parse(q.from) < Date.parse(q.to), { message: 'must be after from', path: ['to'] });
const exposureQuery = z.object({ limit: z.coerce.number().int('must be an integer').min(1).max(1_000_000).default(1000) }).strict();

const XML_TYPES = new Set(['application/xml', 'text/xml', 'application/cap+xml']);
const JSON_TYPES = new Set(['application/json', 'application/geo+json']);

/** zod inside a handler (bodies that are not plain JSON requests), reported like validate(). */
function parseWith<S extends z.ZodType>(schema: S, value: unknown, prefix = ''): z.infer<S> {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0]!;
  const path = issue.code === 'unrecognized_keys' ? [...issue.path, ...issue.keys.slice(0, 1)] : issue.path;
  const field = [prefix, ...path.map((p) => (typeof p === 'number' ? `[${p}]` : String(p)))]
    .filter((s) => s !== '')
    .join('.')
    .replace(/\.\[/g, '[');
  throw new HttpError(400, 'invalid_input', `${field || 'body'}: ${issue.message}`, field || 'body');
}

/** Fields + geometry → a draft, times in UTC, the zone checked against the county and fitted to the caller's jurisdiction. */
function toDraft(
  db: Db,
  f: z.infer<typeof alertFields>,
  geometry: unknown,
  source: 'drawn' | 'geojson',
  at: { fields: string; geometry: string; now: Date; issuer: string; scope: RegionRef },
): AlertDraft {
  const issuedAt = f.issuedAt ? toUtcIso(f.issuedAt) : at.now.toISOString();
  const effectiveAt = f.effectiveAt ? toUtcIso(f.effectiveAt) : issuedAt;
  const expiresAt = toUtcIso(f.expiresAt);
  const p = at.fields ? `${at.fields}.` : '';
  if (expiresAt <= effectiveAt) {
    throw new HttpError(400, 'expires_before_effective', `expiresAt ${f.expiresAt} is not after the effective time ${effectiveAt}`, `${p}expiresAt`);
  }
  const zone = assertZone(geometry, { field: at.geometry, countyBBox: countyBBox(db) });
  return {
    type: f.type,
    level: f.level,
    event: null,
    issuer: f.issuer ?? at.issuer,
    headline: f.headline,
    description: f.description,
    instruction: f.instruction,
    language: f.language,
    issuedAt,
    effectiveAt,
    expiresAt,
    noExpiryGiven: false,
    geometry: zoneInJurisdiction(db, at.scope, zone.geometry, at.geometry),
    source,
    cap: null,
    infos: [],
    regionCodes: [],
  };
}

/** An alert as an RFC 7946 Feature, with extra properties (exposure counts, history, risk) typed through. */
export function alertFeature<E extends object = {}>(a: Alert, extra: E = {} as E) {
  const { geometry, bbox, ...properties } = a;
  return { type: 'Feature' as const, id: a.id, bbox, geometry, properties: { ...properties, ...extra } };
}

/** An alert the caller sees; one outside their jurisdiction does not exist for them (404). */
function mustSee(db: Db, id: number, scope: RegionRef, now: Date): Alert {
  const a = visibleAlert(db, id, scope, now);
  if (!a) throw new HttpError(404, 'alert_not_found', `no alert ${id}`, 'id');
  return a;
}

/** A region filter names a region of the caller's branch of the tree; any other does not exist for them. */
function assertRegionSeen(db: Db, code: string, scope: RegionRef): void {
  const region = findRegion(db, code);
  if (!region || !(isWithin(db, region.code, scope.code) || isWithin(db, scope.code, region.code))) {
    throw new HttpError(404, 'region_not_found', `no region ${code}`, 'region');
  }
}

export const alerts = new Hono<Env>()
  // One page of the alerts the caller sees, as GeoJSON; `total` counts them all, `next` is the next page's offset.
  .get('/', validate('query', listQuery), async (c) => {
    const { db, user, scope, pool } = c.var;
    const now = new Date(c.var.now());
    const q = c.req.valid('query');
    if (q.region) assertRegionSeen(db, q.region, scope);
    const { alerts: page, total } = listAlerts(
      db,
      {
        scope,
        status: q.status,
        types: q.type,
        region: q.region,
        from: q.from && toUtcIso(q.from),
        to: q.to && toUtcIso(q.to),
        limit: q.limit,
        offset: q.offset,
      },
      now,
    );
    const active = page.filter((a) => a.status === 'active');
    // Counting a county-wide zone reads hundreds of thousands of houses at a million: on the pool, kept per alert version and data.
    const counts = await exposureCountsOffLoop(db, pool, active, scope, { user: user.id, signal: c.req.raw.signal });
    const access = alertAccess(db, { role: user.role, scope });
    const end = q.offset + page.length;
    c.header('Content-Type', 'application/geo+json; charset=UTF-8');
    return c.json({
      type: 'FeatureCollection' as const,
      total,
      limit: q.limit,
      offset: q.offset,
      next: end < total ? end : null,
      features: page.map((a) => alertFeature(a, { exposure: counts.get(a.id) ?? null, ...access(a) })),
    });
  })
  .post('/', validate('json', createBody), (c) => {
    const { db, user, scope } = c.var;
    const now = new Date(c.var.now());
    const { geometry, ...fields } = c.req.valid('json');
    const draft = toDraft(db, fields, geometry, 'drawn', { fields: '', geometry: 'geometry', now, issuer: user.displayName, scope });
    const id = db.transaction(() => {
      const [{ alertId }] = insertDrafts(db, [draft], { userId: user.id, now, scope }) as [ImportOutcome];
      audit(c, { action: 'alert.create', entity: 'alert', entityId: alertId, after: { ...draft, geometry: draft.geometry.type } }, { now });
      return alertId;
    })();
    const a = mustSee(db, id, scope, now);
    return c.json(alertFeature(a, alertAccess(db, { role: user.role, scope })(a)), 201);
  })
  .post('/import', async (c) => {
    const { db, user, scope } = c.var;
    const now = new Date(c.var.now());
    const contentType = c.req.header('content-type') ?? '';
    const mime = contentType.split(';')[0]!.trim().toLowerCase();
    const charset = /;\s*charset\s*=\s*"?([^";\s]+)/i.exec(contentType)?.[1] ?? null;
    // The raw bytes: a CAP message says its own encoding (GBK, GB18030, UTF-16 …), decoded in cap.ts.
    const bytes = new Uint8Array(await c.req.arrayBuffer());
    let outcomes: ImportOutcome[];
    if (XML_TYPES.has(mime)) {
      const parsed = parseCapBytes(bytes, { charset, countyBBox: countyBBox(db), regionBoundary: (code) => regionBoundary(db, code) });
      if (!parsed.ok) throw new HttpError(400, parsed.error.code, parsed.error.message, parsed.error.element);
      const msg = parsed.message;
      outcomes = db.transaction(() => {
        const fitZone = (zone: AlertDraft['geometry']) => zoneInJurisdiction(db, scope, zone, 'info.area');
        const o = applyCap(db, msg, { userId: user.id, now, scope, fitZone });
        if (o.action !== 'duplicate') {
          audit(c, { action: `alert.cap.${msg.msgType.toLowerCase()}`, entity: 'alert', entityId: o.alertId, after: msg.ref }, { now });
        }
        return [o];
      })();
    } else if (JSON_TYPES.has(mime)) {
      const body = decodeJson(bytes, charset);
      if (!body.ok) throw new HttpError(400, body.code, body.message, body.field);
      let json: unknown;
      try {
        json = JSON.parse(body.text);
      } catch {
        throw new HttpError(400, 'malformed_json', 'the body is not valid JSON', 'body');
      }
      const gj = parseWith(geojsonImport, json);
      const features = gj.type === 'Feature' ? [{ f: gj, at: '' }] : gj.features.map((f, i) => ({ f, at: `features[${i}].` }));
      const drafts = features.map(({ f, at }) =>
        toDraft(db, f.properties, f.geometry, 'geojson', { fields: `${at}properties`, geometry: `${at}geometry`, now, issuer: user.displayName, scope }),
      );
      outcomes = db.transaction(() => {
        const o = insertDrafts(db, drafts, { userId: user.id, now, scope });
        for (const { alertId } of o) audit(c, { action: 'alert.import', entity: 'alert', entityId: alertId }, { now });
        return o;
      })();
    } else {
      throw new HttpError(415, 'unsupported_media_type', `send CAP as application/xml, text/xml or application/cap+xml, or GeoJSON as application/json or application/geo+json (got ${mime || 'none'})`, 'content-type');
    }
    const created = outcomes.some((o) => o.action === 'created');
    const access = alertAccess(db, { role: user.role, scope });
    const seen = outcomes.map((o) => mustSee(db, o.alertId, scope, now));
    return c.json(
      { results: outcomes, features: seen.map((a) => alertFeature(a, access(a))) },
      created ? 201 : 200,
    );
  })
  .get('/:id', validate('param', idParam), (c) => {
    const { db, user, scope } = c.var;
    const now = new Date(c.var.now());
    const a = mustSee(db, c.req.valid('param').id, scope, now);
    return c.json(alertFeature(a, { history: alertHistory(db, a.id), ...alertAccess(db, { role: user.role, scope })(a) }));
  })
  .patch('/:id', validate('param', idParam), validate('json', patchBody), (c) => {
    const { db, user, scope } = c.var;
    const now = new Date(c.var.now());
    const a = mustSee(db, c.req.valid('param').id, scope, now);
    assertMayChangeAlert(db, a, scope);
    const body = c.req.valid('json');
    if (a.cancelledAt !== null) throw new HttpError(409, 'alert_cancelled', `alert ${a.id} was cancelled on ${a.cancelledAt}`, 'id');
    const change: AlertChange = {};
    if (body.expiresAt) {
      change.expiresAt = toUtcIso(body.expiresAt);
      change.noExpiryGiven = false; // someone has now said when it ends
      if (change.expiresAt <= a.effectiveAt) {
        throw new HttpError(400, 'expires_before_effective', `expiresAt ${body.expiresAt} is not after the effective time ${a.effectiveAt}`, 'expiresAt');
      }
    }
    if (body.level) change.level = body.level;
    if (body.headline) change.headline = body.headline;
    if (body.description !== undefined) change.description = body.description;
    if (body.status === 'cancelled') change.cancelledAt = now.toISOString();
    db.transaction(() => {
      const kind = body.status === 'cancelled' ? 'cancel' : 'edit';
      if (changeAlert(db, a, change, kind, { userId: user.id, now })) {
        audit(c, { action: `alert.${kind}`, entity: 'alert', entityId: a.id, after: change }, { now });
      }
    })();
    const after = mustSee(db, a.id, scope, now);
    return c.json(alertFeature(after, { history: alertHistory(db, a.id), ...alertAccess(db, { role: user.role, scope })(after) }));
  })
  // A county-wide zone is seconds of work at a million households: it runs on the worker pool.
  .get('/:id/exposure', validate('param', idParam), validate('query', exposureQuery), async (c) => {
    const { db, scope, pool, user } = c.var;
    const a = mustSee(db, c.req.valid('param').id, scope, new Date(c.var.now()));
    return c.json(await exposureOffLoop(db, pool, a, scope, c.req.valid('query').limit, { user: user.id, signal: c.req.raw.signal }));
  });
