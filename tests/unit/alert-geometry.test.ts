import { describe, expect, it } from 'vitest';
import { assertZone, checkZone } from '../../server/domain/alert-geometry.ts';
import type { BBox, Position } from '../../server/domain/alerts.ts';
import { HttpError } from '../../server/http/errors.ts';

const county: BBox = [108.35, 32.887, 109.062, 33.297];
const square: Position[] = [[108.5, 33.0], [108.7, 33.0], [108.7, 33.2], [108.5, 33.2], [108.5, 33.0]];
const poly = (...rings: Position[][]) => ({ type: 'Polygon', coordinates: rings });

function issue(input: unknown, opts = { countyBBox: county }) {
  const r = checkZone(input, opts);
  if (r.ok) throw new Error('expected a refusal');
  return r.issue;
}

describe('alert zone validation', () => {
  it('accepts a Polygon over the county and gives its bbox', () => {
    const r = checkZone(poly(square), { countyBBox: county });
    expect(r.ok && r.bbox).toEqual([108.5, 33.0, 108.7, 33.2]);
  });

  it('accepts a MultiPolygon and a polygon with a hole inside its shell', () => {
    const hole: Position[] = [[108.55, 33.05], [108.55, 33.1], [108.6, 33.1], [108.6, 33.05], [108.55, 33.05]];
    expect(checkZone(poly(square, hole), { countyBBox: county }).ok).toBe(true);
    const other = square.map(([x, y]) => [x + 0.3, y] as Position);
    expect(checkZone({ type: 'MultiPolygon', coordinates: [[square], [other]] }, { countyBBox: county }).ok).toBe(true);
  });

  it('refuses an unclosed ring, naming the ring', () => {
    expect(issue(poly(square.slice(0, 4).concat([[108.51, 33.0]])))).toMatchObject({ code: 'unclosed_ring', field: 'geometry.coordinates[0]' });
  });

  it('refuses a ring with fewer than 4 positions', () => {
    expect(issue(poly([[108.5, 33], [108.6, 33.1], [108.5, 33]]))).toMatchObject({ code: 'too_few_positions', field: 'geometry.coordinates[0]' });
  });

  it('refuses a self-intersecting (bow-tie) ring', () => {
    const bowtie: Position[] = [[108.5, 33.0], [108.7, 33.2], [108.7, 33.0], [108.5, 33.2], [108.5, 33.0]];
    const i = issue(poly(bowtie));
    expect(i).toMatchObject({ code: 'self_intersection', field: 'geometry.coordinates[0]' });
    expect(i.message).toMatch(/108\.6/);
  });

  it('refuses lon/lat out of range, naming the position', () => {
    const bad = square.map((p) => [...p] as Position);
    bad[2] = [181, 33.2];
    expect(issue(poly(bad))).toMatchObject({ code: 'out_of_range', field: 'geometry.coordinates[0][2]' });
  });

  it('spots lat,lon pasted where GeoJSON wants lon,lat, out of range or not', () => {
    const swapped = square.map(([x, y]) => [y, x] as Position);
    const i = issue(poly(swapped));
    expect(i.code).toBe('swapped_axes');
    expect(i.message).toMatch(/look like lat,lon — expected lon,lat/);
    // Both orders in range (a county near lon 30, lat 60 read backwards): caught by the county bbox.
    const north: BBox = [29.5, 59.5, 30.5, 60.5];
    const r = checkZone(poly([[60, 30], [60.2, 30], [60.2, 30.2], [60, 30.2], [60, 30]]), { countyBBox: north });
    expect(!r.ok && r.issue).toMatchObject({ code: 'swapped_axes', field: 'geometry.coordinates' });
  });

  it('refuses a zone far outside the county', () => {
    const beijing: Position[] = [[116.3, 39.9], [116.5, 39.9], [116.5, 40.0], [116.3, 39.9]];
    expect(issue(poly(beijing))).toMatchObject({ code: 'outside_county', field: 'geometry.coordinates' });
    // Within the 1° margin is fine: a warning may reach over the county line.
    const nearby = square.map(([x, y]) => [x + 0.9, y] as Position);
    expect(checkZone(poly(nearby), { countyBBox: county }).ok).toBe(true);
  });

  it('refuses a hole outside its shell, crossing it, or overlapping another hole', () => {
    const outside: Position[] = [[108.8, 33.05], [108.8, 33.1], [108.85, 33.1], [108.85, 33.05], [108.8, 33.05]];
    expect(issue(poly(square, outside))).toMatchObject({ code: 'hole_outside_shell', field: 'geometry.coordinates[1]' });
    const crossing: Position[] = [[108.6, 33.05], [108.6, 33.1], [108.75, 33.1], [108.75, 33.05], [108.6, 33.05]];
    expect(issue(poly(square, crossing)).code).toMatch(/hole_outside_shell|hole_crosses_shell/);
    // Every vertex inside, yet an edge leaves the shell: a notched shell and a hole across the notch.
    const notched: Position[] = [[108.5, 33.0], [108.7, 33.0], [108.7, 33.2], [108.6, 33.1], [108.5, 33.2], [108.5, 33.0]];
    const across: Position[] = [[108.52, 33.16], [108.68, 33.16], [108.68, 33.17], [108.52, 33.17], [108.52, 33.16]];
    expect(issue(poly(notched, across))).toMatchObject({ code: 'hole_crosses_shell', field: 'geometry.coordinates[1]' });
    const a: Position[] = [[108.55, 33.05], [108.55, 33.1], [108.6, 33.1], [108.6, 33.05], [108.55, 33.05]];
    const b = a.map(([x, y]) => [x + 0.02, y + 0.02] as Position);
    expect(issue(poly(square, a, b))).toMatchObject({ code: 'holes_overlap', field: 'geometry.coordinates[2]' });
  });

  it('names the polygon and ring inside a MultiPolygon', () => {
    const open = square.slice(0, 4).concat([[108.51, 33.0]]);
    expect(issue({ type: 'MultiPolygon', coordinates: [[square], [open]] })).toMatchObject({ field: 'geometry.coordinates[1][0]' });
  });

  it('refuses other geometry types and malformed positions', () => {
    expect(issue({ type: 'Point', coordinates: [108.6, 33.1] })).toMatchObject({ code: 'invalid_geometry_type', field: 'geometry.type' });
    expect(issue(poly(square.map((p, i) => (i === 1 ? ['x', 33] : p)) as Position[]))).toMatchObject({ code: 'invalid_position', field: 'geometry.coordinates[0][1]' });
    expect(issue({ type: 'Polygon', coordinates: [] })).toMatchObject({ field: 'geometry.coordinates' });
  });

  it('drops consecutive duplicate positions and refuses a ring with no area', () => {
    const dup = [square[0]!, square[0]!, ...square.slice(1)];
    const r = checkZone(poly(dup), { countyBBox: county });
    expect(r.ok && r.geometry.coordinates[0]).toEqual(square);
    const flat: Position[] = [[108.5, 33], [108.6, 33], [108.7, 33], [108.5, 33]];
    expect(issue(poly(flat))).toMatchObject({ code: 'degenerate_ring' });
  });

  it('throws HttpError 400 with the field for handlers', () => {
    try {
      assertZone(poly(square.slice(0, 3)), { field: 'features[2].geometry' });
      throw new Error('not thrown');
    } catch (e) {
      expect(e).toBeInstanceOf(HttpError);
      expect(e).toMatchObject({ status: 400, code: 'too_few_positions', field: 'features[2].geometry.coordinates[0]' });
    }
  });
});
