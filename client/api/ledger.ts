// One house's ledger (整改台账, issue 11): its state and story (queries.ts houses.ledger / houses.timeline)
// and the requests that move it. Types come from the server's routes (hc<AppType>), not hand-kept copies.
// A refused move is an ApiError: 409 `illegal_transition` carries `details.allowed`, 403 `forbidden` with
// field `action` a role that may not, 400 names the field (`date_in_future`, `date_before_house`,
// `unknown_appraiser` …), 422 `appraiser_untrained`.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType, InferResponseType } from 'hono/client';
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
