import { booleanPointInPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Position, ZoneGeometry } from '../../server/domain/alerts.ts';
import { buildPointGrid, compileZone, exposureJoin, gridPointsInZone, pointsInZone, zoneContains } from '../../server/domain/exposure.ts';
// mulberry32: a small seeded generator, so failures replay.
import { mulberry32 as rng } from '../../server/domain/tour-moves.ts';

/** A star-shaped ring around (cx, cy): angles ascending, random radii; `snap` puts vertices on a grid. */
function starRing(r: () => number, cx: number, cy: number, rMin: number, rMax: number, n: number, snap = 0): Position[] {
  const ring: Position[] = [];
  for (let i = 0; i < n; i++) {
    const t = (2 * Math.PI * i) / n;
    const rad = rMin + (rMax - rMin) * r();
    let x = cx + rad * Math.cos(t);
    let y = cy + rad * Math.sin(t);
    if (snap) [x, y] = [Math.round(x / snap) * snap, Math.round(y / snap) * snap];
    ring.push([x, y]);
  }
  const clean = ring.filter((p, i) => i === 0 || p[0] !== ring[i - 1]![0] || p[1] !== ring[i - 1]![1]);
  clean.push([clean[0]![0], clean[0]![1]]);
  return clean;
}

/** Points that stress the boundary rules: every vertex, every edge midpoint, points level with vertices. */
function boundaryPoints(g: ZoneGeometry): Position[] {
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const out: Position[] = [];
  for (const poly of polys) {
    for (const ring of poly) {
      for (let i = 0; i + 1 < ring.length; i++) {
        const [x1, y1] = ring[i]!;
        const [x2, y2] = ring[i + 1]!;
        out.push([x1, y1], [(x1 + x2) / 2, (y1 + y2) / 2], [x1 - 1e-9, y1], [x1 + 1e-9, y1], [x1 + 0.37 * (x2 - x1), y1 + 0.37 * (y2 - y1)]);
      }
    }
  }
  return out;
}

const turfInside = (g: ZoneGeometry, p: Position) => booleanPointInPolygon(point(p), { type: 'Feature', properties: {}, geometry: g });

function agree(g: ZoneGeometry, pts: Position[]): void {
  const zone = compileZone(g);
  const expected = pts.map((p) => turfInside(g, p));
  const got = pts.map((p) => zoneContains(zone, p[0], p[1]));
  const firstDiff = got.findIndex((v, i) => v !== expected[i]);
  expect(firstDiff, firstDiff >= 0 ? `point ${JSON.stringify(pts[firstDiff])}` : '').toBe(-1);
  // The bulk paths agree with the single-point path.
  const xs = Float64Array.from(pts, (p) => p[0]);
  const ys = Float64Array.from(pts, (p) => p[1]);
  const want = expected.flatMap((v, i) => (v ? [i] : []));
  expect(Array.from(pointsInZone(zone, xs, ys))).toEqual(want);
  expect(Array.from(gridPointsInZone(buildPointGrid(xs, ys, 4), zone)).sort((a, b) => a - b)).toEqual(want);
}

describe('exposure engine: the same answers as turf booleanPointInPolygon', () => {
  it('agrees on random points, vertices and edge points of random star polygons', () => {
    const r = rng(1);
    for (let k = 0; k < 40; k++) {
      const g: ZoneGeometry = { type: 'Polygon', coordinates: [starRing(r, 108.6, 33.1, 0.05, 0.2, 8 + Math.floor(r() * 200))] };
      const pts: Position[] = boundaryPoints(g);
      for (let i = 0; i < 2000; i++) pts.push([108.35 + 0.5 * r(), 32.85 + 0.5 * r()]);
      agree(g, pts);
    }
  });

  it('counts points exactly on edges and vertices as inside, shell and hole alike', () => {
    const square: Position[] = [[0, 0], [10, 0], [10, 10], [0, 10], [0, 0]];
    const hole: Position[] = [[3, 3], [3, 7], [7, 7], [7, 3], [3, 3]];
    const g: ZoneGeometry = { type: 'Polygon', coordinates: [square, hole] };
    const zone = compileZone(g);
    for (const p of [[0, 0], [5, 0], [10, 5], [0, 10], [3, 3], [5, 3], [7, 5], [1, 1], [8, 9]] as Position[]) {
      expect(zoneContains(zone, p[0], p[1]), JSON.stringify(p)).toBe(true);
    }
    for (const p of [[5, 5], [4, 6], [-1, 5], [11, 5], [5, 10.000001]] as Position[]) {
      expect(zoneContains(zone, p[0], p[1]), JSON.stringify(p)).toBe(false);
    }
    const grid: Position[] = [];
    for (let x = -1; x <= 11; x += 0.5) for (let y = -1; y <= 11; y += 0.5) grid.push([x, y]);
    agree(g, grid);
  });

  it('agrees on grid-snapped polygons with holes, where many points sit on edges and level with vertices', () => {
    const r = rng(7);
    const snap = 0.01;
    for (let k = 0; k < 25; k++) {
      const shell = starRing(r, 108.6, 33.1, 0.12, 0.25, 12 + Math.floor(r() * 60), snap);
      const holes = [starRing(r, 108.6, 33.1, 0.02, 0.06, 10, snap)];
      const g: ZoneGeometry = { type: 'Polygon', coordinates: [shell, ...holes] };
      const pts: Position[] = boundaryPoints(g);
      for (let x = 108.34; x <= 108.86; x += snap) for (let y = 32.84; y <= 33.36; y += snap * 2) pts.push([Math.round(x / snap) * snap, Math.round(y / snap) * snap]);
      agree(g, pts);
    }
  });

  it('agrees on MultiPolygons with overlapping parts and holes', () => {
    const r = rng(11);
    for (let k = 0; k < 20; k++) {
      const parts: Position[][][] = [];
      for (let p = 0; p < 2 + Math.floor(r() * 3); p++) {
        const cx = 108.5 + 0.3 * r();
        const cy = 33.0 + 0.2 * r();
        const part: Position[][] = [starRing(r, cx, cy, 0.05, 0.1, 30)];
        if (r() < 0.5) part.push(starRing(r, cx, cy, 0.01, 0.03, 12));
        parts.push(part);
      }
      const g: ZoneGeometry = { type: 'MultiPolygon', coordinates: parts };
      const pts = boundaryPoints(g);
      for (let i = 0; i < 3000; i++) pts.push([108.4 + 0.6 * r(), 32.9 + 0.4 * r()]);
      agree(g, pts);
    }
  });

  it('joins many points against many zones at once', () => {
    const r = rng(5);
    const zones: ZoneGeometry[] = Array.from({ length: 6 }, () => ({
      type: 'Polygon' as const,
      coordinates: [starRing(r, 108.5 + 0.3 * r(), 33 + 0.2 * r(), 0.03, 0.12, 60)],
    }));
    const n = 20_000;
    const xs = Float64Array.from({ length: n }, () => 108.35 + 0.7 * r());
    const ys = Float64Array.from({ length: n }, () => 32.88 + 0.42 * r());
    const joined = exposureJoin(xs, ys, zones.map(compileZone));
    zones.forEach((g, z) => {
      const want: number[] = [];
      for (let i = 0; i < n; i++) if (turfInside(g, [xs[i]!, ys[i]!])) want.push(i);
      expect(Array.from(joined[z]!).sort((a, b) => a - b)).toEqual(want);
      expect(want.length).toBeGreaterThan(0);
    });
  });

  it('handles an empty point set and zones beyond the points', () => {
    const zone = compileZone({ type: 'Polygon', coordinates: [[[0, 0], [1, 0], [1, 1], [0, 0]]] });
    expect(exposureJoin(new Float64Array(0), new Float64Array(0), [zone])[0]).toHaveLength(0);
    expect(exposureJoin(Float64Array.of(5), Float64Array.of(5), [zone])[0]).toHaveLength(0);
  });
});
