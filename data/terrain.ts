// The county's relief: valleys along the rivers, ridges of 1500–2200 m between them (Qinba hills).
// Elevation is a function of the distance to the nearest river, so households placed near rivers
// land low, and the valley floor rises upstream, away from the main river.
import Flatbush from 'flatbush';
import { toMetres, type XY } from './projection.ts';
import type { Random } from './random.ts';

/** Smooth 2-D value noise in [0, 1], fractal (fBm) over `octaves`, with features about `wavelength` metres wide. */
export function createNoise(rng: Random, wavelength: number, octaves = 3): (x: number, y: number) => number {
  const perm = rng.shuffle(Array.from({ length: 256 }, (_, i) => i));
  const values = Array.from({ length: 256 }, () => rng.next());
  const lattice = (ix: number, iy: number): number => values[perm[(perm[ix & 255]! + iy) & 255]!]!;
  const smooth = (t: number): number => t * t * (3 - 2 * t);
  const octave = (x: number, y: number): number => {
    const ix = Math.floor(x);
    const iy = Math.floor(y);
    const fx = smooth(x - ix);
    const fy = smooth(y - iy);
    const top = lattice(ix, iy) * (1 - fx) + lattice(ix + 1, iy) * fx;
    const bottom = lattice(ix, iy + 1) * (1 - fx) + lattice(ix + 1, iy + 1) * fx;
    return top * (1 - fy) + bottom * fy;
  };
  return (x, y) => {
    let sum = 0;
    let amplitude = 1;
    let norm = 0;
    let f = 1 / wavelength;
    for (let o = 0; o < octaves; o++) {
      // Offsetting each octave keeps the lattice points of different octaves from lining up.
      sum += amplitude * octave(x * f + o * 17.3, y * f - o * 31.7);
      norm += amplitude;
      amplitude /= 2;
      f *= 2;
    }
    return sum / norm;
  };
}

/** Nearest distance from a point to a set of polylines (metres), with a Flatbush index of their segments. */
export class LineDistance {
  private readonly index: Flatbush;
  private readonly segs: Float64Array; // x0, y0, x1, y1 per segment

  constructor(lines: readonly (readonly XY[])[]) {
    const segs: number[] = [];
    for (const line of lines) {
      for (let i = 1; i < line.length; i++) segs.push(line[i - 1]![0], line[i - 1]![1], line[i]![0], line[i]![1]);
    }
    this.segs = Float64Array.from(segs);
    const n = Math.max(1, segs.length / 4);
    this.index = new Flatbush(n);
    for (let i = 0; i < segs.length; i += 4) {
      const [x0, y0, x1, y1] = [segs[i]!, segs[i + 1]!, segs[i + 2]!, segs[i + 3]!];
      this.index.add(Math.min(x0, x1), Math.min(y0, y1), Math.max(x0, x1), Math.max(y0, y1));
    }
    if (segs.length === 0) this.index.add(0, 0, 0, 0);
    this.index.finish();
  }

  /**
   * Searches a growing box: once the best exact distance found is within the box's half-width, no
   * segment outside the box can be closer.
   */
  distance(x: number, y: number): number {
    if (this.segs.length === 0) return Infinity;
    for (let r = 400; ; r *= 2) {
      let best = Infinity;
      for (const i of this.index.search(x - r, y - r, x + r, y + r)) {
        const d = segmentDistance(x, y, this.segs, i * 4);
        if (d < best) best = d;
      }
      if (best <= r) return best;
    }
  }
}

function segmentDistance(px: number, py: number, s: Float64Array, o: number): number {
  const x0 = s[o]!;
  const y0 = s[o + 1]!;
  const dx = s[o + 2]! - x0;
  const dy = s[o + 3]! - y0;
  const len2 = dx * dx + dy * dy;
  let t = len2 === 0 ? 0 : ((px - x0) * dx + (py - y0) * dy) / len2;
  t = t < 0 ? 0 : t > 1 ? 1 : t;
  return Math.hypot(px - (x0 + t * dx), py - (y0 + t * dy));
}

export interface TerrainSample {
  elevationM: number;
  riverDistM: number;
}

export interface Terrain {
  /** Elevation (m above sea level) and distance to the nearest river (m) at a lon/lat. */
  at(lon: number, lat: number): TerrainSample;
  atXY(x: number, y: number): TerrainSample;
  elevation(lon: number, lat: number): number;
  riverDistance(lon: number, lat: number): number;
}

/**
 * `mainRiver` (x-monotone, west → east, as rivers.ts draws it) and `allRivers` are in local metres.
 * The valley floor only needs the main river's rough distance, so it uses the north–south offset from
 * it: one binary search instead of a nearest-segment query per point.
 */
export function createTerrain(rng: Random, mainRiver: readonly XY[], allRivers: readonly (readonly XY[])[]): Terrain {
  const mainXs = Float64Array.from(mainRiver, (p) => p[0]);
  const mainYs = Float64Array.from(mainRiver, (p) => p[1]);
  const offMain = (x: number, y: number): number => Math.abs(y - interpolate(mainXs, mainYs, x));
  const toAny = new LineDistance(allRivers);
  const ridgeNoise = createNoise(rng.fork('ridges'), 14_000, 3);
  const roughness = createNoise(rng.fork('rough'), 1_800, 2);
  const atXY = (x: number, y: number): TerrainSample => {
    const riverDistM = toAny.distance(x, y);
    // The main river falls west → east (~640 m → ~380 m); side valleys climb ~25 m/km away from it.
    const floor = 510 - 0.0043 * x + Math.min(520, 0.025 * offMain(x, y));
    const ridge = 1500 + 700 * ridgeNoise(x, y);
    const rise = 1 - Math.exp(-Math.pow(riverDistM / 3400, 1.4));
    const elevationM = floor + (ridge - floor) * rise + 90 * (roughness(x, y) - 0.5) * rise;
    return { elevationM: Math.round(elevationM * 10) / 10, riverDistM: Math.round(riverDistM * 10) / 10 };
  };
  return {
    atXY,
    at: (lon, lat) => atXY(...toMetres(lon, lat)),
    elevation: (lon, lat) => atXY(...toMetres(lon, lat)).elevationM,
    riverDistance: (lon, lat) => atXY(...toMetres(lon, lat)).riverDistM,
  };
}

/** Linear interpolation in a polyline given as ascending xs; held constant beyond its ends. */
function interpolate(xs: Float64Array, ys: Float64Array, x: number): number {
  if (x <= xs[0]!) return ys[0]!;
  if (x >= xs[xs.length - 1]!) return ys[ys.length - 1]!;
  let lo = 0;
  let hi = xs.length - 1;
  while (hi - lo > 1) {
    const mid = (lo + hi) >> 1;
    if (xs[mid]! <= x) lo = mid;
    else hi = mid;
  }
  const t = (x - xs[lo]!) / (xs[hi]! - xs[lo]! || 1);
  return ys[lo]! + t * (ys[hi]! - ys[lo]!);
}
