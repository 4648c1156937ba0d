// Fonts are bundled: Noto Sans SC, regular and bold, as ~100 unicode-range slices each (a few dozen KB
// apiece): the browser fetches only the slices holding characters the page shows, from our own origin
// (the one simplified-Chinese file was 1.1 MB per weight). The map's labels: map/fonts.ts.
import '@fontsource/noto-sans-sc/400.css';
import '@fontsource/noto-sans-sc/700.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import './i18n/setup.ts';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, type QueryKey } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { isUnauthenticated } from './api/client.ts';
import { queries } from './api/queries.ts';
import { isPublicPath, printReportOf, screenOf, screensFor } from './navigation.ts';
import { prefetchScreen, preloadScreen } from './screens.ts';
import { forgetPersonalCachesOnUserChange } from './pwa/personal-caches.ts';
import { registerServiceWorker } from './pwa/register.ts';

// A 401 anywhere means the session ended: drop to the sign-in screen.
const onError = (err: unknown) => {
  if (isUnauthenticated(err)) queryClient.setQueryData(queries.session.me().queryKey, null);
};
const queryClient: QueryClient = new QueryClient({
  queryCache: new QueryCache({ onError }),
  mutationCache: new MutationCache({ onError }),
  defaultOptions: {
    queries: { refetchOnWindowFocus: false, retry: (n, err) => n < 2 && !isUnauthenticated(err) },
  },
});

// Offline support: the service worker, and no cached personal data past a sign-out or user change.
forgetPersonalCachesOnUserChange(queryClient);
registerServiceWorker({
  // The first visit's answers went past the worker: fetch again what /field needs offline, and what a
  // briefing open now shows (its figures, houses and warnings: the worker keeps a briefing's answers).
  onFirstControl: () => {
    const again: QueryKey[] = [queries.session.me().queryKey, queries.geography.basemap().queryKey, queries.tasks.all];
    if (screenOf(location.pathname) === 'briefing') again.push(queries.briefings.all, queries.households.all, queries.alerts.all);
    for (const queryKey of again) void queryClient.invalidateQueries({ queryKey });
  },
});

// The opening screen's chunk now, in parallel with the session check; its data and fonts as soon as the
// session is known, in parallel with the chunk (screens.ts). A role without that screen lands elsewhere.
const path = location.pathname;
if (!isPublicPath(path) && !printReportOf(path)) {
  const opening = screenOf(path);
  preloadScreen(opening);
  queryClient.fetchQuery(queries.session.me()).then(
    (me) => {
      if (me && !me.user.mustChangePassword && screensFor(me.user.role).includes(opening)) prefetchScreen(opening, queryClient);
    },
    () => undefined, // the app shows it (useMe)
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
