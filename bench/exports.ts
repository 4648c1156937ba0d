// Exports of whole lists (GET /api/exports/:file) on the demo county (20,000 households, seed 1, its
// ledger): the county-wide ledger as CSV, XLSX and GeoJSON, then the audit log grown to 200,000 rows
// as CSV and XLSX. For each: time to the last byte, size, and how far the heap and the resident set
// rose above where they stood before the request (sampled every 10 ms and every 16 chunks read). The body is read and dropped
// chunk by chunk, as a client on the network would. The baseline of a time is the same list's CSV.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDemoLedger } from '../data/demo-ledger.ts';
import { seedDatabase } from '../data/seed-db.ts';
import { createApp } from '../server/app.ts';
import { loadDataKey } from '../server/config.ts';
import { writeAudit } from '../server/db/audit.ts';
import { openDatabase } from '../server/db/connection.ts';
import { DEMO_PASSWORD, seedDemoInspectors, seedDemoUsers } from '../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import type { BenchResult } from './run.ts';

const AUDIT_ROWS = 200_000;

async function measure(app: ReturnType<typeof createApp>['app'], cookie: string, path: string) {
  globalThis.gc?.();
  const base = process.memoryUsage();
  let peakHeap = base.heapUsed;
  let peakRss = base.rss;
  const sample = () => {
    const m = process.memoryUsage();
    peakHeap = Math.max(peakHeap, m.heapUsed);
    peakRss = Math.max(peakRss, m.rss);
  };
  // A timer, and every few chunks read: an in-process reader may keep the loop in microtasks for a while.
  const sampler = setInterval(sample, 10);
  const t0 = performance.now();
  const res = await app.request(path, { headers: { cookie } });
  if (res.status !== 200) throw new Error(`${path} → ${res.status} ${await res.text()}`);
  const reader = res.body!.getReader();
  let bytes = 0;
  for (let chunks = 1; ; chunks++) {
    const { done, value } = await reader.read();
    if (done) break;
    bytes += value.byteLength;
    if (chunks % 16 === 0) sample();
  }
  const ms = performance.now() - t0;
  clearInterval(sampler);
  return { ms, bytes, rows: Number(res.headers.get('x-row-count')), heapMb: (peakHeap - base.heapUsed) / 2 ** 20, rssMb: (peakRss - base.rss) / 2 ** 20 };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'anju-bench-exports-'));
  const dbPath = join(dir, 'anju.db');
  const db = openDatabase(dbPath);
  const dataKey = loadDataKey(dbPath);
  seedDatabase(db, createPersonalDataCipher(dataKey), { households: 20_000, seed: 1 });
  seedDemoUsers(db);
  seedDemoInspectors(db);
  seedDemoLedger(db, { seed: 1 });
  const { app, pool } = createApp({ db, dataKey });
  const login = await app.request('/api/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'county', password: DEMO_PASSWORD }),
  });
  const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
  const out: BenchResult[] = [];
  const report = async (label: string, path: string, baselineMs?: number) => {
    const m = await measure(app, cookie, path);
    out.push(
      { name: `${label}: time (${m.rows.toLocaleString('en')} rows)`, value: m.ms, unit: 'ms', ...(baselineMs ? { baseline: baselineMs, ratio: m.ms / baselineMs } : {}) },
      { name: `${label}: size`, value: m.bytes / 1024, unit: 'KiB' },
      { name: `${label}: peak heap growth`, value: m.heapMb, unit: 'MiB' },
      { name: `${label}: peak RSS growth`, value: m.rssMb, unit: 'MiB' },
    );
    return m.ms;
  };
  try {
    const ledgerCsv = await report('ledger.csv (county)', '/api/exports/ledger.csv');
    await report('ledger.xlsx (county)', '/api/exports/ledger.xlsx', ledgerCsv);
    await report('ledger.geojson (county)', '/api/exports/ledger.geojson', ledgerCsv);
    db.transaction(() => {
      const start = Date.now() - AUDIT_ROWS * 1000;
      for (let i = 0; i < AUDIT_ROWS; i++) {
        writeAudit(db, { userId: 1, username: 'county', action: 'house.edit', entity: 'house', entityId: 1 + (i % 20_000), before: { storeys: 1 }, after: { storeys: 2, floorArea: 96.5 } }, new Date(start + i * 1000));
      }
    })();
    const auditCsv = await report(`audit.csv (${AUDIT_ROWS.toLocaleString('en')} rows)`, '/api/exports/audit.csv');
    await report(`audit.xlsx (${AUDIT_ROWS.toLocaleString('en')} rows)`, '/api/exports/audit.xlsx', auditCsv);
  } finally {
    await pool.close();
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return out;
}
