import { Hono } from 'hono';
import { z } from 'zod';
import { addDays, chinaDay } from '../domain/deadlines.ts';
import { chinaDayStart } from '../domain/periods.ts';
import { dayParam } from './region-param.ts';
import { GRADES, HOUSE_STATUSES, STRUCTURES } from '../domain/housing.ts';
import { countHouseholds, getHouseholdDetail, getSealedPersonalData, householdPointRows, type HouseholdPoint } from '../db/households.ts';
import { openSnapshot } from '../db/export-snapshot.ts';
import type { HouseholdFilter } from '../db/household-filter.ts';
import { findRegion, isWithin } from '../db/regions.ts';
import type { Db } from '../db/connection.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { booleanParam, csvEnum, idParam, validate } from '../http/validate.ts';
import { audit } from '../http/audit-trail.ts';
import { asJson, jsonStream } from '../http/json-stream.ts';
import { byteCachePerDatabase, etagOf, matchesEtag } from '../http/byte-cache.ts';
import { gzipAndKeep, gzipOffLoop } from '../http/gzip-kept.ts';
import { householdMapVersion } from '../db/tiles.ts';
import { filterKey } from '../tiles/grid-cache.ts';

/**
 * The most households one answer holds, and what it holds unless asked for fewer: a bigger `limit` (up
 * to 1,000,000, the most a database holds) is clamped to it, and the answer says `truncated` with the
 * `next` page's link. A page is keyset-paged by id (`after`), so a page costs the same wherever it is.
 */
export const MAX_PAGE = 50_000;
const MAX_LIMIT = 1_000_000;
/** Pages up to this many rows are read at once on the app's connection; bigger ones stream from a snapshot. */
const READ_AT_ONCE = 1_000;

/**
 * Gzipped pages kept per map version (migration 020 moves it with every write a page shows): on a flood
 * night every inspector of a village asks for the same village, and a kept page answers in a lookup —
 * a village of 700 houses costs ~6 ms of the event loop to read and encode, which 50 connections turn
 * into a queue. A whole county of 20,000 is ~0.6 MB gzipped; one answer bigger than a tenth of the bound
 * streams without being kept.
 */
const PAGE_CACHE_BYTES = 64 * 1024 * 1024;
/** The kept pages of a database (exported for the tests that count what a burst costs). */
export const pageCacheOf = byteCachePerDatabase(PAGE_CACHE_BYTES);
const GEOJSON = 'application/geo+json; charset=UTF-8';

const unmaskBody = z.object({ reason: z.string().trim().min(4, 'say why (at least 4 characters)').max(500) }).strict();

const bboxParam = z
  .string()
  .transform((s) => s.split(',').map((v) => (v.trim() === '' ? Number.NaN : Number(v))))
  .pipe(
    z
      .tuple([z.number(), z.number(), z.number(), z.number()], { message: 'expected minLon,minLat,maxLon,maxLat' })
      .refine((b) => b.every(Number.isFinite), 'every bbox value must be a number')
      .refine(([minLon, , maxLon]) => minLon >= -180 && maxLon <= 180, 'longitude must be within -180..180')
      .refine(([, minLat, , maxLat]) => minLat >= -90 && maxLat <= 90, 'latitude must be within -90..90')
      .refine(([minLon, minLat, maxLon, maxLat]) => minLon <= maxLon && minLat <= maxLat, 'min must not exceed max'),
  );

const regionCode = z.string().regex(/^\d{12}(\d{3})?$/, 'must be a 12-digit region code (15 for a group)');

export const householdQuery = z
  .object({
    bbox: bboxParam.optional(),
    grade: csvEnum([...GRADES, 'none']).optional(),
    structure: csvEnum(STRUCTURES).optional(),
    key: booleanParam.optional(),
    repairedC: booleanParam.optional(),
    region: regionCode.optional(),
    q: z.string().trim().min(1, 'must not be empty').max(50).optional(),
    status: csvEnum(HOUSE_STATUSES).optional(),
    moveOut: booleanParam.optional(),
    overdue: booleanParam.optional(),
    // Households gone from the civil-affairs name list (delisted_on) stay in Anju with their house and
    // history; every list shows them unless asked: 'exclude' hides them, 'only' shows just them.
    delisted: z.enum(['include', 'exclude', 'only']).optional(),
    // The dashboard's range (China days): each point then says whether it was patrolled in it.
    from: dayParam.optional(),
    to: dayParam.optional(),
    limit: z.coerce.number().int('must be an integer').min(1).max(MAX_LIMIT).default(MAX_PAGE),
    // The keyset cursor of `next`: households with a greater id.
    after: z.coerce.number().int('must be an integer').min(0).max(Number.MAX_SAFE_INTEGER).optional(),
  })
  .strict();

const inOrder = (q: { from?: string | undefined; to?: string | undefined }) => !q.from || !q.to || q.from <= q.to;

/** Turns validated query parameters into the shared filter, resolving the region against the caller's scope. */
export function toHouseholdFilter(
  db: Db,
  scope: Env['Variables']['scope'],
  q: Omit<z.infer<typeof householdQuery>, 'limit' | 'from' | 'to' | 'after'>,
  today: string,
): HouseholdFilter {
  const filter: HouseholdFilter = { scope };
  if (q.bbox) filter.bbox = q.bbox;
  if (q.grade) filter.grades = q.grade;
  if (q.structure) filter.structures = q.structure;
  if (q.key !== undefined) filter.key = q.key;
  if (q.repairedC !== undefined) filter.repairedC = q.repairedC;
  if (q.q) filter.q = q.q;
  if (q.status) filter.statuses = q.status;
  if (q.moveOut !== undefined) filter.moveOut = q.moveOut;
  if (q.overdue !== undefined) filter.overdue = { today, is: q.overdue };
  if (q.delisted === 'exclude' || q.delisted === 'only') filter.delisted = q.delisted === 'only';
  if (q.region) {
    const region = findRegion(db, q.region);
    // A region outside one's jurisdiction does not exist for them: same answer as an unknown code.
    if (!region || !(isWithin(db, region.code, scope.code) || isWithin(db, scope.code, region.code))) {
      throw new HttpError(404, 'region_not_found', `no region ${q.region}`, 'region');
    }
    filter.region = region;
  }
  return filter;
}

/** One household as a GeoJSON point feature of GET /api/households. */
const feature = ({ lon, lat, ...properties }: HouseholdPoint) => ({
  type: 'Feature' as const,
  id: properties.id,
  geometry: { type: 'Point' as const, coordinates: [lon, lat] as [number, number] },
  properties,
});

/**
 * What the map reads of a household (`view=map`), named as in the full answer; the flags only when set
 * and the ledger state only when not `monitoring`, as in the household tiles (so a full answer's
 * household is one too).
 */
export interface HouseholdMapPoint {
  id: number;
  grade: HouseholdPoint['grade'];
  structure: HouseholdPoint['structure'];
  /** Absent: monitoring. */
  status?: string;
  /** The village's code: a lasso's summary counts villages by it. */
  regionCode: string;
  key?: boolean;
  repairedC?: boolean;
  overdue?: boolean;
  mustMoveOut?: boolean;
  patrolled?: boolean;
}

/** Six decimals of a degree: ~0.1 m, far finer than a house. */
const sixDecimals = (v: number) => Math.round(v * 1e6) / 1e6;

/**
 * One household as the map draws it (`view=map`): what the household layers, their cluster sums, the
 * legend's counts and a lasso read — no name, household number or village name (the drawer asks for
 * the household by id) — so there is less for the server to write and the page to parse and hand to
 * MapLibre's worker: about half as many values a household.
 */
function mapFeature(p: HouseholdPoint) {
  const properties: HouseholdMapPoint = { id: p.id, grade: p.grade, structure: p.structure, regionCode: p.regionCode };
  if (p.status !== 'monitoring') properties.status = p.status;
  if (p.key) properties.key = true;
  if (p.repairedC) properties.repairedC = true;
  if (p.overdue) properties.overdue = true;
  if (p.mustMoveOut) properties.mustMoveOut = true;
  if (p.patrolled) properties.patrolled = true;
  return {
    type: 'Feature' as const,
    id: p.id,
    geometry: { type: 'Point' as const, coordinates: [sixDecimals(p.lon), sixDecimals(p.lat)] as [number, number] },
    properties,
  };
}

interface Page<F> {
  type: 'FeatureCollection';
  total: number;
  limit: number;
  features: F[];
  /** More households follow this page. */
  truncated: boolean;
  /** The next page: the same query with `after` (null on the last page). */
  next: string | null;
}

/** GET /api/households: the features of one page, `total` over every page, and the link to the next. */
export type HouseholdPage = Page<ReturnType<typeof feature>>;
/** The same with `view=map`: the map's projection of each household, and `view: 'map'` saying so. */
export type HouseholdMapPage = Page<ReturnType<typeof mapFeature>> & { view: 'map' };
type ListPage = HouseholdPage | HouseholdMapPage;

/** The request's own URL with the cursor moved on: path and query, so it holds behind any proxy. */
function nextLink(url: string, after: number, limit: number): string {
  const u = new URL(url);
  u.searchParams.set('after', String(after));
  u.searchParams.set('limit', String(limit));
  return `${u.pathname}?${u.searchParams}`;
}

/**
 * The list's own parameters: `view` — `full` (the default: every field, as ever) or `map` (what the map
 * draws, mapFeature). The counts, stats and tiles take the filters alone.
 */
const listQuery = householdQuery.extend({ view: z.enum(['full', 'map']).default('full') });

export const households = new Hono<Env>()
  .get('/', validate('query', listQuery.refine(inOrder, { message: 'must not be before from', path: ['to'] })), async (c) => {
    const { limit: asked, from, to, after = 0, view, ...query } = c.req.valid('query');
    const limit = Math.min(asked, MAX_PAGE);
    const today = chinaDay(new Date(c.var.now()));
    const patrolledIn = from || to ? { from: from ? chinaDayStart(from) : '', to: chinaDayStart(addDays(to ?? today, 1)) } : undefined;
    const filter = toHouseholdFilter(c.var.db, c.var.scope, query, today);
    // A page is kept when its bytes follow from the map's data, the day and the request alone: not one
    // that says which houses were patrolled in a range (patrol results do not move the map version), and
    // only gzipped (every browser asks so).
    const kept = !patrolledIn && /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    const key = kept ? `${householdMapVersion(c.var.db)}|${today}|${filterKey(filter)}|${filter.bbox?.join(',') ?? ''}|${limit}|${after}|${view}` : null;
    if (key !== null) {
      const etag = etagOf(key);
      // Private: the page is one jurisdiction's; no-cache: the browser keeps it and asks each time (304).
      c.header('ETag', etag);
      c.header('Cache-Control', 'private, no-cache');
      c.header('Vary', 'Accept-Encoding, Cookie');
      if (matchesEtag(c.req.header('if-none-match'), etag)) return asJson<ListPage>(c.body(null, 304));
      const cache = pageCacheOf(c.var.db);
      // Kept, or being made for an identical request right now: wait for that one rather than make it
      // twice. (No await unless there is one to wait for: a turn of the loop here would let a burst of
      // identical requests all find nothing in the making.)
      let bytes = cache.get(key);
      const making = bytes ? undefined : cache.pending(key);
      if (making) bytes = await making;
      if (bytes) {
        c.header('Content-Encoding', 'gzip');
        return asJson<ListPage>(c.body(bytes as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': GEOJSON }));
      }
    }
    // A big page reads on a snapshot connection of its own (db/export-snapshot.ts): while it streams, the
    // app's connection stays free for every other request, and total and rows describe one moment.
    let total = countHouseholds(c.var.db, filter);
    const snapshot = Math.min(limit, total) > READ_AT_ONCE ? openSnapshot(c.var.db) : null;
    const streams = snapshot?.streams === true;
    let body: ReadableStream<Uint8Array> | string;
    try {
      const reader = streams ? snapshot!.db : c.var.db;
      if (streams) total = countHouseholds(reader, filter);
      // One row past the page says whether another page follows.
      const rows = householdPointRows(reader, filter, limit + 1, today, patrolledIn, after);
      let sent = 0;
      let last = after;
      let more = false;
      const items = (function* () {
        for (const point of streams ? rows : [...rows]) {
          if (sent === limit) {
            more = true;
            return;
          }
          sent++;
          last = point.id;
          yield JSON.stringify(view === 'map' ? mapFeature(point) : feature(point));
        }
      })();
      const head = `{"type":"FeatureCollection",${view === 'map' ? '"view":"map",' : ''}"total":${total},"limit":${limit},"features":[`;
      const tail = () => `],"truncated":${more},"next":${more ? JSON.stringify(nextLink(c.req.url, last, limit)) : 'null'}}`;
      // A page read at once is written at once: a village of 700 is one string, not a stream of chunks
      // (the stream's machinery cost as much as reading the rows).
      body = streams ? jsonStream({ head, items, tail, release: () => snapshot!.release() }) : `${head}${[...items].join(',')}${tail()}`;
      if (!streams) snapshot?.release();
    } catch (err) {
      snapshot?.release();
      throw err;
    }
    if (key === null) return asJson<ListPage>(c.body(body, 200, { 'Content-Type': GEOJSON }));
    const cache = pageCacheOf(c.var.db);
    c.header('Content-Encoding', 'gzip');
    if (typeof body === 'string') {
      // Gzipped on libuv's threads (zlib's async API), kept, then sent.
      const whole = gzipOffLoop(body);
      cache.fill(key, whole);
      return asJson<ListPage>(c.body((await whole) as Uint8Array<ArrayBuffer>, 200, { 'Content-Type': GEOJSON }));
    }
    const { stream, whole } = gzipAndKeep(body, PAGE_CACHE_BYTES / 10);
    cache.fill(key, whole);
    return asJson<ListPage>(c.body(stream, 200, { 'Content-Type': GEOJSON }));
  })
  .get('/:id', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const detail = getHouseholdDetail(c.var.db, id, c.var.scope);
    if (!detail) throw new HttpError(404, 'household_not_found', `no household ${id}`, 'id');
    return c.json(detail);
  })
  // The only path to clear ID-card and phone numbers: county roles, a stated reason, an audit row.
  .post('/:id/unmask', validate('param', idParam), validate('json', unmaskBody), (c) => {
    const { id } = c.req.valid('param');
    const { reason } = c.req.valid('json');
    const { db, cipher } = c.var;
    const sealed = getSealedPersonalData(db, id, c.var.scope);
    if (!sealed) throw new HttpError(404, 'household_not_found', `no household ${id}`, 'id');
    const clear = { idCard: cipher.decrypt(sealed.idCardEnc), phone: sealed.phoneEnc ? cipher.decrypt(sealed.phoneEnc) : null };
    audit(c, { action: 'unmask', entity: 'household', entityId: id, reason }, { address: true });
    c.header('Cache-Control', 'no-store');
    return c.json({ id, ...clear });
  });
