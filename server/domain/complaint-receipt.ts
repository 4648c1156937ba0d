import { randomInt } from 'node:crypto';

// A receipt number (受理编号) is all a member of the public needs to look up the answer, and all they get:
// it must not be guessable from another one. 'TS' (投诉) + the China-time year + 8 characters of
// Crockford's base32 (no I, L, O, U: read aloud over the phone without mix-ups) drawn by the OS CSPRNG:
// 32^8 ≈ 1.1 × 10^12 per year, against a lookup limited per address (server/auth/public-limit.ts).
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const RANDOM_CHARS = 8;

export const RECEIPT_PATTERN = /^TS\d{4}[0-9A-HJKMNP-TV-Z]{8}$/;

export function newReceiptNo(chinaYear: string, draw: (max: number) => number = randomInt): string {
  let tail = '';
  for (let i = 0; i < RANDOM_CHARS; i++) tail += ALPHABET[draw(ALPHABET.length)];
  return `TS${chinaYear}${tail}`;
}

/** As typed by a person: spaces and dashes dropped, lower case raised, and O/I/L read as 0/1/1 (Crockford). */
export function normalizeReceiptNo(typed: string): string {
  const s = typed.replace(/[\s-]/g, '').toUpperCase();
  return s.slice(0, 6) + s.slice(6).replace(/O/g, '0').replace(/[IL]/g, '1');
}
