import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { ApiError, api, setCsrfToken, unwrap } from './client.ts';
import { keys } from './keys.ts';

export type Me = Awaited<ReturnType<typeof fetchMe>>;

async function fetchMe() {
  try {
    const me = await unwrap(await api.api.auth.me.$get());
    setCsrfToken(me.csrfToken);
    return me;
  } catch (err) {
    if (err instanceof ApiError && err.status === 401) return null; // signed out is a state, not an error
    throw err;
  }
}

/** Who is signed in, or null. */
export function useMe() {
  return useQuery({ queryKey: keys.me, queryFn: fetchMe, staleTime: 5 * 60_000, retry: false });
}

export function useLogin() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async (body: { username: string; password: string }) => unwrap(await api.api.auth.login.$post({ json: body })),
    onSuccess: (res) => {
      setCsrfToken(res.csrfToken);
      qc.setQueryData(keys.me, { user: res.user, csrfToken: res.csrfToken });
      // After a session expired mid-work, what failed with 401 is asked for again.
      void qc.invalidateQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    },
  });
}

export function useLogout() {
  const qc = useQueryClient();
  return useMutation({
    mutationFn: async () => unwrap(await api.api.auth.logout.$post()),
    // "Nobody" at once, so the screens unmount before the session ends; their data goes after. Clearing
    // first would let still-mounted screens fetch once more without a session (401s).
    onMutate: () => {
      qc.setQueryData(keys.me, null);
    },
    onSettled: () => {
      setCsrfToken(null);
      void qc.cancelQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
      qc.removeQueries({ predicate: (q) => q.queryKey[0] !== keys.me[0] });
    },
  });
}
