// Request bodies as text, never garbled. JSON (RFC 8259 §8.1) is UTF-8 only.
//
// The bytes of an XML message → its text, in the encoding the message names (XML 1.0 §4.3.3, Appendix F;
// RFC 7303 §3). Chinese feeds send GBK, GB2312 and GB18030; European ones ISO-8859-1; many UTF-8 or UTF-16.
//
//  - A byte-order mark decides: EF BB BF UTF-8, FE FF UTF-16BE, FF FE UTF-16LE (UTF-32 is refused).
//  - Otherwise the XML declaration's encoding="…", or the charset of the Content-Type; when both are
//    given they must agree. Neither: UTF-8.
//  - The bytes must be what the message says they are: invalid UTF-8/UTF-16, bytes with no character in
//    the declared code page, UTF-16 declared without a byte-order mark, or text declared GBK/Latin-1
//    whose bytes are in fact UTF-8 (the common mislabelling: it would decode to 鏆撮洦 or MÃ¼nchen) —
//    each is refused with `encoding_mismatch`, never stored garbled.
//  - NUL, and the other control characters XML 1.0 forbids (§2.2 Char), are refused after decoding.
// GB2312 is read as GBK, its superset (iconv-lite does so too; feeds labelled GB2312 often hold GBK
// characters). A GB18030 message may not contain U+FFFD itself: we take it for a byte that did not decode.
// Pure: no I/O. iconv-lite for the legacy code pages; TextDecoder (fatal) for UTF-8/16.
import iconv from 'iconv-lite';

export type Decoded = { ok: true; text: string; encoding: string } | { ok: false; code: string; field: string; message: string };

/** Names we accept (lower case) → the codec that reads them. */
const CODECS: Record<string, string> = {
  'utf-8': 'utf-8',
  utf8: 'utf-8',
  'utf-16': 'utf-16',
  'utf-16le': 'utf-16le',
  'utf-16be': 'utf-16be',
  gbk: 'gbk',
  cp936: 'gbk',
  'x-gbk': 'gbk',
  gb2312: 'gbk',
  'gb_2312-80': 'gbk',
  gb18030: 'gb18030',
  big5: 'big5',
  'iso-8859-1': 'latin1',
  'iso8859-1': 'latin1',
  latin1: 'latin1',
  'windows-1252': 'windows-1252',
  cp1252: 'windows-1252',
  'us-ascii': 'ascii',
  ascii: 'ascii',
};
const SHOWN: Record<string, string> = { 'utf-8': 'UTF-8', 'utf-16': 'UTF-16', 'utf-16le': 'UTF-16LE', 'utf-16be': 'UTF-16BE', latin1: 'ISO-8859-1', ascii: 'US-ASCII' };
const shown = (codec: string) => SHOWN[codec] ?? codec.toUpperCase();

class Refusal extends Error {
  constructor(
    readonly code: string,
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}
const refuse = (code: string, message: string, field = 'xml'): never => {
  throw new Refusal(code, field, message);
};

export function decodeXml(bytes: Uint8Array, charset: string | null = null): Decoded {
  try {
    const { text, encoding } = decode(bytes, charset);
    checkCharacters(text);
    return { ok: true, text, encoding };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, code: e.code, field: e.field, message: e.message };
    throw e;
  }
}

/** A JSON body: UTF-8 (a BOM is tolerated), no NUL. */
export function decodeJson(bytes: Uint8Array, charset: string | null = null): Decoded {
  try {
    if (charset && codecOf(charset, 'content-type') !== 'utf-8') {
      refuse('unsupported_encoding', `JSON is UTF-8 (RFC 8259), not ${charset}`, 'content-type');
    }
    const bom = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
    const text = strict('utf-8', bytes.subarray(bom), 'is JSON, which is UTF-8,');
    const nul = text.indexOf('\0');
    if (nul >= 0) refuse('nul_byte', `the body contains a NUL character at ${lineCol(text, nul)}`, 'body');
    return { ok: true, text, encoding: 'utf-8' };
  } catch (e) {
    if (e instanceof Refusal) return { ok: false, code: e.code, field: e.field === 'xml' ? 'body' : e.field, message: e.message };
    throw e;
  }
}

function decode(bytes: Uint8Array, charset: string | null): { text: string; encoding: string } {
  const b = bytes;
  if ((b[0] === 0xff && b[1] === 0xfe && b[2] === 0 && b[3] === 0) || (b[0] === 0 && b[1] === 0 && b[2] === 0xfe && b[3] === 0xff)) {
    refuse('unsupported_encoding', 'the message is UTF-32: send UTF-8, UTF-16, GBK, GB18030 or ISO-8859-1');
  }
  const bom = b[0] === 0xef && b[1] === 0xbb && b[2] === 0xbf ? 'utf-8' : b[0] === 0xfe && b[1] === 0xff ? 'utf-16be' : b[0] === 0xff && b[1] === 0xfe ? 'utf-16le' : null;
  const fromCharset = charset ? codecOf(charset, 'content-type') : null;

  if (bom) {
    const text = strict(bom, b.subarray(bom === 'utf-8' ? 3 : 2), `starts with a ${shown(bom)} byte-order mark`);
    const declared = declaredEncoding(text);
    if (declared && !sameFamily(bom, codecOf(declared, 'xml'))) {
      refuse('encoding_mismatch', `the message starts with a ${shown(bom)} byte-order mark but its XML declaration says encoding="${declared}"`);
    }
    if (fromCharset && !sameFamily(bom, fromCharset)) {
      refuse('encoding_mismatch', `the message starts with a ${shown(bom)} byte-order mark but the Content-Type says charset=${charset}`, 'content-type');
    }
    return { text, encoding: bom };
  }
  if ((b[0] === 0x3c && b[1] === 0 && b[2] === 0x3f && b[3] === 0) || (b[0] === 0 && b[1] === 0x3c && b[2] === 0 && b[3] === 0x3f)) {
    refuse('encoding_mismatch', 'the message is UTF-16 without a byte-order mark (XML 1.0 §4.3.3 requires one)');
  }
  const declaredName = declaredEncoding(latin1Head(b));
  const declared = declaredName ? codecOf(declaredName, 'xml') : null;
  if (declared && fromCharset && !sameFamily(declared, fromCharset)) {
    refuse('encoding_mismatch', `the Content-Type says charset=${charset} but the XML declaration says encoding="${declaredName}"`, 'content-type');
  }
  const codec = fromCharset ?? declared ?? 'utf-8';
  if (codec.startsWith('utf-16')) refuse('encoding_mismatch', `the message declares ${declaredName ?? charset} but has no byte-order mark and its bytes are not UTF-16`);
  const said = declaredName ? `declares encoding="${declaredName}"` : charset ? `is sent as charset=${charset}` : 'declares no encoding, so it is UTF-8 (XML 1.0 §4.3.3)';
  return { text: strict(codec, b, said), encoding: codec };
}

/** Decodes all the bytes or refuses; `said` is how the message named its encoding, for the refusal. */
function strict(codec: string, bytes: Uint8Array, said: string): string {
  if (codec.startsWith('utf-')) {
    try {
      return new TextDecoder(codec, { fatal: true, ignoreBOM: true }).decode(bytes);
    } catch {
      const at = codec === 'utf-8' ? firstBadUtf8(bytes) : -1;
      return refuse('encoding_mismatch', `the message ${said} but its bytes are not valid ${shown(codec)}${at >= 0 ? ` (byte ${at}: 0x${bytes[at]!.toString(16)})` : ''}`);
    }
  }
  const high = bytes.findIndex((x) => x >= 0x80);
  if (high < 0) return Buffer.from(bytes).toString('latin1'); // all ASCII: every code page agrees
  if (codec === 'ascii') refuse('encoding_mismatch', `the message ${said} but byte ${high} is 0x${bytes[high]!.toString(16)}, not ASCII`);
  if (firstBadUtf8(bytes) < 0) {
    refuse('encoding_mismatch', `the message ${said} but its bytes are UTF-8: fix the XML declaration (encoding="UTF-8")`);
  }
  const text = iconv.decode(Buffer.from(bytes), codec, { stripBOM: false });
  const bad = text.indexOf('\uFFFD');
  if (bad >= 0) refuse('encoding_mismatch', `the message ${said} but the bytes at ${lineCol(text, bad)} are not ${shown(codec)}`);
  return text;
}

function checkCharacters(text: string): void {
  const nul = text.indexOf('\0');
  if (nul >= 0) refuse('nul_byte', `the message contains a NUL character at ${lineCol(text, nul)}`);
  // XML 1.0 §2.2: tab, LF and CR are the only C0 controls allowed; U+FFFE/U+FFFF are not characters.
  const m = /[\u0001-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]/.exec(text);
  if (m) refuse('invalid_character', `the message contains U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')} at ${lineCol(text, m.index)}, which XML does not allow`);
}

function codecOf(name: string, field: string): string {
  const codec = CODECS[name.trim().toLowerCase()];
  if (!codec) {
    refuse('unsupported_encoding', `unsupported encoding "${name}": send UTF-8, UTF-16, GBK, GB2312, GB18030, Big5, ISO-8859-1 or Windows-1252`, field);
  }
  return codec!;
}

const sameFamily = (a: string, b: string) => a === b || (a.startsWith('utf-16') && b === 'utf-16') || (b.startsWith('utf-16') && a === 'utf-16');

/** encoding="…" of an XML declaration at the very start, if any. */
function declaredEncoding(head: string): string | null {
  const decl = /^<\?xml\s[^>]*?\?>/.exec(head.slice(0, 256))?.[0];
  return decl ? (/\sencoding\s*=\s*(["'])([A-Za-z][\w.:-]*)\1/.exec(decl)?.[2] ?? null) : null;
}

function latin1Head(bytes: Uint8Array): string {
  return Buffer.from(bytes.subarray(0, 256)).toString('latin1');
}

/** The offset of the first byte that breaks UTF-8 (RFC 3629: no overlongs, no surrogates, ≤ U+10FFFF); -1 if none. */
function firstBadUtf8(b: Uint8Array): number {
  for (let i = 0; i < b.length; ) {
    const x = b[i]!;
    if (x < 0x80) {
      i++;
      continue;
    }
    const [n, lo, hi] =
      x >= 0xc2 && x <= 0xdf ? [1, 0x80, 0xbf]
      : x === 0xe0 ? [2, 0xa0, 0xbf]
      : x === 0xed ? [2, 0x80, 0x9f]
      : x >= 0xe1 && x <= 0xef ? [2, 0x80, 0xbf]
      : x === 0xf0 ? [3, 0x90, 0xbf]
      : x >= 0xf1 && x <= 0xf3 ? [3, 0x80, 0xbf]
      : x === 0xf4 ? [3, 0x80, 0x8f]
      : [0, 0, 0];
    if (n === 0) return i;
    for (let k = 1; k <= n; k++) {
      const c = b[i + k];
      if (c === undefined || c < (k === 1 ? lo : 0x80) || c > (k === 1 ? hi : 0xbf)) return i;
    }
    i += n + 1;
  }
  return -1;
}

function lineCol(text: string, index: number): string {
  const before = text.slice(0, index);
  const line = before.split('\n').length;
  return `line ${line}, column ${index - before.lastIndexOf('\n')}`;
}
