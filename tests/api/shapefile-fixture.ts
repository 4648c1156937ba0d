// Writes polygon Shapefiles byte by byte (ESRI Shapefile Technical Description, 1998; dBASE III
// tables), zipped with fflate — the files county GIS offices send, built in the test so each fault
// (no .prj, GBK text without .cpg, projected coordinates) is exactly the one under test.
import { zipSync } from 'fflate';
import iconv from 'iconv-lite';
import type { Position, ZoneGeometry } from '../../server/domain/alerts.ts';

export interface DbfField {
  name: string;
  type: 'C' | 'N';
  length: number;
}

export interface ShapefileSpec {
  /** null writes a null shape. Coordinates as they go into the file (degrees or metres). */
  geometries: (ZoneGeometry | null)[];
  fields: DbfField[];
  records: Record<string, string | number>[];
  /** How the table's text is written: 'gbk' as ArcGIS on a Chinese Windows does. */
  encoding?: 'utf-8' | 'gbk';
  /** The DBF language-driver byte (0x4D = code page 936); 0 = none. */
  ldid?: number;
}

export function shapefileParts(spec: ShapefileSpec): { shp: Uint8Array; shx: Uint8Array; dbf: Uint8Array } {
  const contents = spec.geometries.map(polygonContent);
  const shpLength = 100 + contents.reduce((s, c) => s + 8 + c.length, 0);
  const shp = new Uint8Array(shpLength);
  const shx = new Uint8Array(100 + 8 * contents.length);
  const bbox = allBBox(spec.geometries);
  writeHeader(new DataView(shp.buffer), shpLength, bbox);
  writeHeader(new DataView(shx.buffer), shx.length, bbox);
  const shpView = new DataView(shp.buffer);
  const shxView = new DataView(shx.buffer);
  let offset = 100;
  contents.forEach((c, i) => {
    shpView.setInt32(offset, i + 1); // big-endian, as the format says
    shpView.setInt32(offset + 4, c.length / 2);
    shp.set(c, offset + 8);
    shxView.setInt32(100 + 8 * i, offset / 2);
    shxView.setInt32(100 + 8 * i + 4, c.length / 2);
    offset += 8 + c.length;
  });
  return { shp, shx, dbf: dbfTable(spec) };
}

/** A zip of `name`.shp/.shx/.dbf plus whatever extra entries (prj, cpg …) the test wants. */
export function shapefileZip(name: string, spec: ShapefileSpec, extra: Record<string, string | Uint8Array> = {}, omit: string[] = []): Uint8Array {
  const parts = shapefileParts(spec);
  const entries: Record<string, Uint8Array> = {};
  for (const [ext, bytes] of Object.entries(parts)) if (!omit.includes(ext)) entries[`${name}.${ext}`] = bytes;
  for (const [entry, body] of Object.entries(extra)) entries[entry] = typeof body === 'string' ? new TextEncoder().encode(body) : body;
  return zipSync(entries);
}

export const WGS84_PRJ =
  'GEOGCS["GCS_WGS_1984",DATUM["D_WGS_1984",SPHEROID["WGS_1984",6378137.0,298.257223563]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]]';

/** EPSG:4545, CGCS2000 / 3-degree Gauss-Kruger CM 108E, as ArcGIS writes it: common in Shaanxi county GIS. */
export const CGCS2000_GK_CM108_PRJ =
  'PROJCS["CGCS2000_3_Degree_GK_CM_108E",GEOGCS["GCS_China_Geodetic_Coordinate_System_2000",DATUM["D_China_2000",SPHEROID["CGCS2000",6378137.0,298.257222101]],PRIMEM["Greenwich",0.0],UNIT["Degree",0.0174532925199433]],PROJECTION["Gauss_Kruger"],PARAMETER["False_Easting",500000.0],PARAMETER["False_Northing",0.0],PARAMETER["Central_Meridian",108.0],PARAMETER["Scale_Factor",1.0],PARAMETER["Latitude_Of_Origin",0.0],UNIT["Meter",1.0]]';

function writeHeader(v: DataView, byteLength: number, bbox: number[]): void {
  v.setInt32(0, 9994);
  v.setInt32(24, byteLength / 2);
  v.setInt32(28, 1000, true);
  v.setInt32(32, 5, true); // Polygon
  bbox.forEach((b, i) => v.setFloat64(36 + 8 * i, b, true));
}

/** Shapefile rings: shells clockwise, holes counter-clockwise (the reverse of GeoJSON). */
function polygonContent(g: ZoneGeometry | null): Uint8Array {
  if (g === null) {
    const c = new Uint8Array(4);
    new DataView(c.buffer).setInt32(0, 0, true);
    return c;
  }
  const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
  const rings = polys.flatMap((p) => p.map((r, i) => oriented(r, i === 0)));
  const points = rings.reduce((s, r) => s + r.length, 0);
  const c = new Uint8Array(44 + 4 * rings.length + 16 * points);
  const v = new DataView(c.buffer);
  v.setInt32(0, 5, true);
  allBBox([g]).slice(0, 4).forEach((b, i) => v.setFloat64(4 + 8 * i, b, true));
  v.setInt32(36, rings.length, true);
  v.setInt32(40, points, true);
  let start = 0;
  rings.forEach((r, i) => {
    v.setInt32(44 + 4 * i, start, true);
    start += r.length;
  });
  let o = 44 + 4 * rings.length;
  for (const r of rings) {
    for (const [x, y] of r) {
      v.setFloat64(o, x, true);
      v.setFloat64(o + 8, y, true);
      o += 16;
    }
  }
  return c;
}

function oriented(ring: Position[], shell: boolean): Position[] {
  let twice = 0;
  for (let i = 1; i < ring.length; i++) twice += ring[i - 1]![0] * ring[i]![1] - ring[i]![0] * ring[i - 1]![1];
  const clockwise = twice < 0;
  return clockwise === shell ? ring : [...ring].reverse();
}

function allBBox(gs: (ZoneGeometry | null)[]): number[] {
  const b = [Infinity, Infinity, -Infinity, -Infinity];
  for (const g of gs) {
    if (!g) continue;
    const polys = g.type === 'Polygon' ? [g.coordinates] : g.coordinates;
    for (const p of polys) {
      for (const [x, y] of p.flat()) {
        b[0] = Math.min(b[0]!, x);
        b[1] = Math.min(b[1]!, y);
        b[2] = Math.max(b[2]!, x);
        b[3] = Math.max(b[3]!, y);
      }
    }
  }
  return [...b, 0, 0, 0, 0];
}

function dbfTable(spec: ShapefileSpec): Uint8Array {
  const encode = (s: string) => (spec.encoding === 'gbk' ? new Uint8Array(iconv.encode(s, 'gbk')) : new TextEncoder().encode(s));
  const recordLength = 1 + spec.fields.reduce((s, f) => s + f.length, 0);
  const headerLength = 32 + 32 * spec.fields.length + 1;
  const out = new Uint8Array(headerLength + recordLength * spec.records.length + 1);
  const v = new DataView(out.buffer);
  out[0] = 0x03;
  out[1] = 126;
  out[2] = 1;
  out[3] = 1;
  v.setUint32(4, spec.records.length, true);
  v.setUint16(8, headerLength, true);
  v.setUint16(10, recordLength, true);
  out[29] = spec.ldid ?? 0;
  spec.fields.forEach((f, i) => {
    const at = 32 + 32 * i;
    out.set(encode(f.name).subarray(0, 10), at);
    out[at + 11] = f.type.charCodeAt(0);
    out[at + 16] = f.length;
  });
  out[headerLength - 1] = 0x0d;
  spec.records.forEach((r, k) => {
    let at = headerLength + k * recordLength;
    out[at++] = 0x20;
    for (const f of spec.fields) {
      const raw = r[f.name];
      const bytes = encode(raw === undefined ? '' : String(raw)).subarray(0, f.length);
      const cell = new Uint8Array(f.length).fill(0x20);
      // Numbers right-aligned, text left-aligned, both padded with spaces.
      cell.set(bytes, f.type === 'N' ? f.length - bytes.length : 0);
      out.set(cell, at);
      at += f.length;
    }
  });
  out[out.length - 1] = 0x1a;
  return out;
}
