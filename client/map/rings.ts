// The houses ringed on the household map — a warning's exposed households, a lasso selection — as the
// data of their source. Built from the houses handed over (the exposure answer carries each house's
// place and grade), never looked up again in the household list: a house the filters hide is ringed too.
import type { Grade } from '../../server/domain/housing.ts';
import { EMPTY } from './sources.ts';

export interface RingedHouse {
  id: number;
  lon: number;
  lat: number;
  /** The ring is filled with the grade's colour while the houses are clustered. */
  grade: Grade | null;
}

export function ringData(houses: readonly RingedHouse[] | null): GeoJSON.FeatureCollection {
  if (!houses || houses.length === 0) return EMPTY;
  return {
    type: 'FeatureCollection',
    features: houses.map((h) => ({
      type: 'Feature',
      id: h.id,
      properties: { id: h.id, grade: h.grade },
      geometry: { type: 'Point', coordinates: [h.lon, h.lat] },
    })),
  };
}
