import { Hono } from 'hono';
import { householdsWithCurrentHouse } from '../db/household-facets.ts';
import type { Env } from '../env.ts';

/** GET /api/health: answered at once under any load — the count is a sum of maintained aggregates (migration 019). */
export const health = new Hono<Env>().get('/', (c) => c.json({ ok: true as const, households: householdsWithCurrentHouse(c.var.db) }));
