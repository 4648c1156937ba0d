// Disaster damage (灾损上报, seed 002): after a flood, flash flood, landslide, debris flow, earthquake,
// snow, typhoon or gale the village reports each damaged house to the township within 3 days
// (deadlines.ts damageReportDueOn), serious cases at once. Codes only; labels live in the client.
import { daysBetween, damageReportDueOn } from './deadlines.ts';

export const DISASTER_TYPES = ['flood', 'flash_flood', 'landslide', 'debris_flow', 'earthquake', 'snow', 'typhoon', 'gale', 'other'] as const;
export type DisasterType = (typeof DISASTER_TYPES)[number];

/** 轻微 / 中等 / 严重 / 倒塌 */
export const DAMAGE_DEGREES = ['minor', 'moderate', 'severe', 'collapsed'] as const;
export type DamageDegree = (typeof DAMAGE_DEGREES)[number];

/** An event stays open for reports from the field view this many days after it happened. */
export const RECENT_EVENT_DAYS = 7;

/** Reported after the third day (seed 002). */
export const isLateReport = (occurredOn: string, reportedOn: string): boolean => reportedOn > damageReportDueOn(occurredOn);

/** Whether the field view offers reports for an event that happened on `occurredOn`, as of `today`. */
export function isRecentEvent(occurredOn: string, today: string): boolean {
  const age = daysBetween(occurredOn, today);
  return age >= 0 && age <= RECENT_EVENT_DAYS;
}

/**
 * Serious damage, or a house judged not fit to live in, makes the house a suspected dangerous house
 * (疑似危房): it must be appraised before anyone moves back (domain.md "Warnings and seasons").
 */
export const damageMakesSuspect = (degree: DamageDegree, habitable: boolean | null): boolean =>
  degree === 'severe' || degree === 'collapsed' || habitable === false;
