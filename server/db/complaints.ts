// Complaints and their history (migration 013). Every change of a complaint writes its event here and
// its audit row (the route's) in one transaction.
import type { ComplaintAction, ComplaintChannel, ComplaintStatus, ComplaintSubject } from '../domain/complaint-states.ts';
import { deadlineStanding } from '../domain/deadlines.ts';
import { maskName, maskPhone } from '../domain/masking.ts';
import type { Db } from './connection.ts';
import type { PersonalDataCipher } from './personal-data.ts';
import type { RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

export interface NewComplaint {
  receiptNo: string;
  channel: ComplaintChannel;
  receivedOn: string;
  receivedAt: string;
  townshipCode: string | null;
  villageCode: string | null;
  houseId: number | null;
  place: string | null;
  subject: ComplaintSubject;
  content: string;
  contact: SealedContact;
  dueOn: string;
  createdBy: number | null;
}

/** The complainant's name and phone as stored: sealed, hashed (phone) and masked. */
export interface SealedContact {
  nameEnc: Buffer | null;
  nameMasked: string | null;
  phoneEnc: Buffer | null;
  phoneHash: Buffer | null;
  phoneMasked: string | null;
}

interface Named {
  code: string;
  name: string;
}
interface Person {
  id: number;
  username: string;
  displayName: string;
}

/** One line of the staff list. */
export interface ComplaintRow {
  id: number;
  receiptNo: string;
  channel: ComplaintChannel;
  subject: ComplaintSubject;
  receivedOn: string;
  dueOn: string;
  status: ComplaintStatus;
  answeredOn: string | null;
  township: Named | null;
  village: Named | null;
  assignee: Person | null;
  /** The start of the content, for the list. */
  summary: string;
}

export interface ComplaintRecord extends ComplaintRow {
  content: string;
  place: string | null;
  receivedAt: string;
  house: { id: number; householdId: number; householdNo: string } | null;
  contactName: string | null;
  contactPhone: string | null;
  answer: string | null;
  answeredAt: string | null;
  answeredBy: Person | null;
  closedAt: string | null;
  createdBy: Person | null;
}

export interface ComplaintEvent {
  id: number;
  at: string;
  by: Person | null;
  action: 'receive' | ComplaintAction;
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus;
  assignee: Person | null;
  note: string | null;
}

/** An anonymous complaint's contact. */
export const NO_CONTACT: SealedContact = { nameEnc: null, nameMasked: null, phoneEnc: null, phoneHash: null, phoneMasked: null };

/** The complainant's name and phone sealed like a household's phone: encrypted, hashed, masked. */
export function sealContact(cipher: PersonalDataCipher, name: string | undefined, phoneNo: string | undefined): SealedContact {
  return {
    nameEnc: name ? cipher.encrypt(name) : null,
    nameMasked: name ? maskName(name) : null,
    phoneEnc: phoneNo ? cipher.encrypt(phoneNo) : null,
    phoneHash: phoneNo ? cipher.hash(phoneNo) : null,
    phoneMasked: phoneNo ? maskPhone(phoneNo) : null,
  };
}

const SUMMARY_CHARS = 80;

const person = (id: number | null, username: string | null, displayName: string | null): Person | null =>
  id === null ? null : { id, username: username!, displayName: displayName! };
const named = (code: string | null, name: string | null): Named | null => (code === null ? null : { code, name: name! });

const ROW_SQL = `
  SELECT c.*, substr(c.content, 1, ${SUMMARY_CHARS}) AS summary,
         t.name AS township_name, v.name AS village_name,
         a.username AS assignee_username, a.display_name AS assignee_name,
         ab.username AS answered_by_username, ab.display_name AS answered_by_name,
         cb.username AS created_by_username, cb.display_name AS created_by_name,
         o.household_id AS household_id, h.household_no AS household_no
    FROM complaints c
    LEFT JOIN regions t ON t.code = c.township_code
    LEFT JOIN regions v ON v.code = c.village_code
    LEFT JOIN users a ON a.id = c.assignee_id
    LEFT JOIN users ab ON ab.id = c.answered_by
    LEFT JOIN users cb ON cb.id = c.created_by
    LEFT JOIN houses o ON o.id = c.house_id
    LEFT JOIN households h ON h.id = o.household_id`;

type Raw = Record<string, any>;

function toRow(r: Raw): ComplaintRow {
  return {
    id: r.id,
    receiptNo: r.receipt_no,
    channel: r.channel,
    subject: r.subject,
    receivedOn: r.received_on,
    dueOn: r.due_on,
    status: r.status,
    answeredOn: r.answered_on,
    township: named(r.township_code, r.township_name),
    village: named(r.village_code, r.village_name),
    assignee: person(r.assignee_id, r.assignee_username, r.assignee_name),
    summary: r.summary,
  };
}

function toRecord(r: Raw): ComplaintRecord {
  return {
    ...toRow(r),
    content: r.content,
    place: r.place,
    receivedAt: r.received_at,
    house: r.house_id === null ? null : { id: r.house_id, householdId: r.household_id, householdNo: r.household_no },
    contactName: r.contact_name_masked,
    contactPhone: r.contact_phone_masked,
    answer: r.answer,
    answeredAt: r.answered_at,
    answeredBy: person(r.answered_by, r.answered_by_username, r.answered_by_name),
    closedAt: r.closed_at,
    createdBy: person(r.created_by, r.created_by_username, r.created_by_name),
  };
}

/**
 * The caller's jurisdiction over complaints. A complaint not placed in a township yet (a public one
 * that named no place) belongs to the county: the county triages it and places it by assigning it.
 */
export function scopeClause(scope: RegionRef, params: Record<string, unknown>): string {
  if (scope.level === 'county') return '1 = 1';
  params.scope = scope.code;
  if (scope.level === 'township') return 'c.township_code = @scope';
  if (scope.level === 'village') return 'c.village_code = @scope';
  return '1 = 0';
}

export function insertComplaint(db: Db, c: NewComplaint): number {
  const { lastInsertRowid } = prepared(
    db,
    `INSERT INTO complaints (receipt_no, channel, received_on, received_at, township_code, village_code, house_id, place, subject, content,
                             contact_name_enc, contact_name_masked, contact_phone_enc, contact_phone_hash, contact_phone_masked, due_on, created_by)
     VALUES (@receiptNo, @channel, @receivedOn, @receivedAt, @townshipCode, @villageCode, @houseId, @place, @subject, @content,
             @nameEnc, @nameMasked, @phoneEnc, @phoneHash, @phoneMasked, @dueOn, @createdBy)`,
  ).run({
    receiptNo: c.receiptNo,
    channel: c.channel,
    receivedOn: c.receivedOn,
    receivedAt: c.receivedAt,
    townshipCode: c.townshipCode,
    villageCode: c.villageCode,
    houseId: c.houseId,
    place: c.place,
    subject: c.subject,
    content: c.content,
    ...c.contact,
    dueOn: c.dueOn,
    createdBy: c.createdBy,
  });
  const id = Number(lastInsertRowid);
  appendEvent(db, { complaintId: id, at: c.receivedAt, by: c.createdBy, action: 'receive', fromStatus: null, toStatus: 'received', assigneeId: null, note: null });
  return id;
}

export function receiptTaken(db: Db, receiptNo: string): boolean {
  return prepared(db, 'SELECT 1 FROM complaints WHERE receipt_no = ?').get(receiptNo) !== undefined;
}

/** What the public may read of a complaint by its receipt number, and nothing else. */
export function publicStanding(db: Db, receiptNo: string) {
  return (
    (prepared(
      db,
      `SELECT receipt_no AS receiptNo, status, received_on AS receivedOn, due_on AS dueOn, answer, answered_on AS answeredOn
         FROM complaints WHERE receipt_no = ?`,
    ).get(receiptNo) as
      | { receiptNo: string; status: ComplaintStatus; receivedOn: string; dueOn: string; answer: string | null; answeredOn: string | null }
      | undefined) ?? null
  );
}

export function getComplaint(db: Db, id: number, scope: RegionRef): ComplaintRecord | null {
  const params: Record<string, unknown> = { id };
  const r = prepared(db, `${ROW_SQL} WHERE c.id = @id AND ${scopeClause(scope, params)}`).get(params) as Raw | undefined;
  return r ? toRecord(r) : null;
}

export function sealedContact(db: Db, id: number): { nameEnc: Buffer | null; phoneEnc: Buffer | null } {
  return prepared(db, 'SELECT contact_name_enc AS nameEnc, contact_phone_enc AS phoneEnc FROM complaints WHERE id = ?').get(id) as {
    nameEnc: Buffer | null;
    phoneEnc: Buffer | null;
  };
}

export interface ComplaintFilter {
  statuses?: ComplaintStatus[];
  township?: string;
  overdue?: boolean;
  /** A user id, or 'none' for the unassigned. */
  assignee?: number | 'none';
  /** Due on a day in [from, to] (the week's due list, db/figures-due.ts). */
  dueBetween?: { from: string; to: string };
}

const OPEN = `c.status NOT IN ('answered', 'closed')`;

/** The filter's WHERE: `base` without the status (the counts by status), `clause` with it. */
function complaintWhere(scope: RegionRef, f: ComplaintFilter, today: string) {
  const params: Record<string, unknown> = { today };
  const where = [scopeClause(scope, params)];
  if (f.township) {
    params.township = f.township;
    where.push('c.township_code = @township');
  }
  if (f.assignee === 'none') where.push('c.assignee_id IS NULL');
  else if (f.assignee !== undefined) {
    params.assignee = f.assignee;
    where.push('c.assignee_id = @assignee');
  }
  if (f.overdue !== undefined) where.push(f.overdue ? `(${OPEN} AND c.due_on < @today)` : `NOT (${OPEN} AND c.due_on < @today)`);
  if (f.dueBetween) {
    Object.assign(params, { dueFrom: f.dueBetween.from, dueTo: f.dueBetween.to });
    where.push('c.due_on BETWEEN @dueFrom AND @dueTo');
  }
  const base = where.join(' AND ');
  if (f.statuses?.length) {
    f.statuses.forEach((s, i) => (params[`status${i}`] = s));
    where.push(`c.status IN (${f.statuses.map((_, i) => `@status${i}`).join(', ')})`);
  }
  return { params, base, clause: where.join(' AND ') };
}

/** A complaint row with where it stands against its due day (China-time days, domain/deadlines.ts). */
export function withStanding<R extends ComplaintRow>(r: R, today: string) {
  const standing = deadlineStanding(r.dueOn, today, r.answeredOn);
  return { ...r, standing, overdue: standing === 'overdue' };
}

/**
 * The complaints of a filter in the list's order — the open ones first, soonest due first; then the
 * answered, newest first — read one at a time: a page for the screen, all of them for the export.
 */
export function* complaintRows(db: Db, scope: RegionRef, f: ComplaintFilter, today: string, page: { limit: number; offset: number } = { limit: -1, offset: 0 }) {
  const { params, clause } = complaintWhere(scope, f, today);
  const rows = prepared(
    db,
    `${ROW_SQL} WHERE ${clause}
     ORDER BY ${OPEN} DESC, CASE WHEN ${OPEN} THEN c.due_on END, c.received_on DESC, c.id DESC
     LIMIT @limit OFFSET @offset`,
  ).iterate({ ...params, ...page }) as IterableIterator<Raw>;
  for (const r of rows) yield withStanding(toRow(r), today);
}

/**
 * A page of the complaints in scope (complaintRows). Counts by status and overdue are over the whole
 * filtered set, not the page; the counts by status ignore the status filter, so the filter's own
 * buttons can show them.
 */
export function listComplaints(db: Db, scope: RegionRef, f: ComplaintFilter, today: string, page: { offset: number; limit: number }) {
  const { params, base, clause } = complaintWhere(scope, f, today);
  const byStatus = Object.fromEntries(
    (prepared(db, `SELECT c.status, count(*) AS n FROM complaints c WHERE ${base} GROUP BY c.status`).all(params) as { status: string; n: number }[]).map(
      (r) => [r.status, r.n],
    ),
  ) as Partial<Record<ComplaintStatus, number>>;
  const { total, overdue } = prepared(
    db,
    `SELECT count(*) AS total, coalesce(sum(${OPEN} AND c.due_on < @today), 0) AS overdue FROM complaints c WHERE ${clause}`,
  ).get(params) as { total: number; overdue: number };
  return { rows: [...complaintRows(db, scope, f, today, page)], total, overdue, byStatus };
}

/** The complainant's name and phone as stored: masked, and sealed (for an audited unmasked export only). */
export function complaintContact(db: Db, id: number) {
  return prepared(
    db,
    `SELECT contact_name_masked AS nameMasked, contact_phone_masked AS phoneMasked, contact_name_enc AS nameEnc, contact_phone_enc AS phoneEnc
       FROM complaints WHERE id = ?`,
  ).get(id) as { nameMasked: string | null; phoneMasked: string | null; nameEnc: Buffer | null; phoneEnc: Buffer | null } | undefined;
}

export function listComplaintEvents(db: Db, id: number): ComplaintEvent[] {
  return (
    prepared(
      db,
      `SELECT e.*, u.username AS by_username, u.display_name AS by_name, a.username AS assignee_username, a.display_name AS assignee_name
         FROM complaint_events e LEFT JOIN users u ON u.id = e.by_user LEFT JOIN users a ON a.id = e.assignee_id
        WHERE e.complaint_id = ? ORDER BY e.id`,
    ).all(id) as Raw[]
  ).map((r) => ({
    id: r.id,
    at: r.at,
    by: person(r.by_user, r.by_username, r.by_name),
    action: r.action,
    fromStatus: r.from_status,
    toStatus: r.to_status,
    assignee: person(r.assignee_id, r.assignee_username, r.assignee_name),
    note: r.note,
  }));
}

interface EventRow {
  complaintId: number;
  at: string;
  by: number | null;
  action: ComplaintEvent['action'];
  fromStatus: ComplaintStatus | null;
  toStatus: ComplaintStatus;
  assigneeId: number | null;
  note: string | null;
}

function appendEvent(db: Db, e: EventRow): void {
  prepared(
    db,
    `INSERT INTO complaint_events (complaint_id, at, by_user, action, from_status, to_status, assignee_id, note)
     VALUES (@complaintId, @at, @by, @action, @fromStatus, @toStatus, @assigneeId, @note)`,
  ).run(e);
}

export interface ComplaintChange {
  action: ComplaintAction;
  from: ComplaintStatus;
  to: ComplaintStatus;
  by: number;
  at: string;
  onDay: string;
  note: string | null;
  /** assign: the new assignee, and the township it places an unplaced complaint in. */
  assigneeId?: number;
  placeInTownship?: string;
  /** answer: the text the complainant reads. */
  answer?: string;
}

/**
 * Moves a complaint and appends its event; the caller checked the move and writes the audit row in the
 * same transaction. False when the complaint was no longer in `from` (someone moved it meanwhile).
 */
export function changeComplaint(db: Db, id: number, ch: ComplaintChange): boolean {
  const { changes } = prepared(
    db,
    `UPDATE complaints SET status = @to,
            assignee_id   = coalesce(@assigneeId, assignee_id),
            township_code = coalesce(township_code, @placeInTownship),
            answer        = CASE WHEN @answer IS NULL THEN answer ELSE @answer END,
            answered_on   = CASE WHEN @answer IS NULL THEN answered_on ELSE @onDay END,
            answered_at   = CASE WHEN @answer IS NULL THEN answered_at ELSE @at END,
            answered_by   = CASE WHEN @answer IS NULL THEN answered_by ELSE @by END,
            closed_at     = CASE WHEN @to = 'closed' THEN @at ELSE closed_at END
      WHERE id = @id AND status = @from`,
  ).run({ id, to: ch.to, from: ch.from, assigneeId: ch.assigneeId ?? null, placeInTownship: ch.placeInTownship ?? null, answer: ch.answer ?? null, onDay: ch.onDay, at: ch.at, by: ch.by });
  if (changes !== 1) return false;
  appendEvent(db, { complaintId: id, at: ch.at, by: ch.by, action: ch.action, fromStatus: ch.from, toStatus: ch.to, assigneeId: ch.assigneeId ?? null, note: ch.note });
  return true;
}

export interface Assignee extends Person {
  role: string;
  regionCode: string;
  regionLevel: 'county' | 'township';
  regionName: string;
}

/**
 * Who may be handed a complaint: active staff who may change it (county staff and administrators,
 * township staff) and whose jurisdiction holds it — the county's always, a township's for a complaint
 * of that township; for one not placed yet, any township's (assigning places it there).
 */
export function complaintAssignees(db: Db, townshipCode: string | null): Assignee[] {
  return prepared(
    db,
    `SELECT u.id, u.username, u.display_name AS displayName, u.role, u.region_code AS regionCode, r.level AS regionLevel, r.name AS regionName
       FROM users u JOIN regions r ON r.code = u.region_code
      WHERE u.active = 1 AND u.role IN ('county_admin', 'county_staff', 'township_staff')
        AND (r.level = 'county' OR (r.level = 'township' AND (@township IS NULL OR r.code = @township)))
      ORDER BY r.level = 'township' DESC, u.region_code, u.username`,
  ).all({ township: townshipCode }) as Assignee[];
}

/** A region's level and parent, to check that a complaint's village lies in its township. */
export function regionLevelAndParent(db: Db, code: string): { level: string; parentCode: string | null } | null {
  return (
    (prepared(db, 'SELECT level, parent_code AS parentCode FROM regions WHERE code = ?').get(code) as { level: string; parentCode: string | null } | undefined) ??
    null
  );
}

/** Where a house stands: its household's township and village. */
export function housePlace(db: Db, houseId: number): { townshipCode: string; villageCode: string } | null {
  return (
    (prepared(
      db,
      `SELECT h.township_code AS townshipCode, h.village_code AS villageCode FROM houses o JOIN households h ON h.id = o.household_id WHERE o.id = ?`,
    ).get(houseId) as { townshipCode: string; villageCode: string } | undefined) ?? null
  );
}

/** The county's townships and their villages, by code: what the public form offers to place a complaint. */
export function publicPlaces(db: Db): { code: string; name: string; villages: { code: string; name: string }[] }[] {
  const rows = prepared(
    db,
    `SELECT t.code AS tCode, t.name AS tName, v.code AS vCode, v.name AS vName
       FROM regions t LEFT JOIN regions v ON v.parent_code = t.code AND v.level = 'village'
      WHERE t.level = 'township' ORDER BY t.code, v.code`,
  ).all() as { tCode: string; tName: string; vCode: string | null; vName: string | null }[];
  const townships = new Map<string, { code: string; name: string; villages: { code: string; name: string }[] }>();
  for (const r of rows) {
    let t = townships.get(r.tCode);
    if (!t) townships.set(r.tCode, (t = { code: r.tCode, name: r.tName, villages: [] }));
    if (r.vCode) t.villages.push({ code: r.vCode, name: r.vName! });
  }
  return [...townships.values()];
}
