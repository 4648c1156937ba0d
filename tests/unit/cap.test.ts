import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { area, booleanPointInPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { BBox, ZoneGeometry } from '../../server/domain/alerts.ts';
import { parseCap, type CapMessage, type CapOptions } from '../../server/domain/cap.ts';
import { levelFromText, typeFromText } from '../../server/domain/cap-vocabulary.ts';

const fixture = (name: string) => readFileSync(join(import.meta.dirname, '../fixtures/cap', name), 'utf8');
const county: BBox = [108.35, 32.887, 109.062, 33.297];
const box = (x0: number, y0: number, x1: number, y1: number): ZoneGeometry => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});
const regions: Record<string, ZoneGeometry> = {
  '610999104000': box(108.46, 32.89, 108.68, 33.02),
  '610999108000': box(108.64, 32.89, 108.91, 33.0),
};
const opts: CapOptions = { countyBBox: county, regionBoundary: (code) => regions[code] ?? null };

function ok(xml: string, o: CapOptions = opts): CapMessage {
  const r = parseCap(xml, o);
  if (!r.ok) throw new Error(`${r.error.code} at ${r.error.element}: ${r.error.message}`);
  return r.message;
}
function fail(xml: string, o: CapOptions = opts) {
  const r = parseCap(xml, o);
  if (r.ok) throw new Error('expected a refusal');
  return r.error;
}
const rain = fixture('rainstorm-red.xml');

describe('CAP 1.2 import', () => {
  it('reads the Chinese rainstorm red warning: zh-CN shown, en-US kept, lat,lon turned into lon,lat', () => {
    const m = ok(rain);
    if (m.msgType !== 'Alert') throw new Error(m.msgType);
    const d = m.draft;
    expect(m.ref).toEqual({ sender: '61099941600000', identifier: '61099941600000_20240710140000', sent: '2024-07-10T14:00:00+08:00' });
    expect(d).toMatchObject({
      type: 'rainstorm',
      level: 'red',
      issuer: '安居县气象台',
      headline: '安居县气象台发布暴雨红色预警信号',
      language: 'zh-CN',
      issuedAt: '2024-07-10T06:00:00.000Z',
      effectiveAt: '2024-07-10T06:00:00.000Z',
      expiresAt: '2024-07-11T06:00:00.000Z',
      source: 'cap',
    });
    expect(d.description).toMatch(/100毫米/);
    expect(d.infos.map((i) => i.language)).toEqual(['zh-CN', 'en-US']);
    expect(d.infos[1]!.headline).toMatch(/Rainstorm Red Warning/);
    expect(d.geometry.type).toBe('Polygon');
    const ring = (d.geometry.coordinates as number[][][])[0]!;
    expect(ring[0]).toEqual([108.42, 33.02]);
    // The polygon wins over the area's geocode.
    expect(d.regionCodes).toEqual([]);
    expect(booleanPointInPolygon(point([108.6, 33.12]), { type: 'Feature', properties: {}, geometry: d.geometry })).toBe(true);
  });

  it('reads a Cancel and its reference to the warning', () => {
    const m = ok(fixture('rainstorm-red-cancel.xml'));
    expect(m).toMatchObject({
      msgType: 'Cancel',
      references: [{ sender: '61099941600000', identifier: '61099941600000_20240710140000', sent: '2024-07-10T14:00:00+08:00' }],
      note: '安居县气象台解除暴雨红色预警信号',
    });
  });

  it('builds a geocode-only geological warning from its regions, with a cap: prefix, skipping other counties', () => {
    const m = ok(fixture('geological-orange-geocode.xml'));
    if (m.msgType !== 'Alert') throw new Error(m.msgType);
    expect(m.draft).toMatchObject({ type: 'geological', level: 'orange', regionCodes: ['610999104000', '610999108000'] });
    expect(m.draft.geometry.type).toBe('MultiPolygon');
    expect(m.draft.geometry.coordinates).toHaveLength(2);
    expect(fail(fixture('geological-orange-geocode.xml'), { countyBBox: county, regionBoundary: () => null })).toMatchObject({
      code: 'unknown_region',
      element: 'info[0].area[0].geocode[0]',
    });
  });

  it('turns a <circle> (lat,lon radius km) into a 64-step polygon', () => {
    const m = ok(fixture('freeze-yellow-circle.xml'));
    if (m.msgType !== 'Alert') throw new Error(m.msgType);
    expect(m.draft).toMatchObject({ type: 'freeze', level: 'yellow' });
    const ring = (m.draft.geometry.coordinates as number[][][])[0]!;
    expect(ring).toHaveLength(65);
    const km2 = area({ type: 'Feature', properties: {}, geometry: m.draft.geometry }) / 1e6;
    expect(km2).toBeGreaterThan(Math.PI * 144 * 0.97);
    expect(km2).toBeLessThan(Math.PI * 144 * 1.01);
    expect(booleanPointInPolygon(point([108.92, 33.1]), { type: 'Feature', properties: {}, geometry: m.draft.geometry })).toBe(true);
  });

  it('makes several areas one MultiPolygon', () => {
    const two = rain.replace('</area>\n  </info>\n  <info>', '</area>\n    <area><areaDesc>石泉镇</areaDesc><circle>33.05,108.95 5</circle></area>\n  </info>\n  <info>');
    const m = ok(two);
    expect(m.msgType === 'Alert' && m.draft.geometry.type).toBe('MultiPolygon');
  });

  it('reads an Update: new level and expiry, references to the first message', () => {
    const up = rain
      .replace('<msgType>Alert</msgType>', '<msgType>Update</msgType>\n  <references>61099941600000,61099941600000_20240710140000,2024-07-10T14:00:00+08:00</references>')
      .replace('_20240710140000</identifier>', '_20240710170000</identifier>')
      .replace('<value>红色</value>', '<value>橙色</value>')
      .replaceAll('2024-07-11T14:00:00+08:00', '2024-07-11T20:00:00+08:00')
      .replace('发布暴雨红色预警信号</headline>', '将暴雨红色预警信号降级为橙色</headline>');
    const m = ok(up);
    if (m.msgType !== 'Update') throw new Error(m.msgType);
    expect(m.references[0]!.identifier).toBe('61099941600000_20240710140000');
    expect(m.draft).toMatchObject({ level: 'orange', expiresAt: '2024-07-11T12:00:00.000Z' });
  });

  it('refuses malformed XML, naming where', () => {
    expect(fail(rain.replace('</headline>', '</headlin>'))).toMatchObject({ code: 'malformed_xml', element: 'xml' });
    expect(fail('not xml at all')).toMatchObject({ element: expect.any(String) });
    expect(fail('<!DOCTYPE x [<!ENTITY a "aaaa">]><alert/>')).toMatchObject({ code: 'doctype_forbidden' });
  });

  it('refuses a message that is not CAP 1.1 or 1.2, naming CAP 1.0', () => {
    expect(fail(rain.replace('urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:9.9'))).toMatchObject({ code: 'not_cap', element: 'alert' });
    expect(fail(rain.replace('urn:oasis:names:tc:emergency:cap:1.2', 'http://www.incident.com/cap/1.0'))).toMatchObject({
      code: 'unsupported_cap_version',
      element: 'alert',
    });
    expect(fail('<feed xmlns="http://www.w3.org/2005/Atom"/>')).toMatchObject({ code: 'not_cap' });
  });

  it('refuses missing required elements, naming them', () => {
    expect(fail(rain.replace(/<identifier>.*<\/identifier>/, ''))).toMatchObject({ code: 'missing_element', element: 'identifier' });
    expect(fail(rain.replace(/<sent>.*<\/sent>/, ''))).toMatchObject({ element: 'sent' });
    expect(fail(rain.replace(/<info>[\s\S]*<\/info>/, ''))).toMatchObject({ element: 'info' });
    expect(fail(fixture('rainstorm-red-cancel.xml').replace(/<references>.*<\/references>/, ''))).toMatchObject({ element: 'references' });
    expect(fail(rain.replace('<sent>2024-07-10T14:00:00+08:00', '<sent>yesterday'))).toMatchObject({ code: 'invalid_time', element: 'sent' });
  });

  it('refuses a CAP alert with no area', () => {
    expect(fail(rain.replaceAll(/<area>[\s\S]*?<\/area>/g, ''))).toMatchObject({ code: 'no_area', element: 'info[0].area' });
  });

  it('refuses an unknown level or hazard', () => {
    const noColour = rain
      .replace(/<eventCode>[\s\S]*?<\/eventCode>/, '')
      .replaceAll('<severity>Extreme</severity>', '<severity>Unknown</severity>')
      .replace('暴雨红色预警信号</headline>', '暴雨预警信号</headline>');
    expect(fail(noColour)).toMatchObject({ code: 'unknown_level', element: 'info[0].severity' });
    // Not a hazard we can name, and not said to be natural (category Other, no known code): refused.
    const unknown = rain
      .replaceAll('<category>Met</category>', '<category>Other</category>')
      .replace('<event>暴雨</event>', '<event>停课通知</event>')
      .replace('发布暴雨红色', '发布停课红色');
    expect(fail(unknown)).toMatchObject({ code: 'unknown_type', element: 'info[0].event' });
  });

  it('refuses lon,lat pairs (CAP is lat,lon) with a hint, and bad polygons', () => {
    const lonLat = rain.replaceAll(
      '33.02,108.42 33.00,108.55 33.05,108.70 33.15,108.74 33.24,108.66 33.22,108.50 33.12,108.40 33.02,108.42',
      '108.42,33.02 108.55,33.00 108.70,33.05 108.74,33.15 108.66,33.24 108.50,33.22 108.40,33.12 108.42,33.02',
    );
    const e = fail(lonLat);
    expect(e).toMatchObject({ code: 'swapped_axes', element: 'info[0].area[0].polygon[0]' });
    expect(e.message).toMatch(/lon,lat — CAP expects lat,lon/);
    const open = rain.replaceAll('33.12,108.40 33.02,108.42</polygon>', '33.12,108.40</polygon>');
    expect(fail(open)).toMatchObject({ code: 'unclosed_ring', element: 'info[0].area[0].polygon[0]' });
    const bowtie = rain.replaceAll(/<polygon>.*<\/polygon>/g, '<polygon>33.0,108.5 33.2,108.7 33.0,108.7 33.2,108.5 33.0,108.5</polygon>');
    expect(fail(bowtie)).toMatchObject({ code: 'self_intersection' });
    expect(fail(rain.replaceAll(/<polygon>.*<\/polygon>/g, '<polygon>33.0;108.5</polygon>'))).toMatchObject({ code: 'invalid_polygon' });
  });

  it('refuses expires before effective, and non-Actual messages', () => {
    const backwards = rain.replaceAll('2024-07-11T14:00:00+08:00', '2024-07-10T13:00:00+08:00');
    expect(fail(backwards)).toMatchObject({ code: 'expires_before_effective', element: 'info[0].expires' });
    expect(fail(rain.replace('<status>Actual</status>', '<status>Test</status>'))).toMatchObject({ code: 'not_actual', element: 'status' });
  });
});

describe('CAP vocabulary', () => {
  it('maps Chinese and English event words to our types, the specific hazard first', () => {
    expect(typeFromText('暴雨')).toBe('rainstorm');
    expect(typeFromText('山洪灾害气象预警')).toBe('flash_flood');
    expect(typeFromText('道路结冰')).toBe('icing');
    expect(typeFromText('地质灾害气象风险预警')).toBe('geological');
    expect(typeFromText('Cold Wave')).toBe('cold_wave');
    expect(typeFromText('Typhoon')).toBe('typhoon');
    expect(typeFromText('暴雪橙色预警')).toBe('snowstorm');
    expect(typeFromText('高温')).toBeNull();
  });

  it('reads the level from colour words, the last one when a warning changes level', () => {
    expect(levelFromText('暴雨红色预警信号')).toBe('red');
    expect(levelFromText('Rainstorm Orange Warning')).toBe('orange');
    expect(levelFromText('暴雨黄色预警信号升级为红色')).toBe('red');
    expect(levelFromText('blue')).toBe('blue');
    expect(levelFromText('see the redirect')).toBeNull();
  });
});
