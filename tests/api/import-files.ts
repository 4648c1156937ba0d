// County ledgers for the import tests and the bench: rows with the Chinese headers a county office
// exports, placed in the seeded county's real villages (at the points of houses already there, so
// they lie inside their village), with valid GB 11643 ID cards; written as GBK CSV or as XLSX.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import type { Db } from '../../server/db/connection.ts';
import { idCardCheckDigit } from '../../server/domain/id-card.ts';

export const LEDGER_HEADERS = [
  '户编号', '户主姓名', '身份证号', '联系电话', '所属镇街', '所属村', '组', '家庭人口', '监测对象类别', '保障方式',
  '结构类型', '建造年代', '层数', '鉴定等级', '鉴定时间', '鉴定单位', '经度', '纬度',
] as const;
export type LedgerHeader = (typeof LEDGER_HEADERS)[number];
export type LedgerRow = Record<LedgerHeader, string>;

/** A valid 18-digit ID card, different for every n (birth day and order number vary); area 610998 (a neighbouring county), so never one the seed issued. */
export function idCard(n: number): string {
  const birth = new Date(Date.UTC(1940, 0, 1) + (n % 20_000) * 86_400_000).toISOString().slice(0, 10).replaceAll('-', '');
  const first17 = `610998${birth}${String(Math.floor(n / 20_000) % 1000).padStart(3, '0')}`;
  return first17 + idCardCheckDigit(first17);
}

/** The same card with a wrong check character. */
export function badChecksum(card: string): string {
  const last = card.at(-1)!;
  return card.slice(0, 17) + (last === '0' ? '1' : '0');
}

export interface Spot {
  township: string;
  village: string;
  villageCode: string;
  group: string;
  lon: number;
  lat: number;
}

/** Houses' points of the county, with their township, village and group names: where new rows can live. */
export function spots(db: Db, opts: { township?: string; limit?: number } = {}): Spot[] {
  return db
    .prepare(
      `SELECT t.name AS township, v.name AS village, v.code AS villageCode, g.name AS "group", o.lon, o.lat
         FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1
         JOIN regions t ON t.code = h.township_code JOIN regions v ON v.code = h.village_code JOIN regions g ON g.code = h.group_code
        WHERE @township IS NULL OR h.township_code = @township
        ORDER BY h.id LIMIT @limit`,
    )
    .all({ township: opts.township ?? null, limit: opts.limit ?? 1_000_000 }) as Spot[];
}

const STRUCTURES = ['砖混结构', '砖木结构', '土木结构', '钢筋混凝土', '土坯房', '石木结构'];
const CATEGORIES = ['低保户', '脱贫不稳定户', '边缘易致贫户', '特困人员', '突发严重困难户'];
const GRADES = ['A级', 'B级', 'B级', 'C级', 'D级'];

/**
 * `n` new households, numbered from `from` (ID cards, names, 户编号 IMP-…), spread over `places`.
 * Every fifth row carries an appraisal; C and D ones list the house.
 */
export function ledgerRows(places: readonly Spot[], n: number, from = 0): LedgerRow[] {
  return Array.from({ length: n }, (_, k) => {
    const i = from + k;
    const at = places[i % places.length]!;
    const appraised = i % 5 === 0;
    return {
      户编号: `IMP-${String(i).padStart(6, '0')}`,
      户主姓名: `王${'建国立新明华'[i % 6]}${'一二三四五'[i % 5]}`,
      身份证号: idCard(i),
      联系电话: `139${String(10_000_000 + i).padStart(8, '0')}`,
      所属镇街: at.township,
      所属村: at.village,
      组: at.group,
      家庭人口: String(1 + (i % 6)),
      监测对象类别: CATEGORIES[i % CATEGORIES.length]!,
      保障方式: '鉴定安全',
      结构类型: STRUCTURES[i % STRUCTURES.length]!,
      建造年代: String(1960 + (i % 60)),
      层数: String(1 + (i % 2)),
      鉴定等级: appraised ? GRADES[(i / 5) % GRADES.length]! : '',
      鉴定时间: appraised ? '2025-04-10' : '',
      鉴定单位: appraised ? '安居县建筑工程质量检测站' : '',
      经度: String(at.lon),
      纬度: String(at.lat),
    };
  });
}

const csvCell = (v: string) => (/[",\n]/.test(v) ? `"${v.replaceAll('"', '""')}"` : v);

/** CSV text with CRLF lines, as Excel and WPS write it. */
export function csvText(rows: readonly Record<string, string>[], headers: readonly string[] = LEDGER_HEADERS): string {
  return [headers.join(','), ...rows.map((r) => headers.map((h) => csvCell(r[h] ?? '')).join(','))].join('\r\n') + '\r\n';
}

/** The CSV in GBK, what a county office's Excel saves by default. */
export function gbkCsv(rows: readonly Record<string, string>[], headers: readonly string[] = LEDGER_HEADERS): Uint8Array {
  return new Uint8Array(iconv.encode(csvText(rows, headers), 'gbk'));
}

export interface XlsxOptions {
  /** A title row merged across the sheet above the header (XX县农村低收入群体住房安全台账). */
  title?: string;
  /** 家庭人口 merged over 总数 / 老人 / 残疾人 sub-headers. */
  mergedMembers?: boolean;
  /** Cells written as formulas: [row index, header, formula, cached result or undefined]. */
  formulas?: [number, LedgerHeader, string, number | undefined][];
}

/** An XLSX workbook of the rows, built with exceljs as a county office's Excel would save it. */
export async function ledgerXlsx(rows: readonly LedgerRow[], opts: XlsxOptions = {}): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  const sheet = book.addWorksheet('台账');
  const headers: string[] = [...LEDGER_HEADERS];
  const membersAt = headers.indexOf('家庭人口');
  if (opts.mergedMembers) headers.splice(membersAt + 1, 0, '', '');
  if (opts.title) {
    sheet.addRow([opts.title]);
    sheet.mergeCells(1, 1, 1, headers.length);
  }
  sheet.addRow(headers);
  const headerRow = sheet.rowCount;
  if (opts.mergedMembers) {
    const sub = headers.map((_, i) => (i === membersAt ? '总数' : i === membersAt + 1 ? '老人' : i === membersAt + 2 ? '残疾人' : ''));
    sheet.addRow(sub);
    sheet.mergeCells(headerRow, membersAt + 1, headerRow, membersAt + 3);
    // The other headers span both header rows, as in a real ledger.
    headers.forEach((h, i) => {
      if (h !== '' && i !== membersAt) sheet.mergeCells(headerRow, i + 1, headerRow + 1, i + 1);
    });
  }
  rows.forEach((r, k) => {
    const values: (string | number | ExcelJS.CellFormulaValue)[] = [];
    for (const h of LEDGER_HEADERS) {
      const f = opts.formulas?.find(([row, header]) => row === k && header === h);
      const numeric = h === '家庭人口' || h === '层数' || h === '建造年代';
      values.push(f ? ({ formula: f[2], ...(f[3] === undefined ? {} : { result: f[3] }) } as ExcelJS.CellFormulaValue) : numeric && r[h] !== '' ? Number(r[h]) : r[h]);
      if (opts.mergedMembers && h === '家庭人口') values.push(0, 0);
    }
    sheet.addRow(values);
  });
  return new Uint8Array(await book.xlsx.writeBuffer());
}
