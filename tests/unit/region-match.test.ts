import { describe, expect, it } from 'vitest';
import { featureKey, regionMatcher, type KnownRegion } from '../../server/imports/region-match.ts';

const REGIONS: KnownRegion[] = [
  { code: '610999101000', name: '城关镇', level: 'township', parentCode: '610999000000' },
  { code: '610999102000', name: '石泉镇', level: 'township', parentCode: '610999000000' },
  { code: '610999101001', name: '城关社区', level: 'village', parentCode: '610999101000' },
  { code: '610999101201', name: '新庄村', level: 'village', parentCode: '610999101000' },
  { code: '610999102201', name: '新庄村', level: 'village', parentCode: '610999102000' },
  { code: '610999102202', name: '河坝村', level: 'village', parentCode: '610999102000' },
];
const match = regionMatcher(REGIONS);

describe('featureKey', () => {
  it("takes a village's own code over its township's, whatever the column order", () => {
    expect(featureKey({ XIANG_DM: '610999102', CUN_DM: 610999102202, CUN_MC: '河坝村' })).toMatchObject({
      code: '610999102202',
      codeProperty: 'CUN_DM',
      name: '河坝村',
      nameProperty: 'CUN_MC',
    });
  });

  it('pads a 9-digit township code, and reads Chinese column names', () => {
    expect(featureKey({ 行政区划代码: '610999102', 名称: '石泉镇' })).toMatchObject({ code: '610999102000', name: '石泉镇' });
  });

  it('ignores a code column holding something that is not a 9- or 12-digit code', () => {
    expect(featureKey({ CODE: '6109991022', NAME: '河坝村' })).toMatchObject({ code: null, name: '河坝村' });
  });

  it("keeps the township-name column apart from the village's own name", () => {
    expect(featureKey({ 乡镇名: '石泉镇', 村名: '新庄村' })).toMatchObject({ name: '新庄村', townshipName: '石泉镇' });
    expect(featureKey({ 乡镇名: '石泉镇' })).toMatchObject({ name: '石泉镇', townshipName: null });
  });
});

describe('regionMatcher', () => {
  it('matches by code, and leaves a code the county does not know unmatched rather than trying the name', () => {
    expect(match(featureKey({ XZQDM: '610999102202' }))).toMatchObject({ kind: 'matched', by: 'code', region: { name: '河坝村' } });
    expect(match(featureKey({ XZQDM: '610999102299', XZQMC: '河坝村' }))).toEqual({ kind: 'unmatched' });
  });

  it('matches by name, exact before the name without its suffix', () => {
    expect(match(featureKey({ NAME: '城关镇' }))).toMatchObject({ kind: 'matched', by: 'name', region: { code: '610999101000' } });
    expect(match(featureKey({ NAME: '河坝' }))).toMatchObject({ kind: 'matched', region: { code: '610999102202' } });
    expect(match(featureKey({ NAME: '河坝村民委员会' }))).toMatchObject({ kind: 'matched', region: { code: '610999102202' } });
  });

  it('never picks between two regions of one name unless the township column tells them apart', () => {
    const twins = match(featureKey({ 村名: '新庄村' }));
    expect(twins.kind).toBe('ambiguous');
    expect(match(featureKey({ 村名: '新庄村', 乡镇名: '石泉' }))).toMatchObject({ kind: 'matched', region: { code: '610999102201' } });
    expect(match(featureKey({ NAME: '城关' })).kind).toBe('ambiguous'); // 城关镇 and 城关社区
  });
});
