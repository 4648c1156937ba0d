import { booleanPointInPolygon } from '@turf/turf';
import { testClient } from 'hono/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from './harness.ts';

type Fc = {
  type: string;
  total: number;
  truncated: boolean;
  features: { type: string; id: number; geometry: { type: string; coordinates: [number, number] }; properties: any }[];
};

let t: ReturnType<typeof seededApp>;
let all: Fc;

beforeAll(async () => {
  t = seededApp(2000, 3);
  all = (await t.json<Fc>('/api/households')).body;
});
afterAll(() => t.close());

describe('GET /api/households', () => {
  it('returns every household as an RFC 7946 FeatureCollection of lon/lat points', async () => {
    const health = await t.json<{ ok: boolean; households: number }>('/api/health');
    expect(health.body).toEqual({ ok: true, households: 2000 });
    expect(all.type).toBe('FeatureCollection');
    expect(all.features).toHaveLength(2000);
    expect(all.total).toBe(2000);
    expect(all.truncated).toBe(false);
    for (const f of all.features) {
      expect(f.type).toBe('Feature');
      expect(f.geometry.type).toBe('Point');
      const [lon, lat] = f.geometry.coordinates;
      expect(lon).toBeGreaterThan(100);
      expect(lon).toBeLessThan(120);
      expect(lat).toBeGreaterThan(25);
      expect(lat).toBeLessThan(40);
      expect(Object.keys(f.properties).sort()).toEqual(
        ['grade', 'headName', 'householdNo', 'id', 'key', 'mustMoveOut', 'overdue', 'regionCode', 'repairedC', 'status', 'structure', 'villageName'].sort(),
      );
      expect(['A', 'B', 'C', 'D', null]).toContain(f.properties.grade);
    }
  });

  it('places every household inside its village polygon', async () => {
    const villages = (await t.json<any>('/api/basemap/villages')).body.features as any[];
    const byCode = new Map(villages.map((v) => [v.properties.code, v]));
    for (const f of all.features) {
      const village = byCode.get(f.properties.regionCode);
      expect(village, `village ${f.properties.regionCode}`).toBeDefined();
      expect(booleanPointInPolygon(f.geometry.coordinates, village)).toBe(true);
    }
  });

  it('a county-wide bbox returns every household, a village bbox exactly those inside it', async () => {
    const county = (await t.json<any>('/api/basemap/county')).body.features[0];
    const coords = (county.geometry.type === 'Polygon' ? [county.geometry.coordinates] : county.geometry.coordinates)
      .flat(2) as [number, number][];
    const lons = coords.map((c) => c[0]);
    const lats = coords.map((c) => c[1]);
    const whole = `${Math.min(...lons)},${Math.min(...lats)},${Math.max(...lons)},${Math.max(...lats)}`;
    expect((await t.json<Fc>(`/api/households?bbox=${whole}`)).body.features).toHaveLength(2000);

    const sample = all.features[17]!.geometry.coordinates;
    const box = [sample[0] - 0.01, sample[1] - 0.01, sample[0] + 0.01, sample[1] + 0.01];
    const expected = all.features
      .filter(({ geometry: { coordinates: [x, y] } }) => x >= box[0]! && x <= box[2]! && y >= box[1]! && y <= box[3]!)
      .map((f) => f.id);
    const got = (await t.json<Fc>(`/api/households?bbox=${box.join(',')}`)).body;
    expect(got.features.map((f) => f.id)).toEqual(expected);
    expect(expected.length).toBeGreaterThan(0);
  });

  it('confirms exact coordinates after the float32 R*Tree prefilter', async () => {
    const [lon, lat] = all.features[5]!.geometry.coordinates;
    // A box whose east edge stops a hair west of the point: float32 rounding would let it in.
    const justOutside = `${lon - 0.5},${lat - 0.5},${lon - 1e-9},${lat + 0.5}`;
    const ids = (await t.json<Fc>(`/api/households?bbox=${justOutside}`)).body.features.map((f) => f.id);
    expect(ids).not.toContain(all.features[5]!.id);
    const onEdge = `${lon - 0.5},${lat - 0.5},${lon},${lat + 0.5}`;
    expect((await t.json<Fc>(`/api/households?bbox=${onEdge}`)).body.features.map((f) => f.id)).toContain(
      all.features[5]!.id,
    );
  });

  it('filters by grade (including never appraised), structure, key and repaired C', async () => {
    const cd = (await t.json<Fc>('/api/households?grade=C,D')).body.features;
    expect(cd.length).toBe(all.features.filter((f) => f.properties.grade === 'C' || f.properties.grade === 'D').length);
    expect(cd.length).toBeGreaterThan(0);
    const none = (await t.json<Fc>('/api/households?grade=none')).body.features;
    expect(none.every((f) => f.properties.grade === null)).toBe(true);
    expect(none.length).toBe(all.features.filter((f) => f.properties.grade === null).length);

    const fragile = (await t.json<Fc>('/api/households?structure=earth_wood,adobe')).body.features;
    expect(fragile.length).toBeGreaterThan(0);
    expect(fragile.every((f) => ['earth_wood', 'adobe'].includes(f.properties.structure))).toBe(true);

    const key = (await t.json<Fc>('/api/households?key=true')).body.features;
    expect(key.length).toBe(all.features.filter((f) => f.properties.key).length);
    expect(key.every((f) => f.properties.grade !== 'C' && f.properties.grade !== 'D')).toBe(true);

    const repaired = (await t.json<Fc>('/api/households?repairedC=1&grade=A,B')).body.features;
    expect(repaired.length).toBeGreaterThan(0);
    expect(repaired.every((f) => f.properties.repairedC && f.properties.key)).toBe(true);
  });

  it('answers the region tree typed for the client down to the groups, rooted at the caller\'s jurisdiction', async () => {
    const treeOf = async (user: 'county' | 'township') => {
      const s = await t.sessionOf(user);
      const res = await testClient(t.app, {}, undefined, { headers: { cookie: s.cookie } }).api.regions.$get();
      if (res.status !== 200) throw new Error(`regions → ${res.status}`);
      return (await res.json()).county;
    };
    const county = await treeOf('county');
    // No cast: the answer's type reaches the groups (a self-referencing type would stop at JSONValue).
    const village = county.children[0]!.children[0]!;
    const group = village.children[0]!;
    expect([county.level, village.level, group.level]).toEqual(['county', 'village', 'group']);
    expect(group.parentCode).toBe(village.code);
    expect(group.children).toEqual([]);

    const township = await treeOf('township');
    expect(township.level).toBe('township');
    expect(township.children[0]!.children[0]!.level).toBe('group');
  });

  it('filters by a region code at any level', async () => {
    const tree = (await t.json<any>('/api/regions')).body.county;
    expect(tree.level).toBe('county');
    const township = tree.children[0];
    const village = township.children[0];
    const group = village.children[0];
    expect(township.level).toBe('township');
    expect(village.level).toBe('village');
    expect(group.level).toBe('group');

    const inCounty = (await t.json<Fc>(`/api/households?region=${tree.code}`)).body.features;
    expect(inCounty).toHaveLength(2000);
    const byVillage = (await t.json<Fc>(`/api/households?region=${village.code}`)).body.features;
    expect(byVillage.every((f) => f.properties.regionCode === village.code)).toBe(true);
    expect(byVillage.length).toBe(all.features.filter((f) => f.properties.regionCode === village.code).length);
    const villageCodes = new Set(township.children.map((v: any) => v.code));
    const byTownship = (await t.json<Fc>(`/api/households?region=${township.code}`)).body.features;
    expect(byTownship.length).toBe(all.features.filter((f) => villageCodes.has(f.properties.regionCode)).length);
    const byGroup = (await t.json<Fc>(`/api/households?region=${group.code}`)).body.features;
    expect(byGroup.length).toBeLessThanOrEqual(byVillage.length);
  });

  it('searches by household number and by name, and caps with limit', async () => {
    const target = all.features[42]!.properties;
    const byNo = (await t.json<Fc>(`/api/households?q=${encodeURIComponent(target.householdNo)}`)).body.features;
    expect(byNo.map((f) => f.id)).toEqual([target.id]);
    const byName = (await t.json<Fc>(`/api/households?q=${encodeURIComponent(target.headName)}`)).body.features;
    expect(byName.map((f) => f.id)).toContain(target.id);
    // LIKE wildcards in the search are literal characters, not patterns.
    expect((await t.json<Fc>('/api/households?q=%25')).body.features).toHaveLength(0);

    const capped = (await t.json<Fc>('/api/households?limit=10')).body;
    expect(capped.features).toHaveLength(10);
    expect(capped.total).toBe(2000);
    expect(capped.truncated).toBe(true);
  });
});

describe('GET /api/households/:id', () => {
  it('gives the household, its house and appraisal timeline with ID card and phone masked', async () => {
    const withHistory = all.features.find((f) => f.properties.repairedC)!;
    const res = await t.json<any>(`/api/households/${withHistory.id}`);
    expect(res.status).toBe(200);
    const d = res.body;
    expect(d.householdNo).toBe(withHistory.properties.householdNo);
    expect(d.idCard).toMatch(/^\d{4}\*{10}\d{3}[\dX]$/);
    if (d.phone !== null) expect(d.phone).toMatch(/^\d{3}\*{4}\d{4}$/);
    expect(d.members).toBeGreaterThanOrEqual(1);
    expect(d.house.grade).toBe(withHistory.properties.grade);
    expect(d.house.repairedC).toBe(true);
    expect(d.appraisals.map((a: any) => a.grade)).toContain('C');
    const dates = d.appraisals.map((a: any) => a.appraisedOn);
    expect(dates).toEqual([...dates].sort().reverse());
    expect(d.renovations.some((r: any) => r.method === 'repair_strengthen')).toBe(true);
    expect(d.region.village.code).toBe(withHistory.properties.regionCode);
    // Nothing in the whole response looks like a full 18-digit ID or an 11-digit mobile number.
    expect(JSON.stringify(d)).not.toMatch(/\d{17}[\dX]|1[3-9]\d{9}/);
  });

  it('answers 404 with a JSON error for a household that does not exist', async () => {
    const res = await t.json<any>('/api/households/99999999');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'household_not_found', field: 'id' });
  });
});

describe('GET /api/stats', () => {
  it('counts by grade and structure agree with the household list, county-wide and per township', async () => {
    const s = (await t.json<any>('/api/stats')).body;
    expect(s.total).toBe(2000);
    for (const g of ['A', 'B', 'C', 'D'] as const) {
      expect(s.byGrade[g]).toBe(all.features.filter((f) => f.properties.grade === g).length);
    }
    expect(s.byGrade.none).toBe(all.features.filter((f) => f.properties.grade === null).length);
    expect(s.byStructure.earth_wood).toBe(all.features.filter((f) => f.properties.structure === 'earth_wood').length);
    expect(s.key).toBe(all.features.filter((f) => f.properties.key).length);
    expect(s.repairedC).toBe(all.features.filter((f) => f.properties.repairedC).length);

    const township = (await t.json<any>('/api/regions')).body.county.children[1];
    const ts = (await t.json<any>(`/api/stats?region=${township.code}`)).body;
    const list = (await t.json<Fc>(`/api/households?region=${township.code}`)).body;
    expect(ts.total).toBe(list.features.length);
  });
});

describe('GET /api/basemap/:layer', () => {
  it('serves the county, its townships and villages, rivers, roads and labels offline', async () => {
    for (const layer of ['county', 'townships', 'villages', 'rivers', 'roads', 'labels']) {
      const res = await t.json<any>(`/api/basemap/${layer}`);
      expect(res.status, layer).toBe(200);
      expect(res.body.type).toBe('FeatureCollection');
      expect(res.body.features.length, layer).toBeGreaterThan(0);
    }
    const townships = (await t.json<any>('/api/basemap/townships')).body.features;
    expect(townships.length).toBeGreaterThanOrEqual(8);
    expect(townships[0].properties.name).toMatch(/[\u4e00-\u9fff]/);
  });
});
