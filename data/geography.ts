// The fictional demo county, 安居县: a Qinba-hills county of about 60 km × 45 km around
// lon 108.7, lat 33.1, with rivers, roads, ~150 villages tiling it and ~12 townships made of them.
// Everything is computed in local metres (projection.ts) and converted to lon/lat at the end.
import { pointOnFeature, polygon as turfPolygon } from '@turf/turf';
import { COUNTY_CODE, COUNTY_NAME } from './names.ts';
import { distanceToRing, pointInPolygon, pointInRing } from './planar.ts';
import { round6, toLonLat, type XY } from './projection.ts';
import { Random } from './random.ts';
import { generateRivers } from './rivers.ts';
import { generateRoads } from './roads.ts';
import { createTerrain, type Terrain } from './terrain.ts';
import { closeRing, partsArea, tileCounty, unionParts, type Parts } from './tiling.ts';
import { assignToSeats, chooseSeats } from './townships.ts';
import { buildVillages, type VillagePlan } from './villages.ts';

export type PolygonGeometry =
  | { type: 'Polygon'; coordinates: number[][][] }
  | { type: 'MultiPolygon'; coordinates: number[][][][] };

export type RegionLevel = 'county' | 'township' | 'village' | 'group';

export interface RegionRecord {
  code: string;
  parentCode: string | null;
  level: RegionLevel;
  name: string;
  /** GeoJSON geometry in WGS84; null for groups, which have no surveyed boundary. */
  boundary: PolygonGeometry | null;
  center: [number, number];
}

export interface GroupRecord extends RegionRecord {
  level: 'group';
  /** Index into the village's hamlets: where this group's households live. */
  hamlet: number;
}

export interface VillageRecord extends RegionRecord {
  level: 'village';
  boundary: PolygonGeometry;
  /** Hamlet (自然村) centres, lon/lat, in the valley part of the village. */
  hamlets: [number, number][];
  groups: GroupRecord[];
  /** Relative share of the county's households (valley and seat villages are bigger). */
  weight: number;
}

export interface BasemapLine {
  kind: 'river' | 'road';
  subkind: 'main' | 'tributary' | 'national' | 'provincial' | 'county';
  name: string;
  geometry: { type: 'LineString'; coordinates: [number, number][] };
}

export interface DemoCounty {
  seed: number;
  county: RegionRecord;
  townships: RegionRecord[];
  villages: VillageRecord[];
  basemap: BasemapLine[];
  terrain: Terrain;
}

const VILLAGE_COUNT = 150;

export function generateCounty(seed: number): DemoCounty {
  const rng = new Random(`anju-county:${seed}`);
  const outline = countyOutline(rng.fork('outline'));
  const rivers = generateRivers(rng.fork('rivers'), outline);
  const terrain = createTerrain(
    rng.fork('terrain'),
    rivers.find((r) => r.subkind === 'main')!.line,
    rivers.map((r) => r.line),
  );
  const seeds = villageSeeds(rng.fork('village-seeds'), outline, terrain);
  const cells = tileCounty(seeds, outline);
  const seats = chooseSeats(rng.fork('seats'), seeds, terrain);
  const townshipOf = assignToSeats(seeds, seats, cells);
  const roads = generateRoads(rng.fork('roads'), outline, rivers, seats.map((s) => seeds[s]!));
  const plan = buildVillages(rng.fork('villages'), { seeds, cells, seats, townshipOf, terrain });

  const county: RegionRecord = region(COUNTY_CODE, null, 'county', COUNTY_NAME, [[closeRing(outline)]]);
  const townships = plan.townships.map((t) =>
    region(t.code, COUNTY_CODE, 'township', t.name, unionParts(t.villages.map((v) => cells[v]!).flat())),
  );
  const villages = plan.villages.map((v) => villageRecord(v, cells[v.index]!));
  const basemap: BasemapLine[] = [
    ...rivers.map((r) => line('river', r.subkind, r.name, r.line)),
    ...roads.map((r) => line('road', r.subkind, r.name, r.line)),
  ];
  return { seed, county, townships, villages, basemap, terrain };
}

/** An irregular, star-shaped outline: an ellipse (30 km × 22.5 km semi-axes) with smooth radial noise. */
function countyOutline(rng: Random): XY[] {
  // Amplitude falling with frequency (a 1/f spectrum) gives broad lobes plus a ragged, natural edge.
  const harmonics = Array.from({ length: 38 }, (_, i) => {
    const k = i + 2;
    return { k, amp: rng.uniform(0.3, 1) * (0.12 / Math.pow(k, 0.95)), phase: rng.uniform(0, 2 * Math.PI) };
  });
  const a = 30_000;
  const b = 22_500;
  const ring: XY[] = [];
  const n = 360;
  // Increasing angle = counter-clockwise, as RFC 7946 wants outer rings.
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const base = (a * b) / Math.hypot(b * Math.cos(t), a * Math.sin(t));
    let f = 1;
    for (const h of harmonics) f += h.amp * Math.sin(h.k * t + h.phase);
    const r = base * Math.max(0.55, f);
    ring.push([r * Math.cos(t), r * Math.sin(t)]);
  }
  return closeRing(ring);
}

/**
 * Village seats sit mostly in valleys: candidates near rivers are accepted far more often, and packed
 * closer, than those on the ridges, so valley villages are small and dense, hill villages large.
 */
function villageSeeds(rng: Random, outline: readonly XY[], terrain: Terrain): XY[] {
  const xs = outline.map((p) => p[0]);
  const ys = outline.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const seeds: XY[] = [];
  const spacing: number[] = [];
  for (let attempt = 0; attempt < 200_000 && seeds.length < VILLAGE_COUNT; attempt++) {
    const p: XY = [rng.uniform(x0, x1), rng.uniform(y0, y1)];
    if (!pointInRing(p[0], p[1], outline) || distanceToRing(p[0], p[1], outline) < 600) continue;
    const d = terrain.atXY(p[0], p[1]).riverDistM;
    if (!rng.chance(0.06 + 0.94 * Math.exp(-d / 1200))) continue;
    const gap = 1_700 + 1_500 * Math.min(1, d / 4_000);
    const crowded = seeds.some((s, i) => Math.hypot(s[0] - p[0], s[1] - p[1]) < Math.max(gap, spacing[i]!));
    if (crowded) continue;
    seeds.push(p);
    spacing.push(gap);
  }
  return seeds;
}

function villageRecord(v: VillagePlan, parts: Parts): VillageRecord {
  const base = region(v.code, v.townshipCode, 'village', v.name, parts);
  return {
    ...base,
    level: 'village',
    boundary: base.boundary!,
    hamlets: v.hamlets.map((h) => toLonLat(h[0], h[1])),
    groups: v.groups.map((g) => ({
      code: g.code,
      parentCode: v.code,
      level: 'group',
      name: g.name,
      boundary: null,
      center: toLonLat(...v.hamlets[g.hamlet]!),
      hamlet: g.hamlet,
    })),
    weight: v.weight,
  };
}

function region(code: string, parentCode: string | null, level: RegionLevel, name: string, parts: Parts): RegionRecord {
  const coords = parts.map((rings) => rings.map((ring, k) => wind(ring.map((p) => toLonLat(p[0], p[1])), k === 0)));
  const boundary: PolygonGeometry =
    coords.length === 1 ? { type: 'Polygon', coordinates: coords[0]! } : { type: 'MultiPolygon', coordinates: coords };
  return { code, parentCode, level, name, boundary, center: labelPoint(coords, parts) };
}

/** RFC 7946: outer rings counter-clockwise, holes clockwise. */
function wind(ring: XY[], outer: boolean): XY[] {
  let twiceArea = 0;
  for (let i = 1; i < ring.length; i++) twiceArea += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return twiceArea > 0 === outer ? ring : ring.reverse();
}

/** The area-weighted centroid when it falls inside (most villages), else turf's point on the surface. */
function labelPoint(coords: XY[][][], parts: Parts): [number, number] {
  const largest = coords
    .map((rings, i) => ({ rings, a: partsArea([parts[i]!]) }))
    .sort((p, q) => q.a - p.a)[0]!.rings;
  const outer = largest[0]!;
  let cx = 0;
  let cy = 0;
  let a2 = 0;
  for (let i = 1; i < outer.length; i++) {
    const [x0, y0] = outer[i - 1]!;
    const [x1, y1] = outer[i]!;
    const c = x0 * y1 - x1 * y0;
    a2 += c;
    cx += (x0 + x1) * c;
    cy += (y0 + y1) * c;
  }
  const centroid: [number, number] = [round6(cx / (3 * a2)), round6(cy / (3 * a2))];
  if (pointInPolygon(centroid[0], centroid[1], largest)) return centroid;
  return pointOnFeature(turfPolygon(largest)).geometry.coordinates as [number, number];
}


function line(kind: BasemapLine['kind'], subkind: BasemapLine['subkind'], name: string, pts: readonly XY[]): BasemapLine {
  return { kind, subkind, name, geometry: { type: 'LineString', coordinates: pts.map((p) => toLonLat(p[0], p[1])) } };
}
