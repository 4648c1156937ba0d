// Crash safety: the real server process takes a stream of writes — alerts from the county, appraisals
// from the county's technician, patrol results from the village inspector — and is killed (SIGKILL)
// in the middle of it. Restarted on the same file, it has every write it acknowledged with a 2xx, none
// half-written (an appraisal without its ledger move, a move without its transition or audit row), the
// audit chain unbroken and `PRAGMA integrity_check` ok. Then SIGTERM: a request in flight still
// finishes (201), new connections are refused, the process exits 0 and leaves no WAL behind.
import Database from 'better-sqlite3';
import { existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../data/seed-db.ts';
import { loadDataKey } from '../../server/config.ts';
import { verifyAuditLog } from '../../server/db/audit.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { seedDemoInspectors, seedDemoUsers } from '../../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { chinaDay } from '../../server/domain/deadlines.ts';
import { call, signIn, startServerProcess, type HttpSession, type ServerProcess } from './server-process.ts';

/** Acknowledged writes before the kill: enough that the three streams are all under way. */
const KILL_AFTER = 45;
const MARK = 'crash-test';

let dir: string;
let dbPath: string;
let server: ServerProcess | null = null;
/** Row ids the seed ended at: what a test's writes added lies above them. */
let seeded: { transition: number; audit: number };
let monitoredHouses: number[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'anju-crash-'));
  dbPath = join(dir, 'anju.db');
  const db = openDatabase(dbPath);
  try {
    seedDatabase(db, createPersonalDataCipher(loadDataKey(dbPath)), { households: 1200, seed: 9 });
    seedDemoUsers(db);
    seedDemoInspectors(db);
    const max = (table: string) => (db.prepare(`SELECT coalesce(max(id), 0) AS n FROM ${table}`).get() as { n: number }).n;
    seeded = { transition: max('house_transitions'), audit: max('audit_log') };
    monitoredHouses = (
      db.prepare("SELECT id FROM houses WHERE is_current = 1 AND status = 'monitoring' ORDER BY id LIMIT 400").all() as { id: number }[]
    ).map((r) => r.id);
  } finally {
    db.close();
  }
});

afterAll(async () => {
  if (server && server.proc.exitCode === null && server.proc.signalCode === null) {
    server.proc.kill('SIGKILL');
    await server.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

/** What the streams sent and what the server acknowledged. */
const sent = {
  alerts: [] as { headline: string; id: number | null }[],
  appraisals: [] as { houseId: number; id: number | null }[],
  stops: [] as { stopId: number; key: string; acked: boolean }[],
};

const square = (x0: number, y0: number, d: number) => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x0 + d, y0], [x0 + d, y0 + d], [x0, y0 + d], [x0, y0]]],
});

/** The inspector's village houses put into tasks of the inspector's, as the township dispatches them. */
async function inspectorStops(url: string, township: HttpSession, inspector: HttpSession): Promise<number[]> {
  const me = (await call(url, inspector, 'GET', '/api/auth/me')).body.user as { id: number; region: { code: string } };
  const ro = new Database(dbPath, { readonly: true });
  const households = (ro.prepare('SELECT id FROM households WHERE village_code = ? ORDER BY id').all(me.region.code) as { id: number }[]).map((r) => r.id);
  ro.close();
  const made = await call(url, township, 'POST', '/api/dispatch/manual', { householdIds: households, dueHours: 48, idempotencyKey: 'crash-test-tasks' });
  expect(made.status, JSON.stringify(made.body)).toBe(201);
  for (const task of made.body.tasks as { id: number }[]) {
    const moved = await call(url, township, 'PATCH', `/api/tasks/${task.id}`, { assigneeId: me.id });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
  }
  const ro2 = new Database(dbPath, { readonly: true });
  const taskIds = (made.body.tasks as { id: number }[]).map((t) => t.id);
  const stops = ro2.prepare(`SELECT id FROM patrol_stops WHERE task_id IN (${taskIds.map(() => '?').join(',')}) ORDER BY id`).all(...taskIds) as { id: number }[];
  ro2.close();
  return stops.map((s) => s.id);
}

describe('a server killed mid-write', () => {
  it('keeps every acknowledged write, whole, after SIGKILL and a restart; integrity_check ok', async () => {
    server = await startServerProcess(dbPath);
    const url = server.url;
    const [county, staff, township, inspector] = (await Promise.all(['county', 'staff', 'township', 'inspector'].map((u) => signIn(url, u)))) as [
      HttpSession,
      HttpSession,
      HttpSession,
      HttpSession,
    ];
    const staffId = (await call(url, staff, 'GET', '/api/auth/me')).body.user.id as number;
    const trained = await call(url, county, 'POST', '/api/trainings', {
      userId: staffId,
      kind: 'appraisal',
      course: '农村住房安全性鉴定',
      trainedOn: '2026-01-10',
      validUntil: '2099-01-10',
    });
    expect(trained.status, JSON.stringify(trained.body)).toBe(201);
    const stopIds = await inspectorStops(url, township, inspector);
    const taskOf = new Database(dbPath, { readonly: true });
    const stopTask = new Map((taskOf.prepare('SELECT id, task_id AS taskId FROM patrol_stops').all() as { id: number; taskId: number }[]).map((r) => [r.id, r.taskId]));
    taskOf.close();
    expect(stopIds.length).toBeGreaterThan(5);

    const victim = server;
    let acked = 0;
    let killed = false;
    const ack = () => {
      if (++acked >= KILL_AFTER && !killed) {
        killed = true;
        victim.proc.kill('SIGKILL');
      }
    };
    /** Runs one stream until the kill: a refused write before it fails the test; a lost connection after it is expected. */
    const stream = async (write: (i: number) => Promise<boolean>) => {
      for (let i = 0; !killed; i++) {
        try {
          if (!(await write(i))) return;
        } catch (err) {
          if (!killed) throw err;
        }
      }
    };
    const today = chinaDay(new Date());
    let alertNo = 0;
    let houseNo = 0;
    let stopNo = 0;
    const alertStream = () =>
      stream(async () => {
        const n = alertNo++;
        const entry = { headline: `${MARK} 暴雨黄色预警 ${n}`, id: null as number | null };
        sent.alerts.push(entry);
        const res = await call(url, county, 'POST', '/api/alerts', {
          type: 'rainstorm',
          level: 'yellow',
          headline: entry.headline,
          expiresAt: '2099-07-11T08:00:00+08:00',
          geometry: square(108.64 + (n % 10) * 0.01, 33.06, 0.05),
        });
        if (killed && res.status >= 300) return false;
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        entry.id = res.body.id;
        ack();
        return true;
      });
    const appraisalStream = () =>
      stream(async () => {
        const houseId = monitoredHouses[houseNo++];
        if (houseId === undefined) return false;
        const entry = { houseId, id: null as number | null };
        sent.appraisals.push(entry);
        const res = await call(url, staff, 'POST', `/api/houses/${houseId}/appraisals`, {
          date: today,
          kind: 'formal',
          grade: 'C',
          appraiserId: staffId,
          notes: MARK,
        });
        if (killed && res.status >= 300) return false;
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        entry.id = res.body.appraisal.id;
        ack();
        return true;
      });
    const stopStream = () =>
      stream(async () => {
        const stopId = stopIds[stopNo++];
        if (stopId === undefined) return false;
        const entry = { stopId, key: `${MARK}-stop-${stopId}`, acked: false };
        sent.stops.push(entry);
        const res = await call(url, inspector, 'POST', `/api/tasks/${stopTask.get(stopId)}/stops/${stopId}/result`, {
          result: 'safe',
          observedAt: new Date().toISOString(),
          idempotencyKey: entry.key,
        });
        if (killed && res.status >= 300) return false;
        expect(res.status, JSON.stringify(res.body)).toBeLessThan(300);
        entry.acked = true;
        ack();
        return true;
      });
    // Two of each at once, so that several writes are in flight when the kill comes.
    await Promise.all([alertStream(), alertStream(), appraisalStream(), appraisalStream(), stopStream(), stopStream()]);
    expect(killed, 'the streams ran long enough to be killed').toBe(true);
    expect(await victim.exited).toEqual({ code: null, signal: 'SIGKILL' });
    // Killed, not closed: the committed writes are (at least partly) only in the WAL, which the restart must read.
    expect(existsSync(`${dbPath}-wal`)).toBe(true);

    server = await startServerProcess(dbPath);
    const again = await signIn(server.url, 'county');
    const ackedAlerts = sent.alerts.filter((a) => a.id !== null);
    expect(ackedAlerts.length).toBeGreaterThan(0);
    for (const a of ackedAlerts) {
      const res = await call(server.url, again, 'GET', `/api/alerts/${a.id}`);
      expect([res.status, res.body.properties?.headline], `alert ${a.id}`).toEqual([200, a.headline]);
    }
    for (const a of sent.appraisals.filter((x) => x.id !== null)) {
      const res = await call(server.url, again, 'GET', `/api/houses/${a.houseId}/ledger`);
      expect([res.status, res.body.state, res.body.grade], `house ${a.houseId}`).toEqual([200, 'listed', 'C']);
    }
  });

  it('finishes a request in flight on SIGTERM, refuses new connections, exits 0 and leaves one clean file', async () => {
    const running = server!;
    const county = await signIn(running.url, 'county');
    const body = JSON.stringify({
      type: 'flood',
      level: 'orange',
      headline: `${MARK} 洪水橙色预警（停机时在途）`,
      expiresAt: '2099-07-11T08:00:00+08:00',
      geometry: square(108.7, 33.1, 0.05),
    });
    const { port, hostname } = new URL(running.url);
    // Expect: 100-continue — the server's "go on" proves it has taken the request before the signal.
    const req = http.request({
      host: hostname,
      port,
      method: 'POST',
      path: '/api/alerts',
      headers: {
        cookie: county.cookie,
        'x-csrf-token': county.csrfToken,
        'content-type': 'application/json',
        'content-length': Buffer.byteLength(body),
        expect: '100-continue',
      },
    });
    const answer = new Promise<{ status: number; body: any }>((resolve, reject) => {
      // (a lost connection fails the test where it is awaited, not as an unhandled rejection)
      req.on('response', (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString('utf8')) }));
      });
      req.on('error', reject);
    });
    await new Promise<void>((resolve) => req.once('continue', resolve));
    const half = Math.floor(body.length / 2);
    req.write(body.slice(0, half));

    running.proc.kill('SIGTERM');
    await running.waitForLine(/SIGTERM: shutting down/);
    // A new connection (not one of fetch's pooled ones, which the shutdown has closed).
    const refused = await new Promise<string>((resolve) =>
      http.get({ host: hostname, port, path: '/api/health', agent: false }, (res) => resolve(`answered ${res.statusCode}`)).on('error', (err: NodeJS.ErrnoException) => resolve(err.code!)),
    );
    expect(refused).toBe('ECONNREFUSED');
    expect(running.proc.exitCode).toBeNull(); // still there, waiting for the request in flight

    req.end(body.slice(half));
    const done = await answer;
    expect(done.status, JSON.stringify(done.body)).toBe(201);
    expect(await running.exited).toEqual({ code: 0, signal: null });
    expect(running.lines).toContain('[anju] stopped');
    // Closed cleanly: the WAL checkpointed into the file and removed.
    expect(!existsSync(`${dbPath}-wal`) || statSync(`${dbPath}-wal`).size === 0).toBe(true);

    const db = new Database(dbPath, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(db.pragma('foreign_key_check')).toEqual([]);
      expect(verifyAuditLog(db).ok).toBe(true);
      const alertRow = db.prepare('SELECT id FROM alerts WHERE id = ? AND headline = ?');
      expect(alertRow.get(done.body.id, JSON.parse(body).headline), 'the alert written during shutdown').toBeDefined();
      const audited = db.prepare("SELECT count(*) AS n FROM audit_log WHERE entity = ? AND entity_id = ? AND id > ?");
      const count = (stmt: Database.Statement, ...args: unknown[]) => (stmt.get(...args) as { n: number }).n;

      // Every alert acknowledged is there; any alert there (acknowledged or not) has its audit row.
      for (const a of sent.alerts) {
        const row = db.prepare('SELECT id FROM alerts WHERE headline = ?').get(a.headline) as { id: number } | undefined;
        if (a.id !== null) expect(row?.id, a.headline).toBe(a.id);
        if (row) expect(count(audited, 'alert', String(row.id), seeded.audit), `audit of alert ${row.id}`).toBe(1);
      }

      // Appraisals: acknowledged ones whole; the ones in flight at the kill either whole or not at all.
      const appraisals = db.prepare('SELECT id, case_id AS caseId FROM appraisals WHERE house_id = ? AND notes = ?');
      const transitions = db.prepare("SELECT action, to_state AS toState, case_id AS caseId FROM house_transitions WHERE house_id = ? AND id > ?");
      const house = db.prepare('SELECT status, case_id AS caseId, grade FROM houses WHERE id = ?');
      let whole = 0;
      for (const a of sent.appraisals) {
        const rows = appraisals.all(a.houseId, MARK) as { id: number; caseId: number }[];
        const moves = transitions.all(a.houseId, seeded.transition) as { action: string; toState: string; caseId: number }[];
        const h = house.get(a.houseId) as { status: string; caseId: number | null; grade: string };
        if (a.id !== null) expect(rows.map((r) => r.id), `house ${a.houseId}`).toEqual([a.id]);
        if (rows.length === 0) {
          expect([moves, h.status], `house ${a.houseId} untouched`).toEqual([[], 'monitoring']);
          continue;
        }
        whole++;
        expect(moves, `house ${a.houseId}`).toEqual([{ action: 'appraise', toState: 'listed', caseId: rows[0]!.caseId }]);
        expect(h, `house ${a.houseId}`).toEqual({ status: 'listed', caseId: rows[0]!.caseId, grade: 'C' });
        expect(count(audited, 'house', String(a.houseId), seeded.audit), `audit of house ${a.houseId}`).toBeGreaterThan(0);
      }
      expect(whole).toBeGreaterThanOrEqual(sent.appraisals.filter((a) => a.id !== null).length);

      // Patrol results: acknowledged ones recorded; none recorded without its key, none half.
      const stop = db.prepare('SELECT result, idempotency_key AS key, reported_at AS reportedAt FROM patrol_stops WHERE id = ?');
      for (const s of sent.stops) {
        const row = stop.get(s.stopId) as { result: string | null; key: string | null; reportedAt: string | null };
        if (s.acked) expect(row, `stop ${s.stopId}`).toMatchObject({ result: 'safe', key: s.key });
        if (row.result === null) expect(row, `stop ${s.stopId} untouched`).toMatchObject({ key: null, reportedAt: null });
        else expect(row, `stop ${s.stopId}`).toMatchObject({ result: 'safe', key: s.key, reportedAt: expect.any(String) });
      }

      // Across the whole county: every house stands where its latest transition left it.
      const stray = db
        .prepare(
          `SELECT o.id, o.status, t.to_state AS last FROM houses o
             JOIN house_transitions t ON t.id = (SELECT max(id) FROM house_transitions WHERE house_id = o.id)
            WHERE o.status <> t.to_state`,
        )
        .all();
      expect(stray).toEqual([]);
    } finally {
      db.close();
    }
    server = null;
  });
});
