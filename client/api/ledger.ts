// One house's ledger (整改台账, issue 11): its state and story (queries.ts houses.ledger / houses.timeline)
// and the requests that move it. Types come from the server's routes (hc<AppType>), not hand-kept copies.
// A refused move is an ApiError: 409 `illegal_transition` carries `details.allowed`, 403 `forbidden` with
// field `action` a role that may not, 400 names the field (`date_in_future`, `date_before_house`,
// `unknown_appraiser` …), 422 `appraiser_untrained`.
import { keepPreviousData, queryOptions, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
import type { DeadlineStanding } from '../../server/domain/deadlines.ts';
import type { Grade } from '../../server/domain/housing.ts';
import type { LedgerAction, LedgerState } from '../../server/domain/ledger-states.ts';
import { api, unwrap } from './client.ts';
import { houseLedgerQuery, houseTimelineQuery, queries } from './queries.ts';

const house = api.api.houses[':id'];
const param = (houseId: number) => ({ id: String(houseId) });

export type HouseLedger = InferResponseType<typeof house.ledger.$get, 200>;
export type LedgerCase = NonNullable<HouseLedger['case']>;
export type RectificationPlan = NonNullable<HouseLedger['plan']>;
export type Relocation = NonNullable<HouseLedger['relocation']>;
export type IdleCheck = NonNullable<HouseLedger['lastIdleCheck']>;
export type TimelineEvent = InferResponseType<typeof house.timeline.$get, 200>['events'][number];

export type AppraisalBody = InferRequestType<typeof house.appraisals.$post>['json'];
export type TransitionBody = InferRequestType<typeof house.transitions.$post>['json'];
export type PlanBody = InferRequestType<typeof house.plan.$put>['json'];
export type RelocationBody = InferRequestType<typeof house.relocations.$post>['json'];
export type ReturnBody = InferRequestType<(typeof house.relocations)[':rid']['return']['$post']>['json'];
export type IdleCheckBody = InferRequestType<(typeof house)['idle-checks']['$post']>['json'];
export type CasePhotoBody = InferRequestType<typeof house.photos.$post>['json'];
export type HouseChangeBody = InferRequestType<typeof house.$patch>['json'];

/** POST /api/houses/:id/appraisals — the only way a grade changes; answers the appraisal and the ledger after it. */
export const appraise = async (houseId: number, json: AppraisalBody) => unwrap(await house.appraisals.$post({ param: param(houseId), json }));
/** POST /api/houses/:id/transitions — suspect, start_works … close_out (appraise and plan have their own routes). */
export const transition = async (houseId: number, json: TransitionBody) => unwrap(await house.transitions.$post({ param: param(houseId), json }));
/** PUT /api/houses/:id/plan — the first save on a listed house plans it. */
export const savePlan = async (houseId: number, json: PlanBody) => unwrap(await house.plan.$put({ param: param(houseId), json }));
export const addRelocation = async (houseId: number, json: RelocationBody) => unwrap(await house.relocations.$post({ param: param(houseId), json }));
export const returnRelocation = async (houseId: number, relocationId: number, json: ReturnBody) =>
  unwrap(await house.relocations[':rid'].return.$post({ param: { ...param(houseId), rid: String(relocationId) }, json }));
export const addIdleCheck = async (houseId: number, json: IdleCheckBody) => unwrap(await house['idle-checks'].$post({ param: param(houseId), json }));
/** A photo of the case by stage; upload it first (POST /api/photos): only its uploader may attach it. */
export const addCasePhoto = async (houseId: number, json: CasePhotoBody) => unwrap(await house.photos.$post({ param: param(houseId), json }));
/** PATCH /api/houses/:id — structure, storeys, year built, floor area; never the grade or the state. */
export const editHouse = async (houseId: number, json: HouseChangeBody) => unwrap(await house.$patch({ param: param(houseId), json }));

export const useHouseLedger = (houseId: number | null) => useQuery(houseLedgerQuery(houseId));
export const useHouseTimeline = (houseId: number | null) => useQuery(houseTimelineQuery(houseId));

/**
 * A mutation of one house's ledger (any of the requests above): afterwards the house, the household
 * lists and map (state, move-out flag) and the ledger lists are read again.
 */
export function useLedgerMutation<V>(request: (houseId: number, v: V) => Promise<unknown>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: ({ houseId, ...v }: { houseId: number } & V) => request(houseId, v as V),
    onSuccess: () => {
      for (const queryKey of [queries.houses.all, queries.households.all, ['ledger']]) void qc.invalidateQueries({ queryKey });
    },
  });
}

export type { DeadlineStanding, LedgerAction, LedgerState };

// ——— vocabularies the forms offer (each checked against the route's own type) ———

/** Every value of a union, once: fails to typecheck when the server's vocabulary gains one. */
const every =
  <T extends string>() =>
  <const A extends readonly T[]>(values: A & ([T] extends [A[number]] ? unknown : never)): A =>
    values;

export type PlanMode = PlanBody['mode'];
export type GuaranteeMode = NonNullable<PlanBody['guaranteeMode']>;
export type PlanStage = keyof PlanBody['responsible'];
export type AppraisalKind = AppraisalBody['kind'];
export type PlaceKind = RelocationBody['placeKind'];
export type TimelineKind = TimelineEvent['kind'];

export const PLAN_MODES = every<PlanMode>()(['repair_strengthen', 'rebuild', 'new_site', 'guarantee']);
export const GUARANTEE_MODES = every<GuaranteeMode>()(['public_rental', 'happiness_yard', 'relatives', 'rental', 'idle_public', 'elder_care', 'other']);
/** 四清一责任 (Yulin): a responsible person signs off each stage. */
export const PLAN_STAGES = every<PlanStage>()(['problem', 'appraisal', 'works', 'acceptance']);
export const APPRAISAL_KINDS = every<AppraisalKind>()(['initial', 'formal', 'emergency', 'review']);
export const PLACE_KINDS = every<PlaceKind>()(['relatives', 'public_rental', 'happiness_yard', 'rental', 'village_room', 'tent', 'other']);
export const TIMELINE_KINDS = every<TimelineKind>()(['transition', 'appraisal', 'stop', 'plan', 'relocation', 'idle_check', 'photo', 'damage', 'complaint']);
/** The moves a confirm-with-date form sends (appraise, emergency_assess and plan have routes of their own). */
export type TransitionAction = Exclude<LedgerAction, 'appraise' | 'emergency_assess' | 'plan'>;

// ——— the ledger list (GET /api/ledger, /api/ledger/deadlines) ———

export type LedgerList = InferResponseType<typeof api.api.ledger.$get, 200>;
export type LedgerRow = LedgerList['rows'][number];
export type Deadlines = InferResponseType<typeof api.api.ledger.deadlines.$get, 200>;
/** A row of the appraisal or idle-check deadline lists: whose house, where, by when (and when last looked at). */
export type DeadlineRow = Deadlines['appraisals']['overdue']['rows'][number] | Deadlines['idleChecks']['overdue']['rows'][number];
type LedgerListQuery = NonNullable<InferRequestType<typeof api.api.ledger.$get>['query']>;

export type LedgerSort = NonNullable<LedgerListQuery['sort']>;
export const LEDGER_SORTS = every<LedgerSort>()(['due', 'state', 'village', 'grade', 'opened']);
export const STANDING_FILTERS = ['overdue', 'due_soon'] as const;
export type StandingFilter = (typeof STANDING_FILTERS)[number];

/** What the ledger screen asks for; lives in the URL (features/ledger/ledger-url.ts). */
export interface LedgerQuery {
  states: LedgerState[];
  township: string | null;
  village: string | null;
  grades: Grade[];
  standing: StandingFilter[];
  mode: PlanMode | null;
  mustMoveOut: boolean;
  q: string;
  sort: LedgerSort;
  dir: 'asc' | 'desc';
  page: number;
  pageSize: number;
}

/** The ledger query as GET /api/ledger parameters (empty filters left out). */
export function ledgerParams(q: LedgerQuery): LedgerListQuery {
  const p: LedgerListQuery = {};
  if (q.states.length) p.state = q.states.join(',');
  if (q.township) p.township = q.township;
  if (q.village) p.village = q.village;
  if (q.grades.length) p.grade = q.grades.join(',');
  if (q.standing.length) p.standing = q.standing.join(',');
  if (q.mode) p.mode = q.mode;
  if (q.mustMoveOut) p.mustMoveOut = 'true';
  if (q.q.trim()) p.q = q.q.trim();
  p.sort = q.sort;
  p.dir = q.dir;
  p.page = String(q.page);
  p.pageSize = String(q.pageSize);
  return p;
}

export const ledgerQueries = {
  /** The `ledger` prefix: every list and the deadlines (house writes invalidate it). */
  all: ['ledger'] as const,
  list: (q: LedgerQuery) =>
    queryOptions({
      queryKey: ['ledger', 'list', q] as const,
      queryFn: async ({ signal }: { signal: AbortSignal }) => unwrap(await api.api.ledger.$get({ query: ledgerParams(q) }, { init: { signal } })),
      placeholderData: keepPreviousData,
      staleTime: 30_000,
    }),
  deadlines: () =>
    queryOptions({
      queryKey: ['ledger', 'deadlines'] as const,
      queryFn: async ({ signal }: { signal: AbortSignal }) => unwrap(await api.api.ledger.deadlines.$get({ query: {} }, { init: { signal } })),
      staleTime: 60_000,
    }),
};

export const useLedger = (q: LedgerQuery) => useQuery(ledgerQueries.list(q));
export const useDeadlines = () => useQuery(ledgerQueries.deadlines());
