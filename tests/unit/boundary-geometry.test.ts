import { booleanPointInPolygon, point } from '@turf/turf';
import { describe, expect, it } from 'vitest';
import type { Position, ZoneGeometry } from '../../server/domain/alerts.ts';
import { withRfc7946Winding } from '../../server/domain/boundary-winding.ts';
import { countyOutline } from '../../server/domain/county-outline.ts';
import { labelPoint } from '../../server/domain/label-point.ts';

const square = (x0: number, y0: number, x1: number, y1: number): Position[] => [[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]];
const signedArea = (ring: Position[]) => ring.slice(1).reduce((s, p, i) => s + ring[i]![0] * p[1] - p[0] * ring[i]![1], 0);

describe('labelPoint', () => {
  it('puts a crescent-shaped village’s centre inside it, not at its centroid in the hollow', () => {
    const crescent: ZoneGeometry = {
      type: 'Polygon',
      coordinates: [[[108, 33], [108.1, 33], [108.1, 33.1], [108, 33.1], [108, 33.09], [108.09, 33.09], [108.09, 33.01], [108, 33.01], [108, 33]]],
    };
    const [x, y] = labelPoint(crescent);
    expect(booleanPointInPolygon(point([x, y]), crescent)).toBe(true);
  });

  it('uses the centroid of the largest part when it lies inside', () => {
    const g: ZoneGeometry = { type: 'MultiPolygon', coordinates: [[square(108, 33, 108.01, 33.01)], [square(108.2, 33.2, 108.4, 33.4)]] };
    expect(labelPoint(g)).toEqual([108.3, 33.3]);
  });
});

describe('countyOutline', () => {
  it('is the union of the townships, without the sliver gaps surveyed neighbours leave between them', () => {
    // Two townships whose shared border was digitised twice: along 11 km of it the east one's line
    // bows 2 m away from the west one's, leaving a sliver between them.
    const west: ZoneGeometry = { type: 'Polygon', coordinates: [square(108, 32.9, 108.1, 33.2)] };
    const east: ZoneGeometry = {
      type: 'Polygon',
      coordinates: [[[108.1, 32.9], [108.2, 32.9], [108.2, 33.2], [108.1, 33.2], [108.1, 33.1], [108.10002, 33.05], [108.1, 33], [108.1, 32.9]]],
    };
    const outline = countyOutline([west, east])!;
    expect(outline.type).toBe('Polygon');
    expect(outline.coordinates as Position[][]).toHaveLength(1);
  });

  it('keeps a real enclave as a hole', () => {
    const ring: ZoneGeometry = { type: 'Polygon', coordinates: [square(108, 33, 108.3, 33.3), square(108.1, 33.1, 108.2, 33.2).reverse()] };
    const outline = countyOutline([ring])!;
    expect(outline.coordinates as Position[][]).toHaveLength(2);
  });
});

describe('withRfc7946Winding', () => {
  it('turns a Shapefile’s clockwise shell counter-clockwise and its hole clockwise', () => {
    const cw = square(108, 33, 108.3, 33.3).reverse();
    const ccwHole = square(108.1, 33.1, 108.2, 33.2);
    const g = withRfc7946Winding({ type: 'Polygon', coordinates: [cw, ccwHole] });
    const [shell, hole] = g.coordinates as Position[][];
    expect(signedArea(shell!)).toBeGreaterThan(0);
    expect(signedArea(hole!)).toBeLessThan(0);
  });
});
