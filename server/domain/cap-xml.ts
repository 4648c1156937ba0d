// The XML underneath a CAP message: parsing untrusted text safely, and reading the parsed tree.
//
// - No DOCTYPE (CAP needs none; refusing it rules out entity-expansion tricks).
// - Well-formed (fast-xml-parser's validator names line and column).
// - At most MAX_XML_DEPTH levels of elements. CAP's deepest element is alert/info/area/geocode/value (5);
//   an XML signature adds a few. A deeper message is refused as `too_deep` before the parser sees it —
//   the parser's own limit (maxNestedTags, default 100) throws a plain Error, which was a 500.
// Refusals are thrown as CapFault and caught by parseCap, which returns them as a CapError.
import { XMLParser, XMLValidator } from 'fast-xml-parser';

export const MAX_XML_DEPTH = 32;

export interface CapError {
  code: string;
  /** The element at fault, as a path: `info[0].area[1].polygon[0]`, `references`, `xml`. */
  element: string;
  message: string;
}

export class CapFault extends Error {
  constructor(readonly error: CapError) {
    super(error.message);
  }
}
export const fault = (code: string, element: string, message: string): never => {
  throw new CapFault({ code, element, message });
};

export type Node = Record<string, unknown>;

const ARRAYS = new Set(['info', 'area', 'polygon', 'circle', 'geocode', 'eventCode', 'parameter', 'category', 'responseType', 'resource']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@_',
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  maxNestedTags: MAX_XML_DEPTH + 1,
  isArray: (name) => ARRAYS.has(localName(name)),
});

/** The parsed document: element names as keys, attributes as `@_name`. */
export function parseXml(xml: string): Node {
  if (/<!DOCTYPE/i.test(xml)) fault('doctype_forbidden', 'xml', 'a CAP message must not carry a DOCTYPE');
  const valid = XMLValidator.validate(xml);
  if (valid !== true) fault('malformed_xml', 'xml', `malformed XML at line ${valid.err.line}, column ${valid.err.col}: ${valid.err.msg}`);
  const depth = maxDepth(xml);
  if (depth > MAX_XML_DEPTH) fault('too_deep', 'xml', `elements are nested ${depth} deep; a CAP message needs at most ${MAX_XML_DEPTH} levels`);
  try {
    return parser.parse(xml) as Node;
  } catch (e) {
    // Validated and within depth, the parser should not throw; if it does, it is still the message's fault.
    return fault('malformed_xml', 'xml', `the XML could not be read: ${(e as Error).message}`);
  }
}

// Comments, CDATA, processing instructions, then tags (attribute values may hold '>').
const MARKUP = /<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|<\?[\s\S]*?\?>|<(\/?)[^\s/>!?](?:[^>"']|"[^"]*"|'[^']*')*?(\/?)>/g;

/** The deepest element nesting of a well-formed document, in one pass. */
function maxDepth(xml: string): number {
  let depth = 0;
  let max = 0;
  for (const m of xml.matchAll(MARKUP)) {
    if (m[1] === undefined) continue; // comment, CDATA or PI
    if (m[1] === '/') depth--;
    else if (m[2] !== '/') max = Math.max(max, ++depth);
    else max = Math.max(max, depth + 1);
  }
  return max;
}

export function text(v: unknown): string | null {
  if (Array.isArray(v)) return text(v[0]);
  if (typeof v === 'string') return v.trim() === '' ? null : v.trim();
  if (typeof v === 'number') return String(v);
  if (typeof v === 'object' && v !== null && '#text' in v) return text((v as Node)['#text']);
  return null;
}

/** The texts of a repeated element (empty ones count, so an empty <polygon/> is refused, not skipped). */
export function texts(v: unknown): string[] {
  if (v === undefined || v === null) return [];
  return (Array.isArray(v) ? v : [v]).map((x) => text(x) ?? '');
}

export function nodes(v: unknown): Node[] {
  if (v === undefined || v === null || v === '') return [];
  return (Array.isArray(v) ? v : [v]).filter((n): n is Node => typeof n === 'object' && n !== null);
}

/** valueName/value pairs (<eventCode>, <parameter>, <geocode>). */
export function pairs(v: unknown): { name: string; value: string }[] {
  return nodes(v).map((n) => ({ name: text(n.valueName) ?? '', value: text(n.value) ?? '' }));
}

export function localName(name: string): string {
  const i = name.indexOf(':');
  return i < 0 ? name : name.slice(i + 1);
}

/** Drops namespace prefixes from element names (cap:info → info) and attributes below the root. */
export function unprefix(v: unknown): unknown {
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
