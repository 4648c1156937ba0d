// Migration 011 on a database that already holds appraisals with photos: the table is rebuilt so an
// emergency assessment may go ungraded, without losing a row, a column or a photo link.
import Database from 'better-sqlite3';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/connection.ts';

const DIR = join(import.meta.dirname, '../../server/db/migrations');

describe('migration 011: ungraded emergency assessments, plan saves, idle-check photos', () => {
  it('keeps every appraisal and its photos, and admits a grade only an emergency assessment may lack', () => {
    const db = new Database(':memory:');
    db.pragma('foreign_keys = ON');
    db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
    // 007 seals the audit rows it finds with this function (connection.ts registers it); there are none here.
    db.function('audit_hash', { varargs: true }, () => null);
    for (const name of readdirSync(DIR).filter((f) => f < '011').sort()) {
      db.exec(readFileSync(join(DIR, name), 'utf8'));
      db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(name, '2024-01-01T00:00:00Z');
    }
    db.exec(`INSERT INTO regions (code, parent_code, level, name) VALUES ('610999000000', NULL, 'county', '安居县');
      INSERT INTO households (id, household_no, township_code, village_code, group_code, head_name, id_card_enc, id_card_hash,
                              id_card_masked, members, category, guarantee_mode)
        VALUES (1, 'H1', '610999000000', '610999000000', '610999000000', '张三', x'00', x'00', '6109**', 2, 'dibao', 'appraised_safe');
      INSERT INTO houses (id, household_id, lon, lat, structure, status) VALUES (1, 1, 108.5, 33.1, 'adobe', 'monitoring');
      INSERT INTO photos (sha256, mime, bytes, width, height, created_at) VALUES ('${'a'.repeat(64)}', 'image/jpeg', 1, 1, 1, 'x');
      INSERT INTO appraisals (id, house_id, appraised_on, grade, kind, appraiser, org, notes)
        VALUES (7, 1, '2020-04-01', 'C', 'initial', '李工', '县住建局', '墙体开裂'), (8, 1, '2024-04-01', 'B', 'periodic', NULL, NULL, NULL);
      INSERT INTO appraisal_photos VALUES (7, '${'a'.repeat(64)}');`);
    const before = db.prepare('SELECT * FROM appraisals ORDER BY id').all();

    expect(migrate(db)).toContain('011-ledger-records.sql');

    expect(db.prepare('SELECT * FROM appraisals ORDER BY id').all()).toEqual(before);
    expect(db.prepare('SELECT * FROM appraisal_photos').all()).toEqual([{ appraisal_id: 7, sha256: 'a'.repeat(64) }]);
    expect(db.pragma('foreign_key_check')).toEqual([]);
    const insert = db.prepare("INSERT INTO appraisals (house_id, appraised_on, grade, kind, habitable) VALUES (1, '2027-01-01', ?, ?, 0)");
    expect(() => insert.run(null, 'emergency')).not.toThrow();
    expect(() => insert.run(null, 'formal')).toThrow(/CHECK/);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'appraisals' ORDER BY name").pluck().all()).toEqual(['appraisals_case', 'appraisals_house']);
  });
});
