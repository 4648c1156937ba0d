// Accounts (GET /api/users, county administrator only): who the audit log's actors are.
import { useQuery } from '@tanstack/react-query';
import { queries } from './queries.ts';

/** Every account: names and roles. `enabled` false for a role that may not ask. */
export const useUsers = (enabled = true) => useQuery({ ...queries.users.list(), enabled });

export type UserAccount = NonNullable<ReturnType<typeof useUsers>['data']>[number];
