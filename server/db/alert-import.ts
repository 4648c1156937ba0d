// Applying imported messages: CAP Alert / Update / Cancel, and GeoJSON drafts. Call inside one
// transaction per request, so a bad message in a batch stores nothing.
import type { AlertDraft, CapRef } from '../domain/alerts.ts';
import type { CapMessage } from '../domain/cap.ts';
import { HttpError } from '../http/errors.ts';
import { capMessageSeen, changeAlert, findAlertByCap, getAlert, insertAlert, type ChangeMeta } from './alerts.ts';
import type { Db } from './connection.ts';

export type ImportAction = 'created' | 'updated' | 'cancelled' | 'duplicate';
export interface ImportOutcome {
  action: ImportAction;
  alertId: number;
}

/** The alert a message refers to: the newest reference that names a message we know. */
function referenced(db: Db, refs: readonly CapRef[]): number {
  for (const ref of [...refs].reverse()) {
    const id = findAlertByCap(db, ref);
    if (id !== null) return id;
  }
  const names = refs.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');
  throw new HttpError(404, 'alert_not_found', `no alert came from the referenced message(s) ${names}`, 'references');
}

export function applyCap(db: Db, msg: CapMessage, meta: Omit<ChangeMeta, 'cap'>): ImportOutcome {
  // The same message twice changes nothing (CAP feeds repeat themselves).
  if (capMessageSeen(db, msg.ref)) return { action: 'duplicate', alertId: findAlertByCap(db, msg.ref)! };
  if (msg.msgType === 'Alert') return { action: 'created', alertId: insertAlert(db, msg.draft, meta) };

  const alertId = referenced(db, msg.references);
  const current = getAlert(db, alertId, meta.now)!;
  if (current.cancelledAt !== null) {
    throw new HttpError(409, 'alert_cancelled', `alert ${alertId} was cancelled on ${current.cancelledAt}`, 'references');
  }
  if (msg.msgType === 'Cancel') {
    changeAlert(db, current, { cancelledAt: meta.now.toISOString() }, 'cancel', { ...meta, cap: msg.ref });
    return { action: 'cancelled', alertId };
  }
  const d = msg.draft;
  changeAlert(
    db,
    current,
    {
      type: d.type,
      level: d.level,
      issuer: d.issuer,
      headline: d.headline,
      description: d.description,
      instruction: d.instruction,
      language: d.language,
      effectiveAt: d.effectiveAt,
      expiresAt: d.expiresAt,
      geometry: d.geometry,
      infos: d.infos,
      regionCodes: d.regionCodes,
    },
    'update',
    { ...meta, cap: msg.ref },
  );
  return { action: 'updated', alertId };
}

export function insertDrafts(db: Db, drafts: readonly AlertDraft[], meta: Omit<ChangeMeta, 'cap'>): ImportOutcome[] {
  return drafts.map((d) => ({ action: 'created' as const, alertId: insertAlert(db, d, meta) }));
}
