// The schedules' calendar (seeds 001, 003) and the 3-day damage rule (seed 002), in China-time days.
import { describe, expect, it } from 'vitest';
import { damageMakesSuspect, isLateReport, isRecentEvent } from '../../server/domain/disasters.ts';
import { DEFAULT_PACE } from '../../server/domain/patrol-pace.ts';
import {
  campaignRefusal,
  campaignYearOf,
  endOfChinaDay,
  parsePeriod,
  quarterOf,
  quarterRefusal,
  scheduledCapacityMinutes,
} from '../../server/domain/schedules.ts';
import { kindOfBatch } from '../../server/domain/task-kinds.ts';

describe('quarters', () => {
  it('reads 2026Q4 as 1 October – 31 December and refuses what is not a quarter', () => {
    expect(parsePeriod('2026Q4')).toMatchObject({ firstDay: '2026-10-01', lastDay: '2026-12-31' });
    expect(parsePeriod('2028Q1')).toMatchObject({ firstDay: '2028-01-01', lastDay: '2028-03-31' });
    expect(parsePeriod('2026Q2')!.lastDay).toBe('2026-06-30');
    for (const bad of ['2026Q5', '2026Q0', '2026q4', '26Q4', '2026-Q4', '']) expect(parsePeriod(bad), bad).toBeNull();
  });

  it('puts a day in its quarter, and allows this quarter and the next only', () => {
    expect(quarterOf('2026-03-31').period).toBe('2026Q1');
    expect(quarterOf('2026-04-01').period).toBe('2026Q2');
    expect(quarterRefusal(parsePeriod('2026Q4')!, '2026-12-31')).toBeNull();
    expect(quarterRefusal(parsePeriod('2027Q1')!, '2026-12-31')).toBeNull();
    expect(quarterRefusal(parsePeriod('2026Q4')!, '2027-01-01')).toBe('past');
    expect(quarterRefusal(parsePeriod('2027Q2')!, '2026-12-31')).toBe('too_early');
  });

  it('ends a schedule at the end of its last day in Beijing (15:59:59.999 UTC)', () => {
    expect(endOfChinaDay('2026-12-31').toISOString()).toBe('2026-12-31T15:59:59.999Z');
  });
});

describe('the March–April campaign', () => {
  it('is this year’s until 30 April, then next year’s', () => {
    expect(campaignYearOf('2027-04-30')).toBe(2027);
    expect(campaignYearOf('2027-05-01')).toBe(2028);
    expect(campaignYearOf('2026-11-30')).toBe(2027);
    expect(campaignRefusal(2026, '2026-11-30')).toBe('past');
    expect(campaignRefusal(2027, '2026-11-30')).toBeNull();
    expect(campaignRefusal(2028, '2026-11-30')).toBe('too_early');
  });

  it('gives each person a shift a week until due, at least one', () => {
    const week = 7 * 86_400_000;
    expect(scheduledCapacityMinutes(0, DEFAULT_PACE)).toBe(480);
    expect(scheduledCapacityMinutes(week - 1, DEFAULT_PACE)).toBe(480);
    expect(scheduledCapacityMinutes(4.5 * week, DEFAULT_PACE)).toBe(4 * 480);
  });
});

describe('task kinds', () => {
  it('reads the kind from the batch key, manual by default', () => {
    expect(['alert:12', 'manual:abcdefgh', 'quarterly:2026Q4', 'campaign:2027', 'x'].map(kindOfBatch)).toEqual(['alert', 'manual', 'quarterly', 'campaign', 'manual']);
  });
});

describe('disaster damage (seed 002)', () => {
  it('is in time on the third day and late on the fourth, across February’s end in a leap year', () => {
    expect(isLateReport('2028-02-27', '2028-03-01')).toBe(false);
    expect(isLateReport('2028-02-27', '2028-03-02')).toBe(true);
    expect(isLateReport('2026-12-30', '2027-01-02')).toBe(false);
    expect(isLateReport('2026-12-30', '2027-01-03')).toBe(true);
  });

  it('offers an event to the field view for 7 days', () => {
    expect(isRecentEvent('2026-02-01', '2026-02-08')).toBe(true);
    expect(isRecentEvent('2026-02-01', '2026-02-09')).toBe(false);
    expect(isRecentEvent('2026-02-10', '2026-02-09')).toBe(false);
  });

  it('makes a house suspect when severe, collapsed or not fit to live in', () => {
    expect(damageMakesSuspect('moderate', null)).toBe(false);
    expect(damageMakesSuspect('minor', false)).toBe(true);
    expect(damageMakesSuspect('severe', true)).toBe(true);
    expect(damageMakesSuspect('collapsed', null)).toBe(true);
  });
});
