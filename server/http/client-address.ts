// The address a request came from: the socket's peer, or — when that peer is a reverse proxy the
// deployment trusts (ANJU_TRUSTED_PROXIES: nginx in front of Anju, as county IT runs it) — the client the
// proxy names in X-Forwarded-For. Without it, every request behind a proxy would come from the proxy:
// one wrong password from anyone would throttle sign-in for the whole county, and the audit log would
// record one address for everybody. A header from a peer that is not trusted is ignored, so nobody can
// name an address of their choice.
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Context } from 'hono';
import { BlockList, isIP } from 'node:net';

/** The proxies whose X-Forwarded-For is believed; empty: none (the socket's peer is the client). */
export interface TrustedProxies {
  has(address: string): boolean;
  readonly size: number;
}

export const NO_PROXIES: TrustedProxies = { has: () => false, size: 0 };

/**
 * `127.0.0.1, 10.0.0.0/8, ::1` — addresses and CIDR blocks, IPv4 or IPv6, comma or space separated.
 * Throws naming the first entry that is neither.
 */
export function parseTrustedProxies(raw: string): TrustedProxies {
  const entries = raw.split(/[\s,]+/).filter(Boolean);
  if (entries.length === 0) return NO_PROXIES;
  const list = new BlockList();
  for (const entry of entries) {
    const [address = '', bits, ...rest] = entry.split('/');
    const family = isIP(address);
    const prefix = bits === undefined ? null : Number(bits);
    const max = family === 6 ? 128 : 32;
    if (family === 0 || rest.length > 0 || (prefix !== null && (!/^\d{1,3}$/.test(bits!) || prefix > max))) {
      throw new Error(`ANJU_TRUSTED_PROXIES: "${entry}" is not an IP address or a CIDR block (like 10.0.0.0/8 or ::1)`);
    }
    const type = family === 6 ? 'ipv6' : 'ipv4';
    if (prefix === null) list.addAddress(address, type);
    else list.addSubnet(address, prefix, type);
  }
  return {
    size: entries.length,
    has(address) {
      const family = isIP(address);
      if (family === 0) return false;
      // An IPv4 peer of a dual-stack socket arrives as ::ffff:a.b.c.d.
      const v4 = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address)?.[1];
      return v4 ? list.check(v4, 'ipv4') || list.check(address, 'ipv6') : list.check(address, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/**
 * The client behind a chain of proxies: the peer if it is not trusted; else X-Forwarded-For read from
 * the right (each proxy appends the address it saw), skipping trusted hops, to the first that is not —
 * or the leftmost when every hop is trusted. A malformed entry ends the walk at the last good address.
 */
export function clientBehind(peer: string, forwardedFor: string | undefined, trusted: TrustedProxies): string {
  if (!forwardedFor || !trusted.has(peer)) return peer;
  const hops = forwardedFor.split(',').map((h) => h.trim());
  let client = peer;
  for (let i = hops.length - 1; i >= 0; i--) {
    const hop = hops[i]!;
    if (isIP(hop) === 0) break;
    client = hop;
    if (!trusted.has(hop)) break;
  }
  return client;
}

/** The socket's peer, or null where there is none (app.request() in tests). */
function peerOf(c: Context): string | null {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return null;
  }
}

const trustedOf = (c: Context): TrustedProxies => (c.get('trustedProxies') as TrustedProxies | undefined) ?? NO_PROXIES;

/** The request's client address; app.request() in tests has no socket, so a fixed label stands in. */
export function clientAddress(c: Context): string {
  const peer = peerOf(c);
  return peer === null ? 'local' : clientBehind(peer, c.req.header('x-forwarded-for'), trustedOf(c));
}

/**
 * Whether the browser reached us over HTTPS: the request's own scheme, or a trusted proxy that ended TLS
 * saying so (X-Forwarded-Proto: https) — then the session cookie is marked Secure as it should be.
 */
export function reachedOverHttps(c: Context): boolean {
  if (new URL(c.req.url).protocol === 'https:') return true;
  const peer = peerOf(c);
  return peer !== null && trustedOf(c).has(peer) && c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase() === 'https';
}
