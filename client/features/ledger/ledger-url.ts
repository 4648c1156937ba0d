// The ledger screen's whole view lives in the query string, so a link reproduces it and a reload keeps
// it: /ledger?state=listed,planned&township=…&village=…&grade=C,D&standing=overdue&mode=rebuild
// &moveOut=1&q=王&sort=due&dir=asc&page=2&h=123 (h: the household whose drawer is open).
import { useCallback, useSyncExternalStore } from 'react';
import { GRADES, type Grade } from '../../../server/domain/housing.ts';
import { LEDGER_STATES } from '../../../server/domain/ledger-states.ts';
import { LEDGER_SORTS, PLAN_MODES, STANDING_FILTERS, type LedgerQuery, type LedgerState, type PlanMode } from '../../api/ledger.ts';
import { replaceUrl, subscribeToUrl } from '../../navigation.ts';

export const LEDGER_PAGE_SIZE = 50;

export interface LedgerUrlState {
  query: LedgerQuery;
  /** The household whose drawer is open over the table. */
  selectedId: number | null;
}

export const DEFAULT_LEDGER_QUERY: LedgerQuery = {
  states: [],
  township: null,
  village: null,
  grades: [],
  standing: [],
  mode: null,
  mustMoveOut: false,
  q: '',
  sort: 'due',
  dir: 'asc',
  page: 1,
  pageSize: LEDGER_PAGE_SIZE,
};

/** Known values only, each once, in the vocabulary's order (so equal views write equal URLs). */
function list<T extends string>(value: string | null, allowed: readonly T[]): T[] {
  if (!value) return [];
  const given = new Set(value.split(','));
  return allowed.filter((v) => given.has(v));
}

const one = <T extends string>(value: string | null, allowed: readonly T[]): T | null =>
  value !== null && (allowed as readonly string[]).includes(value) ? (value as T) : null;

const REGION = /^\d{12}$/;
const positive = (v: string | null) => {
  const n = Number(v);
  return Number.isInteger(n) && n > 0 ? n : null;
};

export function parseLedgerUrl(search: string): LedgerUrlState {
  const p = new URLSearchParams(search);
  const d = DEFAULT_LEDGER_QUERY;
  const township = p.get('township');
  const village = p.get('village');
  return {
    query: {
      states: list<LedgerState>(p.get('state'), LEDGER_STATES),
      township: township && REGION.test(township) ? township : null,
      village: village && REGION.test(village) ? village : null,
      grades: list<Grade>(p.get('grade'), GRADES),
      standing: list(p.get('standing'), STANDING_FILTERS),
      mode: one<PlanMode>(p.get('mode'), PLAN_MODES),
      mustMoveOut: p.get('moveOut') === '1',
      q: (p.get('q') ?? '').slice(0, 50),
      sort: one(p.get('sort'), LEDGER_SORTS) ?? d.sort,
      dir: p.get('dir') === 'desc' ? 'desc' : 'asc',
      page: positive(p.get('page')) ?? 1,
      pageSize: d.pageSize,
    },
    selectedId: positive(p.get('h')),
  };
}

export function serializeLedgerUrl(s: LedgerUrlState): string {
  const q = s.query;
  const d = DEFAULT_LEDGER_QUERY;
  const p = new URLSearchParams();
  const set = (k: string, v: string | null | false) => {
    if (v) p.set(k, v);
  };
  set('state', q.states.join(','));
  set('township', q.township);
  set('village', q.village);
  set('grade', q.grades.join(','));
  set('standing', q.standing.join(','));
  set('mode', q.mode);
  set('moveOut', q.mustMoveOut && '1');
  set('q', q.q.trim());
  set('sort', q.sort !== d.sort && q.sort);
  set('dir', q.dir !== d.dir && q.dir);
  set('page', q.page > 1 && String(q.page));
  set('h', s.selectedId !== null && String(s.selectedId));
  return p.toString().replaceAll('%2C', ',');
}

/** A change of filters or sort starts again at page 1; only paging itself keeps the page. */
export function withQuery(s: LedgerUrlState, change: Partial<LedgerQuery>): LedgerUrlState {
  const page = 'page' in change ? change.page! : 1;
  return { ...s, query: { ...s.query, ...change, page } };
}

let cachedSearch: string | null = null;
let cachedState = parseLedgerUrl('');
function snapshot(): LedgerUrlState {
  if (location.search !== cachedSearch) {
    cachedSearch = location.search;
    cachedState = parseLedgerUrl(location.search);
  }
  return cachedState;
}

/** The ledger view from the URL and a setter that rewrites it (one history entry, like the map's filters). */
export function useLedgerUrl(): [LedgerUrlState, (update: (s: LedgerUrlState) => LedgerUrlState) => void] {
  const state = useSyncExternalStore(subscribeToUrl, snapshot);
  const update = useCallback((fn: (s: LedgerUrlState) => LedgerUrlState) => {
    const qs = serializeLedgerUrl(fn(parseLedgerUrl(location.search)));
    replaceUrl(`${location.pathname}${qs ? `?${qs}` : ''}`);
  }, []);
  return [state, update];
}
