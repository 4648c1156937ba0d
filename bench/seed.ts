// Seeding the demo county as `npm run seed` does (runSeed: households on a worker, accounts, the ledger,
// the checkpoint) at 20,000 and at 1,000,000 households, and the size of the file. The baseline of the
// 1M figures is the 20k one, so the ratio says how seeding scales (50 is linear). These databases are
// the ones the later sections query (fixtures.ts), so the seeding is done once per run.
import { county, LARGE, SMALL } from './fixtures.ts';
import type { BenchContext, BenchResult } from './run.ts';

const MIB = 2 ** 20;

export async function run(ctx: BenchContext): Promise<BenchResult[]> {
  const small = await county(SMALL);
  const rows: BenchResult[] = [];
  if (small.seedMs !== null) rows.push({ name: `seed ${SMALL.toLocaleString('en')} households (npm run seed)`, value: small.seedMs / 1000, unit: 's' });
  rows.push({ name: `database file, ${SMALL.toLocaleString('en')} households`, value: small.bytes / MIB, unit: 'MiB' });
  if (ctx.quick) return rows;
  const large = await county(LARGE);
  if (large.seedMs !== null && small.seedMs !== null) {
    rows.push({
      name: `seed ${LARGE.toLocaleString('en')} households (vs ${SMALL.toLocaleString('en')})`,
      value: large.seedMs / 1000,
      unit: 's',
      baseline: small.seedMs / 1000,
      ratio: large.seedMs / small.seedMs,
    });
  } else console.error('[bench] seed: the 1M database was copied (ANJU_BENCH_1M), not seeded: no seeding time');
  rows.push({
    name: `database file, ${LARGE.toLocaleString('en')} households (vs ${SMALL.toLocaleString('en')})`,
    value: large.bytes / MIB,
    unit: 'MiB',
    baseline: small.bytes / MIB,
    ratio: large.bytes / small.bytes,
  });
  return rows;
}
