import { area, bbox, booleanClockwise, booleanPointInPolygon, featureCollection, feature, intersect, union } from '@turf/turf';
import type { Feature, MultiPolygon, Polygon } from 'geojson';
import { beforeAll, describe, expect, it } from 'vitest';
import { isKeyHouse, isRepairedC } from '../../server/domain/housing.ts';
import { generateCounty, type DemoCounty, type PolygonGeometry } from '../../data/geography.ts';
import { generateHouseholds, type HouseholdRecord } from '../../data/households.ts';

const SEED = 7;
const N = 3000;
let county: DemoCounty;
let households: HouseholdRecord[];

const shape = (g: PolygonGeometry): Feature<Polygon | MultiPolygon> => feature(g as Polygon | MultiPolygon);
/** Everything but the terrain closures, for comparing two runs. */
const snapshot = (c: DemoCounty): string => JSON.stringify([c.county, c.townships, c.villages, c.basemap]);
const share = (pred: (h: HouseholdRecord) => boolean): number => households.filter(pred).length / households.length;

beforeAll(() => {
  county = generateCounty(SEED);
  households = [...generateHouseholds(county, N, SEED)];
}, 120_000);

describe('the demo county generator', () => {
  it('gives the same county and households for the same seed, and others for another seed', () => {
    const again = generateCounty(SEED);
    expect(snapshot(again)).toBe(snapshot(county));
    expect(JSON.stringify([...generateHouseholds(again, N, SEED)])).toBe(JSON.stringify(households));

    const other = generateCounty(SEED + 1);
    expect(snapshot(other)).not.toBe(snapshot(county));
    const first = generateHouseholds(other, N, SEED + 1).next().value as HouseholdRecord;
    expect(first.idCard).not.toBe(households[0]!.idCard);
  }, 120_000); // builds two more counties; generous for a busy two-core box

  it('draws a county of about 60 km × 45 km around lon 108.7, lat 33.1 with an RFC 7946 outer ring', () => {
    const [w, s, e, n] = bbox(shape(county.county.boundary!));
    expect((e - w) * 93.3).toBeGreaterThan(45); // km per degree of longitude at 33°N
    expect((e - w) * 93.3).toBeLessThan(75);
    expect((n - s) * 110.9).toBeGreaterThan(35);
    expect((n - s) * 110.9).toBeLessThan(58);
    expect(Math.abs((w + e) / 2 - 108.7)).toBeLessThan(0.1);
    expect(Math.abs((s + n) / 2 - 33.1)).toBeLessThan(0.1);
    const ring = (county.county.boundary as { coordinates: number[][][] }).coordinates[0]!;
    expect(booleanClockwise(ring)).toBe(false);
    expect(county.county.code).toBe('610999000000');
  });

  it('tiles the county with about 150 villages: their areas add up to the county', () => {
    expect(county.villages.length).toBeGreaterThanOrEqual(140);
    expect(county.villages.length).toBeLessThanOrEqual(160);
    const total = county.villages.reduce((sum, v) => sum + area(shape(v.boundary)), 0);
    expect(Math.abs(total / area(shape(county.county.boundary!)) - 1)).toBeLessThan(0.005);
  });

  it('lets no two villages overlap', () => {
    const boxes = county.villages.map((v) => bbox(shape(v.boundary)));
    let neighbours = 0;
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i]!, boxes[j]!];
        if (a[0] > b[2] || b[0] > a[2] || a[1] > b[3] || b[1] > a[3]) continue;
        neighbours++;
        const both = intersect(featureCollection([shape(county.villages[i]!.boundary), shape(county.villages[j]!.boundary)]));
        expect(both ? area(both) : 0, `${county.villages[i]!.name} × ${county.villages[j]!.name}`).toBeLessThan(1);
      }
    }
    expect(neighbours).toBeGreaterThan(county.villages.length);
  });

  it('makes every township exactly the union of its villages', () => {
    expect(county.townships.length).toBeGreaterThanOrEqual(10);
    expect(county.townships.filter((t) => t.name.endsWith('街道'))).toHaveLength(1);
    for (const t of county.townships) {
      const own = county.villages.filter((v) => v.parentCode === t.code);
      expect(own.length, t.name).toBeGreaterThan(0);
      const merged = own.length === 1 ? shape(own[0]!.boundary) : union(featureCollection(own.map((v) => shape(v.boundary))))!;
      const township = shape(t.boundary!);
      const common = intersect(featureCollection([township, merged]));
      expect(Math.abs(area(merged) - area(township)), t.name).toBeLessThan(area(township) * 1e-6);
      expect(Math.abs(area(common!) - area(township)), t.name).toBeLessThan(area(township) * 1e-6);
    }
  });

  it('codes regions by the statistical scheme and names villages uniquely within a township', () => {
    for (const t of county.townships) {
      expect(t.code).toMatch(/^610999\d{3}000$/);
      const names = county.villages.filter((v) => v.parentCode === t.code).map((v) => v.name);
      expect(new Set(names).size).toBe(names.length);
    }
    for (const v of county.villages) {
      expect(v.code).toMatch(/^\d{12}$/);
      expect(v.code.slice(0, 9)).toBe(v.parentCode!.slice(0, 9));
      expect(v.name).toMatch(/(村|社区)$/);
      expect(v.groups.length).toBeGreaterThanOrEqual(3);
      expect(v.groups.length).toBeLessThanOrEqual(8);
      v.groups.forEach((g, i) => {
        expect(g.code).toBe(`${v.code}${String(i + 1).padStart(3, '0')}`);
        expect(g.name).toMatch(/^[一二三四五六七八]组$/);
      });
      expect(booleanPointInPolygon(v.center, shape(v.boundary)), `label of ${v.name}`).toBe(true);
    }
  });

  it('draws a main river, tributaries and the three kinds of road inside the county', () => {
    const kinds = new Set(county.basemap.map((b) => `${b.kind}:${b.subkind}`));
    for (const k of ['river:main', 'river:tributary', 'road:national', 'road:provincial', 'road:county']) expect(kinds).toContain(k);
    expect(county.basemap.filter((b) => b.subkind === 'tributary').length).toBeGreaterThanOrEqual(5);
    const outline = shape(county.county.boundary!);
    const vertices = county.basemap.flatMap((b) => b.geometry.coordinates);
    const inside = vertices.filter((p) => booleanPointInPolygon(p, outline)).length;
    expect(inside / vertices.length).toBeGreaterThan(0.99);
  });
});

describe('the demo households', () => {
  it('places every household inside its own village polygon', () => {
    const byCode = new Map(county.villages.map((v) => [v.code, shape(v.boundary)]));
    for (const h of households) {
      const house = h.houses[0]!;
      expect(house.isCurrent).toBe(true);
      expect(booleanPointInPolygon([house.lon, house.lat], byCode.get(h.villageCode)!), h.householdNo).toBe(true);
    }
  });

  it('clusters households in the valleys: lower and nearer a river than the county at large', () => {
    const [w, s, e, n] = bbox(shape(county.county.boundary!));
    const outline = shape(county.county.boundary!);
    const random: number[][] = [];
    for (let i = 0; random.length < 500; i++) {
      const p = [w + ((i * 0.618034) % 1) * (e - w), s + ((i * 0.414214) % 1) * (n - s)];
      if (booleanPointInPolygon(p, outline)) random.push(p);
    }
    const median = (xs: number[]): number => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const county_ = random.map(([lon, lat]) => county.terrain.at(lon!, lat!));
    expect(median(households.map((h) => h.houses[0]!.elevationM))).toBeLessThan(median(county_.map((t) => t.elevationM)));
    expect(median(households.map((h) => h.houses[0]!.riverDistM))).toBeLessThan(median(county_.map((t) => t.riverDistM)) / 2);
    expect(Math.max(...county_.map((t) => t.elevationM))).toBeGreaterThan(1500);
  });

  it('has plausible shares of dangerous, fragile and repaired houses', () => {
    const cd = share((h) => h.houses[0]!.grade === 'C' || h.houses[0]!.grade === 'D');
    expect(cd).toBeGreaterThan(0.02);
    expect(cd).toBeLessThan(0.1);
    const earth = share((h) => ['earth_wood', 'adobe'].includes(h.houses[0]!.structure));
    expect(earth).toBeGreaterThan(0.15);
    expect(earth).toBeLessThan(0.4);
    const repaired = share((h) => h.houses[0]!.repairedC);
    expect(repaired).toBeGreaterThan(0.01);
    expect(repaired).toBeLessThan(0.06);
    const never = share((h) => h.houses[0]!.grade === null);
    expect(never).toBeGreaterThan(0.01);
    expect(never).toBeLessThan(0.1);
  });

  it('derives the grade, repaired-C and key flags with the domain rules', () => {
    for (const h of households) {
      for (const house of h.houses) {
        const latest = [...house.appraisals].sort((a, b) => a.appraisedOn.localeCompare(b.appraisedOn)).at(-1);
        expect(house.grade).toBe(latest?.grade ?? null);
        expect(house.appraisedOn).toBe(latest?.appraisedOn ?? null);
        expect(house.repairedC).toBe(isRepairedC(house.appraisals, house.renovations));
        expect(house.keyHouse).toBe(isKeyHouse({ grade: house.grade, repairedC: house.repairedC }));
        for (const a of house.appraisals) {
          expect(a.appraisedOn >= '2016-01-01' && a.appraisedOn <= '2026-12-31', a.appraisedOn).toBe(true);
        }
      }
    }
  });

  it('issues 18-digit ID card numbers under 610999 with valid check characters, all different', () => {
    const weights = Array.from({ length: 17 }, (_, i) => 2 ** (17 - i) % 11); // ISO 7064 MOD 11-2
    for (const h of households) {
      expect(h.idCard).toMatch(/^610999(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])\d{3}[\dX]$/);
      const sum = weights.reduce((s, w, i) => s + w * Number(h.idCard[i]), 0);
      expect(h.idCard[17]).toBe('10X98765432'[sum % 11]);
    }
    expect(new Set(households.map((h) => h.idCard)).size).toBe(households.length);
  });

  it('numbers households uniquely by village code and sequence', () => {
    for (const h of households) {
      expect(h.householdNo).toMatch(new RegExp(`^${h.villageCode}-\\d{5}$`));
      expect(h.groupCode.slice(0, 12)).toBe(h.villageCode);
      expect(h.members).toBeGreaterThanOrEqual(1);
      expect(h.elderly + h.children).toBeLessThanOrEqual(h.members);
      if (h.phone !== null) expect(h.phone).toMatch(/^1[3-9]\d{9}$/);
    }
    expect(new Set(households.map((h) => h.householdNo)).size).toBe(households.length);
  });
});
