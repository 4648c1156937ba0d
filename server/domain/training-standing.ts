// Where a person stands in the training ledger (培训台账) on a day: seed 001 lets only trained staff
// appraise or inspect, so the county must renew a training before it lapses, not after.

/** What a training qualifies for: patrolling (巡查) or appraising (鉴定, seed 001: trained technicians only). */
export const TRAINING_KINDS = ['patrol', 'appraisal'] as const;
export type TrainingKind = (typeof TRAINING_KINDS)[number];

/** A lapse this close is flagged, so a course can be organised in time (a county runs one a quarter). */
export const LAPSING_SOON_DAYS = 90;

export type TrainingStanding = 'valid' | 'lapsing' | 'lapsed' | 'none';

/** The latest of a person's trainings decides: no end date never lapses; `today` and dates are ISO days. */
export function trainingStanding(records: readonly { trainedOn: string; validUntil: string | null }[], today: string): TrainingStanding {
  const taken = records.filter((r) => r.trainedOn <= today);
  if (taken.length === 0) return 'none';
  if (taken.some((r) => r.validUntil === null)) return 'valid';
  const until = taken.reduce((m, r) => (r.validUntil! > m ? r.validUntil! : m), '');
  if (until < today) return 'lapsed';
  const soon = new Date(Date.parse(`${today}T00:00:00Z`) + LAPSING_SOON_DAYS * 86_400_000).toISOString().slice(0, 10);
  return until <= soon ? 'lapsing' : 'valid';
}

/** The day the person's training runs out (the latest end date), null when it never does or there is none. */
export function trainedUntil(records: readonly { trainedOn: string; validUntil: string | null }[], today: string): string | null {
  const taken = records.filter((r) => r.trainedOn <= today);
  if (taken.length === 0 || taken.some((r) => r.validUntil === null)) return null;
  return taken.reduce((m, r) => (r.validUntil! > m ? r.validUntil! : m), '');
}
