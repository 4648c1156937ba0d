// Imports (数据导入, issue 13): one batch per uploaded file — households, name list, cross-check or
// boundaries. Upload → the server checks it (a dry run) while the client polls → the user fixes the
// mapping and re-checks → commit (or, for a cross-check, only read the list). Kept out of queries.ts:
// the batch's polling and its mutations belong together.
import { queryOptions, skipToken, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { CrsName } from '../../server/domain/crs.ts';
import type { HeaderMappingOverride } from '../../server/imports/fields.ts';
import type { CheckReport, ImportKindName, Problem } from '../../server/imports/kind.ts';
import type { ValueOverrides } from '../../server/imports/vocabulary.ts';
import { api, unwrap } from './client.ts';

export type { CheckReport, CrsName, HeaderMappingOverride, ImportKindName, Problem, ValueOverrides };

/** What the user chooses as the file's encoding (the server detects it on 'auto'). */
export type ImportEncoding = 'auto' | 'utf-8' | 'gb18030' | 'utf-16le';

export type BatchStatus = 'checking' | 'ready' | 'invalid' | 'committing' | 'committed' | 'failed';

export interface ImportBatch {
  id: number;
  kind: ImportKindName;
  fileName: string;
  fileSize: number;
  status: BatchStatus;
  progress: { phase: 'reading' | 'checking' | 'writing'; done: number; total: number } | null;
  options: { encoding: string; crs: CrsName; mapping: HeaderMappingOverride; values: ValueOverrides };
  report: CheckReport | null;
  result: Record<string, number> | null;
  error: { code: string; message: string } | null;
  createdBy: { id: number; name: string };
  createdAt: string;
  checkedAt: string | null;
  committedAt: string | null;
}

export type ImportBatchSummary = Omit<ImportBatch, 'report' | 'options'> & Partial<Pick<ImportBatch, 'report' | 'options'>>;

/** The server is still at work on the batch: keep asking. */
export const isBusy = (status: BatchStatus): boolean => status === 'checking' || status === 'committing';

const POLL_MS = 700;

// The import routes read multipart themselves and are chained after the typed ones; the client names
// them through hc's proxy (the same requests the typed client makes).
interface Endpoint {
  $get(args?: unknown, opts?: { init?: RequestInit }): Promise<Response>;
  $post(args?: unknown, opts?: { init?: RequestInit }): Promise<Response>;
  $patch(args?: unknown, opts?: { init?: RequestInit }): Promise<Response>;
}
type ImportsApi = Endpoint & { ':id': Endpoint & { commit: Endpoint } };
const routes = (api.api as unknown as { imports: ImportsApi }).imports;
const idParam = (id: number) => ({ param: { id: String(id) } });
const json = <T>(res: Response) => unwrap<T>(res as never);

const imports = {
  all: ['imports'] as const,
  /** Recent batches of the caller (or of their region), newest first. */
  list: () =>
    queryOptions({
      queryKey: ['imports', 'list'] as const,
      queryFn: async ({ signal }) => json<{ batches: ImportBatchSummary[] }>(await routes.$get(undefined, { init: { signal } })),
      staleTime: 10_000,
    }),
  /** One batch; asked again every POLL_MS while the server checks or commits it. */
  batch: (id: number | null) =>
    queryOptions({
      queryKey: ['imports', 'batch', id] as const,
      queryFn: id === null ? skipToken : async ({ signal }) => json<ImportBatch>(await routes[':id'].$get(idParam(id), { init: { signal } })),
      refetchInterval: (q) => (q.state.data && isBusy(q.state.data.status) ? POLL_MS : false),
    }),
};

export const importQueries = imports;

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
    return json<ImportBatch>(await routes.$post(undefined, { init: { body: form } }));
  });

/** PATCH /api/imports/:id: new choices, and the server checks the same file again. */
export const useRecheckImport = (id: number) =>
  useBatchMutation(async (choices: ImportChoices) =>
    json<ImportBatch>(await routes[':id'].$patch({ ...idParam(id), json: choices }, {})),
  );

/** POST /api/imports/:id/commit: writes what the dry run showed (re-checked first by the server). */
export function useCommitImport(id: number) {
  const qc = useQueryClient();
  return useBatchMutation(async (v: { confirmNewRegions: boolean }) => {
    const batch = await json<ImportBatch>(await routes[':id'].commit.$post({ ...idParam(id), json: v }, {}));
    // What the commit wrote shows everywhere: the map, the ledger, the dashboard.
    void qc.invalidateQueries({ queryKey: ['households'] });
    void qc.invalidateQueries({ queryKey: ['houses'] });
    return batch;
  });
}

/** The CSV downloads of a batch: every problem, a cross-check's mismatches, a name list's difference. */
export const batchCsvHref = (id: number, which: 'problems' | 'mismatches' | 'diff'): string => `/api/imports/${id}/${which}.csv`;
