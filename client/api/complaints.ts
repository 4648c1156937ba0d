// Complaints (举报投诉): the public form and receipt lookup (signed out), and the staff's list, detail
// and the moves assign → investigate → answer → close.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import type { ComplaintAction, ComplaintStatus } from '../../server/domain/complaint-states.ts';
import { api, unwrap } from './client.ts';
import { queries } from './queries.ts';

/** The staff list's filters, as kept in the URL. */
export interface ComplaintFilters {
  /** One status, or none for all. */
  status?: ComplaintStatus;
  overdue?: boolean;
  /** Only those assigned to me. */
  mine?: boolean;
  page?: number;
}

export type PublicComplaint = InferRequestType<typeof api.api.public.complaints.$post>['json'];

/** POST /api/public/complaints: answers the receipt number and the day the answer is due. */
export function useSubmitComplaint() {
  return useMutation({
    mutationFn: async (json: PublicComplaint) => unwrap(await api.api.public.complaints.$post({ json })),
  });
}

/** The townships and villages to choose from on the public form. */
export const usePublicPlaces = () => useQuery(queries.complaints.places());

/** What the public may read by receipt number; null waits for one. */
export const useReceipt = (receiptNo: string | null) => useQuery(queries.complaints.receipt(receiptNo));

export const useComplaints = (f: ComplaintFilters) => useQuery(queries.complaints.list(f));
export type ComplaintPage = NonNullable<ReturnType<typeof useComplaints>['data']>;
export type ComplaintListRow = ComplaintPage['rows'][number];

export const useComplaint = (id: number | null) => useQuery(queries.complaints.detail(id));
export type ComplaintView = NonNullable<ReturnType<typeof useComplaint>['data']>;

export const useComplaintAssignees = (id: number | null) => useQuery(queries.complaints.assignees(id));

export type ComplaintMove =
  | { action: 'assign'; assigneeId: number; note?: string }
  | { action: 'investigate'; note: string }
  | { action: 'answer'; answer: string }
  | { action: 'close'; note?: string };

/** One move of a complaint; the answer is the fresh detail, and the list is read again. */
export function useMoveComplaint(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (m: ComplaintMove) => {
      const param = { id: String(id) };
      const c = api.api.complaints[':id'];
      if (m.action === 'assign') return unwrap(await c.assign.$post({ param, json: { assigneeId: m.assigneeId, ...(m.note ? { note: m.note } : {}) } }));
      if (m.action === 'investigate') return unwrap(await c.investigate.$post({ param, json: { note: m.note } }));
      if (m.action === 'answer') return unwrap(await c.answer.$post({ param, json: { answer: m.answer } }));
      return unwrap(await c.close.$post({ param, json: m.note ? { note: m.note } : {} }));
    },
    onSuccess: (view) => {
      qc.setQueryData(queries.complaints.detail(id).queryKey, view);
      void qc.invalidateQueries({ queryKey: [...queries.complaints.all, 'list'] });
    },
  });
}

/** Puts the house a danger complaint names into the ledger as suspected; the house's views are read again. */
export function useSuspectHouseFromComplaint(id: number) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.api.complaints[':id']['suspect-house'].$post({ param: { id: String(id) } })),
    onSuccess: (view) => {
      qc.setQueryData(queries.complaints.detail(id).queryKey, view);
      void qc.invalidateQueries({ queryKey: ['houses'] });
      void qc.invalidateQueries({ queryKey: ['households'] });
    },
  });
}

/** The complainant's clear name and phone (county roles, a reason; audited). Kept only in the component. */
export function useUnmaskComplaint(id: number) {
  return useMutation({
    mutationFn: async (reason: string) => unwrap(await api.api.complaints[':id'].unmask.$post({ param: { id: String(id) }, json: { reason } })),
  });
}

export type { ComplaintAction, ComplaintStatus };
