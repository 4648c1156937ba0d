// Every SQL statement of the app lives in server/db/ (docs/scaling.md): the path to PostgreSQL is then a
// change of that layer alone. This walks server/ and client/ and names any line elsewhere that prepares,
// executes or spells SQL, comments left out.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../server/config.ts';

const SQL = /db\.(prepare|exec|pragma)\(|\bprepared\(|\bSELECT |\bINSERT INTO|\bUPDATE [a-z_]+ SET|\bDELETE FROM/;
const COMMENT = /^\s*(\/\/|\*|\/\*)/;

function* sources(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'node_modules' && entry.name !== 'dist') yield* sources(path);
    } else if (/\.tsx?$/.test(entry.name)) yield path;
  }
}

describe('SQL outside server/db/', () => {
  it('is nowhere in server/ or client/', () => {
    const found: string[] = [];
    for (const root of ['server', 'client']) {
      for (const file of sources(join(ROOT, root))) {
        const rel = relative(ROOT, file);
        if (rel.startsWith(join('server', 'db'))) continue;
        readFileSync(file, 'utf8')
          .split('\n')
          .forEach((line, i) => void (SQL.test(line) && !COMMENT.test(line) && found.push(`${rel}:${i + 1}: ${line.trim()}`)));
      }
    }
    expect(found).toEqual([]);
  });

  it('is found where it is (the check can fail)', () => {
    expect(SQL.test("const n = db.prepare('SELECT count(*) FROM households').get();")).toBe(true);
    expect(SQL.test("  prepared(db, 'UPDATE houses SET grade = ?')")).toBe(true);
    expect(COMMENT.test('  // SELECT code FROM regions')).toBe(true);
  });
});
