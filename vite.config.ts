import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';
import { VitePWA } from 'vite-plugin-pwa';
import { BASEMAP_CACHE, PERSONAL_CACHES } from './client/pwa/cache-names.ts';

const root = fileURLToPath(new URL('./client', import.meta.url));
const [ME_CACHE, TASKS_CACHE, BRIEFING_CACHE] = PERSONAL_CACHES;

// The SPA lives in client/ and is served by the API server from client/dist (one origin, no CDN).
export default defineConfig({
  root,
  plugins: [
    react(),
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
        // The app shell, the hashed bundle and MapLibre's worker, the icons, and the four font files
        // the page uses (Noto Sans SC, simplified Chinese and Latin, 400 and 700; ~2.3 MB). The .woff twins
        // are only for browsers without woff2 and are left to the network.
        globPatterns: ['**/*.{html,js,mjs,css,woff2,png,svg}'],
        // The bundle is ~1.7 MB and a CJK font ~1.2 MB (Workbox's default cap is 2 MiB).
        maximumFileSizeToCacheInBytes: 3 * 1024 * 1024,
        cleanupOutdatedCaches: true,
        // /field, /dispatch, /?grade=C… all get the shell, as the server does; /api never does.
        navigateFallback: 'index.html',
        navigateFallbackDenylist: [/^\/api\//],
        // Only GETs are routed (Workbox's default method): results, photos and status changes go to
        // the network, and the field outbox (client/field/offline-queue.ts) queues them without signal.
        runtimeCaching: [
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
    // The CJK font files are ~1 MB each and must stay files (never inlined as data: URLs).
    assetsInlineLimit: 0,
    // One bundle for the app (MapLibre is most of it): every screen but the dashboard needs the map, and
    // the server sends it gzipped (~0.49 MB) with a year-long immutable cache, so splitting it would only
    // add round trips. The dashboard's charts (ECharts, ~0.19 MB gzipped) and the briefing are loaded on
    // first use (React.lazy in App.tsx), so the map's first load does not carry them.
    chunkSizeWarningLimit: 2048,
  },
  server: {
    // `npm run dev` starts the API on PORT (server/dev.ts); the proxy follows it.
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` },
  },
});
