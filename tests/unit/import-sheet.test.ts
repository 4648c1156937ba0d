import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readSheet, SheetError } from '../../server/imports/sheet.ts';

const gbk = (text: string) => new Uint8Array(iconv.encode(text, 'gbk'));

async function xlsx(build: (sheet: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const book = new ExcelJS.Workbook();
  build(book.addWorksheet('台账'));
  return new Uint8Array(await book.xlsx.writeBuffer());
}

async function refusal(bytes: Uint8Array, opts: Parameters<typeof readSheet>[1]): Promise<SheetError> {
  const err = await readSheet(bytes, opts).then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SheetError);
  return err as SheetError;
}

// The cases the households import (server/imports/households.ts) relies on.
describe('the sheet reader, as the households import uses it', () => {
  it('detects GBK, and numbers data rows as the user sees them (the header on line 1)', async () => {
    const sheet = await readSheet(gbk('户主姓名,身份证号,所属村\r\n张三,610102199001011234,九口村\r\n\r\n李四,610102199001015678,九口村\r\n'), { fileName: 'a.csv' });
    expect(sheet.encoding).toEqual({ detected: 'gb18030', used: 'gb18030' });
    expect(sheet.headers).toEqual(['户主姓名', '身份证号', '所属村']);
    // The empty line is skipped but keeps its number.
    expect(sheet.rows.map((r) => [r.line, r.cells[0]])).toEqual([
      [2, '张三'],
      [4, '李四'],
    ]);
  });

  it('refuses an encoding the user chose that does not fit, naming the encoding', async () => {
    const utf8 = new TextEncoder().encode('户主姓名,身份证号,所属村\n张三,1,九口村\n');
    const asGbk = await refusal(utf8, { fileName: 'a.csv', encoding: 'gbk' });
    expect([asGbk.code, asGbk.field]).toEqual(['encoding_mismatch', 'encoding']);
    const asUtf8 = await refusal(gbk('户主姓名,身份证号,所属村\n张三,1,九口村\n'), { fileName: 'a.csv', encoding: 'utf-8' });
    expect([asUtf8.code, asUtf8.field, asUtf8.line]).toEqual(['encoding_mismatch', 'encoding', 1]);
  });

  it('skips a title row and joins a merged header with its sub-header row in an XLSX', async () => {
    const bytes = await xlsx((s) => {
      s.addRow(['安居县农村低收入群体住房安全台账']);
      s.mergeCells(1, 1, 1, 5);
      s.addRow(['户主姓名', '家庭人口', '', '', '所属村']);
      s.addRow(['', '总数', '老人', '残疾人', '']);
      s.mergeCells(2, 2, 2, 4);
      s.addRow(['张三', 4, 1, 0, '九口村']);
    });
    const sheet = await readSheet(bytes, { fileName: 'a.xlsx' });
    expect(sheet.headers).toEqual(['户主姓名', '家庭人口/总数', '家庭人口/老人', '家庭人口/残疾人', '所属村']);
    expect(sheet.rows).toEqual([{ line: 4, cells: ['张三', '4', '1', '0', '九口村'] }]);
  });

  it('reads a formula by its saved result, notes one without a result, and an ID card stored as a number', async () => {
    const bytes = await xlsx((s) => {
      s.addRow(['户主姓名', '身份证号', '家庭人口']);
      s.addRow(['张三', 610102199001011234, { formula: '1+2', result: 3 }]);
      s.addRow(['李四', '610102199001015678', { formula: '2+2' }]);
    });
    const sheet = await readSheet(bytes, { fileName: 'a.xlsx' });
    expect(sheet.rows.map((r) => r.cells[2])).toEqual(['3', '']);
    expect(sheet.notes).toEqual([
      { line: 2, index: 1, code: 'number_too_long', value: expect.any(String) },
      { line: 3, index: 2, code: 'formula_without_value', value: '=2+2' },
    ]);
  });

  it('stops at the row limit with too_many_rows naming the file, and refuses an old .xls', async () => {
    const many = await refusal(new TextEncoder().encode(`a,b,c\n${'1,2,3\n'.repeat(1200)}`), { fileName: 'a.csv', maxRows: 1000 });
    expect([many.code, many.field]).toEqual(['too_many_rows', 'file']);
    const xls = await refusal(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), { fileName: 'a.xls' });
    expect(xls.code).toBe('xls_not_supported');
  });
});
