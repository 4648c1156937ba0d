import { Hono } from 'hono';
import { chinaDay } from '../domain/deadlines.ts';
import { householdStats } from '../db/households.ts';
import type { Env } from '../env.ts';
import { validate } from '../http/validate.ts';
import { householdQuery, toHouseholdFilter } from './households.ts';

const statsQuery = householdQuery.omit({ limit: true, q: true, from: true, to: true });

export const stats = new Hono<Env>().get('/', validate('query', statsQuery), (c) =>
  c.json(householdStats(c.var.db, toHouseholdFilter(c.var.db, c.var.scope, c.req.valid('query'), chinaDay(new Date(c.var.now()))))),
);
