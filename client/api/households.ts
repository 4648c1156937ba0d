// Households (监测对象): the map's points under the filters, search, one household's record, the
// flagged lists of the dispatch board, and the one audited way to a household's clear personal data.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { GradeKey, Structure } from '../../server/domain/housing.ts';
import { api, unwrap } from './client.ts';
import { queries, type FlaggedKind } from './queries.ts';

export { MAP_POINT_LIMIT, SEARCH_LIMIT } from './queries.ts';

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
  /** The dashboard's days (China days): each point then says whether it was patrolled in them (`patrolled`). */
  days?: { from: string | null; to: string | null };
}

/** Every household matching the filters, as GeoJSON points for the map; `enabled: false` asks nothing (a region drawn from tiles). */
export const useHouseholds = (filters: HouseholdFilters, enabled = true) => useQuery({ ...queries.households.list(filters), enabled });

/** The household tiles for the filters, and whether the region is large enough to draw from them (`tiled`). */
export const useHouseholdTiles = (filters: HouseholdFilters) => useQuery(queries.households.tiles(filters));

/** The legend's in-view counts for a box, from the server; null box or `enabled: false` asks nothing. */
export const useViewCounts = (filters: HouseholdFilters, bbox: readonly number[] | null, enabled: boolean) =>
  useQuery({ ...queries.households.counts(filters, bbox), enabled });

export type HouseholdCollection = NonNullable<ReturnType<typeof useHouseholds>['data']>;
export type HouseholdFeature = HouseholdCollection['features'][number];
export type HouseholdPointProps = HouseholdFeature['properties'];

/** Households whose head's name or household number contains `q`. */
export const useHouseholdSearch = (q: string) => useQuery(queries.households.search(q.trim()));

/** One household with its house, appraisal timeline (newest first) and renovations; ID and phone masked. */
export const useHousehold = (id: number | null) => useQuery(queries.households.detail(id));

export type HouseholdDetail = NonNullable<ReturnType<typeof useHousehold>['data']>;

/** 待鉴定 (suspected, awaiting appraisal) or 需立即转移 (people to move out now). */
export const useFlaggedHouseholds = (which: FlaggedKind) => useQuery(queries.households.flagged(which));

export interface UnmaskResult {
  id: number;
  idCard: string;
  phone: string | null;
}

/**
 * Asks for a household's clear ID-card and phone numbers, giving a reason (the server writes it to
 * the audit log). The answer is personal data: it is kept by the calling component only — the
 * mutation is dropped from the cache as soon as nothing observes it (gcTime 0), and no query holds it.
 */
export function useUnmask() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (v: { id: number; reason: string }): Promise<UnmaskResult> =>
      unwrap(await api.api.households[':id'].unmask.$post({ param: { id: String(v.id) }, json: { reason: v.reason.trim() } })),
    gcTime: 0,
    // The view was recorded: an open audit log shows it on its next look.
    onSuccess: () => void qc.invalidateQueries({ queryKey: queries.audit.all }),
  });
}
