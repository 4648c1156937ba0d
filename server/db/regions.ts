import type { Db } from './connection.ts';
import type { RegionLevel, RegionRef } from './household-filter.ts';
import { prepared } from './statements.ts';

export interface RegionNode {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  center: [number, number] | null;
  children: RegionNode[];
}

interface RegionRow {
  code: string;
  parent_code: string | null;
  level: RegionLevel;
  name: string;
  center_lon: number | null;
  center_lat: number | null;
}

export function findRegion(db: Db, code: string): RegionRef | null {
  const row = prepared(db, 'SELECT code, level FROM regions WHERE code = ?').get(code) as RegionRef | undefined;
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
export function regionTree(db: Db, rootCode?: string): RegionNode | null {
  const rows = prepared(
    db,
    'SELECT code, parent_code, level, name, center_lon, center_lat FROM regions ORDER BY code',
  ).all() as RegionRow[];
  const nodes = new Map<string, RegionNode>();
  for (const r of rows) {
    nodes.set(r.code, {
      code: r.code,
      name: r.name,
      level: r.level,
      parentCode: r.parent_code,
      center: r.center_lon === null || r.center_lat === null ? null : [r.center_lon, r.center_lat],
      children: [],
    });
  }
  let county: RegionNode | null = null;
  for (const node of nodes.values()) {
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else if (node.level === 'county') county = node;
  }
  return rootCode ? (nodes.get(rootCode) ?? null) : county;
}
