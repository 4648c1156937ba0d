// ANJU_TRUSTED_PROXIES (http/client-address.ts): which entries it takes, and which address a request
// behind a chain of proxies is counted and audited as.
import { describe, expect, it } from 'vitest';
import { clientBehind, NO_PROXIES, parseTrustedProxies } from '../../server/http/client-address.ts';

describe('trusted proxies', () => {
  it('takes addresses and CIDR blocks, IPv4 and IPv6, and refuses anything else naming it', () => {
    const p = parseTrustedProxies('127.0.0.1, 10.0.0.0/8 ::1 fd00::/8');
    expect(p.size).toBe(4);
    expect(['127.0.0.1', '10.20.30.40', '::1', 'fd12::1', '::ffff:127.0.0.1', '::ffff:10.1.2.3'].map((a) => p.has(a))).toEqual([true, true, true, true, true, true]);
    expect(['127.0.0.2', '11.0.0.1', '::2', 'fe80::1', 'not-an-ip', ''].map((a) => p.has(a))).toEqual([false, false, false, false, false, false]);
    expect(parseTrustedProxies('').size).toBe(0);
    expect(parseTrustedProxies(' , ').size).toBe(0);
    for (const bad of ['localhost', '10.0.0.0/33', '::1/129', '10.0.0.0/x', '1.2.3.4/8/1', '300.1.1.1']) {
      expect(() => parseTrustedProxies(`127.0.0.1, ${bad}`), bad).toThrow(new RegExp(`"${bad.replace(/[./]/g, '\\$&')}"`));
    }
  });

  it("believes X-Forwarded-For only from a trusted peer, read from the right to the first hop it does not trust", () => {
    const p = parseTrustedProxies('127.0.0.1, 10.0.0.0/8');
    expect(clientBehind('127.0.0.1', '203.0.113.7', p)).toBe('203.0.113.7');
    // A client that sends its own header: the proxy appends what it saw, and that is who it is.
    expect(clientBehind('127.0.0.1', '198.51.100.1, 203.0.113.7', p)).toBe('203.0.113.7');
    // Two proxies of ours in a row.
    expect(clientBehind('127.0.0.1', '203.0.113.7, 10.1.1.1', p)).toBe('203.0.113.7');
    // Every hop trusted: the leftmost. A malformed hop ends the walk at the last good one.
    expect(clientBehind('127.0.0.1', '10.9.9.9, 10.1.1.1', p)).toBe('10.9.9.9');
    expect(clientBehind('127.0.0.1', 'garbage, 10.1.1.1', p)).toBe('10.1.1.1');
    expect(clientBehind('127.0.0.1', 'garbage', p)).toBe('127.0.0.1');
    // A peer we do not trust cannot name an address; nor can anyone when no proxy is trusted.
    expect(clientBehind('203.0.113.9', '198.51.100.1', p)).toBe('203.0.113.9');
    expect(clientBehind('127.0.0.1', '198.51.100.1', NO_PROXIES)).toBe('127.0.0.1');
    expect(clientBehind('127.0.0.1', undefined, p)).toBe('127.0.0.1');
  });
});
