// Fonts are bundled: Noto Sans SC, the simplified-Chinese and Latin subsets, regular and bold — the
// page and the map labels both use them, and nothing is fetched from outside.
import '@fontsource/noto-sans-sc/chinese-simplified-400.css';
import '@fontsource/noto-sans-sc/chinese-simplified-700.css';
import '@fontsource/noto-sans-sc/latin-400.css';
import '@fontsource/noto-sans-sc/latin-700.css';
import 'maplibre-gl/dist/maplibre-gl.css';
import './styles.css';
import './i18n/setup.ts';
import { MutationCache, QueryCache, QueryClient, QueryClientProvider, type QueryKey } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App.tsx';
import { isUnauthenticated } from './api/client.ts';
import { queries } from './api/queries.ts';
import { loadMapFonts } from './map/fonts.ts';
import { screenOf } from './navigation.ts';
import { forgetPersonalCachesOnUserChange } from './pwa/personal-caches.ts';
import { registerServiceWorker } from './pwa/register.ts';

// Start fetching the CJK font files now, in parallel with the session check; MapView awaits them.
void loadMapFonts();

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

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <App />
    </QueryClientProvider>
  </StrictMode>,
);
