// `npm start` on a fresh clone: if the database is missing or empty, seed the default demo county
// so the app opens onto data, not onto an empty map.
import { existsSync, renameSync, rmSync } from 'node:fs';
import { loadDataKey } from '../server/config.ts';
import { openDatabase, type Db } from '../server/db/connection.ts';
import { seedDemoInspectors, seedDemoUsers } from '../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import { seedDemoLedger } from './demo-ledger.ts';
import { seedDatabase } from './seed-db.ts';

export const DEFAULT_HOUSEHOLDS = 20_000;
export const DEFAULT_SEED = 1;

/** What an empty database is seeded with, and who hears how far it got. */
export interface EnsureSeedOptions {
  households?: number;
  seed?: number;
  /** Households written so far (after each batch of the bulk load) of `total`. */
  onProgress?: (progress: SeedProgress) => void;
}

export interface SeedProgress {
  done: number;
  total: number;
}

const householdCount = (db: Db): number => (db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;

/** True when the database is missing or has no households: what ensureSeeded would seed. */
export function needsSeeding(dbPath: string): boolean {
  if (!existsSync(dbPath)) return true;
  const db = openDatabase(dbPath);
  try {
    return householdCount(db) === 0;
  } finally {
    db.close();
  }
}

const companions = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`];

export async function ensureSeeded(
  dbPath: string,
  log: (line: string) => void = console.log,
  opts: EnsureSeedOptions = {},
): Promise<{ seeded: boolean; households: number }> {
  const total = opts.households ?? DEFAULT_HOUSEHOLDS;
  const seed = opts.seed ?? DEFAULT_SEED;
  // A missing database is built as FILE-partial and renamed when complete, so a start that is
  // stopped mid-seed never leaves a half-seeded county that the next start would serve as it is.
  // An existing but empty one (it may hold accounts) is seeded in place, as before.
  const fresh = !existsSync(dbPath);
  const target = fresh ? `${dbPath}-partial` : dbPath;
  if (fresh) for (const f of companions(target)) rmSync(f, { force: true });
  const db = openDatabase(target);
  let result: { seeded: boolean; households: number } | undefined;
  try {
    const existing = householdCount(db);
    if (existing > 0) return { seeded: false, households: existing };
    log(`[anju] ${dbPath} has no households: seeding the demo county (${total} households, seed ${seed})…`);
    // The key lives beside the final file (loadDataKey looks in its folder), which is also the partial's.
    const cipher = createPersonalDataCipher(loadDataKey(dbPath));
    opts.onProgress?.({ done: 0, total });
    const onProgress = (done: number) => opts.onProgress?.({ done, total });
    const { households, ms } = seedDatabase(db, cipher, { households: total, seed, onProgress });
    // Without accounts nobody could sign in to the demo; without village inspectors and their
    // training records the dispatch board has nobody to send. Both are idempotent.
    seedDemoUsers(db);
    seedDemoInspectors(db);
    // The rectification ledger names those accounts (who suspected, appraised, accepted, checked).
    const ledger = seedDemoLedger(db, { seed });
    log(`[anju] seeded ${households} households in ${((ms + ledger.ms) / 1000).toFixed(1)} s`);
    result = { seeded: true, households };
    return result;
  } finally {
    db.close(); // checkpoints the WAL into the file, so renaming the main file alone is enough
    if (fresh) {
      if (result) renameSync(target, dbPath);
      for (const f of companions(target)) rmSync(f, { force: true });
    }
  }
}
