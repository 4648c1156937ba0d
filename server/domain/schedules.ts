// The two inspection schedules (issue 11 "Schedules"), as China-time days:
//   - seed 003: key houses of adobe, earth-wood and brick-wood are revisited every quarter
//     (重点对象土坯房、土木结构房、砖木结构房每季度跟踪回访) — due by the quarter's last day;
//   - seed 001: every monitored household's house is checked once a year in March–April
//     (每年3至4月份开展1次核查) — due by 30 April. It may be dispatched any time before then, so a
//     township can hand it out in February; a campaign whose 30 April has passed is over.
import { addDays } from './deadlines.ts';
import type { Structure } from './housing.ts';
import type { LedgerState } from './ledger-states.ts';
import type { PatrolPace } from './patrol-pace.ts';

/** seed 003 names these three structures for the quarterly revisit. */
export const QUARTERLY_STRUCTURES: readonly Structure[] = ['adobe', 'earth_wood', 'brick_wood'];
/** Houses that are no longer there to inspect: demolished, and their case closed. */
export const GONE_STATES: readonly LedgerState[] = ['demolished', 'closed'];

const PERIOD = /^(\d{4})Q([1-4])$/;

export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
  /** '2026Q4' */
  period: string;
  firstDay: string;
  lastDay: string;
}

export function quarter(year: number, q: 1 | 2 | 3 | 4): Quarter {
  const firstMonth = (q - 1) * 3 + 1;
  const firstDay = `${year}-${String(firstMonth).padStart(2, '0')}-01`;
  const next = q === 4 ? `${year + 1}-01-01` : `${year}-${String(firstMonth + 3).padStart(2, '0')}-01`;
  return { year, quarter: q, period: `${year}Q${q}`, firstDay, lastDay: addDays(next, -1) };
}

/** '2026Q4' → the quarter; null for anything else ('2026Q5', '26Q1', '2026q4'). */
export function parsePeriod(period: string): Quarter | null {
  const m = PERIOD.exec(period);
  return m ? quarter(+m[1]!, +m[2]! as 1 | 2 | 3 | 4) : null;
}

/** The quarter a China day falls in. */
export function quarterOf(day: string): Quarter {
  const month = +day.slice(5, 7);
  return quarter(+day.slice(0, 4), (Math.floor((month - 1) / 3) + 1) as 1 | 2 | 3 | 4);
}

export function nextQuarter(q: Quarter): Quarter {
  return q.quarter === 4 ? quarter(q.year + 1, 1) : quarter(q.year, (q.quarter + 1) as 1 | 2 | 3 | 4);
}

/**
 * Why a quarter may not be dispatched today, or null: a past quarter is over; more than the next one
 * ahead is too early to plan (people, houses and grades change).
 */
export function quarterRefusal(q: Quarter, today: string): 'past' | 'too_early' | null {
  if (q.lastDay < today) return 'past';
  if (q.firstDay > nextQuarter(quarterOf(today)).firstDay) return 'too_early';
  return null;
}

/** seed 001: the campaign window of a year; due by its last day. */
export const campaignWindow = (year: number) => ({ from: `${year}-03-01`, to: `${year}-04-30` });

/** The campaign not yet over on `today`: this year's until 30 April, then next year's. */
export const campaignYearOf = (today: string): number => {
  const year = +today.slice(0, 4);
  return today <= campaignWindow(year).to ? year : year + 1;
};

/** Why a campaign year may not be dispatched today, or null: over (past 30 April), or beyond the next one. */
export function campaignRefusal(year: number, today: string): 'past' | 'too_early' | null {
  const current = campaignYearOf(today);
  if (year < current) return 'past';
  if (year > current) return 'too_early';
  return null;
}

/** The instant a schedule's tasks are due: the end of its last China day (23:59:59.999 +08:00). */
export const endOfChinaDay = (day: string): Date => new Date(Date.parse(`${day}T23:59:59.999+08:00`));

/**
 * Minutes one person gives a scheduled round before it is due: one shift a week (at least one shift).
 * A round planned weeks ahead is fitted in between other work, so the whole time until it is due is not
 * theirs — but neither is only one shift, which would leave most of a county's campaign to nobody.
 */
export function scheduledCapacityMinutes(msUntilDue: number, pace: PatrolPace): number {
  const weeks = Math.floor(msUntilDue / (7 * 86_400_000));
  return Math.max(1, weeks) * pace.shiftHours * 60;
}
