// The few screens are told apart by the path (/, /dashboard, /ledger, /field …): a tiny switch, no router library.
// The server serves the SPA shell for every non-/api path, so a reload or a shared link lands right.
import { useSyncExternalStore } from 'react';

// Fired after the app rewrites the URL itself (pushState/replaceState fire no event of their own).
const URL_EVENT = 'anju:url';

export type Screen = 'households' | 'dashboard' | 'briefing' | 'ledger' | 'field' | 'dispatch' | 'complaints' | 'imports' | 'audit' | 'admin' | 'account';

export function screenOf(pathname: string): Screen {
  if (/^\/dashboard\/?$/.test(pathname)) return 'dashboard';
  if (/^\/briefing\/?$/.test(pathname)) return 'briefing';
  if (/^\/ledger\/?$/.test(pathname)) return 'ledger';
  if (/^\/field\/?$/.test(pathname)) return 'field';
  if (/^\/dispatch\/?$/.test(pathname)) return 'dispatch';
  if (/^\/complaints\/?$/.test(pathname)) return 'complaints';
  if (/^\/import\/?$/.test(pathname)) return 'imports';
  if (/^\/audit\/?$/.test(pathname)) return 'audit';
  if (/^\/admin(\/[a-z]+)?\/?$/.test(pathname)) return 'admin';
  if (/^\/account\/?$/.test(pathname)) return 'account';
  return 'households';
}

export const SCREEN_PATHS: Record<Screen, string> = {
  households: '/',
  dashboard: '/dashboard',
  briefing: '/briefing',
  ledger: '/ledger',
  field: '/field',
  dispatch: '/dispatch',
  complaints: '/complaints',
  imports: '/import',
  audit: '/audit',
  admin: '/admin',
  account: '/account',
};

/**
 * Pages for the public, signed out: the complaint form and the receipt lookup (/report). They never ask
 * who is signed in and never show the sign-in screen.
 */
export function isPublicPath(pathname: string): boolean {
  return /^\/report\/?$/.test(pathname);
}

/** The printable reports (issue 12): A4 pages with no app chrome, which the server renders as PDF. */
export const PRINT_REPORTS = ['briefing', 'monthly', 'quarterly-warnings'] as const;
export type PrintReport = (typeof PRINT_REPORTS)[number];

/** The report a /print/… path shows, or null for any other path. */
export function printReportOf(pathname: string): PrintReport | null {
  const m = /^\/print\/([a-z-]+)\/?$/.exec(pathname);
  return m && (PRINT_REPORTS as readonly string[]).includes(m[1]!) ? (m[1] as PrintReport) : null;
}

/** Where a role lands after signing in (issue 10): the village inspector on their patrols, everyone else on the map. */
export function landingScreen(role: string): Screen {
  return role === 'inspector' ? 'field' : 'households';
}

/**
 * After a sign-in at the app's front door — or on a screen this role does not have (the last user's
 * /admin) — go to the role's landing screen; a deep link the role may open (/dispatch?alert=3) stays.
 */
export function landAfterSignIn(role: string): void {
  const atDoor = location.pathname === '/' && !location.search;
  if (atDoor || !screensFor(role).includes(screenOf(location.pathname))) navigate(SCREEN_PATHS[landingScreen(role)], { replace: true });
}

/** Calls `onChange` whenever the URL changes: back/forward, or the app rewriting it. For useSyncExternalStore. */
export function subscribeToUrl(onChange: () => void): () => void {
  window.addEventListener('popstate', onChange);
  window.addEventListener(URL_EVENT, onChange);
  return () => {
    window.removeEventListener('popstate', onChange);
    window.removeEventListener(URL_EVENT, onChange);
  };
}

/** Rewrites the current history entry (state kept in the URL: filters, the open house, the warning). */
export function replaceUrl(url: string): void {
  if (url === location.pathname + location.search + location.hash) return;
  history.replaceState(history.state, '', url);
  window.dispatchEvent(new Event(URL_EVENT));
}

/** The current path and query (`/field?task=3`); re-renders on navigation. */
export function useLocation(): string {
  return useSyncExternalStore(subscribeToUrl, () => location.pathname + location.search);
}

/** Goes to another path of the app (pushes history); `replace` rewrites the current entry instead. */
export function navigate(to: string, opts: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search + location.hash) return;
  if (opts.replace) history.replaceState(history.state, '', to);
  else history.pushState(null, '', to);
  window.dispatchEvent(new Event(URL_EVENT));
}

/** One query parameter as a positive integer id, or null. */
export function idParam(search: string, name: string): number | null {
  const v = Number(new URLSearchParams(search).get(name));
  return Number.isInteger(v) && v > 0 ? v : null;
}

/** The current path with some query parameters set (null removes one). */
export function withParams(params: Record<string, string | number | null>): string {
  const p = new URLSearchParams(location.search);
  for (const [k, v] of Object.entries(params)) {
    if (v === null) p.delete(k);
    else p.set(k, String(v));
  }
  const qs = p.toString();
  return `${location.pathname}${qs ? `?${qs}` : ''}`;
}

/**
 * The screens a role has: the map for all; the dashboard (数据看板) with its briefing mode (issue 12)
 * and the rectification ledger (整改台账) for everyone who follows cases — all but the village
 * inspector, who works patrols; the dispatch board for those who oversee patrols; the field view for
 * those who walk them; complaints for everyone but the village inspector (editors work them, leaders
 * and viewers read); data import (数据导入, issue 13) for those who keep the records — county staff and
 * township staff, for their township; the audit log and the administration (accounts, training
 * ledger, dispatch rules) for the county administrator only (server/auth/rules.ts); everyone's own
 * account (我的账户: API tokens for the OGC API), reached from the name in the header.
 */
export function screensFor(role: string): Screen[] {
  return [...roleScreens(role), 'account'];
}

function roleScreens(role: string): Screen[] {
  if (role === 'county_admin') return ['households', 'dashboard', 'briefing', 'ledger', 'dispatch', 'field', 'complaints', 'imports', 'audit', 'admin'];
  if (role === 'inspector') return ['field', 'households'];
  if (role === 'viewer') return ['households', 'dashboard', 'briefing', 'ledger', 'dispatch', 'complaints'];
  if (role === 'township_leader') return ['households', 'dashboard', 'briefing', 'ledger', 'dispatch', 'complaints'];
  if (role === 'county_staff' || role === 'township_staff') return ['households', 'dashboard', 'briefing', 'ledger', 'dispatch', 'field', 'complaints', 'imports'];
  return ['households', 'dashboard', 'briefing', 'ledger', 'dispatch', 'field', 'complaints'];
}

/**
 * The screens the header links to: the briefing is reached from the dashboard and fills the screen (no
 * header); one's account from the name in the header.
 */
export const navScreens = (role: string): Screen[] => screensFor(role).filter((s) => s !== 'briefing' && s !== 'account');

/** Props for an <a> that moves inside the app without a reload (a modified click still opens a tab). */
export function appLink(href: string): { href: string; onClick(e: { metaKey: boolean; ctrlKey: boolean; shiftKey: boolean; button: number; preventDefault(): void }): void } {
  return {
    href,
    onClick(e) {
      if (e.metaKey || e.ctrlKey || e.shiftKey || e.button !== 0) return;
      e.preventDefault();
      navigate(href);
    },
  };
}
