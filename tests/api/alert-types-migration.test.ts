// Migration 006 on a database that already holds alerts: the table is rebuilt for the new types and
// columns without losing a row, a version or a foreign key.
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/connection.ts';

const MIGRATIONS = join(import.meta.dirname, '../../server/db/migrations');
const dir = mkdtempSync(join(tmpdir(), 'anju-migration-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('migration 006: gale, earthquake, other; event; no_expiry_given', () => {
  it('keeps existing alerts and their history, fills event from the shown language, and admits the new types', () => {
    const db = new Database(join(dir, 'old.db'));
    db.pragma('foreign_keys = ON');
    // The database as it was before: migrations up to 004.
    db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const name of readdirSync(MIGRATIONS).filter((f) => /^00[1-4]-/.test(f)).sort()) {
      db.exec(readFileSync(join(MIGRATIONS, name), 'utf8'));
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(name, '2024-01-01T00:00:00Z');
    }
    db.exec("INSERT INTO regions (code, parent_code, level, name) VALUES ('610999000000', NULL, 'county', '安居县')");
    const infos = JSON.stringify([
      { language: 'en-US', event: 'Rainstorm', headline: 'Rainstorm Red Warning', description: '', instruction: null, senderName: null, areaDesc: null },
      { language: 'zh-CN', event: '暴雨', headline: '暴雨红色预警', description: '', instruction: null, senderName: null, areaDesc: null },
    ]);
    db.prepare(
      `INSERT INTO alerts (id, type, level, issuer, headline, language, issued_at, effective_at, expires_at, geometry, source,
         cap_sender, cap_identifier, cap_sent, infos, created_at, updated_at)
       VALUES (7, 'rainstorm', 'red', '安居县气象台', '暴雨红色预警', 'zh-CN', '2024-07-10T06:00:00Z', '2024-07-10T06:00:00Z',
         '2024-07-11T06:00:00Z', '{"type":"Polygon","coordinates":[]}', 'cap', 's', 'i', '2024-07-10T14:00:00+08:00', ?, 'x', 'x')`,
    ).run(infos);
    db.prepare("INSERT INTO alert_updates (alert_id, version, kind, at) VALUES (7, 1, 'create', 'x')").run();

    expect(migrate(db)).toContain('006-alert-types.sql');

    const row = db.prepare('SELECT * FROM alerts WHERE id = 7').get() as Record<string, unknown>;
    // 005's owner, given before 006 rebuilt the table, is still there.
    expect(row).toMatchObject({ type: 'rainstorm', level: 'red', event: '暴雨', no_expiry_given: 0, cap_identifier: 'i', infos, owner_region: '610999000000' });
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect((db.prepare('SELECT count(*) AS n FROM alert_updates WHERE alert_id = 7').get() as { n: number }).n).toBe(1);
    const insert = (type: string, owner: string | null = '610999000000') =>
      db
        .prepare(
          `INSERT INTO alerts (type, level, issuer, headline, issued_at, effective_at, expires_at, geometry, source, created_at, updated_at, owner_region)
           VALUES (?, 'red', 'x', 'x', 'a', 'a', 'b', '{}', 'drawn', 'x', 'x', ?)`,
        )
        .run(type, owner);
    for (const type of ['gale', 'earthquake', 'other']) expect(() => insert(type)).not.toThrow();
    expect(() => insert('heatwave')).toThrow(/CHECK/);
    // 005's rules survive the rebuild: an alert needs an owner, and a real one.
    expect(() => insert('gale', null)).toThrow(/owner region/);
    expect(() => insert('gale', '999999999999')).toThrow(/FOREIGN KEY/);
    expect(db.prepare("SELECT name FROM sqlite_schema WHERE tbl_name = 'alerts' AND type IN ('index', 'trigger') ORDER BY name").pluck().all()).toEqual([
      'alerts_cap',
      'alerts_expires',
      'alerts_owner',
      'alerts_owner_required',
    ]);
    // The same CAP message still cannot be stored twice.
    expect(() => db.prepare("UPDATE alerts SET cap_sender = 's', cap_identifier = 'i' WHERE type = 'gale'").run()).toThrow(/UNIQUE/);
    db.close();
  });
});
