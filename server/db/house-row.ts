// A current house as every household list reads it (o = houses): the columns, and the same fields as
// the API speaks them, flags as booleans. Lists of households, exposure, patrol stops and the
// household record all map their rows through here.
import type { Grade, Structure } from '../domain/housing.ts';

export const HOUSE_COLUMNS = 'o.lon, o.lat, o.grade, o.structure, o.key_house, o.repaired_c';

export interface HouseColumns {
  lon: number;
  lat: number;
  grade: Grade | null;
  structure: Structure;
  key_house: number;
  repaired_c: number;
}

export interface HouseFields {
  lon: number;
  lat: number;
  grade: Grade | null;
  structure: Structure;
  /** 重点房屋 (isKeyHouse). */
  key: boolean;
  /** A C house repaired and strengthened (修缮加固). */
  repairedC: boolean;
}

export const houseFields = (r: HouseColumns): HouseFields => ({
  lon: r.lon,
  lat: r.lat,
  grade: r.grade,
  structure: r.structure,
  key: r.key_house === 1,
  repairedC: r.repaired_c === 1,
});
