// Seeds an empty, migrated database with the demo county: regions, basemap lines, households with
// their personal data sealed, houses, appraisals, renovations and the house R*Tree.
import type { Db } from '../server/db/connection.ts';
import type { PersonalDataCipher } from '../server/db/personal-data.ts';
import { beginBulkLoad, refuseUnlessEmpty } from './bulk-load.ts';
import { generateCounty, type DemoCounty } from './geography.ts';
import { generateHouseholds } from './households.ts';
import { sealHousehold, type SealedHousehold } from './seed-rows.ts';

export interface SeedOptions {
  households: number;
  seed: number;
  onProgress?: (done: number) => void;
}

export interface SeedResult {
  households: number;
  ms: number;
}

export const MAX_HOUSEHOLDS = 1_000_000;
export const BATCH = 50_000;

/** Generates, seals and writes on this thread; throws if the database already has data. */
export function seedDatabase(db: Db, cipher: PersonalDataCipher, opts: SeedOptions): SeedResult {
  const started = performance.now();
  checkSeedOptions(opts);
  refuseUnlessEmpty(db);
  const county = countyFor(opts.seed);
  const load = beginBulkLoad(db, county);
  try {
    let batch: SealedHousehold[] = [];
    let done = 0;
    const flush = (): void => {
      load.insert(batch);
      done += batch.length;
      batch = [];
      opts.onProgress?.(done);
    };
    for (const h of generateHouseholds(county, opts.households, opts.seed)) {
      batch.push(sealHousehold(h, cipher));
      if (batch.length === BATCH) flush();
    }
    if (batch.length) flush();
    load.finish();
    return { households: done, ms: Math.round(performance.now() - started) };
  } finally {
    load.close();
  }
}

export function checkSeedOptions(opts: Pick<SeedOptions, 'households' | 'seed'>): void {
  const { households: n, seed } = opts;
  if (!Number.isInteger(n) || n < 1 || n > MAX_HOUSEHOLDS) {
    throw new Error(`households must be a whole number from 1 to ${MAX_HOUSEHOLDS}, got ${n}`);
  }
  if (!Number.isSafeInteger(seed)) throw new Error(`seed must be a whole number, got ${seed}`);
}

// Test suites seed several databases per process; the county for a seed never changes (~1 s to build).
const counties = new Map<number, DemoCounty>();

export function countyFor(seed: number): DemoCounty {
  let county = counties.get(seed);
  if (!county) {
    county = generateCounty(seed);
    if (counties.size >= 4) counties.clear();
    counties.set(seed, county);
  }
  return county;
}
