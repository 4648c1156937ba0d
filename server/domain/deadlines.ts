// The ledger's legal deadlines, all counted in China Standard Time days (UTC+8, no daylight saving):
// a house appraised at 23:30 on 30 June in Beijing was appraised in the first half of the year, even
// though it is still 15:30 on 30 June in UTC — and at 00:30 on 1 July it is the second half.
//   - seed 001: C/D appraised January–June → works finished by 30 November that year;
//                July–December → by 31 May of the next year.
//   - seed 003: a household new to the monitored list is appraised within one month.
//   - seed 002: disaster damage to a house is reported within 3 days.

const CST_OFFSET_MS = 8 * 3_600_000;

/** Flagged as due soon this many days before the deadline. */
export const DUE_SOON_DAYS = 30;
/** seed 002: damage reported to the township within 3 days. */
export const DAMAGE_REPORT_DAYS = 3;

const DAY = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The China-time calendar day of an instant, as YYYY-MM-DD. */
export function chinaDay(instant: Date): string {
  return new Date(instant.getTime() + CST_OFFSET_MS).toISOString().slice(0, 10);
}

/** Whether `day` is a real calendar day written YYYY-MM-DD (2026-02-30 is not). */
export function isCalendarDay(day: string): boolean {
  const m = DAY.exec(day);
  if (!m) return false;
  const d = new Date(Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!));
  return d.toISOString().slice(0, 10) === day;
}

function parts(day: string): [number, number, number] {
  const m = DAY.exec(day);
  if (!m) throw new RangeError(`not a YYYY-MM-DD day: ${day}`);
  return [+m[1]!, +m[2]!, +m[3]!];
}

/** seed 001: the day works on a house appraised C/D on `appraisedOn` (China day) must be finished by. */
export function worksDueOn(appraisedOn: string): string {
  const [y, m] = parts(appraisedOn);
  return m <= 6 ? `${y}-11-30` : `${y + 1}-05-31`;
}

/** `day` plus n calendar days. */
export function addDays(day: string, n: number): string {
  const [y, m, d] = parts(day);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/** `day` plus one calendar month, clamped to the month's end (31 January → 28/29 February). */
export function addOneMonth(day: string): string {
  const [y, m, d] = parts(day);
  const lastOfNext = new Date(Date.UTC(y, m + 1, 0)).getUTCDate();
  return new Date(Date.UTC(y, m, Math.min(d, lastOfNext))).toISOString().slice(0, 10);
}

/** seed 003: a household listed on `listedOn` must have its house appraised by this day. */
export const appraisalDueOn = (listedOn: string): string => addOneMonth(listedOn);

/** seed 002: damage from a disaster on `occurredOn` must be reported by this day. */
export const damageReportDueOn = (occurredOn: string): string => addDays(occurredOn, DAMAGE_REPORT_DAYS);

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: string, to: string): number {
  const [a, b] = [parts(from), parts(to)];
  return Math.round((Date.UTC(b[0], b[1] - 1, b[2]) - Date.UTC(a[0], a[1] - 1, a[2])) / 86_400_000);
}

export type DeadlineStanding = 'met' | 'late' | 'open' | 'due_soon' | 'overdue';

/**
 * Where a deadline stands on `today`: done on or before the due day is met, done after it late;
 * not done, it is overdue after the due day, due soon within DUE_SOON_DAYS of it, else open.
 * The due day itself is still in time.
 */
export function deadlineStanding(dueOn: string, today: string, doneOn?: string | null): DeadlineStanding {
  if (doneOn) return doneOn <= dueOn ? 'met' : 'late';
  if (today > dueOn) return 'overdue';
  return daysBetween(today, dueOn) <= DUE_SOON_DAYS ? 'due_soon' : 'open';
}
