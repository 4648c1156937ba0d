// The deadline lists of the ledger (整改台账) as windows of days, so the database can select them with a
// plain comparison on a stored day instead of recomputing every row's deadline.
//   - seed 003: a household new to the monitored list is appraised within one month of listing.
//   - seed 001: idle dangerous houses (闲置危房) are sealed and looked at regularly (专人定期查看);
//     the seeds name no interval, so the county's practice of a quarterly look is ours.
import { addDays, appraisalDueOn, DUE_SOON_DAYS } from './deadlines.ts';

/** An idle or sealed house is looked at again within this many days of its last check. */
export const IDLE_CHECK_DAYS = 90;

/** The day an idle house's next check is due, from its last check (or the day it was left idle). */
export const idleCheckDueOn = (lastCheckedOn: string): string => addDays(lastCheckedOn, IDLE_CHECK_DAYS);

/**
 * The first listing day whose one-month appraisal deadline (appraisalDueOn) falls on or after `dueFrom`.
 * addOneMonth never decreases as the day grows (29–31 January all give the end of February), so every
 * household listed before this day is due before `dueFrom`, and every one listed on or after it is not.
 */
export function firstListedDueOnOrAfter(dueFrom: string): string {
  // A month is 28–31 days: the answer lies within the 33 days before dueFrom.
  let day = addDays(dueFrom, -33);
  while (appraisalDueOn(day) < dueFrom) day = addDays(day, 1);
  return day;
}

/**
 * The listing days of the one-month rule on `today`: listed before `overdueBefore` and not appraised
 * since → overdue (the due day itself is still in time); listed from `overdueBefore` up to (not
 * including) `dueSoonBefore` → due within DUE_SOON_DAYS.
 */
export function appraisalWindows(today: string): { overdueBefore: string; dueSoonBefore: string } {
  return {
    overdueBefore: firstListedDueOnOrAfter(today),
    dueSoonBefore: firstListedDueOnOrAfter(addDays(today, DUE_SOON_DAYS + 1)),
  };
}
