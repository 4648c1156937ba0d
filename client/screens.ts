// Each screen is a chunk of its own, fetched when it is first opened: the sign-in page carries no map,
// the map no charts, the ledger neither. MapLibre, ECharts and the rest land in shared chunks that only
// the screens using them import. main.tsx starts the opening screen's chunk during the session check,
// and, once the session is known, the screen's first requests — so neither waits for the other.
import type { QueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useState, type ComponentType } from 'react';
import type { Me } from './api/auth.ts';
import { prefetchHouseholdMap } from './features/households/prefetch.ts';
import { loadMapFonts } from './map/fonts.ts';
import type { Screen } from './navigation.ts';

export interface ScreenProps {
  me: NonNullable<Me>;
  onSignOut(): void;
}

type Loader = () => Promise<{ default: ComponentType<ScreenProps> }>;

const LOADERS: Record<Screen, Loader> = {
  households: () => import('./features/households/HouseholdMapScreen.tsx').then((m) => ({ default: m.HouseholdMapScreen })),
  dashboard: () => import('./features/dashboard/DashboardScreen.tsx'),
  briefing: () => import('./features/briefing/BriefingScreen.tsx'),
  ledger: () => import('./features/ledger/LedgerScreen.tsx').then((m) => ({ default: m.LedgerScreen })),
  field: () => import('./features/field/FieldScreen.tsx').then((m) => ({ default: m.FieldScreen })),
  dispatch: () => import('./features/dispatch/DispatchBoard.tsx').then((m) => ({ default: m.DispatchBoard })),
  complaints: () => import('./features/complaints/ComplaintsScreen.tsx').then((m) => ({ default: m.ComplaintsScreen })),
  imports: () => import('./features/imports/ImportScreen.tsx').then((m) => ({ default: m.ImportScreen })),
  audit: () => import('./features/audit/AuditScreen.tsx').then((m) => ({ default: m.AuditScreen })),
  admin: () => import('./features/admin/AdminScreen.tsx').then((m) => ({ default: m.AdminScreen })),
  account: () => import('./features/account/AccountScreen.tsx').then((m) => ({ default: m.AccountScreen })),
};

/** Screens whose module has arrived, as plain components. */
const arrived: Partial<Record<Screen, ComponentType<ScreenProps>>> = {};

/** Each screen's module, fetched once whoever asks first, and remembered once it is in. */
const load = (screen: Screen): ReturnType<Loader> =>
  LOADERS[screen]().then((m) => {
    arrived[screen] = m.default;
    return m;
  });

/**
 * A screen's component once its module has arrived (preloaded during the session check), else null
 * and a re-render when it arrives; a module that fails to load is thrown, as a lazy one would be.
 * Not React.lazy: a lazy screen suspends, and React holds back what a Suspense boundary reveals after
 * its fallback for 300 ms (its fallback throttle) — the map would start that much later.
 */
export function useScreen(screen: Screen): ComponentType<ScreenProps> | null {
  const [, arrive] = useReducer((n: number) => n + 1, 0);
  const [failure, setFailure] = useState<{ error: unknown } | null>(null);
  const component = arrived[screen] ?? null;
  useEffect(() => {
    if (component) return;
    let current = true;
    load(screen).then(
      () => current && arrive(),
      (error: unknown) => current && setFailure({ error }),
    );
    return () => {
      current = false;
    };
  }, [screen, component]);
  if (failure) throw failure.error;
  return component;
}

/** Screens that draw a MapLibre map, whose labels need the map fonts (map/fonts.ts) before it starts. */
const MAP_SCREENS: readonly Screen[] = ['households', 'field', 'dispatch', 'briefing'];

/**
 * MapLibre's worker, started (maplibre-gl's prewarm) while the screen's code and data are still on
 * their way: otherwise the map fetches and compiles it only once it is created, and its first load
 * waits for it. county-map.ts first, which points MapLibre at our own bundled worker script.
 */
async function prewarmMap(): Promise<void> {
  await import('./map/county-map.ts');
  (await import('maplibre-gl')).prewarm();
}

/** Starts fetching a screen's chunk (and the shared chunks it imports) without rendering it. */
export function preloadScreen(screen: Screen): void {
  void load(screen).catch(() => undefined); // a failure shows when the screen renders
  if (MAP_SCREENS.includes(screen)) void prewarmMap().catch(() => undefined);
}

/** What a screen asks for on opening, when it is worth asking before its code has arrived. */
const PREFETCH: Partial<Record<Screen, (queryClient: QueryClient) => void>> = {
  households: prefetchHouseholdMap,
};

/**
 * Asks for the opening screen's data, then (for a map) the font slices of its labels: once the session
 * is known — before it, they would only answer 401 — and while the screen's chunk still loads.
 */
export function prefetchScreen(screen: Screen, queryClient: QueryClient): void {
  PREFETCH[screen]?.(queryClient);
  if (MAP_SCREENS.includes(screen)) void loadMapFonts();
}
