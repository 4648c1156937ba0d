import { useQuery } from '@tanstack/react-query';
import { BASEMAP_LAYERS, type BasemapLayer } from '../../server/domain/basemap-layers.ts';
import { api, unwrap } from './client.ts';
import { keys } from './keys.ts';

export type BasemapData = Record<BasemapLayer, GeoJSON.FeatureCollection>;

async function fetchBasemap(signal: AbortSignal): Promise<BasemapData> {
  const layers = await Promise.all(
    BASEMAP_LAYERS.map(async (layer) => {
      const fc = await unwrap(await api.api.basemap[':layer'].$get({ param: { layer } }, { init: { signal } }));
      const data: GeoJSON.FeatureCollection = fc;
      return [layer, data] as const;
    }),
  );
  return Object.fromEntries(layers) as BasemapData;
}

/** The county's own basemap (boundaries, rivers, roads, label points): the map needs no internet. */
export function useBasemap() {
  return useQuery({ queryKey: keys.basemap, queryFn: ({ signal }) => fetchBasemap(signal), staleTime: Infinity });
}
