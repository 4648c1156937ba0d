// The JSON documents of OGC API – Features Part 1 (landing page, conformance, collections, items),
// each with the links a client walks: every resource links itself (`self`) and its other format
// (`alternate`), pages link `next`/`prev`. Hrefs are absolute, built from the request's own URL.
import type { OgcExtent, OgcFeature, OgcPage } from '../domain/ogc-features.ts';
import type { Collection } from './collections.ts';
import type { Format } from './params.ts';

export const GEOJSON = 'application/geo+json';
export const JSON_TYPE = 'application/json';
export const HTML_TYPE = 'text/html';
export const OPENAPI_TYPE = 'application/vnd.oai.openapi+json;version=3.0';
export const CRS84 = 'http://www.opengis.net/def/crs/OGC/1.3/CRS84';
const GREGORIAN = 'http://www.opengis.net/def/uom/ISO-8601/0/Gregorian';

/** Part 1 Core 1.0 conformance classes this API meets (GDAL and QGIS know the 1.0 URIs). */
export const CONFORMANCE = [
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/core',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/geojson',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/html',
  'http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/oas30',
] as const;

export interface Link {
  href: string;
  rel: string;
  type: string;
  title?: string;
}

/** Builds the hrefs of one request: the OGC root, and this resource in either format with changed parameters. */
export class Linker {
  readonly root: string;
  private readonly url: URL;

  constructor(requestUrl: string) {
    this.url = new URL(requestUrl);
    this.root = `${this.url.origin}/ogc`;
  }

  /** A path under /ogc, in a format. */
  at(path: string, f?: Format): string {
    return `${this.root}${path}${f ? `?f=${f}` : ''}`;
  }

  /** This request's URL with `f` and other parameters set (undefined removes one). */
  here(f: Format, set: Record<string, string | undefined> = {}): string {
    const u = new URL(this.url);
    for (const [k, v] of Object.entries({ ...set, f })) {
      if (v === undefined) u.searchParams.delete(k);
      else u.searchParams.set(k, v);
    }
    return u.toString();
  }

  /** `self` in the format answered and `alternate` in the other. */
  selfAndAlternate(f: Format, jsonType = JSON_TYPE, set: Record<string, string | undefined> = {}): Link[] {
    const json: Link = { href: this.here('json', set), rel: f === 'json' ? 'self' : 'alternate', type: jsonType, title: 'JSON' };
    const html: Link = { href: this.here('html', set), rel: f === 'html' ? 'self' : 'alternate', type: HTML_TYPE, title: 'HTML' };
    return f === 'json' ? [json, html] : [html, json];
  }
}

export function landingPage(l: Linker, f: Format) {
  return {
    title: '安居 Anju — OGC API – Features',
    description: '农村住房安全动态监测: monitored households, alerts, regions and patrol tasks of your jurisdiction (OGC API – Features Part 1: Core, GeoJSON and HTML).',
    links: [
      ...l.selfAndAlternate(f),
      { href: l.at('/api'), rel: 'service-desc', type: OPENAPI_TYPE, title: 'OpenAPI 3.0 definition' },
      { href: l.at('/conformance', 'json'), rel: 'conformance', type: JSON_TYPE, title: 'Conformance classes' },
      { href: l.at('/conformance', 'json'), rel: 'http://www.opengis.net/def/rel/ogc/1.0/conformance', type: JSON_TYPE, title: 'Conformance classes' },
      { href: l.at('/collections', 'json'), rel: 'data', type: JSON_TYPE, title: 'Collections' },
      { href: l.at('/collections', 'json'), rel: 'http://www.opengis.net/def/rel/ogc/1.0/data', type: JSON_TYPE, title: 'Collections' },
    ] satisfies Link[],
  };
}

export function conformance(l: Linker, f: Format) {
  return { conformsTo: [...CONFORMANCE], links: l.selfAndAlternate(f) };
}

function extentJson(e: OgcExtent, temporal: boolean) {
  const out: { spatial?: { bbox: number[][]; crs: string }; temporal?: { interval: (string | null)[][]; trs: string } } = {};
  if (e.bbox) out.spatial = { bbox: [[...e.bbox]], crs: CRS84 };
  if (temporal) out.temporal = { interval: [e.interval ?? [null, null]], trs: GREGORIAN };
  return out;
}

/** One collection's description; `inList` for its entry in /collections (no self/alternate of its own page). */
export function collectionJson(l: Linker, c: Collection, extent: OgcExtent, f: Format, inList = false) {
  const base = `/collections/${c.id}`;
  const own: Link[] = inList
    ? [
        { href: l.at(base, 'json'), rel: 'self', type: JSON_TYPE, title: c.title },
        { href: l.at(base, 'html'), rel: 'alternate', type: HTML_TYPE, title: c.title },
      ]
    : l.selfAndAlternate(f);
  return {
    id: c.id,
    title: c.title,
    description: c.description,
    links: [
      ...own,
      { href: l.at(`${base}/items`, 'json'), rel: 'items', type: GEOJSON, title: `${c.title} (GeoJSON)` },
      { href: l.at(`${base}/items`, 'html'), rel: 'items', type: HTML_TYPE, title: `${c.title} (HTML)` },
    ],
    extent: extentJson(extent, c.temporal !== null),
    itemType: 'feature',
    crs: [CRS84],
  };
}

export function collectionsJson(l: Linker, list: { c: Collection; extent: OgcExtent }[], f: Format) {
  return { links: l.selfAndAlternate(f), collections: list.map(({ c, extent }) => collectionJson(l, c, extent, f, true)) };
}

/** A page of items with its paging links and counts (/req/core/fc-links, fc-response). */
export function itemsJson(l: Linker, c: Collection, page: OgcPage, q: { limit: number; offset: number }, f: Format, now: Date) {
  const returned = page.features.length;
  const links: Link[] = [...l.selfAndAlternate(f, GEOJSON)];
  if (q.offset + returned < page.numberMatched && returned > 0) {
    links.push({ href: l.here(f, { offset: String(q.offset + returned), limit: String(q.limit) }), rel: 'next', type: f === 'json' ? GEOJSON : HTML_TYPE, title: 'Next page' });
  }
  if (q.offset > 0) {
    const prev = Math.max(0, q.offset - q.limit);
    links.push({ href: l.here(f, { offset: prev === 0 ? undefined : String(prev), limit: String(q.limit) }), rel: 'prev', type: f === 'json' ? GEOJSON : HTML_TYPE, title: 'Previous page' });
  }
  links.push({ href: l.at(`/collections/${c.id}`, 'json'), rel: 'collection', type: JSON_TYPE, title: c.title });
  return {
    type: 'FeatureCollection' as const,
    timeStamp: now.toISOString(),
    numberMatched: page.numberMatched,
    numberReturned: returned,
    links,
    features: page.features,
  };
}

export function itemJson(l: Linker, c: Collection, feature: OgcFeature, f: Format) {
  return {
    ...feature,
    links: [...l.selfAndAlternate(f, GEOJSON), { href: l.at(`/collections/${c.id}`, 'json'), rel: 'collection', type: JSON_TYPE, title: c.title }],
  };
}
