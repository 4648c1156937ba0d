import { useQuery } from '@tanstack/react-query';
import { queries } from './queries.ts';

/** The county's own basemap (boundaries, rivers, roads, label points): the map needs no internet. */
export const useBasemap = () => useQuery(queries.geography.basemap());

export type BasemapData = NonNullable<ReturnType<typeof useBasemap>['data']>;
