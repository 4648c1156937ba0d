// Backups while the server runs, and restores: `npm run backup` copies the database with SQLite's
// online backup API while the real server process takes a stream of writes, then the photos and the
// import files, and warns that the personal-data key is not in it; `npm run restore` puts it in a fresh
// place (integrity ok, the data as at the backup's moment, the photos there) and refuses a damaged
// file, a foreign SQLite file, a file that is no database, and an existing database without --force.
import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDatabase } from '../../data/seed-db.ts';
import { ROOT, loadDataKey } from '../../server/config.ts';
import { verifyAuditLog } from '../../server/db/audit.ts';
import { openDatabase } from '../../server/db/connection.ts';
import { seedDemoUsers } from '../../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { csvText, ledgerRows, spots } from './import-files.ts';
import { until } from './over-http.ts';
import { call, signIn, startServerProcess, type HttpSession, type ServerProcess } from './server-process.ts';

let dir: string;
let dbPath: string;
let server: ServerProcess | null = null;
let county: HttpSession;
let photoSha: string;
const backup = () => join(dir, 'backups', 'county.db');
const MARK = 'backup-test';

/** Runs a CLI as an operator would, with the server's environment; resolves with its exit code and output. */
function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const proc = spawn(args[0] === 'npm' ? 'npm' : process.execPath, args[0] === 'npm' ? args.slice(1) : ['--import', 'tsx', ...args], {
      cwd: ROOT,
      env: { ...process.env, ANJU_DB: dbPath, ANJU_IMPORT_DIR: join(dir, 'imports'), ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    proc.stdout.on('data', (d: Buffer) => (out += d.toString('utf8')));
    proc.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    proc.on('exit', (code) => resolve({ code, out, err }));
  });
}
const restore = (args: string[], env: Record<string, string> = {}) => cli([join(ROOT, 'server', 'cli', 'restore.ts'), ...args], env);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'anju-backup-'));
  dbPath = join(dir, 'anju.db');
  mkdirSync(join(dir, 'backups'));
  const db = openDatabase(dbPath);
  try {
    seedDatabase(db, createPersonalDataCipher(loadDataKey(dbPath)), { households: 800, seed: 21 });
    seedDemoUsers(db);
  } finally {
    db.close();
  }
  server = await startServerProcess(dbPath, { ANJU_IMPORT_DIR: join(dir, 'imports') });
  county = await signIn(server.url, 'county');
  // A field photo and an uploaded import file: what the folders beside the database hold.
  const jpeg = await sharp({ create: { width: 30, height: 20, channels: 3, background: '#7a5230' } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'wall.jpg');
  const photo = await fetch(`${server.url}/api/photos`, { method: 'POST', body: form, headers: { cookie: county.cookie, 'x-csrf-token': county.csrfToken } });
  expect(photo.status).toBe(201);
  photoSha = ((await photo.json()) as { photo: { sha256: string } }).photo.sha256;
  const ro = new Database(dbPath, { readonly: true });
  const csv = csvText(ledgerRows(spots(ro, { limit: 3 }), 3));
  ro.close();
  const upload = new FormData();
  upload.set('file', new File([csv], 'households.csv'));
  upload.set('kind', 'households');
  const imported = await fetch(`${server.url}/api/imports`, { method: 'POST', body: upload, headers: { cookie: county.cookie, 'x-csrf-token': county.csrfToken } });
  expect(imported.status, await imported.clone().text()).toBeLessThan(300);
});

afterAll(async () => {
  if (server && server.proc.exitCode === null && server.proc.signalCode === null) {
    server.proc.kill('SIGTERM');
    await server.exited;
  }
  rmSync(dir, { recursive: true, force: true });
});

const alertsIn = (path: string) => {
  const db = new Database(path, { readonly: true });
  try {
    return db.prepare('SELECT * FROM alerts WHERE headline LIKE ? ORDER BY id').all(`${MARK}%`) as { id: number }[];
  } finally {
    db.close();
  }
};

describe('npm run backup while the server writes', () => {
  it('copies one consistent moment — every write acknowledged before it, none half — with the photos and import files, and warns the key is not in it', async () => {
    const acked: number[] = [];
    let writing = true;
    let n = 0;
    const writer = (async () => {
      while (writing) {
        const res = await call(server!.url, county, 'POST', '/api/alerts', {
          type: 'rainstorm',
          level: 'blue',
          headline: `${MARK} ${n++}`,
          expiresAt: '2099-07-11T08:00:00+08:00',
          geometry: { type: 'Polygon', coordinates: [[[108.64, 33.06], [108.7, 33.06], [108.7, 33.1], [108.64, 33.06]]] },
        });
        expect(res.status, JSON.stringify(res.body)).toBe(201);
        acked.push(res.body.id);
      }
    })();
    await until(() => acked.length >= 5, 'the server has taken a few writes');
    const before = [...acked];
    const made = await cli(['npm', 'run', '--silent', 'backup', '--', '--out', backup()]);
    const after = [...acked];
    await until(() => acked.length >= after.length + 2, 'the server still takes writes after the backup');
    writing = false;
    await writer;

    expect(made.code, made.err).toBe(0);
    expect(made.out).toMatch(/integrity ok/);
    expect(made.err).toContain('WARNING: the personal-data key is NOT in this backup');
    expect(made.err).toContain(join(dir, '.anju-key'));

    const copy = new Database(backup(), { readonly: true });
    try {
      expect(copy.pragma('integrity_check', { simple: true })).toBe('ok');
      expect(copy.pragma('journal_mode', { simple: true })).toBe('delete'); // one self-contained file
      expect(verifyAuditLog(copy).ok).toBe(true);
    } finally {
      copy.close();
    }
    // Everything acknowledged before the backup started is in it; what it holds is exactly the writes up
    // to one moment (the writer is sequential, so a prefix of the ids), no later than its end — at most
    // the one write in flight when it finished.
    const inBackup = alertsIn(backup()).map((a) => a.id);
    expect(inBackup).toEqual(expect.arrayContaining(before));
    const last = Math.max(...inBackup);
    expect(inBackup).toEqual(acked.filter((id) => id <= last));
    expect(last).toBeLessThanOrEqual(acked[after.length]!);
    // Rows equal to the live database's, up to that moment.
    expect(alertsIn(backup())).toEqual(alertsIn(dbPath).filter((a) => a.id <= last));

    expect(existsSync(join(`${backup()}.photos`, readdirSync(join(dir, 'photos'), { recursive: true }).map(String).find((f) => f.includes(photoSha))!))).toBe(true);
    expect(readdirSync(`${backup()}.imports`, { recursive: true }).length).toBeGreaterThan(0);
    expect(readdirSync(`${backup()}.imports`, { recursive: true }).map(String).sort()).toEqual(readdirSync(join(dir, 'imports'), { recursive: true }).map(String).sort());
  });
});

describe('npm run restore', () => {
  it('restores into a fresh place: integrity ok, the backup’s data, the photos; warns until the key is back, then the server reads the personal data', async () => {
    const fresh = join(dir, 'fresh');
    const target = join(fresh, 'anju.db');
    const done = await restore(['--from', backup(), '--db', target], { ANJU_IMPORT_DIR: join(fresh, 'imports') });
    expect(done.code, done.err).toBe(0);
    expect(done.out).toMatch(/800 households/);
    expect(done.err).toContain(`WARNING: no personal-data key for ${target}`);

    const db = new Database(target, { readonly: true });
    try {
      expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    } finally {
      db.close();
    }
    expect(alertsIn(target)).toEqual(alertsIn(backup()));
    const photoFiles = readdirSync(join(dir, 'photos'), { recursive: true }).map(String).filter((f) => f.includes(photoSha));
    expect(photoFiles.length).toBeGreaterThan(0);
    for (const f of photoFiles) expect(readFileSync(join(fresh, 'photos', f))).toEqual(readFileSync(join(dir, 'photos', f)));
    expect(readdirSync(join(fresh, 'imports'), { recursive: true }).map(String).sort()).toEqual(readdirSync(`${backup()}.imports`, { recursive: true }).map(String).sort());

    // The key, kept apart, put back: the restore says it fits, and a server on the restored file opens the numbers.
    copyFileSync(join(dir, '.anju-key'), join(fresh, '.anju-key'));
    const again = await restore(['--from', backup(), '--db', target, '--force'], { ANJU_IMPORT_DIR: join(fresh, 'imports') });
    expect(again.code, again.err).toBe(0);
    expect(again.out).toMatch(/key \(.*\.anju-key\) opens this backup/);
    expect(again.out).toMatch(/kept as .*anju\.db\.replaced-/);
    expect(readdirSync(fresh).filter((f) => f.startsWith('anju.db.replaced-'))).toHaveLength(1);

    const original = await call(server!.url, county, 'POST', '/api/households/1/unmask', { reason: '核对备份' });
    expect(original.status, JSON.stringify(original.body)).toBe(200);
    const restored = await startServerProcess(target, { ANJU_IMPORT_DIR: join(fresh, 'imports') });
    try {
      const s = await signIn(restored.url, 'county');
      const opened = await call(restored.url, s, 'POST', '/api/households/1/unmask', { reason: '核对备份' });
      expect(opened.status, JSON.stringify(opened.body)).toBe(200);
      expect(opened.body).toEqual(original.body);
    } finally {
      restored.proc.kill('SIGTERM');
      expect(await restored.exited).toEqual({ code: 0, signal: null });
    }
  });

  it('refuses a damaged file, a foreign SQLite file, a file that is no database and an existing database without --force — touching nothing', async () => {
    const target = join(dir, 'refused', 'anju.db');
    mkdirSync(join(dir, 'refused'));

    const damaged = join(dir, 'damaged.db');
    const bytes = readFileSync(backup());
    const pageSize = bytes.readUInt16BE(16);
    for (let page = 2; page < Math.min(bytes.length / pageSize, 40); page += 3) bytes.fill(0xa5, page * pageSize + 8, page * pageSize + 200);
    writeFileSync(damaged, bytes);
    const r1 = await restore(['--from', damaged, '--db', target]);
    expect([r1.code, r1.err]).toEqual([2, expect.stringMatching(/^refused: .*damaged\.db is damaged/)]);

    const foreign = join(dir, 'foreign.db');
    const other = new Database(foreign);
    other.exec('CREATE TABLE notes (id INTEGER PRIMARY KEY, text TEXT); INSERT INTO notes (text) VALUES (\'hello\')');
    other.close();
    const r2 = await restore(['--from', foreign, '--db', target]);
    expect([r2.code, r2.err]).toEqual([2, expect.stringMatching(/^refused: .*foreign\.db is an SQLite database but not an Anju one/)]);

    const text = join(dir, 'notes.txt');
    writeFileSync(text, 'not a database at all\n'.repeat(200));
    const r3 = await restore(['--from', text, '--db', target]);
    expect([r3.code, r3.err]).toEqual([2, expect.stringMatching(/^refused: .*notes\.txt is not an SQLite database/)]);
    expect(readdirSync(join(dir, 'refused'))).toEqual([]);

    // The live database of the running server: not without --force.
    const live = readFileSync(dbPath);
    const r4 = await restore(['--from', backup(), '--db', dbPath]);
    expect([r4.code, r4.err]).toEqual([2, expect.stringMatching(/^refused: .*anju\.db exists and a restore replaces it\. Stop the server, then run again with --force/)]);
    expect(readFileSync(dbPath).equals(live)).toBe(true);
  });
});
