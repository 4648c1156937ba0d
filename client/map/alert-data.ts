// Alerts as map data: the zones (drawn under the houses) and one label point per zone. Properties are
// what style.ts keys its expressions on (level, type, expiresMs, id); nothing here decides a colour.
import { booleanPointInPolygon, centerOfMass, pointOnFeature } from '@turf/turf';
import type { AlertFeature } from '../api/alerts.ts';
import { EMPTY } from './sources.ts';

export interface AlertMapData {
  zones: GeoJSON.FeatureCollection;
  labels: GeoJSON.FeatureCollection;
}

export const EMPTY_ALERT_DATA: AlertMapData = { zones: EMPTY, labels: EMPTY };

/** What MapView draws for warnings. */
export interface AlertLayerProps {
  data: AlertMapData;
  /** Label text by `type:level` ("rainstorm:red" → 暴雨红色预警), in the reader's language. */
  names: Record<string, string>;
  selectedId: number | null;
  /** Epoch ms: zones expiring before this are marked (now + 3 h). */
  expiringBefore: number;
}

/** Active alerts, and the selected one whatever its status (so an expired zone can still be looked at). */
export function alertMapData(features: readonly AlertFeature[] | undefined, selectedId: number | null): AlertMapData {
  if (!features) return EMPTY_ALERT_DATA;
  const shown = features.filter((f) => f.properties.status === 'active' || f.properties.id === selectedId);
  const zones: GeoJSON.Feature[] = [];
  const labels: GeoJSON.Feature[] = [];
  for (const f of shown) {
    const p = f.properties;
    const properties = { id: p.id, type: p.type, level: p.level, status: p.status, expiresMs: Date.parse(p.expiresAt) };
    const zone: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon> = {
      type: 'Feature',
      id: p.id,
      properties,
      geometry: f.geometry as GeoJSON.Polygon | GeoJSON.MultiPolygon,
    };
    zones.push(zone);
    labels.push({ type: 'Feature', id: p.id, properties, geometry: labelPoint(zone) });
  }
  return { zones: { type: 'FeatureCollection', features: zones }, labels: { type: 'FeatureCollection', features: labels } };
}

/** The centre of mass when it lies in the zone (circles, most polygons), else a point surely inside. */
function labelPoint(zone: GeoJSON.Feature<GeoJSON.Polygon | GeoJSON.MultiPolygon>): GeoJSON.Point {
  const c = centerOfMass(zone);
  return booleanPointInPolygon(c, zone) ? c.geometry : pointOnFeature(zone).geometry;
}
