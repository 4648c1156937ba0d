// The layout county staff file reports upward in: a title row naming the region and the period, a row
// with the issuing unit and the date, then a table with a two-level header (groups merged over their
// columns), one row per township (or village) and a totals row; the header stays frozen and the columns
// are wide enough for Chinese names. The XLSX files (monthly-xlsx.ts, quarterly-xlsx.ts) are built from
// these pieces and from the reports' JSON alone (db/figures-periods.ts), so a file says what the JSON says.
import ExcelJS from 'exceljs';
import type { ReportRegion } from '../db/figures-periods.ts';

export interface Column {
  header: string;
  /** The header above it, merged over neighbouring columns of the same group. */
  group?: string;
  width?: number;
}

export interface Table {
  columns: Column[];
  rows: (string | number)[][];
  totals: (string | number)[];
  /** Lines under the table (注：…). */
  notes?: string[];
}

/** The unit that files the report: a county's housing bureau, else the region itself. */
export const issuingUnit = (region: ReportRegion): string => (region.level === 'county' ? `${region.name}住房和城乡建设局` : region.name);

/** 2026-11-20 → 2026年11月20日 */
export const chineseDate = (day: string): string => {
  const [y, m, d] = day.split('-').map(Number);
  return `${y}年${m}月${d}日`;
};

const THIN = { style: 'thin' as const };
const BORDER = { top: THIN, left: THIN, bottom: THIN, right: THIN };
const FONT = 'SimSun';

/** A sheet with the title block and one table; the rows above the table's body stay frozen. */
export function addTableSheet(wb: ExcelJS.Workbook, name: string, title: string, region: ReportRegion, issuedOn: string, table: Table): ExcelJS.Worksheet {
  const grouped = table.columns.some((c) => c.group);
  const headerRows = grouped ? 2 : 1;
  const firstHeader = 4;
  const ws = wb.addWorksheet(name, {
    views: [{ state: 'frozen', xSplit: 1, ySplit: firstHeader + headerRows - 1 }],
    pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  const n = table.columns.length;
  ws.columns = table.columns.map((c) => ({ width: c.width ?? Math.max(8, c.header.length * 2 + 2) }));

  ws.mergeCells(1, 1, 1, n);
  Object.assign(ws.getCell(1, 1), { value: title, font: { name: FONT, size: 16, bold: true }, alignment: { horizontal: 'center', vertical: 'middle' } });
  ws.getRow(1).height = 30;
  const half = Math.max(1, Math.floor(n / 2));
  ws.mergeCells(2, 1, 2, half);
  ws.getCell(2, 1).value = `填报单位：${issuingUnit(region)}`;
  if (half < n) {
    ws.mergeCells(2, half + 1, 2, n);
    Object.assign(ws.getCell(2, half + 1), { value: `填报日期：${chineseDate(issuedOn)}`, alignment: { horizontal: 'right' } });
  }

  // Header: a column without a group spans both header rows; a group is merged over its columns.
  const header = ws.getRow(firstHeader);
  table.columns.forEach((c, i) => {
    const col = i + 1;
    if (!grouped || !c.group) {
      if (grouped) ws.mergeCells(firstHeader, col, firstHeader + 1, col);
      ws.getCell(firstHeader, col).value = c.header;
      return;
    }
    ws.getCell(firstHeader + 1, col).value = c.header;
    if (i === 0 || table.columns[i - 1]!.group !== c.group) {
      let end = i;
      while (end + 1 < n && table.columns[end + 1]!.group === c.group) end++;
      if (end > i) ws.mergeCells(firstHeader, col, firstHeader, end + 1);
      ws.getCell(firstHeader, col).value = c.group;
    }
  });
  for (let r = firstHeader; r < firstHeader + headerRows; r++) {
    for (let col = 1; col <= n; col++) {
      Object.assign(ws.getCell(r, col), {
        font: { name: FONT, bold: true },
        alignment: { horizontal: 'center', vertical: 'middle', wrapText: true },
        fill: { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFF2F2F2' } },
        border: BORDER,
      });
    }
  }
  header.height = 22;

  const body = firstHeader + headerRows;
  [...table.rows, table.totals].forEach((values, i) => {
    const row = ws.getRow(body + i);
    row.values = values;
    const isTotal = i === table.rows.length;
    for (let col = 1; col <= n; col++) {
      Object.assign(ws.getCell(body + i, col), {
        font: { name: FONT, bold: isTotal },
        border: BORDER,
        alignment: { horizontal: col === 1 ? 'left' : 'right', vertical: 'middle' },
      });
    }
  });
  (table.notes ?? []).forEach((note, i) => {
    const r = body + table.rows.length + 2 + i;
    ws.mergeCells(r, 1, r, n);
    ws.getCell(r, 1).value = note;
  });
  return ws;
}

export function newWorkbook(): ExcelJS.Workbook {
  const wb = new ExcelJS.Workbook();
  wb.creator = '安居 农村住房安全动态监测';
  // A fixed stamp: the same figures give the same file.
  wb.created = new Date(0);
  wb.modified = new Date(0);
  return wb;
}

export async function toBytes(wb: ExcelJS.Workbook): Promise<Uint8Array> {
  return new Uint8Array(await wb.xlsx.writeBuffer());
}

/**
 * Content-Disposition for a download whose name is Chinese: RFC 6266 with an RFC 5987 UTF-8 `filename*`,
 * and an ASCII `filename` for clients that read only that.
 */
export function attachment(utf8Name: string, asciiName: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
