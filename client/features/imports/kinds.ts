// What each import kind takes and offers, for the screen: the files it reads, whether the file's
// encoding and coordinate system are asked for, whether it writes (a cross-check never does), and the
// summary counts its report carries (server/imports/kind.ts CheckReport.summary).
import type { CrsName, ImportEncoding, ImportKindName } from '../../api/imports.ts';

export interface KindTraits {
  /** The file picker's accept list. */
  accept: string;
  /** Tabular (CSV/XLSX): the encoding choice and the mapping step apply. */
  tabular: boolean;
  /** The rows carry coordinates: the source CRS is asked for. */
  coordinates: boolean;
  writes: boolean;
  /** The keys of report.summary, in the order shown. */
  summary: readonly string[];
  /** The keys of the commit's result, in the order shown. */
  result: readonly string[];
}

const TABLE_FILES = '.csv,.xlsx,.txt,text/csv,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export const KIND_TRAITS: Record<ImportKindName, KindTraits> = {
  households: { accept: TABLE_FILES, tabular: true, coordinates: true, writes: true, summary: ['create', 'update', 'unchanged', 'appraisals', 'listed'], result: ['created', 'updated', 'appraisals', 'listed', 'villages', 'groups'] },
  namelist: { accept: TABLE_FILES, tabular: true, coordinates: true, writes: true, summary: ['added', 'addedBack', 'left', 'changed', 'unchanged', 'townshipsCovered', 'notCovered'], result: ['added', 'addedBack', 'left', 'changed', 'unchanged'] },
  crosscheck: { accept: TABLE_FILES, tabular: true, coordinates: false, writes: false, summary: ['matched', 'mismatches', 'householdsMismatched', 'onlyNational', 'onlyAnju'], result: [] },
  boundaries: { accept: '.geojson,.json,.zip,application/geo+json,application/zip', tabular: false, coordinates: false, writes: true, summary: ['townships', 'villages', 'unchanged', 'unmatched', 'housesOutside'], result: ['townships', 'villages', 'unchanged', 'county'] },
};

export const IMPORT_KIND_ORDER: readonly ImportKindName[] = ['households', 'namelist', 'crosscheck', 'boundaries'];

export const ENCODINGS: readonly ImportEncoding[] = ['auto', 'utf-8', 'gb18030', 'utf-16le'];
/** CGCS2000 and WGS84 differ by centimetres at a county's scale: one choice for both. */
export const CRS_CHOICES: readonly CrsName[] = ['wgs84', 'gcj02', 'bd09'];

export const isImportKind = (s: string | null): s is ImportKindName => s !== null && Object.hasOwn(KIND_TRAITS, s);
