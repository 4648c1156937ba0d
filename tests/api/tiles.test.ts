// Household vector tiles (issue 14): decoded with @mapbox/vector-tile, a house-level tile holds exactly
// the houses SQL finds in its box, under the filters and the caller's jurisdiction; low-zoom aggregates
// add up to the region's total; ETags answer 304 until a write changes the map; bad addresses are 400.
// And the legend's in-view counts from the server equal what the client counts from /api/households.
import { VectorTile } from '@mapbox/vector-tile';
import { PbfReader } from 'pbf';
import { gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { countInView as countFeatures } from '../../client/map/view-counts.ts';
import type { HouseholdFeature } from '../../client/api/households.ts';
import { gridOf } from '../../server/tiles/grid-cache.ts';
import { countInView } from '../../server/tiles/in-view.ts';
import { tileBBox, worldX, worldY, type TileId } from '../../server/tiles/mercator.ts';
import { seededApp, type DemoUser } from './harness.ts';

// China time 2027-03-01: after every seeded appraisal, so a new one is the house's latest.
const clock = Date.parse('2027-03-01T10:00:00+08:00');
const TODAY = '2027-03-01';
let t: ReturnType<typeof seededApp>;
let county: [number, number, number, number];
let myTownship: string;

beforeAll(async () => {
  t = seededApp(2000, 5, { now: () => clock });
  county = await t.countyBox();
  myTownship = (await t.json('/api/auth/me', { as: 'township' })).body.user.region.code;
});
afterAll(() => t.close());

type Decoded = { id: number | undefined; props: Record<string, string | number | boolean>; x: number; y: number }[];

/** The tile's response, and its features decoded (none for a 204). */
async function tileOf(tile: TileId, query = '', init: { as?: DemoUser; headers?: Record<string, string> } = {}) {
  const res = await t.request(`/api/tiles/households/${tile.z}/${tile.x}/${tile.y}.mvt${query}`, init);
  const features: Decoded = [];
  if (res.status === 200) {
    let bytes = new Uint8Array(await res.arrayBuffer());
    if (res.headers.get('content-encoding') === 'gzip') bytes = new Uint8Array(gunzipSync(bytes));
    const layer = new VectorTile(new PbfReader(bytes)).layers.households;
    for (let i = 0; i < (layer?.length ?? 0); i++) {
      const f = layer!.feature(i);
      const [p] = f.loadGeometry()[0]!;
      features.push({ id: f.id, props: f.properties, x: p!.x, y: p!.y });
    }
  }
  return { res, features };
}

/** The tile of a zoom holding a lon/lat. */
function tileAt(z: number, lon: number, lat: number): TileId {
  const n = 2 ** z;
  return { z, x: Math.floor(worldX(lon) * n), y: Math.floor(worldY(lat) * n) };
}

/** Every tile of a zoom over the county. */
function countyTiles(z: number): TileId[] {
  const [w, s, e, n] = county;
  const a = tileAt(z, w, n);
  const b = tileAt(z, e, s);
  const out: TileId[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  return out;
}

/** Household ids of current houses SQL finds in the tile's own box (west and north edges in, east and south out). */
function idsInTile(tile: TileId, where = '1', params: unknown[] = []): number[] {
  const [w, s, e, n] = tileBBox(tile, 0);
  return (
    t.db
      .prepare(
        `SELECT h.id FROM houses o JOIN households h ON h.id = o.household_id
          WHERE o.is_current = 1 AND o.lon >= ? AND o.lon < ? AND o.lat > ? AND o.lat <= ? AND ${where} ORDER BY h.id`,
      )
      .all(w, e, s, n, ...params) as { id: number }[]
  ).map((r) => r.id);
}

/** A house-level tile (zoom 15) holding many houses: the one around the densest village's first house. */
function busyTile(): TileId {
  const { lon, lat } = t.db
    .prepare(
      `SELECT o.lon, o.lat FROM houses o JOIN households h ON h.id = o.household_id
        WHERE o.is_current = 1 AND h.village_code = (SELECT village_code FROM households GROUP BY village_code ORDER BY count(*) DESC LIMIT 1)
        ORDER BY o.id LIMIT 1`,
    )
    .get() as { lon: number; lat: number };
  return tileAt(15, lon, lat);
}

describe('GET /api/tiles/households/{z}/{x}/{y}.mvt', () => {
  it('holds at house zoom exactly the houses SQL finds in the tile, each with what the map styles', async () => {
    const tile = busyTile();
    const { res, features } = await tileOf(tile, '', { headers: { 'accept-encoding': 'gzip' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/vnd.mapbox-vector-tile');
    expect(res.headers.get('content-encoding')).toBe('gzip');
    const expected = idsInTile(tile);
    expect(expected.length).toBeGreaterThan(3);
    expect(features.map((f) => f.id).sort((a, b) => a! - b!)).toEqual(expected);
    for (const f of features) {
      expect(f.x).toBeGreaterThanOrEqual(0);
      expect(f.x).toBeLessThan(4096);
      expect(f.props).not.toHaveProperty('point_count');
      // Nothing personal: the styling's fields and no more (the id is the feature's own).
      expect(Object.keys(f.props).every((k) => ['grade', 'structure', 'status', 'key', 'repairedC', 'overdue', 'mustMoveOut'].includes(k))).toBe(true);
    }
    // Each house's fields are its row's.
    const row = t.db
      .prepare(`SELECT o.grade, o.structure, o.status, o.key_house AS key FROM houses o WHERE o.household_id = ? AND o.is_current = 1`)
      .get(features[0]!.id) as { grade: string | null; structure: string; status: string; key: number };
    expect(features[0]!.props.structure).toBe(row.structure);
    expect(features[0]!.props.grade ?? null).toBe(row.grade);
    expect(features[0]!.props.status ?? 'monitoring').toBe(row.status);
    expect(features[0]!.props.key ?? false).toBe(row.key === 1);
    // Without gzip in Accept-Encoding, the same tile comes inflated.
    const plain = await tileOf(tile);
    expect(plain.res.headers.get('content-encoding')).toBeNull();
    expect(plain.features.map((f) => f.id).sort((a, b) => a! - b!)).toEqual(expected);
  });

  it('applies the filters of /api/households', async () => {
    const tile = busyTile();
    const { features } = await tileOf(tile, '?structure=earth_wood,adobe&grade=B,C,D,none');
    const expected = idsInTile(tile, "o.structure IN ('earth_wood', 'adobe') AND (o.grade IN ('B', 'C', 'D') OR o.grade IS NULL)");
    expect(expected.length).toBeGreaterThan(0);
    expect(features.map((f) => f.id).sort((a, b) => a! - b!)).toEqual(expected);
    expect(features.every((f) => ['earth_wood', 'adobe'].includes(f.props.structure as string) && f.props.grade !== 'A')).toBe(true);
  });

  it('keeps to the jurisdiction: a township user gets its own houses, and 204 for a tile outside its township', async () => {
    const inside = busyTile();
    const mine = idsInTile(inside, 'h.township_code = ?', [myTownship]);
    expect((await tileOf(inside, '', { as: 'township' })).features.map((f) => f.id).sort((a, b) => a! - b!)).toEqual(mine);
    // A house-level tile of another township that holds none of this one's houses.
    const others = t.db
      .prepare('SELECT o.lon, o.lat FROM houses o JOIN households h ON h.id = o.household_id WHERE o.is_current = 1 AND h.township_code <> ? ORDER BY o.id')
      .all(myTownship) as { lon: number; lat: number }[];
    const outside = others.map((p) => tileAt(15, p.lon, p.lat)).find((tl) => idsInTile(tl, 'h.township_code = ?', [myTownship]).length === 0)!;
    expect((await tileOf(outside, '', { as: 'county' })).features.length).toBeGreaterThan(0);
    const refused = await tileOf(outside, '', { as: 'township' });
    expect(refused.res.status).toBe(204);
    expect(refused.features).toEqual([]);
    // A region filter outside the jurisdiction does not exist for them, as on /api/households.
    const otherTownship = (t.db.prepare('SELECT township_code FROM households WHERE township_code <> ? LIMIT 1').get(myTownship) as { township_code: string }).township_code;
    const res = await t.json(`/api/tiles/households/15/${outside.x}/${outside.y}.mvt?region=${otherTownship}`, { as: 'township' });
    expect(res.status).toBe(404);
    expect(res.body.error.field).toBe('region');
  });

  it('aggregates at low zoom into counts that add up to the region total, by grade and mark', async () => {
    const total = (t.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
    const byGrade = Object.fromEntries(
      (t.db.prepare("SELECT coalesce(grade, 'none') AS g, count(*) AS n FROM houses WHERE is_current = 1 GROUP BY g").all() as { g: string; n: number }[]).map((r) => [r.g, r.n]),
    );
    for (const z of [8, 10]) {
      const features = (await Promise.all(countyTiles(z).map((tl) => tileOf(tl)))).flatMap((r) => r.features);
      expect(features.every((f) => typeof f.props.point_count === 'number' && f.id === undefined)).toBe(true);
      const sum = (k: string) => features.reduce((a, f) => a + (f.props[k] as number), 0);
      expect(sum('point_count'), `zoom ${z}`).toBe(total);
      expect({ A: sum('gA'), B: sum('gB'), C: sum('gC'), D: sum('gD'), none: sum('gNone') }).toEqual({ A: 0, B: 0, C: 0, D: 0, none: 0, ...byGrade });
      for (const f of features) {
        const p = f.props as Record<string, number>;
        expect(p.gA! + p.gB! + p.gC! + p.gD! + p.gNone!).toBe(p.point_count);
        expect(p.cd).toBe(p.gC! + p.gD!);
        expect(f.props.worst).toBe(p.gD ? 'D' : p.gC ? 'C' : p.gB ? 'B' : p.gA ? 'A' : 'none');
        expect(p.stage).toBe(p.sSuspected ? 5 : p.sWorks ? 4 : p.sAwaiting ? 3 : p.sEmpty ? 2 : p.sEnded ? 1 : 0);
      }
    }
    // A township's aggregates add up to its households, and a filter's to what it selects.
    const township = (await Promise.all(countyTiles(10).map((tl) => tileOf(tl, '', { as: 'township' })))).flatMap((r) => r.features);
    const inTownship = (t.db.prepare('SELECT count(*) AS n FROM households WHERE township_code = ?').get(myTownship) as { n: number }).n;
    expect(township.reduce((a, f) => a + (f.props.point_count as number), 0)).toBe(inTownship);
    const dangerous = (await Promise.all(countyTiles(9).map((tl) => tileOf(tl, '?grade=C,D')))).flatMap((r) => r.features);
    expect(dangerous.reduce((a, f) => a + (f.props.point_count as number), 0)).toBe((byGrade.C ?? 0) + (byGrade.D ?? 0));
  });

  it('answers 304 to its ETag until a write changes what the tile shows, and keeps it through writes that do not', async () => {
    const tile = busyTile();
    const first = await tileOf(tile);
    const etag = first.res.headers.get('etag')!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    expect(first.res.headers.get('cache-control')).toBe('private, no-cache');
    const again = await t.request(`/api/tiles/households/${tile.z}/${tile.x}/${tile.y}.mvt`, { headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    // Another filter or another jurisdiction is another tile.
    expect((await tileOf(tile, '?key=true')).res.headers.get('etag')).not.toBe(etag);
    expect((await tileOf(tile, '', { as: 'township' })).res.headers.get('etag')).not.toBe(etag);

    // A write that moves nothing on the map (an API token made) keeps the ETag.
    expect((await t.json('/api/auth/tokens', { method: 'POST', body: { name: 'qgis' } })).status).toBe(201);
    expect((await t.request(`/api/tiles/households/${tile.z}/${tile.x}/${tile.y}.mvt`, { headers: { 'if-none-match': etag } })).status).toBe(304);

    // An appraisal that changes a grade changes the tile.
    const staffId = (await t.json('/api/auth/me', { as: 'staff' })).body.user.id as number;
    const trained = await t.json('/api/trainings', {
      method: 'POST',
      body: { userId: staffId, kind: 'appraisal', course: '农村住房安全性鉴定', trainedOn: '2026-01-10', validUntil: '2029-01-10' },
    });
    expect(trained.status, JSON.stringify(trained.body)).toBe(201);
    const target = first.features.find((f) => f.props.grade !== 'D' && (f.props.status ?? 'monitoring') === 'monitoring')!;
    const houseId = (t.db.prepare('SELECT id FROM houses WHERE household_id = ? AND is_current = 1').get(target.id) as { id: number }).id;
    const appraised = await t.json(`/api/houses/${houseId}/appraisals`, { method: 'POST', as: 'staff', body: { kind: 'formal', appraiserId: staffId, date: TODAY, grade: 'D' } });
    expect(appraised.status, JSON.stringify(appraised.body)).toBe(201);
    const after = await t.request(`/api/tiles/households/${tile.z}/${tile.x}/${tile.y}.mvt`, { headers: { 'if-none-match': etag } });
    expect(after.status).toBe(200);
    expect(after.headers.get('etag')).not.toBe(etag);
    const changed = (await tileOf(tile)).features.find((f) => f.id === target.id)!;
    expect(changed.props.grade).toBe('D');
    expect(changed.props.status).toBe('listed');
  });

  it('refuses a bad tile address or filter with 400 naming it', async () => {
    const bad: [string, string][] = [
      ['/api/tiles/households/23/0/0.mvt', 'z'],
      ['/api/tiles/households/-1/0/0.mvt', 'z'],
      ['/api/tiles/households/1.5/0/0.mvt', 'z'],
      ['/api/tiles/households/3/8/0.mvt', 'x'],
      ['/api/tiles/households/3/x/0.mvt', 'x'],
      ['/api/tiles/households/3/0/8.mvt', 'y'],
      ['/api/tiles/households/3/0/0.png', 'y'],
      ['/api/tiles/households/3/0/0', 'y'],
      ['/api/tiles/households/3/0/00.mvt', 'y'],
      ['/api/tiles/households/12/3300/1600.mvt?grade=E', 'grade'],
      ['/api/tiles/households/12/3300/1600.mvt?bbox=108,33,109,34', 'bbox'],
      ['/api/tiles/households/12/3300/1600.mvt?limit=5', 'limit'],
      ['/api/tiles/households/12/3300/1600.mvt?colour=red', 'colour'],
    ];
    for (const [path, field] of bad) {
      const res = await t.json(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.field, path).toBe(field);
    }
    // Without a session, nothing.
    expect((await t.request('/api/tiles/households/8/210/103.mvt', { as: null })).status).toBe(401);
  });
});

describe('GET /api/tiles/households.json', () => {
  it('says where the tiles are for these filters and whether the region is large enough to draw from them', async () => {
    const doc = (await t.json('/api/tiles/households.json?grade=C,D')).body;
    expect(doc).toMatchObject({ tilejson: '3.0.0', tiles: ['/api/tiles/households/{z}/{x}/{y}.mvt?grade=C,D'], minzoom: 0, maxzoom: 16, houses: 2000, threshold: 30_000, tiled: false });
    expect(doc.vector_layers[0].id).toBe('households');
    expect(doc.version).toBe(t.db.prepare('SELECT version FROM household_map_version').pluck().get());
    const mine = (t.db.prepare('SELECT count(*) AS n FROM households WHERE township_code = ?').get(myTownship) as { n: number }).n;
    expect((await t.json('/api/tiles/households.json', { as: 'township' })).body.houses).toBe(mine);
    expect((await t.json('/api/tiles/households.json?grade=Z')).status).toBe(400);
  });
});

describe('GET /api/households/counts', () => {
  /** What the client's legend counts from /api/households features in the same box. */
  async function clientCount(query: string, bbox: [number, number, number, number], as: DemoUser = 'county') {
    const fc = (await t.json(`/api/households${query}`, { as })).body as { features: HouseholdFeature[] };
    return countFeatures(fc.features, bbox);
  }
  const q = (b: number[]) => b.map((v) => v.toFixed(6)).join(',');

  it('equals what /api/households features count in the same box, under the filters and the jurisdiction', async () => {
    const [w, s, e, n] = county;
    const boxes: [number, number, number, number][] = [
      [w - 0.01, s - 0.01, e + 0.01, n + 0.01],
      [w + (e - w) * 0.3, s + (n - s) * 0.3, w + (e - w) * 0.55, s + (n - s) * 0.6],
      [w + (e - w) * 0.41, s + (n - s) * 0.41, w + (e - w) * 0.44, s + (n - s) * 0.45],
    ];
    for (const box of boxes) {
      for (const [filters, as] of [['', 'county'], ['grade=C,D,none', 'county'], ['key=true&structure=earth_wood', 'county'], ['', 'township'], ['status=listed,planned,under_works', 'leader']] as const) {
        const bboxed = await t.json(`/api/households/counts?bbox=${q(box)}${filters ? `&${filters}` : ''}`, { as });
        expect(bboxed.status, JSON.stringify(bboxed.body)).toBe(200);
        const rounded = q(box).split(',').map(Number) as [number, number, number, number];
        expect(bboxed.body, `${filters} as ${as} in ${box}`).toEqual(await clientCount(`?bbox=${q(box)}${filters ? `&${filters}` : ''}`, rounded, as));
      }
    }
    const whole = (await t.json(`/api/households/counts?bbox=${q(boxes[0]!)}`)).body;
    expect(whole.total).toBe(2000);
    expect(whole.byGrade.C + whole.byGrade.D).toBeGreaterThan(0);
  });

  it('counts the houses patrolled in the dashboard days when given them', async () => {
    const box = county;
    const query = `?bbox=${q(box)}&from=2026-01-01&to=2027-02-28`;
    const server = (await t.json(`/api/households/counts${query}`)).body;
    const client = await clientCount(query, q(box).split(',').map(Number) as [number, number, number, number]);
    expect(server).toEqual(client);
  });

  it('counts a large box from the grid of cells and the strips around it, to the same numbers as the exact query', () => {
    const scope = { code: myTownship, level: 'township' as const };
    const [w, s, e, n] = county;
    const boxes: [number, number, number, number][] = [
      [w, s, e, n],
      [w + 0.0123, s + 0.0456, e - 0.0789, n - 0.0321],
      [w + (e - w) / 3, s + (n - s) / 3, w + (e - w) / 2, s + (n - s) / 2],
    ];
    for (const filter of [{}, { scope }, { grades: ['C' as const, 'D' as const] }]) {
      gridOf(t.db, filter, TODAY); // kept: the count takes it
      for (const bbox of boxes) {
        const fromGrid = countInView(t.db, { filter: { ...filter, bbox }, today: TODAY });
        // With the days the grid cannot answer (it has no patrols): the exact query, then the patrols taken out.
        const exact = countInView(t.db, { filter: { ...filter, bbox }, today: TODAY, patrolledIn: { from: '2000-01-01T00:00:00Z', to: '2000-01-02T00:00:00Z' } });
        expect(fromGrid, JSON.stringify({ filter, bbox })).toEqual(exact);
      }
    }
  });

  it('needs a box, and refuses bad input with 400 naming the field', async () => {
    for (const [path, field] of [
      ['/api/households/counts', 'bbox'],
      ['/api/households/counts?bbox=1,2,3', 'bbox'],
      ['/api/households/counts?bbox=108,33,109,34&grade=Q', 'grade'],
      ['/api/households/counts?bbox=108,33,109,34&limit=3', 'limit'],
      ['/api/households/counts?bbox=108,33,109,34&from=2027-02-01&to=2027-01-01', 'to'],
    ] as const) {
      const res = await t.json(path);
      expect(res.status, path).toBe(400);
      expect(res.body.error.field, path).toBe(field);
    }
  });
});

describe('a map view asking for many tiles at once', () => {
  it('answers them all from the worker pool, none turned away as a busy calculation would be', async () => {
    // Three calculations per user is the pool's bound for route solving and exposure; a map view asks a
    // dozen tiles and more, as short jobs with their own bound.
    const tiles = countyTiles(12);
    expect(tiles.length).toBeGreaterThan(3);
    const statuses = await Promise.all(tiles.map((tl) => t.request(`/api/tiles/households/${tl.z}/${tl.x}/${tl.y}.mvt?repairedC=false`, { as: 'viewer' }).then((r) => r.status)));
    expect(statuses.filter((s) => s !== 200 && s !== 204)).toEqual([]);
  });
});
