// CAP 1.1 and 1.2 (OASIS Common Alerting Protocol) → an alert draft. The two versions differ in nothing we
// read (1.2 tightened wording, added no element we use); CAP 1.0 (2004, before valueName/value pairs) is
// refused by name. Many national feeds (US NWS, several Chinese provinces) still send 1.1.
//
// - Bytes first (parseCapBytes): the encoding the message names — GBK, GB18030, UTF-16 … (text-encoding.ts).
// - XML safety: no DOCTYPE, well-formed, at most MAX_XML_DEPTH levels (cap-xml.ts).
// - One message is one alert. Several <info> blocks are the same warning in several languages: zh-CN
//   (else any zh-*, else English, else the first) is displayed, every one is kept in `infos`.
// - The hazard: a natural one from <eventCode>, <category>, <event>, <headline> (cap-hazard.ts), else
//   refused; an unknown natural hazard is `other` with the sender's <event> kept.
// - The level: <eventCode>/<parameter> colour, <severity>, the colour word in headline or event.
// - <expires> is optional (CAP §3.2.2): without it the alert ends at our default for its type and level
//   (alert-validity.ts) and is marked noExpiryGiven.
// - The zone and the whole-message position limit: cap-area.ts.
// - msgType Alert creates; Update (replaces zone, times, level, texts) and Cancel name the earlier
//   message by <references> "sender,identifier,sent".
// Pure: the region lookup is passed in. Never throws on bad input: returns a CapError naming the element.
import { defaultExpiry } from './alert-validity.ts';
import { toUtcIso, type AlertDraft, type AlertInfoText, type BBox, type CapRef, type ZoneGeometry } from './alerts.ts';
import { checkPositionBudget, readZone } from './cap-area.ts';
import { hazardOf } from './cap-hazard.ts';
import { LEVEL_VALUE_NAME, levelFromText, SEVERITY_LEVEL } from './cap-vocabulary.ts';
import { CapFault, fault, localName, nodes, pairs, parseXml, text, texts, unprefix, type CapError, type Node } from './cap-xml.ts';
import { decodeXml } from './text-encoding.ts';

export type { CapError };

export const CAP_NAMESPACES = ['urn:oasis:names:tc:emergency:cap:1.2', 'urn:oasis:names:tc:emergency:cap:1.1'] as const;
const CAP_1_0 = 'http://www.incident.com/cap/1.0';

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

/** A message as it came over the wire: decoded by its own declaration (or the Content-Type charset), then read. */
export function parseCapBytes(bytes: Uint8Array, opts: CapOptions & { charset?: string | null } = {}): CapParse {
  const decoded = decodeXml(bytes, opts.charset ?? null);
  if (!decoded.ok) return { ok: false, error: { code: decoded.code, element: decoded.field, message: decoded.message } };
  return parseCap(decoded.text, opts);
}

export function parseCap(xml: string, opts: CapOptions = {}): CapParse {
  try {
    return { ok: true, message: readMessage(xml, opts) };
  } catch (e) {
    if (e instanceof CapFault) return { ok: false, error: e.error };
    throw e;
  }
}

function readMessage(xml: string, opts: CapOptions): CapMessage {
  const doc = parseXml(xml);
  const rootKey = Object.keys(doc).find((k) => !k.startsWith('?') && !k.startsWith('#'));
  if (!rootKey || localName(rootKey) !== 'alert') fault('not_cap', 'alert', `expected a CAP <alert> root element, got <${rootKey ?? 'nothing'}>`);
  const root = doc[rootKey!] as Node;
  const prefix = rootKey!.includes(':') ? rootKey!.slice(0, rootKey!.indexOf(':')) : null;
  const ns = typeof root === 'object' && root !== null ? root[prefix ? `@_xmlns:${prefix}` : '@_xmlns'] : undefined;
  if (ns === CAP_1_0) {
    fault('unsupported_cap_version', 'alert', 'CAP 1.0 is not supported (its codes are "name=value" strings): send CAP 1.1 or 1.2');
  }
  if (!(CAP_NAMESPACES as readonly unknown[]).includes(ns)) {
    fault('not_cap', 'alert', `the <alert> element must be in namespace ${CAP_NAMESPACES.join(' or ')}, got ${String(ns ?? 'none')}`);
  }
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
  checkPositionBudget(infos);
  const d = pickDisplay(infos);
  const info = infos[d]!;
  const at = `info[${d}]`;

  const event = text(info.event);
  const headline = text(info.headline);
  const eventCodes = pairs(info.eventCode);
  const parameters = pairs(info.parameter);
  const hazard = hazardOf({ categories: texts(info.category), event, headline, eventCodes, parameters }, at);
  if (!hazard.ok) return fault(hazard.code, hazard.element, hazard.message);
  const type = hazard.type;

  const severity = text(info.severity);
  const level =
    [...eventCodes, ...parameters].filter((c) => LEVEL_VALUE_NAME.test(c.name)).map((c) => levelFromText(c.value)).find((l) => l !== null) ??
    levelFromText(severity) ??
    levelFromText(headline) ??
    levelFromText(event) ??
    SEVERITY_LEVEL[(severity ?? '').toLowerCase()];
  if (!level) {
    fault('unknown_level', `${at}.severity`, `cannot tell the warning level: <severity>${severity ?? ''}</severity> and the headline name no colour (蓝色/黄色/橙色/红色, Blue/Yellow/Orange/Red)`);
  }

  const effective = text(info.effective) ?? text(info.onset) ?? ref.sent;
  timestamp(effective, text(info.effective) ? `${at}.effective` : text(info.onset) ? `${at}.onset` : 'sent');
  const effectiveAt = toUtcIso(effective);
  const expires = text(info.expires);
  if (expires) {
    timestamp(expires, `${at}.expires`);
    if (Date.parse(expires) <= Date.parse(effective)) {
      fault('expires_before_effective', `${at}.expires`, `<expires> ${expires} is not after the effective time ${effective}`);
    }
  }

  // The zone: the display info's areas, else the first info that has any.
  const withArea = nodes(info.area).length ? d : infos.findIndex((i) => nodes(i.area).length > 0);
  if (withArea < 0) fault('no_area', `${at}.area`, 'a CAP alert needs an <area> with a <polygon>, <circle> or <geocode> to locate it');
  const { geometry, regionCodes } = readZone(infos[withArea]!, `info[${withArea}]`, opts);

  const infoTexts: AlertInfoText[] = infos.map((i) => ({
    language: text(i.language) ?? 'en-US',
    event: text(i.event) ?? '',
    headline: text(i.headline) ?? text(i.event) ?? '',
    description: text(i.description) ?? '',
    instruction: text(i.instruction),
    senderName: text(i.senderName),
    areaDesc: areaDescOf(i),
  }));
  const shown = infoTexts[d]!;
  return {
    type,
    level: level!,
    event,
    issuer: shown.senderName ?? ref.sender,
    headline: shown.headline || `${event ?? type}`,
    description: shown.description,
    instruction: shown.instruction,
    language: shown.language,
    issuedAt: toUtcIso(ref.sent),
    effectiveAt,
    expiresAt: expires ? toUtcIso(expires) : defaultExpiry(type, level!, effectiveAt),
    noExpiryGiven: !expires,
    geometry,
    source: 'cap',
    cap: ref,
    infos: infoTexts,
    regionCodes,
  };
}

/** The <areaDesc> of every <area> of an info, in order, joined with the language-neutral '; '. */
function areaDescOf(info: Node): string | null {
  const descs = nodes(info.area)
    .map((a) => text(a.areaDesc))
    .filter((d): d is string => d !== null && d !== '');
  return descs.length > 0 ? descs.join('; ') : null;
}

/**
 * zh-CN first, then any Chinese, then English (the UI's two languages), then the first block. CAP's
 * default <language> is en-US.
 */
function pickDisplay(infos: Node[]): number {
  const langs = infos.map((i) => (text(i.language) ?? 'en-US').toLowerCase());
  const exact = langs.indexOf('zh-cn');
  if (exact >= 0) return exact;
  const zh = langs.findIndex((l) => l === 'zh' || l.startsWith('zh-'));
  if (zh >= 0) return zh;
  const en = langs.findIndex((l) => l === 'en' || l.startsWith('en-'));
  return en >= 0 ? en : 0;
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

