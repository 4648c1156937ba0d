// The audit log is tamper-evident (issue 9): every row carries a SHA-256 chained to the row before,
// REPLACE on an existing id is refused, and a change made behind the app's back — a second connection
// that drops the triggers — is found by GET /api/audit/verify and by `npm run audit:verify`.
import Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection.ts';
import { auditRowHash, GENESIS_HASH } from '../../server/domain/audit-chain.ts';
import { seededApp } from './harness.ts';

let t: ReturnType<typeof seededApp>;

beforeAll(async () => {
  t = seededApp(300, 7);
  // Some history: sign-ins, a failed one, an unmasking.
  await t.sessionOf('county');
  await t.sessionOf('township');
  await t.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'viewer', password: 'wrong-one' }) });
  await t.json('/api/households/1/unmask', { method: 'POST', body: { reason: '核实联系电话' } });
  await t.sessionOf('staff');
  await t.sessionOf('leader');
});
afterAll(() => t.close());

const verify = async () => (await t.json('/api/audit/verify')).body;
/** A second connection, as someone with the file would open it: no app, no triggers kept. */
function behindTheBack<T>(fn: (raw: Database.Database) => T): T {
  const raw = new Database(t.dbPath);
  try {
    raw.exec('DROP TRIGGER IF EXISTS audit_log_no_update; DROP TRIGGER IF EXISTS audit_log_no_delete; DROP TRIGGER IF EXISTS audit_log_append_only;');
    return fn(raw);
  } finally {
    raw.close();
  }
}
/** Puts the triggers back (migrations 002 and 007 made them) so later steps start from a sound log. */
function restoreTriggers(): void {
  const raw = new Database(t.dbPath);
  const sql = (name: string) => readFileSync(join('server/db/migrations', name), 'utf8');
  const triggers = (text: string) => text.match(/CREATE TRIGGER[\s\S]*?END;/g) ?? [];
  for (const file of readdirSync('server/db/migrations').filter((f) => /^00[27]-/.test(f))) {
    for (const trig of triggers(sql(file))) {
      const name = /CREATE TRIGGER (\w+)/.exec(trig)![1]!;
      raw.exec(`DROP TRIGGER IF EXISTS ${name}; ${trig}`);
    }
  }
  raw.close();
}

describe('audit chain', () => {
  it('chains every row to the one before and reports a sound log', async () => {
    const v = await verify();
    const n = (t.db.prepare('SELECT count(*) AS n FROM audit_log').get() as { n: number }).n;
    expect(v).toMatchObject({ ok: true, rows: n, firstBroken: null });
    expect(n).toBeGreaterThan(3);
    const rows = t.db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, any>[];
    expect(rows[0]!.prev_hash).toBe(GENESIS_HASH);
    for (let i = 1; i < rows.length; i++) expect(rows[i]!.prev_hash).toBe(rows[i - 1]!.hash);
    expect(v.head).toEqual({ id: rows.at(-1)!.id, hash: rows.at(-1)!.hash });
    expect((await t.json('/api/audit/verify', { as: 'staff' })).status).toBe(403);
  });

  it('refuses REPLACE on an existing id, and rows that do not extend the chain', () => {
    const head = t.db.prepare('SELECT id, hash FROM audit_log ORDER BY id DESC LIMIT 1').get() as { id: number; hash: string };
    expect(() =>
      t.db.prepare("INSERT OR REPLACE INTO audit_log (id, at, action, prev_hash, hash) VALUES (1, '2026-01-01T00:00:00Z', 'login', ?, 'x')").run(GENESIS_HASH),
    ).toThrow(/append-only/);
    expect(() => t.db.prepare("REPLACE INTO audit_log (id, at, action) VALUES (2, '2026-01-01T00:00:00Z', 'login')").run()).toThrow(/append-only/);
    // A new id, but no hash or a made-up predecessor: refused too.
    expect(() => t.db.prepare("INSERT INTO audit_log (at, action) VALUES ('2026-01-01T00:00:00Z', 'login')").run()).toThrow(/append-only/);
    expect(() =>
      t.db.prepare("INSERT INTO audit_log (id, at, action, prev_hash, hash) VALUES (?, '2026-01-01T00:00:00Z', 'login', ?, 'x')").run(head.id + 1, GENESIS_HASH),
    ).toThrow(/append-only/);
    expect((t.db.prepare('SELECT hash FROM audit_log WHERE id = 1').get() as { hash: string }).hash).not.toBe('x');
  });

  it('finds a row changed behind the app’s back', async () => {
    const target = t.db.prepare("SELECT id, reason FROM audit_log WHERE action = 'unmask'").get() as { id: number; reason: string };
    behindTheBack((raw) => raw.prepare("UPDATE audit_log SET reason = '例行检查' WHERE id = ?").run(target.id));
    const v = await verify();
    expect(v.ok).toBe(false);
    expect(v.firstBroken).toEqual({ id: target.id, reason: 'hash_mismatch' });
    behindTheBack((raw) => raw.prepare('UPDATE audit_log SET reason = ? WHERE id = ?').run(target.reason, target.id));
    restoreTriggers();
    expect((await verify()).ok).toBe(true);
  });

  it('finds a row replaced with a recomputed hash, and a row deleted from the middle', async () => {
    const failed = t.db.prepare("SELECT * FROM audit_log WHERE action = 'login.failed'").get() as Record<string, any>;
    // The forger rewrites the failed sign-in as a sign-in and even recomputes that row's own hash.
    behindTheBack((raw) => {
      const forged: Record<string, any> = { ...failed, action: 'login' };
      const hash = auditRowHash(failed.prev_hash, {
        id: forged.id, at: forged.at, userId: forged.user_id, username: forged.username, action: forged.action, entity: forged.entity,
        entityId: forged.entity_id, beforeJson: forged.before_json, afterJson: forged.after_json, reason: forged.reason, ip: forged.ip,
      });
      raw.prepare(
        `REPLACE INTO audit_log (id, at, user_id, username, action, entity, entity_id, before_json, after_json, reason, ip, prev_hash, hash)
         VALUES (@id, @at, @user_id, @username, @action, @entity, @entity_id, @before_json, @after_json, @reason, @ip, @prev_hash, @hash)`,
      ).run({ ...forged, hash });
    });
    const next = (t.db.prepare('SELECT min(id) AS id FROM audit_log WHERE id > ?').get(failed.id) as { id: number }).id;
    expect((await verify()).firstBroken).toEqual({ id: next, reason: 'prev_mismatch' });

    // The command-line check says the same, and fails.
    const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/audit-verify.ts', '--db', t.dbPath], { encoding: 'utf8' });
    expect(cli.status, cli.stderr).toBe(1);
    expect(JSON.parse(cli.stdout)).toMatchObject({ ok: false, firstBroken: { id: next, reason: 'prev_mismatch' } });

    // Put the original back: sound again. Then delete a row from the middle.
    behindTheBack((raw) =>
      raw.prepare(
        `REPLACE INTO audit_log (id, at, user_id, username, action, entity, entity_id, before_json, after_json, reason, ip, prev_hash, hash)
         VALUES (@id, @at, @user_id, @username, @action, @entity, @entity_id, @before_json, @after_json, @reason, @ip, @prev_hash, @hash)`,
      ).run(failed),
    );
    expect((await verify()).ok).toBe(true);
    behindTheBack((raw) => raw.prepare('DELETE FROM audit_log WHERE id = ?').run(next));
    const after = (t.db.prepare('SELECT min(id) AS id FROM audit_log WHERE id > ?').get(next) as { id: number }).id;
    expect(await verify()).toMatchObject({ ok: false, firstBroken: { id: after, reason: 'prev_mismatch' } });
  });
});

describe('audit chain on a busy server', () => {
  it('holds under many concurrent writes', async () => {
    const fresh = seededApp(300, 8);
    try {
      const attempts = Array.from({ length: 30 }, (_, i) =>
        i % 3 === 0
          ? fresh.json(`/api/households/${i + 1}/unmask`, { method: 'POST', body: { reason: `核实 ${i}` } })
          : fresh.app.request('/api/auth/login', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: `ghost-${i}`, password: 'x' }) }),
      );
      await Promise.all(attempts);
      const v = (await fresh.json('/api/audit/verify')).body;
      expect(v.ok).toBe(true);
      expect(v.rows).toBeGreaterThanOrEqual(30);
      const cli = spawnSync(process.execPath, ['--import', 'tsx', 'server/cli/audit-verify.ts', '--db', fresh.dbPath], { encoding: 'utf8' });
      expect(cli.status, cli.stderr).toBe(0);
      expect(JSON.parse(cli.stdout)).toMatchObject({ ok: true, rows: v.rows });
    } finally {
      fresh.close();
    }
  });
});

describe('audit chain migration', () => {
  it('backfills the hashes of rows written before the chain existed', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anju-chain-'));
    const path = join(dir, 'old.db');
    try {
      // A database as it was before migration 007, with a history.
      const old = new Database(path);
      old.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      for (const name of readdirSync('server/db/migrations').filter((f) => /^\d{3}-/.test(f) && f < '007').sort()) {
        old.exec(readFileSync(join('server/db/migrations', name), 'utf8'));
        old.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(name, '2026-01-01T00:00:00Z');
      }
      const insert = old.prepare('INSERT INTO audit_log (at, username, action, reason, ip) VALUES (?, ?, ?, ?, ?)');
      for (let i = 0; i < 50; i++) insert.run(`2026-03-0${1 + (i % 9)}T08:00:00Z`, `user-${i % 4}`, i % 2 ? 'login' : 'login.failed', i % 5 ? null : '原因', '10.0.0.1');
      old.close();

      const db = openDatabase(path);
      const rows = db.prepare('SELECT * FROM audit_log ORDER BY id').all() as Record<string, any>[];
      let prev = GENESIS_HASH;
      for (const r of rows) {
        expect(r.prev_hash).toBe(prev);
        expect(r.hash).toBe(
          auditRowHash(prev, { id: r.id, at: r.at, userId: r.user_id, username: r.username, action: r.action, entity: r.entity, entityId: r.entity_id, beforeJson: r.before_json, afterJson: r.after_json, reason: r.reason, ip: r.ip }),
        );
        prev = r.hash;
      }
      expect(rows).toHaveLength(50);
      // And the log stays append-only after the backfill.
      expect(() => db.prepare("UPDATE audit_log SET action = 'x'").run()).toThrow(/append-only/);
      db.close();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
