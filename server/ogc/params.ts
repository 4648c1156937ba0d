// Query parameters of the OGC API, checked as Part 1 Core asks: a parameter the operation does not
// know is an error (/req/core/query-param-unknown), so is a value it cannot read
// (/req/core/query-param-invalid) — both 400 naming the parameter, never silently ignored.
import type { Context } from 'hono';
import type { BBox } from '../db/household-filter.ts';
import { parseDatetime, type TimeFilter } from '../domain/ogc-datetime.ts';
import { HttpError } from '../http/errors.ts';

/** The page size: 100 unless asked; asked for more than 10,000, the answer holds 10,000 (Core 1.1 /req/core/fc-limit-response-1 C). */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 10_000;
/** Far past any county's households; keeps OFFSET an index walk of bounded length. */
export const MAX_OFFSET = 10_000_000;

export type Format = 'json' | 'html';

export interface ItemsQuery {
  bbox?: BBox;
  datetime?: TimeFilter;
  limit: number;
  offset: number;
}

const invalid = (name: string, message: string) => new HttpError(400, 'invalid_parameter', `${name}: ${message}`, name);

/** Every parameter given once, and none but `allowed` (`f` is always allowed). */
function knownParams(c: Context, allowed: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  for (const [name, values] of Object.entries(c.req.queries())) {
    if (name !== 'f' && !allowed.includes(name)) {
      const known = ['f', ...allowed].join(', ');
      throw new HttpError(400, 'unknown_parameter', `${name}: unknown parameter here (known: ${known})`, name);
    }
    if (values.length > 1) throw invalid(name, 'given more than once');
    out.set(name, values[0]!);
  }
  return out;
}

/**
 * The answer's format: `f=json|html` wins; else the Accept header's most preferred type we serve;
 * else JSON (what a GIS client wants when it says nothing).
 */
export function formatOf(c: Context, allowed: readonly string[] = []): Format {
  const f = knownParams(c, allowed).get('f');
  if (f !== undefined) {
    if (f === 'json' || f === 'html') return f;
    throw invalid('f', 'expected json or html');
  }
  return acceptFormat(c.req.header('accept'));
}

/** The format an Accept header prefers among ours; ties keep the header's order. */
export function acceptFormat(accept: string | undefined): Format {
  if (!accept) return 'json';
  let best: { format: Format; q: number } | null = null;
  for (const part of accept.split(',')) {
    const [type = '', ...params] = part.trim().toLowerCase().split(';');
    const qParam = params.map((p) => p.trim()).find((p) => p.startsWith('q='));
    const q = qParam ? Number(qParam.slice(2)) : 1;
    if (!(q > 0)) continue;
    const format: Format | null =
      type === 'text/html' || type === 'application/xhtml+xml'
        ? 'html'
        : type === 'application/geo+json' || type === 'application/json' || type === 'application/vnd.oai.openapi+json' || type === 'application/*'
          ? 'json'
          : null;
    if (format && (!best || q > best.q)) best = { format, q };
  }
  return best?.format ?? 'json';
}

const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** `bbox`: four numbers (CRS84) or six (CRS84h, heights ignored: the data is 2D). */
function parseBBox(text: string): BBox {
  const parts = text.split(',').map((s) => s.trim());
  if (parts.length !== 4 && parts.length !== 6) throw invalid('bbox', 'expected 4 numbers minLon,minLat,maxLon,maxLat (or 6 with heights)');
  if (!parts.every((p) => NUMBER.test(p))) throw invalid('bbox', 'every value must be a number');
  const n = parts.map(Number);
  const [minLon, minLat, maxLon, maxLat] = (n.length === 6 ? [n[0], n[1], n[3], n[4]] : n) as BBox;
  if (minLon < -180 || maxLon > 180 || maxLon < -180 || minLon > 180) throw invalid('bbox', 'longitude must be within -180..180');
  if (minLat < -90 || maxLat > 90 || maxLat < -90 || minLat > 90) throw invalid('bbox', 'latitude must be within -90..90');
  if (minLat > maxLat) throw invalid('bbox', 'the minimum latitude exceeds the maximum');
  // Core reads a west edge east of the east edge as a box across the antimeridian; no county here
  // comes near it, so it is refused by name rather than answered with a wrong page.
  if (minLon > maxLon) throw invalid('bbox', 'a box across the antimeridian (minLon > maxLon) is not supported');
  return [minLon, minLat, maxLon, maxLat];
}

function parseInteger(name: string, text: string, min: number): number {
  if (!/^\d+$/.test(text.trim())) throw invalid(name, `must be a whole number ≥ ${min}`);
  const n = Number(text);
  if (n < min) throw invalid(name, `must be a whole number ≥ ${min}`);
  return n;
}

/** The query of `/collections/{id}/items`. */
export function itemsQuery(c: Context): ItemsQuery {
  const params = knownParams(c, ['bbox', 'datetime', 'limit', 'offset']);
  const q: ItemsQuery = { limit: DEFAULT_LIMIT, offset: 0 };
  const bbox = params.get('bbox');
  if (bbox !== undefined) q.bbox = parseBBox(bbox);
  const limit = params.get('limit');
  if (limit !== undefined) q.limit = Math.min(MAX_LIMIT, parseInteger('limit', limit, 1));
  const offset = params.get('offset');
  if (offset !== undefined) {
    q.offset = parseInteger('offset', offset, 0);
    if (q.offset > MAX_OFFSET) throw invalid('offset', `at most ${MAX_OFFSET}`);
  }
  const datetime = params.get('datetime');
  if (datetime !== undefined) {
    const parsed = parseDatetime(datetime);
    if (!parsed.ok) throw invalid('datetime', parsed.message);
    q.datetime = parsed.filter;
  }
  return q;
}
