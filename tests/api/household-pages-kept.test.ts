// Household pages kept gzipped per map version (routes/households.ts, http/gzip-kept.ts): a kept page is
// byte for byte what the query makes (the same JSON as the unkept answer), one jurisdiction's page is
// never another's, a write that changes the map makes a new page at once, an ETag answers 304 until it
// does, and pages that read patrol results (from/to) are never kept.
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pageCacheOf } from '../../server/routes/households.ts';
import { seededApp, type DemoUser } from './harness.ts';

// China time 2027-03-01: after every seeded appraisal, so a new one is the house's latest.
const clock = Date.parse('2027-03-01T10:00:00+08:00');
const TODAY = '2027-03-01';
let t: ReturnType<typeof seededApp>;
let county: [number, number, number, number];

beforeAll(async () => {
  t = seededApp(2000, 7, { now: () => clock });
  county = await t.countyBox();
});
afterAll(() => t.close());

type Page = { total: number; features: { id: number; properties: { grade: string | null; regionCode: string } }[]; truncated: boolean; next: string | null };

/** The page as a browser gets it (gzip accepted): status, headers, the raw gzipped bytes and the JSON. */
async function gzipped(path: string, as: DemoUser = 'county', headers: Record<string, string> = {}) {
  const res = await t.request(path, { as, headers: { 'accept-encoding': 'gzip', ...headers } });
  const raw = res.status === 200 ? new Uint8Array(await res.arrayBuffer()) : new Uint8Array();
  const text = res.headers.get('content-encoding') === 'gzip' ? gunzipSync(raw).toString('utf8') : Buffer.from(raw).toString('utf8');
  return { res, raw, page: res.status === 200 ? (JSON.parse(text) as Page) : null };
}

/** The same page unkept: no gzip asked for. */
const plain = async (path: string, as: DemoUser = 'county') => (await t.json<Page>(path, { as })).body;

const villageBox = () => {
  const [w, s, e, n] = county;
  return [w + (e - w) * 0.4, s + (n - s) * 0.4, w + (e - w) * 0.6, s + (n - s) * 0.6].map((v) => v.toFixed(6)).join(',');
};

describe('GET /api/households kept per map version', () => {
  it('answers a kept page identical to the query, and 304 to its ETag', async () => {
    const path = `/api/households?bbox=${villageBox()}`;
    const first = await gzipped(path);
    expect(first.res.status).toBe(200);
    expect(first.res.headers.get('content-encoding')).toBe('gzip');
    expect(first.res.headers.get('cache-control')).toBe('private, no-cache');
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.page!.features.length).toBeGreaterThan(10);
    expect(first.page).toEqual(await plain(path));

    const second = await gzipped(path);
    expect(Buffer.from(second.raw).equals(Buffer.from(first.raw))).toBe(true);
    expect(second.res.headers.get('etag')).toBe(etag);
    expect((await gzipped(path, 'county', { 'if-none-match': etag })).res.status).toBe(304);

    // The whole county, read from a snapshot and streamed, is kept as well, and pages stay pages.
    const whole = await gzipped('/api/households?limit=1500');
    expect(whole.page!.features).toHaveLength(1500);
    expect(whole.page!.truncated).toBe(true);
    const wholeAgain = await gzipped('/api/households?limit=1500');
    expect(Buffer.from(wholeAgain.raw).equals(Buffer.from(whole.raw))).toBe(true);
    expect(wholeAgain.page).toEqual(await plain('/api/households?limit=1500'));
  });

  it("never answers one jurisdiction's page to another", async () => {
    const path = '/api/households?limit=5000';
    const countyPage = await gzipped(path, 'county');
    const townshipPage = await gzipped(path, 'township');
    const myTownship = (await t.json('/api/auth/me', { as: 'township' })).body.user.region.code as string;
    expect(townshipPage.res.headers.get('etag')).not.toBe(countyPage.res.headers.get('etag'));
    expect(townshipPage.page!.total).toBeLessThan(countyPage.page!.total);
    expect(townshipPage.page!.features.every((f) => f.properties.regionCode.startsWith(myTownship.slice(0, 9)))).toBe(true);
    // The county's ETag is no good for the township.
    expect((await gzipped(path, 'township', { 'if-none-match': countyPage.res.headers.get('etag')! })).res.status).toBe(200);
  });

  it('makes a new page at once after a write that changes the map, and keeps it through writes that do not', async () => {
    const path = `/api/households?bbox=${villageBox()}`;
    const before = await gzipped(path);
    const etag = before.res.headers.get('etag')!;
    expect((await t.json('/api/auth/tokens', { method: 'POST', body: { name: 'qgis' } })).status).toBe(201);
    expect((await gzipped(path, 'county', { 'if-none-match': etag })).res.status).toBe(304);

    const staffId = (await t.json('/api/auth/me', { as: 'staff' })).body.user.id as number;
    const trained = await t.json('/api/trainings', {
      method: 'POST',
      body: { userId: staffId, kind: 'appraisal', course: '农村住房安全性鉴定', trainedOn: '2026-01-10', validUntil: '2029-01-10' },
    });
    expect(trained.status, JSON.stringify(trained.body)).toBe(201);
    const target = before.page!.features.find((f) => f.properties.grade !== 'D')!;
    const houseId = (t.db.prepare('SELECT id FROM houses WHERE household_id = ? AND is_current = 1').get(target.id) as { id: number }).id;
    const appraised = await t.json(`/api/houses/${houseId}/appraisals`, { method: 'POST', as: 'staff', body: { kind: 'formal', appraiserId: staffId, date: TODAY, grade: 'D' } });
    expect(appraised.status, JSON.stringify(appraised.body)).toBe(201);

    const after = await gzipped(path, 'county', { 'if-none-match': etag });
    expect(after.res.status).toBe(200);
    expect(after.res.headers.get('etag')).not.toBe(etag);
    expect(after.page!.features.find((f) => f.id === target.id)!.properties.grade).toBe('D');
    expect(after.page).toEqual(await plain(path));
  });

  it('makes a page once for a burst of identical requests: the others wait for it', async () => {
    const cache = pageCacheOf(t.db);
    const made = cache.made;
    const path = `/api/households?bbox=${villageBox()}&grade=A,B`;
    const answers = await Promise.all(Array.from({ length: 12 }, () => gzipped(path)));
    expect(cache.made).toBe(made + 1);
    expect(answers.every((a) => a.res.status === 200 && Buffer.from(a.raw).equals(Buffer.from(answers[0]!.raw)))).toBe(true);
    expect(answers[0]!.page).toEqual(await plain(path));
  });

  it('never keeps a page that reads patrol results (from/to)', async () => {
    const res = await t.request('/api/households?limit=100&from=2027-01-01&to=2027-02-28', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('etag')).toBeNull();
    expect(res.headers.get('cache-control')).toBe('no-store');
  });
});
