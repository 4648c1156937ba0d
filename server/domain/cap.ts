// CAP 1.2 (OASIS Common Alerting Protocol, urn:oasis:names:tc:emergency:cap:1.2) → an alert draft.
//
// - One message is one alert. Several <info> blocks are the same warning in several languages: zh-CN
//   (else any zh-*, else the first) is displayed, every one is kept in `infos`.
// - Zones: <polygon> is space-separated "lat,lon" pairs — latitude first, unlike GeoJSON; <circle> is
//   "lat,lon radius_km" (a 64-step polygon); <geocode> with a region-code valueName is that region's
//   boundary (only when the area has no polygon or circle). Several shapes or areas → MultiPolygon.
// - Type and level come from <eventCode>/<parameter>, <event>, <headline> (暴雨红色预警 …) and <severity>.
// - msgType Alert creates; Update (replaces zone, times, level, texts) and Cancel name the earlier
//   message by <references> "sender,identifier,sent".
// Pure: the region lookup is passed in. Never throws on bad input: returns a CapError naming the element.
import { circle } from '@turf/turf';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { checkZone, zonePolygons } from './alert-geometry.ts';
import { toUtcIso, type AlertDraft, type AlertInfoText, type BBox, type CapRef, type Position, type ZoneGeometry } from './alerts.ts';
import { LEVEL_VALUE_NAME, levelFromText, REGION_VALUE_NAME, regionCode12, SEVERITY_LEVEL, typeFromText } from './cap-vocabulary.ts';

export const CAP_NAMESPACE = 'urn:oasis:names:tc:emergency:cap:1.2';

export interface CapError {
  code: string;
  /** The element at fault, as a path: `info[0].area[1].polygon[0]`, `references`, `xml`. */
  element: string;
  message: string;
}

export type CapMessage =
  | { msgType: 'Alert'; ref: CapRef; draft: AlertDraft }
  | { msgType: 'Update'; ref: CapRef; references: CapRef[]; draft: AlertDraft }
  | { msgType: 'Cancel'; ref: CapRef; references: CapRef[]; note: string | null };

export type CapParse = { ok: true; message: CapMessage } | { ok: false; error: CapError };

export interface CapOptions {
  /** The county's bbox, to catch lon,lat pairs where CAP wants lat,lon. */
  countyBBox?: BBox | null;
  /** A region's boundary by 12-digit code; null when the county has no such region. */
  regionBoundary?: (code: string) => ZoneGeometry | null;
}

class CapFault extends Error {
  constructor(readonly error: CapError) {
    super(error.message);
  }
}
const fault = (code: string, element: string, message: string): never => {
  throw new CapFault({ code, element, message });
};

const ARRAYS = new Set(['info', 'area', 'polygon', 'circle', 'geocode', 'eventCode', 'parameter', 'category', 'responseType', 'resource']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  isArray: (name) => ARRAYS.has(localName(name)),
});

type Node = Record<string, unknown>;

export function parseCap(xml: string, opts: CapOptions = {}): CapParse {
  try {
    return { ok: true, message: readMessage(xml, opts) };
  } catch (e) {
    if (e instanceof CapFault) return { ok: false, error: e.error };
    throw e;
  }
}

function readMessage(xml: string, opts: CapOptions): CapMessage {
  // CAP needs no DTD; refusing it rules out entity expansion tricks.
  if (/<!DOCTYPE/i.test(xml)) fault('doctype_forbidden', 'xml', 'a CAP message must not carry a DOCTYPE');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) fault('malformed_xml', 'xml', `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  const doc = parser.parse(xml) as Node;
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (!rootKey || localName(rootKey) !== 'alert') fault('not_cap', 'alert', `expected a CAP <alert> root element, got <${rootKey ?? 'nothing'}>`);
  const root = doc[rootKey!] as Node;
  const prefix = rootKey!.includes(':') ? rootKey!.slice(0, rootKey!.indexOf(':')) : null;
  const ns = typeof root === 'object' && root !== null ? root[prefix ? `@_xmlns:${prefix}` : '@_xmlns'] : undefined;
  if (ns !== CAP_NAMESPACE) fault('not_cap', 'alert', `the <alert> element must be in namespace ${CAP_NAMESPACE}, got ${String(ns ?? 'none')}`);
  const alert = unprefix(root) as Node;

  const ref: CapRef = { identifier: required(alert, 'identifier'), sender: required(alert, 'sender'), sent: required(alert, 'sent') };
  timestamp(ref.sent, 'sent');
  const status = required(alert, 'status');
  if (status !== 'Actual') fault('not_actual', 'status', `only Actual messages are imported, got ${status}`);
  const msgType = required(alert, 'msgType');
  if (msgType !== 'Alert' && msgType !== 'Update' && msgType !== 'Cancel') {
    fault('unsupported_msg_type', 'msgType', `msgType must be Alert, Update or Cancel, got ${msgType}`);
  }
  const infos = nodes(alert.info);

  if (msgType === 'Alert') return { msgType, ref, draft: readDraft(ref, infos, opts) };
  const references = readReferences(text(alert.references));
  if (msgType === 'Cancel') {
    const shown = infos.length ? infos[pickDisplay(infos)]! : null;
    const note = shown ? text(shown.headline) ?? text(shown.description) : text(alert.note);
    return { msgType, ref, references, note };
  }
  return { msgType: 'Update', ref, references, draft: readDraft(ref, infos, opts) };
}

function readReferences(value: string | null): CapRef[] {
  if (!value) return fault('missing_element', 'references', 'an Update or Cancel needs <references> naming the earlier message');
  return value.split(/\s+/).map((triple) => {
    const parts = triple.split(',');
    if (parts.length !== 3 || parts.some((p) => p === '')) {
      fault('invalid_references', 'references', `expected "sender,identifier,sent" triples, got "${triple}"`);
    }
    return { sender: parts[0]!, identifier: parts[1]!, sent: parts[2]! };
  });
}

function readDraft(ref: CapRef, infos: Node[], opts: CapOptions): AlertDraft {
  if (infos.length === 0) fault('missing_element', 'info', 'an Alert or Update needs at least one <info>');
  const d = pickDisplay(infos);
  const info = infos[d]!;
  const at = `info[${d}]`;

  const event = text(info.event);
  const codes = [...nodes(info.eventCode), ...nodes(info.parameter)].map((n) => ({ name: text(n.valueName) ?? '', value: text(n.value) ?? '' }));
  const headline = text(info.headline);
  const type =
    codes.map((c) => typeFromText(c.value)).find((t) => t !== null) ?? typeFromText(event) ?? typeFromText(headline);
  if (!type) {
    fault('unknown_type', `${at}.event`, `cannot tell the hazard from <event>${event ?? ''}</event>${headline ? ` / <headline>${headline}</headline>` : ''}`);
  }
  const severity = text(info.severity);
  const level =
    codes.filter((c) => LEVEL_VALUE_NAME.test(c.name)).map((c) => levelFromText(c.value)).find((l) => l !== null) ??
    levelFromText(severity) ??
    levelFromText(headline) ??
    levelFromText(event) ??
    SEVERITY_LEVEL[(severity ?? '').toLowerCase()];
  if (!level) {
    fault('unknown_level', `${at}.severity`, `cannot tell the warning level: <severity>${severity ?? ''}</severity> and the headline name no colour (蓝色/黄色/橙色/红色, Blue/Yellow/Orange/Red)`);
  }

  const effective = text(info.effective) ?? text(info.onset) ?? ref.sent;
  timestamp(effective, text(info.effective) ? `${at}.effective` : text(info.onset) ? `${at}.onset` : 'sent');
  const expires = text(info.expires);
  if (!expires) fault('missing_element', `${at}.expires`, 'an alert needs <expires>: when does the warning end?');
  timestamp(expires!, `${at}.expires`);
  if (Date.parse(expires!) <= Date.parse(effective)) {
    fault('expires_before_effective', `${at}.expires`, `<expires> ${expires} is not after the effective time ${effective}`);
  }

  // The zone: the display info's areas, else the first info that has any.
  const withArea = nodes(info.area).length ? d : infos.findIndex((i) => nodes(i.area).length > 0);
  if (withArea < 0) fault('no_area', `${at}.area`, 'a CAP alert needs an <area> with a <polygon>, <circle> or <geocode> to locate it');
  const { geometry, regionCodes } = readZone(infos[withArea]!, `info[${withArea}]`, opts);

  const texts: AlertInfoText[] = infos.map((i) => ({
    language: text(i.language) ?? 'en-US',
    event: text(i.event) ?? '',
    headline: text(i.headline) ?? text(i.event) ?? '',
    description: text(i.description) ?? '',
    instruction: text(i.instruction),
    senderName: text(i.senderName),
  }));
  const shown = texts[d]!;
  return {
    type: type!,
    level: level!,
    issuer: shown.senderName ?? ref.sender,
    headline: shown.headline || `${event ?? type}`,
    description: shown.description,
    instruction: shown.instruction,
    language: shown.language,
    issuedAt: toUtcIso(ref.sent),
    effectiveAt: toUtcIso(effective),
    expiresAt: toUtcIso(expires!),
    geometry,
    source: 'cap',
    cap: ref,
    infos: texts,
    regionCodes,
  };
}

/** zh-CN first, then any Chinese, then the first block. CAP's default <language> is en-US. */
function pickDisplay(infos: Node[]): number {
  const langs = infos.map((i) => (text(i.language) ?? 'en-US').toLowerCase());
  const exact = langs.indexOf('zh-cn');
  if (exact >= 0) return exact;
  const zh = langs.findIndex((l) => l === 'zh' || l.startsWith('zh-'));
  return zh >= 0 ? zh : 0;
}

function readZone(info: Node, at: string, opts: CapOptions): { geometry: ZoneGeometry; regionCodes: string[] } {
  const polygons: Position[][][] = [];
  const regionCodes: string[] = [];
  const swapHint = 'pairs look like lon,lat — CAP expects lat,lon';
  const zone = (ring: Position[], element: string) => {
    const r = checkZone({ type: 'Polygon', coordinates: [ring] }, { fieldOf: () => element, field: element, countyBBox: opts.countyBBox ?? null, swapHint });
    if (!r.ok) fault(r.issue.code, element, r.issue.message);
    else polygons.push(...zonePolygons(r.geometry));
  };

  nodes(info.area).forEach((area, a) => {
    const here = `${at}.area[${a}]`;
    const shapes = polygons.length;
    texts(area.polygon).forEach((p, i) => zone(latLonPairs(p, `${here}.polygon[${i}]`), `${here}.polygon[${i}]`));
    texts(area.circle).forEach((c, i) => zone(circleRing(c, `${here}.circle[${i}]`, opts, swapHint), `${here}.circle[${i}]`));
    if (polygons.length > shapes) return;
    // No shape drawn: the area is its regions. Codes of other counties (a provincial warning lists many) are skipped.
    const geocodes = nodes(area.geocode).map((g, i) => ({ i, name: text(g.valueName) ?? '', value: text(g.value) ?? '' }));
    const ours = geocodes.filter((g) => REGION_VALUE_NAME.test(g.name));
    let found = 0;
    for (const g of ours) {
      const code = regionCode12(g.value);
      if (!code) fault('invalid_geocode', `${here}.geocode[${g.i}]`, `"${g.value}" is not a 6-, 9- or 12-digit region code`);
      const boundary = opts.regionBoundary?.(code!) ?? null;
      if (!boundary) continue;
      polygons.push(...zonePolygons(boundary));
      regionCodes.push(code!);
      found++;
    }
    if (ours.length > 0 && found === 0) {
      fault('unknown_region', `${here}.geocode[${ours[0]!.i}]`, `none of the region codes (${ours.map((g) => g.value).join(', ')}) is in this county`);
    }
  });
  if (polygons.length === 0) {
    fault('no_area', `${at}.area`, 'no <area> has a <polygon>, <circle> or region <geocode> to locate the alert');
  }
  const geometry: ZoneGeometry =
    polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
  return { geometry, regionCodes };
}

/** "lat,lon lat,lon …" → lon/lat positions (range is checked by the zone check, axis hint included). */
function latLonPairs(value: string, element: string): Position[] {
  const pairs = value.split(/\s+/).filter((s) => s.length > 0);
  return pairs.map((pair, i) => {
    const parts = pair.split(',');
    const nums = parts.map((s) => (s.trim() === '' ? Number.NaN : Number(s)));
    if (nums.length !== 2 || !nums.every(Number.isFinite)) {
      fault('invalid_polygon', element, `pair ${i} "${pair}" is not "lat,lon"`);
    }
    return [nums[1]!, nums[0]!];
  });
}

function circleRing(value: string, element: string, opts: CapOptions, swapHint: string): Position[] {
  const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s+([\d.]+)\s*$/.exec(value);
  const [lat, lon, radius] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [Number.NaN, Number.NaN, Number.NaN];
  if (![lat, lon, radius].every(Number.isFinite)) fault('invalid_circle', element, `"${value}" is not "lat,lon radius_km"`);
  if (radius <= 0 || radius > 1000) fault('invalid_circle', element, `radius ${radius} km must be above 0 and at most 1000`);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    const c = opts.countyBBox;
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180 && (!c || (lat >= c[0] - 1 && lat <= c[2] + 1));
    fault(swapped ? 'swapped_axes' : 'out_of_range', element, swapped ? swapHint : `centre ${lat},${lon} is out of range`);
  }
  return circle([lon, lat], radius, { steps: 64, units: 'kilometers' }).geometry.coordinates[0] as Position[];
}

function timestamp(value: string, element: string): void {
  // CAP 1.2 §3.3.2: dateTime with an explicit offset ("2024-07-10T14:00:00+08:00").
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?([+-]\d{2}:\d{2}|Z)$/.test(value) || Number.isNaN(Date.parse(value))) {
    fault('invalid_time', element, `"${value}" is not a CAP date-time like 2024-07-10T14:00:00+08:00`);
  }
}

function required(n: Node, name: string): string {
  const v = text(n[name]);
  if (v === null) return fault('missing_element', name, `the CAP message has no <${name}>`);
  return v;
}

function text(v: unknown): string | null {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && v !== null && '#text' in v) return text((v as Node)['#text']);
  return null;
}

/** The texts of a repeated element (empty ones count, so an empty <polygon/> is refused, not skipped). */
function texts(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => text(x) ?? '');
}

function nodes(v: unknown): Node[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).filter((n): n is Node => typeof n === 'object' && n !== null);
}

function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Drops namespace prefixes from element names (cap:info → info) and attributes below the root. */
function unprefix(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(unprefix);
  if (typeof v !== 'object' || v === null) return v;
  const out: Node = {};
  for (const [k, val] of Object.entries(v)) {
    if (k.startsWith('@_')) continue;
    const name = localName(k);
    const next = unprefix(val);
    out[name] = name in out ? [...nodes(out[name]), ...nodes(next)] : next;
  }
  return out;
}
