import { Hono } from 'hono';
import type { Env } from '../env.ts';

export const health = new Hono<Env>().get('/', (c) => {
  const { n } = c.var.db.prepare('SELECT count(*) AS n FROM households').get() as { n: number };
  return c.json({ ok: true as const, households: n });
});
