// Lists made from the seeded county itself, as a civil-affairs office or the national system would
// send them back: every household with its clear ID card (decrypted with the database's key), its
// township, village and group by name, and the words county spreadsheets use for codes.
import { loadDataKey } from '../../server/config.ts';
import type { DemoUser, seededApp } from './harness.ts';
import type { Db } from '../../server/db/connection.ts';
import { createPersonalDataCipher, type PersonalDataCipher } from '../../server/db/personal-data.ts';
import { idCardCheckDigit } from '../../server/domain/id-card.ts';
import { CATEGORY_LABELS, GRADE_LABELS, GUARANTEE_MODE_LABELS, STRUCTURE_LABELS } from '../../server/exports/labels.ts';

export interface SceneHousehold {
  id: number;
  householdNo: string;
  headName: string;
  idCard: string;
  townshipCode: string;
  township: string;
  villageCode: string;
  village: string;
  group: string;
  members: number;
  category: string;
  guaranteeMode: string;
  grade: string | null;
  structure: string;
}

export function cipherOf(dbPath: string): PersonalDataCipher {
  return createPersonalDataCipher(loadDataKey(dbPath));
}

/** Every household not delisted, in id order, with its clear ID card. */
export function sceneHouseholds(db: Db, cipher: PersonalDataCipher): SceneHousehold[] {
  const rows = db
    .prepare(
      `SELECT h.id, h.household_no AS householdNo, h.head_name AS headName, h.id_card_enc AS enc, h.township_code AS townshipCode,
              t.name AS township, h.village_code AS villageCode, v.name AS village, g.name AS "group", h.members, h.category,
              h.guarantee_mode AS guaranteeMode, o.grade, o.structure
         FROM households h JOIN houses o ON o.household_id = h.id AND o.is_current = 1
         JOIN regions t ON t.code = h.township_code JOIN regions v ON v.code = h.village_code JOIN regions g ON g.code = h.group_code
        WHERE h.delisted_on IS NULL ORDER BY h.id`,
    )
    .all() as (Omit<SceneHousehold, 'idCard'> & { enc: Buffer })[];
  return rows.map(({ enc, ...r }) => ({ ...r, idCard: cipher.decrypt(enc) }));
}

/** A valid ID card nobody in the seeded county has: area 500000 (not the county's), born 1960–1999. */
export function newIdCard(n: number): string {
  const first17 = `500000${1960 + (n % 40)}0${1 + (n % 9)}1${n % 10}${String(100 + n).padStart(3, '0').slice(-3)}`;
  return first17 + idCardCheckDigit(first17);
}

/** One CSV line, quoted where needed. */
const line = (cells: readonly (string | number | null)[]): string =>
  cells.map((c) => (c === null ? '' : /[",\n]/.test(String(c)) ? `"${String(c).replace(/"/g, '""')}"` : String(c))).join(',');

export const toCsv = (header: readonly string[], rows: readonly (readonly (string | number | null)[])[]): Uint8Array =>
  new TextEncoder().encode([line(header), ...rows.map(line)].join('\r\n') + '\r\n');

/** The Chinese word a county spreadsheet uses for a code. */
export const word = {
  category: (c: string) => CATEGORY_LABELS[c as keyof typeof CATEGORY_LABELS]['zh-CN'],
  guarantee: (c: string) => GUARANTEE_MODE_LABELS[c as keyof typeof GUARANTEE_MODE_LABELS]['zh-CN'],
  structure: (c: string) => STRUCTURE_LABELS[c as keyof typeof STRUCTURE_LABELS]['zh-CN'],
  grade: (c: string | null) => (c === null ? '' : GRADE_LABELS[c as keyof typeof GRADE_LABELS]['zh-CN']),
};

/** A civil-affairs name list's header and a household's row in it. */
export const NAMELIST_HEADER = ['序号', '户主姓名', '身份证号', '所属镇街', '所属村', '组', '家庭人口', '监测对象类别', '经度', '纬度'] as const;
export const namelistRow = (h: Pick<SceneHousehold, 'headName' | 'idCard' | 'township' | 'village' | 'group' | 'members' | 'category'>, i: number, point: [number, number] | null = null) => [
  i + 1,
  h.headName,
  h.idCard,
  h.township,
  h.village,
  h.group,
  h.members,
  word.category(h.category),
  point?.[0] ?? null,
  point?.[1] ?? null,
];

type App = ReturnType<typeof seededApp>;

/** Uploads a file to POST /api/imports as `as` and waits for its check: the batch as GET /api/imports/:id then shows it. */
export async function uploadAndCheck(t: App, kind: string, bytes: Uint8Array, opts: { as?: DemoUser; fileName?: string; fields?: Record<string, string> } = {}) {
  const s = await t.sessionOf(opts.as ?? 'county');
  const form = new FormData();
  form.append('file', new File([new Uint8Array(bytes)], opts.fileName ?? 'list.csv'));
  form.append('kind', kind);
  for (const [k, v] of Object.entries(opts.fields ?? {})) form.append(k, v);
  const res = await t.app.request('/api/imports', { method: 'POST', headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken }, body: form });
  const posted = (await res.json()) as any;
  if (res.status !== 202) return { status: res.status, body: posted };
  await t.imports.idle();
  return t.json<any>(`/api/imports/${posted.id}`, { as: opts.as ?? 'county' });
}

/** Commits a batch and waits for it: the batch afterwards. */
export async function commitBatch(t: App, id: number, as: DemoUser = 'county') {
  const res = await t.json<any>(`/api/imports/${id}/commit`, { method: 'POST', body: {}, as });
  if (res.status !== 202) return res;
  await t.imports.idle();
  return t.json<any>(`/api/imports/${id}`, { as });
}

/** A CSV download: its bytes as text without the BOM, whether it had one, and its lines. */
export async function csvDownload(t: App, path: string, as: DemoUser = 'county') {
  const res = await t.request(path, { as });
  const bytes = new Uint8Array(await res.arrayBuffer());
  const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf;
  const text = new TextDecoder().decode(bom ? bytes.subarray(3) : bytes);
  return { status: res.status, type: res.headers.get('content-type'), bom, text, lines: text.split('\r\n').filter((l) => l !== '') };
}
