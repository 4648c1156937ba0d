// Applying imported messages: CAP Alert / Update / Cancel, and GeoJSON drafts. Call inside one
// transaction per request, so a bad message in a batch stores nothing.
//
// Who may apply what (issue 9, auth/alert-rules.ts): a new alert belongs to the importer's region, its
// zone fitted to that region; an Update or Cancel must come from the sender of the message it
// references (a feed cannot end another feed's warning) and the importer must be allowed to change the
// alert. The sender is only a string in the XML, so the second check is what really guards the alert.
import { assertMayChangeAlert } from '../auth/alert-rules.ts';
import type { AlertDraft, CapRef, ZoneGeometry } from '../domain/alerts.ts';
import type { CapMessage } from '../domain/cap.ts';
import { HttpError } from '../http/errors.ts';
import { capMessageSeen, changeAlert, findAlertByCap, getAlert, insertAlert, visibleAlert, type ChangeMeta } from './alerts.ts';
import type { Db } from './connection.ts';
import type { RegionRef } from './household-filter.ts';

export type ImportAction = 'created' | 'updated' | 'cancelled' | 'duplicate';
export interface ImportOutcome {
  action: ImportAction;
  alertId: number;
}

export interface ImportMeta extends Omit<ChangeMeta, 'cap'> {
  /** The importer's jurisdiction: new alerts belong to it, and it bounds which alerts they may change. */
  scope: RegionRef;
}

export interface CapImportMeta extends ImportMeta {
  /** The zone as the importer may issue it (auth/alert-rules.ts zoneInJurisdiction); throws a refusal. */
  fitZone: (zone: ZoneGeometry) => ZoneGeometry;
}

/**
 * The alert a message refers to — the newest reference that names a message we know and whose alert
 * the importer sees — with that reference. An alert outside the importer's jurisdiction is not known.
 */
function referenced(db: Db, refs: readonly CapRef[], meta: ImportMeta): { alertId: number; ref: CapRef } {
  for (const ref of [...refs].reverse()) {
    const id = findAlertByCap(db, ref);
    if (id !== null && visibleAlert(db, id, meta.scope, meta.now)) return { alertId: id, ref };
  }
  const names = refs.map((r) => `${r.sender},${r.identifier},${r.sent}`).join(' ');
  throw new HttpError(404, 'alert_not_found', `no alert came from the referenced message(s) ${names}`, 'references');
}

export function applyCap(db: Db, msg: CapMessage, meta: CapImportMeta): ImportOutcome {
  const change = { userId: meta.userId, now: meta.now };
  // The same message twice changes nothing (CAP feeds repeat themselves).
  if (capMessageSeen(db, msg.ref)) {
    const alertId = findAlertByCap(db, msg.ref)!;
    if (!visibleAlert(db, alertId, meta.scope, meta.now)) {
      throw new HttpError(409, 'already_imported', `message ${msg.ref.sender},${msg.ref.identifier} was already imported outside your jurisdiction`, 'identifier');
    }
    return { action: 'duplicate', alertId };
  }
  if (msg.msgType === 'Alert') {
    const draft = { ...msg.draft, geometry: meta.fitZone(msg.draft.geometry) };
    return { action: 'created', alertId: insertAlert(db, draft, meta.scope.code, change) };
  }

  const { alertId, ref } = referenced(db, msg.references, meta);
  const current = getAlert(db, alertId, meta.now)!;
  if (msg.ref.sender !== ref.sender) {
    throw new HttpError(403, 'sender_mismatch', `only ${ref.sender}, who sent the referenced message, may ${msg.msgType.toLowerCase()} it (this one is from ${msg.ref.sender})`, 'sender');
  }
  assertMayChangeAlert(db, current, meta.scope, 'references');
  if (current.cancelledAt !== null) {
    throw new HttpError(409, 'alert_cancelled', `alert ${alertId} was cancelled on ${current.cancelledAt}`, 'references');
  }
  if (msg.msgType === 'Cancel') {
    changeAlert(db, current, { cancelledAt: meta.now.toISOString() }, 'cancel', { ...change, cap: msg.ref });
    return { action: 'cancelled', alertId };
  }
  const d = msg.draft;
  changeAlert(
    db,
    current,
    {
      type: d.type,
      level: d.level,
      event: d.event,
      issuer: d.issuer,
      headline: d.headline,
      description: d.description,
      instruction: d.instruction,
      language: d.language,
      effectiveAt: d.effectiveAt,
      expiresAt: d.expiresAt,
      noExpiryGiven: d.noExpiryGiven,
      geometry: meta.fitZone(d.geometry),
      infos: d.infos,
      regionCodes: d.regionCodes,
    },
    'update',
    { ...change, cap: msg.ref },
  );
  return { action: 'updated', alertId };
}

/** New alerts of the importer's region; their zones are already fitted (the caller names each feature's field). */
export function insertDrafts(db: Db, drafts: readonly AlertDraft[], meta: ImportMeta): ImportOutcome[] {
  const change = { userId: meta.userId, now: meta.now };
  return drafts.map((d) => ({ action: 'created' as const, alertId: insertAlert(db, d, meta.scope.code, change) }));
}
