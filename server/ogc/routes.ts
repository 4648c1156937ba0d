import { Hono, type Context } from 'hono';
import { trimTrailingSlash } from 'hono/trailing-slash';
import { ogcAccess } from '../auth/ogc-access.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { COLLECTION_IDS, COLLECTIONS, type Collection, type Reader } from './collections.ts';
import { collectionJson, collectionsJson, conformance, GEOJSON, itemJson, itemsJson, landingPage, Linker, OPENAPI_TYPE } from './documents.ts';
import { cachedExtent } from './extents.ts';
import { collectionHtml, collectionsHtml, conformanceHtml, itemHtml, itemsHtml, landingHtml, STYLE_CSS } from './html.ts';
import { openApiDocument } from './openapi.ts';
import { formatOf, itemsQuery } from './params.ts';

const ITEMS_PARAMS = ['bbox', 'datetime', 'limit', 'offset'] as const;

const reader = (c: Context<Env>): Reader => ({ db: c.var.db, user: c.var.user, scope: c.var.scope, now: new Date(c.var.now()) });

function collectionOf(id: string): Collection {
  if (!(COLLECTION_IDS as readonly string[]).includes(id)) {
    throw new HttpError(404, 'collection_not_found', `no collection ${id} (known: ${COLLECTION_IDS.join(', ')})`, 'collectionId');
  }
  return COLLECTIONS[id as Collection['id']];
}

/** JSON under its own media type (GeoJSON for features; a page of 10,000 is one string, sent once). */
const json = (c: Context, doc: unknown, type: string) => c.body(JSON.stringify(doc), 200, { 'Content-Type': `${type}; charset=UTF-8` });

/**
 * OGC API – Features Part 1 (Core, GeoJSON, HTML, OpenAPI 3.0) under /ogc: read-only, each collection
 * scoped to the reader (an API token's user, or the session's) as the API's own lists are.
 */
export const ogc = new Hono<Env>()
  // `…/ogc/` or `…/collections/` typed into a GIS client's connection: redirected to the path without
  // the slash (only where that path exists: it acts on a 404).
  .use(trimTrailingSlash())
  // The pages' stylesheet needs no credential: a browser asks for it without one from a token-less tab.
  .get('/style.css', (c) => c.body(STYLE_CSS, 200, { 'Content-Type': 'text/css; charset=UTF-8', 'Cache-Control': 'public, max-age=3600' }))
  .use(ogcAccess)
  .use(async (c, next) => {
    await next();
    // What a page holds depends on who asks and in which format.
    c.header('Cache-Control', 'no-store');
    c.header('Vary', 'Accept, Authorization, Cookie');
  })
  .get('/', (c) => {
    const f = formatOf(c);
    const l = new Linker(c.req.url);
    const doc = landingPage(l, f);
    return f === 'html' ? c.html(landingHtml(doc, l.root)) : json(c, doc, 'application/json');
  })
  .get('/api', (c) => {
    formatOf(c);
    return json(c, openApiDocument(new Linker(c.req.url).root), OPENAPI_TYPE);
  })
  .get('/conformance', (c) => {
    const f = formatOf(c);
    const l = new Linker(c.req.url);
    const doc = conformance(l, f);
    return f === 'html' ? c.html(conformanceHtml(doc, l.root)) : json(c, doc, 'application/json');
  })
  .get('/collections', (c) => {
    const f = formatOf(c);
    const l = new Linker(c.req.url);
    const r = reader(c);
    const doc = collectionsJson(l, COLLECTION_IDS.map((id) => ({ c: COLLECTIONS[id], extent: cachedExtent(r, COLLECTIONS[id]) })), f);
    return f === 'html' ? c.html(collectionsHtml(doc.collections, l.root, doc.links)) : json(c, doc, 'application/json');
  })
  .get('/collections/:collectionId', (c) => {
    const col = collectionOf(c.req.param('collectionId'));
    const f = formatOf(c);
    const l = new Linker(c.req.url);
    const doc = collectionJson(l, col, cachedExtent(reader(c), col), f);
    return f === 'html' ? c.html(collectionHtml(doc, l.root)) : json(c, doc, 'application/json');
  })
  .get('/collections/:collectionId/items', (c) => {
    const col = collectionOf(c.req.param('collectionId'));
    const f = formatOf(c, ITEMS_PARAMS);
    const q = itemsQuery(c);
    const r = reader(c);
    const l = new Linker(c.req.url);
    const doc = itemsJson(l, col, col.page(r, q), q, f, r.now);
    return f === 'html' ? c.html(itemsHtml(col, doc, q.offset, l.root)) : json(c, doc, GEOJSON);
  })
  .get('/collections/:collectionId/items/:featureId', (c) => {
    const col = collectionOf(c.req.param('collectionId'));
    const f = formatOf(c);
    const id = c.req.param('featureId');
    // Outside one's jurisdiction a feature does not exist: the same 404 as an unknown id.
    const feature = col.idPattern.test(id) ? col.item(reader(c), id) : null;
    if (!feature) throw new HttpError(404, 'feature_not_found', `no feature ${id} in ${col.id}`, 'featureId');
    const l = new Linker(c.req.url);
    const doc = itemJson(l, col, feature, f);
    return f === 'html' ? c.html(itemHtml(col, doc, l.root)) : json(c, doc, GEOJSON);
  })
  .all('*', (c) => {
    throw new HttpError(404, 'not_found', `no OGC API resource ${c.req.path}`);
  });
