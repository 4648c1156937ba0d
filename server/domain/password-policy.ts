// What a password its holder chooses must be (issue 10). Length is what protects a password (NIST SP
// 800-63B §5.1.1.2: at least 8, no composition rules, refuse known-bad values); the rest refuses the
// passwords a stranger tries first against an account whose username they know.

export const MIN_OWN_PASSWORD = 8;
export const MAX_PASSWORD = 256;

/** The passwords tried first: the demo one, the product's name, and the world's most common. */
const COMMON = new Set([
  'anju2026', 'anju1234', 'anjuanju', '12345678', '123456789', '1234567890', '87654321', '11111111', '88888888',
  '00000000', '66666666', 'password', 'password1', 'qwertyui', 'qwerty123', 'abcd1234', 'abc12345', 'a1234567',
  'iloveyou', '1qaz2wsx', 'woaini1314', 'aa123456', 'zxcvbnm1', 'admin123', 'admin888',
]);

export type PasswordProblem = 'too_short' | 'too_long' | 'same_as_username' | 'same_as_current' | 'too_common';

/**
 * Why `next` may not be the new password, or null when it may: at least 8 characters (NFKC, as
 * hashed), not the username (in any case, or reversed), not the current password, not a common one.
 */
export function passwordProblem(next: string, who: { username: string; current: string }): PasswordProblem | null {
  const p = next.normalize('NFKC');
  if ([...p].length < MIN_OWN_PASSWORD) return 'too_short';
  if (p.length > MAX_PASSWORD) return 'too_long';
  const lower = p.toLowerCase();
  const user = who.username.toLowerCase();
  if (lower === user || lower === [...user].reverse().join('')) return 'same_as_username';
  if (p === who.current.normalize('NFKC')) return 'same_as_current';
  if (COMMON.has(lower) || /^(.)\1+$/.test(p)) return 'too_common';
  return null;
}
