// `npm start` on a fresh clone: if the database is missing or empty, seed the default demo county
// so the app opens onto data, not onto an empty map.
import { loadDataKey } from '../server/config.ts';
import { openDatabase } from '../server/db/connection.ts';
import { seedDemoInspectors, seedDemoUsers } from '../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import { seedDatabase } from './seed-db.ts';

export const DEFAULT_HOUSEHOLDS = 20_000;
export const DEFAULT_SEED = 1;

export async function ensureSeeded(
  dbPath: string,
  log: (line: string) => void = console.log,
): Promise<{ seeded: boolean; households: number }> {
  const db = openDatabase(dbPath);
  try {
    const existing = (db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n;
    if (existing > 0) return { seeded: false, households: existing };
    log(`[anju] ${dbPath} has no households: seeding the demo county (${DEFAULT_HOUSEHOLDS} households, seed ${DEFAULT_SEED})…`);
    const cipher = createPersonalDataCipher(loadDataKey(dbPath));
    const { households, ms } = seedDatabase(db, cipher, { households: DEFAULT_HOUSEHOLDS, seed: DEFAULT_SEED });
    // Without accounts nobody could sign in to the demo; without village inspectors and their
    // training records the dispatch board has nobody to send. Both are idempotent.
    seedDemoUsers(db);
    seedDemoInspectors(db);
    log(`[anju] seeded ${households} households in ${(ms / 1000).toFixed(1)} s`);
    return { seeded: true, households };
  } finally {
    db.close();
  }
}
