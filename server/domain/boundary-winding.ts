// Stored region boundaries follow RFC 7946 §3.1.6: shells counter-clockwise, holes clockwise, as the
// seed writes them (data/geography.ts wind). Shapefiles store shells clockwise, and other tools
// anything at all; MapLibre and turf do not care, but one convention keeps a stored boundary
// comparable with the same boundary imported again.
import type { Position, ZoneGeometry } from './alerts.ts';

export function withRfc7946Winding(g: ZoneGeometry): ZoneGeometry {
  const fix = (rings: Position[][]) => rings.map((r, i) => wound(r, i === 0));
  return g.type === 'Polygon' ? { type: 'Polygon', coordinates: fix(g.coordinates) } : { type: 'MultiPolygon', coordinates: g.coordinates.map(fix) };
}

function wound(ring: Position[], shell: boolean): Position[] {
  let twiceArea = 0;
  for (let i = 1; i < ring.length; i++) twiceArea += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  return twiceArea > 0 === shell ? ring : [...ring].reverse();
}

/** Seven decimals of a degree, about 1 cm: finer than any survey, and a re-import compares equal. */
export const roundCoordinate = (v: number) => Math.round(v * 1e7) / 1e7;
