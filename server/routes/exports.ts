// GET /api/exports/:list.:format — a list as its screen shows it, every row, as CSV, XLSX or GeoJSON
// (exports/lists.ts says which lists and from which query). One path parameter `file` (ledger.csv):
// Hono's router reads `:list.:format` as one parameter named "list.:format".
//
// Personal data leaves masked, as the APIs show it. `?unmask=1&reason=…` opens it for the roles that
// may unmask (county roles, like POST /api/households/:id/unmask and /api/complaints/:id/unmask).
// Every export is audited — which list, filters, rows, masked or not (and why) — before its first byte:
// these lists tie low-income households to names and places (domain.md "Personal data").
import { Hono, type Context } from 'hono';
import { Readable } from 'node:stream';
import { z } from 'zod';
import { complaintContact } from '../db/complaints.ts';
import type { Db } from '../db/connection.ts';
import { openSnapshot } from '../db/export-snapshot.ts';
import { householdExtras } from '../db/households.ts';
import type { PersonalDataCipher } from '../db/personal-data.ts';
import { chinaDay } from '../domain/deadlines.ts';
import { COUNTY_ROLES } from '../domain/roles.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { parseInput, validate } from '../http/validate.ts';
import type { Personal } from '../exports/columns.ts';
import { EXPORT_LANGS, type ExportLang } from '../exports/labels.ts';
import { EXPORT_LISTS, LISTS, type ExportList, type ExportListName, type PersonalKind } from '../exports/lists.ts';
import { CONTENT_TYPES, EXPORT_FORMATS, exportStream, type ExportFormat, type ExportRow } from '../exports/writers.ts';

const fileParam = z.object({ file: z.string().max(40) });

/** What every export takes beside its list's filters. */
const exportOptions = {
  lang: z.enum(EXPORT_LANGS).default('zh-CN'),
  unmask: z.enum(['1', 'true']).optional(),
  reason: z.string().trim().max(500).optional(),
};

/** `ledger.csv` → the list and the format, or 404 naming `list` / 400 naming `format`. */
function parseFile(file: string): { name: ExportListName; list: ExportList<unknown>; format: ExportFormat } {
  const dot = file.lastIndexOf('.');
  const name = dot < 0 ? file : file.slice(0, dot);
  const format = dot < 0 ? '' : file.slice(dot + 1);
  if (!(EXPORT_LISTS as readonly string[]).includes(name)) {
    throw new HttpError(404, 'list_not_found', `no list “${name}” to export: one of ${EXPORT_LISTS.join(', ')}`, 'list');
  }
  if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
    throw new HttpError(400, 'invalid_input', `format: expected one of ${EXPORT_FORMATS.join(', ')} after the dot (${name}.csv)`, 'format');
  }
  const list = LISTS[name as ExportListName];
  if (format === 'geojson' && !list.geometry) {
    throw new HttpError(400, 'invalid_input', `format: ${name} has no geometry; export it as csv or xlsx`, 'format');
  }
  return { name: name as ExportListName, list, format: format as ExportFormat };
}

/** The query parameters as the validator middleware passes them: one value as a string, repeats as an array. */
function queryOf(c: Context<Env>): Record<string, string | string[]> {
  return Object.fromEntries(Object.entries(c.req.queries()).map(([k, v]) => [k, v.length === 1 ? v[0]! : v]));
}

/** How a row's personal cells read: masked as stored, or opened (an audited unmasked export). */
function personalReader(kind: PersonalKind, db: Db, cipher: PersonalDataCipher, unmasked: boolean) {
  const open = (sealed: Buffer | null) => (sealed ? cipher.decrypt(sealed) : null);
  return (id: number): { personal: Personal; point: [number, number] | null } => {
    if (kind === 'household') {
      const h = householdExtras(db, id);
      if (!h) return { personal: { name: null, idCard: null, phone: null }, point: null };
      const personal = unmasked
        ? { name: h.headName, idCard: open(h.idCardEnc), phone: open(h.phoneEnc) }
        : { name: h.headName, idCard: h.idCardMasked, phone: h.phoneMasked };
      return { personal, point: [h.lon, h.lat] };
    }
    if (kind === 'complaint') {
      const k = complaintContact(db, id);
      const personal = unmasked ? { name: open(k?.nameEnc ?? null), idCard: null, phone: open(k?.phoneEnc ?? null) } : { name: k?.nameMasked ?? null, idCard: null, phone: k?.phoneMasked ?? null };
      return { personal, point: null };
    }
    return { personal: { name: null, idCard: null, phone: null }, point: null };
  };
}

/** RFC 6266 with an RFC 5987 UTF-8 name (安居_台账_2026-11-30.csv) and a plain ASCII one for old clients. */
export function contentDisposition(utf8Name: string, asciiName: string): string {
  const encoded = encodeURIComponent(utf8Name).replace(/['()*]/g, (ch) => `%${ch.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${asciiName}"; filename*=UTF-8''${encoded}`;
}

export const exportFiles = new Hono<Env>().get('/:file', validate('param', fileParam), async (c) => {
  const { db, user, cipher } = c.var;
  const { name, list, format } = parseFile(c.req.valid('param').file);
  if (list.roles && !list.roles.includes(user.role)) throw new HttpError(403, 'forbidden', `role ${user.role} may not export ${name}`, 'list');
  const { lang, unmask, reason, ...filters } = parseInput('query', list.query.extend(exportOptions).strict(), queryOf(c)) as {
    lang: ExportLang;
    unmask?: string;
    reason?: string;
  } & Record<string, unknown>;
  const unmasked = unmask !== undefined;
  if (unmasked) {
    if (!list.personal) throw new HttpError(400, 'invalid_input', `unmask: ${name} holds no masked personal data`, 'unmask');
    if (!COUNTY_ROLES.includes(user.role)) throw new HttpError(403, 'forbidden', `role ${user.role} may not unmask personal data`, 'unmask');
    // As the unmask routes require (routes/households.ts): a reason of at least 4 characters.
    if (!reason || reason.length < 4) throw new HttpError(400, 'invalid_input', 'reason: say why the export is unmasked (at least 4 characters)', 'reason');
  } else if (reason !== undefined) {
    throw new HttpError(400, 'invalid_input', 'reason: only with unmask=1', 'reason');
  }

  const snapshot = openSnapshot(db);
  let rows: Iterable<unknown>;
  let count: number;
  try {
    const opened = await list.open(c, filters, snapshot.db);
    count = opened.count;
    // No second connection on :memory:: read them now rather than hold the app's connection busy.
    rows = snapshot.streams ? opened.rows : [...opened.rows];
    audit(
      c,
      {
        action: unmasked ? 'export.unmask' : 'export',
        entity: 'export',
        entityId: `${name}.${format}`,
        after: { list: name, format, filters, rows: count, masked: !unmasked },
        ...(unmasked ? { reason } : {}),
      },
      { address: unmasked },
    );
  } catch (err) {
    snapshot.release();
    throw err;
  }

  const personal = personalReader(list.personal, snapshot.db, cipher, unmasked);
  // One generator owns the snapshot: it is released when the rows run out, and when the client
  // hangs up (the stream closes before the end; see below), whichever comes first.
  const table = (function* (): Generator<ExportRow> {
    try {
      for (const row of rows) {
        const id = list.id(row);
        const extra = personal(id);
        yield { id, cells: list.columns.map((col) => col.cell(row, lang, extra.personal)), point: extra.point };
      }
    } finally {
      snapshot.release();
    }
  })();
  const title = list.title[lang];
  const stream = exportStream(format, { title, columns: list.columns.map((col) => ({ key: col.key, header: col.label[lang], width: col.width })), rows: table });
  stream.once('close', () => {
    try {
      table.return(undefined);
    } finally {
      snapshot.release();
    }
  });

  const day = chinaDay(new Date(c.var.now()));
  const prefix = lang === 'zh-CN' ? '安居' : 'anju';
  return c.body(Readable.toWeb(stream) as ReadableStream, 200, {
    'Content-Type': CONTENT_TYPES[format],
    'Content-Disposition': contentDisposition(`${prefix}_${title}_${day}.${format}`, `anju_${name}_${day}.${format}`),
    'X-Row-Count': String(count),
  });
});
