// Imports (数据导入, issue 13): one batch per uploaded file — households, name list, cross-check or
// boundaries. Upload → the server checks it (a dry run) while the client polls → the user fixes the
// mapping and re-checks → commit (or, for a cross-check, only read the list). Kept out of queries.ts:
// the batch's polling and its mutations belong together.
import { queryOptions, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferResponseType } from 'hono/client';
import { useEffect, useRef } from 'react';
import type { CrsName } from '../../server/domain/crs.ts';
import type { HeaderMappingOverride } from '../../server/imports/fields.ts';
import type { CheckReport, ImportKindName, Problem } from '../../server/imports/kind.ts';
import type { ValueOverrides } from '../../server/imports/vocabulary.ts';
import { api, unwrap } from './client.ts';

export type { CheckReport, CrsName, HeaderMappingOverride, ImportKindName, Problem, ValueOverrides };

/** What the user chooses as the file's encoding (the server detects it on 'auto'). */
export type ImportEncoding = 'auto' | 'utf-8' | 'gb18030' | 'utf-16le';

const batchRoute = api.api.imports[':id'];
const idParam = (id: number) => ({ param: { id: String(id) } });

/** One batch as GET /api/imports/:id answers it (the contract's ImportBatch). */
export type ImportBatch = InferResponseType<typeof batchRoute.$get, 200>;
/** A batch in the history: its report cut to the figures. */
export type ImportBatchSummary = InferResponseType<typeof api.api.imports.$get, 200>['batches'][number];
export type BatchStatus = ImportBatch['status'];

/** The server is still at work on the batch: keep asking. */
export const isBusy = (status: BatchStatus): boolean => status === 'checking' || status === 'committing';

const POLL_MS = 700;

const imports = {
  all: ['imports'] as const,
  /** Recent batches of the caller (or of their region), newest first. */
  list: () =>
    queryOptions({
      queryKey: ['imports', 'list'] as const,
      queryFn: async ({ signal }) => unwrap(await api.api.imports.$get(undefined, { init: { signal } })),
      staleTime: 10_000,
    }),
  /** One batch; asked again every POLL_MS while the server checks or commits it. */
  batch: (id: number | null) =>
    queryOptions({
      queryKey: ['imports', 'batch', id] as const,
      queryFn: id === null ? skipToken : async ({ signal }) => unwrap(await batchRoute.$get(idParam(id), { init: { signal } })),
      refetchInterval: (q) => (q.state.data && isBusy(q.state.data.status) ? POLL_MS : false),
    }),
};

export const useImportBatches = () => useQuery(imports.list());
export const useImportBatch = (id: number | null) => useQuery(imports.batch(id));

/** The choices that go up with the file, and again with a re-check. */
export interface ImportChoices {
  encoding?: ImportEncoding;
  crs?: CrsName;
  mapping?: HeaderMappingOverride;
  values?: ValueOverrides;
}

/** A fresh batch (or a changed one) is the batch query's answer at once, and the history is read again. */
function useBatchMutation<V>(fn: (v: V) => Promise<ImportBatch>) {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (batch) => {
      qc.setQueryData(imports.batch(batch.id).queryKey, batch);
      void qc.invalidateQueries({ queryKey: imports.list().queryKey });
    },
  });
}

/** POST /api/imports (multipart): the file, its kind and the choices; answers 202 with the batch 'checking'. */
export const useUploadImport = () =>
  useBatchMutation(async (v: { file: File; kind: ImportKindName } & ImportChoices) => {
    const form = new FormData();
    form.append('file', v.file, v.file.name);
    form.append('kind', v.kind);
    if (v.encoding) form.append('encoding', v.encoding);
    if (v.crs) form.append('crs', v.crs);
    if (v.mapping || v.values) form.append('options', JSON.stringify({ mapping: v.mapping ?? {}, values: v.values ?? {} }));
    // The route reads multipart itself, so the typed client has no `form` for it: the body goes as init.
    return unwrap(await api.api.imports.$post(undefined, { init: { body: form } }));
  });

/** PATCH /api/imports/:id: new choices, and the server checks the same file again. */
export const useRecheckImport = (id: number) =>
  useBatchMutation(async (choices: ImportChoices) => unwrap(await batchRoute.$patch({ ...idParam(id), json: choices })));

/** POST /api/imports/:id/commit: writes what the dry run showed (re-checked first by the server); 202, then poll. */
export const useCommitImport = (id: number) =>
  useBatchMutation(async (v: { confirmNewRegions: boolean }) => unwrap(await batchRoute.commit.$post({ ...idParam(id), json: v })));

/**
 * When the server finishes with a batch the page watched: the history shows its new status; and once
 * a commit is written, what it wrote — households, houses, appraisals, the ledger, villages,
 * boundaries — shows everywhere, so every cached query is read again.
 */
export function useBatchSettled(status: BatchStatus | undefined): void {
  const qc = useQueryClient();
  const last = useRef(status);
  useEffect(() => {
    const was = last.current;
    last.current = status;
    if (!was || !status || !isBusy(was) || isBusy(status)) return;
    void qc.invalidateQueries(status === 'committed' ? undefined : { queryKey: imports.list().queryKey });
  }, [status, qc]);
}

/** The CSV downloads of a batch: every problem, a cross-check's mismatches, a name list's difference. */
export const batchCsvHref = (id: number, which: 'problems' | 'mismatches' | 'diff'): string => `/api/imports/${id}/${which}.csv`;
