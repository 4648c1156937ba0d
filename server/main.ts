import { serve } from '@hono/node-server';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono, MiddlewareHandler } from 'hono';
import { compress } from 'hono/compress';
import { existsSync, readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DEFAULT_HOUSEHOLDS, DEFAULT_SEED, needsSeeding, type SeedProgress } from '../data/ensure-seeded.ts';
import { ensureSeededInThread, type SeedingThread } from '../data/seed-in-thread.ts';
import { createApp } from './app.ts';
import { loadConfig } from './config.ts';
import type { TrustedProxies } from './http/client-address.ts';
import type { PatrolPace } from './domain/patrol-pace.ts';
import { checkpointAndTruncate, openDatabase, type Db } from './db/connection.ts';
import { createSeedingApp } from './seeding-app.ts';
import { SESSION_COOKIE } from './auth/middleware.ts';
import { createPdfRenderer, type PdfRenderer, type RenderLimits } from './render/pdf-renderer.ts';
import type { PoolLimits, WorkerPool } from './workers/pool.ts';
import type { ImportRunner, ImportSettings } from './imports/runner.ts';

export interface ServerOptions {
  dbPath: string;
  port: number;
  host: string;
  clientDist: string;
  /** Bounds of the worker pool (server/workers/pool.ts); by default cores − 1 threads. */
  workers?: Partial<PoolLimits>;
  /** How fast a patrol goes (domain/patrol-pace.ts); DEFAULT_PACE unless given. */
  pace?: PatrolPace;
  /** Days to answer a complaint (ANJU_COMPLAINT_DAYS); DEFAULT_COMPLAINT_DAYS unless given. */
  complaintDays?: number;
  /** Uploaded import files and their size limit (ANJU_IMPORT_DIR, ANJU_IMPORT_MAX_MB); by default beside the database, 50 MB. */
  imports?: ImportSettings;
  /** Houses in a region above which the map draws it from vector tiles (ANJU_TILE_THRESHOLD); 30,000 unless given. */
  tileThreshold?: number;
  /** Reverse proxies whose X-Forwarded-For names the client (ANJU_TRUSTED_PROXIES); none unless given. */
  trustedProxies?: TrustedProxies;
  /**
   * The report PDFs (server/render/): rendered by a headless Chromium that loads this server's own print
   * pages; `false` switches them off (ANJU_PDF=off: 503 `pdf_disabled`); limits not given are DEFAULT_RENDER_LIMITS.
   */
  pdf?: boolean | Partial<RenderLimits>;
  /**
   * A missing or empty database is seeded with this (`npm start`: the demo county) on a worker
   * thread while the server already listens: meanwhile the API answers 503 `seeding`.
   */
  seedIfEmpty?: { households?: number; seed?: number; log?: (line: string) => void };
}

export interface RunningServer {
  url: string;
  /** Settles when the app serves the database: at once, or once seeding is done (rejects if it failed). */
  ready: Promise<{ seeded: boolean; households: number } | null>;
  /** The PDF renderer (null with `pdf: false`), for its stats. */
  pdf: PdfRenderer | null;
  /**
   * Stops listening before it returns (new connections are refused), lets the requests in flight
   * finish (those still running after `drainMs` are cut), then stops the seeding thread, the PDF
   * renderer and the worker pool and closes the database with its WAL checkpointed. Resolves
   * `drained: false` if any were cut. Calling it again returns the same shutdown.
   */
  close(opts?: { drainMs?: number }): Promise<{ drained: boolean }>;
}

/** How long a shutdown waits for the requests in flight before it cuts them (SIGTERM, `close()`). */
export const DRAIN_MS = 30_000;

const noCache: MiddlewareHandler = async (c, next) => {
  await next();
  if (c.res.ok) c.header('Cache-Control', 'no-cache');
};

/** The built client, if there is one, after the app's own routes. */
function serveClient(app: Hono, clientDist: string): void {
  const indexHtml = join(clientDist, 'index.html');
  if (!existsSync(indexHtml)) return;
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
  app.use('*', serveStatic({ root: clientDist }));
  // Client-side routes (/field, /?grade=C…) all get the SPA shell.
  const shell = readFileSync(indexHtml, 'utf8');
  app.get('*', (c) => (c.req.path.startsWith('/api/') ? c.notFound() : c.html(shell)));
}

/**
 * Where the server reaches itself: over loopback when it listens on every address (or on loopback),
 * else on the one address it listens on.
 */
export function ownOrigin(host: string, port: number): string {
  const h = host === '' || host === '0.0.0.0' || host === '::' || host === 'localhost' || host.startsWith('127.') ? '127.0.0.1' : host;
  return `http://${h.includes(':') ? `[${h}]` : h}:${port}`;
}

/** Serves the API and the built client on one port; with `seedIfEmpty`, seeds a fresh database first, listening all along. */
export async function startServer(opts: ServerOptions): Promise<RunningServer> {
  let serving: { db: Db; pool: WorkerPool; imports: ImportRunner } | null = null;
  // The renderer's Chromium loads the print pages from this very server, once it listens.
  let selfOrigin: string | null = null;
  const pdf: PdfRenderer | null =
    opts.pdf === false ? null : createPdfRenderer({ ...(opts.pdf === true ? {} : opts.pdf), origin: () => selfOrigin, cookieName: SESSION_COOKIE });
  let handle: (req: Request, env: unknown) => Response | Promise<Response>;
  const serveDatabase = () => {
    const db = openDatabase(opts.dbPath);
    const { app, pool, imports } = createApp({
      db,
      workers: opts.workers,
      ...(opts.pace ? { pace: opts.pace } : {}),
      ...(opts.complaintDays ? { complaintDays: opts.complaintDays } : {}),
      ...(opts.imports ? { imports: opts.imports } : {}),
      ...(opts.tileThreshold !== undefined ? { tileThreshold: opts.tileThreshold } : {}),
      ...(opts.trustedProxies ? { trustedProxies: opts.trustedProxies } : {}),
      pdf,
    });
    serveClient(app, opts.clientDist);
    serving = { db, pool, imports };
    handle = app.fetch;
  };

  let seeding: SeedingThread | null = null;
  if (opts.seedIfEmpty && needsSeeding(opts.dbPath)) {
    const { log = console.log, ...what } = opts.seedIfEmpty;
    let progress: SeedProgress = { done: 0, total: what.households ?? 0 };
    const gate = createSeedingApp(() => progress);
    serveClient(gate, opts.clientDist);
    handle = gate.fetch;
    seeding = ensureSeededInThread(opts.dbPath, { ...what, log, onProgress: (p) => (progress = p) });
  } else serveDatabase();

  const server = await new Promise<ReturnType<typeof serve>>((resolve) => {
    const s = serve({ fetch: (req, env) => handle(req, env), port: opts.port, hostname: opts.host }, () => resolve(s));
  });
  const { port } = server.address() as AddressInfo;
  selfOrigin = ownOrigin(opts.host, port);
  // Once draining, a keep-alive connection is closed as soon as its last answer has gone: without this
  // an idle browser or agent connection would hold the shutdown for its keep-alive timeout.
  let draining = false;
  let closing: Promise<{ drained: boolean }> | undefined;
  const http = server as Server;
  http.on('request', (_req, res) => res.once('finish', () => draining && setImmediate(() => http.closeIdleConnections())));
  const ready = seeding
    ? seeding.done.then((r) => {
        seeding = null;
        serveDatabase();
        return r;
      })
    : Promise.resolve(null);
  ready.catch(() => undefined); // the caller decides; closing must not raise it again
  return {
    url: `http://${opts.host}:${port}`,
    ready,
    pdf,
    close: ({ drainMs = DRAIN_MS } = {}) => (closing ??= shutDown(drainMs)),
  };

  async function shutDown(drainMs: number): Promise<{ drained: boolean }> {
    draining = true;
    let drained = true;
    const cut = setTimeout(() => {
      drained = false;
      http.closeAllConnections();
    }, drainMs);
    // close() refuses new connections at once, ends the idle ones and calls back when the last one has ended.
    const err = await new Promise<Error | undefined>((resolve) => http.close(resolve));
    clearTimeout(cut);
    await seeding?.stop();
    await pdf?.close();
    if (serving) {
      await serving.pool.close();
      // A batch whose thread the pool has just stopped is recorded as failed before the database closes.
      await serving.imports.idle();
      // The WAL folded back into the database file: what stays on disk is one self-contained file.
      checkpointAndTruncate(serving.db);
      serving.db.close();
    }
    if (err) throw err;
    return { drained };
  }
}

async function main(): Promise<void> {
  const config = loadConfig();
  if (!existsSync(join(config.clientDist, 'index.html'))) {
    console.warn('[anju] client/dist is missing: run `npm run build` (npm start does it for you)');
  }
  const server = await startServer({ ...config, seedIfEmpty: { households: DEFAULT_HOUSEHOLDS, seed: DEFAULT_SEED } });
  console.log(`[anju] serving ${config.dbPath}`);
  console.log(`[anju] open ${server.url}/`);
  stopOnSignals(server);
  try {
    await server.ready;
  } catch (err) {
    await server.close();
    throw err;
  }
}

/**
 * SIGTERM (a service manager, `docker stop`) or Ctrl-C: stop taking connections, finish the requests in
 * flight (at most DRAIN_MS), close the database cleanly, exit 0. A second signal exits at once: what was
 * committed is in the WAL, which the next start reads (the crash test proves it), and what was not is not.
 */
function stopOnSignals(server: RunningServer): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) {
      console.log(`[anju] ${signal} again: exiting now`);
      process.exit(130);
    }
    stopping = true;
    // close() stops listening before it returns: only then say so (a test connects as soon as it reads this).
    const closed = server.close();
    console.log(`[anju] ${signal}: shutting down — no new connections, finishing the requests in flight`);
    closed.then(
      ({ drained }) => {
        console.log(drained ? '[anju] stopped' : `[anju] stopped, cutting requests still running after ${DRAIN_MS / 1000} s`);
        process.exit(drained ? 0 : 1);
      },
      (err: unknown) => {
        console.error('[anju] shutdown failed:', err instanceof Error ? err.message : err);
        process.exit(1);
      },
    );
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((err: unknown) => {
    console.error('[anju] failed to start:', err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
