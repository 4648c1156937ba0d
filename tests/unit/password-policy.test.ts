import { describe, expect, it } from 'vitest';
import { ONE_TIME_LENGTH, oneTimePassword } from '../../server/auth/one-time-passwords.ts';
import { passwordProblem } from '../../server/domain/password-policy.ts';

const who = { username: 'insp-610999001001', current: 'k7mp2x9qab' };

describe('a password its holder chooses', () => {
  it('must have at least 8 characters, counted as characters, not bytes', () => {
    expect(passwordProblem('abc1234', who)).toBe('too_short');
    expect(passwordProblem('安居乐业住房安全', who)).toBeNull(); // 8 Chinese characters
    expect(passwordProblem('安居乐业住房安', who)).toBe('too_short');
  });

  it('may not be the username, in any case or reversed', () => {
    expect(passwordProblem('INSP-610999001001', who)).toBe('same_as_username');
    expect(passwordProblem('100100999016-psni', who)).toBe('same_as_username');
  });

  it('must differ from the current one', () => {
    expect(passwordProblem('k7mp2x9qab', who)).toBe('same_as_current');
  });

  it('may not be a common password or one character repeated', () => {
    for (const p of ['12345678', 'Password', 'anju2026', 'woaini1314', 'aaaaaaaaaa']) expect(passwordProblem(p, who), p).toBe('too_common');
  });

  it('accepts a long passphrase with no composition rules', () => {
    expect(passwordProblem('river house in the valley', who)).toBeNull();
  });
});

describe('one-time passwords', () => {
  it('are 10 unambiguous lower-case letters and digits, and differ each time', () => {
    const many = Array.from({ length: 500 }, oneTimePassword);
    for (const p of many) expect(p).toMatch(new RegExp(`^[a-hjkmnp-z2-9]{${ONE_TIME_LENGTH}}$`));
    expect(new Set(many).size).toBe(many.length);
    // Every symbol of the alphabet turns up (a biased or short alphabet would not).
    expect(new Set(many.join('')).size).toBe(31);
  });
});
