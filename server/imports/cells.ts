// Reading one cell of a county spreadsheet as the value it means, or saying why it cannot be read.
// Pure. Each reader takes the text the sheet reader produced (trimmed; XLSX dates already YYYY-MM-DD)
// and answers a value or a problem code with the words county staff need to fix the cell; the caller
// names the row and the column.

export type CellRead<T> = { ok: true; value: T } | { ok: false; code: string; why: string };

const ok = <T>(value: T): CellRead<T> => ({ ok: true, value });
const bad = <T>(code: string, why: string): CellRead<T> => ({ ok: false, code, why });

/** Full-width digits, signs and points (typed with a Chinese IME) → ASCII. */
export const halfWidth = (s: string): string => s.normalize('NFKC');

/** A whole number within bounds: "3", "3人", "3.0" (Excel keeps numbers as floats). */
export function readInteger(text: string, min: number, max: number, unit = ''): CellRead<number> {
  const s = halfWidth(text).replace(/\s/g, '');
  const m = /^(-?\d+)(?:\.0+)?(人|层|个|户|口)?$/.exec(s);
  if (!m) return bad('not_a_number', `应为整数${unit ? `（${unit}）` : ''}，实为“${text}”`);
  const n = Number(m[1]);
  if (n < min || n > max) return bad('out_of_range', `应在 ${min}–${max} 之间，实为 ${n}`);
  return ok(n);
}

/** A decimal number within bounds: floor areas, coordinates. */
export function readNumber(text: string, min: number, max: number): CellRead<number> {
  const s = halfWidth(text).replace(/[\s,]/g, '').replace(/(㎡|m2|平方米|平米)$/i, '');
  if (!/^-?\d+(\.\d+)?$/.test(s)) return bad('not_a_number', `应为数字，实为“${text}”`);
  const n = Number(s);
  if (n < min || n > max) return bad('out_of_range', `应在 ${min}–${max} 之间，实为 ${n}`);
  return ok(n);
}

/**
 * A calendar day: 2023-05-06, 2023/5/6, 2023.5.6, 2023年5月6日, 20230506 — never after `today` (China
 * time) and not before 1949. A month alone (2023-05) is not a day: refused, not guessed.
 */
export function readDay(text: string, today: string): CellRead<string> {
  const s = halfWidth(text).replace(/\s/g, '');
  const m = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T.*|\d{1,2}:\d{2}(:\d{2})?)?$/.exec(s) ?? /^(\d{4})(\d{2})(\d{2})$/.exec(s);
  if (!m) return bad('date_format', `应为日期（如 2023-05-06），实为“${text}”`);
  const day = `${m[1]}-${m[2]!.padStart(2, '0')}-${m[3]!.padStart(2, '0')}`;
  const d = new Date(`${day}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== day) return bad('date_format', `“${text}”不是有效日期`);
  if (day > today) return bad('date_in_future', `日期 ${day} 晚于今天（${today}）`);
  if (day < '1949-10-01') return bad('out_of_range', `日期 ${day} 早于 1949 年`);
  return ok(day);
}

/** A year of building: 1985, 1985年, 1985.0, or a day (its year); not after this year, not before 1800. */
export function readYear(text: string, today: string): CellRead<number> {
  const s = halfWidth(text).replace(/\s/g, '');
  const m = /^(\d{4})(?:\.0+|年代?|年|[-/.年]\d{1,2}(?:[-/.月]\d{1,2}日?)?)?$/.exec(s);
  if (!m) return bad('year_format', `应为年份（如 1985），实为“${text}”`);
  const year = Number(m[1]);
  const thisYear = Number(today.slice(0, 4));
  if (year > thisYear) return bad('date_in_future', `年份 ${year} 晚于今年（${thisYear}）`);
  if (year < 1800) return bad('out_of_range', `年份 ${year} 早于 1800 年`);
  return ok(year);
}

/**
 * A phone number: a mobile (1[3-9] and 9 digits, +86 allowed) or a landline with its area code
 * (0 + 2–3 digits, then 7–8), spaces and dashes removed. The normalised form is what is sealed.
 */
export function readPhone(text: string): CellRead<string> {
  const s = halfWidth(text).replace(/[\s\-()（）]/g, '').replace(/^(\+?86)(?=1\d{10}$)/, '');
  if (/^1[3-9]\d{9}$/.test(s)) return ok(s);
  if (/^0\d{9,11}$/.test(s)) return ok(s);
  return bad('phone_format', `应为 11 位手机号或带区号的座机号，实为“${text}”`);
}

const NUMERALS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 一 … 九十九 → 1 … 99. */
function chineseNumber(s: string): number | null {
  if (s === '') return null;
  if (s === '十') return 10;
  const m = /^([一二两三四五六七八九])?十([一二三四五六七八九])?$/.exec(s);
  if (m) return (m[1] ? NUMERALS[m[1]]! : 1) * 10 + (m[2] ? NUMERALS[m[2]]! : 0);
  if ([...s].every((c) => c in NUMERALS)) return Number([...s].map((c) => NUMERALS[c]).join(''));
  return null;
}

/** 1 → 一, 12 → 十二, 25 → 二十五: the group names the seed and county ledgers use (三组). */
export function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n]!;
  if (n < 20) return `十${n % 10 ? digits[n % 10] : ''}`;
  if (n < 100) return `${digits[Math.floor(n / 10)]}十${n % 10 ? digits[n % 10] : ''}`;
  return String(n);
}

/** A village group (组): 3, 03, 3组, 第3组, 三组, 第三村民小组 → 3. */
export function readGroupNumber(text: string): CellRead<number> {
  const s = halfWidth(text).replace(/\s/g, '').replace(/^第/, '').replace(/(村民小组|小组|组)$/, '');
  const n = /^\d{1,3}(\.0+)?$/.test(s) ? Number.parseInt(s, 10) : chineseNumber(s);
  if (n === null || n < 1 || n > 999) return bad('group_format', `应为组号（如 3 或 三组），实为“${text}”`);
  return ok(n);
}

/** A longitude or latitude in decimal degrees, or degrees-minutes-seconds (108°54′30.5″). */
export function readDegrees(text: string): CellRead<number> {
  const s = halfWidth(text).replace(/\s/g, '').replace(/[EN东北]$/i, '');
  if (/^-?\d+(\.\d+)?$/.test(s)) return ok(Number(s));
  // NFKC has turned ″ into ′′.
  const m = /^(\d+)[°度](?:(\d+(?:\.\d+)?)['′分])?(?:(\d+(?:\.\d+)?)(?:"|″|''|′′|秒))?$/.exec(s);
  if (m) return ok(Number(m[1]) + Number(m[2] ?? 0) / 60 + Number(m[3] ?? 0) / 3600);
  return bad('coordinate_format', `应为十进制度数（如 108.9012），实为“${text}”`);
}
