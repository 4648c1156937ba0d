// /api/imports — real data in (issue 13). One batch API for every kind (households, name list,
// cross-check, boundaries): upload → the dry run on the worker pool (202, poll GET /:id) → fix the
// mapping, values, encoding or CRS and check again (PATCH) → commit, all or nothing (202, poll).
// Nothing is written to the county's data before a commit, and a commit checks the file afresh first.
import { Hono, type Context } from 'hono';
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import { getBatch, insertBatch, listBatches, moveBatch, type BatchRecord } from '../db/import-batches.ts';
import { isWithin } from '../db/regions.ts';
import type { User } from '../db/users.ts';
import { CRS_NAMES } from '../domain/crs.ts';
import type { Env } from '../env.ts';
import { diffTable, mismatchTable } from '../exports/import-lists.ts';
import { defuse, type ExportTable } from '../exports/writers.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { idParam, parseInput, validate } from '../http/validate.ts';
import type { Mismatch } from '../imports/crosscheck.ts';
import { IMPORT_FIELD_KEYS } from '../imports/fields.ts';
import { refuseUnreadable, storeImportFile } from '../imports/files.ts';
import { DEFAULT_IMPORT_OPTIONS, IMPORT_KINDS, type ImportKind, type ImportKindName, type ImportOptions } from '../imports/kind.ts';
import { importKind } from '../imports/kinds.ts';
import type { DiffRow } from '../imports/namelist.ts';
import type { ImportProgress } from '../imports/runner.ts';
import { SHEET_ENCODINGS } from '../imports/sheet.ts';
import { VOCABULARY_FIELDS } from '../imports/vocabulary.ts';

/** Township staff import their township's households, name list and cross-check; boundaries are the county's. */
const TOWNSHIP_KINDS: readonly ImportKindName[] = ['households', 'namelist', 'crosscheck'];

const mappingSchema = z.record(z.string().max(200), z.enum(['ignore', ...IMPORT_FIELD_KEYS]));
const valuesSchema = z.partialRecord(z.enum(VOCABULARY_FIELDS), z.record(z.string().max(200), z.string().max(64)));

const uploadFields = z
  .object({
    kind: z.enum(IMPORT_KINDS),
    encoding: z.enum(SHEET_ENCODINGS).default('auto'),
    crs: z.enum(CRS_NAMES).default('wgs84'),
    options: z
      .string()
      .max(200_000)
      .transform((s, ctx) => {
        try {
          return JSON.parse(s) as unknown;
        } catch {
          ctx.addIssue({ code: 'custom', message: 'must be JSON: {"mapping": {…}, "values": {…}}' });
          return z.NEVER;
        }
      })
      .pipe(z.object({ mapping: mappingSchema.optional(), values: valuesSchema.optional() }).strict())
      .optional(),
  })
  .strict();

const patchBody = z
  .object({
    encoding: z.enum(SHEET_ENCODINGS).optional(),
    crs: z.enum(CRS_NAMES).optional(),
    mapping: mappingSchema.optional(),
    values: valuesSchema.optional(),
  })
  .strict();

const commitBody = z.object({ confirmNewRegions: z.boolean().optional() }).strict();

/** The batch as the API shows it (the contract's ImportBatch). */
function batchView(b: BatchRecord, progress: ImportProgress | null) {
  return {
    id: b.id,
    kind: b.kind,
    fileName: b.fileName,
    fileSize: b.fileSize,
    status: b.status,
    progress: b.status === 'checking' || b.status === 'committing' ? (progress ?? { phase: 'reading' as const, done: 0, total: 0 }) : null,
    options: b.options,
    report: b.report,
    result: b.result,
    error: b.error,
    createdBy: { id: b.userId, name: b.userName },
    createdAt: b.createdAt,
    checkedAt: b.checkedAt,
    committedAt: b.committedAt,
  };
}

/** A batch in a list: its report cut to the figures. */
function summaryView(b: BatchRecord) {
  const { report, ...rest } = batchView(b, null);
  return {
    ...rest,
    rows: report?.rows ?? null,
    problemsTotal: report?.problemsTotal ?? null,
    summary: report?.summary ?? null,
    newRegions: report?.newRegions?.length ?? 0,
  };
}

const sees = (db: Db, user: User, b: BatchRecord) =>
  b.userId === user.id || user.role === 'county_admin' || isWithin(db, b.regionCode, user.regionCode);

/** The batch if the caller sees it, else 404 as if it did not exist. */
function visibleBatch(c: Context<Env>, id: number): BatchRecord {
  const b = getBatch(c.var.db, id);
  if (!b || !sees(c.var.db, c.var.user, b)) throw new HttpError(404, 'import_not_found', `no import ${id}`, 'id');
  return b;
}

/** Re-checking and committing are the uploader's, or the county admin's. */
function ownBatch(c: Context<Env>, id: number): BatchRecord {
  const b = visibleBatch(c, id);
  if (b.userId !== c.var.user.id && c.var.user.role !== 'county_admin') {
    throw new HttpError(403, 'not_your_import', 'only whoever uploaded this file, or the county administrator, may check it again or commit it', 'batch');
  }
  return b;
}

function kindOf(name: ImportKindName): ImportKind {
  const kind = importKind(name);
  if (!kind) throw new HttpError(422, 'kind_unavailable', `导入类型“${name}”尚未启用`, 'kind');
  return kind;
}

/** The multipart form's text fields, one value each (a repeated field is refused by the schema). */
function formFields(form: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(form).filter(([k]) => k !== 'file'));
}

/** A CSV for Excel: UTF-8 with a BOM, CRLF, formula-looking cells defused. */
function csvFile(c: Context<Env>, name: string, header: string[], rows: unknown[][]) {
  const text = stringify([header, ...rows.map((r) => r.map((v) => defuse(v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : (v as string | number))))], {
    bom: true,
    record_delimiter: 'windows',
  });
  return c.body(text, 200, {
    'Content-Type': 'text/csv; charset=utf-8',
    'Content-Disposition': `attachment; filename="${name}"; filename*=UTF-8''${encodeURIComponent(name)}`,
  });
}

/** An export table (exports/import-lists.ts) as such a CSV. */
const tableFile = (c: Context<Env>, name: string, t: ExportTable) =>
  csvFile(
    c,
    name,
    t.columns.map((col) => col.header),
    [...t.rows].map((r) => r.cells),
  );

const baseName = (b: BatchRecord) => `import-${b.id}`;

export const imports = new Hono<Env>()
  .get('/', (c) => {
    const { db, user } = c.var;
    const batches = listBatches(db, { id: user.id, regionCode: user.regionCode, admin: user.role === 'county_admin' });
    return c.json({ batches: batches.map(summaryView) });
  })
  .post('/', async (c) => {
    const { db, user, imports: runner } = c.var;
    const form = await c.req.parseBody().catch(() => {
      throw new HttpError(400, 'invalid_input', 'expected multipart/form-data with a "file" field', 'file');
    });
    const file = form.file;
    if (!(file instanceof File)) throw new HttpError(400, 'invalid_input', 'expected a "file" field holding the spreadsheet', 'file');
    const fields = parseInput('form', uploadFields, formFields(form));
    if (user.role === 'township_staff' && !TOWNSHIP_KINDS.includes(fields.kind)) {
      throw new HttpError(403, 'forbidden', `township staff may not import ${fields.kind}`, 'kind');
    }
    const kind = kindOf(fields.kind);
    if (file.size > runner.settings.maxBytes) {
      throw new HttpError(413, 'payload_too_large', `导入文件不能超过 ${Math.round(runner.settings.maxBytes / 1048576)} MB`, 'file');
    }
    const fileName = (file.name || 'upload').slice(0, 255);
    const bytes = new Uint8Array(await file.arrayBuffer());
    await refuseUnreadable(bytes, fileName, kind, fields.encoding);

    const options: ImportOptions = {
      ...DEFAULT_IMPORT_OPTIONS,
      encoding: fields.encoding,
      crs: fields.crs,
      mapping: (fields.options?.mapping ?? {}) as ImportOptions['mapping'],
      values: fields.options?.values ?? {},
    };
    const fileSha256 = storeImportFile(runner.settings.dir, bytes);
    const now = new Date(c.var.now());
    const id = db.transaction(() => {
      const batchId = insertBatch(db, { kind: fields.kind, userId: user.id, regionCode: user.regionCode, fileName, fileSha256, fileSize: bytes.length, options }, now);
      audit(c, { action: 'import.upload', entity: 'import_batch', entityId: batchId, after: { kind: fields.kind, fileName, fileSize: bytes.length, sha256: fileSha256, options } }, { now });
      return batchId;
    })();
    const batch = getBatch(db, id)!;
    runner.check(batch);
    return c.json(batchView(batch, runner.progress(id)), 202);
  })
  .get('/:id', validate('param', idParam), (c) => {
    const b = visibleBatch(c, c.req.valid('param').id);
    return c.json(batchView(b, c.var.imports.progress(b.id)));
  })
  .patch('/:id', validate('param', idParam), validate('json', patchBody), (c) => {
    const { db, imports: runner } = c.var;
    const b = ownBatch(c, c.req.valid('param').id);
    if (b.status === 'committed') throw new HttpError(409, 'import_committed', 'this import has been committed; upload the file again to import it anew', 'status');
    const change = c.req.valid('json');
    const options: ImportOptions = {
      ...b.options,
      ...(change.encoding ? { encoding: change.encoding } : {}),
      ...(change.crs ? { crs: change.crs } : {}),
      ...(change.mapping ? { mapping: change.mapping as ImportOptions['mapping'] } : {}),
      ...(change.values ? { values: change.values } : {}),
    };
    if (!moveBatch(db, b.id, ['ready', 'invalid', 'failed'], 'checking', { options, error: null })) {
      throw new HttpError(409, 'import_not_ready', `this import is ${b.status}: wait until it is done`, 'status');
    }
    const batch = getBatch(db, b.id)!;
    runner.check(batch);
    return c.json(batchView(batch, runner.progress(b.id)), 202);
  })
  .post('/:id/commit', validate('param', idParam), validate('json', commitBody), (c) => {
    const { db, imports: runner } = c.var;
    const b = ownBatch(c, c.req.valid('param').id);
    const { confirmNewRegions = false } = c.req.valid('json');
    if (!kindOf(b.kind).writes) throw new HttpError(409, 'import_read_only', 'a cross-check only compares: there is nothing to commit', 'kind');
    if (b.status === 'invalid') {
      throw new HttpError(409, 'import_has_problems', `the file has ${b.report?.problemsTotal ?? 0} problem(s): correct them and check again`, 'status');
    }
    if (b.status !== 'ready') throw new HttpError(409, 'import_not_ready', `this import is ${b.status}, not ready to commit`, 'status');
    const newRegions = b.report?.newRegions ?? [];
    if (newRegions.length > 0 && !confirmNewRegions) {
      throw new HttpError(409, 'regions_unconfirmed', `the file creates ${newRegions.length} village(s) or group(s): confirm them (confirmNewRegions: true)`, 'confirmNewRegions', undefined, {
        newRegions,
      });
    }
    if (!moveBatch(db, b.id, ['ready'], 'committing', { error: null })) {
      throw new HttpError(409, 'import_not_ready', 'this import is already being committed', 'status');
    }
    const batch = getBatch(db, b.id)!;
    runner.commit(batch, c.var.user.id, confirmNewRegions);
    return c.json(batchView(batch, runner.progress(b.id)), 202);
  })
  .get('/:id/problems.csv', validate('param', idParam), (c) => {
    const b = visibleBatch(c, c.req.valid('param').id);
    const problems = b.report?.problems ?? [];
    return csvFile(
      c,
      `${baseName(b)}-problems.csv`,
      ['行', '列', '字段', '问题代码', '说明', '值'],
      problems.map((p) => [p.row, p.column, p.field, p.code, p.message, p.value]),
    );
  })
  // The cross-check's mismatches and the name list's difference as the report holds them — after a
  // commit a fresh check would find no difference left — in Chinese words, ID cards masked
  // (exports/import-lists.ts).
  .get('/:id/mismatches.csv', validate('param', idParam), (c) => {
    const b = visibleBatch(c, c.req.valid('param').id);
    if (b.kind !== 'crosscheck') throw new HttpError(404, 'import_not_found', 'mismatches.csv is a cross-check’s; this import is a ' + b.kind, 'id');
    return tableFile(c, `${baseName(b)}-mismatches.csv`, mismatchTable((b.report?.crosscheck?.mismatches ?? []) as Mismatch[]));
  })
  .get('/:id/diff.csv', validate('param', idParam), (c) => {
    const b = visibleBatch(c, c.req.valid('param').id);
    if (b.kind !== 'namelist') throw new HttpError(404, 'import_not_found', 'diff.csv is a name list’s; this import is a ' + b.kind, 'id');
    const diff = b.report?.namelist ?? { added: [], left: [], changed: [] };
    return tableFile(c, `${baseName(b)}-diff.csv`, diffTable([...diff.added, ...diff.left, ...diff.changed] as DiffRow[]));
  });
