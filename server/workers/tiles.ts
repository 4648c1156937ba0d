// Household vector tiles and in-view counts off the event loop. A tile of 12,000 houses takes ~100 ms to
// read, encode and gzip and a county's grid 1.6–2.7 s at a million households: on the main thread either
// would hold /api/health and every other request that long (measured: health p99 1.5 s during a burst of
// tiles made inline, 0.13 s with them on the pool, on a loaded 2-core machine). A worker thread reads the
// file read-only (exposure.ts `reader`) and keeps the grids it built (tiles/grid-cache.ts); the pool
// runs these as short jobs (pool.ts runShort), many at once and ahead of longer calculations.
import type { Db } from '../db/connection.ts';
import { countInView, type InViewRequest } from '../tiles/in-view.ts';
import { householdTile, type HouseholdTileRequest } from '../tiles/household-tile.ts';
import type { ViewCounts } from '../domain/view-counts.ts';
import { reader, shareable } from './exposure.ts';
import type { WorkerPool } from './pool.ts';

type OnFile<J> = J & { dbPath: string };

// ---- the jobs (workers/jobs.ts), on a worker thread ----

export const tileJob = ({ dbPath, ...job }: OnFile<HouseholdTileRequest>): Uint8Array | null => householdTile(reader(dbPath), job);
export const inViewJob = ({ dbPath, ...job }: OnFile<InViewRequest>): ViewCounts => countInView(reader(dbPath), job);

// ---- on the main thread ----

/**
 * A tile on the pool when a worker can read the file (else here). Requests for the same tile under the
 * same key (data version, filter, scope) share one job: `key` is the tile cache's key.
 */
export async function tileOffLoop(db: Db, pool: WorkerPool, job: HouseholdTileRequest, key: string, signal: AbortSignal): Promise<Uint8Array | null> {
  if (!shareable(db, pool)) return householdTile(db, job);
  return pool.runShort('tile', { dbPath: db.name, ...job }, { signal, share: key });
}

export async function inViewOffLoop(db: Db, pool: WorkerPool, job: InViewRequest, signal: AbortSignal): Promise<ViewCounts> {
  if (!shareable(db, pool)) return countInView(db, job);
  return pool.runShort('inView', { dbPath: db.name, ...job }, { signal });
}
