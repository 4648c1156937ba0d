// What every import kind (households, name list, cross-check, boundaries) is to the batch machinery
// (db/import-batches.ts, routes/imports.ts): a read-only check that runs on a worker thread and yields
// the dry-run report plus a plan, and — for the kinds that write — a commit that writes the plan in one
// transaction. All CPU work (parsing, validation, coordinate conversion, sealing personal data) is in
// check, so commit only writes; the commit re-runs check first, since the database may have moved on.
import type { CrsName } from '../domain/crs.ts';
import type { Db } from '../db/connection.ts';
import type { RegionRef } from '../db/household-filter.ts';
import type { PersonalDataCipher } from '../db/personal-data.ts';
import type { User } from '../db/users.ts';
import type { HeaderMappingOverride } from './fields.ts';
import type { SheetEncoding } from './sheet.ts';
import type { ValueOverrides } from './vocabulary.ts';

export const IMPORT_KINDS = ['households', 'namelist', 'crosscheck', 'boundaries'] as const;
export type ImportKindName = (typeof IMPORT_KINDS)[number];

export interface ImportOptions {
  encoding: SheetEncoding;
  crs: CrsName;
  mapping: HeaderMappingOverride;
  values: ValueOverrides;
}

export const DEFAULT_IMPORT_OPTIONS: ImportOptions = { encoding: 'auto', crs: 'wgs84', mapping: {}, values: {} };

/** One thing wrong with the file, where the user can find it. Personal data in `value` is masked. */
export interface Problem {
  /** The line as Excel shows it; null for the file as a whole. */
  row: number | null;
  /** The header text as in the file; null for the row as a whole. */
  column: string | null;
  field: string | null;
  code: string;
  /** Chinese, naming row and column: it goes into the problems CSV county staff read. */
  message: string;
  value?: string;
}

export interface NewRegion {
  code: string;
  name: string;
  level: 'village' | 'group';
  parentCode: string;
}

export interface CheckReport {
  format?: 'csv' | 'xlsx' | 'geojson' | 'shapefile';
  encoding?: { detected: string | null; used: string | null };
  headers?: { header: string; index: number; field: string | null; suggested: string | null }[];
  unknownValues?: { field: string; value: string; count: number; rows: number[] }[];
  /** Data rows (or features) read. */
  rows: number;
  /** The first MAX_PROBLEMS problems; problemsTotal and problemCounts count them all. */
  problems: Problem[];
  problemsTotal: number;
  problemCounts: Record<string, number>;
  summary: Record<string, number>;
  newRegions?: NewRegion[];
  namelist?: { added: unknown[]; left: unknown[]; changed: unknown[] };
  crosscheck?: { mismatches: unknown[] };
  boundaries?: { features: { code: string | null; name: string | null; level: string | null; matched: boolean; housesOutside: number }[] };
}

export const MAX_PROBLEMS = 5_000;

export interface CheckInput {
  /** Read-only connection. */
  db: Db;
  bytes: Uint8Array;
  fileName: string;
  options: ImportOptions;
  /** The uploader's jurisdiction: rows outside it are problems. */
  scope: RegionRef;
  /** China-time day (YYYY-MM-DD). */
  today: string;
  cipher: PersonalDataCipher;
  progress(done: number, total: number): void;
}

export interface Checked<Plan> {
  report: CheckReport;
  /** Structured-cloneable: it crosses from the worker thread. */
  plan: Plan;
}

export interface CommitContext {
  actor: User;
  batchId: number;
  today: string;
  now: Date;
  confirmNewRegions: boolean;
}

export interface ImportKind<Plan = unknown> {
  name: ImportKindName;
  accepts: readonly ('csv' | 'xlsx' | 'geojson' | 'zip')[];
  writes: boolean;
  check(input: CheckInput): Promise<Checked<Plan>>;
  /** One transaction, all-or-nothing, audited; returns the counts written. */
  commit?(db: Db, plan: Plan, ctx: CommitContext): Record<string, number>;
}

/** Collects problems: all are counted, the first MAX_PROBLEMS kept. */
export class ProblemList {
  readonly kept: Problem[] = [];
  readonly counts: Record<string, number> = {};
  total = 0;
  add(p: Problem): void {
    this.total++;
    this.counts[p.code] = (this.counts[p.code] ?? 0) + 1;
    if (this.kept.length < MAX_PROBLEMS) this.kept.push(p);
  }
  get rowsWithProblems(): Set<number> {
    return new Set(this.kept.flatMap((p) => (p.row === null ? [] : [p.row])));
  }
}
