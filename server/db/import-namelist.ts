// The name-list sync's reads and writes (issue 13, seed 002 部门数据共享): the households of a
// jurisdiction as the comparison needs them, and the one transaction that applies a checked list —
// new households with a house, households gone from the list marked delisted (never deleted), changed
// ones updated.
import type { Db } from './connection.ts';
import { regionClause, type RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

/** A household of the jurisdiction as the name list is compared with it. */
export interface ListedHousehold {
  id: number;
  householdNo: string;
  /** Hex of households.id_card_hash. */
  idHash: string;
  headName: string;
  idMasked: string;
  townshipCode: string;
  villageCode: string;
  villageName: string;
  category: string;
  members: number;
  guaranteeMode: string;
  listedOn: string | null;
  delistedOn: string | null;
}

export function householdsToCompare(db: Db, scope: RegionRef): ListedHousehold[] {
  const params: Record<string, unknown> = {};
  const clause = regionClause(scope, 'scope', params);
  return (
    prepared(
      db,
      `SELECT h.id, h.household_no AS householdNo, lower(hex(h.id_card_hash)) AS idHash, h.head_name AS headName,
              h.id_card_masked AS idMasked, h.township_code AS townshipCode, h.village_code AS villageCode, v.name AS villageName, h.category, h.members,
              h.guarantee_mode AS guaranteeMode, h.listed_on AS listedOn, h.delisted_on AS delistedOn
         FROM households h JOIN regions v ON v.code = h.village_code
        ${clause ? `WHERE ${clause}` : ''} ORDER BY h.id`,
    ).all(params) as ListedHousehold[]
  );
}

/** Household numbers already taken, among those a list gives (they are unique county-wide). */
export function takenHouseholdNos(db: Db, nos: readonly string[]): Set<string> {
  const taken = new Set<string>();
  const stmt = prepared(db, 'SELECT 1 FROM households WHERE household_no = ?').pluck();
  for (const no of nos) if (stmt.get(no) !== undefined) taken.add(no);
  return taken;
}

/**
 * Where the households with these ID-card hashes (hex) are registered, as "城关镇东坪村": a row the
 * jurisdiction does not know may belong to a household of another township.
 */
export function householdPlaces(db: Db, idHashes: readonly string[]): Map<string, string> {
  const out = new Map<string, string>();
  const stmt = prepared(
    db,
    `SELECT t.name || v.name FROM households h JOIN regions v ON v.code = h.village_code JOIN regions t ON t.code = h.township_code
      WHERE h.id_card_hash = ? LIMIT 1`,
  ).pluck();
  for (const hash of idHashes) {
    const where = stmt.get(Buffer.from(hash, 'hex')) as string | undefined;
    if (where) out.set(hash, where);
  }
  return out;
}

/** Where a house is placed when the list gives no coordinates (null: the village has no centre). */
export function villageCentre(db: Db, villageCode: string): [number, number] | null {
  const r = prepared(db, 'SELECT center_lon AS lon, center_lat AS lat FROM regions WHERE code = ?').get(villageCode) as { lon: number | null; lat: number | null } | undefined;
  return r && r.lon !== null && r.lat !== null ? [r.lon, r.lat] : null;
}

/** What a new household and its house are written as: personal data sealed on the worker. */
export interface NewHousehold {
  householdNo: string | null;
  townshipCode: string;
  villageCode: string;
  groupCode: string;
  headName: string;
  idCardEnc: Uint8Array;
  idCardHash: Uint8Array;
  idCardMasked: string;
  phoneEnc: Uint8Array | null;
  phoneHash: Uint8Array | null;
  phoneMasked: string | null;
  members: number;
  category: string;
  guaranteeMode: string;
  house: {
    lon: number;
    lat: number;
    locationEstimated: boolean;
    source: { crs: string; lon: number; lat: number } | null;
    structure: string;
    structureEstimated: boolean;
  };
}

/** Fields of a listed household the list may change. */
export interface HouseholdUpdate {
  category?: string;
  members?: number;
  guaranteeMode?: string;
}

const COLUMN: Record<keyof HouseholdUpdate, string> = { category: 'category', members: 'members', guaranteeMode: 'guarantee_mode' };

/** A structured clone turns a Buffer into a plain Uint8Array; SQLite wants a Buffer for a BLOB. */
const blob = (b: Uint8Array | null): Buffer | null => (b === null ? null : Buffer.from(b.buffer, b.byteOffset, b.byteLength));

/**
 * The next free number of the seed's shape, 610999001001-00042, in a village: the highest in use + 1
 * (numbers a file gave in another shape do not count).
 */
function nextHouseholdNo(db: Db, villageCode: string): string {
  const last = prepared(
    db,
    `SELECT max(CAST(substr(household_no, 14) AS INTEGER)) FROM households
      WHERE household_no LIKE @prefix AND length(household_no) = 18 AND substr(household_no, 14) GLOB '[0-9][0-9][0-9][0-9][0-9]'`,
  )
    .pluck()
    .get({ prefix: `${villageCode}-%` }) as number | null;
  return `${villageCode}-${String((last ?? 0) + 1).padStart(5, '0')}`;
}

/** Writes a new household, listed today, and its current house (monitored, not yet appraised). Returns the household's id. */
export function insertListedHousehold(db: Db, h: NewHousehold, batchId: number, today: string): number {
  const householdId = Number(
    prepared(
      db,
      `INSERT INTO households (household_no, township_code, village_code, group_code, head_name, id_card_enc, id_card_hash, id_card_masked,
                               phone_enc, phone_hash, phone_masked, members, category, guarantee_mode, listed_on, import_batch_id)
       VALUES (@householdNo, @townshipCode, @villageCode, @groupCode, @headName, @idCardEnc, @idCardHash, @idCardMasked,
               @phoneEnc, @phoneHash, @phoneMasked, @members, @category, @guaranteeMode, @today, @batchId)`,
    ).run({
      householdNo: h.householdNo ?? nextHouseholdNo(db, h.villageCode),
      townshipCode: h.townshipCode,
      villageCode: h.villageCode,
      groupCode: h.groupCode,
      headName: h.headName,
      idCardEnc: blob(h.idCardEnc),
      idCardHash: blob(h.idCardHash),
      idCardMasked: h.idCardMasked,
      phoneEnc: blob(h.phoneEnc),
      phoneHash: blob(h.phoneHash),
      phoneMasked: h.phoneMasked,
      members: h.members,
      category: h.category,
      guaranteeMode: h.guaranteeMode,
      today,
      batchId,
    }).lastInsertRowid,
  );
  const o = h.house;
  // Never appraised: grade NULL, so key_house and repaired_c are 0 (db/house-flags.ts would say the same).
  const houseId = Number(
    prepared(
      db,
      `INSERT INTO houses (household_id, is_current, lon, lat, structure, structure_estimated, status,
                           source_crs, source_lon, source_lat, location_estimated, import_batch_id)
       VALUES (@householdId, 1, @lon, @lat, @structure, @structureEstimated, 'monitoring', @crs, @sourceLon, @sourceLat, @locationEstimated, @batchId)`,
    ).run({
      householdId,
      lon: o.lon,
      lat: o.lat,
      structure: o.structure,
      structureEstimated: o.structureEstimated ? 1 : 0,
      crs: o.source?.crs ?? null,
      sourceLon: o.source?.lon ?? null,
      sourceLat: o.source?.lat ?? null,
      locationEstimated: o.locationEstimated ? 1 : 0,
      batchId,
    }).lastInsertRowid,
  );
  prepared(db, 'INSERT INTO house_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)').run(houseId, o.lon, o.lon, o.lat, o.lat);
  return householdId;
}

/** The list changed what it says about a household. */
export function updateListedHousehold(db: Db, id: number, set: HouseholdUpdate, batchId: number): void {
  const entries = Object.entries(set).filter(([, v]) => v !== undefined) as [keyof HouseholdUpdate, unknown][];
  const columns = entries.map(([k]) => `${COLUMN[k]} = @${k}, `).join('');
  prepared(db, `UPDATE households SET ${columns}import_batch_id = @batchId WHERE id = @id`).run({ ...Object.fromEntries(entries), id, batchId });
}

/** Gone from the list: marked, not deleted (its house and ledger history stay). */
export function delistHousehold(db: Db, id: number, today: string, batchId: number): void {
  prepared(db, 'UPDATE households SET delisted_on = @today, import_batch_id = @batchId WHERE id = @id AND delisted_on IS NULL').run({ id, today, batchId });
}

/**
 * Back on a later list: no longer delisted, and listed again today — seed 003's month to appraise its
 * house starts afresh, since nobody watched the house while it was off the list — with what the list
 * now says of it.
 */
export function relistHousehold(db: Db, id: number, set: HouseholdUpdate, today: string, batchId: number): void {
  prepared(db, 'UPDATE households SET delisted_on = NULL, listed_on = @today WHERE id = @id').run({ id, today });
  updateListedHousehold(db, id, set, batchId);
}
