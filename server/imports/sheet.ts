// The one reader of tabular files: a county's CSV or XLSX → a header and rows of text cells, with
// every line numbered as the user sees it in Excel. What county offices really produce is handled, not
// assumed away: GBK/GB18030 CSV from WPS and older Excel, UTF-8 with or without a BOM, UTF-16 "Unicode
// text", a title row above the header, merged header cells over a sub-header row, formulas, dates,
// ID-card numbers stored as numbers. What cannot be read is refused with a Chinese message naming the
// file, the encoding or the line — never guessed. Runs on a worker thread (imports are CPU work).
import { Readable } from 'node:stream';
import { parse as parseCsv } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

export const DEFAULT_MAX_ROWS = 200_000;

/** Encodings a user may choose; 'auto' detects (BOM → valid UTF-8 → GB18030). */
export const SHEET_ENCODINGS = ['auto', 'utf-8', 'gb18030', 'gbk', 'utf-16le', 'utf-16be', 'big5'] as const;
export type SheetEncoding = (typeof SHEET_ENCODINGS)[number];

export interface SheetRow {
  /** 1-based line as Excel shows it (CSV: the record number). */
  line: number;
  /** Trimmed text of each cell, by column index of `headers`. */
  cells: string[];
}

/** Something the reader noticed in a cell that the checks should report. */
export interface SheetNote {
  line: number;
  index: number;
  code: 'formula_without_value' | 'cell_error' | 'number_too_long';
  value: string;
}

export interface Sheet {
  format: 'csv' | 'xlsx';
  /** CSV only: what was detected and what was used (they differ when the user overrode it). */
  encoding: { detected: string | null; used: string | null };
  headers: string[];
  headerLine: number;
  rows: SheetRow[];
  notes: SheetNote[];
}

export class SheetError extends Error {
  constructor(
    readonly code: 'not_a_spreadsheet' | 'xls_not_supported' | 'encoding_mismatch' | 'too_many_rows' | 'no_header' | 'empty_file',
    message: string,
    readonly field: 'file' | 'encoding' = 'file',
    readonly line?: number,
  ) {
    super(message);
  }
}

export interface ReadOptions {
  fileName: string;
  encoding?: SheetEncoding | undefined;
  maxRows?: number | undefined;
}

export async function readSheet(bytes: Uint8Array, opts: ReadOptions): Promise<Sheet> {
  const maxRows = opts.maxRows ?? DEFAULT_MAX_ROWS;
  if (bytes.length === 0) throw new SheetError('empty_file', `文件“${opts.fileName}”是空的`);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) {
    throw new SheetError('xls_not_supported', `“${opts.fileName}”是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入`);
  }
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return readXlsx(bytes, opts.fileName, maxRows);
  if (!looksLikeText(bytes)) throw new SheetError('not_a_spreadsheet', `“${opts.fileName}”不是电子表格（支持 .xlsx 和 .csv）`);
  return readCsv(bytes, opts.fileName, opts.encoding ?? 'auto', maxRows);
}

// ---------------------------------------------------------------- CSV

function readCsv(bytes: Uint8Array, fileName: string, choice: SheetEncoding, maxRows: number): Sheet {
  const detected = detectEncoding(bytes);
  const used = choice === 'auto' ? detected : choice;
  const text = decodeText(bytes, used, detected);
  const delimiter = guessDelimiter(text);
  let records: string[][];
  try {
    records = parseCsv(text, {
      delimiter,
      bom: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      // Stop early on a huge file: enough records to know it is too long, never a million in memory.
      to: maxRows + 101,
    }) as string[][];
  } catch (err) {
    const line = (err as { lines?: number }).lines;
    throw new SheetError('not_a_spreadsheet', `“${fileName}”无法按 CSV 读取${line ? `（第 ${line} 行）` : ''}：${(err as Error).message}`, 'file', line);
  }
  const rows = records.map((cells, i) => ({ line: i + 1, cells: cells.map(cleanCell) }));
  return { format: 'csv', encoding: { detected, used }, ...withHeader(rows, fileName, maxRows), notes: [] };
}

const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((x, i) => b[i] === x);

/** Text files have no NUL bytes (UTF-16 ones have many, and a byte-order mark). */
function looksLikeText(b: Uint8Array): boolean {
  if (startsWith(b, [0xff, 0xfe]) || startsWith(b, [0xfe, 0xff])) return true;
  const n = Math.min(b.length, 65536);
  for (let i = 0; i < n; i++) if (b[i] === 0) return false;
  return true;
}

function detectEncoding(b: Uint8Array): string {
  if (startsWith(b, [0xef, 0xbb, 0xbf])) return 'utf-8';
  if (startsWith(b, [0xff, 0xfe])) return 'utf-16le';
  if (startsWith(b, [0xfe, 0xff])) return 'utf-16be';
  return isUtf8(b) ? 'utf-8' : 'gb18030';
}

function isUtf8(b: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(b);
    return true;
  } catch {
    return false;
  }
}

const hasNonAscii = (b: Uint8Array): boolean => b.some((x) => x >= 0x80);

function decodeText(bytes: Uint8Array, used: string, detected: string): string {
  const shown = used.toUpperCase();
  if (used === 'utf-8') {
    if (!isUtf8(bytes)) {
      const line = lineOfFirstReplacement(new TextDecoder('utf-8').decode(bytes));
      throw new SheetError('encoding_mismatch', `文件不是 UTF-8 编码（第 ${line} 行有无法识别的字节），请选择 GBK/GB18030`, 'encoding', line);
    }
    return new TextDecoder('utf-8').decode(bytes);
  }
  // A legacy code page chosen for a file that is in fact UTF-8 would turn every Chinese character into
  // two or three wrong ones (鏆撮洦) — the commonest mislabelling, refused rather than stored garbled.
  if ((used === 'gb18030' || used === 'gbk' || used === 'big5') && detected === 'utf-8' && hasNonAscii(bytes)) {
    throw new SheetError('encoding_mismatch', `文件是 UTF-8 编码，不是 ${shown}；请选择“自动识别”或 UTF-8`, 'encoding');
  }
  const text = iconv.decode(Buffer.from(bytes), used);
  if (text.includes('\uFFFD')) {
    const line = lineOfFirstReplacement(text);
    throw new SheetError('encoding_mismatch', `按 ${shown} 读取时第 ${line} 行有无法识别的字节，请确认文件编码`, 'encoding', line);
  }
  return text;
}

function lineOfFirstReplacement(text: string): number {
  const at = text.indexOf('\uFFFD');
  let line = 1;
  for (let i = 0; i < at; i++) if (text.charCodeAt(i) === 10) line++;
  return line;
}

/**
 * The delimiter that splits the opening lines into the most fields: comma, TAB (Excel's "Unicode text")
 * or semicolon. Several lines, since a title line above the header has no delimiter at all.
 */
function guessDelimiter(text: string): string {
  const lines = text.slice(0, 64 * 1024).split('\n', 20);
  const widest = (d: string) => Math.max(...lines.map((l) => l.split(d).length));
  return [',', '\t', ';'].reduce((best, d) => (widest(d) > widest(best) ? d : best), ',');
}

// ---------------------------------------------------------------- XLSX

async function readXlsx(bytes: Uint8Array, fileName: string, maxRows: number): Promise<Sheet> {
  const rows: SheetRow[] = [];
  const notes: SheetNote[] = [];
  try {
    const reader = new ExcelJS.stream.xlsx.WorkbookReader(Readable.from(Buffer.from(bytes)), {
      sharedStrings: 'cache',
      styles: 'cache', // number formats tell dates from numbers
      hyperlinks: 'ignore',
      worksheets: 'emit',
    });
    for await (const sheet of reader) {
      for await (const row of sheet) {
        const values = (row.values ?? []) as unknown[];
        const cells: string[] = [];
        for (let c = 1; c < values.length; c++) cells.push(cellText(values[c], row.number, c - 1, notes));
        rows.push({ line: row.number, cells });
        // Empty rows are not emitted, so row count ≈ data rows: a million-row file stops here.
        if (rows.length > maxRows + 100) break;
      }
      break; // the first worksheet is the ledger; others (说明, 字典) are ignored
    }
  } catch (err) {
    throw new SheetError('not_a_spreadsheet', `“${fileName}”不是有效的 .xlsx 文件：${(err as Error).message}`);
  }
  const table = withHeader(rows, fileName, maxRows);
  return { format: 'xlsx', encoding: { detected: null, used: null }, ...table, notes: notes.filter((n) => n.line > table.headerLine) };
}

function cellText(v: unknown, line: number, index: number, notes: SheetNote[]): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'string') return cleanCell(v);
  if (typeof v === 'number') {
    // An 18-digit ID card stored as a number keeps only 15–17 significant digits: the rest is gone.
    if (Math.abs(v) >= 1e15) notes.push({ line, index, code: 'number_too_long', value: String(v) });
    return String(v);
  }
  if (typeof v === 'boolean') return v ? 'TRUE' : 'FALSE';
  if (v instanceof Date) return Number.isNaN(v.getTime()) ? '' : v.toISOString().slice(0, 10);
  if (typeof v === 'object') {
    const o = v as { richText?: { text: string }[]; text?: unknown; formula?: string; sharedFormula?: string; result?: unknown; error?: string };
    if (o.richText) return cleanCell(o.richText.map((r) => r.text).join(''));
    if (o.error) {
      notes.push({ line, index, code: 'cell_error', value: o.error });
      return '';
    }
    if (o.formula !== undefined || o.sharedFormula !== undefined) {
      if (o.result === undefined || o.result === null) {
        notes.push({ line, index, code: 'formula_without_value', value: `=${o.formula ?? o.sharedFormula}` });
        return '';
      }
      return cellText(o.result, line, index, notes);
    }
    if (o.text !== undefined) return cellText(o.text, line, index, notes); // hyperlink
  }
  return cleanCell(String(v));
}

// ---------------------------------------------------------------- header

/** Full-width spaces and line breaks inside a cell (Alt+Enter in Excel) become one space. */
function cleanCell(s: string): string {
  return s.replace(/[\s\u3000]+/g, ' ').trim();
}

const isEmpty = (cells: readonly string[]) => cells.every((c) => c === '');
const filled = (cells: readonly string[]) => cells.filter((c) => c !== '').length;

/**
 * The header is the first row with at least 3 filled cells (or the widest of the first rows of a narrow
 * table): a title row above it ("XX县农村低收入群体住房安全台账", merged across the sheet) has one.
 * A header whose merged cells span several columns over a sub-header row (家庭人口 over 总数/老人/残疾)
 * is read as one header: "家庭人口/老人".
 */
function withHeader(all: SheetRow[], fileName: string, maxRows: number): Pick<Sheet, 'headers' | 'headerLine' | 'rows'> {
  const rows = all.filter((r) => !isEmpty(r.cells));
  if (rows.length === 0) throw new SheetError('empty_file', `文件“${fileName}”没有任何内容`);
  const head = rows.slice(0, 20);
  const widest = Math.max(...head.map((r) => filled(r.cells)));
  const at = head.findIndex((r) => filled(r.cells) >= Math.min(3, widest));
  const headerRow = head[at]!;
  if (filled(headerRow.cells) < 1) throw new SheetError('no_header', `文件“${fileName}”找不到表头行`);

  let headers = headerRow.cells.slice();
  let first = at + 1;
  const sub = rows[at + 1];
  if (sub && sub.line === headerRow.line + 1 && isSubHeader(headers, sub.cells)) {
    headers = combine(headers, sub.cells);
    first = at + 2;
  }
  const data = rows.slice(first);
  if (data.length > maxRows) {
    throw new SheetError('too_many_rows', `文件“${fileName}”超过 ${maxRows.toLocaleString('en-US')} 行，请按乡镇拆分后分批导入`, 'file');
  }
  return { headers, headerLine: sub && first === at + 2 ? sub.line : headerRow.line, rows: data };
}

/**
 * The row under the header is a sub-header when it has text only under merged header cells (an empty
 * header cell, or one followed by empty ones) and none of it looks like data (numbers, dates, IDs).
 */
function isSubHeader(headers: readonly string[], next: readonly string[]): boolean {
  let underMerge = 0;
  for (let i = 0; i < next.length; i++) {
    const text = next[i]!;
    if (text === '') continue;
    if (/\d/.test(text)) return false;
    const merged = (headers[i] ?? '') === '' || (headers[i + 1] ?? '') === '';
    if (!merged) return false;
    underMerge++;
  }
  return underMerge >= 2;
}

function combine(headers: readonly string[], sub: readonly string[]): string[] {
  const out: string[] = [];
  let parent = '';
  const width = Math.max(headers.length, sub.length);
  for (let i = 0; i < width; i++) {
    const own = headers[i] ?? '';
    if (own !== '') parent = own;
    const child = sub[i] ?? '';
    out.push(child === '' ? own || parent : `${own || parent}/${child}`);
  }
  return out;
}
