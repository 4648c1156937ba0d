import { describe, expect, it } from 'vitest';
import { clipZone, MIN_INSIDE_SHARE } from '../../server/domain/alert-jurisdiction.ts';
import type { Position, ZoneGeometry } from '../../server/domain/alerts.ts';

// Rectangles between meridians and parallels: their areas split by a meridian in proportion to the
// longitude span, so the expected shares are exact fractions.
const rect = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const poly = (ring: Position[]): ZoneGeometry => ({ type: 'Polygon', coordinates: [ring] });
const township = poly(rect(108.5, 33.0, 108.7, 33.2));

function clipped(zone: ZoneGeometry) {
  const r = clipZone(zone, township);
  if (!r.ok) throw new Error(`refused with ${r.insideShare}`);
  return r;
}
const bboxOf = (g: ZoneGeometry) => {
  const pts = (g.type === 'Polygon' ? [g.coordinates] : g.coordinates).flat(2);
  const xs = pts.map((p) => p[0]);
  const ys = pts.map((p) => p[1]);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
};

describe('a township warns only inside its township', () => {
  it('keeps a zone inside the township as drawn, even one sharing its edge', () => {
    const inside = poly(rect(108.55, 33.05, 108.6, 33.1));
    expect(clipped(inside)).toEqual({ ok: true, geometry: inside, insideShare: 1, clipped: false });
    const onEdge = poly(rect(108.6, 33.0, 108.7, 33.1));
    expect(clipped(onEdge)).toMatchObject({ geometry: onEdge, clipped: false });
  });

  it('cuts a zone spilling over the boundary to the part inside', () => {
    // 0.15° of its 0.2° width inside: 75 %.
    const r = clipped(poly(rect(108.55, 33.05, 108.75, 33.1)));
    expect(r.clipped).toBe(true);
    expect(r.insideShare).toBeCloseTo(0.75, 9);
    expect(r.geometry.type).toBe('Polygon');
    bboxOf(r.geometry).forEach((v, i) => expect(v).toBeCloseTo([108.55, 33.05, 108.7, 33.1][i]!, 9));
  });

  it('refuses a zone less than half inside, and one wholly outside', () => {
    expect(MIN_INSIDE_SHARE).toBe(0.5);
    const forty = clipZone(poly(rect(108.62, 33.05, 108.82, 33.1)), township);
    expect(forty.ok).toBe(false);
    expect(forty.insideShare).toBeCloseTo(0.4, 9);
    expect(clipZone(poly(rect(108.62, 33.05, 108.74, 33.1)), township)).toMatchObject({ ok: true, clipped: true });
    expect(clipZone(poly(rect(108.8, 33.05, 108.9, 33.1)), township)).toEqual({ ok: false, insideShare: 0 });
  });

  it('keeps only the inside polygons of a MultiPolygon zone, weighing all of them', () => {
    const inside = rect(108.52, 33.02, 108.6, 33.1); // 0.08° wide
    const outside = rect(108.8, 33.02, 108.84, 33.1); // 0.04° wide
    const r = clipped({ type: 'MultiPolygon', coordinates: [[inside], [outside]] });
    expect(r.insideShare).toBeCloseTo(2 / 3, 9);
    expect(bboxOf(r.geometry).map((v) => Number(v.toFixed(9)))).toEqual([108.52, 33.02, 108.6, 33.1]);
    // The other way round, the outside part outweighs: refused.
    const wide = rect(108.75, 33.02, 108.95, 33.1);
    expect(clipZone({ type: 'MultiPolygon', coordinates: [[inside], [wide]] }, township).ok).toBe(false);
  });

  it('takes the limit as a parameter', () => {
    const r = clipZone(poly(rect(108.62, 33.05, 108.82, 33.1)), township, 0.3);
    expect(r).toMatchObject({ ok: true, clipped: true });
  });
});
