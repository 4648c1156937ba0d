import type { HouseholdFilters } from './households.ts';

/** Query keys, from one factory, so invalidating after a change is one line. */
export const keys = {
  me: ['auth', 'me'] as const,
  regions: ['regions'] as const,
  basemap: ['basemap'] as const,
  households: {
    all: ['households'] as const,
    list: (filters: HouseholdFilters) => ['households', 'list', filters] as const,
    search: (q: string) => ['households', 'search', q] as const,
    detail: (id: number) => ['households', 'detail', id] as const,
  },
  alerts: {
    all: ['alerts'] as const,
    list: ['alerts', 'list'] as const,
    exposure: (id: number) => ['alerts', 'exposure', id] as const,
    seasons: ['alerts', 'seasons'] as const,
  },
};
