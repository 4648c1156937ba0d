// Real warning feeds (issue 9) through POST /api/alerts/import as raw bytes: which messages import, and
// why the others are refused — each refusal a 4xx naming what is wrong, with nothing stored.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { manyAreasMessage } from '../fixtures/cap/many-areas.ts';
import { seededApp } from './harness.ts';

const bytesOf = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/cap', name));
const textOf = (name: string) => bytesOf(name).toString('utf8');
const clock = Date.parse('2024-07-10T15:00:00+08:00');
let t: ReturnType<typeof seededApp>;

beforeAll(() => {
  t = seededApp(1000, 5, { now: () => clock });
});
afterAll(() => t.close());

const counts = () => ({
  alerts: (t.db.prepare('SELECT count(*) AS n FROM alerts').get() as { n: number }).n,
  versions: (t.db.prepare('SELECT count(*) AS n FROM alert_updates').get() as { n: number }).n,
});

/** The body exactly as given (bytes or text), as the county administrator. */
async function post(body: Uint8Array | string, contentType = 'application/xml') {
  const s = await t.sessionOf('county');
  const res = await t.app.request('/api/alerts/import', {
    method: 'POST',
    headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken, 'content-type': contentType },
    body: typeof body === 'string' ? body : new Uint8Array(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

/** A refusal: 4xx with the code and element, and nothing stored. */
async function refused(body: Uint8Array | string, code: string, field?: string, contentType?: string) {
  const before = counts();
  const res = await post(body, contentType);
  expect(res.status, JSON.stringify(res.body)).toBeGreaterThanOrEqual(400);
  expect(res.status).toBeLessThan(500);
  expect(res.body.error).toMatchObject({ code, ...(field ? { field } : {}) });
  expect(res.body.error.message).toEqual(expect.any(String));
  expect(counts()).toEqual(before);
  return res.body.error as { code: string; field: string; message: string };
}

describe('messages that import', () => {
  it('imports a CAP 1.1 flash flood warning from a US NWS-style feed (SAME FFW; Severe → orange)', async () => {
    const res = await post(bytesOf('nws-flash-flood-warning-cap11.xml'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.features[0].properties).toMatchObject({
      type: 'flash_flood',
      level: 'orange',
      event: 'Flash Flood Warning',
      issuer: 'NWS Baltimore MD/Washington DC',
      language: 'en-US',
      expiresAt: '2024-07-10T09:15:00.000Z',
      noExpiryGiven: false,
      status: 'active',
    });
  });

  it('reads a GBK-encoded warning from the national release system in the encoding it declares', async () => {
    const res = await post(bytesOf('cn-rainstorm-orange-gbk.xml'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const p = res.body.features[0].properties;
    expect(p).toMatchObject({ type: 'rainstorm', level: 'orange', event: '暴雨', issuer: '安居县气象台', headline: '安居县气象台发布暴雨橙色预警信号[Ⅱ级/严重]' });
    expect(p.description).toMatch(/城关镇、金川镇、马池镇降雨量将达50毫米以上/);
    expect(JSON.stringify(p)).not.toContain('\uFFFD');
  });

  it('then applies its Update (orange → red, a new zone) and its Cancel', async () => {
    const up = await post(bytesOf('cn-rainstorm-red-update.xml'));
    expect(up.status, JSON.stringify(up.body)).toBe(200);
    expect(up.body.results[0].action).toBe('updated');
    expect(up.body.features[0].properties).toMatchObject({ level: 'red', expiresAt: '2024-07-13T03:30:00.000Z', status: 'active' });
    const cancel = await post(bytesOf('cn-rainstorm-cancel.xml'));
    expect(cancel.status, JSON.stringify(cancel.body)).toBe(200);
    expect(cancel.body.results[0]).toMatchObject({ action: 'cancelled', alertId: up.body.results[0].alertId });
    expect(cancel.body.features[0].properties.status).toBe('cancelled');
  });

  it('imports a warning with no <expires>: the default validity for its type and level, marked noExpiryGiven', async () => {
    const res = await post(bytesOf('cn-rainstorm-yellow-no-expires.xml'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const p = res.body.features[0].properties;
    // yellow rainstorm: 12 h after its effective time (16:00 +08:00), alert-validity.ts
    expect(p).toMatchObject({ type: 'rainstorm', level: 'yellow', effectiveAt: '2024-07-10T08:00:00.000Z', expiresAt: '2024-07-10T20:00:00.000Z', noExpiryGiven: true });
    const listed = (await t.json<any>('/api/alerts')).body.features.find((f: any) => f.id === p.id);
    expect(listed.properties.noExpiryGiven).toBe(true);
    // Someone who then sets an end clears the mark.
    const patched = await t.json<any>(`/api/alerts/${p.id}`, { method: 'PATCH', body: { expiresAt: '2024-07-11T08:00:00+08:00' } });
    expect(patched.body.properties).toMatchObject({ noExpiryGiven: false, expiresAt: '2024-07-11T00:00:00.000Z' });
  });

  it('imports a MeteoAlarm multi-language wind warning as gale, shown in English, every language kept with its area description', async () => {
    const res = await post(bytesOf('meteoalarm-wind-orange-multilang.xml'));
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const p = res.body.features[0].properties;
    expect(p).toMatchObject({ type: 'gale', level: 'orange', language: 'en-GB', headline: 'Official WARNING of GALE-FORCE GUSTS' });
    expect(p.infos.map((i: any) => [i.language, i.event, i.areaDesc])).toEqual([
      ['de-DE', 'STURMBÖEN', 'Kreis und Stadt Anju'],
      ['en-GB', 'gale-force gusts', 'District and city of Anju'],
    ]);
    // The warning panel reads one alert with every language, its texts and its history.
    const one = await t.json<any>(`/api/alerts/${res.body.features[0].id}`);
    expect(one.body.properties.infos[1]).toMatchObject({ description: expect.stringContaining('gust'), areaDesc: 'District and city of Anju' });
    expect(one.body.properties.history.map((h: any) => h.kind)).toEqual(['create']);
  });

  it('reads UTF-16 with a byte-order mark, and ISO-8859-1 when declared', async () => {
    const rain = textOf('rainstorm-red.xml').replace('encoding="UTF-8"', 'encoding="UTF-16"').replaceAll('_20240710140000<', '_u16<');
    const utf16 = Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(rain, 'utf16le')]);
    const a = await post(utf16);
    expect(a.status, JSON.stringify(a.body)).toBe(201);
    expect(a.body.features[0].properties.headline).toBe('安居县气象台发布暴雨红色预警信号');

    const latin = textOf('meteoalarm-wind-orange-multilang.xml').replace('encoding="UTF-8"', 'encoding="ISO-8859-1"').replace('.MUL</identifier>', '.LAT</identifier>');
    const b = await post(iconv.encode(latin, 'latin1'));
    expect(b.status, JSON.stringify(b.body)).toBe(201);
    expect(b.body.features[0].properties.infos[0].event).toBe('STURMBÖEN');
  });

  it('imports an unknown natural hazard as `other`, keeping the sender’s event text', async () => {
    const heat = textOf('rainstorm-red.xml')
      .replaceAll('<event>暴雨</event>', '<event>高温</event>')
      .replaceAll('<event>Rainstorm</event>', '<event>Heat</event>')
      .replaceAll('暴雨红色', '高温红色')
      .replace('Rainstorm Red', 'Heat Red')
      .replaceAll('_20240710140000<', '_heat<');
    const res = await post(heat);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.features[0].properties).toMatchObject({ type: 'other', event: '高温', level: 'red' });
  });
});

describe('messages that are refused, and why', () => {
  it('refuses a public-security notice, a chemical release and an AMBER alert: not natural hazards', async () => {
    const police = await refused(bytesOf('security-police-operation.xml'), 'not_natural_hazard', 'info[0].category[0]');
    expect(police.message).toMatch(/Security/);
    await refused(bytesOf('cbrne-chemical-leak.xml'), 'not_natural_hazard', 'info[0].category[0]');
    const amber = await refused(bytesOf('nws-child-abduction-cap11.xml'), 'not_natural_hazard', 'info[0].eventCode[0]');
    expect(amber.message).toMatch(/CAE \(Child Abduction Emergency\)/);
  });

  it('refuses a test message (status Test)', async () => {
    await refused(bytesOf('status-test-rainstorm.xml'), 'not_actual', 'status');
  });

  it('refuses a deeply nested message with 400 too_deep, not a 500', async () => {
    const e = await refused(bytesOf('deep-nesting-attack.xml'), 'too_deep', 'xml');
    expect(e.message).toMatch(/nested 100\d deep/);
  });

  it('refuses GBK bytes declared as UTF-8 instead of storing garbled text', async () => {
    const e = await refused(bytesOf('mismatched-encoding-gbk-as-utf8.xml'), 'encoding_mismatch', 'xml');
    expect(e.message).toMatch(/not valid UTF-8 \(byte \d+/);
  });

  it('refuses Latin-1 bytes where UTF-8 is implied, and UTF-8 declared as GBK', async () => {
    const rain = textOf('rainstorm-red.xml').replaceAll('_20240710140000<', '_latin<');
    // The English <info> alone, with one accented word: importable in every other respect.
    const english = rain.replace(/<info>[\s\S]*?<\/info>\s*/, '').replace('<description>Over the past', '<description>Très forte pluie. Over the past');
    const latin = iconv.encode(english, 'latin1');
    await refused(latin, 'encoding_mismatch', 'xml');
    const gbkDeclared = Buffer.from(rain.replace('encoding="UTF-8"', 'encoding="GBK"'), 'utf8');
    const e = await refused(gbkDeclared, 'encoding_mismatch', 'xml');
    expect(e.message).toMatch(/bytes are UTF-8/);
  });

  it('refuses NUL bytes, unknown encodings and a charset that contradicts the declaration', async () => {
    const rain = textOf('rainstorm-red.xml').replaceAll('_20240710140000<', '_nul<');
    await refused(rain.replace('<description>安居县', '<description>安\u0000居县'), 'nul_byte', 'xml');
    await refused(rain.replace('encoding="UTF-8"', 'encoding="KOI8-R"'), 'unsupported_encoding', 'xml');
    await refused(rain, 'encoding_mismatch', 'content-type', 'application/xml; charset=GBK');
    await refused('{"type":"Feature",\u0000}', 'nul_byte', 'body', 'application/json');
  });

  it('refuses CAP 1.0 by name', async () => {
    const old = textOf('rainstorm-red.xml').replace('urn:oasis:names:tc:emergency:cap:1.2', 'http://www.incident.com/cap/1.0');
    await refused(old, 'unsupported_cap_version', 'alert');
  });

  it('refuses a message whose areas together pass the position limit, though each polygon is under it', async () => {
    const e = await refused(manyAreasMessage(3, 7000), 'too_many_positions', 'info[0].area[2].polygon[0]');
    expect(e.message).toMatch(/20000 positions in all/);
  });
});

describe('dispatch rules for the new types', () => {
  it('has a rule for every level of gale, earthquake and other, and fills in ones missing from an older table', async () => {
    const rules = (await t.json<any>('/api/dispatch-rules')).body.rules as any[];
    for (const type of ['gale', 'earthquake', 'other']) {
      expect(rules.filter((r) => r.alertType === type).map((r) => r.level).sort()).toEqual(['blue', 'orange', 'red', 'yellow']);
    }
    // A table filled before these types existed: the rules come back, and a rule the county changed stays.
    t.db.prepare("DELETE FROM dispatch_rules WHERE alert_type IN ('gale', 'earthquake', 'other')").run();
    t.db.prepare("UPDATE dispatch_rules SET due_hours = 3 WHERE alert_type = 'rainstorm' AND level = 'yellow'").run();
    const again = (await t.json<any>('/api/dispatch-rules')).body.rules as any[];
    expect(again.filter((r) => r.alertType === 'earthquake')).toHaveLength(4);
    expect(again.find((r) => r.alertType === 'rainstorm' && r.level === 'yellow').dueHours).toBe(3);
  });

  it('dispatches patrols for an imported earthquake message', async () => {
    const quake = textOf('rainstorm-red.xml')
      .replaceAll('<category>Met</category>', '<category>Geo</category>')
      .replaceAll('<event>暴雨</event>', '<event>地震</event>')
      .replaceAll('<event>Rainstorm</event>', '<event>Earthquake</event>')
      .replaceAll('暴雨红色预警信号', '地震红色预警')
      .replaceAll('_20240710140000<', '_quake<');
    const res = await post(quake);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.features[0].properties.type).toBe('earthquake');
    const d = await t.json<any>(`/api/alerts/${res.body.results[0].alertId}/dispatch`, { method: 'POST', body: {} });
    expect(d.status, JSON.stringify(d.body)).toBeLessThan(300);
    expect(d.body.tasks.length).toBeGreaterThan(0);
  });
});
