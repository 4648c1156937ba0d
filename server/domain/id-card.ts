// Resident identity card numbers (居民身份证号码, GB 11643-1999) as county spreadsheets carry them:
// 18 characters — 6-digit area code, YYYYMMDD birth date, 3-digit order number, and a check character
// (ISO 7064 MOD 11-2, 0–9 or X). Spreadsheets add spaces, lower-case x, full-width digits, or store the
// number as a number and lose its last digits; each is named, none is silently "repaired".

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

/** GB 11643-1999 check character for the first 17 digits. */
export function idCardCheckDigit(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (first17.charCodeAt(i) - 48) * WEIGHTS[i]!;
  return CHECK[sum % 11]!;
}

export type IdCardFault =
  | 'id_card_empty'
  | 'id_card_15_digit' // the pre-1999 15-digit form: the national system holds 18 digits
  | 'id_card_scientific' // 6.10999E+17 — stored as a number, the last digits are gone
  | 'id_card_format'
  | 'id_card_birth_date'
  | 'id_card_checksum';

export type IdCardCheck = { ok: true; normalized: string } | { ok: false; code: IdCardFault };

/** Full-width digits and letters (０-９, Ｘ) typed with a Chinese IME → ASCII. */
const halfWidth = (s: string): string => s.replace(/[\uFF10-\uFF19\uFF38\uFF58]/g, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0));

export function checkIdCard(text: string, today?: string): IdCardCheck {
  const s = halfWidth(text).replace(/[\s\u3000'’-]/g, '').toUpperCase();
  if (s === '') return { ok: false, code: 'id_card_empty' };
  if (/^\d(\.\d+)?E\+?\d+$/.test(s)) return { ok: false, code: 'id_card_scientific' };
  if (/^\d{15}$/.test(s)) return { ok: false, code: 'id_card_15_digit' };
  if (!/^\d{17}[\dX]$/.test(s)) return { ok: false, code: 'id_card_format' };
  const birth = `${s.slice(6, 10)}-${s.slice(10, 12)}-${s.slice(12, 14)}`;
  if (!isBirthDate(birth, today)) return { ok: false, code: 'id_card_birth_date' };
  if (idCardCheckDigit(s.slice(0, 17)) !== s[17]) return { ok: false, code: 'id_card_checksum' };
  return { ok: true, normalized: s };
}

function isBirthDate(iso: string, today?: string): boolean {
  const d = new Date(`${iso}T00:00:00Z`);
  if (Number.isNaN(d.getTime()) || d.toISOString().slice(0, 10) !== iso) return false;
  return iso >= '1880-01-01' && (today === undefined || iso <= today);
}
