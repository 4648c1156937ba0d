// The hostile inputs of tests/api/fuzz.test.ts: path and query values, whole bodies, and the field
// names and values sampled one at a time, with the seeded generator that picks the sample.

// mulberry32: a small seeded generator, so the sampled cases are the same on every run.
export function seeded(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let x = Math.imul(a ^ (a >>> 15), a | 1);
    x ^= x + Math.imul(x ^ (x >>> 7), x | 61);
    return ((x ^ (x >>> 14)) >>> 0) / 4294967296;
  };
}

/** Path parameter values, already URL-encoded as a client would send them. */
export const PATH_VALUES = [
  '-1',
  '0',
  '1e308',
  '9223372036854775808',
  'NaN',
  'Infinity',
  '1.5',
  '0x1F',
  '%2e%2e%2f%2e%2e%2fetc%2fpasswd',
  '..%5c..%5cwindows%5cwin.ini',
  "'%20OR%201%3D1%20--",
  '%FF%FE',
  '%00',
  'x'.repeat(4000),
];

export const COMMON_QUERY = ['limit', 'offset', 'cursor', 'region', 'grade', 'structure', 'status', 'kind', 'from', 'to', 'period', 'month', 'quarter', 'year', 'lang', 'bbox', 'q', 'sort', 'since', 'list', 'township', 'village', 'alert', 'task', 'unmask', 'reason', 'key', 'moveOut', 'date', 'type', 'level'];
export const everyParam = (v: string) => COMMON_QUERY.map((k) => `${k}=${v}`).join('&');
/** Query strings, URL-encoded. */
export const QUERIES = [
  'limit=1e308&offset=-1',
  'limit=9223372036854775808&offset=9223372036854775808',
  'limit=NaN&offset=Infinity',
  'grade=C&grade=D&grade=%FF&region=1&region=2&limit=1&limit=2',
  'bbox=NaN,NaN,NaN,NaN',
  'bbox=-1e308,-1e308,1e308,1e308',
  'q=%FF%FE%FD',
  `q=${'x'.repeat(100_000)}`,
  '%FF=1&a[b]=1&__proto__=x&constructor=prototype',
  everyParam('1e308'),
  everyParam('-1'),
  everyParam('NaN'),
  everyParam("'%20OR%201%3D1%20--"),
  everyParam('..%2F..%2Fetc%2Fpasswd'),
  everyParam('%FF'),
  everyParam(''),
];

/**
 * The names the API's query and body schemas use (grepped from server/routes): each is given, alone, a
 * sample of hostile values, so that validation and the refinements after it meet every field.
 */
export const FIELD_NAMES = (
  'accuracyM action active alertId alertType appraiserId assignee assigneeId bbox builtYear channel closed content course crs current ' +
  'degree delisted description detail dir displayName dueHours encoding entity entityId expiresInDays f floorArea from grade grades ' +
  'guaranteeMode habitable hazards headline houseId householdIds idempotencyKey instruction issuer key keyHouses keyStructures kind lang ' +
  'language lat level limit lon metric mine mode month moveOut mustMoveOut name next note notes observedAt offset oneTime overdue page ' +
  'pageSize password photos points q quarter query reason receivedOn region reissue repairedC responsible result role seed since sort ' +
  'standing start state status storeys structure structures subject timeLimitMs to township townshipCode type unmask userId username website weeks'
).split(' ');
/** Single query values, URL-encoded. */
export const QUERY_VALUES = ['1e308', '-1', 'NaN', 'Infinity', '9223372036854775808', "'%20OR%201%3D1%20--", '..%2F..%2Fetc%2Fpasswd', '%FF%FE', '', '9999-12-31', '0000-01-01', '2026-02-30', 'x'.repeat(10_000), '1,2,3,4', '-1e308,-1e308,1e308,1e308', '__proto__', 'constructor'];
/** Single body values: wrong types, out of range, SQL/path-looking, prototype keys. */
export const FIELD_VALUES: unknown[] = [1e308, -1e308, -1, 0, 1.5, 9223372036854775807, 'NaN', 'Infinity', "' OR 1=1 --", '../../etc/passwd', '', null, true, [], {}, [null], [[[[1e308]]]], { __proto__: 1 }, '9999-12-31', '2026-02-30', '\u0000', 'x'.repeat(100_000), '__proto__', 'constructor', [-1, 1e308], { type: 'Polygon', coordinates: [[[1e308, -1e308], [NaN, 0]]] }];
/** A value some field may rightly take: text, a modest number, a flag, nothing, an empty list or object. */
export function plausible(v: unknown): boolean {
  if (typeof v === 'string') return v.length <= 2000;
  if (typeof v === 'number') return Number.isSafeInteger(v) || (Number.isFinite(v) && Math.abs(v) < 1e9);
  if (Array.isArray(v)) return v.length === 0;
  if (v !== null && typeof v === 'object') return Object.keys(v).length === 0;
  return true; // booleans, null
}
/** `n` of the (name, value) pairs, chosen by the seeded generator. */
export function sample<V>(random: () => number, values: readonly V[], n: number): [string, V][] {
  const out: [string, V][] = [];
  for (let i = 0; i < n; i++) out.push([FIELD_NAMES[Math.floor(random() * FIELD_NAMES.length)]!, values[Math.floor(random() * values.length)]!]);
  return out;
}
/** Pairs sampled per route; the whole file stays within seconds. */
export const PER_ROUTE = 40;

export const deepArray = (n: number) => '['.repeat(n) + ']'.repeat(n);
export const deepObject = (n: number) => '{"a":'.repeat(n) + '1' + '}'.repeat(n);
export const DEEP = 10_000;
/** Every common body field given a value of the wrong type, out of range, or SQL/path-looking. */
export const WRONG_FIELDS = {
  id: "' OR 1=1 --",
  ids: [1e308, -1, null],
  householdIds: ['../../etc/passwd', 9223372036854775807],
  name: 1e308,
  username: {},
  password: [],
  displayName: null,
  role: "admin' --",
  regionCode: "' OR 1=1 --",
  date: '9999-99-99',
  geometry: 'x',
  type: 9223372036854775807,
  level: null,
  status: ['x'],
  result: 1,
  action: {},
  kind: true,
  limit: -1,
  points: 'x',
  grade: 'E',
  observedAt: 'NaN',
  idempotencyKey: '../../etc/passwd',
  dueHours: 1e308,
  expiresAt: 'Infinity',
  expiresInDays: -1e308,
  userId: -1,
  assigneeId: 'NaN',
  headline: 12,
  content: [],
  reason: {},
  file: '../../etc/passwd',
  mode: 0,
  active: 'yes',
  householdId: 1.5,
  stops: {},
  order: 'x',
  lon: 1e308,
  lat: -1e308,
};

export interface Body {
  what: string;
  contentType?: string;
  body: string | Uint8Array<ArrayBuffer>;
}
export const json = (what: string, body: string): Body => ({ what, contentType: 'application/json', body });
export const BODIES: Body[] = [
  json('empty body', ''),
  { what: 'no content type', body: 'hello' },
  { what: 'text/plain', contentType: 'text/plain', body: '{}' },
  { what: 'xml', contentType: 'application/xml', body: '<a>1</a>' },
  json('null', 'null'),
  json('array', '[]'),
  json('string', '"x"'),
  json('huge number', '1e308'),
  json('true', 'true'),
  json('broken JSON', '{"a":'),
  json('deep array', deepArray(DEEP)),
  json('deep object', deepObject(DEEP)),
  json('deep geometry', `{"geometry":{"type":"Polygon","coordinates":${deepArray(DEEP)}}}`),
  json('deep features', `{"type":"FeatureCollection","features":[{"type":"Feature","properties":{},"geometry":{"type":"Polygon","coordinates":${deepArray(DEEP)}}}]}`),
  json('duplicate keys', '{"name":"a","name":1,"id":1,"id":"x","householdIds":[1],"householdIds":"x"}'),
  json('wrong types', JSON.stringify(WRONG_FIELDS)),
  json('prototype keys', '{"__proto__":{"admin":true},"constructor":{"prototype":{"admin":true}}}'),
  json('lone surrogates', '{"name":"\\ud800","content":"\\udfff","headline":"\\ud800"}'),
  json('huge string', JSON.stringify({ name: 'x'.repeat(900_000) })),
  json('over the size limit', JSON.stringify({ name: 'x'.repeat(1_100_000) })),
  {
    what: 'invalid UTF-8',
    contentType: 'application/json',
    body: Uint8Array.from([...Buffer.from('{"name":"'), 0xff, 0xfe, 0xc3, 0x28, ...Buffer.from('","reason":"'), 0xed, 0xa0, 0x80, ...Buffer.from('"}')]),
  },
  { what: 'multipart without boundary', contentType: 'multipart/form-data', body: 'garbage' },
  {
    what: 'broken multipart',
    contentType: 'multipart/form-data; boundary=XX',
    body: '--XX\r\nContent-Disposition: form-data; name="photo"; filename="../../etc/passwd"\r\nContent-Type: image/jpeg\r\n\r\nnot an image',
  },
  {
    what: 'multipart, no file',
    contentType: 'multipart/form-data; boundary=XX',
    body: '--XX\r\nContent-Disposition: form-data; name="file"\r\n\r\n\' OR 1=1 --\r\n--XX--\r\n',
  },
  { what: 'form-urlencoded', contentType: 'application/x-www-form-urlencoded', body: 'a=%FF&a=1&__proto__=x' },
];
