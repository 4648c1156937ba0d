import type { Db } from './connection.ts';
import type { RegionLevel, RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

export interface RegionInfo {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  center: [number, number] | null;
}

/**
 * A region with the regions below it, at most `D` levels deep: the hierarchy is county → township →
 * village → group, so a tree holds three levels under its root at most. The depth is in the type
 * because a self-referencing one reaches the typed client as untyped JSON (hono's JSONParsed stops at
 * the first repeat), while this one stays typed to the leaves.
 */
export type RegionTree<D extends 0 | 1 | 2 | 3 = 3> = RegionInfo & { children: D extends 0 ? [] : RegionTree<[never, 0, 1, 2][D]>[] };

interface RegionRow {
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  name: string;
  center_lon: number | null;
  center_lat: number | null;
}

export function findRegion(db: Db, code: string): (RegionRef & { name: string }) | null {
  const row = prepared(db, 'SELECT code, level, name FROM regions WHERE code = ?').get(code) as (RegionRef & { name: string }) | undefined;
  return row ?? null;
}

/** Is `code` the region `ancestor` itself or somewhere below it? */
export function isWithin(db: Db, code: string, ancestor: string): boolean {
  const row = prepared(
    db,
    `WITH RECURSIVE up(code, parent_code) AS (
       SELECT code, parent_code FROM regions WHERE code = @code
       UNION ALL SELECT r.code, r.parent_code FROM regions r JOIN up ON r.code = up.parent_code)
     SELECT 1 AS hit FROM up WHERE code = @ancestor`,
  ).get({ code, ancestor });
  return row !== undefined;
}

/** The region tree below `rootCode` (the county when omitted), without boundaries. */
export function regionTree(db: Db, rootCode?: string): RegionTree | null {
  const rows = prepared(
    db,
    'SELECT code, parent_code, level, name, center_lon, center_lat FROM regions ORDER BY code',
  ).all() as RegionRow[];
  const below = new Map<string, RegionInfo[]>();
  let root: RegionInfo | null = null;
  for (const r of rows) {
    const info: RegionInfo = {
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parent_code,
      center: r.center_lon === null || r.center_lat === null ? null : [r.center_lon, r.center_lat],
    };
    if (rootCode ? r.code === rootCode : r.level === 'county') root = info;
    if (r.parent_code) {
      const siblings = below.get(r.parent_code);
      if (siblings) siblings.push(info);
      else below.set(r.parent_code, [info]);
    }
  }
  const childrenOf = (i: RegionInfo) => below.get(i.code) ?? [];
  const leaf = (i: RegionInfo): RegionTree<0> => ({ ...i, children: [] });
  const tree1 = (i: RegionInfo): RegionTree<1> => ({ ...i, children: childrenOf(i).map(leaf) });
  const tree2 = (i: RegionInfo): RegionTree<2> => ({ ...i, children: childrenOf(i).map(tree1) });
  const tree3 = (i: RegionInfo): RegionTree => ({ ...i, children: childrenOf(i).map(tree2) });
  return root ? tree3(root) : null;
}

/** The regions one level below `code` (townships of a county, villages of a township …), in code order. */
export function childRegions(db: Db, code: string): { code: string; name: string }[] {
  return prepared(db, 'SELECT code, name FROM regions WHERE parent_code = ? ORDER BY code').all(code) as { code: string; name: string }[];
}

/** The county's code (the one region at county level; the lowest code if a file holds several), or null in an empty file. */
export function countyCode(db: Db): string | null {
  const r = prepared(db, "SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 1").get() as { code: string } | undefined;
  return r?.code ?? null;
}
