// Loading an empty, migrated database in bulk: geography first, then batches of sealed households,
// each batch one transaction of prepared statements. Secondary indexes are rebuilt once at the end and
// foreign keys checked once, rather than per row — that is what makes a million households quick. The
// household facet counts (migration 019) are rebuilt once at the end too: their triggers are dropped
// meanwhile (SQLite cannot switch a trigger off) and put back from their own schema text.
import type { Db } from '../server/db/connection.ts';
import { rebuildHouseholdFacets } from '../server/db/household-facets.ts';
import { rebuildVillageFloors } from '../server/db/village-floors.ts';
import type { DemoCounty, RegionRecord } from './geography.ts';
import { APPRAISAL_COLUMNS, HOUSE_COLUMNS, HOUSEHOLD_COLUMNS, RENOVATION_COLUMNS, type SealedHousehold } from './seed-rows.ts';

export interface BulkLoad {
  insert(batch: readonly SealedHousehold[]): void;
  /** Checks foreign keys and restores indexes and settings; call `close` too, in a finally. */
  finish(): void;
  /** Restores indexes and settings (idempotent); the database is usable afterwards, even after a failure. */
  close(): void;
}

const BULK_TABLES = ['households', 'houses', 'appraisals', 'renovations'];

export function beginBulkLoad(db: Db, county: DemoCounty): BulkLoad {
  refuseUnlessEmpty(db);
  // A bigger page cache keeps the pages being filled in memory.
  const cacheSize = Number(db.pragma('cache_size', { simple: true }));
  const foreignKeys = Number(db.pragma('foreign_keys', { simple: true }));
  db.pragma('cache_size = -262144');
  // Rows are generated consistent (parents first); checking each foreign key costs an index lookup
  // per row, so the whole load is checked once in finish() instead.
  db.pragma('foreign_keys = OFF');
  const indexes = dropIndexes(db, BULK_TABLES);
  const triggers = dropDerivedTriggers(db);
  let closed = false;
  const close = (): void => {
    if (closed) return;
    closed = true;
    db.pragma(`foreign_keys = ${foreignKeys}`);
    db.transaction(() => indexes.forEach((sql) => db.exec(sql)))();
    // One GROUP BY over the loaded houses, then the triggers keep the counts from here on.
    db.transaction(() => {
      rebuildHouseholdFacets(db);
      rebuildVillageFloors(db);
      triggers.forEach((sql) => db.exec(sql));
    })();
    db.pragma(`cache_size = ${cacheSize}`);
    db.pragma('optimize');
  };
  try {
    db.transaction(() => writeGeography(db, county))();
  } catch (err) {
    close();
    throw err;
  }
  const write = householdWriter(db);
  return {
    insert: db.transaction((batch: readonly SealedHousehold[]) => batch.forEach(write)),
    finish() {
      const broken = db.pragma('foreign_key_check') as unknown[];
      if (broken.length) throw new Error(`seeding broke ${broken.length} foreign keys, e.g. ${JSON.stringify(broken[0])}`);
      close();
    },
    close,
  };
}

/** Seeding only ever fills a new database: it never mixes two counties or duplicates one. */
export function refuseUnlessEmpty(db: Db): void {
  const count = (table: string): number => (db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;
  const households = count('households');
  if (households > 0) throw new Error(`refusing to seed: the database already has ${households} households (seed a new file)`);
  const regions = count('regions');
  if (regions > 0) throw new Error(`refusing to seed: the database already has ${regions} regions (seed a new file)`);
}

/**
 * Drops the secondary indexes of the bulk-loaded tables and returns their CREATE statements, read
 * from the schema itself so this never drifts from the migrations. Building an index once, by sorting,
 * beats a million random B-tree inserts (id-card hashes, names).
 */
function dropIndexes(db: Db, tables: readonly string[]): string[] {
  const rows = db
    .prepare(
      `SELECT name, sql FROM sqlite_master
       WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`,
    )
    .all(...tables) as { name: string; sql: string }[];
  db.transaction(() => rows.forEach((r) => db.exec(`DROP INDEX "${r.name}"`)))();
  return rows.map((r) => r.sql);
}

/**
 * Drops the triggers that keep household_facets (migration 019), the map's change log (021) and the
 * village floors (022), and returns their CREATE statements. Per row they cost an upsert or a log row,
 * and the household ones a scan of houses while its index is dropped; a fresh load has no grid to patch.
 */
function dropDerivedTriggers(db: Db): string[] {
  const rows = db
    .prepare(
      `SELECT name, sql FROM sqlite_master WHERE type = 'trigger'
          AND (name LIKE 'household\\_facets\\_%' ESCAPE '\\' OR name LIKE 'household\\_map\\_changes\\_%' ESCAPE '\\'
               OR name LIKE 'village\\_floors\\_%' ESCAPE '\\')`,
    )
    .all() as { name: string; sql: string }[];
  db.transaction(() => rows.forEach((r) => db.exec(`DROP TRIGGER "${r.name}"`)))();
  return rows.map((r) => r.sql);
}

function writeGeography(db: Db, county: DemoCounty): void {
  const region = db.prepare(
    `INSERT INTO regions (code, parent_code, level, name, boundary, center_lon, center_lat)
     VALUES (?, ?, ?, ?, ?, ?, ?)`,
  );
  const put = (r: RegionRecord): void => {
    region.run(r.code, r.parentCode, r.level, r.name, r.boundary ? JSON.stringify(r.boundary) : null, r.center[0], r.center[1]);
  };
  // Parents before children: regions.parent_code is a foreign key.
  put(county.county);
  county.townships.forEach(put);
  county.villages.forEach(put);
  for (const v of county.villages) v.groups.forEach(put);
  const line = db.prepare('INSERT INTO basemap_features (kind, subkind, name, geometry) VALUES (?, ?, ?, ?)');
  for (const b of county.basemap) line.run(b.kind, b.subkind, b.name, JSON.stringify(b.geometry));
}

const insertSql = (table: string, columns: readonly string[]): string =>
  `INSERT INTO ${table} (${columns.join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`;

/**
 * Ids are assigned here (the tables are empty, checked above), so no lastInsertRowid round trip is
 * needed per row.
 */
function householdWriter(db: Db): (h: SealedHousehold) => void {
  let householdId = 1;
  let houseId = 1;
  const household = db.prepare(insertSql('households', ['id', ...HOUSEHOLD_COLUMNS]));
  const house = db.prepare(insertSql('houses', ['id', 'household_id', ...HOUSE_COLUMNS]));
  const appraisal = db.prepare(insertSql('appraisals', ['house_id', ...APPRAISAL_COLUMNS]));
  const renovation = db.prepare(insertSql('renovations', ['house_id', ...RENOVATION_COLUMNS]));
  const rtree = db.prepare('INSERT INTO house_rtree (id, min_lon, max_lon, min_lat, max_lat) VALUES (?, ?, ?, ?, ?)');
  return (h) => {
    const hid = householdId++;
    household.run(hid, ...h.row);
    for (const o of h.houses) {
      const id = houseId++;
      house.run(id, hid, ...o.row);
      for (const a of o.appraisals) appraisal.run(id, ...a);
      for (const r of o.renovations) renovation.run(id, ...r);
      // The R*Tree indexes where households live now: current houses only.
      if (o.current) rtree.run(id, o.lon, o.lon, o.lat, o.lat);
    }
  };
}
