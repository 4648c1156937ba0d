// Writing an exported list as a stream of bytes: CSV (UTF-8 with a BOM so Excel reads the Chinese,
// CRLF lines), XLSX (exceljs's streaming writer: one row in memory at a time, then zipped) and GeoJSON
// (points). Rows are pulled from their iterator only as fast as the client reads: a county's ledger or
// a year of audit log never sits whole in memory.
import { stringify } from 'csv-stringify';
import ExcelJS from 'exceljs';
import { once } from 'node:events';
import { PassThrough, Readable, pipeline } from 'node:stream';
import type { Cell } from './columns.ts';

export const EXPORT_FORMATS = ['csv', 'xlsx', 'geojson'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

export const CONTENT_TYPES: Record<ExportFormat, string> = {
  csv: 'text/csv; charset=utf-8',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  geojson: 'application/geo+json; charset=utf-8',
};

export interface ExportRow {
  id: number;
  cells: Cell[];
  /** [lon, lat] (WGS84) for a list with geometry. */
  point: [number, number] | null;
}

export interface ExportTable {
  /** The sheet's name. */
  title: string;
  columns: { key: string; header: string; width: number }[];
  rows: Iterable<ExportRow>;
}

/**
 * A cell that a spreadsheet would run as a formula (=, +, -, @, a tab or CR first) gets a leading
 * apostrophe: complaints carry text typed by the public (OWASP "CSV injection").
 */
export function defuse(cell: Cell): Cell {
  return typeof cell === 'string' && /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
}

/** Rows between turns of the event loop: a client reading as fast as we write (one on this machine) never holds the loop for long. */
const PACE = 500;

/** The rows, with a turn of the event loop every PACE of them (other requests are answered meanwhile). */
async function* paced<T>(rows: Iterable<T>): AsyncGenerator<T> {
  let n = 0;
  for (const row of rows) {
    yield row;
    if (++n % PACE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
}

/** CSV: BOM, header row, CRLF after every record; cells quoted only where needed. */
export function csvStream(table: ExportTable): Readable {
  async function* records() {
    yield table.columns.map((c) => c.header);
    for await (const row of paced(table.rows)) yield row.cells.map(defuse);
  }
  // pipeline: a client that hangs up destroys the source too, which closes the rows' iterator.
  return pipeline(Readable.from(records()), stringify({ bom: true, record_delimiter: 'windows' }), () => {});
}

/** GeoJSON FeatureCollection of points; properties keyed by column, the same cells as the CSV. */
export function geojsonStream(table: ExportTable): Readable {
  const keys = table.columns.map((c) => c.key);
  async function* chunks() {
    yield '{"type":"FeatureCollection","features":[';
    let first = true;
    let batch: string[] = [];
    for await (const row of paced(table.rows)) {
      const properties = Object.fromEntries(keys.map((k, i) => [k, row.cells[i] ?? null]));
      batch.push(JSON.stringify({ type: 'Feature', id: row.id, geometry: row.point && { type: 'Point', coordinates: row.point }, properties }));
      if (batch.length === 256) {
        yield (first ? '' : ',') + batch.join(',');
        first = false;
        batch = [];
      }
    }
    if (batch.length) yield (first ? '' : ',') + batch.join(',');
    yield ']}\n';
  }
  // Bytes, not strings: a web stream of the response takes Uint8Array chunks only.
  return Readable.from(
    (async function* () {
      for await (const text of chunks()) yield Buffer.from(text, 'utf8');
    })(),
  );
}

/**
 * XLSX with exceljs's streaming WorkbookWriter: a bold header row frozen at the top, column widths;
 * each row is committed (written out and forgotten) as it comes. Every PACE rows the writer turns
 * the event loop and waits until the response has drained, so the zip never runs ahead of a slow client.
 */
export function xlsxStream(table: ExportTable): Readable {
  const out = new PassThrough();
  const write = async () => {
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useStyles: true, useSharedStrings: false });
    const sheet = book.addWorksheet(table.title, { views: [{ state: 'frozen', ySplit: 1 }] });
    sheet.columns = table.columns.map((c) => ({ key: c.key, header: c.header, width: c.width }));
    sheet.getRow(1).font = { bold: true };
    sheet.getRow(1).commit();
    let n = 0;
    for (const row of table.rows) {
      if (out.destroyed) return;
      sheet.addRow(row.cells).commit();
      if (++n % PACE === 0) {
        await new Promise((resolve) => setImmediate(resolve));
        if (out.writableNeedDrain) await Promise.race([once(out, 'drain'), once(out, 'close')]);
      }
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
}

export function exportStream(format: ExportFormat, table: ExportTable): Readable {
  return format === 'csv' ? csvStream(table) : format === 'xlsx' ? xlsxStream(table) : geojsonStream(table);
}
