// The selected alert lives in the URL (?alert=<id>) beside the household map's own parameters, so a
// link opens the same warning; the rest of the query string is left as it is.
import { useCallback, useSyncExternalStore } from 'react';

const PARAM = 'alert';
// The household map's URL store listens to the same event (features/households/url-state.ts).
const URL_EVENT = 'anju:url';

function subscribe(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(URL_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(URL_EVENT, onChange);
  };
}

export function parseAlertParam(search: string): number | null {
  const n = Number(new URLSearchParams(search).get(PARAM));
  return Number.isInteger(n) && n > 0 ? n : null;
}

const snapshot = () => parseAlertParam(location.search);

/** The selected alert id and its setter (history.replaceState, like the household filters). */
export function useAlertParam(): [number | null, (id: number | null) => void] {
  const id = useSyncExternalStore(subscribe, snapshot);
  const set = useCallback((next: number | null) => {
    const p = new URLSearchParams(location.search);
    if (next === null) p.delete(PARAM);
    else p.set(PARAM, String(next));
    const qs = p.toString().replaceAll('%2C', ',');
    const url = `${location.pathname}${qs ? `?${qs}` : ''}${location.hash}`;
    if (url !== `${location.pathname}${location.search}${location.hash}`) {
      history.replaceState(history.state, '', url);
      window.dispatchEvent(new Event(URL_EVENT));
    }
  }, []);
  return [id, set];
}

/** A link to a household's drawer on the current page (?h=<id>), for "open in a new tab" too. */
export function householdHref(id: number): string {
  const p = new URLSearchParams(location.search);
  p.set('h', String(id));
  return `${location.pathname}?${p.toString().replaceAll('%2C', ',')}${location.hash}`;
}
