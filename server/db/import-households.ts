// SQL of the households import (imports/households.ts): what its check reads — the region tree with
// boundaries, the households a row may be, the house as the ledger has it — and what its commit
// writes: new villages and groups, households, houses (+ R*Tree), imported appraisals. The ledger moves
// of C/D appraisals go through db/ledger.ts moveHouse, like every other appraisal.
import type { Grade } from '../domain/housing.ts';
import type { LedgerState } from '../domain/ledger-states.ts';
import type { Db } from './connection.ts';
import type { RegionLevel } from './household-filter.ts';
import { prepared } from './statements.ts';

export interface PlaceRow {
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  name: string;
  /** GeoJSON Polygon | MultiPolygon (WGS84) text, or null. */
  boundary: string | null;
}

/** The whole region tree: a county has a few thousand regions at most. */
export function placeRows(db: Db): PlaceRow[] {
  return prepared(db, 'SELECT code, parent_code, level, name, boundary FROM regions').all() as PlaceRow[];
}

/** A household as a row of the file may find it, with its current house. */
export interface ExistingHousehold {
  id: number;
  household_no: string;
  township_code: string;
  village_code: string;
  group_code: string;
  head_name: string;
  id_card_hash: Buffer;
  phone_hash: Buffer | null;
  members: number;
  elderly: number;
  disabled: number;
  children: number;
  category: string;
  guarantee_mode: string;
  listed_on: string | null;
  house_id: number | null;
  lon: number | null;
  lat: number | null;
  structure: string | null;
  storeys: number | null;
  built_year: number | null;
  floor_area: number | null;
  grade: Grade | null;
  appraised_on: string | null;
  status: LedgerState | null;
  source_crs: string | null;
  source_lon: number | null;
  source_lat: number | null;
  /** The day of the house's last ledger move: an appraisal that moves it may not be dated before. */
  last_move_on: string | null;
}

const EXISTING = `SELECT h.id, h.household_no, h.township_code, h.village_code, h.group_code, h.head_name, h.id_card_hash, h.phone_hash,
         h.members, h.elderly, h.disabled, h.children, h.category, h.guarantee_mode, h.listed_on,
         o.id AS house_id, o.lon, o.lat, o.structure, o.storeys, o.built_year, o.floor_area, o.grade, o.appraised_on, o.status,
         o.source_crs, o.source_lon, o.source_lat,
         (SELECT max(t.on_date) FROM house_transitions t WHERE t.house_id = o.id) AS last_move_on
    FROM households h LEFT JOIN houses o ON o.household_id = h.id AND o.is_current = 1`;

export function householdByNo(db: Db, householdNo: string): ExistingHousehold | null {
  return (prepared(db, `${EXISTING} WHERE h.household_no = ?`).get(householdNo) as ExistingHousehold | undefined) ?? null;
}

export function householdById(db: Db, id: number): ExistingHousehold | null {
  return (prepared(db, `${EXISTING} WHERE h.id = ?`).get(id) as ExistingHousehold | undefined) ?? null;
}

/** The households holding this ID card (by its keyed hash): one, normally. */
export function householdsByIdCard(db: Db, idCardHash: Buffer): { id: number; household_no: string }[] {
  return prepared(db, 'SELECT id, household_no FROM households WHERE id_card_hash = ? ORDER BY id').all(idCardHash) as { id: number; household_no: string }[];
}

/** Is this appraisal (house, day, grade) already on record, whatever its kind? */
export function appraisalRecorded(db: Db, houseId: number, on: string, grade: Grade): boolean {
  return prepared(db, 'SELECT 1 FROM appraisals WHERE house_id = ? AND appraised_on = ? AND grade = ? LIMIT 1').get(houseId, on, grade) !== undefined;
}

// ---------------------------------------------------------------- commit

export interface NewRegionRow {
  code: string;
  parentCode: string;
  level: 'village' | 'group';
  name: string;
  center: [number, number] | null;
}

export function insertRegion(db: Db, r: NewRegionRow): void {
  prepared(db, 'INSERT INTO regions (code, parent_code, level, name, boundary, center_lon, center_lat) VALUES (?, ?, ?, ?, NULL, ?, ?)').run(
    r.code,
    r.parentCode,
    r.level,
    r.name,
    r.center?.[0] ?? null,
    r.center?.[1] ?? null,
  );
}

/** The last sequence number of the village's household numbers in the seed's form (610999001001-00042). */
export function lastHouseholdSeq(db: Db, villageCode: string): number {
  const r = prepared(
    db,
    `SELECT max(CAST(substr(household_no, 14) AS INTEGER)) AS seq FROM households
      WHERE household_no GLOB @village || '-[0-9][0-9][0-9][0-9][0-9]'`,
  ).get({ village: villageCode }) as { seq: number | null };
  return r.seq ?? 0;
}

export interface HouseholdColumns {
  household_no: string;
  township_code: string;
  village_code: string;
  group_code: string;
  head_name: string;
  id_card_enc: Buffer;
  id_card_hash: Buffer;
  id_card_masked: string;
  phone_enc: Buffer | null;
  phone_hash: Buffer | null;
  phone_masked: string | null;
  members: number;
  elderly: number;
  disabled: number;
  children: number;
  category: string;
  guarantee_mode: string;
  listed_on: string;
}

export function insertHousehold(db: Db, h: HouseholdColumns, batchId: number): number {
  return Number(
    prepared(
      db,
      `INSERT INTO households (household_no, township_code, village_code, group_code, head_name, id_card_enc, id_card_hash, id_card_masked,
                               phone_enc, phone_hash, phone_masked, members, elderly, disabled, children, category, guarantee_mode,
                               listed_on, import_batch_id)
       VALUES (@household_no, @township_code, @village_code, @group_code, @head_name, @id_card_enc, @id_card_hash, @id_card_masked,
               @phone_enc, @phone_hash, @phone_masked, @members, @elderly, @disabled, @children, @category, @guarantee_mode,
               @listed_on, @batchId)`,
    ).run({ ...h, batchId }).lastInsertRowid,
  );
}

/** The columns the file changed (ID card and phone only when re-sealed); throws if the household is gone. */
export type HouseholdChange = Partial<Omit<HouseholdColumns, 'household_no'>>;

const HOUSEHOLD_SETTABLE = new Set<string>([
  'township_code', 'village_code', 'group_code', 'head_name', 'id_card_enc', 'id_card_hash', 'id_card_masked', 'phone_enc', 'phone_hash',
  'phone_masked', 'members', 'elderly', 'disabled', 'children', 'category', 'guarantee_mode', 'listed_on',
]);

export function updateHousehold(db: Db, id: number, change: HouseholdChange, batchId: number): void {
  const columns = Object.keys(change).filter((k) => HOUSEHOLD_SETTABLE.has(k)).sort();
  const set = [...columns.map((k) => `${k} = @${k}`), 'import_batch_id = @batchId'].join(', ');
  const r = prepared(db, `UPDATE households SET ${set} WHERE id = @id`).run({ ...change, id, batchId });
  if (r.changes !== 1) throw new Error(`household ${id} disappeared during the import`);
}

export interface HouseColumns {
  lon: number;
  lat: number;
  source_crs: string;
  source_lon: number;
  source_lat: number;
  structure: string;
  storeys: number;
  built_year: number | null;
  floor_area: number | null;
}

/** A new current house, monitored (migration 010's state), in the R*Tree. */
export function insertHouse(db: Db, householdId: number, o: HouseColumns, batchId: number): number {
  const id = Number(
    prepared(
      db,
      `INSERT INTO houses (household_id, is_current, lon, lat, source_crs, source_lon, source_lat, structure, storeys, built_year, floor_area,
                           status, import_batch_id)
       VALUES (@household, 1, @lon, @lat, @source_crs, @source_lon, @source_lat, @structure, @storeys, @built_year, @floor_area, 'monitoring', @batchId)`,
    ).run({ ...o, household: householdId, batchId }).lastInsertRowid,
  );
  prepared(db, 'INSERT INTO house_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)').run(id, o.lon, o.lon, o.lat, o.lat);
  return id;
}

export function updateHouse(db: Db, id: number, o: HouseColumns, batchId: number): void {
  const r = prepared(
    db,
    `UPDATE houses SET lon = @lon, lat = @lat, source_crs = @source_crs, source_lon = @source_lon, source_lat = @source_lat,
            structure = @structure, storeys = @storeys, built_year = @built_year, floor_area = @floor_area, import_batch_id = @batchId,
            -- A ledger's point and structure are surveyed ones: a name list's placeholders (015, 018) end here.
            location_estimated = 0, structure_estimated = 0
      WHERE id = @id AND is_current = 1`,
  ).run({ ...o, id, batchId });
  if (r.changes !== 1) throw new Error(`house ${id} is no longer current`);
  prepared(db, 'UPDATE house_rtree SET min_lon = @lon, max_lon = @lon, min_lat = @lat, max_lat = @lat WHERE id = @id').run({ id, lon: o.lon, lat: o.lat });
}

export interface ImportedAppraisal {
  on: string;
  grade: Grade;
  org: string | null;
}

/** A formal appraisal (正式鉴定) from the file: the organisation that did it, no appraiser account. */
export function insertImportedAppraisal(db: Db, houseId: number, a: ImportedAppraisal, caseId: number | null, by: number, now: Date): void {
  prepared(
    db,
    `INSERT INTO appraisals (house_id, appraised_on, grade, kind, org, case_id, appraiser_id, recorded_by, recorded_at)
     VALUES (?, ?, ?, 'formal', ?, ?, NULL, ?, ?)`,
  ).run(houseId, a.on, a.grade, a.org, caseId, by, now.toISOString());
}

/** The house's grade is its latest appraisal's (domain/housing.ts currentGrade). */
export function followLatestAppraisal(db: Db, houseId: number): void {
  prepared(
    db,
    `UPDATE houses SET (grade, appraised_on) = (
       SELECT grade, appraised_on FROM appraisals WHERE house_id = @id AND grade IS NOT NULL ORDER BY appraised_on DESC, id DESC LIMIT 1)
     WHERE id = @id`,
  ).run({ id: houseId });
}
