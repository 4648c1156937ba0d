// The selected alert lives in the URL (?alert=<id>) beside the household map's own parameters, so a
// link opens the same warning; the rest of the query string is left as it is.
import { useCallback, useSyncExternalStore } from 'react';
import { replaceUrl, subscribeToUrl } from '../../navigation.ts';

const PARAM = 'alert';

export function parseAlertParam(search: string): number | null {
  const n = Number(new URLSearchParams(search).get(PARAM));
  return Number.isInteger(n) && n > 0 ? n : null;
}

const snapshot = () => parseAlertParam(location.search);

/** The selected alert id and its setter (history.replaceState, like the household filters). */
export function useAlertParam(): [number | null, (id: number | null) => void] {
  const id = useSyncExternalStore(subscribeToUrl, snapshot);
  const set = useCallback((next: number | null) => {
    const p = new URLSearchParams(location.search);
    if (next === null) p.delete(PARAM);
    else p.set(PARAM, String(next));
    const qs = p.toString().replaceAll('%2C', ',');
    replaceUrl(`${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`);
  }, []);
  return [id, set];
}

/** A link to a household's drawer on the current page (?h=<id>), for "open in a new tab" too. */
export function householdHref(id: number): string {
  const p = new URLSearchParams(location.search);
  p.set('h', String(id));
  return `${location.pathname}?${p.toString().replaceAll('%2C', ',')}${location.hash}`;
}
