// The uploaded files of import batches, kept under their SHA-256 in the import folder (ANJU_IMPORT_DIR):
// a commit re-reads exactly the bytes that were checked, and the same file uploaded twice is stored once.
// Before anything is stored, a glance at the first bytes refuses what no kind can read — an old .xls,
// a photo, a PDF — and an encoding the user chose that the file is not in, with the reader's own words.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { HttpError } from '../http/errors.ts';
import type { ImportKind } from './kind.ts';
import { readSheet, SheetError, type SheetEncoding } from './sheet.ts';

export function importFilePath(dir: string, sha256: string): string {
  return join(dir, sha256);
}

/** Writes the bytes (once per content) and returns their SHA-256. */
export function storeImportFile(dir: string, bytes: Uint8Array): string {
  const sha256 = createHash('sha256').update(bytes).digest('hex');
  const path = importFilePath(dir, sha256);
  if (!existsSync(path)) {
    mkdirSync(dir, { recursive: true });
    // Written aside and renamed: a half-written file is never found under its hash.
    const part = `${path}.${process.pid}.part`;
    writeFileSync(part, bytes, { mode: 0o600 });
    renameSync(part, path);
  }
  return sha256;
}

const PREFIX_BYTES = 64 * 1024;
const startsWith = (b: Uint8Array, sig: number[]): boolean => sig.every((x, i) => b[i] === x);

/** What the first bytes say the file is. */
export function sniffFormat(bytes: Uint8Array): 'xls' | 'zip' | 'json' | 'text' | 'binary' {
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0])) return 'xls';
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) return 'zip';
  if (startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff])) return 'text';
  const n = Math.min(bytes.length, PREFIX_BYTES);
  for (let i = 0; i < n; i++) if (bytes[i] === 0) return 'binary';
  const head = new TextDecoder().decode(bytes.subarray(0, Math.min(n, 256))).replace(/^\uFEFF/, '').trimStart();
  return head.startsWith('{') ? 'json' : 'text';
}

/**
 * Refuses at upload (nothing stored) what the kind can never read: 415 naming `file`; 422 naming
 * `encoding` when the encoding the user chose does not fit the file's first 64 KB. Everything else —
 * a zip that is no workbook, a bad byte at line 30,000, too many rows — is the check's to report.
 */
export async function refuseUnreadable(bytes: Uint8Array, fileName: string, kind: ImportKind, encoding: SheetEncoding): Promise<void> {
  if (bytes.length === 0) throw new HttpError(422, 'empty_file', `文件“${fileName}”是空的`, 'file');
  const format = sniffFormat(bytes);
  const sheets = kind.accepts.includes('csv') || kind.accepts.includes('xlsx');
  if (format === 'xls' && sheets) {
    throw new HttpError(415, 'xls_not_supported', `“${fileName}”是旧版 Excel（.xls）文件，请在 Excel 或 WPS 中另存为 .xlsx 或 CSV 后再导入`, 'file');
  }
  const fits =
    (format === 'zip' && (kind.accepts.includes('xlsx') || kind.accepts.includes('zip'))) ||
    (format === 'text' && kind.accepts.includes('csv')) ||
    (format === 'json' && (kind.accepts.includes('geojson') || kind.accepts.includes('csv')));
  if (!fits) throw new HttpError(415, 'not_a_spreadsheet', `“${fileName}”不是可导入的文件（支持 ${kind.accepts.map((a) => `.${a}`).join('、')}）`, 'file');
  if (format === 'text' && encoding !== 'auto') {
    // Up to the last line break, so no character is cut in two.
    const cut = bytes.subarray(0, PREFIX_BYTES).lastIndexOf(0x0a);
    const end = cut + (encoding === 'utf-16le' ? 2 : 1); // LE: the line feed is 0A 00
    const prefix = bytes.length <= PREFIX_BYTES || cut < 0 ? bytes : bytes.subarray(0, end);
    try {
      await readSheet(prefix, { fileName, encoding });
    } catch (err) {
      if (err instanceof SheetError && err.code === 'encoding_mismatch') throw new HttpError(422, 'encoding_mismatch', err.message, 'encoding');
      // Anything else in a cut-off prefix may be the cut's doing: the check reads the whole file.
    }
  }
}
