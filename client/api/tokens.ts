// Personal API tokens (/api/auth/tokens): the signed-in user's own, for reading the OGC API (/ogc) from a
// desktop GIS. A new token's secret is in the create answer only; the list never holds it.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from './client.ts';
import { queries } from './queries.ts';

export const useApiTokens = () => useQuery(queries.tokens.list());

export type ApiToken = NonNullable<ReturnType<typeof useApiTokens>['data']>[number];
export type NewApiToken = InferRequestType<typeof api.api.auth.tokens.$post>['json'];

/** POST /api/auth/tokens: the answer carries the token, shown once; the list is read again. */
export function useCreateApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: NewApiToken) => unwrap(await api.api.auth.tokens.$post({ json: body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queries.tokens.all }),
  });
}

/** DELETE /api/auth/tokens/:id: the token stops opening /ogc at once. */
export function useRevokeApiToken() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (id: number) => unwrap(await api.api.auth.tokens[':id'].$delete({ param: { id: String(id) } })),
    onSuccess: () => qc.invalidateQueries({ queryKey: queries.tokens.all }),
  });
}
