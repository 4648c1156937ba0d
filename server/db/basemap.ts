import type { LineString, MultiLineString, MultiPolygon, Point, Polygon } from 'geojson';
import type { BasemapLayer } from '../domain/basemap-layers.ts';
import type { Db } from './connection.ts';
import { prepared } from './statements.ts';


/** What the basemap holds: boundaries, rivers and roads, label points (never a GeometryCollection). */
type Geometry = Point | LineString | MultiLineString | Polygon | MultiPolygon;
export interface Feature {
  type: 'Feature';
  geometry: Geometry;
  properties: Record<string, string | number | null>;
}
export interface FeatureCollection {
  type: 'FeatureCollection';
  features: Feature[];
}

const POLYGON_LEVEL = { county: 'county', townships: 'township', villages: 'village' } as const;

/** The county's own basemap (boundaries, rivers, roads, labels), so the map needs no internet. */
export function basemapLayer(db: Db, layer: BasemapLayer): FeatureCollection {
  if (layer === 'rivers' || layer === 'roads') {
    const rows = prepared(
      db,
      'SELECT kind, subkind, name, geometry FROM basemap_features WHERE kind = ? ORDER BY id',
    ).all(layer === 'rivers' ? 'river' : 'road') as { kind: string; subkind: string; name: string | null; geometry: string }[];
    return {
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature',
        geometry: JSON.parse(r.geometry) as Geometry,
        properties: { name: r.name, kind: r.kind, subkind: r.subkind },
      })),
    };
  }
  if (layer === 'labels') {
    const rows = prepared(
      db,
      `SELECT code, name, level, center_lon, center_lat FROM regions
        WHERE level IN ('township', 'village') AND center_lon IS NOT NULL ORDER BY code`,
    ).all() as { code: string; name: string; level: string; center_lon: number; center_lat: number }[];
    return {
      type: 'FeatureCollection',
      features: rows.map((r) => ({
        type: 'Feature',
        geometry: { type: 'Point', coordinates: [r.center_lon, r.center_lat] },
        properties: { code: r.code, name: r.name, level: r.level },
      })),
    };
  }
  const rows = prepared(
    db,
    'SELECT code, name, level, boundary, center_lon, center_lat FROM regions WHERE level = ? AND boundary IS NOT NULL ORDER BY code',
  ).all(POLYGON_LEVEL[layer]) as {
    code: string;
    name: string;
    level: string;
    boundary: string;
    center_lon: number | null;
    center_lat: number | null;
  }[];
  return {
    type: 'FeatureCollection',
    features: rows.map((r) => ({
      type: 'Feature',
      geometry: JSON.parse(r.boundary) as Geometry,
      properties: { code: r.code, name: r.name, level: r.level, labelLon: r.center_lon, labelLat: r.center_lat },
    })),
  };
}
