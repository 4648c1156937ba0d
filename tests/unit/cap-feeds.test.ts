// The rules behind real warning feeds (issue 9): encodings, nesting depth, hazard mapping, default validity,
// and the new types in risk. The API test (tests/api/cap-feeds.test.ts) runs the fixtures end to end.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { DEFAULT_VALIDITY_HOURS, defaultExpiry } from '../../server/domain/alert-validity.ts';
import { ALERT_LEVELS, ALERT_TYPES, type BBox } from '../../server/domain/alerts.ts';
import { hazardOf, type HazardInput } from '../../server/domain/cap-hazard.ts';
import { typeFromText } from '../../server/domain/cap-vocabulary.ts';
import { MAX_XML_DEPTH } from '../../server/domain/cap-xml.ts';
import { parseCap, parseCapBytes } from '../../server/domain/cap.ts';
import { riskScore, type RiskHouse } from '../../server/domain/risk.ts';
import { decodeXml } from '../../server/domain/text-encoding.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/cap', name));
const county: BBox = [108.35, 32.887, 109.062, 33.297];

describe('reading the bytes in the encoding the message names', () => {
  const xml = (enc: string, body = '<a>暴雨红色预警</a>') => `<?xml version="1.0" encoding="${enc}"?>${body}`;
  const ok = (bytes: Uint8Array, charset: string | null = null) => {
    const r = decodeXml(bytes, charset);
    if (!r.ok) throw new Error(`${r.code}: ${r.message}`);
    return r;
  };
  const no = (bytes: Uint8Array, charset: string | null = null) => {
    const r = decodeXml(bytes, charset);
    if (r.ok) throw new Error('expected a refusal');
    return r;
  };

  it('decodes GBK, GB2312 and GB18030 as declared, and UTF-8 by default', () => {
    for (const enc of ['GBK', 'gb2312', 'GB18030']) expect(ok(iconv.encode(xml(enc), enc)).text).toContain('暴雨红色预警');
    expect(ok(Buffer.from('<a>暴雨</a>')).text).toBe('<a>暴雨</a>');
    // A GB18030 four-byte character (not in GBK): 𠀀 U+20000.
    expect(ok(iconv.encode(xml('GB18030', '<a>𠀀</a>'), 'gb18030')).text).toContain('𠀀');
  });

  it('follows a byte-order mark (UTF-8, UTF-16LE/BE) and refuses one that contradicts the declaration', () => {
    const text = xml('UTF-16');
    expect(ok(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')])).text).toBe(text);
    expect(ok(Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(text, 'utf16le').swap16()])).encoding).toBe('utf-16be');
    expect(ok(Buffer.from(`\uFEFF${xml('UTF-8')}`)).text).toBe(xml('UTF-8'));
    expect(no(Buffer.from(`\uFEFF${xml('GBK')}`))).toMatchObject({ code: 'encoding_mismatch', message: expect.stringMatching(/byte-order mark/) });
    expect(no(Buffer.from(text, 'utf16le'))).toMatchObject({ code: 'encoding_mismatch', message: expect.stringMatching(/without a byte-order mark/) });
    expect(no(Buffer.from([0xff, 0xfe, 0, 0, 0x3c, 0, 0, 0]))).toMatchObject({ code: 'unsupported_encoding' });
  });

  it('reads ISO-8859-1 and Windows-1252; refuses bytes that are not what is declared', () => {
    expect(ok(iconv.encode(xml('ISO-8859-1', '<a>STURMBÖEN</a>'), 'latin1')).text).toContain('STURMBÖEN');
    expect(ok(iconv.encode(xml('windows-1252', '<a>€ 5</a>'), 'windows-1252')).text).toContain('€ 5');
    // Latin-1 bytes where UTF-8 is implied; GBK bytes declared UTF-8: invalid UTF-8, with the offending byte.
    expect(no(iconv.encode('<a>Très</a>', 'latin1'))).toMatchObject({ code: 'encoding_mismatch', field: 'xml', message: expect.stringMatching(/byte 5: 0xe8/) });
    expect(no(fixture('mismatched-encoding-gbk-as-utf8.xml'))).toMatchObject({ code: 'encoding_mismatch' });
    // UTF-8 declared as GBK or Latin-1 would decode as 鏆撮洦 / MÃ¼nchen: refused, not stored garbled.
    expect(no(Buffer.from(xml('GBK')))).toMatchObject({ code: 'encoding_mismatch', message: expect.stringMatching(/bytes are UTF-8/) });
    expect(no(Buffer.from(xml('ISO-8859-1', '<a>München</a>')))).toMatchObject({ code: 'encoding_mismatch' });
    // A byte with no GBK character (0xFF), and a lead byte cut off at the end.
    expect(no(Buffer.concat([Buffer.from(xml('GBK', '<a>')), Buffer.from([0xb1, 0xa9, 0xff]), Buffer.from('</a>')]))).toMatchObject({
      code: 'encoding_mismatch',
      message: expect.stringMatching(/line 1, column \d+ are not GBK/),
    });
    expect(no(Buffer.from([...Buffer.from('<a>x</a>'), 0xe6, 0x9a]))).toMatchObject({ code: 'encoding_mismatch' });
    expect(no(Buffer.from(xml('US-ASCII', '<a>é</a>'), 'latin1'))).toMatchObject({ code: 'encoding_mismatch', message: expect.stringMatching(/not ASCII/) });
  });

  it('takes the Content-Type charset, refusing one that disagrees with the declaration or that we do not know', () => {
    expect(ok(iconv.encode('<a>暴雨</a>', 'gbk'), 'GBK').text).toBe('<a>暴雨</a>');
    expect(ok(Buffer.from(xml('utf-8')), 'UTF-8').encoding).toBe('utf-8');
    expect(no(Buffer.from(xml('UTF-8')), 'gb2312')).toMatchObject({ code: 'encoding_mismatch', field: 'content-type' });
    expect(no(Buffer.from('<a/>'), 'x-unknown')).toMatchObject({ code: 'unsupported_encoding', field: 'content-type' });
    expect(no(Buffer.from(xml('EBCDIC-US')))).toMatchObject({ code: 'unsupported_encoding', field: 'xml' });
  });

  it('refuses NUL and the control characters XML forbids, with where', () => {
    expect(no(Buffer.from('<a>\n x\u0000</a>'))).toMatchObject({ code: 'nul_byte', message: expect.stringMatching(/line 2, column 3/) });
    // UTF-16 that is not recognised as such (no BOM, no "<?" start) reads as UTF-8 full of NULs: refused.
    expect(no(Buffer.from(' <a>x</a>', 'utf16le'))).toMatchObject({ code: 'nul_byte' });
    expect(no(Buffer.from('<a>\u0007</a>'))).toMatchObject({ code: 'invalid_character', message: expect.stringMatching(/U\+0007/) });
    expect(ok(Buffer.from('<a>\t\r\n</a>')).text).toBe('<a>\t\r\n</a>');
  });

  it('parses the GBK fixture through parseCapBytes and refuses it read as UTF-8', () => {
    const r = parseCapBytes(fixture('cn-rainstorm-orange-gbk.xml'), { countyBBox: county });
    expect(r.ok && r.message.msgType === 'Alert' && r.message.draft.headline).toBe('安居县气象台发布暴雨橙色预警信号[Ⅱ级/严重]');
    expect(parseCapBytes(fixture('cn-rainstorm-orange-gbk.xml'), { countyBBox: county, charset: 'utf-8' })).toMatchObject({
      ok: false,
      error: { code: 'encoding_mismatch', element: 'content-type' },
    });
  });
});

describe('nesting depth', () => {
  const rain = fixture('rainstorm-red.xml').toString('utf8');
  // <alert><note> is depth 2; n more levels inside it.
  const nested = (n: number) => rain.replace('<scope>Public</scope>', `<scope>Public</scope><note>${'<n>'.repeat(n)}x${'</n>'.repeat(n)}</note>`);

  it(`accepts ${MAX_XML_DEPTH} levels and refuses one more as too_deep`, () => {
    expect(parseCap(nested(MAX_XML_DEPTH - 2), { countyBBox: county }).ok).toBe(true);
    expect(parseCap(nested(MAX_XML_DEPTH - 1), { countyBBox: county })).toMatchObject({ ok: false, error: { code: 'too_deep', element: 'xml' } });
  });

  it('refuses 100,000 levels quickly instead of throwing', () => {
    expect(parseCap(nested(100_000))).toMatchObject({ ok: false, error: { code: 'too_deep', message: expect.stringMatching(/100002 deep/) } });
  });

  it('counts self-closing elements, ignores comments and CDATA, and reads ">" in attribute values', () => {
    const tricky = rain.replace('<scope>Public</scope>', `<scope>Public</scope><note a="x>y"><!-- <c><c><c> --><![CDATA[<d><d>]]><e/></note>`);
    expect(parseCap(tricky, { countyBBox: county }).ok).toBe(true);
  });
});

describe('hazard mapping', () => {
  const info = (over: Partial<HazardInput>): HazardInput => ({ categories: ['Met'], event: null, headline: null, eventCodes: [], parameters: [], ...over });
  const typeOf = (over: Partial<HazardInput>) => {
    const r = hazardOf(info(over), 'info[0]');
    return r.ok ? r.type : r.code;
  };

  it('names the hazard from Chinese and English words', () => {
    const cases: [string, string][] = [
      ['台风', 'typhoon'],
      ['Hurricane Warning', 'typhoon'],
      ['Tropical Storm Warning', 'typhoon'],
      ['雷电黄色预警', 'rainstorm'],
      ['Severe Thunderstorm Warning', 'rainstorm'],
      ['雷雨大风', 'gale'],
      ['大风蓝色预警', 'gale'],
      ['High Wind Warning', 'gale'],
      ['Tornado Warning', 'gale'],
      ['洪水', 'flood'],
      ['Flood Warning', 'flood'],
      ['山洪灾害气象预警', 'flash_flood'],
      ['Flash Flood Warning', 'flash_flood'],
      ['泥石流', 'geological'],
      ['Debris Flow', 'geological'],
      ['地质灾害气象风险预警', 'geological'],
      ['寒潮', 'cold_wave'],
      ['Wind Chill Warning', 'cold_wave'],
      ['霜冻', 'freeze'],
      ['Frost Advisory', 'freeze'],
      ['暴雪', 'snowstorm'],
      ['Winter Storm Warning', 'snowstorm'],
      ['道路结冰', 'icing'],
      ['Ice Storm Warning', 'icing'],
      ['Freezing Rain Advisory', 'icing'],
      ['地震', 'earthquake'],
      ['Earthquake Warning', 'earthquake'],
    ];
    expect(cases.map(([w]) => [w, typeFromText(w)])).toEqual(cases);
    expect(typeFromText('高温')).toBeNull();
    expect(typeFromText('other')).toBeNull();
  });

  it('reads SAME, China 11B and MeteoAlarm codes before the words', () => {
    expect(typeOf({ eventCodes: [{ name: 'SAME', value: 'HUW' }], event: 'Hurricane Warning' })).toBe('typhoon');
    expect(typeOf({ eventCodes: [{ name: 'SAME', value: 'FFW' }], event: 'Flood' })).toBe('flash_flood');
    expect(typeOf({ eventCodes: [{ name: 'SAME', value: 'TOR' }] })).toBe('gale');
    expect(typeOf({ eventCodes: [{ name: 'x', value: '11B21' }], event: '路面' })).toBe('icing');
    expect(typeOf({ eventCodes: [{ name: 'x', value: '11B06' }] })).toBe('gale');
    expect(typeOf({ eventCodes: [{ name: 'x', value: '11B14' }] })).toBe('rainstorm');
    expect(typeOf({ parameters: [{ name: 'awareness_type', value: '12; flooding' }] })).toBe('flood');
    // A natural code with no type of its own: `other`, even without Geo/Met.
    expect(typeOf({ categories: [], eventCodes: [{ name: 'x', value: '11B17' }], event: '大雾' })).toBe('other');
    expect(typeOf({ categories: ['Other'], eventCodes: [{ name: 'SAME', value: 'TSW' }], event: 'Tsunami Warning' })).toBe('other');
  });

  it('keeps natural hazards it cannot name as other, and refuses what is not natural, naming why', () => {
    expect(typeOf({ event: '高温' })).toBe('other');
    expect(typeOf({ categories: ['Geo'], event: 'Volcanic ash' })).toBe('other');
    expect(hazardOf(info({ eventCodes: [{ name: 'SAME', value: 'RWT' }], event: 'Required Weekly Test' }), 'info[0]')).toMatchObject({
      ok: false,
      code: 'not_natural_hazard',
      element: 'info[0].eventCode[0]',
      message: expect.stringMatching(/RWT \(Required Weekly Test\)/),
    });
    expect(typeOf({ categories: ['Security'], event: 'Flood of complaints' })).toBe('not_natural_hazard');
    expect(typeOf({ categories: ['CBRNE', 'Env'], event: '氯气泄漏' })).toBe('not_natural_hazard');
    // Met with Safety is still weather.
    expect(typeOf({ categories: ['Met', 'Safety'], event: '暴雨' })).toBe('rainstorm');
    expect(typeOf({ categories: ['Safety'], event: 'Flash Flood' })).toBe('flash_flood');
    expect(typeOf({ categories: ['Other'], event: '停课通知' })).toBe('unknown_type');
  });
});

describe('default validity', () => {
  it('has an entry for every type and level, and adds it to the effective time', () => {
    for (const type of ALERT_TYPES) for (const level of ALERT_LEVELS) expect(DEFAULT_VALIDITY_HOURS[type][level]).toBeGreaterThan(0);
    expect(defaultExpiry('rainstorm', 'yellow', '2024-07-10T08:00:00.000Z')).toBe('2024-07-10T20:00:00.000Z');
    expect(defaultExpiry('earthquake', 'red', '2024-07-10T08:00:00.000Z')).toBe('2024-07-13T08:00:00.000Z');
  });

  it('uses it for an Update without <expires> too', () => {
    const up = fixture('cn-rainstorm-red-update.xml').toString('utf8').replaceAll(/<expires>.*<\/expires>/g, '');
    const r = parseCap(up, { countyBBox: county });
    if (!r.ok || r.message.msgType !== 'Update') throw new Error(JSON.stringify(r));
    expect(r.message.draft).toMatchObject({ level: 'red', noExpiryGiven: true, effectiveAt: '2024-07-12T03:30:00.000Z', expiresAt: '2024-07-12T15:30:00.000Z' });
  });
});

describe('risk for the new types', () => {
  const house = (over: Partial<RiskHouse>): RiskHouse => ({
    grade: 'B',
    structure: 'brick_concrete',
    key: false,
    repairedC: false,
    riverDistM: 1000,
    reliefM: 10,
    elderly: 0,
    disabled: 0,
    children: 0,
    members: 3,
    livingAway: false,
    ...over,
  });
  it('puts adobe above reinforced concrete in an earthquake, earth-wood above caves in a gale, and scores other', () => {
    const quake = { type: 'earthquake' as const, level: 'red' as const };
    expect(riskScore(house({ structure: 'adobe' }), quake)).toBeGreaterThan(riskScore(house({ structure: 'reinforced_concrete' }), quake));
    const gale = { type: 'gale' as const, level: 'orange' as const };
    expect(riskScore(house({ structure: 'earth_wood' }), gale)).toBeGreaterThan(riskScore(house({ structure: 'cave' }), gale));
    // A hillside house stands in the wind and on a slope that shaking can bring down.
    expect(riskScore(house({ reliefM: 200 }), gale)).toBeGreaterThan(riskScore(house({ reliefM: 10 }), gale));
    expect(riskScore(house({ reliefM: 200 }), quake)).toBeGreaterThan(riskScore(house({ reliefM: 10 }), quake));
    const other = { type: 'other' as const, level: 'yellow' as const };
    expect(riskScore(house({ grade: 'D', structure: 'adobe' }), other)).toBeGreaterThan(riskScore(house({}), other));
  });
});
