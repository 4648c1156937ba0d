// Places points strictly inside one village polygon, fast enough for a million households: the
// polygon's own rings, prepared once, with plain ray casting — no turf call and no search over other
// villages per point. Points also keep a few metres from the border, so a later rounding or another
// point-in-polygon implementation (turf's, the client's) can never put them next door.
import type { PolygonGeometry } from './geography.ts';
import { distanceToRing, pointInPolygon } from './planar.ts';
import { M_PER_DEG_LAT, M_PER_DEG_LON, round6, toMetres, type XY } from './projection.ts';
import type { Random } from './random.ts';

const MARGIN_M = 3;

export class VillageSampler {
  /** Per polygon: rings in lon/lat (as stored) for the inside test, and in metres for the margin. */
  private readonly polygons: { lonLat: number[][][]; metres: XY[][] }[];

  constructor(boundary: PolygonGeometry) {
    const polys = boundary.type === 'Polygon' ? [boundary.coordinates] : boundary.coordinates;
    this.polygons = polys.map((rings) => ({
      lonLat: rings,
      metres: rings.map((ring) => ring.map((p) => toMetres(p[0]!, p[1]!))),
    }));
  }

  contains(lon: number, lat: number): boolean {
    for (const poly of this.polygons) {
      if (!pointInPolygon(lon, lat, poly.lonLat)) continue;
      const [x, y] = toMetres(lon, lat);
      return poly.metres.every((ring) => distanceToRing(x, y, ring) > MARGIN_M);
    }
    return false;
  }

  /**
   * A point scattered around `center` (lon/lat, itself inside) with a Gaussian spread of `sdM` metres,
   * rounded to 6 decimals; after repeated misses the spread narrows, so it always terminates.
   */
  sampleNear(rng: Random, center: readonly [number, number], sdM: number): [number, number] {
    let sd = sdM;
    for (let tries = 1; ; tries++) {
      const lon = round6(center[0] + rng.normal(0, sd) / M_PER_DEG_LON);
      const lat = round6(center[1] + rng.normal(0, sd) / M_PER_DEG_LAT);
      if (this.contains(lon, lat)) return [lon, lat];
      if (tries % 20 === 0) sd /= 2;
      if (tries > 400) {
        if (this.contains(center[0], center[1])) return [center[0], center[1]];
        throw new Error(`cannot place a point near ${center.join(',')}`);
      }
    }
  }
}
