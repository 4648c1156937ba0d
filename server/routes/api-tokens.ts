import { Hono } from 'hono';
import { z } from 'zod';
import { countLiveApiTokens, createApiToken, getApiToken, listApiTokens, revokeApiToken, type ApiToken } from '../db/api-tokens.ts';
import type { Env } from '../env.ts';
import { audit } from '../http/audit-trail.ts';
import { HttpError } from '../http/errors.ts';
import { idParam, validate } from '../http/validate.ts';

const DAY_MS = 24 * 3600_000;
/** A token lives a year unless asked otherwise, two at most: a forgotten token ends by itself. */
export const DEFAULT_TOKEN_DAYS = 365;
export const MAX_TOKEN_DAYS = 730;
/** Live tokens one user may hold: one per desktop or script is plenty, and a runaway script stops here. */
export const MAX_LIVE_TOKENS = 20;

const createBody = z
  .object({
    name: z.string().trim().min(1, 'required').max(100),
    expiresInDays: z.number().int('must be a whole number of days').min(1).max(MAX_TOKEN_DAYS).default(DEFAULT_TOKEN_DAYS),
  })
  .strict();

/** The list's row: who owns it is the caller, so userId stays out. */
const shown = ({ userId: _, ...t }: ApiToken) => t;

/**
 * Personal API tokens for the OGC API (/ogc): made, listed and revoked by their owner with a session;
 * the county admin may revoke anyone's. The token itself is in the 201 answer only.
 */
export const apiTokens = new Hono<Env>()
  .get('/', (c) => c.json({ tokens: listApiTokens(c.var.db, c.var.user.id).map(shown) }))
  .post('/', validate('json', createBody), (c) => {
    const { name, expiresInDays } = c.req.valid('json');
    const { db, user } = c.var;
    const now = c.var.now();
    const made = db.transaction(() => {
      if (countLiveApiTokens(db, user.id, now) >= MAX_LIVE_TOKENS) {
        throw new HttpError(409, 'too_many_tokens', `at most ${MAX_LIVE_TOKENS} live tokens: revoke one first`, 'name');
      }
      const m = createApiToken(db, user.id, name, now, now + expiresInDays * DAY_MS);
      audit(c, { action: 'token.create', entity: 'api_token', entityId: m.record.id, after: { name, expiresAt: m.record.expiresAt } }, { now: new Date(now), address: true });
      return m;
    })();
    c.header('Cache-Control', 'no-store');
    return c.json({ id: made.record.id, name: made.record.name, token: made.token, createdAt: made.record.createdAt, expiresAt: made.record.expiresAt }, 201);
  })
  .delete('/:id', validate('param', idParam), (c) => {
    const { id } = c.req.valid('param');
    const { db, user } = c.var;
    const now = c.var.now();
    const found = getApiToken(db, id);
    // Another user's token does not exist for anyone but the county admin.
    if (!found || (found.userId !== user.id && user.role !== 'county_admin')) throw new HttpError(404, 'token_not_found', `no token ${id}`, 'id');
    db.transaction(() => {
      if (revokeApiToken(db, id, user.id, now)) {
        audit(
          c,
          { action: 'token.revoke', entity: 'api_token', entityId: id, before: { name: found.name, userId: found.userId, revokedAt: null }, after: { revokedAt: new Date(now).toISOString() } },
          { now: new Date(now), address: true },
        );
      }
    })();
    return c.json(shown(getApiToken(db, id)!));
  });
