import { describe, expect, it } from 'vitest';
import { chineseNumeral, readDay, readDegrees, readGroupNumber, readInteger, readPhone, readYear } from '../../server/imports/cells.ts';

const value = <T>(r: { ok: true; value: T } | { ok: false; code: string }) => (r.ok ? r.value : r.code);

describe('reading the cells of a county ledger', () => {
  it('reads days as county spreadsheets write them, never after today', () => {
    const today = '2026-11-30';
    expect(['2023-05-06', '2023/5/6', '2023.5.6', '2023年5月6日', '20230506', '２０２３-05-06'].map((s) => value(readDay(s, today)))).toEqual(Array(6).fill('2023-05-06'));
    expect(value(readDay('2026-12-01', today))).toBe('date_in_future');
    expect(value(readDay('2023-02-30', today))).toBe('date_format');
    expect(value(readDay('2023-05', today))).toBe('date_format');
  });

  it('reads years of building, not after this year', () => {
    expect(['1985', '1985年', '1985.0', '1985-06-01', '1985年代'].map((s) => value(readYear(s, '2026-11-30')))).toEqual(Array(5).fill(1985));
    expect(value(readYear('2027', '2026-11-30'))).toBe('date_in_future');
  });

  it('reads whole numbers within bounds', () => {
    expect(['4', '4人', '4.0', '４'].map((s) => value(readInteger(s, 1, 50)))).toEqual([4, 4, 4, 4]);
    expect(value(readInteger('0', 1, 50))).toBe('out_of_range');
    expect(value(readInteger('四', 1, 50))).toBe('not_a_number');
  });

  it('reads mobile and landline numbers, refuses the rest', () => {
    expect(value(readPhone('+86 139-1234-5678'))).toBe('13912345678');
    expect(value(readPhone('0916-1234567'))).toBe('09161234567');
    expect(value(readPhone('1234'))).toBe('phone_format');
  });

  it('reads group numbers in digits and Chinese numerals', () => {
    expect(['3', '03', '3组', '第3组', '三组', '第三村民小组', '十二组', '二十组'].map((s) => value(readGroupNumber(s)))).toEqual([3, 3, 3, 3, 3, 3, 12, 20]);
    expect(value(readGroupNumber('东组'))).toBe('group_format');
    expect([1, 10, 12, 20, 25].map(chineseNumeral)).toEqual(['一', '十', '十二', '二十', '二十五']);
  });

  it('reads decimal degrees and degrees-minutes-seconds', () => {
    expect(value(readDegrees('108.9012'))).toBe(108.9012);
    expect(value(readDegrees('108°54′30″'))).toBeCloseTo(108.908333, 6);
    expect(value(readDegrees('东经108'))).toBe('coordinate_format');
  });
});
