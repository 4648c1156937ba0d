// The periods figures are counted in — weeks, months, quarters — as China Standard Time days, like the
// ledger's deadlines (deadlines.ts). A week runs Monday to Sunday, as county offices count it: a patrol
// reported at 23:30 on a Sunday in Beijing belongs to that week, one at 00:10 on Monday to the next, even
// though both fall on the same UTC day. A period is named by its first day.
import { addDays, chinaDay, daysBetween } from './deadlines.ts';

/** The Monday of the week that holds `day` (YYYY-MM-DD). */
export function mondayOf(day: string): string {
  // 1970-01-05 was a Monday.
  const offset = ((daysBetween('1970-01-05', day) % 7) + 7) % 7;
  return addDays(day, -offset);
}

/** The Monday of the China-time week an instant falls in. */
export const chinaWeekOf = (instant: Date): string => mondayOf(chinaDay(instant));

/** The Sunday that ends the week starting `monday`. */
export const weekEnd = (monday: string): string => addDays(monday, 6);

/** The Mondays of every week that overlaps [from, to], oldest first. */
export function mondaysBetween(from: string, to: string): string[] {
  const weeks: string[] = [];
  for (let m = mondayOf(from); m <= to; m = addDays(m, 7)) weeks.push(m);
  return weeks;
}

/** The `n` weeks ending with the one that holds `today`, as their Mondays, oldest first. */
export const lastWeeks = (today: string, n: number): string[] => mondaysBetween(addDays(mondayOf(today), -7 * (n - 1)), today);

/** The instant a China-time day starts (00:00 in Beijing), as an ISO string in UTC. */
export const chinaDayStart = (day: string): string => new Date(Date.parse(`${day}T00:00:00+08:00`)).toISOString();

export interface Period {
  /** First and last China day, inclusive. */
  from: string;
  to: string;
}

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;
const QUARTER = /^(\d{4})Q([1-4])$/;

/** A month written YYYY-MM → its days; null when it is not one. */
export function monthPeriod(month: string): Period | null {
  const m = MONTH.exec(month);
  if (!m) return null;
  const [y, mo] = [+m[1]!, +m[2]!];
  const last = new Date(Date.UTC(y, mo, 0)).getUTCDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}

/** A quarter written YYYYQn (the schedules' period names: 2026Q4) → its days; null when it is not one. */
export function quarterPeriod(quarter: string): Period | null {
  const m = QUARTER.exec(quarter);
  if (!m) return null;
  const [y, q] = [+m[1]!, +m[2]!];
  const first = monthPeriod(`${y}-${String(3 * q - 2).padStart(2, '0')}`)!;
  const last = monthPeriod(`${y}-${String(3 * q).padStart(2, '0')}`)!;
  return { from: first.from, to: last.to };
}
