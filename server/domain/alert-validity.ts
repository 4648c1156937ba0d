// How long a warning stands when its CAP message gives no <expires> (CAP 1.1/1.2 §3.2.2: optional).
//
// CMA signals stay in force until the observatory lifts or changes them (解除/更新); the feed sends that as
// a Cancel or an Update, so a missing expiry is normal, not a defect. We still need an end, or a warning
// whose Cancel never reaches us would stay active for ever. The alert then expires at its effective time
// plus the hours below and is marked "no expiry given" (`noExpiryGiven`), so the panel says the end is ours.
//
// The hours: the period the CMA signal criterion speaks of (暴雨 blue "12 h", yellow "6 h", orange/red
// "3 h"; 大风/暴雪/道路结冰 within 12–24 h; 寒潮 within 48 h), widened to cover the rain or cold that
// continues, and the daily rhythm of the 24-hour 山洪/地质灾害 risk warnings. Flood crests last days.
// Earthquake: seed 002 wants damage reported within 3 days. County staff end an alert earlier with PATCH
// or extend it; changing this table changes only alerts imported afterwards.
import type { AlertLevel, AlertType } from './alerts.ts';

export const DEFAULT_VALIDITY_HOURS: Record<AlertType, Record<AlertLevel, number>> = {
  rainstorm: { blue: 24, yellow: 12, orange: 12, red: 12 },
  flood: { blue: 72, yellow: 72, orange: 72, red: 72 },
  flash_flood: { blue: 24, yellow: 24, orange: 24, red: 24 },
  geological: { blue: 24, yellow: 24, orange: 24, red: 24 },
  cold_wave: { blue: 48, yellow: 48, orange: 48, red: 48 },
  freeze: { blue: 24, yellow: 24, orange: 24, red: 24 },
  icing: { blue: 24, yellow: 24, orange: 24, red: 24 },
  snowstorm: { blue: 24, yellow: 24, orange: 24, red: 24 },
  typhoon: { blue: 48, yellow: 48, orange: 48, red: 48 },
  gale: { blue: 24, yellow: 24, orange: 24, red: 24 },
  earthquake: { blue: 72, yellow: 72, orange: 72, red: 72 },
  other: { blue: 24, yellow: 24, orange: 24, red: 24 },
};

/** The expiry we assume (UTC ISO) for a warning of this type and level effective at `effectiveAt`. */
export function defaultExpiry(type: AlertType, level: AlertLevel, effectiveAt: string): string {
  return new Date(Date.parse(effectiveAt) + DEFAULT_VALIDITY_HOURS[type][level] * 3600_000).toISOString();
}
