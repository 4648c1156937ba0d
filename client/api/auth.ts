import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, setCsrfToken, unwrap } from './client.ts';
import { queries } from './queries.ts';

/** Who is signed in, or null. */
export const useMe = () => useQuery(queries.session.me());

export type Me = NonNullable<ReturnType<typeof useMe>['data']> | null;
const ME = queries.session.me().queryKey;

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string }) => unwrap(await api.api.auth.login.$post({ json: body })),
    onSuccess: (res) => {
      setCsrfToken(res.csrfToken);
      const me: Me = { user: res.user, csrfToken: res.csrfToken };
      qc.setQueryData(ME, me);
      // After a session expired mid-work, what failed with 401 is asked for again.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== ME[0] });
    },
  });
}

/**
 * POST /api/auth/password: the holder changes their own password (at once, when it was one-time). Who
 * is signed in is read again, so the must-change mark goes and the app opens.
 */
export function useChangePassword() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { current: string; next: string }) => unwrap(await api.api.auth.password.$post({ json: body })),
    onSuccess: () => qc.invalidateQueries({ queryKey: ME }),
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.api.auth.logout.$post()),
    // "Nobody" at once, so the screens unmount before the session ends; their data goes after. Clearing
    // first would let still-mounted screens fetch once more without a session (401s).
    onMutate: () => {
      qc.setQueryData(ME, null);
    },
    onSettled: () => {
      setCsrfToken(null);
      void qc.cancelQueries({ predicate: (q) => q.queryKey[0] !== ME[0] });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== ME[0] });
    },
  });
}
