// The one source of numbers on the 20,000-household demo county with its ledger, on 20 November 2026
// with two county-wide warnings in force (one dispatched): GET /api/dashboard for the county — the
// exposure of the warnings on the pool, and with the pool at 0 threads (all inline) as the baseline —
// and the monthly report's XLSX: encoding alone on this thread (what decided to put it on the pool),
// its size, and the whole request.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoLedger } from '../data/demo-ledger.ts';
import { seedDatabase } from '../data/seed-db.ts';
import { createApp } from '../server/app.ts';
import { loadDataKey } from '../server/config.ts';
import { openDatabase } from '../server/db/connection.ts';
import { DEMO_PASSWORD, seedDemoInspectors, seedDemoUsers } from '../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import { monthlyXlsx } from '../server/reports/monthly-xlsx.ts';
import type { BenchResult } from './run.ts';

const HOUSEHOLDS = 20_000;
const RUNS = 10;
const NOW = Date.parse('2026-11-20T02:00:00Z');

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

async function timed<T>(f: () => Promise<T>): Promise<{ ms: number[]; last: T }> {
  const ms: number[] = [];
  let last!: T;
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    last = await f();
    ms.push(performance.now() - t0);
  }
  return { ms, last };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'anju-bench-'));
  try {
    const dbPath = join(dir, 'anju.db');
    const dataKey = loadDataKey(dbPath);
    {
      const db = openDatabase(dbPath);
      seedDatabase(db, createPersonalDataCipher(dataKey), { households: HOUSEHOLDS, seed: 1 });
      seedDemoUsers(db);
      seedDemoInspectors(db);
      seedDemoLedger(db, { seed: 1 });
      db.close();
    }
    const measure = async (threads?: number) => {
      const { app, pool, db } = createApp({ dbPath, dataKey, now: () => NOW, ...(threads === undefined ? {} : { workers: { threads } }) });
      try {
        const login = await app.request('/api/auth/login', {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ username: 'county', password: DEMO_PASSWORD }),
        });
        const { csrfToken } = (await login.json()) as { csrfToken: string };
        const headers = { cookie: login.headers.get('set-cookie')!.split(';')[0]!, 'x-csrf-token': csrfToken, 'content-type': 'application/json' };
        const get = (path: string) => app.request(path, { headers });
        if (threads === undefined) {
          const [w, s, e, n] = (db.prepare("SELECT min(min_lon), min(min_lat), max(max_lon), max(max_lat) FROM house_rtree").raw().get() as number[]);
          const ring = [[w! - 0.01, s! - 0.01], [e! + 0.01, s! - 0.01], [e! + 0.01, n! + 0.01], [w! - 0.01, n! + 0.01], [w! - 0.01, s! - 0.01]];
          for (const [type, level] of [['rainstorm', 'red'], ['geological', 'yellow']]) {
            const res = await app.request('/api/alerts', {
              method: 'POST',
              headers,
              body: JSON.stringify({ type, level, headline: `${type} ${level}`, expiresAt: '2026-11-21T00:00:00Z', geometry: { type: 'Polygon', coordinates: [ring] } }),
            });
            const id = ((await res.json()) as { id: number }).id;
            if (level === 'red') await app.request(`/api/alerts/${id}/dispatch`, { method: 'POST', headers });
          }
        }
        const dashboard = await timed(async () => {
          const res = await get('/api/dashboard');
          if (res.status !== 200) throw new Error(`dashboard answered ${res.status}: ${await res.text()}`);
          return res.json();
        });
        const xlsxRequest = await timed(async () => new Uint8Array(await (await get('/api/reports/monthly.xlsx?month=2026-11')).arrayBuffer()));
        const report = await (await get('/api/reports/monthly?month=2026-11')).json();
        return { dashboard, xlsxRequest, report };
      } finally {
        await pool.close();
        db.close();
      }
    };
    const pooled = await measure();
    const inline = await measure(0);
    const encode = await timed(() => monthlyXlsx(pooled.report));
    const exposed = (pooled.dashboard.last as { warnings: { exposed: number }[] }).warnings.map((w) => w.exposed).join(' + ');
    return [
      {
        name: `GET /api/dashboard, county of ${HOUSEHOLDS} (2 warnings: ${exposed} exposed), median of ${RUNS} (pool vs inline)`,
        unit: 'ms',
        value: median(pooled.dashboard.ms),
        baseline: median(inline.dashboard.ms),
        ratio: median(pooled.dashboard.ms) / median(inline.dashboard.ms),
      },
      { name: 'monthly report XLSX, encoding alone on the main thread (median)', unit: 'ms', value: median(encode.ms) },
      { name: 'monthly report XLSX, file size', unit: 'bytes', value: encode.last.byteLength },
      {
        name: 'GET /api/reports/monthly.xlsx, county (pool vs inline, median)',
        unit: 'ms',
        value: median(pooled.xlsxRequest.ms),
        baseline: median(inline.xlsxRequest.ms),
        ratio: median(pooled.xlsxRequest.ms) / median(inline.xlsxRequest.ms),
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
