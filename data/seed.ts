// npm run seed -- --households N --seed S --out FILE [--force]
// Builds a fresh demo database. It seeds into FILE-partial and renames it at the end, so an
// interrupted run never leaves a half-seeded database where the server would pick it up.
import { existsSync, renameSync, rmSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { loadDataKey, ROOT } from '../server/config.ts';
import { openDatabase } from '../server/db/connection.ts';
import { seedDemoInspectors, seedDemoUsers } from '../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import { seedDemoLedger, type LedgerSeedResult } from './demo-ledger.ts';
import { DEFAULT_HOUSEHOLDS, DEFAULT_SEED } from './ensure-seeded.ts';
import { BATCH, MAX_HOUSEHOLDS, seedDatabase, type SeedResult } from './seed-db.ts';
import { seedDatabaseInWorker } from './seed-parallel.ts';

const USAGE = `usage: npm run seed -- [--households N] [--seed S] [--out FILE] [--force]
  --households N  households to generate, 1–${MAX_HOUSEHOLDS} (default ${DEFAULT_HOUSEHOLDS})
  --seed S        integer seed; the same seed gives the same county (default ${DEFAULT_SEED})
  --out FILE      database file (default $ANJU_DB or data/anju.db)
  --force         replace FILE (and its -wal/-shm) if it exists`;

export interface SeedArgs {
  households: number;
  seed: number;
  out: string;
  force: boolean;
}

/** Parses and checks the command line; throws an Error whose message is fit to print. */
export function parseSeedArgs(argv: string[], env: NodeJS.ProcessEnv = process.env): SeedArgs | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        households: { type: 'string', short: 'n' },
        seed: { type: 'string', short: 's' },
        out: { type: 'string', short: 'o' },
        force: { type: 'boolean', short: 'f' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
      allowPositionals: false,
    }));
  } catch (err) {
    throw new Error(`${(err as Error).message}\n${USAGE}`);
  }
  if (values.help) return 'help';
  const households = integer('--households', values.households ?? String(DEFAULT_HOUSEHOLDS));
  if (households < 1 || households > MAX_HOUSEHOLDS) {
    throw new Error(`--households must be between 1 and ${MAX_HOUSEHOLDS}, got ${households}`);
  }
  const seed = integer('--seed', values.seed ?? String(DEFAULT_SEED));
  if (values.out !== undefined && values.out.trim() === '') throw new Error('--out needs a file name');
  const out = resolve(values.out ?? env.ANJU_DB ?? join(ROOT, 'data', 'anju.db'));
  return { households, seed, out, force: values.force ?? false };
}

function integer(flag: string, text: string): number {
  const clean = text.replaceAll('_', '');
  if (!/^-?\d+$/.test(clean) || !Number.isSafeInteger(Number(clean))) {
    throw new Error(`${flag} must be a whole number, got "${text}"`);
  }
  return Number(clean);
}

const companions = (file: string): string[] => [file, `${file}-wal`, `${file}-shm`];

export async function runSeed(args: SeedArgs, log: (line: string) => void = console.log): Promise<void> {
  if (existsSync(args.out) && !args.force) throw new Error(`${args.out} already exists: pass --force to replace it`);
  // FILE-partial: matched by .gitignore's data/*.db-* like the WAL files.
  const partial = `${args.out}-partial`;
  for (const f of companions(partial)) rmSync(f, { force: true });

  log(`[seed] ${args.households} households, seed ${args.seed} → ${args.out}`);
  const started = performance.now();
  const db = openDatabase(partial);
  let result: SeedResult;
  let ledger: LedgerSeedResult;
  let counts: Record<string, number>;
  let ok = false;
  try {
    // The key lives beside the final file (loadDataKey looks in its folder), which is also the partial's.
    const dataKey = loadDataKey(args.out);
    const step = Math.max(BATCH, Math.round(args.households / 10));
    let reported = 0;
    const opts = {
      households: args.households,
      seed: args.seed,
      onProgress: (done: number) => {
        if (args.households >= 100_000 && (done - reported >= step || done === args.households)) {
          reported = done;
          log(`[seed]   ${done.toLocaleString('en')} / ${args.households.toLocaleString('en')}`);
        }
      },
    };
    // Past one batch, a worker encrypting on the second core while this thread writes saves about a third.
    result =
      args.households > BATCH
        ? await seedDatabaseInWorker(db, dataKey, opts)
        : seedDatabase(db, createPersonalDataCipher(dataKey), opts);
    seedDemoUsers(db);
    seedDemoInspectors(db);
    ledger = seedDemoLedger(db, { seed: args.seed });
    counts = tableCounts(db);
    ok = true;
  } finally {
    db.close(); // checkpoints the WAL into the file, so renaming the main file alone is enough
    if (!ok) for (const f of companions(partial)) rmSync(f, { force: true });
  }
  // --force: the old database stays usable until the new one is complete.
  for (const f of companions(args.out)) rmSync(f, { force: true });
  renameSync(partial, args.out);
  for (const f of companions(partial).slice(1)) rmSync(f, { force: true });
  const mb = statSync(args.out).size / 1024 / 1024;
  for (const [table, n] of Object.entries(counts)) log(`[seed]   ${table.padEnd(28)} ${n.toLocaleString('en')}`);
  const stages = Object.entries(ledger.byState).map(([state, n]) => `${state} ${n.toLocaleString('en')}`);
  log(`[seed]   ledger (current houses)      ${stages.join(', ')}; written in ${(ledger.ms / 1000).toFixed(1)} s`);
  const total = (performance.now() - started) / 1000;
  log(`[seed] seeded in ${(result.ms / 1000).toFixed(1)} s (${total.toFixed(1)} s with accounts and checkpoint); ${args.out} is ${mb.toFixed(1)} MB`);
}

function tableCounts(db: ReturnType<typeof openDatabase>): Record<string, number> {
  const one = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
  const counts: Record<string, number> = {};
  for (const level of ['county', 'township', 'village', 'group']) {
    counts[`regions (${level})`] = one(`SELECT count(*) AS n FROM regions WHERE level = '${level}'`);
  }
  for (const table of [
    'basemap_features', 'households', 'houses', 'appraisals', 'renovations', 'house_rtree', 'users', 'trainings',
    'ledger_cases', 'house_transitions', 'rectification_plans', 'relocations', 'idle_house_checks',
  ]) {
    counts[table] = one(`SELECT count(*) AS n FROM ${table}`);
  }
  return counts;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    const args = parseSeedArgs(process.argv.slice(2));
    if (args === 'help') console.log(USAGE);
    else await runSeed(args);
  } catch (err) {
    console.error(`[seed] ${err instanceof Error ? err.message : String(err)}`);
    process.exit(1);
  }
}
