// The audit log as a hash chain: row n's hash is SHA-256 over its own columns and row n−1's hash,
// so changing, replacing or removing a row breaks the link at that row or the next. Unkeyed: it shows
// tampering by someone who does not recompute every later hash; against one who does, compare the
// head hash with a copy kept elsewhere (GET /api/audit/verify reports it).
import { createHash } from 'node:crypto';

/** The predecessor of the first row. */
export const GENESIS_HASH = '0'.repeat(64);

/** An audit row as stored: the raw column values, before any JSON is parsed. */
export interface AuditRecord {
  id: number;
  at: string;
  userId: number | null;
  username: string | null;
  action: string;
  entity: string | null;
  entityId: string | null;
  beforeJson: string | null;
  afterJson: string | null;
  reason: string | null;
  ip: string | null;
}

/** SHA-256 (hex) over a canonical JSON array of the previous hash and every column, in a fixed order. */
export function auditRowHash(prevHash: string, r: AuditRecord): string {
  const canonical = JSON.stringify([
    prevHash,
    r.id,
    r.at,
    r.userId,
    r.username,
    r.action,
    r.entity,
    r.entityId,
    r.beforeJson,
    r.afterJson,
    r.reason,
    r.ip,
  ]);
  return createHash('sha256').update(canonical, 'utf8').digest('hex');
}

export type ChainBreak = 'hash_missing' | 'prev_mismatch' | 'hash_mismatch';

export interface ChainReport {
  ok: boolean;
  rows: number;
  /** The first row whose link does not hold, and why; null when the whole chain holds. */
  firstBroken: { id: number; reason: ChainBreak } | null;
  /** The last row: keep its hash elsewhere to notice rows cut off the end. */
  head: { id: number; hash: string | null } | null;
}

/**
 * Walks rows in id order: each must name the previous row's hash (the genesis hash for the first)
 * and carry the hash of its own content. Stops at the first break but keeps counting rows.
 */
export function verifyChain(rows: Iterable<AuditRecord & { prevHash: string | null; hash: string | null }>): ChainReport {
  let prev = GENESIS_HASH;
  let count = 0;
  let firstBroken: ChainReport['firstBroken'] = null;
  let head: ChainReport['head'] = null;
  for (const r of rows) {
    count++;
    head = { id: r.id, hash: r.hash };
    if (firstBroken) continue;
    if (r.hash === null || r.prevHash === null) firstBroken = { id: r.id, reason: 'hash_missing' };
    else if (r.prevHash !== prev) firstBroken = { id: r.id, reason: 'prev_mismatch' };
    else if (auditRowHash(r.prevHash, r) !== r.hash) firstBroken = { id: r.id, reason: 'hash_mismatch' };
    prev = r.hash ?? '';
  }
  return { ok: firstBroken === null, rows: count, firstBroken, head };
}
