import { describe, expect, it } from 'vitest';
import { auditRowHash, GENESIS_HASH, verifyChain, type AuditRecord } from '../../server/domain/audit-chain.ts';

const record = (id: number, action = 'login'): AuditRecord => ({
  id, at: `2026-07-12T08:00:0${id}Z`, userId: 1, username: 'county', action, entity: null, entityId: null, beforeJson: null, afterJson: null, reason: null, ip: '10.0.0.1',
});

function chain(n: number) {
  const rows = [];
  let prev = GENESIS_HASH;
  for (let id = 1; id <= n; id++) {
    const hash = auditRowHash(prev, record(id));
    rows.push({ ...record(id), prevHash: prev, hash });
    prev = hash;
  }
  return rows;
}

describe('audit chain', () => {
  it('hashes a row over its content and its predecessor', () => {
    const h = auditRowHash(GENESIS_HASH, record(1));
    expect(h).toMatch(/^[0-9a-f]{64}$/);
    expect(auditRowHash(GENESIS_HASH, record(1))).toBe(h);
    expect(auditRowHash(GENESIS_HASH, record(1, 'logout'))).not.toBe(h);
    expect(auditRowHash('f'.repeat(64), record(1))).not.toBe(h);
    // null and the string "null" are different content
    expect(auditRowHash(GENESIS_HASH, { ...record(1), reason: 'null' })).not.toBe(h);
  });

  it('reports a sound chain, and the first broken link with its reason', () => {
    expect(verifyChain(chain(5))).toMatchObject({ ok: true, rows: 5, firstBroken: null, head: { id: 5 } });
    const edited = chain(5);
    edited[2] = { ...edited[2]!, action: 'logout' };
    expect(verifyChain(edited)).toMatchObject({ ok: false, rows: 5, firstBroken: { id: 3, reason: 'hash_mismatch' } });
    const cut = chain(5).filter((r) => r.id !== 2);
    expect(verifyChain(cut).firstBroken).toEqual({ id: 3, reason: 'prev_mismatch' });
    const unsealed = chain(3);
    unsealed[1] = { ...unsealed[1]!, hash: null as unknown as string };
    expect(verifyChain(unsealed).firstBroken).toEqual({ id: 2, reason: 'hash_missing' });
  });
});
