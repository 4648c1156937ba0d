import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { booleanPointInPolygon } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp, type DemoUser } from './harness.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/cap', name), 'utf8');
const JULY_10_3PM = Date.parse('2024-07-10T15:00:00+08:00');
let clock = JULY_10_3PM;
let t: ReturnType<typeof seededApp>;
type Point = { id: number; geometry: { coordinates: [number, number] }; properties: { grade: string | null; villageName: string } };
let households: Point[];

beforeAll(async () => {
  t = seededApp(2000, 3, { now: () => clock });
  households = (await t.json<{ features: Point[] }>('/api/households')).body.features;
});
afterAll(() => t.close());

const alertCount = () => (t.db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n;
const importXml = (xml: string, as: DemoUser = 'county') =>
  t.json<any>('/api/alerts/import', { method: 'POST', body: xml, headers: { 'content-type': 'application/xml' }, as });
const inZone = (geometry: object, p: Point) => booleanPointInPolygon(p.geometry.coordinates, { type: 'Feature', properties: {}, geometry } as any);

const square = (x0: number, y0: number, x1: number, y1: number) => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const drawn = (over: Record<string, unknown> = {}) => ({
  type: 'rainstorm',
  level: 'yellow',
  headline: '城关镇暴雨黄色预警（手绘）',
  expiresAt: '2024-07-11T08:00:00+08:00',
  geometry: square(108.64, 33.06, 108.8, 33.2),
  ...over,
});

let rainId: number;

describe('CAP import → exposure → Cancel', () => {
  it('imports the Chinese rainstorm red warning and lists it active with its zh-CN headline', async () => {
    const res = await importXml(fixture('rainstorm-red.xml'));
    expect(res.status).toBe(201);
    expect(res.body.results).toEqual([{ action: 'created', alertId: expect.any(Number) }]);
    rainId = res.body.results[0].alertId;

    const list = await t.json<any>('/api/alerts?status=active');
    expect(list.status).toBe(200);
    expect(list.body.type).toBe('FeatureCollection');
    const f = list.body.features.find((x: any) => x.id === rainId);
    expect(f.properties).toMatchObject({
      status: 'active',
      type: 'rainstorm',
      level: 'red',
      headline: '安居县气象台发布暴雨红色预警信号',
      issuer: '安居县气象台',
      language: 'zh-CN',
      source: 'cap',
      cap: { sender: '61099941600000', identifier: '61099941600000_20240710140000', sent: '2024-07-10T14:00:00+08:00' },
    });
    expect(f.properties.infos.map((i: any) => i.language)).toEqual(['zh-CN', 'en-US']);
    expect(f.geometry.type).toBe('Polygon');
    expect(f.geometry.coordinates[0][0]).toEqual([108.42, 33.02]);
    expect(f.properties.exposure.total).toBeGreaterThan(0);
  });

  it('counts exactly the households an independent turf computation finds in the zone', async () => {
    const alert = (await t.json<any>(`/api/alerts/${rainId}`)).body;
    const expected = households.filter((h) => inZone(alert.geometry, h));
    expect(expected.length).toBeGreaterThan(50);
    const { status, body } = await t.json<any>(`/api/alerts/${rainId}/exposure?limit=100000`);
    expect(status).toBe(200);
    expect(body.alertId).toBe(rainId);
    expect(body.total).toBe(expected.length);
    expect(body.households.map((h: any) => h.id).sort((a: number, b: number) => a - b)).toEqual(expected.map((h) => h.id).sort((a, b) => a - b));
    for (const g of ['A', 'B', 'C', 'D'] as const) expect(body.byGrade[g]).toBe(expected.filter((h) => h.properties.grade === g).length);
    expect(body.byGrade.none).toBe(expected.filter((h) => h.properties.grade === null).length);
    expect(Object.values(body.byStructure as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(expected.length);
    const risks = body.households.map((h: any) => h.risk);
    expect(risks).toEqual([...risks].sort((a, b) => b - a));
    expect(body.households[0]).toMatchObject({ householdNo: expect.any(String), villageName: expect.any(String), structure: expect.any(String) });
    // The list's count is the same number.
    const listed = (await t.json<any>('/api/alerts')).body.features.find((x: any) => x.id === rainId);
    expect(listed.properties.exposure.total).toBe(expected.length);
    // A limit trims the ranked list, not the counts.
    const top = (await t.json<any>(`/api/alerts/${rainId}/exposure?limit=5`)).body;
    expect(top.households).toHaveLength(5);
    expect(top.total).toBe(expected.length);
    expect(top.truncated).toBe(true);
  });

  it('limits exposure to the caller’s jurisdiction', async () => {
    const mine = (await t.json<{ features: Point[] }>('/api/households', { as: 'township' })).body.features;
    const alert = (await t.json<any>(`/api/alerts/${rainId}`)).body;
    const expected = mine.filter((h) => inZone(alert.geometry, h));
    const body = (await t.json<any>(`/api/alerts/${rainId}/exposure?limit=100000`, { as: 'township' })).body;
    expect(body.total).toBe(expected.length);
    expect(body.total).toBeLessThan((await t.json<any>(`/api/alerts/${rainId}/exposure`)).body.total);
  });

  it('answers which alerts cover a household, with its risk', async () => {
    const alert = (await t.json<any>(`/api/alerts/${rainId}`)).body;
    const inside = households.find((h) => inZone(alert.geometry, h))!;
    const outside = households.find((h) => !inZone(alert.geometry, h))!;
    const res = await t.json<any>(`/api/households/${inside.id}/alerts`);
    expect(res.status).toBe(200);
    expect(res.body.features.map((f: any) => f.id)).toContain(rainId);
    const exposure = (await t.json<any>(`/api/alerts/${rainId}/exposure?limit=100000`)).body;
    const f = res.body.features.find((x: any) => x.id === rainId);
    expect(f.properties.risk).toBe(exposure.households.find((h: any) => h.id === inside.id).risk);
    expect((await t.json<any>(`/api/households/${outside.id}/alerts`)).body.features.map((x: any) => x.id)).not.toContain(rainId);
    expect((await t.json<any>('/api/households/99999999/alerts')).status).toBe(404);
  });

  it('imports the same message twice as one alert', async () => {
    const before = alertCount();
    const again = await importXml(fixture('rainstorm-red.xml'));
    expect(again.status).toBe(200);
    expect(again.body.results).toEqual([{ action: 'duplicate', alertId: rainId }]);
    expect(alertCount()).toBe(before);
  });

  it('ends the warning with the CAP Cancel', async () => {
    const res = await importXml(fixture('rainstorm-red-cancel.xml'));
    expect(res.status).toBe(200);
    expect(res.body.results).toEqual([{ action: 'cancelled', alertId: rainId }]);
    const one = (await t.json<any>(`/api/alerts/${rainId}`)).body;
    expect(one.properties.status).toBe('cancelled');
    expect(one.properties.history.map((h: any) => h.kind)).toEqual(['create', 'cancel']);
    expect((await t.json<any>('/api/alerts?status=active')).body.features.map((f: any) => f.id)).not.toContain(rainId);
    expect((await t.json<any>('/api/alerts?status=cancelled')).body.features.map((f: any) => f.id)).toContain(rainId);
    // A cancelled alert is not active for anyone's house any more.
    const alert = one;
    const inside = households.find((h) => inZone(alert.geometry, h))!;
    expect((await t.json<any>(`/api/households/${inside.id}/alerts`)).body.features.map((x: any) => x.id)).not.toContain(rainId);
    // An Update after the Cancel is refused.
    const late = fixture('rainstorm-red.xml')
      .replace('<msgType>Alert</msgType>', '<msgType>Update</msgType><references>61099941600000,61099941600000_20240710140000,2024-07-10T14:00:00+08:00</references>')
      .replace('_20240710140000</identifier>', '_20240710220000</identifier>');
    expect((await importXml(late)).status).toBe(409);
  });
});

describe('other CAP messages', () => {
  it('imports a geocode-only geological warning as its townships, and an Update changes its level and expiry', async () => {
    const res = await importXml(fixture('geological-orange-geocode.xml'));
    expect(res.status).toBe(201);
    const f = res.body.features[0];
    expect(f.properties).toMatchObject({ type: 'geological', level: 'orange', regionCodes: ['610999104000', '610999108000'], status: 'active' });
    expect(f.geometry.type).toBe('MultiPolygon');
    const expected = households.filter((h) => inZone(f.geometry, h)).length;
    expect((await t.json<any>(`/api/alerts/${f.id}/exposure`)).body.total).toBe(expected);

    const update = fixture('geological-orange-geocode.xml')
      .replace('<cap:msgType>Alert</cap:msgType>', '<cap:msgType>Update</cap:msgType><cap:references>anju-zrzyj@shaanxi.gov.cn,610999-ZRZY-2024-0087,2024-07-10T17:30:00+08:00</cap:references>')
      .replace('2024-0087</cap:identifier>', '2024-0088</cap:identifier>')
      .replace('风险橙色预警', '风险红色预警')
      .replace('<cap:severity>Severe</cap:severity>', '<cap:severity>Extreme</cap:severity>')
      .replace('2024-07-11T20:00:00+08:00', '2024-07-12T08:00:00+08:00');
    const up = await importXml(update);
    expect(up.status).toBe(200);
    expect(up.body.results).toEqual([{ action: 'updated', alertId: f.id }]);
    expect(up.body.features[0].properties).toMatchObject({ level: 'red', expiresAt: '2024-07-12T00:00:00.000Z', version: 2 });
  });

  it('imports a freeze warning drawn as a circle; last January’s warning shows as expired', async () => {
    const res = await importXml(fixture('freeze-yellow-circle.xml'));
    expect(res.status).toBe(201);
    const f = res.body.features[0];
    expect(f.properties).toMatchObject({ type: 'freeze', level: 'yellow', status: 'expired' });
    expect(f.geometry.coordinates[0]).toHaveLength(65);
    expect((await t.json<any>('/api/alerts?status=expired')).body.features.map((x: any) => x.id)).toContain(f.id);
  });

  it('lists active alerts first, then by level', async () => {
    const list = (await t.json<any>('/api/alerts')).body.features;
    const statuses = list.map((f: any) => f.properties.status);
    const firstInactive = statuses.findIndex((s: string) => s !== 'active');
    expect(statuses.slice(firstInactive).every((s: string) => s !== 'active')).toBe(true);
    expect(list.filter((f: any) => f.properties.status !== 'active').every((f: any) => f.properties.exposure === null)).toBe(true);
  });
});

describe('drawn alerts and edits', () => {
  let id: number;
  it('creates a drawn alert from GeoJSON and imports a FeatureCollection', async () => {
    const res = await t.json<any>('/api/alerts', { method: 'POST', body: drawn() });
    expect(res.status).toBe(201);
    id = res.body.id;
    expect(res.body.properties).toMatchObject({ source: 'drawn', status: 'active', issuer: '县住建局管理员', effectiveAt: new Date(clock).toISOString() });

    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: square(108.4, 33.0, 108.5, 33.1), properties: { type: 'flash_flood', level: 'orange', headline: '山洪橙色预警', expiresAt: '2024-07-11T08:00:00+08:00', fill: '#f80' } },
        { type: 'Feature', geometry: square(108.9, 33.0, 109.0, 33.1), properties: { type: 'icing', level: 'blue', headline: '道路结冰蓝色预警', expiresAt: '2024-07-11T08:00:00+08:00' } },
      ],
    };
    const imp = await t.json<any>('/api/alerts/import', { method: 'POST', body: JSON.stringify(fc), headers: { 'content-type': 'application/geo+json' } });
    expect(imp.status).toBe(201);
    expect(imp.body.features.map((f: any) => [f.properties.type, f.properties.source])).toEqual([
      ['flash_flood', 'geojson'],
      ['icing', 'geojson'],
    ]);
  });

  it('extends, re-levels and then cancels with PATCH; a cancelled alert cannot be edited', async () => {
    const ext = await t.json<any>(`/api/alerts/${id}`, { method: 'PATCH', body: { expiresAt: '2024-07-12T08:00:00+08:00', level: 'orange' } });
    expect(ext.status).toBe(200);
    expect(ext.body.properties).toMatchObject({ expiresAt: '2024-07-12T00:00:00.000Z', level: 'orange', status: 'active', version: 2 });
    expect(ext.body.properties.history[1].changes.level).toEqual({ before: 'yellow', after: 'orange' });

    const bad = await t.json<any>(`/api/alerts/${id}`, { method: 'PATCH', body: { expiresAt: '2024-07-01T00:00:00+08:00' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.field).toBe('expiresAt');
    expect((await t.json<any>(`/api/alerts/${id}`, { method: 'PATCH', body: {} })).status).toBe(400);
    expect((await t.json<any>(`/api/alerts/${id}`, { method: 'PATCH', body: { level: 'purple' } })).body.error.field).toBe('level');

    const cancel = await t.json<any>(`/api/alerts/${id}`, { method: 'PATCH', body: { status: 'cancelled' } });
    expect(cancel.body.properties.status).toBe('cancelled');
    const again = await t.json<any>(`/api/alerts/${id}`, { method: 'PATCH', body: { level: 'red' } });
    expect(again.status).toBe(409);
    expect(again.body.error.code).toBe('alert_cancelled');
  });

  it('turns active into expired as the clock passes expiresAt, with nothing stored', async () => {
    const res = await t.json<any>('/api/alerts', { method: 'POST', body: drawn({ expiresAt: '2024-07-10T16:00:00+08:00' }) });
    expect(res.body.properties.status).toBe('active');
    clock = Date.parse('2024-07-10T16:00:01+08:00');
    try {
      expect((await t.json<any>(`/api/alerts/${res.body.id}`)).body.properties.status).toBe('expired');
      // Extending an expired alert brings it back.
      const ext = await t.json<any>(`/api/alerts/${res.body.id}`, { method: 'PATCH', body: { expiresAt: '2024-07-10T20:00:00+08:00' } });
      expect(ext.body.properties.status).toBe('active');
    } finally {
      clock = JULY_10_3PM;
    }
  });

  it('answers 404 for an alert that does not exist', async () => {
    const res = await t.json<any>('/api/alerts/987654');
    expect(res.status).toBe(404);
    expect(res.body.error).toMatchObject({ code: 'alert_not_found', field: 'id' });
    expect((await t.json<any>('/api/alerts/987654/exposure')).status).toBe(404);
  });
});

describe('bad input stores nothing', () => {
  const ring = [[108.5, 33.0], [108.7, 33.0], [108.7, 33.2], [108.5, 33.2], [108.5, 33.0]];
  const poly = (coordinates: unknown) => ({ type: 'Polygon', coordinates });
  const jsonCases: [name: string, body: unknown, code: string, field: string][] = [
    ['unclosed ring', drawn({ geometry: poly([ring.slice(0, 4)]) }), 'unclosed_ring', 'geometry.coordinates[0]'],
    ['self-intersecting ring', drawn({ geometry: poly([[[108.5, 33.0], [108.7, 33.2], [108.7, 33.0], [108.5, 33.2], [108.5, 33.0]]]) }), 'self_intersection', 'geometry.coordinates[0]'],
    ['fewer than 4 positions', drawn({ geometry: poly([[[108.5, 33.0], [108.7, 33.0], [108.5, 33.0]]]) }), 'too_few_positions', 'geometry.coordinates[0]'],
    ['latitude out of range', drawn({ geometry: poly([ring.map(([x, y], i) => (i === 2 ? [x, 95] : [x, y]))]) }), 'out_of_range', 'geometry.coordinates[0][2]'],
    ['swapped axes', drawn({ geometry: poly([ring.map(([x, y]) => [y, x])]) }), 'swapped_axes', 'geometry.coordinates[0][0]'],
    ['far outside the county', drawn({ geometry: square(116.3, 39.9, 116.5, 40.0) }), 'outside_county', 'geometry.coordinates'],
    ['expires before effective', drawn({ effectiveAt: '2024-07-10T18:00:00+08:00', expiresAt: '2024-07-10T17:00:00+08:00' }), 'expires_before_effective', 'expiresAt'],
    ['unknown level', drawn({ level: 'purple' }), 'invalid_input', 'level'],
    ['unknown type', drawn({ type: 'heatwave' }), 'invalid_input', 'type'],
    ['not a polygon', drawn({ geometry: { type: 'Point', coordinates: [108.6, 33.1] } }), 'invalid_geometry_type', 'geometry.type'],
    ['unknown field', drawn({ colour: 'red' }), 'invalid_input', 'colour'],
    ['time without offset', drawn({ expiresAt: '2024-07-11 08:00' }), 'invalid_input', 'expiresAt'],
  ];

  it.each(jsonCases)('POST /api/alerts: %s → 400 naming %s', async (_name, body, code, field) => {
    const before = alertCount();
    const res = await t.json<any>('/api/alerts', { method: 'POST', body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code, field });
    expect(res.body.error.message).toEqual(expect.any(String));
    expect(alertCount()).toBe(before);
  });

  it('names the swapped-axes hint', async () => {
    const res = await t.json<any>('/api/alerts', { method: 'POST', body: jsonCases[4]![1] });
    expect(res.body.error.message).toMatch(/coordinates look like lat,lon — expected lon,lat/);
  });

  const rain = fixture('rainstorm-red.xml');
  const xmlCases: [name: string, xml: string, code: string, field: string][] = [
    ['malformed XML', rain.replace('</headline>', '</headlin>'), 'malformed_xml', 'xml'],
    ['a CAP alert with no area', rain.replaceAll(/<area>[\s\S]*?<\/area>/g, '').replace('_20240710140000<', '_x<'), 'no_area', 'info[0].area'],
    ['an unknown level', rain.replace(/<eventCode>[\s\S]*?<\/eventCode>/, '').replaceAll('Extreme', 'Unknown').replaceAll('红色', '').replace('_20240710140000<', '_y<'), 'unknown_level', 'info[0].severity'],
    ['a Cancel of nothing we know', fixture('rainstorm-red-cancel.xml').replace(',61099941600000_20240710140000,', ',nope,').replace('210000<', '210001<'), 'alert_not_found', 'references'],
  ];

  it.each(xmlCases)('POST /api/alerts/import: %s → error naming %s', async (_name, xml, code, field) => {
    const before = alertCount();
    const updates = (t.db.prepare('SELECT count(*) AS n FROM alert_updates').get() as { n: number }).n;
    const res = await importXml(xml);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.body.error).toMatchObject({ code, field });
    expect(alertCount()).toBe(before);
    expect((t.db.prepare('SELECT count(*) AS n FROM alert_updates').get() as { n: number }).n).toBe(updates);
  });

  it('refuses a whole FeatureCollection when one feature is bad, naming it', async () => {
    const before = alertCount();
    const fc = {
      type: 'FeatureCollection',
      features: [
        { type: 'Feature', geometry: square(108.4, 33.0, 108.5, 33.1), properties: { type: 'flood', level: 'red', headline: '洪水红色预警', expiresAt: '2024-07-11T08:00:00+08:00' } },
        { type: 'Feature', geometry: poly([ring.slice(0, 4)]), properties: { type: 'flood', level: 'red', headline: '洪水红色预警', expiresAt: '2024-07-11T08:00:00+08:00' } },
      ],
    };
    const res = await t.json<any>('/api/alerts/import', { method: 'POST', body: JSON.stringify(fc), headers: { 'content-type': 'application/json' } });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'unclosed_ring', field: 'features[1].geometry.coordinates[0]' });
    const levelBad = { ...fc, features: [fc.features[0], { ...fc.features[0], properties: { ...fc.features[0]!.properties, level: 'pink' } }] };
    const res2 = await t.json<any>('/api/alerts/import', { method: 'POST', body: JSON.stringify(levelBad), headers: { 'content-type': 'application/json' } });
    expect(res2.body.error.field).toBe('features[1].properties.level');
    expect(alertCount()).toBe(before);
  });

  it('refuses malformed JSON and other content types', async () => {
    const before = alertCount();
    const bad = await t.json<any>('/api/alerts/import', { method: 'POST', body: '{"type":', headers: { 'content-type': 'application/json' } });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('malformed_json');
    const plain = await t.json<any>('/api/alerts/import', { method: 'POST', body: 'hello', headers: { 'content-type': 'text/plain' } });
    expect(plain.status).toBe(415);
    expect(alertCount()).toBe(before);
  });

  it('lets only editors write alerts; everyone may read', async () => {
    const before = alertCount();
    expect((await t.json<any>('/api/alerts', { method: 'POST', body: drawn(), as: 'viewer' })).status).toBe(403);
    expect((await importXml(fixture('freeze-yellow-circle.xml'), 'inspector')).status).toBe(403);
    expect((await t.json<any>(`/api/alerts/${rainId}`, { method: 'PATCH', body: { level: 'blue' }, as: 'leader' })).status).toBe(403);
    expect((await t.json<any>('/api/alerts', { as: 'inspector' })).status).toBe(200);
    expect(alertCount()).toBe(before);
  });
});

describe('GET /api/seasons', () => {
  it('says July is flood season and counts the active alerts', async () => {
    const res = await t.json<any>('/api/seasons');
    expect(res.status).toBe(200);
    expect(res.body.date).toBe('2024-07-10');
    expect(res.body.seasons.map((s: any) => s.kind)).toEqual(['flood']);
    const active = (await t.json<any>('/api/alerts?status=active')).body.features.length;
    expect(res.body.activeAlerts).toBe(active);
    expect((await t.json<any>('/api/seasons?date=2025-01-10')).body.seasons.map((s: any) => s.kind)).toEqual(['freeze']);
    expect((await t.json<any>('/api/seasons?date=January')).body.error.field).toBe('date');
  });
});

describe('GET /api/alerts: pages and filters', () => {
  const ids = (body: any): number[] => body.features.map((f: any) => f.id);

  it('pages through the list in its order, with the total and the next offset', async () => {
    const all = (await t.json<any>('/api/alerts?limit=1000')).body;
    expect(all.total).toBe(alertCount());
    expect(all.features).toHaveLength(all.total);
    expect(all.next).toBeNull();
    const seen: number[] = [];
    for (let offset: number | null = 0; offset !== null; ) {
      const page: any = (await t.json<any>(`/api/alerts?limit=3&offset=${offset}`)).body;
      expect(page).toMatchObject({ type: 'FeatureCollection', total: all.total, limit: 3, offset });
      expect(page.features.length).toBeLessThanOrEqual(3);
      seen.push(...ids(page));
      offset = page.next;
    }
    expect(seen).toEqual(ids(all));
  });

  it('filters by status, type, owner region and the time in force; total counts the filtered list', async () => {
    const all = (await t.json<any>('/api/alerts?limit=1000')).body.features as any[];
    const freeze = await t.json<any>('/api/alerts?type=freeze,icing');
    expect(freeze.body.features.map((f: any) => f.properties.type).sort()).toEqual(all.filter((f) => ['freeze', 'icing'].includes(f.properties.type)).map((f) => f.properties.type).sort());
    expect(freeze.body.total).toBe(freeze.body.features.length);
    const cancelled = (await t.json<any>('/api/alerts?status=cancelled&type=rainstorm')).body;
    expect(ids(cancelled)).toContain(rainId);
    expect(cancelled.features.every((f: any) => f.properties.status === 'cancelled' && f.properties.type === 'rainstorm')).toBe(true);

    // In force between 14:00 and 14:30 on 10 July: only the rainstorm red signal (issued 14:00, cancelled at 15:00).
    expect(ids((await t.json<any>('/api/alerts?from=2024-07-10T14:00:00%2B08:00&to=2024-07-10T14:30:00%2B08:00')).body)).toEqual([rainId]);
    const january = (await t.json<any>('/api/alerts?from=2024-01-21T00:00:00%2B08:00&to=2024-01-21T12:00:00%2B08:00')).body;
    expect(january.features.map((f: any) => f.properties.type)).toEqual(['freeze']);
    expect((await t.json<any>('/api/alerts?from=2024-01-22T09:00:00%2B08:00&to=2024-07-10T13:00:00%2B08:00')).body.total).toBe(0);

    // An alert a township drew belongs to that township; the county's belong to the county.
    const township = (await t.json<any>('/api/auth/me', { as: 'township' })).body.user.region.code as string;
    const village = (await t.json<any>('/api/auth/me', { as: 'inspector' })).body.user.region.code as string;
    const zone = (await t.json<any>('/api/basemap/villages')).body.features.find((f: any) => f.properties.code === village).geometry;
    const own = await t.json<any>('/api/alerts', { method: 'POST', as: 'township', body: drawn({ geometry: zone, headline: '河东街道暴雨黄色预警' }) });
    expect(own.status).toBe(201);
    expect(ids((await t.json<any>(`/api/alerts?region=${township}`)).body)).toEqual([own.body.id]);
    expect((await t.json<any>(`/api/alerts?region=${village}`)).body.total).toBe(0);
    const county = (await t.json<any>('/api/regions')).body.county.code as string;
    expect((await t.json<any>(`/api/alerts?region=${county}`)).body.total).toBe(alertCount());
    const otherTownship = (await t.json<any>('/api/regions')).body.county.children.find((n: any) => n.code !== township).code;
    expect((await t.json<any>(`/api/alerts?region=${otherTownship}`, { as: 'township' })).status).toBe(404);
  });

  const bad: [query: string, status: number, field: string][] = [
    ['limit=0', 400, 'limit'],
    ['limit=1001', 400, 'limit'],
    ['limit=ten', 400, 'limit'],
    ['offset=-1', 400, 'offset'],
    ['offset=1.5', 400, 'offset'],
    ['status=stale', 400, 'status'],
    ['type=heatwave', 400, 'type'],
    ['type=', 400, 'type'],
    ['region=6109', 400, 'region'],
    ['region=999999999999', 404, 'region'],
    ['from=yesterday', 400, 'from'],
    ['to=2024-07-10', 400, 'to'],
    ['from=2024-07-11T00:00:00Z&to=2024-07-10T00:00:00Z', 400, 'to'],
    ['cursor=abc', 400, 'cursor'],
  ];
  it.each(bad)('?%s → %i naming %s', async (query, status, field) => {
    const res = await t.json<any>(`/api/alerts?${query}`);
    expect(res.status).toBe(status);
    expect(res.body.error).toMatchObject({ field, message: expect.any(String) });
  });

  it('sends 200 alerts by default, the rest on the next page', async () => {
    const start = alertCount();
    for (let i = start; i < 205; i++) {
      const res = await t.json<any>('/api/alerts', { method: 'POST', body: drawn({ headline: `第${i}号暴雨黄色预警`, geometry: square(108.6, 33.1, 108.61, 33.11) }) });
      expect(res.status).toBe(201);
    }
    const first = (await t.json<any>('/api/alerts')).body;
    expect(first).toMatchObject({ total: 205, limit: 200, offset: 0, next: 200 });
    expect(first.features).toHaveLength(200);
    const rest = (await t.json<any>(`/api/alerts?offset=${first.next}`)).body;
    expect(rest.features).toHaveLength(5);
    expect(rest.next).toBeNull();
    expect(new Set([...ids(first), ...ids(rest)]).size).toBe(205);
  });
});
