// Writing the audit row of a change a signed-in user makes, from the request: who (the session's
// user), when (the request's clock, or the `now` the handler stamped the change with) and, for the
// account and personal-data actions that have always recorded it, from which address.
import type { Context } from 'hono';
import { writeAudit, type AuditEntry } from '../db/audit.ts';
import type { Env } from '../env.ts';
import { clientAddress } from './client-address.ts';

/** What happened; the who comes from the session. */
export type AuditFact = Omit<AuditEntry, 'userId' | 'username' | 'ip'>;

/** Appends the row for the signed-in user's change; call it inside the change's transaction. */
export function audit(c: Context<Env>, fact: AuditFact, opts: { now?: Date; address?: boolean } = {}): void {
  const { db, user } = c.var;
  const ip = opts.address ? { ip: clientAddress(c) } : {};
  writeAudit(db, { userId: user.id, username: user.username, ...fact, ...ip }, opts.now ?? new Date(c.var.now()));
}
