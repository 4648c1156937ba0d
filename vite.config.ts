import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { preloadLanding } from './client/build/preload-landing.ts';
import { BASEMAP_CACHE, FONTS_CACHE, PERSONAL_CACHES } from './client/pwa/cache-names.ts';
import { shellFontGlobs } from './client/pwa/font-slices.ts';

const root = fileURLToPath(new URL('./client', import.meta.url));
const [ME_CACHE, TASKS_CACHE, BRIEFING_CACHE] = PERSONAL_CACHES;
const MAP_LIBS = /node_modules[\\/](maplibre-gl|terra-draw|terra-draw-maplibre-gl-adapter|@turf|rbush|quickselect)[\\/]/;
const catalogue = (lang: string) => fileURLToPath(new URL(`./client/i18n/${lang}.json`, import.meta.url));

// The SPA lives in client/ and is served by the API server from client/dist (one origin, no CDN).
export default defineConfig({
  root,
  plugins: [
    react(),
    preloadLanding(['client/features/households/HouseholdMapScreen.tsx']),
    // The field app opens with no signal (issue 10): a service worker keeps the app shell, the bundle,
    // the fonts, the county basemap and the inspector's own tasks. Registered by client/pwa/register.ts.
    VitePWA({
      strategies: 'generateSW',
      injectRegister: false,
      // A new worker takes over at once (skipWaiting + clientsClaim) but never reloads the page: a
      // half-filled stop result must survive an update.
      registerType: 'autoUpdate',
      // The icons are precached by the glob below, once.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: '安居 · 农村住房安全动态监测',
        short_name: '安居',
        description: '村巡查员的巡查任务、路线和现场结果，无信号也能打开。',
        lang: 'zh-CN',
        start_url: '/field',
        scope: '/',
        display: 'standalone',
        orientation: 'any',
        theme_color: '#9b3d12',
        background_color: '#f3f4f6',
        icons: [
          { src: '/icons/icon-192.png', sizes: '192x192', type: 'image/png' },
          { src: '/icons/icon-512.png', sizes: '512x512', type: 'image/png' },
          { src: '/icons/maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
          { src: '/icons/icon.svg', sizes: 'any', type: 'image/svg+xml' },
        ],
      },
      workbox: {
        // The app shell, every hashed chunk (each screen is one: client/screens.ts) and MapLibre's worker,
        // the icons — and of the font's ~100 unicode-range slices per weight every regular one (notes typed
        // and names read offline: 2.4 MB) and the bold ones the UI's own words need (client/pwa/font-slices.ts).
        // Other bold slices are cached as the page uses them (the fonts cache below); the .woff twins are
        // only for browsers without woff2 and are left to the network.
        globPatterns: ['**/*.{html,js,mjs,css,png,svg}', ...shellFontGlobs([catalogue('zh-CN'), catalogue('en')])],
        // MapLibre's chunk is ~1.2 MB (Workbox's default cap is 2 MiB).
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // /field, /dispatch, /?grade=C… all get the shell, as the server does; /api never does.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        // Only GETs are routed (Workbox's default method): results, photos and status changes go to
        // the network, and the field outbox (client/field/offline-queue.ts) queues them without signal.
        runtimeCaching: [
          {
            // Font slices beyond the precached ones, as the page fetches them: hashed names never
            // change content, so the cached copy is always right.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/assets/') && url.pathname.endsWith('.woff2'),
            handler: 'CacheFirst',
            options: { cacheName: FONTS_CACHE, cacheableResponse: { statuses: [200] }, expiration: { maxEntries: 250 } },
          },
          {
            // Who is signed in: offline, the last answer lets /field open instead of the sign-in form.
            // The page asks /api/auth/session (204, never cached, when nobody is signed in); /me as before.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && (url.pathname === '/api/auth/session' || url.pathname === '/api/auth/me'),
            handler: 'NetworkFirst',
            options: { cacheName: ME_CACHE, networkTimeoutSeconds: 4, cacheableResponse: { statuses: [200] } },
          },
          {
            // The inspector's task list, each task with its stops, and the GPX: fresh when there is
            // signal, the last copy when there is none (or it is too weak to answer within 4 s).
            urlPattern: ({ url, sameOrigin }) => sameOrigin && /^\/api\/tasks(\/|$)/.test(url.pathname),
            handler: 'NetworkFirst',
            options: {
              cacheName: TASKS_CACHE,
              networkTimeoutSeconds: 4,
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 200, maxAgeSeconds: 14 * 24 * 3600 },
            },
          },
          {
            // The county's boundaries, rivers and roads: a boundaries import changes them, so the
            // network first (the server answers 304 when nothing changed), the last copy offline.
            urlPattern: ({ url, sameOrigin }) => sameOrigin && url.pathname.startsWith('/api/basemap/'),
            handler: 'NetworkFirst',
            options: { cacheName: BASEMAP_CACHE, networkTimeoutSeconds: 4, cacheableResponse: { statuses: [200] } },
          },
          {
            // What a briefing page (/briefing) asked the API for — the region's figures, its fragile
            // houses, the warnings: fresh with signal, the last copy in a meeting room without, so a
            // briefing opened once opens again offline. Told apart by the page that asked (the
            // referrer: Referrer-Policy same-origin keeps it whole for our own requests). Self-contained:
            // vite-plugin-pwa copies this function's text into sw.js.
            urlPattern: ({ url, sameOrigin, request }) => {
              if (!sameOrigin || !url.pathname.startsWith('/api/')) return false;
              try {
                return new URL(request.referrer).pathname === '/briefing';
              } catch {
                return false;
              }
            },
            handler: 'NetworkFirst',
            options: {
              cacheName: BRIEFING_CACHE,
              networkTimeoutSeconds: 4,
              cacheableResponse: { statuses: [200] },
              expiration: { maxEntries: 40, maxAgeSeconds: 14 * 24 * 3600 },
            },
          },
        ],
      },
    }),
  ],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The font slices must stay files (never inlined as data: URLs): the browser fetches only those it needs.
    assetsInlineLimit: 0,
    // One chunk per screen (client/screens.ts), so a screen carries only what it uses: MapLibre (~0.3 MB
    // gzipped) only the map screens, ECharts only the dashboard, the briefing and the print pages. The
    // landing map's chunks are preloaded by index.html (client/build/preload-landing.ts) and its data
    // asked for as soon as the session is known (main.tsx); the server sends chunks gzipped with a
    // year-long immutable cache.
    chunkSizeWarningLimit: 2048,
    rolldownOptions: {
      output: {
        // The map's libraries (MapLibre, terra-draw, turf) one chunk and ECharts another, named, so the
        // screens' own chunks stay small and a bundle report reads at a glance.
        codeSplitting: {
          groups: [
            { name: 'echarts', test: /node_modules[\\/](echarts|zrender)[\\/]/, priority: 3 },
            // Scripts only: MapLibre's stylesheet is imported by main.tsx and must not pull this chunk into the entry.
            { name: 'map-libs', test: (id) => MAP_LIBS.test(id) && !id.endsWith('.css'), priority: 2 },
          ],
        },
      },
    },
  },
  server: {
    // `npm run dev` starts the API on PORT (server/dev.ts); the proxy follows it.
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` },
  },
});
