import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { existsSync, readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import { openDatabase } from './db/connection.ts';
import type { PoolLimits } from './workers/pool.ts';

export interface ServerOptions {
  dbPath: string;
  port: number;
  host: string;
  clientDist: string;
  /** Bounds of the worker pool (server/workers/pool.ts); by default cores − 1 threads. */
  workers?: Partial<PoolLimits>;
}

const noCache: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.ok) c.header('Cache-Control', 'no-cache');
};

/** Serves the API and the built client on one port. */
export async function startServer(opts: ServerOptions): Promise<{ url: string; close(): Promise<void> }> {
  const db = openDatabase(opts.dbPath);
  const { app, pool } = createApp({ db, workers: opts.workers });
  const indexHtml = join(opts.clientDist, 'index.html');
  if (existsSync(indexHtml)) {
    // Built assets carry a content hash in their names: a township's slow line fetches them once
    // (cached for a year) and gzipped (the JS is ~2 MB raw).
    app.use('/assets/*', compress(), async (c, next) => {
      await next();
      if (c.res.ok) c.header('Cache-Control', 'public, max-age=31536000, immutable');
    });
    // The service worker (client/pwa/register.ts) is asked for on every visit and must never come from
    // a cache, or a phone would keep an old app; the same for the web app manifest.
    app.use('/sw.js', noCache);
    app.use('/manifest.webmanifest', noCache);
    app.use('*', serveStatic({ root: opts.clientDist }));
    // Client-side routes (/field, /?grade=C…) all get the SPA shell.
    const shell = readFileSync(indexHtml, 'utf8');
    app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(shell)));
  }
  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: app.fetch, port: opts.port, hostname: opts.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${opts.host}:${port}`,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((err) => {
          void pool.close().finally(() => {
            db.close();
            if (err) reject(err);
            else resolve();
          });
        });
      }),
  };
}

async function main(): Promise<void> {
  const config = loadConfig();
  const { ensureSeeded } = await import('../data/ensure-seeded.ts');
  await ensureSeeded(config.dbPath);
  if (!existsSync(join(config.clientDist, 'index.html'))) {
    console.warn('[anju] client/dist is missing: run `npm run build` (npm start does it for you)');
  }
  const { url } = await startServer(config);
  console.log(`[anju] serving ${config.dbPath}`);
  console.log(`[anju] open ${url}/`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error('[anju] failed to start:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
