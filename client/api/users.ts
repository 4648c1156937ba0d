// Accounts (/api/users, county administrator only): the audit log's actors, and the accounts screen —
// create, change role/region/password, (de)activate, sign out everywhere, and a township's sign-in slips.
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { InferRequestType } from 'hono/client';
import { api, unwrap } from './client.ts';
import { queries } from './queries.ts';

/** Every account: names and roles. `enabled` false for a role that may not ask. */
export const useUsers = (enabled = true) => useQuery({ ...queries.users.list(), enabled });

export type UserAccount = NonNullable<ReturnType<typeof useUsers>['data']>[number];
export type NewUser = InferRequestType<typeof api.api.users.$post>['json'];
export type UserChange = InferRequestType<(typeof api.api.users)[':id']['$patch']>['json'];

function useAccountsChange<V, R>(fn: (v: V) => Promise<R>) {
  const qc = useQueryClient();
  return useMutation({ mutationFn: fn, onSuccess: () => qc.invalidateQueries({ queryKey: queries.users.all }) });
}

export const useCreateUser = () => useAccountsChange(async (body: NewUser) => unwrap(await api.api.users.$post({ json: body })));

export const useUpdateUser = () =>
  useAccountsChange(async ({ id, change }: { id: number; change: UserChange }) =>
    unwrap(await api.api.users[':id'].$patch({ param: { id: String(id) }, json: change })),
  );

export const useRevokeSessions = () =>
  useAccountsChange(async (id: number) => unwrap(await api.api.users[':id']['revoke-sessions'].$post({ param: { id: String(id) } })));

async function postBulkPasswords(body: InferRequestType<(typeof api.api.users)['bulk-passwords']['$post']>['json']) {
  return unwrap(await api.api.users['bulk-passwords'].$post({ json: body }));
}

/** The sheet of sign-in slips: the clear one-time passwords live only here, in memory, until the page goes. */
export type SlipSheet = Awaited<ReturnType<typeof postBulkPasswords>>;

/** POST /api/users/bulk-passwords: one-time passwords for a township's inspectors, answered once. */
export const useBulkPasswords = () => useAccountsChange(postBulkPasswords);
