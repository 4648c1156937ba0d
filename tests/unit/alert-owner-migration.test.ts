import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/connection.ts';

const DIR = join(import.meta.dirname, '../../server/db/migrations');

describe('migration 005: alerts get an owner region', () => {
  it('gives the alerts stored before it to the county, and refuses a new alert without an owner', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    // A database as it stood before 005, holding one alert.
    db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    for (const name of readdirSync(DIR).filter((f) => f < '005').sort()) {
      db.exec(readFileSync(join(DIR, name), 'utf8'));
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(name, '2024-01-01T00:00:00Z');
    }
    db.exec(`INSERT INTO regions (code, parent_code, level, name) VALUES ('610999000000', NULL, 'county', '安居县'),
                                                                        ('610999001000', '610999000000', 'township', '河东街道')`);
    const COLUMNS = 'type, level, issuer, headline, issued_at, effective_at, expires_at, geometry, source, created_at, updated_at';
    const VALUES = "'rainstorm', 'red', '县气象台', '暴雨红色预警', '2024-07-10T06:00:00Z', '2024-07-10T06:00:00Z', '2024-07-11T06:00:00Z', '{}', 'drawn', '2024-07-10T06:00:00Z', '2024-07-10T06:00:00Z'";
    db.exec(`INSERT INTO alerts (${COLUMNS}) VALUES (${VALUES})`);
    const insert = (owner: string | null) => db.prepare(`INSERT INTO alerts (${COLUMNS}, owner_region) VALUES (${VALUES}, ?)`).run(owner);

    expect(migrate(db).filter((n) => n.startsWith('005'))).toEqual(['005-alert-owner.sql']);
    expect(db.prepare('SELECT owner_region FROM alerts').pluck().all()).toEqual(['610999000000']);
    expect(() => insert(null)).toThrow(/owner region/);
    expect(() => insert('999999999999')).toThrow(/FOREIGN KEY/);
    insert('610999001000');
    expect(db.prepare('SELECT owner_region FROM alerts ORDER BY id').pluck().all()).toEqual(['610999000000', '610999001000']);
    db.close();
  });
});
