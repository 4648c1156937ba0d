// The OGC API – Features under /ogc, walked as a conformance client walks it (landing → conformance →
// collections → each collection → items → every next page → one item), each answer validated against
// the standard's own OpenAPI schemas (tests/fixtures/ogc-schemas, vendored from opengeospatial/ogcapi-features).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp, type DemoUser } from './harness.ts';
import { patrolScene } from './patrol-scene.ts';

const MAY_5 = Date.parse('2026-05-05T10:00:00+08:00');
let clock = MAY_5;
let t: ReturnType<typeof seededApp>;
const tokens = new Map<DemoUser, string>();

// ── the standard's schemas ────────────────────────────────────────────────────────────────────────
// OpenAPI 3.0 schema objects are JSON Schema with `nullable` and `example`: translated here, so the
// vendored file stays exactly what the standard publishes.
function toJsonSchema(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(toJsonSchema);
  if (s === null || typeof s !== 'object') return s;
  const { nullable, example: _e, $ref, ...rest } = s as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(rest)) out[k] = toJsonSchema(v);
  if (typeof $ref === 'string') out.$ref = $ref.replace('#/components/schemas/', '#/definitions/');
  if (nullable !== true) return out;
  if (typeof out.type === 'string') return { ...out, type: [out.type, 'null'] };
  return { anyOf: [{ type: 'null' }, out] };
}
const ajv = new Ajv({ allErrors: true, strict: false });
addFormats.default(ajv);
ajv.addSchema({ $id: 'ogc', definitions: toJsonSchema(JSON.parse(readFileSync(join(import.meta.dirname, '../fixtures/ogc-schemas/oas30-schemas.json'), 'utf8'))) });
const schema = (name: string) => ajv.getSchema(`ogc#/definitions/${name}`) as ValidateFunction;
function expectValid(name: string, doc: unknown, where: string) {
  const validate = schema(name);
  expect(validate, name).toBeTypeOf('function');
  const ok = validate(doc);
  expect(ok ? [] : validate.errors!.slice(0, 5).map((e) => `${e.instancePath} ${e.message}`), `${where} against ${name}`).toEqual([]);
}

// ── requests ─────────────────────────────────────────────────────────────────────────────────────
async function ogcGet(url: string, as: DemoUser = 'county', headers: Record<string, string> = {}) {
  const res = await t.app.request(url, { headers: { authorization: `Bearer ${tokens.get(as)}`, ...headers } });
  const text = await res.text();
  return { status: res.status, type: res.headers.get('content-type') ?? '', body: text && res.headers.get('content-type')?.includes('json') ? JSON.parse(text) : text, res };
}
const link = (doc: { links: { rel: string; type?: string; href: string }[] }, rel: string, type?: string) =>
  doc.links.find((l) => l.rel === rel && (type === undefined || l.type === type));

const square = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
let countyBox: [number, number, number, number];

beforeAll(async () => {
  t = seededApp(1200, 5, { now: () => clock });
  countyBox = await t.countyBox();
  await patrolScene(t, 'ogc'); // two manual tasks in the inspector's village
  const [w, s, e, n] = countyBox;
  const mid = [(w + e) / 2, (s + n) / 2] as const;
  // Alerts in force at different times: January, June, and one open now.
  for (const [headline, effectiveAt, expiresAt] of [
    ['一月寒潮蓝色预警', '2026-01-10T08:00:00+08:00', '2026-01-12T08:00:00+08:00'],
    ['六月暴雨黄色预警', '2026-06-01T08:00:00+08:00', '2026-06-02T08:00:00+08:00'],
    ['五月大风蓝色预警', '2026-05-05T08:00:00+08:00', '2026-05-06T08:00:00+08:00'],
  ] as const) {
    const res = await t.json('/api/alerts', {
      method: 'POST',
      body: { type: headline.includes('寒潮') ? 'cold_wave' : headline.includes('暴雨') ? 'rainstorm' : 'gale', level: 'blue', headline, issuedAt: effectiveAt, effectiveAt, expiresAt, geometry: square(w, s, mid[0], mid[1]) },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
  }
  for (const who of ['county', 'township', 'inspector'] as const) {
    const made = await t.json('/api/auth/tokens', { method: 'POST', as: who, body: { name: `QGIS ${who}` } });
    expect(made.status).toBe(201);
    tokens.set(who, made.body.token);
  }
});
afterAll(() => t.close());

describe('a conformance client walking /ogc', () => {
  it('holds answers to the standard’s schemas, which do refuse what is wrong', () => {
    expect(schema('featureCollectionGeoJSON')({ features: [] })).toBe(false);
    expect(schema('featureGeoJSON')({ type: 'Feature', geometry: { type: 'Point', coordinates: [1] }, properties: {} })).toBe(false);
    expect(schema('featureGeoJSON')({ type: 'Feature', geometry: null, properties: null })).toBe(true);
    expect(schema('collection')({ id: 'x', links: [{ href: 'http://a' }] })).toBe(false);
    expect(schema('extent')({ temporal: { interval: [['2026-01-01T00:00:00Z', null]] } })).toBe(true);
  });

  it('goes landing → API definition → conformance → collections → items → every next page → one item, all valid', async () => {
    const landing = await ogcGet('http://127.0.0.1/ogc');
    expect(landing.status).toBe(200);
    expect(landing.type).toMatch(/^application\/json/);
    expectValid('landingPage', landing.body, '/ogc');
    for (const rel of ['self', 'alternate', 'service-desc', 'conformance', 'data']) expect(link(landing.body, rel), rel).toBeDefined();

    const api = await ogcGet(link(landing.body, 'service-desc')!.href);
    expect(api.status).toBe(200);
    expect(api.type).toMatch(/^application\/vnd\.oai\.openapi\+json/);
    expect(api.body.openapi).toMatch(/^3\.0\./);
    // GDAL and QGIS read the page size's bounds from components.parameters.limit; QGIS takes any other
    // form/non-exploded parameter of an items path for a filterable property, so only the standard's are.
    expect(api.body.components.parameters.limit.schema).toMatchObject({ minimum: 1, maximum: 10000, default: 100 });
    for (const id of ['households', 'alerts', 'regions', 'tasks']) {
      const params = api.body.paths[`/collections/${id}/items`].get.parameters.map((p: any) => api.body.components.parameters[p.$ref.split('/').pop()]);
      expect(params.map((p: any) => p.name)).toEqual(['bbox', 'datetime', 'limit', 'offset', 'f']);
      const queryables = params.filter((p: any) => p.style === 'form' && p.explode === false && !['bbox', 'datetime', 'limit'].includes(p.name));
      expect(queryables, id).toEqual([]);
    }

    const conf = await ogcGet(link(landing.body, 'conformance')!.href);
    expectValid('confClasses', conf.body, '/conformance');
    for (const cls of ['core', 'geojson', 'html', 'oas30']) expect(conf.body.conformsTo).toContain(`http://www.opengis.net/spec/ogcapi-features-1/1.0/conf/${cls}`);

    const collections = await ogcGet(link(landing.body, 'data')!.href);
    expectValid('collections', collections.body, '/collections');
    expect(collections.body.collections.map((c: any) => c.id)).toEqual(['households', 'alerts', 'regions', 'tasks']);

    for (const entry of collections.body.collections) {
      const one = await ogcGet(link(entry, 'self')!.href);
      expect(one.status).toBe(200);
      expectValid('collection', one.body, `/collections/${entry.id}`);
      expect(one.body.itemType).toBe('feature');
      const [w, s, e, n] = one.body.extent.spatial.bbox[0];
      expect(w).toBeLessThanOrEqual(e);
      expect(s).toBeLessThanOrEqual(n);
      if (entry.id === 'alerts' || entry.id === 'tasks') expect(one.body.extent.temporal.interval[0][0]).toMatch(/^\d{4}-/);

      // Page through with a small limit: every feature once, the pages adding up to numberMatched.
      const itemsHref = link(one.body, 'items', 'application/geo+json')!.href;
      let next: string | undefined = `${itemsHref.replace('f=json', '')}${itemsHref.includes('?') ? '&' : '?'}limit=${entry.id === 'households' ? 250 : 2}`;
      const seen = new Set<string | number>();
      let matched: number | null = null;
      let pages = 0;
      while (next) {
        const page = await ogcGet(next);
        expect(page.status, next).toBe(200);
        expect(page.type).toMatch(/^application\/geo\+json/);
        expectValid('featureCollectionGeoJSON', page.body, next);
        expect(page.body.numberReturned).toBe(page.body.features.length);
        matched ??= page.body.numberMatched;
        expect(page.body.numberMatched).toBe(matched);
        expect(Date.parse(page.body.timeStamp)).toBe(clock);
        for (const f of page.body.features) {
          expect(seen.has(f.id), `${entry.id} ${f.id} twice`).toBe(false);
          seen.add(f.id);
        }
        expect(link(page.body, 'self')).toBeDefined();
        expect(link(page.body, 'alternate', 'text/html')).toBeDefined();
        next = link(page.body, 'next')?.href;
        pages++;
      }
      expect(seen.size, entry.id).toBe(matched);
      expect(matched, entry.id).toBeGreaterThan(0);
      if (entry.id === 'households') expect(pages).toBe(Math.ceil(matched! / 250));

      const firstId = [...seen][0]!;
      const item = await ogcGet(`http://127.0.0.1/ogc/collections/${entry.id}/items/${firstId}`);
      expect(item.status).toBe(200);
      expect(item.type).toMatch(/^application\/geo\+json/);
      expectValid('featureGeoJSON', item.body, `${entry.id}/${firstId}`);
      expect(item.body.id).toBe(firstId);
      expect(link(item.body, 'collection')).toBeDefined();
    }
  });

  it('counts every household of the county in numberMatched, and carries no ID card or phone', async () => {
    const page = (await ogcGet('http://127.0.0.1/ogc/collections/households/items?limit=10000')).body;
    expect(page.numberMatched).toBe(1200);
    expect(page.numberReturned).toBe(1200);
    expect(link(page, 'next')).toBeUndefined();
    const text = JSON.stringify(page);
    expect(text).not.toMatch(/idCard|phone|\d{6}\*+\d{4}|\d{17}[\dX]/i);
    const p = page.features[0].properties;
    expect(Object.keys(p).sort()).toEqual(
      ['appraisedOn', 'delistedOn', 'grade', 'groupCode', 'groupName', 'headName', 'householdNo', 'key', 'locationEstimated', 'mustMoveOut', 'overdue', 'repairedC', 'status', 'structure',
        'structureEstimated', 'townshipCode', 'townshipName', 'villageCode', 'villageName'].sort(),
    );
    // The same households, in the same places, as the map's list.
    const api = (await t.json('/api/households')).body.features.find((f: any) => f.id === page.features[0].id);
    expect(page.features[0].geometry.coordinates).toEqual(api.geometry.coordinates);
    expect(p.headName).toBe(api.properties.headName);
  });

  it('serves the HTML alternate of every resource, escaped, with no outside resource', async () => {
    for (const path of ['/ogc', '/ogc/conformance', '/ogc/collections', '/ogc/collections/households', '/ogc/collections/households/items?limit=5']) {
      const byF = await ogcGet(`http://127.0.0.1${path}${path.includes('?') ? '&' : '?'}f=html`);
      expect(byF.status, path).toBe(200);
      expect(byF.type).toMatch(/^text\/html/);
      expect(byF.body).toMatch(/^<!doctype html>/);
      expect(byF.body).not.toMatch(/<script|style=|https?:\/\/(?!127\.0\.0\.1|www\.opengis\.net)/);
      // A browser's Accept header chooses HTML too; a GIS client's chooses GeoJSON.
      const byAccept = await ogcGet(`http://127.0.0.1${path}`, 'county', { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' });
      expect(byAccept.type).toMatch(/^text\/html/);
    }
    const geo = await ogcGet('http://127.0.0.1/ogc/collections/households/items?limit=1', 'county', { accept: 'application/geo+json, application/json;q=0.9' });
    expect(geo.type).toMatch(/^application\/geo\+json/);
    const css = await t.app.request('/ogc/style.css');
    expect([css.status, css.headers.get('content-type')]).toEqual([200, 'text/css; charset=UTF-8']);
  });

  it('escapes what it shows: a headline with markup is text on the page', async () => {
    const [w, s] = countyBox;
    const res = await t.json('/api/alerts', {
      method: 'POST',
      body: { type: 'gale', level: 'blue', headline: '<img src=x onerror=alert(1)>大风', expiresAt: '2026-05-06T08:00:00+08:00', geometry: square(w, s, w + 0.02, s + 0.02) },
    });
    const page = await ogcGet(`http://127.0.0.1/ogc/collections/alerts/items/${res.body.id}?f=html`);
    expect(page.body).toContain('&lt;img src=x onerror=alert(1)&gt;大风');
    expect(page.body).not.toContain('<img');
  });
});

describe('items parameters', () => {
  const items = (collection: string, query: string, as: DemoUser = 'county') => ogcGet(`http://127.0.0.1/ogc/collections/${collection}/items?${query}`, as);

  it('selects by bbox: only households inside it, all of them', async () => {
    const [w, s, e, n] = countyBox;
    const box = [w, s, (w + e) / 2, (s + n) / 2];
    const page = (await items('households', `bbox=${box.join(',')}&limit=10000`)).body;
    const inside = (t.db.prepare('SELECT count(*) AS n FROM houses WHERE is_current = 1 AND lon BETWEEN ? AND ? AND lat BETWEEN ? AND ?').get(box[0], box[2], box[1], box[3]) as { n: number }).n;
    expect(page.numberMatched).toBe(inside);
    expect(page.features.every((f: any) => f.geometry.coordinates[0] >= box[0]! && f.geometry.coordinates[0] <= box[2]!)).toBe(true);
    // Six numbers (with heights) select the same.
    const six = (await items('households', `bbox=${box[0]},${box[1]},0,${box[2]},${box[3]},100&limit=1`)).body;
    expect(six.numberMatched).toBe(inside);
    // Alerts: only zones that meet the box; the three drawn over the south-west quarter do.
    const far = (await items('alerts', `bbox=${e - 0.001},${n - 0.001},${e},${n}`)).body;
    expect(far.features.map((f: any) => f.properties.headline)).not.toContain('六月暴雨黄色预警');
  });

  it('refuses a bad bbox, limit, offset or datetime with 400 naming it, and an unknown parameter by its name', async () => {
    for (const [query, field] of [
      ['bbox=1,2,3', 'bbox'],
      ['bbox=a,b,c,d', 'bbox'],
      ['bbox=108,33,109', 'bbox'],
      ['bbox=108,34,109,33', 'bbox'],
      ['bbox=108,33,200,34', 'bbox'],
      ['bbox=109,33,108,34', 'bbox'],
      ['limit=0', 'limit'],
      ['limit=-5', 'limit'],
      ['limit=ten', 'limit'],
      ['limit=2.5', 'limit'],
      ['offset=-1', 'offset'],
      ['datetime=yesterday', 'datetime'],
      ['datetime=2026-06-03T00:00:00Z/2026-06-01T00:00:00Z', 'datetime'],
      ['datetime=2026-02-30', 'datetime'],
      ['f=xml', 'f'],
      ['limit=5&limit=6', 'limit'],
      ['bbox-crs=http://www.opengis.net/def/crs/EPSG/0/4326', 'bbox-crs'],
      ['filter=grade=C', 'filter'],
      ['grade=C', 'grade'],
    ] as const) {
      const res = await items('households', query);
      expect([res.status, res.body.error?.field], query).toEqual([400, field]);
      expect(res.body.error.message).toMatch(new RegExp(`^${field.replace('-', '\\-')}: `));
    }
    // Unknown parameters on the other resources too.
    expect((await ogcGet('http://127.0.0.1/ogc/collections?limit=5')).body.error.field).toBe('limit');
  });

  it('answers at most 10,000 to a larger limit (Core 1.1: never an error), and 100 by default', async () => {
    const big = await items('households', 'limit=50000');
    expect(big.status).toBe(200);
    expect(big.body.numberReturned).toBe(1200);
    const dflt = (await items('households', '')).body;
    expect(dflt.numberReturned).toBe(100);
    expect(link(dflt, 'next')!.href).toMatch(/offset=100/);
    const second = (await ogcGet(link(dflt, 'next')!.href)).body;
    expect(link(second, 'prev')!.href).not.toMatch(/offset=/);
    expect(second.features[0].id).toBe(dflt.features[99].id + 1);
  });

  it('selects alerts by their period of validity with datetime: instant, interval, open ends', async () => {
    const headlines = async (dt: string) => (await items('alerts', `datetime=${encodeURIComponent(dt)}`)).body.features.map((f: any) => f.properties.headline).sort();
    expect(await headlines('2026-01-11T00:00:00Z')).toEqual(['一月寒潮蓝色预警']);
    expect(await headlines('2026-01-13T00:00:00Z')).toEqual([]);
    expect(await headlines('2026-06-01')).toEqual(['六月暴雨黄色预警']);
    expect(await headlines('2026-05-01T00:00:00Z/..')).toEqual(expect.arrayContaining(['五月大风蓝色预警', '六月暴雨黄色预警']));
    expect(await headlines('2026-05-01T00:00:00Z/..')).not.toContain('一月寒潮蓝色预警');
    expect(await headlines('../2026-02-01T00:00:00+08:00')).toEqual(['一月寒潮蓝色预警']);
    // Both ends closed: January's alert ended at 2026-01-12T00:00Z, June's begins at 2026-06-01T00:00Z.
    expect(await headlines('2026-01-12T00:00:00Z/2026-05-31T23:59:59Z')).toEqual(['<img src=x onerror=alert(1)>大风', '一月寒潮蓝色预警', '五月大风蓝色预警']);
    expect(await headlines('2026-01-12T00:00:01Z/2026-06-01T00:00:00Z')).toEqual(['<img src=x onerror=alert(1)>大风', '五月大风蓝色预警', '六月暴雨黄色预警']);
    // Households have no time: datetime is accepted and selects them all.
    expect((await items('households', 'datetime=2026-01-01T00:00:00Z&limit=1')).body.numberMatched).toBe(1200);
  });

  it('selects tasks by the period from creation to due time', async () => {
    const now = (await items('tasks', `datetime=${new Date(clock).toISOString()}`)).body;
    expect(now.numberMatched).toBe(2);
    expect(now.features[0].geometry.type).toBe('MultiPoint');
    expect(now.features[0].geometry.coordinates).toHaveLength(3);
    expect((await items('tasks', 'datetime=../2026-01-01T00:00:00Z')).body.numberMatched).toBe(0);
  });

  it('answers 404 JSON for an unknown collection and an unknown or malformed feature id', async () => {
    for (const [path, field] of [
      ['/ogc/collections/buildings', 'collectionId'],
      ['/ogc/collections/buildings/items', 'collectionId'],
      ['/ogc/collections/households/items/99999999', 'featureId'],
      ['/ogc/collections/households/items/abc', 'featureId'],
      ['/ogc/collections/regions/items/1', 'featureId'],
    ] as const) {
      const res = await ogcGet(`http://127.0.0.1${path}`);
      expect([res.status, res.body.error?.field], path).toEqual([404, field]);
    }
    expect((await ogcGet('http://127.0.0.1/ogc/nothing-here')).status).toBe(404);
    // A trailing slash, as people type a service address, leads to the resource without it.
    for (const path of ['/ogc/', '/ogc/collections/']) {
      const res = await ogcGet(`http://127.0.0.1${path}`);
      expect([res.status, res.res.headers.get('location')], path).toEqual([301, `http://127.0.0.1${path.slice(0, -1)}`]);
    }
  });
});

describe('jurisdiction', () => {
  it('shows a township token only its own township: households, regions, tasks; another township’s household is 404', async () => {
    const township = (await t.json('/api/auth/me', { as: 'township' })).body.user.region.code as string;
    const inTownship = (t.db.prepare('SELECT count(*) AS n FROM households WHERE township_code = ?').get(township) as { n: number }).n;
    const page = (await ogcGet('http://127.0.0.1/ogc/collections/households/items?limit=10000', 'township')).body;
    expect(page.numberMatched).toBe(inTownship);
    expect(new Set(page.features.map((f: any) => f.properties.townshipCode))).toEqual(new Set([township]));
    const other = t.db.prepare('SELECT id FROM households WHERE township_code <> ? LIMIT 1').get(township) as { id: number };
    expect((await ogcGet(`http://127.0.0.1/ogc/collections/households/items/${other.id}`, 'township')).status).toBe(404);
    expect((await ogcGet(`http://127.0.0.1/ogc/collections/households/items/${other.id}`, 'county')).status).toBe(200);
    // Even a bbox over the whole county finds none of another township's.
    const all = (await ogcGet(`http://127.0.0.1/ogc/collections/households/items?limit=10000&bbox=${countyBox.join(',')}`, 'township')).body;
    expect(all.numberMatched).toBe(inTownship);

    const regions = (await ogcGet('http://127.0.0.1/ogc/collections/regions/items?limit=1000', 'township')).body;
    expect(regions.features.map((f: any) => f.id)).toContain(township);
    expect(regions.features.every((f: any) => f.id === township || f.properties.parentCode === township)).toBe(true);
    const county = (await ogcGet('http://127.0.0.1/ogc/collections/regions/items?limit=1000', 'county')).body;
    expect(county.numberMatched).toBeGreaterThan(regions.numberMatched);

    // The township's extent is its own households' box, narrower than the county's.
    const ext = (await ogcGet('http://127.0.0.1/ogc/collections/households', 'township')).body.extent.spatial.bbox[0];
    const countyExt = (await ogcGet('http://127.0.0.1/ogc/collections/households', 'county')).body.extent.spatial.bbox[0];
    expect(ext[2] - ext[0]).toBeLessThan(countyExt[2] - countyExt[0]);
  });

  it('shows an inspector only their own tasks, and only their village’s households', async () => {
    const mine = (await ogcGet('http://127.0.0.1/ogc/collections/tasks/items', 'inspector')).body;
    expect(mine.numberMatched).toBe(1);
    const all = (await ogcGet('http://127.0.0.1/ogc/collections/tasks/items', 'township')).body;
    expect(all.numberMatched).toBe(2);
    const theirs = all.features.find((f: any) => f.id !== mine.features[0].id);
    expect((await ogcGet(`http://127.0.0.1/ogc/collections/tasks/items/${theirs.id}`, 'inspector')).status).toBe(404);
    const village = (await t.json('/api/auth/me', { as: 'inspector' })).body.user.region.code;
    const households = (await ogcGet('http://127.0.0.1/ogc/collections/households/items?limit=10000', 'inspector')).body.features;
    expect(new Set(households.map((f: any) => f.properties.villageCode))).toEqual(new Set([village]));
  });
});
