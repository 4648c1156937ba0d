// GET /api/ledger — the rectification ledger (整改台账) of one's jurisdiction, filtered, sorted and paged,
// with counts per stage and township for the stage tabs; GET /api/ledger/deadlines — what is due soon or
// overdue. "Today" is the China-time day of the server's clock.
import { Hono } from 'hono';
import { z } from 'zod';
import { chinaDay } from '../domain/deadlines.ts';
import { GRADE_KEYS } from '../domain/housing.ts';
import type { Db } from '../db/connection.ts';
import type { RegionRef } from '../db/household-filter.ts';
import { listDeadlines } from '../db/ledger-deadlines.ts';
import { LEDGER_LIST_STATES, LEDGER_SORTS, listLedger, PLAN_MODES, STANDINGS, type LedgerListing } from '../db/ledger-list.ts';
import { findRegion, isWithin } from '../db/regions.ts';
import type { Env } from '../env.ts';
import { HttpError } from '../http/errors.ts';
import { booleanParam, csvEnum, validate } from '../http/validate.ts';

/** At most this many rows a page. */
export const MAX_PAGE_SIZE = 200;

const regionCode = z.string().regex(/^\d{12}$/, 'must be a 12-digit region code');

export const ledgerQuery = z
  .object({
    state: csvEnum(LEDGER_LIST_STATES).optional(),
    township: regionCode.optional(),
    village: regionCode.optional(),
    grade: csvEnum(GRADE_KEYS).optional(),
    standing: csvEnum(STANDINGS).optional(),
    mode: csvEnum(PLAN_MODES).optional(),
    mustMoveOut: booleanParam.optional(),
    q: z.string().trim().min(1, 'must not be empty').max(50).optional(),
    sort: z.enum(LEDGER_SORTS).default('due'),
    dir: z.enum(['asc', 'desc']).default('asc'),
    page: z.coerce.number().int('must be an integer').min(1).max(1_000_000).default(1),
    pageSize: z.coerce.number().int('must be an integer').min(1).max(MAX_PAGE_SIZE).default(50),
  })
  .strict();

/**
 * A township or village asked for must be one, and inside the jurisdiction (or hold it): outside, it
 * does not exist for the caller — the same 404 as an unknown code, as for /api/households?region.
 */
function regionOf(db: Db, scope: RegionRef, code: string, level: 'township' | 'village'): string {
  const region = findRegion(db, code);
  if (!region || !(isWithin(db, region.code, scope.code) || isWithin(db, scope.code, region.code))) {
    throw new HttpError(404, 'region_not_found', `no ${level} ${code}`, level);
  }
  if (region.level !== level) throw new HttpError(400, 'invalid_input', `${level}: ${code} is a ${region.level}, not a ${level}`, level);
  return region.code;
}

/** The list's filters and sort from validated query parameters, regions checked against the jurisdiction. */
export function toLedgerFilter(db: Db, scope: RegionRef, q: Omit<z.infer<typeof ledgerQuery>, 'page' | 'pageSize'>, today: string): LedgerListing {
  return {
    scope,
    today,
    sort: q.sort,
    dir: q.dir,
    ...(q.state ? { states: q.state } : {}),
    ...(q.township ? { township: regionOf(db, scope, q.township, 'township') } : {}),
    ...(q.village ? { village: regionOf(db, scope, q.village, 'village') } : {}),
    ...(q.grade ? { grades: q.grade } : {}),
    ...(q.standing ? { standings: q.standing } : {}),
    ...(q.mode ? { modes: q.mode } : {}),
    ...(q.mustMoveOut !== undefined ? { mustMoveOut: q.mustMoveOut } : {}),
    ...(q.q ? { q: q.q } : {}),
  };
}

export const ledger = new Hono<Env>()
  .get('/', validate('query', ledgerQuery), (c) => {
    const { page, pageSize, ...q } = c.req.valid('query');
    const { db, scope } = c.var;
    return c.json(listLedger(db, { ...toLedgerFilter(db, scope, q, chinaDay(new Date(c.var.now()))), page, pageSize }));
  })
  .get('/deadlines', validate('query', z.object({}).strict()), (c) =>
    c.json(listDeadlines(c.var.db, c.var.scope, chinaDay(new Date(c.var.now())))),
  );
