// A zipped Shapefile as county GIS offices send it: .shp (shapes), .shx (index), .dbf (attributes),
// .prj (the coordinate system, WKT) and often .cpg (the attribute code page). The zip is listed with
// fflate before anything is parsed, so a missing part is refused by name; shpjs then parses the
// shapes (reprojected to WGS84 by proj4 from the .prj) and the attributes.
//  - No .prj: refused. Without it nobody knows whether the numbers are degrees, Gauss-Krüger metres
//    or something else; guessing would put the boundaries somewhere plausible and wrong.
//  - A .prj proj4 cannot read: refused (shpjs on its own would silently skip the reprojection).
//  - Attribute text: as the .cpg says; without one (common: ArcGIS 9 and many Chinese tools write no
//    .cpg) the DBF's language-driver byte (0x4D = code page 936) or, failing that, whether the text is
//    valid UTF-8 decides between UTF-8 and GBK (read as GB18030, its superset). The uploader's explicit
//    encoding choice wins over both.
//  - Several shapefiles in one zip: refused, naming them — one layer per upload.
import { strToU8, unzipSync } from 'fflate';
import proj4 from 'proj4';
import { parseDbf, parseShp } from 'shpjs';
import { HttpError } from '../http/errors.ts';
import type { SheetEncoding } from './sheet.ts';

export interface ShapefileLayer {
  /** The layer's name as the user sees it (entry name without extension, names in GBK decoded). */
  name: string;
  geometries: (Record<string, unknown> | null)[];
  records: Record<string, unknown>[];
  encoding: { detected: string; used: string };
  /** The .prj's coordinate system name (PROJCS / GEOGCS), for the report. */
  crsName: string | null;
  projected: boolean;
}

const PARTS = ['shp', 'shx', 'dbf', 'prj', 'cpg'] as const;
type Part = (typeof PARTS)[number];

const PART_NAMES: Record<Exclude<Part, 'cpg'>, string> = {
  shp: '.shp（图形）',
  shx: '.shx（索引）',
  dbf: '.dbf（属性表）',
  prj: '.prj（坐标系说明）',
};

export function readShapefileZip(bytes: Uint8Array, fileName: string, encodingChoice: SheetEncoding): ShapefileLayer {
  const layers = new Map<string, { name: string; entries: Partial<Record<Part, string>> }>();
  const others: string[] = [];
  try {
    // List only: returning false leaves every entry compressed.
    unzipSync(bytes, {
      filter: (f) => {
        const shown = entryName(f.name);
        if (f.name.endsWith('/') || f.name.includes('__MACOSX/') || /(^|\/)\._/.test(f.name)) return false;
        const m = /^(.*)\.([^./]+)$/.exec(f.name);
        const ext = m ? (m[2]!.toLowerCase() as Part) : null;
        if (!m || !ext || !PARTS.includes(ext)) {
          others.push(shown);
          return false;
        }
        const key = m[1]!.toLowerCase();
        const layer = layers.get(key) ?? { name: entryName(m[1]!), entries: {} };
        layer.entries[ext] = f.name;
        layers.set(key, layer);
        return false;
      },
    });
  } catch {
    throw new HttpError(422, 'bad_zip', `“${fileName}”不是完整的 zip 压缩包（可能已损坏或未传完），请重新打包后上传`, 'file');
  }
  const withShp = [...layers.values()].filter((l) => l.entries.shp);
  if (withShp.length === 0) {
    const seen = [...[...layers.values()].map((l) => l.name), ...others].slice(0, 5).join('、');
    const message = `压缩包“${fileName}”里没有 Shapefile（.shp）${seen ? `，只有：${seen}` : '，它是空的'}。请把 .shp、.shx、.dbf、.prj 一起打包上传`;
    throw new HttpError(422, 'zip_has_no_shapefile', message, 'file');
  }
  if (withShp.length > 1) {
    const names = withShp.map((l) => `${l.name}.shp`).join('、');
    const message = `压缩包“${fileName}”里有 ${withShp.length} 个 Shapefile（${names}），请每次只上传一个图层（乡镇边界和村边界分开上传）`;
    throw new HttpError(422, 'several_layers', message, 'file');
  }
  const layer = withShp[0]!;
  const missing = (['shx', 'dbf', 'prj'] as const).filter((p) => !layer.entries[p]);
  if (missing.length > 0) {
    const names = missing.map((p) => PART_NAMES[p]).join('、');
    const message =
      `压缩包中的“${layer.name}.shp”缺少 ${names} 文件` +
      (missing.includes('prj') ? '：没有 .prj 就无法知道坐标是经纬度还是投影坐标，系统不会猜测。' : '。') +
      '请在 GIS 软件中导出完整的 Shapefile（.shp、.shx、.dbf、.prj 同名）后打包上传';
    if (missing.length === 1 && missing[0] === 'prj') throw new HttpError(422, 'shapefile_missing_prj', message, 'file');
    throw new HttpError(422, 'shapefile_incomplete', message, 'file');
  }

  const wanted = new Set(Object.values(layer.entries));
  const files = unzipSync(bytes, { filter: (f) => wanted.has(f.name) });
  const part = (p: Part) => (layer.entries[p] ? files[layer.entries[p]] : undefined);

  const prjText = new TextDecoder().decode(part('prj')).trim();
  const crs = readPrj(prjText, layer.name);
  const dbf = part('dbf')!;
  const encoding = dbfEncoding(dbf, part('cpg'), encodingChoice);

  let geometries: (Record<string, unknown> | null)[];
  let records: Record<string, unknown>[];
  try {
    geometries = parseShp(part('shp')!, prjText);
  } catch (e) {
    throw new HttpError(422, 'bad_shapefile', `“${layer.name}.shp”无法读取（${(e as Error).message}），文件可能已损坏`, 'file');
  }
  try {
    records = parseDbf(dbf, encoding.used);
  } catch (e) {
    throw new HttpError(422, 'bad_shapefile', `“${layer.name}.dbf”无法读取（${(e as Error).message}），文件可能已损坏`, 'file');
  }
  if (records.length !== geometries.length) {
    const message = `“${layer.name}”的 .shp 有 ${geometries.length} 个图形而 .dbf 有 ${records.length} 行属性，两者不一致，文件可能已损坏`;
    throw new HttpError(422, 'bad_shapefile', message, 'file');
  }
  return { name: layer.name, geometries, records, encoding, ...crs };
}

/** The .prj must be a coordinate system proj4 can read; its name goes into the report. */
function readPrj(wkt: string, layerName: string): { crsName: string | null; projected: boolean } {
  const refuse = (): never => {
    const message = `“${layerName}.prj”中的坐标系无法识别（${wkt.slice(0, 60) || '文件为空'}），请在 GIS 软件中另存为 WGS84（EPSG:4326）或 CGCS2000 后再上传`;
    throw new HttpError(422, 'unreadable_prj', message, 'file');
  };
  if (!/^(PROJCS|GEOGCS|PROJCRS|GEOGCRS|GEODCRS)\s*\[/i.test(wkt)) refuse();
  let readable = false;
  try {
    // Some unknown projections only fail on use: project one point in China.
    readable = proj4(wkt).forward([110, 35]).every(Number.isFinite);
  } catch {
    // proj4 throws on names it does not know
  }
  if (!readable) refuse();
  const name = /^\w+\s*\[\s*"([^"]*)"/.exec(wkt)?.[1] ?? null;
  return { crsName: name, projected: /^PROJ/i.test(wkt) };
}

// DBF language-driver IDs for code page 936 (Simplified Chinese GBK): ArcGIS writes 0x4D, others 0x7A.
const GBK_LDIDS = new Set([0x4d, 0x7a]);

/** The attribute text's encoding: the uploader's choice, else the .cpg, else the LDID byte, else a UTF-8 test. */
export function dbfEncoding(dbf: Uint8Array, cpg: Uint8Array | undefined, choice: SheetEncoding): { detected: string; used: string } {
  const detected = detectDbfEncoding(dbf, cpg);
  if (choice !== 'auto') return { detected, used: choice === 'gbk' ? 'gb18030' : choice };
  return { detected, used: detected };
}

function detectDbfEncoding(dbf: Uint8Array, cpg: Uint8Array | undefined): string {
  const utf8 = isUtf8(dbf.subarray(32));
  const fromCpg = cpg ? codePage(new TextDecoder().decode(cpg)) : null;
  // A .cpg claiming UTF-8 over bytes that are not UTF-8 is wrong (some tools write it regardless).
  if (fromCpg && !(fromCpg === 'utf-8' && !utf8)) return fromCpg;
  if (dbf.length > 29 && GBK_LDIDS.has(dbf[29]!)) return 'gb18030';
  return utf8 ? 'utf-8' : 'gb18030';
}

/** A .cpg's text ('UTF-8', '936', 'ANSI 936', 'GBK', 'CP936' …) → a TextDecoder label, or null. */
function codePage(text: string): string | null {
  const t = text.trim().toLowerCase().replace(/^ansi\s*/, '').replace(/^cp/, '');
  if (t === '') return null;
  if (['utf-8', 'utf8', '65001'].includes(t)) return 'utf-8';
  if (['936', 'gbk', 'gb2312', 'gb18030', '54936'].includes(t)) return 'gb18030';
  for (const label of [t, `windows-${t}`]) {
    try {
      return new TextDecoder(label).encoding;
    } catch {
      // not a label TextDecoder knows
    }
  }
  return null;
}

/** Are these bytes valid UTF-8 (what an attribute table or a GeoJSON without a code page is tried as first)? */
export function isUtf8(bytes: Uint8Array): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/**
 * An entry's name for messages. fflate decodes names stored without the zip's UTF-8 flag as Latin-1;
 * Chinese Windows zips such names in GBK, so the bytes are decoded again.
 */
function entryName(name: string): string {
  if (!/[\u0080-\u00ff]/.test(name)) return name;
  const bytes = strToU8(name, true);
  return isUtf8(bytes) ? new TextDecoder().decode(bytes) : new TextDecoder('gb18030').decode(bytes);
}
