import { randomInt } from 'node:crypto';

// Letters and digits a person copies off paper onto a phone without doubt: no 0/o, 1/l/i, no capitals
// (a phone keyboard starts lower-case). 31 symbols × 10 ≈ 49.5 bits: against online guessing, which
// the sign-in throttle slows to a few tries an hour, and the password is changed at first sign-in anyway.
const ALPHABET = 'abcdefghjkmnpqrstuvwxyz23456789';
export const ONE_TIME_LENGTH = 10;

/** A fresh random one-time password from the OS's CSPRNG (crypto.randomInt, no modulo bias). */
export function oneTimePassword(): string {
  let s = '';
  for (let i = 0; i < ONE_TIME_LENGTH; i++) s += ALPHABET[randomInt(ALPHABET.length)];
  return s;
}
