import { Hono } from 'hono';
import { createMiddleware } from 'hono/factory';
import { bodyLimit } from 'hono/body-limit';
import { compress } from 'hono/compress';
import { NO_PROXIES, type TrustedProxies } from './http/client-address.ts';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { authorize } from './auth/middleware.ts';
import { DEFAULT_THROTTLE } from './auth/rate-limit.ts';
import { loadDataKey } from './config.ts';
import { openDatabase, type Db } from './db/connection.ts';
import { createPersonalDataCipher } from './db/personal-data.ts';
import { MAX_PHOTO_BYTES } from './db/photos.ts';
import { DEFAULT_SESSION_POLICY, type SessionPolicy } from './db/sessions.ts';
import type { Env } from './env.ts';
import { errorBody, handleError } from './http/errors.ts';
import { securityHeaders } from './http/security-headers.ts';
import { alertDispatch } from './routes/alert-dispatch.ts';
import { alerts } from './routes/alerts.ts';
import { audit } from './routes/audit.ts';
import { auth } from './routes/auth.ts';
import { apiTokens } from './routes/api-tokens.ts';
import { ogc } from './ogc/routes.ts';
import { basemap } from './routes/basemap.ts';
import { health } from './routes/health.ts';
import { dispatch } from './routes/dispatch.ts';
import { householdAlerts } from './routes/household-alerts.ts';
import { households } from './routes/households.ts';
import { householdCounts } from './routes/household-counts.ts';
import { tiles } from './routes/tiles.ts';
import { DEFAULT_TILE_THRESHOLD } from './tiles/tile-json.ts';
import { ledgerHouse } from './routes/ledger-house.ts';
import { ledger } from './routes/ledger.ts';
import { dispatchRules, trainings } from './routes/patrol-admin.ts';
import { photos } from './routes/photos.ts';
import { regions } from './routes/regions.ts';
import { routeSolve } from './routes/route-solve.ts';
import { schedules } from './routes/schedules.ts';
import { disasters } from './routes/disasters.ts';
import { exportFiles } from './routes/exports.ts';
import { seasons } from './routes/seasons.ts';
import { stats } from './routes/stats.ts';
import { tasks } from './routes/tasks.ts';
import { users } from './routes/users.ts';
import { createWorkerPool, type PoolLimits } from './workers/pool.ts';
import { createImportRunner, DEFAULT_IMPORT_MAX_MB, type ImportSettings } from './imports/runner.ts';
import { imports } from './routes/imports.ts';
import type { PdfRenderer } from './render/pdf-renderer.ts';
import { reportsPdf } from './routes/reports-pdf.ts';
import { DEFAULT_PACE, type PatrolPace } from './domain/patrol-pace.ts';
import { DEFAULT_COMPLAINT_DAYS } from './domain/complaint-states.ts';
import { complaints } from './routes/complaints.ts';
import { dashboard } from './routes/dashboard.ts';
import { reports } from './routes/reports.ts';
import { PUBLIC_COMPLAINT_BYTES, publicComplaints, publicPlacesRoute } from './routes/public-complaints.ts';

export interface AppOptions {
  /** An open database, or a path to open. */
  db?: Db;
  dbPath?: string;
  /** The personal-data master key; by default ANJU_DATA_KEY or the key file beside the database. */
  dataKey?: Buffer;
  sessionPolicy?: SessionPolicy;
  /** Field photos; by default `photos/` beside the database. */
  photosDir?: string;
  /** The clock, for tests that expire sessions. */
  now?: () => number;
  /** Bounds of the worker pool for route solving and dispatch planning; by default cores − 1 threads. */
  workers?: Partial<PoolLimits>;
  /** How fast a patrol goes, for cutting tasks to what one person can do in time (domain/patrol-pace.ts). */
  pace?: PatrolPace;
  /** Days to answer a complaint (ANJU_COMPLAINT_DAYS); by default DEFAULT_COMPLAINT_DAYS. */
  complaintDays?: number;
  /**
   * Renders the report PDFs (server/render/pdf-renderer.ts). startServer makes one, since it needs the
   * server's own address; without it (ANJU_PDF=off, or an app only called in-process) the PDF routes
   * answer 503 `pdf_disabled`. Whoever made it closes it.
   */
  pdf?: PdfRenderer | null;
  /**
   * Uploaded import files and their size limit (ANJU_IMPORT_DIR, ANJU_IMPORT_MAX_MB): by default
   * `imports/` beside the database and 50 MB.
   */
  imports?: Partial<ImportSettings>;
  /** Houses in a region above which the map draws it from vector tiles (ANJU_TILE_THRESHOLD); DEFAULT_TILE_THRESHOLD unless given. */
  tileThreshold?: number;
  /** Reverse proxies whose X-Forwarded-For is believed (ANJU_TRUSTED_PROXIES); none unless given. */
  trustedProxies?: TrustedProxies;
}

/**
 * Builds the API: cross-cutting middleware once, then one `.route()` per resource. Returns the app,
 * its database and its worker pool side by side (not merged into the app), so `AppType` stays the
 * plain route chain that `hc<AppType>` walks.
 */
export function createApp(opts: AppOptions) {
  const db = opts.db ?? openDatabase(opts.dbPath ?? ':memory:');
  const dataKey = opts.dataKey ?? loadDataKey(db.name);
  const cipher = createPersonalDataCipher(dataKey);
  const sessionPolicy = opts.sessionPolicy ?? DEFAULT_SESSION_POLICY;
  const now = opts.now ?? Date.now;
  const pace = opts.pace ?? DEFAULT_PACE;
  const complaintDays = opts.complaintDays ?? DEFAULT_COMPLAINT_DAYS;
  // Whoever owns the app closes it: `pool.close()` (startServer does, on close).
  const pool = createWorkerPool(opts.workers);
  const photosDir = opts.photosDir ?? join(dirname(db.name === ':memory:' ? tmpdir() + '/anju' : db.name), 'photos');
  const importRunner = createImportRunner(
    db,
    pool,
    dataKey,
    {
      dir: opts.imports?.dir ?? join(dirname(db.name === ':memory:' ? tmpdir() + '/anju' : db.name), 'imports'),
      maxBytes: opts.imports?.maxBytes ?? DEFAULT_IMPORT_MAX_MB * 1024 * 1024,
    },
    now,
  );
  const jsonLimit = bodyLimit({ maxSize: 1024 * 1024, onError: (c) => c.json(errorBody('payload_too_large', 'request body over 1 MiB'), 413) });
  const photoLimit = bodyLimit({
    maxSize: MAX_PHOTO_BYTES + 64 * 1024,
    onError: (c) => c.json(errorBody('payload_too_large', `photos are limited to ${MAX_PHOTO_BYTES >> 20} MiB`, 'photo'), 413),
  });
  // The public complaint form takes a few kilobytes of text (2,000 characters at most): a small limit there.
  const publicComplaintLimit = bodyLimit({
    maxSize: PUBLIC_COMPLAINT_BYTES,
    onError: (c) => c.json(errorBody('payload_too_large', `a complaint is limited to ${PUBLIC_COMPLAINT_BYTES >> 10} KiB`), 413),
  });
  // An import's file: the configured limit plus room for the multipart framing; the route names `file`.
  const importLimit = bodyLimit({
    maxSize: importRunner.settings.maxBytes + 64 * 1024,
    onError: (c) => c.json(errorBody('payload_too_large', `导入文件不能超过 ${Math.round(importRunner.settings.maxBytes / 1048576)} MB`, 'file'), 413),
  });
  const limitFor = (path: string) =>
    path === '/api/photos' ? photoLimit : path === '/api/public/complaints' ? publicComplaintLimit : path === '/api/imports' ? importLimit : jsonLimit;
  // Failed sign-ins slow down their (account, address) pair; 30 per address in 15 minutes (rate-limit.ts).
  const limits = DEFAULT_THROTTLE;

  // What every handler reads from c.var, for /api and /ogc alike.
  const context = createMiddleware<Env>(async (c, next) => {
    c.set('db', db);
    c.set('cipher', cipher);
    c.set('sessionPolicy', sessionPolicy);
    c.set('limits', limits);
    c.set('now', now);
    c.set('photosDir', photosDir);
    c.set('pool', pool);
    c.set('pace', pace);
    c.set('complaintDays', complaintDays);
    c.set('pdf', opts.pdf ?? null);
    c.set('imports', importRunner);
    c.set('tileThreshold', opts.tileThreshold ?? DEFAULT_TILE_THRESHOLD);
    c.set('trustedProxies', opts.trustedProxies ?? NO_PROXIES);
    await next();
  });

  const api = new Hono<Env>()
    .use((c, next) => limitFor(c.req.path)(c, next))
    .use(context)
    .use(async (c, next) => {
      await next();
      c.header('Cache-Control', c.res.headers.get('Cache-Control') ?? 'no-store');
    })
    .use(authorize)
    .route('/health', health)
    .route('/auth', auth)
    .route('/auth/tokens', apiTokens)
    .route('/users', users)
    .route('/audit', audit)
    .route('/regions', regions)
    .route('/basemap', basemap)
    // Before households: /households/counts is not a household id.
    .route('/households', householdCounts)
    .route('/households', households)
    .route('/households', householdAlerts)
    .route('/houses', ledgerHouse)
    .route('/ledger', ledger)
    .route('/alerts', alerts)
    .route('/alerts', alertDispatch)
    .route('/seasons', seasons)
    .route('/stats', stats)
    .route('/tasks', tasks)
    .route('/dispatch', dispatch)
    .route('/schedules', schedules)
    .route('/disasters', disasters)
    .route('/photos', photos)
    .route('/dispatch-rules', dispatchRules)
    .route('/trainings', trainings)
    .route('/routes', routeSolve)
    .route('/complaints', complaints)
    .route('/dashboard', dashboard)
    .route('/reports', reports)
    .route('/reports', reportsPdf)
    .route('/exports', exportFiles)
    .route('/imports', imports)
    .route('/tiles', tiles)
    .route('/public/complaints', publicComplaints)
    .route('/public/places', publicPlacesRoute);

  const app = new Hono()
    .use(securityHeaders)
    // The county's households are ~6 MB of GeoJSON at 20k: gzip makes them ~1 MB on a township's
    // line (compress skips small bodies and what is already compressed, such as photos).
    .use('/api/*', compress())
    .route('/api', api)
    // OGC API – Features for desktop GIS: read-only, an API token or a session (server/ogc/).
    .use('/ogc/*', compress())
    .route('/ogc', new Hono<Env>().use(context).route('/', ogc));
  app.notFound((c) => c.json(errorBody('not_found', `no route ${c.req.method} ${c.req.path}`), 404));
  app.onError(handleError);
  return { app, db, pool, imports: importRunner };
}

/** Every path, input and answer of the API, for the typed client (`hc<AppType>`). */
export type AppType = ReturnType<typeof createApp>['app'];
