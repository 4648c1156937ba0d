// `npm run bench [-- --only routing]`: runs the bench modules of this folder and prints one table.
// Speed and quality are measured, never asserted; a result carries the baseline measured in the same
// run, so its ratio means the same on a fast machine and a slow one.
import { pathToFileURL } from 'node:url';

/** One measured figure. `ratio` is value / baseline, with the baseline measured in the same run. */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
}

/** What every bench/<name>.ts exports. */
export interface BenchModule {
  run(): Promise<BenchResult[]>;
}

/** The bench modules, in the order they run; one that is missing or broken is skipped with a message. */
const MODULES = ['routing', 'exposure', 'responsiveness', 'figures', 'exports', 'imports', 'namelist'] as const;

const reason = (err: unknown) => (err instanceof Error ? err.message.split('\n')[0] : String(err));

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
  const only = onlyFrom(argv);
  const unknown = only?.filter((name) => !(MODULES as readonly string[]).includes(name)) ?? [];
  if (only?.length === 0 || unknown.length > 0) {
    console.error(`[bench] --only needs module names from: ${MODULES.join(', ')}${unknown.length ? ` (unknown: ${unknown.join(', ')})` : ''}`);
    return 2;
  }
  const rows: (BenchResult & { module: string })[] = [];
  let failed = false;
  for (const name of MODULES) {
    if (only && !only.includes(name)) continue;
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
      for (const result of await mod.run()) rows.push({ module: name, ...result });
      console.error(`[bench] ${name} took ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    } catch (err) {
      failed = true;
      console.error(`[bench] ${name} failed: ${reason(err)}`);
    }
  }
  if (rows.length > 0) printTable(rows);
  return failed ? 1 : 0;
}

// Run only as the entry point, so that bench modules can import the types above without side effects.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  process.exitCode = await main(process.argv.slice(2));
}
