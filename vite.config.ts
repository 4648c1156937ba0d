import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

const root = fileURLToPath(new URL('./client', import.meta.url));

// The SPA lives in client/ and is served by the API server from client/dist (one origin, no CDN).
export default defineConfig({
  root,
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // The CJK font files are ~1 MB each and must stay files (never inlined as data: URLs).
    assetsInlineLimit: 0,
    // One bundle (MapLibre is most of it): every screen needs the map, and the server sends it gzipped
    // (~0.47 MB) with a year-long immutable cache, so splitting it would only add round trips.
    chunkSizeWarningLimit: 2048,
  },
  server: {
    // `npm run dev` starts the API on PORT (server/dev.ts); the proxy follows it.
    proxy: { '/api': `http://127.0.0.1:${process.env.PORT ?? 8080}` },
  },
});
