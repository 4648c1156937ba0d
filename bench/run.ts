// `npm run bench [-- --quick] [-- --only seed,bbox]`: runs the bench sections of this folder, prints one
// table and writes it, with the machine it ran on, to bench/results.json — the performance record.
// Speed and quality are measured, never asserted; a result carries the baseline measured in the same
// run, so its ratio means the same on a fast machine and a slow one. `--quick` leaves out the
// 1,000,000-household county (its seeding and the sections' rows at that size).
import { writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { closeFixtures, peakRss } from './fixtures.ts';

/** One measured figure. `ratio` is value / baseline, with the baseline measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  /** What the figure is made of (sizes, counts, targets): in results.json, not in the table. */
  note?: string;
}

/** What a section is given: the run's options. Shared databases and servers: bench/fixtures.ts. */
export interface BenchContext {
  /** `--quick`: no 1,000,000-household county. */
  quick: boolean;
}

/** What every bench/<name>.ts exports. */
export interface BenchModule {
  run(ctx: BenchContext): Promise<BenchResult[]>;
}

/**
 * The sections, in the order they run; one that is missing or broken is skipped with a message. A new
 * section is a file here exporting run(ctx) and its name in this list; one that needs the seeded
 * counties or a server over them takes them from fixtures.ts (county, served), where they are made
 * once per run — the 1M county's seeding is measured by `seed`, which runs first. A section in OPT_IN
 * runs only when asked for by name.
 */
const MODULES = [
  'seed',
  'bbox',
  'exposure-api',
  'load',
  'tiles',
  'exposure',
  'routing',
  'responsiveness',
  'figures',
  'exports',
  'imports',
  'namelist',
  'pageload',
  'frames',
  'dispatch',
] as const;

/** Sections that run only when named with --only: they take minutes. */
const OPT_IN: ReadonlySet<string> = new Set(['dispatch']);

const RESULTS = join(import.meta.dirname, 'results.json');

const reason = (err: unknown): string => {
  if (!(err instanceof Error)) return String(err);
  const cause = err.cause instanceof Error ? ` (${err.cause.message})` : '';
  return `${err.message.split('\n')[0]}${cause}`;
};

/** `--only a,b` or `--only=a`; null for all modules. */
function onlyFrom(argv: readonly string[]): string[] | null {
  const at = argv.findIndex((a) => a === '--only' || a.startsWith('--only='));
  if (at < 0) return null;
  const value = argv[at]!.includes('=') ? argv[at]!.slice('--only='.length) : argv[at + 1];
  return value ? value.split(',').filter(Boolean) : [];
}

const formatNumber = (v: number | undefined, digits = 4) =>
  v === undefined ? '' : v.toLocaleString('en-US', { maximumSignificantDigits: digits });

function printTable(rows: readonly (BenchResult & { module: string })[]): void {
  const header = ['module', 'name', 'value', 'unit', 'baseline', 'ratio'];
  const cells = rows.map((r) => [r.module, r.name, formatNumber(r.value), r.unit, formatNumber(r.baseline), r.ratio === undefined ? '' : r.ratio.toFixed(3)]);
  const widths = header.map((h, c) => Math.max(h.length, ...cells.map((row) => row[c]!.length)));
  const numeric = new Set([2, 4, 5]);
  const line = (row: string[]) => row.map((cell, c) => (numeric.has(c) ? cell.padStart(widths[c]!) : cell.padEnd(widths[c]!))).join('  ');
  console.log(line(header));
  console.log(widths.map((w) => '-'.repeat(w)).join('  '));
  for (const row of cells) console.log(line(row));
}

async function main(argv: readonly string[]): Promise<number> {
  const started = performance.now();
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model ?? '', memoryBytes: totalmem(), node: process.version, loadAverageAtStart: loadavg() };
  const ctx: BenchContext = { quick: argv.includes('--quick') };
  const only = onlyFrom(argv);
  const unknown = only?.filter((name) => !(MODULES as readonly string[]).includes(name)) ?? [];
  if (only?.length === 0 || unknown.length > 0) {
    console.error(`[bench] --only needs module names from: ${MODULES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
    return 2;
  }
  const rows: (BenchResult & { module: string })[] = [];
  const seconds: Record<string, number> = {};
  let failed = false;
  for (const name of MODULES) {
    if (only ? !only.includes(name) : OPT_IN.has(name)) continue;
    let mod: Partial<BenchModule>;
    try {
      mod = (await import(`./${name}.ts`)) as Partial<BenchModule>;
    } catch (err) {
      console.error(`[bench] skipped ${name}: bench/${name}.ts could not be imported (${reason(err)})`);
      failed ||= only !== null; // asked for by name, so its absence is an error
      continue;
    }
    if (typeof mod.run !== 'function') {
      console.error(`[bench] skipped ${name}: bench/${name}.ts does not export run(): Promise<BenchResult[]>`);
      failed ||= only !== null;
      continue;
    }
    console.error(`[bench] running ${name} …`);
    const t0 = performance.now();
    try {
      for (const result of await mod.run(ctx)) rows.push({ module: name, ...result });
    } catch (err) {
      failed = true;
      console.error(`[bench] ${name} failed: ${reason(err)}`);
    }
    seconds[name] = (performance.now() - t0) / 1000;
    console.error(`[bench] ${name} took ${seconds[name]!.toFixed(1)} s`);
  }
  // Memory: each shared server's peak over all the sections it served, and this process's own (the
  // seeding, the synthetic exposure points, the in-process servers of the older sections).
  for (const { households, peakRss: bytes } of await closeFixtures()) {
    if (bytes !== null) rows.push({ module: 'memory', name: `peak RSS, server over ${households.toLocaleString('en')} households (all its sections)`, value: bytes / 2 ** 20, unit: 'MiB' });
  }
  const own = peakRss('self') ?? process.resourceUsage().maxRSS * 1024;
  rows.push({ module: 'memory', name: 'peak RSS, the bench process', value: own / 2 ** 20, unit: 'MiB' });
  const totalSeconds = (performance.now() - started) / 1000;
  rows.push({ module: 'bench', name: 'whole run', value: totalSeconds, unit: 's' });
  printTable(rows);
  // The record is a whole run's; a run of some sections only prints its table.
  if (only) console.error('[bench] --only: bench/results.json left as it was');
  else {
    writeFileSync(RESULTS, `${JSON.stringify({ date: new Date().toISOString(), machine, quick: ctx.quick, seconds, results: rows }, null, 2)}\n`);
    console.error(`[bench] wrote ${RESULTS}`);
  }
  return failed ? 1 : 0;
}

// Run only as the entry point, so that bench modules can import the types above without side effects.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
