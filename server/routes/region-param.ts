// The `region` a figure is asked for (GET /api/dashboard, /api/reports/*): a county, township or village
// inside the caller's jurisdiction, their own by default. Outside it a region does not exist for them —
// the same 404 as an unknown code, as for /api/households?region.
import { z } from 'zod';
import type { Db } from '../db/connection.ts';
import type { Scope } from '../db/figures.ts';
import type { RegionRef } from '../db/household-filter.ts';
import { findRegion, isWithin } from '../db/regions.ts';
import { isCalendarDay } from '../domain/deadlines.ts';
import { HttpError } from '../http/errors.ts';

export const regionCodeParam = z.string().regex(/^\d{12}$/, 'must be a 12-digit region code (county, township or village)');
export const dayParam = z.string().refine(isCalendarDay, 'must be a calendar day written YYYY-MM-DD');

export interface NamedScope extends Scope {
  name: string;
}

export function regionInJurisdiction(db: Db, jurisdiction: RegionRef, code: string | undefined): NamedScope {
  const region = findRegion(db, code ?? jurisdiction.code);
  if (!region || !isWithin(db, region.code, jurisdiction.code) || region.level === 'group') {
    throw new HttpError(404, 'region_not_found', `no region ${code} in your jurisdiction`, 'region');
  }
  return { code: region.code, name: region.name, level: region.level };
}
