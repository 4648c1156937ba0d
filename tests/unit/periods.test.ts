import { describe, expect, it } from 'vitest';
import { chinaDayStart, chinaWeekOf, lastWeeks, mondayOf, mondaysBetween, monthPeriod, quarterPeriod, weekEnd } from '../../server/domain/periods.ts';

describe('weeks in China time (Monday to Sunday)', () => {
  it('puts a patrol reported at 23:30 on a Sunday in Beijing in that week, one at 00:10 on Monday in the next', () => {
    // Sunday 22 November 2026, 23:30 Beijing = 15:30 UTC; Monday 23 November, 00:10 Beijing = 16:10 UTC the same UTC day.
    expect(chinaWeekOf(new Date('2026-11-22T15:30:00Z'))).toBe('2026-11-16');
    expect(chinaWeekOf(new Date('2026-11-22T16:10:00Z'))).toBe('2026-11-23');
  });

  it('starts a week on its Monday whatever the day, across a month and a year end', () => {
    expect(mondayOf('2026-11-16')).toBe('2026-11-16');
    expect(mondayOf('2026-11-22')).toBe('2026-11-16');
    expect(mondayOf('2026-12-01')).toBe('2026-11-30');
    expect(mondayOf('2027-01-03')).toBe('2026-12-28');
    expect(mondayOf('1969-12-31')).toBe('1969-12-29');
    expect(weekEnd('2026-12-28')).toBe('2027-01-03');
  });

  it('lists the weeks of a range oldest first, and the last n weeks up to today', () => {
    expect(mondaysBetween('2026-11-04', '2026-11-23')).toEqual(['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-23']);
    expect(lastWeeks('2026-11-20', 3)).toEqual(['2026-11-02', '2026-11-09', '2026-11-16']);
  });

  it('starts a China day at 16:00 UTC the day before', () => {
    expect(chinaDayStart('2026-11-23')).toBe('2026-11-22T16:00:00.000Z');
  });
});

describe('report periods', () => {
  it('reads a month and a quarter, with their last days', () => {
    expect(monthPeriod('2026-02')).toEqual({ from: '2026-02-01', to: '2026-02-28' });
    expect(monthPeriod('2028-02')).toEqual({ from: '2028-02-01', to: '2028-02-29' });
    expect(quarterPeriod('2026Q4')).toEqual({ from: '2026-10-01', to: '2026-12-31' });
    expect(quarterPeriod('2026Q1')).toEqual({ from: '2026-01-01', to: '2026-03-31' });
  });

  it('refuses what is not one', () => {
    for (const m of ['2026-13', '2026-1', '26-01', '2026-00', '']) expect(monthPeriod(m), m).toBeNull();
    for (const q of ['2026Q5', '2026Q0', '2026-Q1', '2026q1']) expect(quarterPeriod(q), q).toBeNull();
  });
});
