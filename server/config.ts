import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DEFAULT_COMPLAINT_DAYS } from './domain/complaint-states.ts';
import { DEFAULT_PACE, type PatrolPace } from './domain/patrol-pace.ts';
import type { PoolLimits } from './workers/pool.ts';
import { DEFAULT_IMPORT_MAX_MB, type ImportSettings } from './imports/runner.ts';
import { DEFAULT_TILE_THRESHOLD } from './tiles/tile-json.ts';
import { parseTrustedProxies, type TrustedProxies } from './http/client-address.ts';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

export interface Config {
  port: number;
  host: string;
  dbPath: string;
  clientDist: string;
  /** ANJU_WORKERS: threads for route solving and dispatch planning; unset → cores − 1. */
  workers: Partial<PoolLimits>;
  /** ANJU_PATROL_KMH, ANJU_MINUTES_PER_STOP, ANJU_SHIFT_HOURS: how fast a patrol goes (domain/patrol-pace.ts). */
  pace: PatrolPace;
  /**
   * ANJU_COMPLAINT_DAYS: days to answer a complaint, from the day it was received (default 15). The
   * seeds want every complaint answered but set no figure; the county sets its own.
   */
  complaintDays: number;
  /** ANJU_PDF=off: no headless Chromium on this server, the PDF reports answer 503 `pdf_disabled`. */
  pdf: boolean;
  /**
   * ANJU_IMPORT_DIR (default data/imports, git-ignored): uploaded import files, kept under their SHA-256;
   * ANJU_IMPORT_MAX_MB (default 50): the largest file an import takes.
   */
  imports: ImportSettings;
  /**
   * ANJU_TILE_THRESHOLD (default 30,000): a region holding more houses than this is drawn on the map from
   * vector tiles (GET /api/tiles/households/…), a smaller one from GeoJSON as before.
   */
  tileThreshold: number;
  /**
   * ANJU_TRUSTED_PROXIES (default none): addresses or CIDR blocks of the reverse proxies in front of the
   * server, whose X-Forwarded-For names the client — for sign-in throttling and the audit log's addresses.
   */
  trustedProxies: TrustedProxies;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const port = Number(env.PORT ?? 8080);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`PORT must be 0–65535, got ${env.PORT}`);
  const threads = env.ANJU_WORKERS === undefined || env.ANJU_WORKERS === '' ? undefined : Number(env.ANJU_WORKERS);
  if (threads !== undefined && (!Number.isInteger(threads) || threads < 0 || threads > 256)) {
    throw new Error(`ANJU_WORKERS must be 0–256 worker threads (0: on the main thread), got ${env.ANJU_WORKERS}`);
  }
  return {
    port,
    host: env.HOST ?? '127.0.0.1',
    dbPath: resolve(env.ANJU_DB ?? join(ROOT, 'data', 'anju.db')),
    clientDist: join(ROOT, 'client', 'dist'),
    workers: threads === undefined ? {} : { threads },
    pace: loadPace(env),
    complaintDays: loadComplaintDays(env),
    pdf: loadPdfSwitch(env),
    imports: loadImportSettings(env),
    tileThreshold: loadTileThreshold(env),
    trustedProxies: parseTrustedProxies(env.ANJU_TRUSTED_PROXIES ?? ''),
  };
}

/** ANJU_TILE_THRESHOLD, whole houses 0–100,000,000 (0: always tiles); DEFAULT_TILE_THRESHOLD when unset. */
export function loadTileThreshold(env: NodeJS.ProcessEnv): number {
  const raw = env.ANJU_TILE_THRESHOLD;
  if (raw === undefined || raw === '') return DEFAULT_TILE_THRESHOLD;
  const n = Number(raw.replace(/_/g, ''));
  if (!Number.isInteger(n) || n < 0 || n > 100_000_000) throw new Error(`ANJU_TILE_THRESHOLD must be a whole number of houses from 0 to 100000000, got ${raw}`);
  return n;
}

/** ANJU_IMPORT_DIR and ANJU_IMPORT_MAX_MB (whole megabytes, 1–1024). */
export function loadImportSettings(env: NodeJS.ProcessEnv): ImportSettings {
  const raw = env.ANJU_IMPORT_MAX_MB;
  const mb = raw === undefined || raw === '' ? DEFAULT_IMPORT_MAX_MB : Number(raw);
  if (!Number.isInteger(mb) || mb < 1 || mb > 1024) throw new Error(`ANJU_IMPORT_MAX_MB must be whole megabytes from 1 to 1024, got ${raw}`);
  return { dir: resolve(env.ANJU_IMPORT_DIR || join(ROOT, 'data', 'imports')), maxBytes: mb * 1024 * 1024 };
}

/** ANJU_PDF: `off` for a deployment without Chromium (its libraries, ~300 MB of memory per render); on by default. */
export function loadPdfSwitch(env: NodeJS.ProcessEnv): boolean {
  const raw = env.ANJU_PDF;
  if (raw === undefined || raw === '' || raw === 'on') return true;
  if (raw === 'off') return false;
  throw new Error(`ANJU_PDF must be on or off, got ${raw}`);
}

/** ANJU_COMPLAINT_DAYS, whole days 1–365; DEFAULT_COMPLAINT_DAYS (domain/complaint-states.ts) when unset. */
export function loadComplaintDays(env: NodeJS.ProcessEnv): number {
  const raw = env.ANJU_COMPLAINT_DAYS;
  if (raw === undefined || raw === '') return DEFAULT_COMPLAINT_DAYS;
  const days = Number(raw);
  if (!Number.isInteger(days) || days < 1 || days > 365) throw new Error(`ANJU_COMPLAINT_DAYS must be whole days from 1 to 365, got ${raw}`);
  return days;
}

/** The patrol pace from the environment, each figure defaulting to DEFAULT_PACE; refuses a nonsense value. */
export function loadPace(env: NodeJS.ProcessEnv): PatrolPace {
  const read = (name: string, fallback: number, max: number) => {
    const raw = env[name];
    if (raw === undefined || raw === '') return fallback;
    const v = Number(raw);
    if (!Number.isFinite(v) || v <= 0 || v > max) throw new Error(`${name} must be a number above 0 and at most ${max}, got ${raw}`);
    return v;
  };
  return {
    speedKmh: read('ANJU_PATROL_KMH', DEFAULT_PACE.speedKmh, 120),
    minutesPerStop: read('ANJU_MINUTES_PER_STOP', DEFAULT_PACE.minutesPerStop, 600),
    shiftHours: read('ANJU_SHIFT_HOURS', DEFAULT_PACE.shiftHours, 24),
  };
}

/**
 * The master key for personal data. Production sets ANJU_DATA_KEY (32 bytes, base64 or hex) and
 * keeps it away from the database. For the demo, a key file is made beside the database, readable
 * by its owner only, so a fresh clone works with no setup.
 */
export function loadDataKey(dbPath: string, env: NodeJS.ProcessEnv = process.env): Buffer {
  const found = findDataKey(dbPath, env);
  if (found) return found.key;
  const keyFile = dataKeyFile(dbPath);
  mkdirSync(dirname(keyFile), { recursive: true });
  const key = randomBytes(32);
  writeFileSync(keyFile, key.toString('base64'), { mode: 0o600 });
  return key;
}

/** The demo's key file: `.anju-key` beside the database. */
export function dataKeyFile(dbPath: string): string {
  return join(dirname(dbPath), '.anju-key');
}

/** The master key as the server would read it — ANJU_DATA_KEY, else the key file — without making one; null if neither. */
export function findDataKey(dbPath: string, env: NodeJS.ProcessEnv = process.env): { key: Buffer; from: string } | null {
  const fromEnv = env.ANJU_DATA_KEY;
  if (fromEnv) {
    const key = /^[0-9a-f]{64}$/i.test(fromEnv) ? Buffer.from(fromEnv, 'hex') : Buffer.from(fromEnv, 'base64');
    if (key.length !== 32) throw new Error('ANJU_DATA_KEY must decode to 32 bytes');
    return { key, from: 'ANJU_DATA_KEY' };
  }
  const keyFile = dataKeyFile(dbPath);
  if (existsSync(keyFile)) return { key: Buffer.from(readFileSync(keyFile, 'utf8').trim(), 'base64'), from: keyFile };
  return null;
}
