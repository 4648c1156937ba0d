// A local flat projection in metres around the county centre. Over 60 km an equirectangular
// projection is within ~0.1 % of true distances, which is all the generator needs, and it is affine:
// shared polygon vertices stay shared after converting back to lon/lat.

export const COUNTY_CENTER: readonly [number, number] = [108.7, 33.1];

const LAT0 = (COUNTY_CENTER[1] * Math.PI) / 180;
// WGS84 metres per degree at the centre latitude.
export const M_PER_DEG_LAT = 111_132.954 - 559.822 * Math.cos(2 * LAT0) + 1.175 * Math.cos(4 * LAT0);
export const M_PER_DEG_LON = 111_412.84 * Math.cos(LAT0) - 93.5 * Math.cos(3 * LAT0);

export type XY = [number, number];

export function toMetres(lon: number, lat: number): XY {
  return [(lon - COUNTY_CENTER[0]) * M_PER_DEG_LON, (lat - COUNTY_CENTER[1]) * M_PER_DEG_LAT];
}

/** Back to lon/lat, rounded to 6 decimals (~0.1 m): what the database stores. */
export function toLonLat(x: number, y: number): XY {
  return [round6(COUNTY_CENTER[0] + x / M_PER_DEG_LON), round6(COUNTY_CENTER[1] + y / M_PER_DEG_LAT)];
}

export function round6(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}
