// GET /api/households?view=map (issue 14, page load): the map's projection of the same households —
// what the household layers, their cluster sums, the legend and a lasso read, flags only when set,
// places to six decimals — with no name, household number or village name. The same households,
// order, paging and filters as the full answer, which stays the default.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from './harness.ts';

type Props = Record<string, unknown> & { id: number };
type Feature = { type: string; id: number; geometry: { type: string; coordinates: [number, number] }; properties: Props };
type Page = { type: string; view?: string; total: number; limit: number; truncated: boolean; next: string | null; features: Feature[] };

let t: ReturnType<typeof seededApp>;
let full: Page;
let map: Page;

beforeAll(async () => {
  t = seededApp(2000, 3);
  full = (await t.json<Page>('/api/households')).body;
  map = (await t.json<Page>('/api/households?view=map')).body;
});
afterAll(() => t.close());

const MAP_FIELDS = ['id', 'grade', 'structure', 'regionCode'];
const FLAGS = ['key', 'repairedC', 'overdue', 'mustMoveOut'] as const;

describe('GET /api/households?view=map', () => {
  it('answers the same households in the same order, saying it is the map view', () => {
    expect(map).toMatchObject({ type: 'FeatureCollection', view: 'map', total: full.total, limit: full.limit, truncated: false, next: null });
    expect(map.features.map((f) => f.id)).toEqual(full.features.map((f) => f.id));
    expect(map.features.every((f) => f.type === 'Feature' && f.geometry.type === 'Point' && f.properties.id === f.id)).toBe(true);
  });

  it('carries what the map draws and nothing personal: the full answer’s values, flags only when set', () => {
    const byId = new Map(full.features.map((f) => [f.id, f]));
    for (const f of map.features) {
      const whole = byId.get(f.id)!;
      const keys = Object.keys(f.properties);
      expect(keys.filter((k) => !MAP_FIELDS.includes(k)).every((k) => k === 'status' || (FLAGS as readonly string[]).includes(k))).toBe(true);
      for (const k of MAP_FIELDS) expect(f.properties[k]).toEqual(whole.properties[k]);
      // The state only when not monitoring.
      expect(f.properties.status ?? 'monitoring').toBe(whole.properties.status);
      expect(f.properties.status).not.toBe('monitoring');
      for (const flag of FLAGS) expect(f.properties[flag] ?? false).toBe(whole.properties[flag]);
      for (const flag of FLAGS) expect(f.properties[flag]).not.toBe(false);
      expect(f.properties).not.toHaveProperty('headName');
      expect(f.properties).not.toHaveProperty('householdNo');
      const [lon, lat] = f.geometry.coordinates;
      const [wholeLon, wholeLat] = whole.geometry.coordinates;
      expect(Math.abs(lon - wholeLon)).toBeLessThanOrEqual(5e-7);
      expect(Math.abs(lat - wholeLat)).toBeLessThanOrEqual(5e-7);
      expect(lon).toBe(Number(lon.toFixed(6)));
    }
    // Set as well as unset were compared (this county has no ledger cases: no overdue or must-move-out).
    for (const flag of ['key', 'repairedC']) expect(map.features.some((f) => f.properties[flag] === true), flag).toBe(true);
  });

  it('is well under two thirds of the full answer', async () => {
    const [a, b] = await Promise.all([t.request('/api/households'), t.request('/api/households?view=map')]);
    const [fullBytes, mapBytes] = [(await a.arrayBuffer()).byteLength, (await b.arrayBuffer()).byteLength];
    expect(mapBytes).toBeLessThan(fullBytes * 0.6);
  });

  it('keeps the filters, and its pages keep the view', async () => {
    const filtered = (await t.json<Page>('/api/households?view=map&grade=C,D&limit=40')).body;
    expect(filtered.features.every((f) => ['C', 'D'].includes(String(f.properties.grade)))).toBe(true);
    expect(filtered.truncated).toBe(true);
    const next = new URL(filtered.next!, 'http://x');
    expect(next.searchParams.get('view')).toBe('map');
    const second = (await t.json<Page>(filtered.next!)).body;
    expect(second.view).toBe('map');
    expect(second.features[0]!.id).toBeGreaterThan(filtered.features.at(-1)!.id);
  });

  it('with the dashboard’s days, says patrolled only of the houses patrolled in them', async () => {
    const days = 'from=2020-01-01&to=2026-10-31';
    const whole = (await t.json<Page>(`/api/households?${days}`)).body;
    const slim = (await t.json<Page>(`/api/households?view=map&${days}`)).body;
    const patrolled = new Set(whole.features.filter((f) => f.properties.patrolled === true).map((f) => f.id));
    expect(new Set(slim.features.filter((f) => f.properties.patrolled === true).map((f) => f.id))).toEqual(patrolled);
    expect(slim.features.every((f) => f.properties.patrolled !== false)).toBe(true);
  });

  it('leaves the default answer as it was: every field, no view', () => {
    expect(full).not.toHaveProperty('view');
    expect(Object.keys(full.features[0]!.properties)).toEqual(expect.arrayContaining(['headName', 'householdNo', 'villageName', 'key', 'overdue']));
  });

  it('refuses a view it does not know with a 400 naming view, and view=full is the default', async () => {
    for (const view of ['slim', 'MAP', '']) {
      const res = await t.json(`/api/households?view=${view}`);
      expect([res.status, res.body.error?.code, res.body.error?.field], view).toEqual([400, 'invalid_input', 'view']);
    }
    const explicit = (await t.json<Page>('/api/households?view=full&limit=5')).body;
    expect(explicit.features.map((f) => f.properties)).toEqual(full.features.slice(0, 5).map((f) => f.properties));
  });

  it('keeps each view’s page apart in the page cache, each with its own ETag', async () => {
    const asBrowser = async (path: string) => {
      const res = await t.request(path, { headers: { 'accept-encoding': 'gzip' } });
      const raw = Buffer.from(await res.arrayBuffer());
      const text = res.headers.get('content-encoding') === 'gzip' ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
      return { etag: res.headers.get('etag'), page: JSON.parse(text) as Page };
    };
    // Each asked twice, the second time from the cache: neither view is ever answered with the other.
    for (let round = 0; round < 2; round++) {
      const whole = await asBrowser('/api/households?limit=50');
      const slim = await asBrowser('/api/households?limit=50&view=map');
      expect(whole.page).not.toHaveProperty('view');
      expect(whole.page.features[0]!.properties).toHaveProperty('headName');
      expect(slim.page.view).toBe('map');
      expect(slim.page.features[0]!.properties).not.toHaveProperty('headName');
      expect(slim.etag).not.toBe(whole.etag);
    }
  });

  it('is a parameter of the list alone: the counts refuse it', async () => {
    const res = await t.json('/api/households/counts?bbox=100,20,120,40&view=map');
    expect([res.status, res.body.error?.field]).toEqual([400, 'view']);
  });
});
