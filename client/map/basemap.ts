import { bbox } from '@turf/turf';
import type { GeoJSONSource, LngLatBoundsLike, Map as MaplibreMap } from 'maplibre-gl';
import type { BasemapData } from '../api/basemap.ts';
import { BASEMAP_LAYERS } from '../../server/domain/basemap-layers.ts';
import { SOURCE } from './sources.ts';

/** Puts the county's own layers (boundaries, rivers, roads, label points) into their sources. */
export function applyBasemap(map: MaplibreMap, data: BasemapData): void {
  for (const layer of BASEMAP_LAYERS) {
    map.getSource<GeoJSONSource>(SOURCE[layer])?.setData(data[layer]);
  }
}

export function boundsOf(fc: GeoJSON.FeatureCollection | GeoJSON.Feature): LngLatBoundsLike | null {
  if (fc.type === 'FeatureCollection' && fc.features.length === 0) return null;
  const [w, s, e, n] = bbox(fc);
  return Number.isFinite(w) ? [w, s, e, n] : null;
}

/** The bounds of a township or village polygon by its region code. */
export function regionBounds(data: BasemapData, code: string): LngLatBoundsLike | null {
  const f =
    data.villages.features.find((x) => x.properties?.code === code) ??
    data.townships.features.find((x) => x.properties?.code === code) ??
    data.county.features.find((x) => x.properties?.code === code);
  return f ? boundsOf(f) : null;
}
