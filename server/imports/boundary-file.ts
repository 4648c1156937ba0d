// The file of a boundaries import → its features in WGS84, or a refusal naming what is wrong with the
// file as a whole (HttpError, field 'file'; feature-level faults are the check's problems).
//  - GeoJSON (FeatureCollection, Feature or a bare geometry), UTF-8 as RFC 7946 says — GBK-encoded
//    files from Chinese tools are read too. A `crs` member (GeoJSON 2008, still written by GDAL) must
//    name WGS84 / CRS84 or CGCS2000 (EPSG:4490, taken as WGS84 — domain/crs.ts); a projected one is
//    refused, never guessed. The uploader's CRS choice applies: AMap's and DataV's district boundaries
//    are GCJ-02.
//  - A zipped Shapefile (imports/shapefile.ts): reprojected from its .prj.
//  - Either way, numbers that cannot be degrees (metres of a Gauss-Krüger grid) are refused with a hint.
import { roundCoordinate } from '../domain/boundary-winding.ts';
import { toWgs84, type CrsName } from '../domain/crs.ts';
import { HttpError } from '../http/errors.ts';
import { isUtf8, readShapefileZip } from './shapefile.ts';
import type { SheetEncoding } from './sheet.ts';

export interface RawFeature {
  /** 1-based, in file order: what problems name. */
  number: number;
  properties: Record<string, unknown>;
  /** As read, positions converted to WGS84 and cut to 2D; not validated yet. */
  geometry: unknown;
}

export interface BoundaryFile {
  format: 'geojson' | 'shapefile';
  encoding: { detected: string | null; used: string | null };
  /** The coordinate system the file declared (a .prj's name, a GeoJSON crs), for the report. */
  crsName: string | null;
  features: RawFeature[];
}

export function readBoundaryFile(bytes: Uint8Array, fileName: string, opts: { encoding: SheetEncoding; crs: CrsName }): BoundaryFile {
  if (bytes.length === 0) throw new HttpError(422, 'empty_file', `文件“${fileName}”是空的`, 'file');
  let file: BoundaryFile;
  if (startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) {
    throw new HttpError(422, 'zip_has_no_shapefile', `压缩包“${fileName}”是空的，请把 .shp、.shx、.dbf、.prj 一起打包上传`, 'file');
  } else if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04])) {
    const layer = readShapefileZip(bytes, fileName, opts.encoding);
    file = {
      format: 'shapefile',
      encoding: layer.encoding,
      crsName: layer.crsName,
      features: layer.geometries.map((g, i) => ({ number: i + 1, properties: layer.records[i] ?? {}, geometry: g === null ? null : positions(g, (p) => p) })),
    };
  } else {
    file = readGeoJson(bytes, fileName, opts);
  }
  refuseProjected(file, fileName);
  return file;
}

function readGeoJson(bytes: Uint8Array, fileName: string, opts: { encoding: SheetEncoding; crs: CrsName }): BoundaryFile {
  const body = startsWith(bytes, [0xef, 0xbb, 0xbf]) ? bytes.subarray(3) : bytes;
  const first = body.find((b) => b !== 0x20 && b !== 0x09 && b !== 0x0a && b !== 0x0d);
  if (first !== 0x7b /* { */) {
    const message = `“${fileName}”不是 GeoJSON，也不是 Shapefile 压缩包。边界请上传 GeoJSON（.geojson/.json）或 zip 压缩的 Shapefile（含 .shp、.shx、.dbf、.prj）`;
    throw new HttpError(415, 'not_boundary_file', message, 'file');
  }
  const detected = isUtf8(body) ? 'utf-8' : 'gb18030';
  const used = opts.encoding === 'auto' ? detected : opts.encoding === 'gbk' ? 'gb18030' : opts.encoding;
  let doc: unknown;
  try {
    doc = JSON.parse(new TextDecoder(used).decode(body));
  } catch (e) {
    throw new HttpError(422, 'invalid_geojson', `“${fileName}”不是有效的 JSON（${(e as Error).message}）`, 'file');
  }
  const crsName = declaredCrs(doc, fileName);
  const convert = (p: number[]) => (opts.crs === 'wgs84' || opts.crs === 'cgcs2000' ? p : toWgs84(p[0]!, p[1]!, opts.crs));
  const features = featuresOf(doc, fileName).map((f, i) => ({
    number: i + 1,
    properties: isObject(f.properties) ? f.properties : {},
    geometry: f.geometry === null || f.geometry === undefined ? null : positions(f.geometry, convert),
  }));
  return { format: 'geojson', encoding: { detected, used }, crsName, features };
}

function featuresOf(doc: unknown, fileName: string): { properties?: unknown; geometry?: unknown }[] {
  if (isObject(doc)) {
    if (doc.type === 'FeatureCollection' && Array.isArray(doc.features)) return doc.features.map((f) => (isObject(f) ? f : {}));
    if (doc.type === 'Feature') return [doc];
    if (doc.type === 'Polygon' || doc.type === 'MultiPolygon') return [{ geometry: doc }];
  }
  const message = `“${fileName}”不是 GeoJSON 要素集合（应为 FeatureCollection、Feature 或 Polygon/MultiPolygon）`;
  throw new HttpError(422, 'invalid_geojson', message, 'file');
}

// GeoJSON 2008's named CRS: WGS84 lon/lat in any of its spellings, or CGCS2000 geographic (≈ WGS84).
const DEGREES_CRS =
  /^(urn:ogc:def:crs:(ogc:1\.3:crs84|ogc::crs84|epsg:[\d.]*:(4326|4490))|epsg:(4326|4490)|crs84|wgs ?84|cgcs ?2000|https?:\/\/www\.opengis\.net\/def\/crs\/(ogc\/1\.3\/crs84|epsg\/0\/(4326|4490)))$/i;

function declaredCrs(doc: unknown, fileName: string): string | null {
  if (!isObject(doc) || doc.crs === undefined || doc.crs === null) return null;
  const crs = doc.crs;
  const name = isObject(crs) && isObject(crs.properties) && typeof crs.properties.name === 'string' ? crs.properties.name.trim() : null;
  if (name && DEGREES_CRS.test(name)) return name;
  const code = name ? /(\d{4,6})$/.exec(name)?.[1] : undefined;
  const message =
    `“${fileName}”声明的坐标系是 ${name ?? JSON.stringify(crs).slice(0, 80)}${code ? `（EPSG:${code}）` : ''}，` +
    '这里只接受 WGS84（EPSG:4326）或 CGCS2000 经纬度（EPSG:4490）。请在 GIS 软件中导出为 EPSG:4326，或上传带 .prj 的 Shapefile 压缩包';
  throw new HttpError(422, 'unsupported_crs', message, 'crs');
}

/**
 * Metres where degrees belong: most features start outside ±180/±90. One stray position is the
 * feature's problem (the geometry check names it); a whole file of them is a projected file.
 */
function refuseProjected(file: BoundaryFile, fileName: string): void {
  const starts = file.features.map((f) => firstPosition(f.geometry)).filter((p): p is number[] => p !== null);
  const far = starts.filter(([x, y]) => Math.abs(x!) > 180 || Math.abs(y!) > 90);
  if (far.length === 0 || far.length * 2 < starts.length) return;
  const [x, y] = far[0]!;
  const where = file.format === 'shapefile' ? `与其 .prj（${file.crsName ?? '未命名'}）不符，` : '';
  const message =
    `“${fileName}”的坐标（如 ${x}, ${y}）不是经纬度，看起来是投影坐标（米），${where}` +
    '请在 GIS 软件中导出为 WGS84（EPSG:4326），或上传带正确 .prj 的 Shapefile 压缩包';
  throw new HttpError(422, 'looks_projected', message, 'file');
}

/** The geometry with every position passed through `convert`, cut to [x, y] and rounded; odd shapes left for the check. */
function positions(geometry: unknown, convert: (p: number[]) => number[]): unknown {
  if (!isObject(geometry)) return geometry;
  const { bbox: _bbox, ...g } = geometry;
  const walk = (c: unknown): unknown => {
    if (!Array.isArray(c)) return c;
    if (c.length >= 2 && typeof c[0] === 'number' && typeof c[1] === 'number') {
      if (!Number.isFinite(c[0]) || !Number.isFinite(c[1])) return c;
      const [x, y] = convert([c[0], c[1]]);
      return [roundCoordinate(x!), roundCoordinate(y!)];
    }
    return c.map(walk);
  };
  return { ...g, coordinates: walk(g.coordinates) };
}

function firstPosition(geometry: unknown): number[] | null {
  let c: unknown = isObject(geometry) ? geometry.coordinates : null;
  while (Array.isArray(c) && Array.isArray(c[0])) c = c[0];
  return Array.isArray(c) && typeof c[0] === 'number' && typeof c[1] === 'number' ? c : null;
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function startsWith(bytes: Uint8Array, sig: number[]): boolean {
  return sig.every((b, i) => bytes[i] === b);
}
