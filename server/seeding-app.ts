// What `npm start` serves while it seeds a fresh database on a worker thread (main.ts): the client's
// files as usual, so the page opens and shows its own error, and for the API (and /ogc) 503 `seeding` with
// Retry-After. `GET /api/health` says how far along: `{ ok: false, seeding: { done, total } }`.
import { Hono } from 'hono';
import type { SeedProgress } from '../data/ensure-seeded.ts';
import { HttpError, handleError } from './http/errors.ts';
import { securityHeaders } from './http/security-headers.ts';

export function createSeedingApp(progress: () => SeedProgress) {
  const started = performance.now();
  // Seconds until done at the pace so far (households are written in batches, so early on a guess).
  const retryAfter = () => {
    const { done, total } = progress();
    const seconds = done > 0 ? ((performance.now() - started) / 1000) * ((total - done) / done) : 5;
    return String(Math.min(60, Math.max(1, Math.ceil(seconds))));
  };
  const seeding = () => {
    const { done, total } = progress();
    return new HttpError(503, 'seeding', `the demo county is being seeded (${done} of ${total} households); try again shortly`, undefined, {
      'Retry-After': retryAfter(),
    });
  };
  const app = new Hono()
    .use(securityHeaders)
    .use('/api/*', async (c, next) => {
      await next();
      c.header('Cache-Control', 'no-store');
    })
    .get('/api/health', (c) => c.json({ ok: false as const, seeding: progress() }, 503, { 'Retry-After': retryAfter() }))
    .all('/api/*', () => {
      throw seeding();
    })
    // The OGC API too: a GIS client connecting now gets the same 503, not the page's HTML.
    .all('/ogc', () => {
      throw seeding();
    })
    .all('/ogc/*', () => {
      throw seeding();
    });
  app.onError(handleError);
  return app;
}
