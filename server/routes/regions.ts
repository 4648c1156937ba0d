import { Hono } from 'hono';
import { regionTree } from '../db/regions.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';

export const regions = new Hono<Env>().get('/', (c) => {
  const county = regionTree(c.var.db, c.var.scope.code);
  if (!county) throw new HttpError(404, 'region_not_found', 'the region tree is empty: seed the database');
  return c.json({ county });
});
