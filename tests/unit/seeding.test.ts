import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { seedDatabase } from '../../data/seed-db.ts';
import { parseSeedArgs } from '../../data/seed.ts';
import { ensureSeeded, needsSeeding } from '../../data/ensure-seeded.ts';

const cipher = createPersonalDataCipher(Buffer.alloc(32, 9));

describe('seeding a database', () => {
  it('writes regions, households, houses, appraisals and the R*Tree, with personal data sealed', () => {
    const db = openDatabase(':memory:');
    const result = seedDatabase(db, cipher, { households: 400, seed: 2 });
    expect(result.households).toBe(400);
    const one = (sql: string): number => (db.prepare(sql).get() as { n: number }).n;
    expect(one('SELECT count(*) AS n FROM households')).toBe(400);
    expect(one('SELECT count(*) AS n FROM houses WHERE is_current = 1')).toBe(400);
    expect(one('SELECT count(*) AS n FROM house_rtree')).toBe(400);
    expect(one("SELECT count(*) AS n FROM regions WHERE level = 'county' AND boundary IS NOT NULL")).toBe(1);
    expect(one("SELECT count(*) AS n FROM regions WHERE level = 'group' AND boundary IS NULL")).toBeGreaterThan(400);
    expect(one('SELECT count(*) AS n FROM appraisals')).toBeGreaterThan(400);
    expect(one("SELECT count(*) AS n FROM basemap_features WHERE kind = 'river'")).toBeGreaterThan(5);
    // The indexes dropped for the bulk load are all back.
    expect(one("SELECT count(*) AS n FROM sqlite_master WHERE type = 'index' AND name = 'households_id_card_hash'")).toBe(1);

    const row = db.prepare('SELECT id_card_enc, id_card_hash, id_card_masked FROM households LIMIT 1').get() as {
      id_card_enc: Buffer;
      id_card_hash: Buffer;
      id_card_masked: string;
    };
    const idCard = cipher.decrypt(row.id_card_enc);
    expect(idCard).toMatch(/^610999\d{11}[\dX]$/);
    expect(row.id_card_hash.equals(cipher.hash(idCard))).toBe(true);
    expect(row.id_card_masked).toBe(`6109**********${idCard.slice(-4)}`);
    db.close();
  }, 60_000);

  it('refuses to seed a database that already has households', () => {
    const db = openDatabase(':memory:');
    seedDatabase(db, cipher, { households: 50, seed: 2 }); // seed 2 again: the county is cached
    expect(() => seedDatabase(db, cipher, { households: 50, seed: 2 })).toThrow(/already has 50 households/);
    db.close();
  });

  it('rejects a household count outside 1–1,000,000', () => {
    const db = openDatabase(':memory:');
    expect(() => seedDatabase(db, cipher, { households: 0, seed: 1 })).toThrow(/from 1 to 1000000/);
    expect(() => seedDatabase(db, cipher, { households: 1_000_001, seed: 1 })).toThrow(/from 1 to 1000000/);
    db.close();
  });
});

describe('the seed command line', () => {
  it('defaults to 20,000 households, seed 1 and the ANJU_DB file', () => {
    expect(parseSeedArgs([], { ANJU_DB: '/tmp/x/anju.db' })).toEqual({
      households: 20_000,
      seed: 1,
      out: '/tmp/x/anju.db',
      force: false,
    });
  });

  it('reads --households, --seed, --out and --force', () => {
    const args = parseSeedArgs(['--households', '1_000', '--seed', '42', '--out', 'tmp/a.db', '--force'], {});
    expect(args).toEqual({ households: 1000, seed: 42, out: join(process.cwd(), 'tmp/a.db'), force: true });
  });

  it('explains a bad count, a bad seed or an unknown option', () => {
    expect(() => parseSeedArgs(['--households', '0'], {})).toThrow('--households must be between 1 and 1000000, got 0');
    expect(() => parseSeedArgs(['--households', '2000000'], {})).toThrow(/between 1 and 1000000/);
    expect(() => parseSeedArgs(['--households', 'lots'], {})).toThrow('--households must be a whole number, got "lots"');
    expect(() => parseSeedArgs(['--seed', '1.5'], {})).toThrow('--seed must be a whole number');
    expect(() => parseSeedArgs(['--colour', 'red'], {})).toThrow(/Unknown option '--colour'[\s\S]*usage:/);
  });
});

describe('npm start seeding a missing database (ensureSeeded)', () => {
  const quiet = (): void => undefined;

  it('builds it as FILE-partial and renames it only when complete', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anju-ensure-'));
    const dbPath = join(dir, 'anju.db');
    writeFileSync(`${dbPath}-partial`, 'left behind by a start that was stopped');
    const r = await ensureSeeded(dbPath, quiet, { households: 300, seed: 4 });
    expect(r).toEqual({ seeded: true, households: 300 });
    expect(existsSync(`${dbPath}-partial`)).toBe(false);
    const db = openDatabase(dbPath);
    expect((db.prepare('SELECT count(*) AS n FROM households').get() as { n: number }).n).toBe(300);
    db.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('leaves no half-seeded database behind when stopped mid-seed, so the next start seeds again', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'anju-ensure-'));
    const dbPath = join(dir, 'anju.db');
    const stop = (): void => {
      throw new Error('stopped');
    };
    await expect(ensureSeeded(dbPath, quiet, { households: 300, seed: 4, onProgress: ({ done }) => done > 0 && stop() })).rejects.toThrow('stopped');
    expect(existsSync(dbPath)).toBe(false);
    expect(existsSync(`${dbPath}-partial`)).toBe(false);
    expect(needsSeeding(dbPath)).toBe(true);
    rmSync(dir, { recursive: true, force: true });
  });
});
