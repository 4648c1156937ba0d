// Filters and the selected household live in the URL query string, so a view can be shared and a
// reload restores it: ?grade=C,D&structure=earth_wood&key=1&repairedC=1&region=…&focus=key&by=stage&h=123
// &from=2026-10-01&to=2026-10-31 (the days, shared with the dashboard: /dashboard?from=&to=)
// (the map view itself is in the hash, #map=zoom/lat/lon, kept by MapLibre).
import { useCallback, useSyncExternalStore } from 'react';
import { GRADE_KEYS, STRUCTURES, type GradeKey, type Structure } from '../../../server/domain/housing.ts';
import type { HouseholdFilters } from '../../api/households.ts';
import type { ColorBy } from '../../map/layers/ids.ts';
import { replaceUrl, subscribeToUrl } from '../../navigation.ts';

export interface MapUrlState {
  filters: HouseholdFilters;
  /** Dim every house that is not a key house. */
  keyFocus: boolean;
  /** Houses coloured by safety grade (the default) or by ledger stage. */
  colorBy: ColorBy;
  /** The household whose drawer is open. */
  selectedId: number | null;
  /** The days the dashboard counts (from/to, China-time days), carried between the dashboard and the map. */
  days: { from: string | null; to: string | null };
}

const DAY = /^\d{4}-\d{2}-\d{2}$/;
const day = (v: string | null) => (v !== null && DAY.test(v) && !Number.isNaN(Date.parse(v)) ? v : null);

function list<T extends string>(value: string | null, allowed: readonly T[]): T[] | null {
  if (value === null) return null;
  const parts = value.split(',').filter((v): v is T => (allowed as readonly string[]).includes(v));
  const unique = [...new Set(parts)];
  return unique.length === allowed.length ? null : unique;
}

const flag = (v: string | null) => v === '1' || v === 'true';

export function parseUrlState(search: string): MapUrlState {
  const p = new URLSearchParams(search);
  const region = p.get('region');
  const h = Number(p.get('h'));
  return {
    filters: {
      grades: list<GradeKey>(p.get('grade'), GRADE_KEYS),
      structures: list<Structure>(p.get('structure'), STRUCTURES),
      keyOnly: flag(p.get('key')),
      repairedCOnly: flag(p.get('repairedC')),
      region: region && /^\d{12}(\d{3})?$/.test(region) ? region : null,
    },
    keyFocus: p.get('focus') === 'key',
    colorBy: p.get('by') === 'stage' ? 'stage' : 'grade',
    selectedId: Number.isInteger(h) && h > 0 ? h : null,
    days: { from: day(p.get('from')), to: day(p.get('to')) },
  };
}

/** The filters the map asks /api/households with: with the dashboard's days in the URL, each point also says whether it was patrolled in them. */
export function mapQueryFilters(url: Pick<MapUrlState, 'filters' | 'days'>): HouseholdFilters {
  return url.days.from || url.days.to ? { ...url.filters, days: url.days } : url.filters;
}

export function serializeUrlState(s: MapUrlState, base = ''): string {
  const p = new URLSearchParams(base);
  const set = (k: string, v: string | null) => (v === null ? p.delete(k) : p.set(k, v));
  set('grade', s.filters.grades ? s.filters.grades.join(',') : null);
  set('structure', s.filters.structures ? s.filters.structures.join(',') : null);
  set('key', s.filters.keyOnly ? '1' : null);
  set('repairedC', s.filters.repairedCOnly ? '1' : null);
  set('region', s.filters.region);
  set('focus', s.keyFocus ? 'key' : null);
  set('by', s.colorBy === 'stage' ? 'stage' : null);
  set('h', s.selectedId === null ? null : String(s.selectedId));
  set('from', s.days.from);
  set('to', s.days.to);
  // Commas read better than %2C in a shared link, and are legal in a query string.
  return p.toString().replaceAll('%2C', ',');
}

let cachedSearch: string | null = null;
let cachedState: MapUrlState = parseUrlState('');
function snapshot(): MapUrlState {
  if (location.search !== cachedSearch) {
    cachedSearch = location.search;
    cachedState = parseUrlState(location.search);
  }
  return cachedState;
}

/** The URL state and a setter that rewrites the query string (keeping the map's #hash). */
export function useUrlState(): [MapUrlState, (update: (s: MapUrlState) => MapUrlState) => void] {
  const state = useSyncExternalStore(subscribeToUrl, snapshot);
  const update = useCallback((fn: (s: MapUrlState) => MapUrlState) => {
    const next = fn(parseUrlState(location.search));
    const qs = serializeUrlState(next, location.search);
    replaceUrl(`${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`);
  }, []);
  return [state, update];
}
