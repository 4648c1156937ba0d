// An alert's history as the panel words it: each version's kind (issued, updated by the sender, edited
// here, withdrawn) and which fields changed. The server records every change with before and after
// (db/alerts.ts changeAlert); the reader needs the level and the times, the rest by name.
import type { AlertVersion } from '../../api/alerts.ts';

export const HISTORY_KINDS = ['create', 'update', 'edit', 'cancel'] as const;
export type HistoryKind = (typeof HISTORY_KINDS)[number];

/** The changed fields the panel names (alerts.history.field.<name>); any other is "other details". */
export const HISTORY_FIELDS = ['level', 'type', 'expiresAt', 'effectiveAt', 'headline', 'description', 'instruction', 'geometry', 'infos', 'other'] as const;
export type HistoryField = (typeof HISTORY_FIELDS)[number];

export type ChangeLine =
  | { field: 'level'; before: string | null; after: string | null }
  | { field: 'expiresAt' | 'effectiveAt'; before: string | null; after: string | null }
  | { field: Exclude<HistoryField, 'level' | 'expiresAt' | 'effectiveAt'> };

// Fields that follow from others or that the kind already says: not listed on their own.
const IMPLIED = new Set(['cancelledAt', 'noExpiryGiven', 'regionCodes', 'language', 'event', 'issuer']);
const NAMED = new Set<string>(HISTORY_FIELDS);

const asString = (v: unknown): string | null => (typeof v === 'string' ? v : null);

export const historyKind = (kind: string): HistoryKind => ((HISTORY_KINDS as readonly string[]).includes(kind) ? (kind as HistoryKind) : 'update');

/** What one version changed, in the order of HISTORY_FIELDS; "other details" at most once. */
export function changeLines(v: Pick<AlertVersion, 'changes'>): ChangeLine[] {
  const lines: ChangeLine[] = [];
  let other = false;
  for (const field of HISTORY_FIELDS) {
    const c = v.changes[field];
    if (!c) continue;
    if (field === 'level' || field === 'expiresAt' || field === 'effectiveAt') lines.push({ field, before: asString(c.before), after: asString(c.after) });
    else if (field !== 'other') lines.push({ field });
  }
  for (const key of Object.keys(v.changes)) if (!NAMED.has(key) && !IMPLIED.has(key)) other = true;
  if (other) lines.push({ field: 'other' });
  return lines;
}
