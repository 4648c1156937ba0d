import { describe, expect, it } from 'vitest';
import { fromWgs84, toWgs84, type CrsName } from '../../server/domain/crs.ts';

/** Great-circle distance in metres (haversine, mean Earth radius). */
function metres([lon1, lat1]: readonly [number, number], [lon2, lat2]: readonly [number, number]): number {
  const rad = Math.PI / 180;
  const a = Math.sin(((lat2 - lat1) * rad) / 2) ** 2 + Math.cos(lat1 * rad) * Math.cos(lat2 * rad) * Math.sin(((lon2 - lon1) * rad) / 2) ** 2;
  return 2 * 6_371_008.8 * Math.asin(Math.sqrt(a));
}

// Published reference pairs, [from, expected]:
//  - wandergis/coordtransform, test/app.js (the pairs hutool's CoordinateUtilTest and coordtransform-rs
//    also assert): Baidu's example point 116.404, 39.915 (Tiananmen) through each conversion.
//  - hujiulong/gcoord, test/unit/crs/GCJ02.spec.ts and BD09.spec.ts: the point 123, 45.
const WANDERGIS_WGS84_TO_GCJ02: [[number, number], [number, number]] = [[116.404, 39.915], [116.41024449916938, 39.91640428150164]];
const WANDERGIS_BD09_TO_GCJ02: [[number, number], [number, number]] = [[116.404, 39.915], [116.39762729119315, 39.90865673957631]];
const GCOORD_GCJ02_TO_WGS84: [[number, number], [number, number]] = [[123, 45], [122.99395597, 44.99804071]];
const GCOORD_BD09_TO_WGS84: [[number, number], [number, number]] = [[123, 45], [122.9876221, 44.9917154]];

describe('coordinate systems (domain/crs.ts on gcoord)', () => {
  it('puts WGS84 into GCJ-02 where the published pair says (Tiananmen, wandergis/coordtransform)', () => {
    const [wgs, gcj] = WANDERGIS_WGS84_TO_GCJ02;
    expect(metres(fromWgs84(...wgs, 'gcj02'), gcj)).toBeLessThan(1);
  });

  it('brings the published GCJ-02 point back to its WGS84 origin within 1 m', () => {
    const [wgs, gcj] = WANDERGIS_WGS84_TO_GCJ02;
    expect(metres(toWgs84(...gcj, 'gcj02'), wgs)).toBeLessThan(1);
  });

  it('converts GCJ-02 and BD-09 to WGS84 as gcoord’s own tests expect (123, 45)', () => {
    expect(metres(toWgs84(...GCOORD_GCJ02_TO_WGS84[0], 'gcj02'), GCOORD_GCJ02_TO_WGS84[1])).toBeLessThan(1);
    expect(metres(toWgs84(...GCOORD_BD09_TO_WGS84[0], 'bd09'), GCOORD_BD09_TO_WGS84[1])).toBeLessThan(1);
  });

  it('reads Baidu’s Tiananmen point as the WGS84 of its published GCJ-02 twin', () => {
    const [bd, gcj] = WANDERGIS_BD09_TO_GCJ02;
    expect(metres(toWgs84(...bd, 'bd09'), toWgs84(...gcj, 'gcj02'))).toBeLessThan(1);
  });

  it('moves a point by 100–700 m into GCJ-02 and more into BD-09, and back within 1 m, across the county and China', () => {
    const points: [number, number][] = [[108.91, 33.12], [116.404, 39.915], [104.07, 30.67], [119.3, 26.08], [87.6, 43.8], [126.6, 45.75]];
    for (const p of points) {
      for (const crs of ['gcj02', 'bd09'] as CrsName[]) {
        const shown = fromWgs84(...p, crs);
        const offset = metres(shown, p);
        expect(offset, `${crs} offset at ${p}`).toBeGreaterThan(50);
        expect(offset, `${crs} offset at ${p}`).toBeLessThan(1500);
        expect(metres(toWgs84(...shown, crs), p), `${crs} round trip at ${p}`).toBeLessThan(1);
      }
    }
  });

  it('takes WGS84 and CGCS2000 as they are', () => {
    expect(toWgs84(108.9, 33.1, 'wgs84')).toEqual([108.9, 33.1]);
    expect(toWgs84(108.9, 33.1, 'cgcs2000')).toEqual([108.9, 33.1]);
  });
});
