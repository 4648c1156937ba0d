// The exposure of an alert's zone off the event loop. At 1M households a county-wide zone takes ~10 s
// to read, test and rank, and would hold every other request that long. A worker thread opens the
// same SQLite file read-only (WAL lets it read while this thread writes) and runs the same
// exposureOf, so the answer is the one the main thread would give.
//
// Which zones go to the pool: all of them, whenever there is a file to share and a thread to run
// on — predictable, and a small zone costs a message each way (a thread started after fifteen minutes idle
// costs ~0.3 s once). A `:memory:` database, or a pool of 0 threads, computes here as before.
import { exposureCounts, exposureOf, type Exposure, type ExposureCounts } from '../db/alert-exposure.ts';
import { openReadOnly, type Db } from '../db/connection.ts';
import { dataStamp } from '../db/data-version.ts';
import { householdMapVersion } from '../db/tiles.ts';
import type { RegionRef } from '../db/household-filter.ts';
import { selectsHouse, type DispatchRule } from '../domain/dispatch-rules.ts';
import type { RunContext, WorkerPool } from './pool.ts';

type ZoneAlert = Parameters<typeof exposureOf>[1];
type SelectionRule = Parameters<typeof selectsHouse>[0];

/** Households a dispatch rule selects, highest risk first, with each one's risk: parallel arrays. */
export interface Selection {
  ids: number[];
  /** Risk under the alert (domain/risk.ts): a dispatch visits the riskiest first (domain/risk-bands.ts). */
  risks: number[];
}

/** The households a dispatch rule selects in an alert's zone and the scope, highest risk first. */
function selectedIn(db: Db, alert: ZoneAlert, scope: RegionRef | undefined, rule: SelectionRule): Selection {
  const chosen = exposureOf(db, alert, scope, Number.MAX_SAFE_INTEGER).households.filter((h) => selectsHouse(rule, h));
  return { ids: chosen.map((h) => h.id), risks: chosen.map((h) => h.risk) };
}

// ---- on a worker thread ----

// One read-only connection per database file per thread, kept while the thread lives, so its
// prepared statements, compiled zones and village floors (alert-exposure.ts) are reused. The figures'
// jobs (figures.ts) read through it too.
const readers = new Map<string, Db>();
export function reader(dbPath: string): Db {
  let db = readers.get(dbPath);
  if (!db) readers.set(dbPath, (db = openReadOnly(dbPath)));
  return db;
}

export interface ExposureJob {
  dbPath: string;
  alert: ZoneAlert;
  scope: RegionRef | undefined;
  limit: number;
}

export interface SelectionJob {
  dbPath: string;
  alert: ZoneAlert;
  scope: RegionRef | undefined;
  rule: SelectionRule;
}

export const exposureJob = ({ dbPath, alert, scope, limit }: ExposureJob): Exposure => exposureOf(reader(dbPath), alert, scope, limit);

export interface CountsJob {
  dbPath: string;
  alerts: Pick<ZoneAlert, 'id' | 'version' | 'geometry' | 'bbox'>[];
  scope: RegionRef | undefined;
}

/** The alert list's exposure counts, as [alert id, counts] pairs (a Map would clone as well; pairs say the order). */
export const exposureCountsJob = ({ dbPath, alerts, scope }: CountsJob): [number, ExposureCounts][] => [...exposureCounts(reader(dbPath), alerts, scope)];

/** Only ids and risks travel back: a 330k-house zone's full rows would cost the main thread their cloning. */
export const selectionJob = ({ dbPath, alert, scope, rule }: SelectionJob): Selection => selectedIn(reader(dbPath), alert, scope, rule);

// ---- on the main thread ----

/** The fields of an alert its zone needs; its texts and history stay behind. */
const zoneOf = ({ id, version, geometry, bbox, type, level }: ZoneAlert): ZoneAlert => ({ id, version, geometry, bbox, type, level });

/** A worker can read this database: it is a file, and the pool has threads. */
export const shareable = (db: Db, pool: WorkerPool) => !db.memory && pool.limits.threads > 0;

/**
 * Requests for the same zone, scope and limit over the same data share one job: the key holds the
 * database's data stamp, so a request after a write never takes an answer read before it.
 */
const shareKey = (db: Db, ...parts: unknown[]) => JSON.stringify([db.name, dataStamp(db), ...parts]);

/**
 * Answers kept per alert version and map version (migrations 020, 023: it moves with every write to what
 * a zone's counts and scores read — a house's place, grade, structure, flags, site, its household's
 * region and people), with scope and limit: a repeat is a lookup, and a patrol result, a complaint or a
 * session touched keeps it. A new version of the alert is a new key. Least recently used goes first.
 */
const keptKey = (db: Db, ...parts: unknown[]) => JSON.stringify([db.name, householdMapVersion(db), ...parts]);
const ANSWERS_KEPT = 32;
const answers = new Map<string, unknown>();
function remembered<T>(key: string): T | undefined {
  const hit = answers.get(key) as T | undefined;
  if (hit !== undefined) {
    answers.delete(key);
    answers.set(key, hit);
  }
  return hit;
}
function remember<T>(key: string, answer: T): T {
  answers.set(key, answer);
  while (answers.size > ANSWERS_KEPT) answers.delete(answers.keys().next().value!);
  return answer;
}

/** GET /api/alerts/:id/exposure: exposureOf, on the worker pool when it can read the file; a repeat from the answers kept. */
export async function exposureOffLoop(db: Db, pool: WorkerPool, alert: ZoneAlert, scope: RegionRef | undefined, limit: number, ctx: RunContext): Promise<Exposure> {
  const key = keptKey(db, 'exposure', alert.id, alert.version, scope, limit);
  const kept = remembered<Exposure>(key);
  if (kept) return kept;
  if (!shareable(db, pool)) return remember(key, exposureOf(db, alert, scope, limit));
  const share = shareKey(db, 'exposure', alert.id, alert.version, scope, limit);
  return remember(key, await pool.run('exposure', { dbPath: db.name, alert: zoneOf(alert), scope, limit }, { ...ctx, share }));
}

/** GET /api/alerts: the exposure counts of the page's active alerts, off the loop and kept like exposureOffLoop's answers. */
export async function exposureCountsOffLoop(db: Db, pool: WorkerPool, alerts: readonly ZoneAlert[], scope: RegionRef | undefined, ctx: RunContext): Promise<Map<number, ExposureCounts>> {
  if (alerts.length === 0) return new Map();
  const zones = alerts.map(({ id, version, geometry, bbox }) => ({ id, version, geometry, bbox }));
  const key = keptKey(db, 'counts', zones.map((a) => [a.id, a.version]), scope);
  const kept = remembered<Map<number, ExposureCounts>>(key);
  if (kept) return kept;
  if (!shareable(db, pool)) return remember(key, exposureCounts(db, zones, scope));
  const share = shareKey(db, 'counts', zones.map((a) => [a.id, a.version]), scope);
  return remember(key, new Map(await pool.run('exposureCounts', { dbPath: db.name, alerts: zones, scope }, { ...ctx, share })));
}

/** The household ids an alert's dispatch rule selects in its zone (dispatch and coverage), on the pool when it can. */
export async function selectedOffLoop(
  db: Db,
  pool: WorkerPool,
  alert: ZoneAlert,
  scope: RegionRef | undefined,
  rule: DispatchRule,
  ctx: RunContext,
): Promise<Selection> {
  const { grades, structures, keyHouses, keyStructures } = rule;
  const selection = { grades, structures, keyHouses, keyStructures };
  if (!shareable(db, pool)) return selectedIn(db, alert, scope, selection);
  const share = shareKey(db, 'selection', alert.id, alert.version, scope, selection);
  return pool.run('selection', { dbPath: db.name, alert: zoneOf(alert), scope, rule: selection }, { ...ctx, share });
}
