// The name-list sync and the cross-check on the demo county (20,000 households, seed 1): a civil-affairs
// list of all 20,000 (100 gone, 100 new, every 50th recategorised) and a national-system export of
// everyone, each checked as the import worker does (readSheet → rows → ID-card hashes → the comparison
// with the jurisdiction). The baseline is reading the same file alone (readSheet), so the ratio is what
// the checks add to parsing.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatabase } from '../data/seed-db.ts';
import { loadDataKey } from '../server/config.ts';
import { openDatabase } from '../server/db/connection.ts';
import { createPersonalDataCipher } from '../server/db/personal-data.ts';
import { idCardCheckDigit } from '../server/domain/id-card.ts';
import { CATEGORY_LABELS, GRADE_LABELS, GUARANTEE_MODE_LABELS, STRUCTURE_LABELS } from '../server/exports/labels.ts';
import { DEFAULT_IMPORT_OPTIONS, type CheckInput } from '../server/imports/kind.ts';
import { importKind } from '../server/imports/kinds.ts';
import { readSheet } from '../server/imports/sheet.ts';
import type { BenchResult } from './run.ts';

interface Person {
  name: string;
  enc: Buffer;
  township: string;
  village: string;
  group: string;
  members: number;
  category: string;
  guarantee: string;
  grade: string | null;
  structure: string;
}

const label = (table: Record<string, { 'zh-CN': string }>, code: string | null) => (code === null ? '' : table[code]!['zh-CN']);
const csv = (rows: (string | number)[][]) => new TextEncoder().encode(rows.map((r) => r.join(',')).join('\r\n'));

async function timed<T>(work: () => Promise<T>): Promise<{ ms: number; value: T }> {
  globalThis.gc?.();
  const t0 = performance.now();
  const value = await work();
  return { ms: performance.now() - t0, value };
}

export async function run(): Promise<BenchResult[]> {
  const dir = mkdtempSync(join(tmpdir(), 'anju-bench-namelist-'));
  const dbPath = join(dir, 'anju.db');
  const db = openDatabase(dbPath);
  try {
    const cipher = createPersonalDataCipher(loadDataKey(dbPath));
    seedDatabase(db, cipher, { households: 20_000, seed: 1 });
    const people = (
      db
        .prepare(
          `SELECT h.head_name AS name, h.id_card_enc AS enc, t.name AS township, v.name AS village, g.name AS "group", h.members,
                  h.category, h.guarantee_mode AS guarantee, o.grade, o.structure
             FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1 JOIN regions t ON t.code = h.township_code
             JOIN regions v ON v.code = h.village_code JOIN regions g ON g.code = h.group_code ORDER BY h.id`,
        )
        .all() as Person[]
    ).map((p) => ({ ...p, idCard: cipher.decrypt(p.enc) }));

    const list = people.slice(100).map((p, i) => [p.name, p.idCard, p.township, p.village, p.group, p.members, label(CATEGORY_LABELS, i % 50 === 0 ? (p.category === 'dibao' ? 'tekun' : 'dibao') : p.category)]);
    for (let i = 0; i < 100; i++) {
      const first17 = `500000${1960 + (i % 40)}0${1 + (i % 9)}1${i % 10}${String(100 + i).slice(-3)}`;
      const p = people[i * 7]!;
      list.push([`新户${i}`, first17 + idCardCheckDigit(first17), p.township, p.village, p.group, 3, '边缘易致贫户']);
    }
    const namelist = csv([['户主姓名', '身份证号', '所属镇街', '所属村', '组', '家庭人口', '监测对象类别'], ...list]);
    const national = csv([
      ['户主姓名', '身份证号', '所属镇街', '所属村', '结构类型', '鉴定等级', '保障方式', '监测对象类别'],
      ...people.map((p) => [p.name, p.idCard, p.township, p.village, label(STRUCTURE_LABELS, p.structure), label(GRADE_LABELS, p.grade), label(GUARANTEE_MODE_LABELS, p.guarantee), label(CATEGORY_LABELS, p.category)]),
    ]);

    const county = { code: db.prepare("SELECT code FROM regions WHERE level = 'county'").pluck().get() as string, level: 'county' as const };
    const input = (bytes: Uint8Array): CheckInput => ({ db, bytes, fileName: 'list.csv', options: DEFAULT_IMPORT_OPTIONS, scope: county, today: '2026-11-02', cipher, progress: () => {} });
    const results: BenchResult[] = [];
    for (const [name, bytes] of [
      ['namelist', namelist],
      ['crosscheck', national],
    ] as const) {
      const read = await timed(() => readSheet(bytes, { fileName: 'list.csv' }));
      const checked = await timed(() => importKind(name)!.check(input(bytes)));
      if (checked.value.report.problemsTotal > 0) throw new Error(`${name}: ${checked.value.report.problemsTotal} problems`);
      results.push({ name: `${name} check, ${read.value.rows.length} rows`, value: checked.ms, unit: 'ms', baseline: read.ms, ratio: checked.ms / read.ms });
    }
    return results;
  } finally {
    db.close();
    rmSync(dir, { recursive: true, force: true });
  }
}
