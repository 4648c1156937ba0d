// Every query the client makes, by resource: its key, how it is fetched and how long it stays fresh
// (TanStack Query's queryOptions factories). The hooks in each resource's file use these, and a change
// invalidates by a resource's `all` prefix — one line, with keys that cannot drift from their queries.
import { infiniteQueryOptions, keepPreviousData, queryOptions, skipToken } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { BASEMAP_LAYERS, type BasemapLayer } from '../../server/domain/basemap-layers.ts';
import { loadLabelFonts, placeNames } from '../map/fonts.ts';
import type { AuditFilters } from './audit.ts';
import type { ComplaintFilters } from './complaints.ts';
import { ApiError, api, setCsrfToken, unwrap } from './client.ts';
import type { HouseholdFilters } from './households.ts';
import { emptyCounts } from '../../server/domain/view-counts.ts';
import type { RegionNode } from './regions.ts';
import type { TaskListQuery } from './tasks.ts';

type Signal = { signal: AbortSignal };
const idParam = (id: number) => ({ param: { id: String(id) } });

// ——— households ———

type HouseholdQuery = NonNullable<InferRequestType<typeof api.api.households.$get>['query']>;

/** The filters as /api/households query parameters; null when the filters can match nothing. */
function householdQuery(f: HouseholdFilters): HouseholdQuery | null {
  if (f.grades?.length === 0 || f.structures?.length === 0) return null;
  const q: HouseholdQuery = {};
  if (f.grades) q.grade = f.grades.join(',');
  if (f.structures) q.structure = f.structures.join(',');
  if (f.keyOnly) q.key = 'true';
  if (f.repairedCOnly) q.repairedC = 'true';
  if (f.region) q.region = f.region;
  if (f.days?.from) q.from = f.days.from;
  if (f.days?.to) q.to = f.days.to;
  return q;
}

/** The most points the map loads; beyond it the legend says the map is `truncated`. */
export const MAP_POINT_LIMIT = 200_000;
/** One answer of /api/households holds at most this many (its MAX_PAGE); the map follows `next` for more. */
export const HOUSEHOLD_PAGE = 50_000;
export const SEARCH_LIMIT = 20;

const fetchPage = async (query: HouseholdQuery, signal: AbortSignal) => unwrap(await api.api.households.$get({ query }, { init: { signal } }));
type Page = Awaited<ReturnType<typeof fetchPage>>;

/** Households with every field (search, the flagged lists, a lasso over tiles). */
async function fetchHouseholds(query: HouseholdQuery, signal: AbortSignal) {
  const page = await fetchPage(query, signal);
  if ('view' in page) throw new Error('asked for every field, answered with the map view');
  return page;
}

/** Households as the map draws them (`view=map`: no names, flags only when set). */
async function fetchMapPage(query: HouseholdQuery, signal: AbortSignal) {
  const page = await fetchPage({ ...query, view: 'map' }, signal);
  if (!('view' in page)) throw new Error('asked for the map view, answered with every field');
  return page;
}
type HouseholdCollection = Extract<Page, { view: 'map' }>;
const NO_HOUSEHOLDS: HouseholdCollection = { type: 'FeatureCollection', view: 'map', total: 0, limit: 0, truncated: false, next: null, features: [] };

/** Every household of a query up to MAP_POINT_LIMIT, as the map draws them: the first page, then each `next` (keyset cursor `after`) in turn. */
async function fetchAllHouseholds(query: HouseholdQuery, signal: AbortSignal): Promise<HouseholdCollection> {
  let page = await fetchMapPage({ ...query, limit: String(HOUSEHOLD_PAGE) }, signal);
  let features = page.features;
  while (page.next && features.length < MAP_POINT_LIMIT) {
    const after = new URL(page.next, window.location.origin).searchParams.get('after') ?? '';
    const limit = String(Math.min(HOUSEHOLD_PAGE, MAP_POINT_LIMIT - features.length));
    page = await fetchMapPage({ ...query, limit, after }, signal);
    features = features.concat(page.features);
  }
  return { ...page, features };
}

type TileQuery = NonNullable<InferRequestType<(typeof api.api.tiles)['households.json']['$get']>['query']>;

/** The box in view as the counts take it: [west, south, east, north], six decimals (~0.1 m). */
const bboxParam = (b: readonly number[]) => b.map((v) => v.toFixed(6)).join(',');

/**
 * The households under the filters within a box, at most `limit` (a lasso over a map drawn from tiles,
 * which has none loaded).
 */
export async function fetchHouseholdsIn(filters: HouseholdFilters, bbox: readonly number[], limit: number, signal?: AbortSignal) {
  const q = householdQuery(filters);
  if (!q) return { ...NO_HOUSEHOLDS, features: [] };
  return fetchHouseholds({ ...q, bbox: bboxParam(bbox), limit: String(limit) }, signal ?? new AbortController().signal);
}

/** 待鉴定 (suspected, awaiting appraisal) or 需立即转移 (people to move out now). */
export type FlaggedKind = 'suspected' | 'moveOut';
const FLAGGED_QUERY: Record<FlaggedKind, HouseholdQuery> = {
  suspected: { status: 'suspected', limit: '500' },
  moveOut: { moveOut: 'true', limit: '500' },
};

const households = {
  all: ['households'] as const,
  list: (filters: HouseholdFilters) =>
    queryOptions({
      queryKey: ['households', 'list', filters] as const,
      queryFn: async ({ signal }: Signal) => {
        const q = householdQuery(filters);
        if (!q) return NO_HOUSEHOLDS;
        const fc = await fetchAllHouseholds(q, signal);
        performance.mark('anju:households-fetched');
        return fc;
      },
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  /** Households whose head's name or household number contains `term`; nothing is asked for an empty one. */
  search: (term: string) =>
    queryOptions({
      queryKey: ['households', 'search', term] as const,
      queryFn: term ? ({ signal }: Signal) => fetchHouseholds({ q: term, limit: String(SEARCH_LIMIT) }, signal) : skipToken,
      staleTime: 60_000,
    }),
  detail: (id: number | null) =>
    queryOptions({
      queryKey: ['households', 'detail', id] as const,
      queryFn:
        id === null ? skipToken : async ({ signal }: Signal) => unwrap(await api.api.households[':id'].$get(idParam(id), { init: { signal } })),
      staleTime: 60_000,
      retry: (count: number, err: Error) => count < 2 && !(err instanceof ApiError && err.status === 404),
    }),
  /**
   * The household tiles for the filters (TileJSON) and whether the region is large enough to draw from
   * them; the dashboard's days do not change what a tile draws. Filters matching nothing ask for the
   * region alone (the map then shows nothing, from GeoJSON).
   */
  tiles: (filters: HouseholdFilters) =>
    queryOptions({
      queryKey: ['households', 'tiles', filters] as const,
      queryFn: async ({ signal }: Signal) => {
        const { from: _from, to: _to, ...q } = householdQuery(filters) ?? (filters.region ? { region: filters.region } : {});
        return unwrap(await api.api.tiles['households.json'].$get({ query: q as TileQuery }, { init: { signal } }));
      },
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  /** The legend's in-view counts for a box, counted by the server (a region drawn from tiles); null box: nothing asked yet. */
  counts: (filters: HouseholdFilters, bbox: readonly number[] | null) =>
    queryOptions({
      queryKey: ['households', 'counts', filters, bbox] as const,
      queryFn:
        bbox === null
          ? skipToken
          : async ({ signal }: Signal) => {
              const q = householdQuery(filters);
              if (!q) return emptyCounts();
              return unwrap(await api.api.households.counts.$get({ query: { ...q, bbox: bboxParam(bbox) } }, { init: { signal } }));
            },
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
  flagged: (which: FlaggedKind) =>
    queryOptions({
      queryKey: ['households', 'flagged', which] as const,
      queryFn: ({ signal }: Signal) => fetchHouseholds(FLAGGED_QUERY[which], signal),
      staleTime: 30_000,
    }),
};

// ——— alerts ———

/** How many exposed households the panel and the map ask for: enough to ring them all. */
export const EXPOSURE_LIMIT = 20_000;

const alerts = {
  all: ['alerts'] as const,
  /** Every alert, active first, then by severity and recency (the server's order); refreshed each minute. */
  list: () =>
    queryOptions({
      queryKey: ['alerts', 'list'] as const,
      queryFn: async ({ signal }: Signal) => unwrap(await api.api.alerts.$get({ query: { status: 'all' } }, { init: { signal } })),
      staleTime: 30_000,
      refetchInterval: 60_000,
    }),
  /** One alert with every language the sender gave and its history (updates, extensions, withdrawal). */
  detail: (id: number | null) =>
    queryOptions({
      queryKey: ['alerts', 'detail', id] as const,
      queryFn: id === null ? skipToken : async ({ signal }: Signal) => unwrap(await api.api.alerts[':id'].$get(idParam(id), { init: { signal } })),
      staleTime: 30_000,
    }),
  exposure: (id: number | null) =>
    queryOptions({
      queryKey: ['alerts', 'exposure', id] as const,
      queryFn:
        id === null
          ? skipToken
          : async ({ signal }: Signal) =>
              unwrap(await api.api.alerts[':id'].exposure.$get({ ...idParam(id), query: { limit: String(EXPOSURE_LIMIT) } }, { init: { signal } })),
      staleTime: 60_000,
      placeholderData: keepPreviousData,
    }),
  seasons: () =>
    queryOptions({
      queryKey: ['alerts', 'seasons'] as const,
      queryFn: async ({ signal }: Signal) => unwrap(await api.api.seasons.$get({ query: {} }, { init: { signal } })),
      staleTime: 60_000,
      refetchInterval: 60_000,
    }),
};

// ——— tasks and dispatch ———

const tasks = {
  all: ['tasks'] as const,
  list: (q: TaskListQuery) =>
    queryOptions({
      queryKey: ['tasks', 'list', q] as const,
      queryFn: async ({ signal }: Signal) => {
        const query: Record<string, string> = {};
        if (q.alertId !== undefined) query.alertId = String(q.alertId);
        if (q.kind?.length) query.kind = q.kind.join(',');
        if (q.status?.length) query.status = q.status.join(',');
        if (q.overdue !== undefined) query.overdue = String(q.overdue);
        return (await unwrap(await api.api.tasks.$get({ query }, { init: { signal } }))).tasks;
      },
      placeholderData: keepPreviousData,
      staleTime: 30_000,
      // A phone in a valley keeps what it had: the list stays usable offline for the whole shift.
      gcTime: 24 * 3600_000,
    }),
  detail: (id: number | null) =>
    queryOptions({
      queryKey: ['tasks', 'detail', id] as const,
      queryFn: id === null ? skipToken : async ({ signal }: Signal) => unwrap(await api.api.tasks[':id'].$get(idParam(id), { init: { signal } })),
      staleTime: 30_000,
      gcTime: 24 * 3600_000,
    }),
  /** Who may take a task instead: trained people of its township, with their load and whether it fits their time. */
  candidates: (id: number | null) =>
    queryOptions({
      queryKey: ['tasks', 'candidates', id] as const,
      queryFn: id === null ? skipToken : async ({ signal }: Signal) => unwrap(await api.api.tasks[':id'].candidates.$get(idParam(id), { init: { signal } })),
      staleTime: 0,
    }),
};

const dispatch = {
  all: ['dispatch'] as const,
  /**
   * What dispatching an alert would create now (POST, but writes nothing): asked afresh each time the
   * preview opens, since loads and selections move; a dispatch refreshes it (the `dispatch` prefix).
   */
  preview: (alertId: number | null) =>
    queryOptions({
      queryKey: ['dispatch', 'preview', alertId] as const,
      queryFn:
        alertId === null
          ? skipToken
          : async ({ signal }: Signal) => unwrap(await api.api.alerts[':id'].dispatch.preview.$post(idParam(alertId), { init: { signal } })),
      staleTime: 0,
      gcTime: 0,
      retry: false,
    }),
  /** Of the houses an alert's rule selects: how many are dispatched, patrolled, pending, by result. */
  coverage: (alertId: number | null) =>
    queryOptions({
      queryKey: ['dispatch', 'coverage', alertId] as const,
      queryFn:
        alertId === null
          ? skipToken
          : async ({ signal }: Signal) => unwrap(await api.api.alerts[':id'].coverage.$get(idParam(alertId), { init: { signal } })),
      staleTime: 30_000,
    }),
};

const trainings = {
  all: ['trainings'] as const,
  /** The training ledger (培训台账) of one's jurisdiction: who may be sent (seed 001). */
  list: () =>
    queryOptions({
      queryKey: ['trainings', 'list'] as const,
      queryFn: async ({ signal }: Signal) => (await unwrap(await api.api.trainings.$get(undefined, { init: { signal } }))).trainings,
      staleTime: 5 * 60_000,
    }),
};

/** A dispatch rule as edited on the rules screen (PUT /api/dispatch-rules, and its preview). */
export type DispatchRuleDraft = InferRequestType<typeof api.api['dispatch-rules']['preview']['$post']>['json'];

const dispatchRules = {
  all: ['dispatch-rules'] as const,
  list: () =>
    queryOptions({
      queryKey: ['dispatch-rules', 'list'] as const,
      queryFn: async ({ signal }: Signal) => (await unwrap(await api.api['dispatch-rules'].$get(undefined, { init: { signal } }))).rules,
      staleTime: 5 * 60_000,
    }),
  /** What a draft would select under the active alerts of its type and level (nothing is saved); none for no draft. */
  preview: (draft: DispatchRuleDraft | null) =>
    queryOptions({
      queryKey: ['dispatch-rules', 'preview', draft] as const,
      queryFn:
        draft === null
          ? skipToken
          : async ({ signal }: Signal) => unwrap(await api.api['dispatch-rules'].preview.$post({ json: draft }, { init: { signal } })),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
};

// ——— one house's ledger (整改台账) ———

const houses = {
  all: ['houses'] as const,
  /** Where the house stands in the ledger and what this user may do with it now. */
  ledger: (houseId: number | null) =>
    queryOptions({
      queryKey: ['houses', 'ledger', houseId] as const,
      queryFn:
        houseId === null ? skipToken : async ({ signal }: Signal) => unwrap(await api.api.houses[':id'].ledger.$get(idParam(houseId), { init: { signal } })),
      staleTime: 30_000,
      retry: (count: number, err: Error) => count < 2 && !(err instanceof ApiError && err.status === 404),
    }),
  /** The house's story, oldest first: moves, appraisals, patrol results, plans, relocations, checks, photos. */
  timeline: (houseId: number | null) =>
    queryOptions({
      queryKey: ['houses', 'timeline', houseId] as const,
      queryFn:
        houseId === null
          ? skipToken
          : async ({ signal }: Signal) => (await unwrap(await api.api.houses[':id'].timeline.$get(idParam(houseId), { init: { signal } }))).events,
      staleTime: 30_000,
      retry: (count: number, err: Error) => count < 2 && !(err instanceof ApiError && err.status === 404),
    }),
};
export const houseLedgerQuery = houses.ledger;
export const houseTimelineQuery = houses.timeline;

// ——— audit and accounts ———

export const AUDIT_PAGE_SIZE = 50;
type AuditQuery = NonNullable<InferRequestType<typeof api.api.audit.$get>['query']>;
const DATE = /^\d{4}-\d{2}-\d{2}$/;

/** A local calendar day's start or end as the UTC ISO timestamp the log stores (`at`). */
function dayBound(date: string, end: boolean): string | undefined {
  if (!DATE.test(date)) return undefined;
  const d = new Date(`${date}T${end ? '23:59:59.999' : '00:00:00.000'}`);
  return Number.isNaN(d.getTime()) ? undefined : d.toISOString();
}

/** The filters as /api/audit query parameters, without the page (the audit export takes the same). */
export function auditFilterParams(f: AuditFilters): Omit<AuditQuery, 'limit' | 'offset'> {
  const q: Omit<AuditQuery, 'limit' | 'offset'> = {};
  if (f.username?.trim()) q.username = f.username.trim();
  if (f.action) q.action = f.action;
  if (f.entity) q.entity = f.entity;
  if (f.entityId?.trim()) q.entityId = f.entityId.trim();
  const from = f.fromDate ? dayBound(f.fromDate, false) : undefined;
  const to = f.toDate ? dayBound(f.toDate, true) : undefined;
  if (from) q.from = from;
  if (to) q.to = to;
  return q;
}

/** One page of the filtered log as /api/audit query parameters. */
const auditQuery = (f: AuditFilters, offset: number, limit = AUDIT_PAGE_SIZE): AuditQuery => ({ ...auditFilterParams(f), limit: String(limit), offset: String(offset) });

const audit = {
  all: ['audit'] as const,
  /** The log, newest first, a page of AUDIT_PAGE_SIZE at a time. */
  log: (filters: AuditFilters) =>
    infiniteQueryOptions({
      queryKey: ['audit', 'log', filters] as const,
      queryFn: async ({ pageParam, signal }: Signal & { pageParam: number }) =>
        unwrap(await api.api.audit.$get({ query: auditQuery(filters, pageParam) }, { init: { signal } })),
      initialPageParam: 0,
      getNextPageParam: (last, pages) => {
        const loaded = pages.reduce((n, p) => n + p.entries.length, 0);
        return last.entries.length > 0 && loaded < last.total ? loaded : undefined;
      },
      staleTime: 15_000,
    }),
};

const users = {
  all: ['users'] as const,
  list: () =>
    queryOptions({
      queryKey: ['users', 'list'] as const,
      queryFn: async ({ signal }: Signal) => (await unwrap(await api.api.users.$get(undefined, { init: { signal } }))).users,
      staleTime: 5 * 60_000,
    }),
};

// ——— personal API tokens (for the OGC API) ———

const tokens = {
  all: ['tokens'] as const,
  list: () =>
    queryOptions({
      queryKey: ['tokens', 'list'] as const,
      queryFn: async ({ signal }: Signal) => (await unwrap(await api.api.auth.tokens.$get(undefined, { init: { signal } }))).tokens,
      staleTime: 30_000,
    }),
};

// ——— complaints ———

export const COMPLAINT_PAGE_SIZE = 50;

/** The staff list's filters as /api/complaints query parameters, without the page (the export takes the same). */
export function complaintFilterParams(f: ComplaintFilters): Record<string, string> {
  const query: Record<string, string> = {};
  if (f.status) query.status = f.status;
  if (f.overdue) query.overdue = 'true';
  if (f.mine) query.assignee = 'me';
  return query;
}

const complaints = {
  all: ['complaints'] as const,
  /** A page of the complaints in one's jurisdiction: open ones first, soonest due first. */
  list: (f: ComplaintFilters) =>
    queryOptions({
      queryKey: ['complaints', 'list', f] as const,
      queryFn: async ({ signal }: Signal) => {
        const query = { ...complaintFilterParams(f), page: String(f.page ?? 1), pageSize: String(COMPLAINT_PAGE_SIZE) };
        return unwrap(await api.api.complaints.$get({ query }, { init: { signal } }));
      },
      placeholderData: keepPreviousData,
      staleTime: 15_000,
    }),
  /** One complaint with its history and the actions this user may take now. */
  detail: (id: number | null) =>
    queryOptions({
      queryKey: ['complaints', 'detail', id] as const,
      queryFn: id === null ? skipToken : async ({ signal }: Signal) => unwrap(await api.api.complaints[':id'].$get(idParam(id), { init: { signal } })),
      staleTime: 15_000,
      retry: (count: number, err: Error) => count < 2 && !(err instanceof ApiError && err.status === 404),
    }),
  /** Who a complaint may be handed to. */
  assignees: (id: number | null) =>
    queryOptions({
      queryKey: ['complaints', 'assignees', id] as const,
      queryFn: id === null ? skipToken : async ({ signal }: Signal) => (await unwrap(await api.api.complaints[':id'].assignees.$get(idParam(id), { init: { signal } }))).assignees,
      staleTime: 60_000,
    }),
  /** The townships and villages the public form offers (signed out). */
  places: () =>
    queryOptions({
      queryKey: ['complaints', 'places'] as const,
      queryFn: async ({ signal }: Signal) => (await unwrap(await api.api.public.places.$get(undefined, { init: { signal } }))).townships,
      staleTime: Infinity,
    }),
  /** The public lookup by receipt number (signed out); a 404 is an answer (no such receipt), not retried. */
  receipt: (receiptNo: string | null) =>
    queryOptions({
      queryKey: ['complaints', 'receipt', receiptNo] as const,
      queryFn:
        receiptNo === null
          ? skipToken
          : async ({ signal }: Signal) => unwrap(await api.api.public.complaints[':receiptNo'].$get({ param: { receiptNo } }, { init: { signal } })),
      staleTime: 30_000,
      retry: false,
    }),
};

// ——— session and geography ———

/** Who is signed in: the session probe answers 204 when nobody is (signed out is a state, not an error). */
async function fetchMe() {
  const res = await api.api.auth.session.$get();
  if (res.status === 204) return null;
  const me = await unwrap(res);
  if (!me) return null;
  setCsrfToken(me.csrfToken);
  return me;
}

async function fetchBasemap(signal: AbortSignal) {
  const layers = await Promise.all(
    BASEMAP_LAYERS.map(async (layer) => {
      const data: GeoJSON.FeatureCollection = await unwrap(await api.api.basemap[':layer'].$get({ param: { layer } }, { init: { signal } }));
      return [layer, data] as const;
    }),
  );
  const basemap = Object.fromEntries(layers) as Record<BasemapLayer, GeoJSON.FeatureCollection>;
  // The map draws these names as soon as it has them: their font slices first (map/fonts.ts).
  await loadLabelFonts(placeNames(basemap));
  return basemap;
}

const session = {
  /** Who is signed in, or null. */
  me: () => queryOptions({ queryKey: ['auth', 'me'] as const, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false }),
};

const geography = {
  /** The region tree of one's jurisdiction (county → township → village → group). */
  regions: () =>
    queryOptions({
      queryKey: ['regions'] as const,
      queryFn: async (): Promise<RegionNode> => (await unwrap(await api.api.regions.$get())).county,
      staleTime: Infinity,
    }),
  /** The county's own basemap (boundaries, rivers, roads, label points): the map needs no internet. */
  basemap: () =>
    queryOptions({ queryKey: ['basemap'] as const, queryFn: ({ signal }: Signal) => fetchBasemap(signal), staleTime: Infinity }),
};

// ——— schedules and disasters ———

/** A schedule's batch: the quarterly revisit of a period, or the campaign of a year. */
export type ScheduleRun = { kind: 'quarterly'; period: string } | { kind: 'campaign'; year: number };

const schedules = {
  all: ['schedules'] as const,
  /** The current quarter and campaign: houses covered, dispatched or not, stops done and open. */
  standing: () =>
    queryOptions({
      queryKey: ['schedules', 'standing'] as const,
      queryFn: async ({ signal }: Signal) => unwrap(await api.api.schedules.$get(undefined, { init: { signal } })),
      staleTime: 30_000,
    }),
  /** What dispatching a schedule would create now (POST, writes nothing): asked afresh each time, like an alert's. */
  preview: (run: ScheduleRun | null) =>
    queryOptions({
      queryKey: ['schedules', 'preview', run] as const,
      queryFn:
        run === null
          ? skipToken
          : async ({ signal }: Signal) =>
              run.kind === 'quarterly'
                ? unwrap(await api.api.schedules.quarterly.dispatch.preview.$post({ json: { period: run.period } }, { init: { signal } }))
                : unwrap(await api.api.schedules.campaign.dispatch.preview.$post({ json: { year: run.year } }, { init: { signal } })),
      staleTime: 0,
      gcTime: 0,
      retry: false,
    }),
};

const disasters = {
  all: ['disasters'] as const,
  list: (recent: boolean) =>
    queryOptions({
      queryKey: ['disasters', 'list', recent] as const,
      queryFn: async ({ signal }: Signal) => unwrap(await api.api.disasters.$get({ query: recent ? { recent: 'true' } : {} }, { init: { signal } })),
      staleTime: 30_000,
    }),
  detail: (id: number | null) =>
    queryOptions({
      queryKey: ['disasters', 'detail', id] as const,
      queryFn: id === null ? skipToken : async ({ signal }: Signal) => unwrap(await api.api.disasters[':id'].$get(idParam(id), { init: { signal } })),
      staleTime: 30_000,
    }),
};

// ——— dashboard, briefing and reports (issue 12): every figure from the server's one source ———

/** GET /api/dashboard's parameters: the region (one's own by default), the range (YYYY-MM-DD), "changes since", the trend's weeks. */
export interface DashboardParams {
  region?: string;
  from?: string;
  to?: string;
  since?: string;
  weeks?: number;
}
type DashboardQuery = NonNullable<InferRequestType<typeof api.api.dashboard.$get>['query']>;

const dashboardQueryOf = (p: DashboardParams): DashboardQuery => {
  const q: DashboardQuery = {};
  if (p.region) q.region = p.region;
  if (p.from) q.from = p.from;
  if (p.to) q.to = p.to;
  if (p.since) q.since = p.since;
  if (p.weeks !== undefined) q.weeks = String(p.weeks);
  return q;
};

const briefings = {
  all: ['briefings'] as const,
  /** A region's figures: the dashboard, the briefing slides and the print pages read the same answer. */
  dashboard: (p: DashboardParams) =>
    queryOptions({
      queryKey: ['briefings', 'dashboard', p] as const,
      queryFn: async ({ signal }: Signal) => unwrap(await api.api.dashboard.$get({ query: dashboardQueryOf(p) }, { init: { signal } })),
      placeholderData: keepPreviousData,
      staleTime: 60_000,
    }),
  /** The monthly progress report (seed 003) of a month YYYY-MM; null waits for one. */
  monthly: (p: { region?: string; month: string } | null) =>
    queryOptions({
      queryKey: ['briefings', 'monthly', p] as const,
      queryFn:
        p === null
          ? skipToken
          : async ({ signal }: Signal) =>
              unwrap(await api.api.reports.monthly.$get({ query: { month: p.month, ...(p.region ? { region: p.region } : {}) } }, { init: { signal } })),
      staleTime: 5 * 60_000,
    }),
  /** The quarterly warning statistics (seed 002) of a quarter YYYYQn; null waits for one. */
  quarterly: (p: { region?: string; quarter: string } | null) =>
    queryOptions({
      queryKey: ['briefings', 'quarterly', p] as const,
      queryFn:
        p === null
          ? skipToken
          : async ({ signal }: Signal) =>
              unwrap(
                await api.api.reports['quarterly-warnings'].$get({ query: { quarter: p.quarter, ...(p.region ? { region: p.region } : {}) } }, { init: { signal } }),
              ),
      staleTime: 5 * 60_000,
    }),
};
export const dashboardQuery = briefings.dashboard;
export const monthlyReportQuery = briefings.monthly;
export const quarterlyReportQuery = briefings.quarterly;

export const queries = { households, houses, alerts, tasks, dispatch, dispatchRules, trainings, audit, users, tokens, complaints, session, geography, schedules, disasters, briefings };
