import { describe, expect, it } from 'vitest';
import {
  currentGrade,
  isKeyHouse,
  isRepairedC,
  keyHousePriority,
  type AppraisalRecord,
  type RenovationRecord,
} from '../../server/domain/housing.ts';
import { maskIdCard, maskPhone } from '../../server/domain/masking.ts';

const appraised = (...rows: [string, AppraisalRecord['grade']][]): AppraisalRecord[] =>
  rows.map(([appraisedOn, grade]) => ({ appraisedOn, grade }));
const strengthened = (completedOn: string | null): RenovationRecord => ({
  method: 'repair_strengthen',
  year: Number((completedOn ?? '2020').slice(0, 4)),
  completedOn,
});

describe('current grade (the latest appraisal)', () => {
  it('is null for a house never appraised', () => {
    expect(currentGrade([])).toBeNull();
  });

  it('takes the latest appraisal whatever order the history comes in', () => {
    expect(currentGrade(appraised(['2024-03-10', 'B'], ['2018-05-01', 'A'], ['2021-04-02', 'C']))).toBe('B');
  });
});

describe('repaired C (原鉴定为C级通过危房改造修缮加固, seeds 000/001)', () => {
  it('counts a C house repaired and re-appraised B as repaired C', () => {
    const history = appraised(['2019-03-12', 'C'], ['2019-12-20', 'B']);
    expect(isRepairedC(history, [strengthened('2019-11-05')])).toBe(true);
  });

  it('does not count a repair finished before the house was found C', () => {
    expect(isRepairedC(appraised(['2019-03-12', 'C']), [strengthened('2018-10-01')])).toBe(false);
  });

  it('does not count a repair that has not been completed', () => {
    expect(isRepairedC(appraised(['2019-03-12', 'C']), [strengthened(null)])).toBe(false);
  });

  it('does not count a rebuild as strengthening a C house', () => {
    const rebuild: RenovationRecord = { method: 'rebuild', year: 2019, completedOn: '2019-11-05' };
    expect(isRepairedC(appraised(['2019-03-12', 'C'], ['2019-12-20', 'A']), [rebuild])).toBe(false);
  });

  it('does not count a repaired house that was never graded C', () => {
    expect(isRepairedC(appraised(['2019-03-12', 'B'], ['2020-04-01', 'A']), [strengthened('2019-11-05')])).toBe(false);
  });

  it('counts the repair against the first C when a house was graded C twice', () => {
    const history = appraised(['2018-04-01', 'C'], ['2019-03-12', 'C'], ['2019-12-20', 'A']);
    expect(isRepairedC(history, [strengthened('2018-11-20')])).toBe(true);
  });
});

describe('key houses (重点房屋, seeds 000/001)', () => {
  it('makes every B house a key house', () => {
    expect(isKeyHouse({ grade: 'B', repairedC: false })).toBe(true);
  });

  it('makes a repaired C house a key house even when it is now A', () => {
    expect(isKeyHouse({ grade: 'A', repairedC: true })).toBe(true);
  });

  it('leaves an ordinary A house and a never-appraised house out', () => {
    expect(isKeyHouse({ grade: 'A', repairedC: false })).toBe(false);
    expect(isKeyHouse({ grade: null, repairedC: false })).toBe(false);
  });

  it('leaves C and D houses to the ledger, even a repaired C graded C again', () => {
    expect(isKeyHouse({ grade: 'C', repairedC: false })).toBe(false);
    expect(isKeyHouse({ grade: 'D', repairedC: false })).toBe(false);
    expect(isKeyHouse({ grade: 'C', repairedC: true })).toBe(false);
  });

  it('watches earth-wood B houses and repaired C houses hardest', () => {
    expect(keyHousePriority({ grade: 'B', repairedC: false, structure: 'earth_wood' })).toBe(2);
    expect(keyHousePriority({ grade: 'A', repairedC: true, structure: 'brick_concrete' })).toBe(2);
    expect(keyHousePriority({ grade: 'B', repairedC: false, structure: 'brick_concrete' })).toBe(1);
    expect(keyHousePriority({ grade: 'A', repairedC: false, structure: 'earth_wood' })).toBe(0);
  });
});

describe('masking personal data (个人信息保护法 art. 28)', () => {
  it('keeps the first and last four characters of an ID card number', () => {
    expect(maskIdCard('610102199001011234')).toBe('6101**********1234');
    expect(maskIdCard('61099919580704102X')).toBe('6109**********102X');
  });

  it('keeps the first three and last four digits of a phone number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
  });

  it('stars a value too short to show any of it', () => {
    expect(maskIdCard('12345678')).toBe('********');
    expect(maskPhone('1234567')).toBe('*******');
  });
});
