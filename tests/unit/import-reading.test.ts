// The reading layer of every import: tabular files as county offices produce them, header synonyms,
// value vocabulary, ID-card numbers.
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { checkIdCard, idCardCheckDigit } from '../../server/domain/id-card.ts';
import { fieldForHeader, normalizeHeader, rowFields, suggestMapping } from '../../server/imports/fields.ts';
import { readSheet, SheetError } from '../../server/imports/sheet.ts';
import { mapValue } from '../../server/imports/vocabulary.ts';

const LEDGER_CSV = [
  '安居县农村低收入群体住房安全台账',
  '户主姓名,身份证号,所属镇街,所属村,组,家庭人口,结构类型,鉴定等级',
  '张三,610999199001011234,两河镇,三坪村,一组,3,土木结构,C级',
  ',,,,,,,',
  '李四,"61099919900101123X",两河镇,三坪村,"二组",2,砖混,A',
].join('\r\n');

async function refusal(p: Promise<unknown>): Promise<SheetError> {
  const err = await p.then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(SheetError);
  return err as SheetError;
}

async function xlsx(build: (ws: ExcelJS.Worksheet) => void): Promise<Uint8Array> {
  const wb = new ExcelJS.Workbook();
  build(wb.addWorksheet('台账'));
  return new Uint8Array((await wb.xlsx.writeBuffer()) as ArrayBuffer);
}

describe('CSV', () => {
  it('reads GBK without being told, skips the title and empty rows, keeps Excel line numbers', async () => {
    const sheet = await readSheet(iconv.encode(LEDGER_CSV, 'gbk'), { fileName: 'a.csv' });
    expect(sheet.encoding).toEqual({ detected: 'gb18030', used: 'gb18030' });
    expect(sheet.headerLine).toBe(2);
    expect(sheet.headers[0]).toBe('户主姓名');
    expect(sheet.rows.map((r) => r.line)).toEqual([3, 5]);
    expect(sheet.rows[1]!.cells[1]).toBe('61099919900101123X');
  });

  it('reads UTF-8 with a BOM, and UTF-16LE tab-separated "Unicode text"', async () => {
    const bom = await readSheet(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LEDGER_CSV)]), { fileName: 'b.csv' });
    expect(bom.encoding.used).toBe('utf-8');
    expect(bom.headers[0]).toBe('户主姓名');
    const tsv = LEDGER_CSV.replaceAll(',', '\t').replaceAll('"', '');
    const utf16 = await readSheet(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(tsv, 'utf16le')]), { fileName: 'c.txt' });
    expect(utf16.encoding.used).toBe('utf-16le');
    expect(utf16.rows[0]!.cells).toEqual(['张三', '610999199001011234', '两河镇', '三坪村', '一组', '3', '土木结构', 'C级']);
  });

  it('refuses a wrong encoding override by naming the encoding and the line, never storing mojibake', async () => {
    const asUtf8 = await refusal(readSheet(iconv.encode(LEDGER_CSV, 'gbk'), { fileName: 'a.csv', encoding: 'utf-8' }));
    expect(asUtf8).toMatchObject({ code: 'encoding_mismatch', field: 'encoding', line: 1 });
    const asGbk = await refusal(readSheet(Buffer.from(LEDGER_CSV), { fileName: 'a.csv', encoding: 'gb18030' }));
    expect(asGbk).toMatchObject({ code: 'encoding_mismatch', field: 'encoding' });
    expect(asGbk.message).toContain('UTF-8');
  });

  it('refuses files that are not spreadsheets, old .xls, empty files and too many rows', async () => {
    expect(await refusal(readSheet(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0, 0, 0]), { fileName: 'photo.png' }))).toMatchObject({ code: 'not_a_spreadsheet', field: 'file' });
    expect(await refusal(readSheet(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1]), { fileName: 'old.xls' }))).toMatchObject({ code: 'xls_not_supported' });
    expect(await refusal(readSheet(new Uint8Array(), { fileName: 'e.csv' }))).toMatchObject({ code: 'empty_file' });
    expect(await refusal(readSheet(Buffer.from('\r\n,,\r\n'), { fileName: 'e.csv' }))).toMatchObject({ code: 'empty_file' });
    const long = 'a,b,c\n' + '1,2,3\n'.repeat(1_000);
    expect(await refusal(readSheet(Buffer.from(long), { fileName: 'big.csv', maxRows: 999 }))).toMatchObject({ code: 'too_many_rows' });
    expect((await readSheet(Buffer.from(long), { fileName: 'ok.csv', maxRows: 1_000 })).rows).toHaveLength(1_000);
  });
});

describe('XLSX', () => {
  it('combines a merged header over a sub-header, reads formulas, dates and notes lossy numbers', async () => {
    const bytes = await xlsx((ws) => {
      ws.addRow(['安居县台账']);
      ws.mergeCells('A1:F1');
      ws.addRow(['户主姓名', '身份证号', '家庭人口', null, null, '鉴定时间']);
      ws.mergeCells('C2:E2');
      ws.addRow([null, null, '总数', '老人', '残疾', null]);
      ws.addRow(['王五', 610999199001011234, { formula: 'D4+E4', result: 3 }, 1, 2, new Date(Date.UTC(2024, 4, 3))]);
      ws.addRow([]);
      ws.addRow(['赵六', '610999199001011234', { formula: 'D6+E6' }, 1, 0, '2024-05-03']);
    });
    const sheet = await readSheet(bytes, { fileName: 'b.xlsx' });
    expect(sheet.format).toBe('xlsx');
    expect(sheet.headers).toEqual(['户主姓名', '身份证号', '家庭人口/总数', '家庭人口/老人', '家庭人口/残疾', '鉴定时间']);
    expect(suggestMapping(sheet.headers).map((m) => m.field)).toEqual(['head_name', 'id_card', 'members', 'elderly', 'disabled', 'appraised_on']);
    expect(sheet.rows.map((r) => r.line)).toEqual([4, 6]);
    expect(sheet.rows[0]!.cells.slice(2)).toEqual(['3', '1', '2', '2024-05-03']);
    expect(sheet.notes).toEqual([
      { line: 4, index: 1, code: 'number_too_long', value: '610999199001011200' },
      { line: 6, index: 2, code: 'formula_without_value', value: '=D6+E6' },
    ]);
  });

  it('refuses a zip that is not a workbook', async () => {
    const zip = new Uint8Array([0x50, 0x4b, 0x03, 0x04, ...new Array(40).fill(0)]);
    expect(await refusal(readSheet(zip, { fileName: 'x.xlsx' }))).toMatchObject({ code: 'not_a_spreadsheet', field: 'file' });
  });
});

describe('headers and values', () => {
  it('finds fields under the spellings county spreadsheets use', () => {
    expect(normalizeHeader(' 户主 姓名* ')).toBe('户主姓名');
    expect(fieldForHeader('户主姓名（必填）')).toBe('head_name');
    expect(fieldForHeader('１.身份证号码')).toBe('id_card');
    expect(fieldForHeader('经度')).toBe('lon');
    expect(fieldForHeader('备注')).toBeNull();
  });

  it('lets the user map an unknown header, ignore a column, and never feeds one field twice', () => {
    const mapping = suggestMapping(['户主', '姓名', '房屋编码', '备注'], { 房屋编码: 'household_no', 备注: 'ignore' });
    expect(mapping.map((m) => m.field)).toEqual(['head_name', null, 'household_no', null]);
    expect(mapping[1]!.suggested).toBe('head_name');
    expect(rowFields(['张三', '张三', 'H1', 'x'], mapping)).toEqual({ head_name: '张三', household_no: 'H1' });
  });

  it('maps county words to codes, and the user overrides what the table does not know', () => {
    expect(mapValue('structure', '土木结构')).toBe('earth_wood');
    expect(mapValue('structure', ' 土木 ')).toBe('earth_wood');
    expect(mapValue('grade', 'C级')).toBe('C');
    expect(mapValue('grade', '局部危房')).toBe('C');
    expect(mapValue('grade', 'Ｄ')).toBe('D');
    expect(mapValue('category', '农村低保户')).toBe('dibao');
    expect(mapValue('structure', '干打垒')).toBeNull();
    expect(mapValue('structure', '干打垒', { structure: { 干打垒: 'earth_wood' } })).toBe('earth_wood');
    expect(mapValue('structure', '干打垒', { structure: { 干打垒: 'not_a_code' } })).toBeNull();
  });
});

describe('ID-card numbers (GB 11643-1999)', () => {
  const valid = '11010519491231002' + idCardCheckDigit('11010519491231002');

  it('accepts a valid number written the ways spreadsheets write it', () => {
    expect(valid).toBe('11010519491231002X'); // the standard's own example
    expect(checkIdCard(valid)).toEqual({ ok: true, normalized: valid });
    expect(checkIdCard(' 11010519491231002x ')).toEqual({ ok: true, normalized: valid });
    expect(checkIdCard('１１０１０５１９４９１２３１００２Ｘ')).toEqual({ ok: true, normalized: valid });
  });

  it('names what is wrong', () => {
    expect(checkIdCard('')).toEqual({ ok: false, code: 'id_card_empty' });
    expect(checkIdCard('110105491231002')).toEqual({ ok: false, code: 'id_card_15_digit' });
    expect(checkIdCard('1.10105E+17')).toEqual({ ok: false, code: 'id_card_scientific' });
    expect(checkIdCard('11010519491231002Y')).toEqual({ ok: false, code: 'id_card_format' });
    expect(checkIdCard('110105194913310021')).toEqual({ ok: false, code: 'id_card_birth_date' });
    expect(checkIdCard('110105194912310021')).toEqual({ ok: false, code: 'id_card_checksum' });
    expect(checkIdCard(valid, '1949-12-30')).toEqual({ ok: false, code: 'id_card_birth_date' });
  });
});
