// The boundaries import kind against a real seeded SQLite file: GeoJSON and zipped Shapefiles of the
// seeded townships and villages (some altered), the bad files county offices really send, and what a
// commit writes — and what it never touches (houses).
import { bbox as turfBBox, booleanPointInPolygon, point } from '@turf/turf';
import { zipSync } from 'fflate';
import proj4 from 'proj4';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadDataKey } from '../../server/config.ts';
import { openReadOnly, type Db } from '../../server/db/connection.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { findUserForLogin } from '../../server/db/users.ts';
import type { Position, ZoneGeometry } from '../../server/domain/alerts.ts';
import { roundCoordinate } from '../../server/domain/boundary-winding.ts';
import { fromWgs84 } from '../../server/domain/crs.ts';
import { boundaries, MAX_BOUNDARY_POSITIONS, type BoundaryPlan } from '../../server/imports/boundaries.ts';
import { DEFAULT_IMPORT_OPTIONS, type Checked, type ImportOptions } from '../../server/imports/kind.ts';
import { importKind } from '../../server/imports/kinds.ts';
import { seededApp } from './harness.ts';
import { CGCS2000_GK_CM108_PRJ, shapefileZip, WGS84_PRJ, type ShapefileSpec } from './shapefile-fixture.ts';

interface RegionRow {
  code: string;
  name: string;
  level: string;
  parent_code: string;
  boundary: string;
  center_lon: number;
  center_lat: number;
}

let t: ReturnType<typeof seededApp>;
let ro: Db;
let countyCode: string;
let villages: RegionRow[];
let townships: RegionRow[];

const today = '2026-05-01';

beforeAll(() => {
  t = seededApp(600, 5);
  ro = openReadOnly(t.dbPath);
  countyCode = (t.db.prepare("SELECT code FROM regions WHERE level = 'county'").get() as { code: string }).code;
  villages = t.db.prepare("SELECT * FROM regions WHERE level = 'village' ORDER BY code").all() as RegionRow[];
  townships = t.db.prepare("SELECT * FROM regions WHERE level = 'township' ORDER BY code").all() as RegionRow[];
});
afterAll(async () => {
  ro.close();
  await t.close();
});

function check(bytes: Uint8Array | string, fileName = 'boundaries.geojson', options: Partial<ImportOptions> = {}): Promise<Checked<BoundaryPlan>> {
  return boundaries.check({
    db: ro,
    bytes: typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes,
    fileName,
    options: { ...DEFAULT_IMPORT_OPTIONS, ...options },
    scope: { code: countyCode, level: 'county' },
    today,
    cipher: createPersonalDataCipher(loadDataKey(t.dbPath)),
    progress: () => {},
  });
}

function commit(plan: BoundaryPlan, batchId = 1) {
  const actor = findUserForLogin(t.db, 'county')!;
  return boundaries.commit!(t.db, plan, { actor, batchId, today, now: new Date(), confirmNewRegions: false });
}

const geometryOf = (r: RegionRow) => JSON.parse(r.boundary) as ZoneGeometry;
const collection = (features: unknown[], extra: Record<string, unknown> = {}) => JSON.stringify({ type: 'FeatureCollection', ...extra, features });
const feature = (geometry: unknown, properties: Record<string, unknown>) => ({ type: 'Feature', properties, geometry });
const villageFeature = (r: RegionRow, geometry: unknown = geometryOf(r)) => feature(geometry, { XZQDM: r.code, XZQMC: r.name });

function mapPositions(g: ZoneGeometry, f: (p: Position) => Position): ZoneGeometry {
  return g.type === 'Polygon'
    ? { type: 'Polygon', coordinates: g.coordinates.map((r) => r.map(f)) }
    : { type: 'MultiPolygon', coordinates: g.coordinates.map((p) => p.map((r) => r.map(f))) };
}

function housesOfVillage(code: string): { id: number; lon: number; lat: number }[] {
  return t.db
    .prepare('SELECT h.id, h.lon, h.lat FROM houses h JOIN households hh ON hh.id = h.household_id WHERE h.is_current = 1 AND hh.village_code = ? ORDER BY h.id')
    .all(code) as { id: number; lon: number; lat: number }[];
}

/** The village with the most houses, its boundary halved about its centre. */
function shrunkVillage() {
  const counts = t.db
    .prepare('SELECT hh.village_code AS code, COUNT(*) AS n FROM households hh JOIN houses h ON h.household_id = hh.id AND h.is_current = 1 GROUP BY 1 ORDER BY n DESC, code LIMIT 1')
    .get() as { code: string; n: number };
  const village = villages.find((v) => v.code === counts.code)!;
  const [cx, cy] = [village.center_lon, village.center_lat];
  const shrunk = mapPositions(geometryOf(village), ([x, y]) => [cx + (x - cx) * 0.5, cy + (y - cy) * 0.5]);
  const outside = housesOfVillage(village.code).filter((h) => !booleanPointInPolygon(point([h.lon, h.lat]), shrunk)).length;
  return { village, shrunk, outside };
}

const maxDeviation = (a: ZoneGeometry, b: ZoneGeometry) => {
  const pa = JSON.stringify(a.coordinates).match(/-?[\d.]+/g)!.map(Number);
  const pb = JSON.stringify(b.coordinates).match(/-?[\d.]+/g)!.map(Number);
  expect(pa.length).toBe(pb.length);
  return Math.max(...pa.map((v, i) => Math.abs(v - pb[i]!)));
};

/** Sorted positions to 1 cm (as stored), so rings written in the other direction compare equal. */
const positionSet = (g: ZoneGeometry) =>
  (JSON.stringify(g.coordinates).match(/-?[\d.]+,-?[\d.]+/g) ?? []).map((p) => p.split(',').map((v) => roundCoordinate(Number(v))).join(',')).sort();

describe('boundaries kind', () => {
  it('is registered, accepts GeoJSON and zips, and writes', () => {
    expect(importKind('boundaries')).toBe(boundaries);
    expect(boundaries.accepts).toEqual(['geojson', 'zip']);
    expect(boundaries.writes).toBe(true);
  });
});

describe('checking a GeoJSON of the villages', () => {
  it('matches every village by its code and counts the houses a shrunk boundary leaves outside', async () => {
    const { village, shrunk, outside } = shrunkVillage();
    expect(outside).toBeGreaterThan(0);
    const file = collection(villages.map((v) => villageFeature(v, v.code === village.code ? shrunk : geometryOf(v))));
    const { report, plan } = await check(file);
    expect(report.problems).toEqual([]);
    expect(report.format).toBe('geojson');
    expect(report.rows).toBe(villages.length);
    expect(report.summary).toMatchObject({ townships: 0, villages: villages.length, unmatched: 0, housesOutside: outside });
    // The seeded boundaries come back as they are stored: only the shrunk one would change.
    expect(report.summary.unchanged).toBe(villages.length - 1);
    const f = report.boundaries!.features.find((x) => x.code === village.code)!;
    expect(f).toEqual({ code: village.code, name: village.name, level: 'village', matched: true, housesOutside: outside });
    expect(report.boundaries!.features.filter((x) => x.code !== village.code).every((x) => x.housesOutside === 0)).toBe(true);
    expect(plan.county).toBeNull(); // villages alone leave the county outline
  });

  it('matches by name when the file has no code column, and lists a feature of no known region without refusing the file', async () => {
    const sample = villages.slice(0, 3);
    const file = collection([
      ...sample.map((v) => feature(geometryOf(v), { 名称: v.name })),
      feature(geometryOf(sample[0]!), { XZQDM: '610998101201', XZQMC: '邻县某村' }),
    ]);
    const { report } = await check(file);
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({ villages: 3, unmatched: 1 });
    expect(report.boundaries!.features[3]).toEqual({ code: '610998101201', name: '邻县某村', level: 'village', matched: false, housesOutside: 0 });
  });

  it('pads a 9-digit township code with 000', async () => {
    const town = townships[1]!;
    const { report } = await check(collection([feature(geometryOf(town), { XIANG_DM: town.code.slice(0, 9) })]));
    expect(report.problems).toEqual([]);
    expect(report.boundaries!.features[0]).toMatchObject({ code: town.code, level: 'township', matched: true });
  });

  it('converts a GCJ-02 file (AMap, DataV) to WGS84 when the uploader says so', async () => {
    const v = villages[4]!;
    const gcj = mapPositions(geometryOf(v), ([x, y]) => fromWgs84(x, y, 'gcj02'));
    expect(maxDeviation(gcj, geometryOf(v))).toBeGreaterThan(1e-3); // hundreds of metres off as written
    const { report, plan } = await check(collection([villageFeature(v, gcj)]), 'amap.geojson', { crs: 'gcj02' });
    expect(report.problems).toEqual([]);
    const back = JSON.parse(plan.regions[0]!.boundary) as ZoneGeometry;
    expect(maxDeviation(back, geometryOf(v))).toBeLessThan(1e-5); // about a metre
  });

  it('names each invalid geometry by feature number, code and what is wrong, in Chinese', async () => {
    const [a, b, c, d, e] = villages;
    const [x, y] = [a!.center_lon, a!.center_lat];
    const bowtie = { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y + 0.01], [x + 0.01, y], [x, y + 0.01], [x, y]]] };
    const unclosed = { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y], [x + 0.01, y + 0.01], [x, y + 0.01]]] };
    const line = { type: 'LineString', coordinates: [[x, y], [x + 0.01, y]] };
    const faraway = { type: 'Polygon', coordinates: [[[116, 40], [116.01, 40], [116.01, 40.01], [116, 40]]] };
    const circle = Array.from({ length: MAX_BOUNDARY_POSITIONS + 1 }, (_, i): Position => {
      const angle = (2 * Math.PI * i) / MAX_BOUNDARY_POSITIONS;
      return [x + 0.01 * Math.cos(angle), y + 0.01 * Math.sin(angle)];
    });
    const huge = { type: 'Polygon', coordinates: [[...circle, circle[0]]] };
    const f = villages[5]!;
    const file = collection([
      villageFeature(a!, bowtie),
      villageFeature(b!, unclosed),
      villageFeature(c!, line),
      villageFeature(d!, faraway),
      villageFeature(e!, null),
      villageFeature(f, huge),
    ]);
    const { report, plan } = await check(file);
    expect(report.problems.map((p) => [p.row, p.code, p.field])).toEqual([
      [1, 'self_intersection', 'geometry'],
      [2, 'unclosed_ring', 'geometry'],
      [3, 'invalid_geometry_type', 'geometry'],
      [4, 'outside_county', 'geometry'],
      [5, 'missing_geometry', 'geometry'],
      [6, 'too_many_positions', 'geometry'],
    ]);
    expect(report.problems[5]!.message).toContain('简化');
    expect(report.problems[0]!.message).toContain(`第 1 个要素（${a!.code} ${a!.name}）`);
    expect(report.problems[0]!.message).toContain('自相交');
    expect(report.problems[2]!.message).toContain('LineString');
    expect(report.problemCounts).toMatchObject({ self_intersection: 1, unclosed_ring: 1 });
    expect(plan.regions).toEqual([]);
  });

  it('refuses two features for one region, and a name two regions share', async () => {
    const v = villages[2]!;
    const town = townships.find((x) => x.name === '城关镇')!;
    const file = collection([villageFeature(v), villageFeature(v), feature(geometryOf(town), { NAME: '城关' })]);
    const { report } = await check(file);
    expect(report.problems.map((p) => [p.row, p.code, p.column])).toEqual([
      [2, 'duplicate_region', 'XZQDM'],
      [3, 'ambiguous_name', 'NAME'],
    ]);
    expect(report.problems[0]!.message).toContain('第 1 个要素');
    expect(report.problems[1]!.message).toContain('城关镇');
  });

  it('refuses a file none of whose features is a region of the county', async () => {
    const { report } = await check(collection([feature(geometryOf(villages[0]!), { XZQDM: '110101001001' })]));
    expect(report.problems.map((p) => [p.row, p.code, p.field])).toEqual([[null, 'no_region_matched', 'file']]);
  });

  it('refuses a crs member naming a projected system, and coordinates in metres without one', async () => {
    const v = villages[0]!;
    const named = collection([villageFeature(v)], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4545' } } });
    await expect(check(named)).rejects.toMatchObject({ status: 422, code: 'unsupported_crs', field: 'crs', message: expect.stringContaining('EPSG:4545') });
    const ok = collection([villageFeature(v)], { crs: { type: 'name', properties: { name: 'urn:ogc:def:crs:EPSG::4490' } } });
    expect((await check(ok)).report.problems).toEqual([]);
    const gk = proj4(CGCS2000_GK_CM108_PRJ);
    const metres = collection([villageFeature(v, mapPositions(geometryOf(v), (p) => gk.forward(p) as Position))]);
    await expect(check(metres)).rejects.toMatchObject({ status: 422, code: 'looks_projected', field: 'file', message: expect.stringContaining('投影坐标') });
  });

  it('refuses what is not a boundary file, clearly', async () => {
    await expect(check(new Uint8Array(), 'x.geojson')).rejects.toMatchObject({ status: 422, code: 'empty_file' });
    await expect(check('户主姓名,身份证号\n张三,1\n', 'ledger.csv')).rejects.toMatchObject({ status: 415, code: 'not_boundary_file', field: 'file' });
    await expect(check('{"type": "Feature", ', 'cut.geojson')).rejects.toMatchObject({ status: 422, code: 'invalid_geojson' });
    await expect(check('{"type": "Topology"}', 'topo.json')).rejects.toMatchObject({ status: 422, code: 'invalid_geojson' });
  });
});

/** A layer of the first township's villages, as a county GIS office exports it. */
function villageLayer(opts: { project?: (p: Position) => Position; encoding?: 'utf-8' | 'gbk'; ldid?: number; byName?: boolean } = {}): ShapefileSpec {
  const town = townships[0]!;
  const members = villages.filter((v) => v.parent_code === town.code);
  const project = opts.project ?? ((p: Position) => p);
  return {
    geometries: members.map((v) => mapPositions(geometryOf(v), project)),
    fields: opts.byName
      ? [
          { name: '乡镇名', type: 'C', length: 30 },
          { name: '村名', type: 'C', length: 30 },
        ]
      : [
          { name: 'CUN_DM', type: 'N', length: 12 },
          { name: 'CUN_MC', type: 'C', length: 40 },
        ],
    records: members.map((v): Record<string, string> => (opts.byName ? { 乡镇名: town.name, 村名: v.name } : { CUN_DM: v.code, CUN_MC: v.name })),
    encoding: opts.encoding ?? 'utf-8',
    ldid: opts.ldid ?? 0,
  };
}

describe('checking a zipped Shapefile', () => {
  it('reads shapes, numeric codes and UTF-8 text (.cpg), and the seeded villages come back unchanged', async () => {
    const spec = villageLayer();
    const zip = shapefileZip('村界', spec, { '村界.prj': WGS84_PRJ, '村界.cpg': 'UTF-8' });
    const { report } = await check(zip, 'cun.zip');
    expect(report.problems).toEqual([]);
    expect(report.format).toBe('shapefile');
    expect(report.encoding).toEqual({ detected: 'utf-8', used: 'utf-8' });
    // Shapefile shells run clockwise: rewound, they equal the stored boundaries.
    expect(report.summary).toMatchObject({ villages: spec.geometries.length, unmatched: 0, unchanged: spec.geometries.length });
  });

  it('refuses a Shapefile without .prj, naming .prj — the coordinates are never guessed', async () => {
    const zip = shapefileZip('村界', villageLayer(), {});
    await expect(check(zip, 'cun.zip')).rejects.toMatchObject({
      status: 422,
      code: 'shapefile_missing_prj',
      field: 'file',
      message: expect.stringMatching(/村界\.shp.*缺少 \.prj/),
    });
    const noDbf = shapefileZip('村界', villageLayer(), {}, ['dbf']);
    const refusal = check(noDbf, 'cun.zip');
    await expect(refusal).rejects.toMatchObject({ code: 'shapefile_incomplete', message: expect.stringContaining('.dbf') });
    await expect(refusal).rejects.toMatchObject({ message: expect.stringContaining('.prj') });
  });

  it('reads GBK attribute text without a .cpg, by the language-driver byte or by its bytes', async () => {
    for (const ldid of [0x4d, 0]) {
      const spec = villageLayer({ encoding: 'gbk', ldid, byName: true });
      const zip = shapefileZip('cun', spec, { 'cun.prj': WGS84_PRJ });
      const { report } = await check(zip, 'cun.zip');
      expect(report.encoding).toEqual({ detected: 'gb18030', used: 'gb18030' });
      expect(report.problems).toEqual([]);
      // Matched by name, so the names were read right.
      expect(report.summary).toMatchObject({ villages: spec.geometries.length, unmatched: 0 });
    }
    // A .cpg of "936" (ANSI code page) is honoured too.
    const zip = shapefileZip('cun', villageLayer({ encoding: 'gbk', byName: true }), { 'cun.prj': WGS84_PRJ, 'cun.cpg': '936' });
    expect((await check(zip, 'cun.zip')).report.summary.unmatched).toBe(0);
  });

  it('reprojects a CGCS2000 3-degree Gauss-Krüger (EPSG:4545) layer to WGS84 by its .prj', async () => {
    const gk = proj4(CGCS2000_GK_CM108_PRJ);
    const spec = villageLayer({ project: (p) => gk.forward(p) as Position });
    expect((spec.geometries[0]!.coordinates as Position[][])[0]![0]![0]).toBeGreaterThan(100_000); // metres in the file
    const zip = shapefileZip('村界', spec, { '村界.prj': CGCS2000_GK_CM108_PRJ });
    const { report, plan } = await check(zip, 'cun_4545.zip');
    expect(report.problems).toEqual([]);
    expect(report.summary.villages).toBe(spec.geometries.length);
    for (const w of plan.regions) {
      const stored = geometryOf(villages.find((v) => v.code === w.code)!);
      const back = JSON.parse(w.boundary) as ZoneGeometry;
      expect(positionSet(back).length).toBe(positionSet(stored).length);
      expect(maxDeviation(back, stored)).toBeLessThan(1e-6); // about 0.1 m
    }
  });

  it('refuses a .prj proj4 cannot read, several layers in one zip, an empty zip and a broken one', async () => {
    const bad = shapefileZip('cun', villageLayer(), { 'cun.prj': 'PROJCS["Local grid",GEOGCS["?"],PROJECTION["Unheard_Of"]]' });
    await expect(check(bad, 'cun.zip')).rejects.toMatchObject({ code: 'unreadable_prj', field: 'file' });
    const two = shapefileZip('村界', villageLayer(), { '村界.prj': WGS84_PRJ, '镇界.shp': new Uint8Array(100), '镇界.shx': new Uint8Array(100) });
    await expect(check(two, 'all.zip')).rejects.toMatchObject({ code: 'several_layers', message: expect.stringMatching(/村界\.shp.*镇界\.shp|镇界\.shp.*村界\.shp/) });
    await expect(check(zipSync({}), 'empty.zip')).rejects.toMatchObject({ code: 'zip_has_no_shapefile', field: 'file' });
    await expect(check(zipSync({ 'readme.txt': new TextEncoder().encode('hi') }), 'notes.zip')).rejects.toMatchObject({ code: 'zip_has_no_shapefile', message: expect.stringContaining('readme.txt') });
    const good = shapefileZip('cun', villageLayer(), { 'cun.prj': WGS84_PRJ });
    await expect(check(good.subarray(0, good.length - 40), 'cut.zip')).rejects.toMatchObject({ code: 'bad_zip', field: 'file' });
  });
});

describe('committing', () => {
  it('replaces the boundary and centre, moves no house, and a re-import changes nothing', async () => {
    const { village, shrunk, outside } = shrunkVillage();
    const file = collection(villages.map((v) => villageFeature(v, v.code === village.code ? shrunk : geometryOf(v))));
    const housesBefore = t.db.prepare('SELECT id, lon, lat, is_current FROM houses ORDER BY id').all();
    const first = await check(file);
    expect(first.report.summary.housesOutside).toBe(outside);
    expect(commit(first.plan, 11)).toEqual({ townships: 0, villages: 1, unchanged: villages.length - 1, county: 0 });

    const stored = t.db.prepare('SELECT * FROM regions WHERE code = ?').get(village.code) as RegionRow;
    expect(positionSet(geometryOf(stored))).toEqual(positionSet(shrunk));
    expect(booleanPointInPolygon(point([stored.center_lon, stored.center_lat]), geometryOf(stored))).toBe(true);
    expect(t.db.prepare('SELECT id, lon, lat, is_current FROM houses ORDER BY id').all()).toEqual(housesBefore);

    const regionsBefore = t.db.prepare('SELECT * FROM regions ORDER BY code').all();
    const again = await check(file);
    expect(again.report.summary.unchanged).toBe(villages.length);
    expect(commit(again.plan, 12)).toEqual({ townships: 0, villages: 0, unchanged: villages.length, county: 0 });
    expect(t.db.prepare('SELECT * FROM regions ORDER BY code').all()).toEqual(regionsBefore);
  });

  it('shows the new boundary on the map at once: the basemap is revalidated, not kept for minutes', async () => {
    const before = await t.request('/api/basemap/villages');
    expect(before.headers.get('cache-control')).toMatch(/no-cache/);
    const etag = before.headers.get('etag');
    expect(etag).toBeTruthy();
    expect((await t.request('/api/basemap/villages', { headers: { 'if-none-match': etag! } })).status).toBe(304);

    const v = villages[7]!;
    const moved = mapPositions(geometryOf(v), ([x, y]) => [x + 0.0005, y]);
    commit((await check(collection([villageFeature(v, moved)]))).plan, 13);
    const after = await t.request('/api/basemap/villages', { headers: { 'if-none-match': etag! } });
    expect(after.status).toBe(200);
    const layer = (await after.json()) as { features: { properties: { code: string }; geometry: ZoneGeometry }[] };
    expect(positionSet(layer.features.find((f) => f.properties.code === v.code)!.geometry)).toEqual(positionSet(moved));
  });

  it('re-derives the county outline from imported townships', async () => {
    const countyBefore = t.db.prepare("SELECT boundary FROM regions WHERE level = 'county'").get() as { boundary: string };
    const boxBefore = turfBBox(JSON.parse(countyBefore.boundary));
    const file = collection(townships.map((r) => feature(geometryOf(r), { XZQDM: r.code, XZQMC: r.name })));
    const { report, plan } = await check(file);
    expect(report.problems).toEqual([]);
    expect(report.summary).toMatchObject({ townships: townships.length, villages: 0, unchanged: townships.length });
    expect(plan.county).not.toBeNull();
    const result = commit(plan, 14);
    expect(result).toMatchObject({ townships: 0, unchanged: townships.length });
    const county = JSON.parse((t.db.prepare("SELECT boundary FROM regions WHERE level = 'county'").get() as { boundary: string }).boundary) as ZoneGeometry;
    // The union of the townships is the county the seed drew (to within rounding), with no sliver holes.
    turfBBox(county).forEach((b, i) => expect(Math.abs(b - boxBefore[i]!)).toBeLessThan(1e-6));
    for (const town of townships) expect(booleanPointInPolygon(point([town.center_lon, town.center_lat]), county)).toBe(true);
    // Imported again: nothing to write, the outline included.
    expect(commit((await check(file)).plan, 15)).toEqual({ townships: 0, villages: 0, unchanged: townships.length, county: 0 });
  });
});

describe('through /api/imports', () => {
  type Batch = { id: number; kind: string; status: string; error: { code: string; message: string; field?: string } | null; report: any; result: Record<string, number> | null };

  async function upload(bytes: Uint8Array | string, fileName: string, as: 'county' | 'staff' | 'township' = 'staff'): Promise<Response> {
    const s = await t.sessionOf(as);
    const form = new FormData();
    form.set('file', new File([typeof bytes === 'string' ? bytes : new Uint8Array(bytes)], fileName));
    form.set('kind', 'boundaries');
    return t.app.request('/api/imports', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken }, body: form });
  }

  async function settled(id: number, as: 'county' | 'staff' = 'staff'): Promise<Batch> {
    await t.imports.idle();
    return (await t.json<Batch>(`/api/imports/${id}`, { as })).body;
  }

  it('checks and commits a boundary file for county staff, audited, and the map has it at once', async () => {
    const v = villages[10]!;
    const moved = mapPositions(geometryOf(v), ([x, y]) => [x, y + 0.0004]);
    const res = await upload(collection([villageFeature(v, moved)]), '村界.geojson');
    expect(res.status).toBe(202);
    const { id } = (await res.json()) as Batch;
    const checked = await settled(id);
    expect(checked).toMatchObject({ kind: 'boundaries', status: 'ready', error: null });
    expect(checked.report.summary).toMatchObject({ villages: 1, unmatched: 0 });
    expect(checked.report.boundaries.features).toEqual([{ code: v.code, name: v.name, level: 'village', matched: true, housesOutside: expect.any(Number) }]);

    const commitRes = await t.request(`/api/imports/${id}/commit`, { method: 'POST', body: {}, as: 'staff' });
    expect(commitRes.status).toBe(202);
    const done = await settled(id);
    expect(done).toMatchObject({ status: 'committed', result: { townships: 0, villages: 1, unchanged: 0, county: 0 } });
    const audit = t.db.prepare("SELECT username, after_json FROM audit_log WHERE action = 'import.commit' AND entity_id = ?").all(String(id)) as { username: string; after_json: string }[];
    expect(audit).toHaveLength(1);
    expect(audit[0]!.username).toBe('staff');
    expect(JSON.parse(audit[0]!.after_json)).toMatchObject({ kind: 'boundaries', villages: 1 });
    const layer = (await t.json<{ features: { properties: { code: string }; geometry: ZoneGeometry }[] }>('/api/basemap/villages')).body;
    expect(positionSet(layer.features.find((f) => f.properties.code === v.code)!.geometry)).toEqual(positionSet(moved));
  });

  it('refuses boundaries to township staff: they redraw every township', async () => {
    const res = await upload(collection([villageFeature(villages[11]!)]), 'cun.geojson', 'township');
    expect(res.status).toBe(403);
    expect(((await res.json()) as { error: { field: string } }).error.field).toBe('kind');
  });

  it('fails the batch naming .prj when the Shapefile has none, and writes nothing', async () => {
    const before = t.db.prepare('SELECT code, boundary FROM regions ORDER BY code').all();
    const res = await upload(shapefileZip('村界', villageLayer()), 'cun.zip');
    expect(res.status).toBe(202);
    const batch = await settled(((await res.json()) as Batch).id);
    expect(batch.status).toBe('failed');
    expect(batch.error).toMatchObject({ code: 'shapefile_missing_prj', field: 'file', message: expect.stringContaining('.prj') });
    expect(t.db.prepare('SELECT code, boundary FROM regions ORDER BY code').all()).toEqual(before);
  });

  it('lists geometry problems in the problems CSV, and refuses to commit them', async () => {
    const v = villages[12]!;
    const [x, y] = [v.center_lon, v.center_lat];
    const bowtie = { type: 'Polygon', coordinates: [[[x, y], [x + 0.01, y + 0.01], [x + 0.01, y], [x, y + 0.01], [x, y]]] };
    const res = await upload(collection([villageFeature(v, bowtie)]), 'bad.geojson');
    const batch = await settled(((await res.json()) as Batch).id);
    expect(batch.status).toBe('invalid');
    const csv = await (await t.request(`/api/imports/${batch.id}/problems.csv`, { as: 'staff' })).text();
    expect(csv).toContain('self_intersection');
    expect(csv).toContain(`第 1 个要素（${v.code} ${v.name}）`);
    const commitRes = await t.request(`/api/imports/${batch.id}/commit`, { method: 'POST', body: {}, as: 'staff' });
    expect(commitRes.status).toBe(409);
  });
});
