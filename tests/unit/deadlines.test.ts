import { describe, expect, it } from 'vitest';
import {
  addOneMonth,
  appraisalDueOn,
  chinaDay,
  damageReportDueOn,
  deadlineStanding,
  isCalendarDay,
  worksDueOn,
} from '../../server/domain/deadlines.ts';

describe('works deadline (seed 001)', () => {
  it('is 30 November for houses appraised C/D January–June', () => {
    expect(worksDueOn('2026-01-01')).toBe('2026-11-30');
    expect(worksDueOn('2026-03-15')).toBe('2026-11-30');
    expect(worksDueOn('2026-06-30')).toBe('2026-11-30');
  });

  it('is 31 May of the next year for July–December, across the year end', () => {
    expect(worksDueOn('2026-07-01')).toBe('2027-05-31');
    expect(worksDueOn('2026-12-31')).toBe('2027-05-31');
    expect(worksDueOn('2027-01-01')).toBe('2027-11-30');
  });

  it('takes the half-year from the China-time day, not the UTC one', () => {
    // 23:30 on 30 June in Beijing is 15:30 UTC the same day: first half.
    expect(worksDueOn(chinaDay(new Date('2026-06-30T15:30:00Z')))).toBe('2026-11-30');
    // 00:30 on 1 July in Beijing is still 30 June in UTC: second half.
    expect(chinaDay(new Date('2026-06-30T16:30:00Z'))).toBe('2026-07-01');
    expect(worksDueOn(chinaDay(new Date('2026-06-30T16:30:00Z')))).toBe('2027-05-31');
    // New Year's Eve 23:59 UTC is already 1 January in Beijing.
    expect(chinaDay(new Date('2026-12-31T16:00:00Z'))).toBe('2027-01-01');
    expect(worksDueOn(chinaDay(new Date('2026-12-31T15:59:59Z')))).toBe('2027-05-31');
    expect(worksDueOn(chinaDay(new Date('2026-12-31T16:00:00Z')))).toBe('2027-11-30');
  });
});

describe('one month to appraise (seed 003) and three days to report damage (seed 002)', () => {
  it('adds a calendar month, clamped to the month end', () => {
    expect(appraisalDueOn('2026-03-15')).toBe('2026-04-15');
    expect(addOneMonth('2026-01-31')).toBe('2026-02-28');
    expect(addOneMonth('2028-01-31')).toBe('2028-02-29');
    expect(addOneMonth('2026-12-15')).toBe('2027-01-15');
    expect(addOneMonth('2026-08-31')).toBe('2026-09-30');
  });

  it('adds three days across month and year ends', () => {
    expect(damageReportDueOn('2026-07-10')).toBe('2026-07-13');
    expect(damageReportDueOn('2026-12-30')).toBe('2027-01-02');
    expect(damageReportDueOn('2028-02-27')).toBe('2028-03-01');
  });
});

describe('deadline standing', () => {
  it('counts the due day as in time, flags 30 days ahead, and tells late from met', () => {
    expect(deadlineStanding('2026-11-30', '2026-11-30')).toBe('due_soon');
    expect(deadlineStanding('2026-11-30', '2026-12-01')).toBe('overdue');
    expect(deadlineStanding('2026-11-30', '2026-10-31')).toBe('due_soon');
    expect(deadlineStanding('2026-11-30', '2026-10-30')).toBe('open');
    expect(deadlineStanding('2026-11-30', '2027-01-01', '2026-11-30')).toBe('met');
    expect(deadlineStanding('2026-11-30', '2027-01-01', '2026-12-01')).toBe('late');
  });

  it('knows real calendar days', () => {
    expect(isCalendarDay('2026-02-28')).toBe(true);
    expect(isCalendarDay('2026-02-29')).toBe(false);
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2026-13-01')).toBe(false);
    expect(isCalendarDay('26-01-01')).toBe(false);
  });
});
