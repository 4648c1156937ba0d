// A county ledger of 50,000 households imported over real HTTP into the demo county (20,000 households
// already there): how long the dry run and the commit take, how `GET /api/health` answers while the
// commit writes, and how much the database grows. The baseline is the same server with the pool set to
// 0 threads, which checks and writes on the event loop.
import { copyFileSync, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../data/seed-db.ts';
import { loadDataKey } from '../server/config.ts';
import { openDatabase } from '../server/db/connection.ts';
import { DEMO_PASSWORD, seedDemoUsers } from '../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import { startServer } from '../server/main.ts';
import type { PoolLimits } from '../server/workers/pool.ts';
import { gbkCsv, ledgerRows, spots } from '../tests/api/import-files.ts';
import type { BenchResult } from './run.ts';

const HOUSEHOLDS = 20_000;
const ROWS = 50_000;
const PROBE_EVERY_MS = 20;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function percentile(xs: readonly number[], p: number): number {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
}

const sizeOf = (dbPath: string) => [dbPath, `${dbPath}-wal`].reduce((n, f) => n + (existsSync(f) ? statSync(f).size : 0), 0);

async function importOnce(dbPath: string, file: Uint8Array, workers: Partial<PoolLimits>) {
  const server = await startServer({ dbPath, port: 0, host: '127.0.0.1', clientDist: '/nonexistent', workers, pdf: false });
  try {
    const login = await fetch(`${server.url}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'county', password: DEMO_PASSWORD }) });
    const { csrfToken } = (await login.json()) as { csrfToken: string };
    const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken };
    const poll = async (id: number) => {
      for (;;) {
        const b = (await (await fetch(`${server.url}/api/imports/${id}`, { headers })).json()) as { status: string; error: unknown; report: { problemsTotal: number } };
        if (b.status !== 'checking' && b.status !== 'committing') return b;
        await sleep(100);
      }
    };
    const form = new FormData();
    form.set('file', new File([file.slice()], 'ledger.csv'));
    form.set('kind', 'households');
    const t0 = performance.now();
    const up = (await (await fetch(`${server.url}/api/imports`, { method: 'POST', headers, body: form })).json()) as { id: number };
    const checked = await poll(up.id);
    const checkMs = performance.now() - t0;
    if (checked.status !== 'ready') throw new Error(`the dry run ended ${checked.status}: ${JSON.stringify(checked.error ?? checked.report.problemsTotal)}`);

    const t1 = performance.now();
    const res = await fetch(`${server.url}/api/imports/${up.id}/commit`, { method: 'POST', headers: { ...headers, 'content-type': 'application/json' }, body: '{}' });
    if (res.status !== 202) throw new Error(`commit answered ${res.status}`);
    let done = false;
    const committed = poll(up.id).then((b) => ((done = true), b));
    const health: number[] = [];
    while (!done) {
      const p0 = performance.now();
      await (await fetch(`${server.url}/api/health`)).arrayBuffer();
      health.push(performance.now() - p0);
      await sleep(PROBE_EVERY_MS);
    }
    const final = await committed;
    const commitMs = performance.now() - t1;
    if (final.status !== 'committed') throw new Error(`the commit ended ${final.status}: ${JSON.stringify(final.error)}`);
    return { checkMs, commitMs, health };
  } finally {
    await server.close();
  }
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'anju-bench-imports-'));
  try {
    const seeded = join(dir, 'seeded.db');
    const db = openDatabase(seeded);
    seedDatabase(db, createPersonalDataCipher(loadDataKey(seeded)), { households: HOUSEHOLDS, seed: 1 });
    seedDemoUsers(db);
    const file = gbkCsv(ledgerRows(spots(db, { limit: 2000 }), ROWS));
    db.pragma('wal_checkpoint(TRUNCATE)');
    db.close();
    const copy = (name: string) => {
      const path = join(dir, name);
      copyFileSync(seeded, path); // the key file beside them serves both copies
      return path;
    };
    const before = sizeOf(seeded);
    const pooledDb = copy('pooled.db');
    const pooled = await importOnce(pooledDb, file, {});
    // After the server closed: the WAL is checkpointed into the file.
    const grownBytes = sizeOf(pooledDb) - before;
    const inline = await importOnce(copy('inline.db'), file, { threads: 0 });
    const versus = (name: string, unit: string, value: number, baseline: number): BenchResult => ({ name, value, unit, baseline, ratio: value / baseline });
    return [
      versus(`dry run of ${ROWS.toLocaleString('en-US')} rows (${(file.length / 1048576).toFixed(1)} MB GBK CSV), upload to ready`, 'ms', pooled.checkMs, inline.checkMs),
      versus('commit (fresh check + one transaction), to committed', 'ms', pooled.commitMs, inline.commitMs),
      versus('health p50 during the commit', 'ms', percentile(pooled.health, 50), percentile(inline.health, 50)),
      versus('health p99 during the commit', 'ms', percentile(pooled.health, 99), percentile(inline.health, 99)),
      versus('health max during the commit', 'ms', Math.max(...pooled.health), Math.max(...inline.health)),
      versus('health answers during the commit', 'count', pooled.health.length, inline.health.length),
      { name: `database growth for ${ROWS.toLocaleString('en-US')} households (file + WAL)`, value: grownBytes / 1048576, unit: 'MB' },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
