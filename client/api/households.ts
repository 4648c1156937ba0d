import { keepPreviousData, useQuery } from '@tanstack/react-query';
import type { GradeKey, Structure } from '../../server/domain/housing.ts';
import { api, unwrap } from './client.ts';
import { keys } from './keys.ts';

/** What the household map shows; lives in the URL (features/households/url-state.ts). */
export interface HouseholdFilters {
  /** null = every grade; [] = none at all. */
  grades: GradeKey[] | null;
  /** null = every structure; [] = none at all. */
  structures: Structure[] | null;
  keyOnly: boolean;
  repairedCOnly: boolean;
  /** A region code at any level, or null for the whole jurisdiction. */
  region: string | null;
}

type ListQuery = NonNullable<Parameters<typeof api.api.households.$get>[0]>['query'];

/** The filters as /api/households query parameters; null when the filters can match nothing. */
export function householdQuery(f: HouseholdFilters): Record<string, string> | null {
  if (f.grades?.length === 0 || f.structures?.length === 0) return null;
  const q: Record<string, string> = {};
  if (f.grades) q.grade = f.grades.join(',');
  if (f.structures) q.structure = f.structures.join(',');
  if (f.keyOnly) q.key = 'true';
  if (f.repairedCOnly) q.repairedC = 'true';
  if (f.region) q.region = f.region;
  return q;
}

/** The most points the map asks for at once; beyond it the answer says `truncated`. */
export const MAP_POINT_LIMIT = 200_000;

export type HouseholdCollection = Awaited<ReturnType<typeof fetchHouseholdPoints>>;
export type HouseholdFeature = HouseholdCollection['features'][number];
export type HouseholdPointProps = HouseholdFeature['properties'];

async function fetchHouseholdPoints(query: Record<string, string>, signal?: AbortSignal) {
  return unwrap(await api.api.households.$get({ query: query as ListQuery }, { init: signal ? { signal } : {} }));
}

const EMPTY_COLLECTION = { type: 'FeatureCollection' as const, total: 0, truncated: false, features: [] as HouseholdFeature[] };

/** Every household matching the filters, as GeoJSON points for the map. */
export function useHouseholds(filters: HouseholdFilters) {
  return useQuery({
    queryKey: keys.households.list(filters),
    queryFn: async ({ signal }) => {
      const q = householdQuery(filters);
      if (!q) return EMPTY_COLLECTION;
      const fc = await fetchHouseholdPoints({ ...q, limit: String(MAP_POINT_LIMIT) }, signal);
      performance.mark('anju:households-fetched');
      return fc;
    },
    placeholderData: keepPreviousData,
    staleTime: 60_000,
  });
}

export const SEARCH_LIMIT = 20;

/** Households whose head's name or household number contains `q`. */
export function useHouseholdSearch(q: string) {
  const term = q.trim();
  return useQuery({
    queryKey: keys.households.search(term),
    queryFn: ({ signal }) => fetchHouseholdPoints({ q: term, limit: String(SEARCH_LIMIT) }, signal),
    enabled: term.length > 0,
    staleTime: 60_000,
  });
}

export type HouseholdDetail = Awaited<ReturnType<typeof fetchHousehold>>;

async function fetchHousehold(id: number, signal: AbortSignal) {
  return unwrap(await api.api.households[':id'].$get({ param: { id: String(id) } }, { init: { signal } }));
}

/** One household with its house, appraisal timeline (newest first) and renovations; ID and phone masked. */
export function useHousehold(id: number | null) {
  return useQuery({
    queryKey: keys.households.detail(id ?? 0),
    queryFn: ({ signal }) => fetchHousehold(id!, signal),
    enabled: id !== null,
    staleTime: 60_000,
    retry: (count, err) => count < 2 && !(err instanceof Error && 'status' in err && (err as { status: number }).status === 404),
  });
}
