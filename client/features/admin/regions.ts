import type { RegionNode } from '../../api/regions.ts';

export interface RegionOption {
  code: string;
  name: string;
  level: string;
  /** The township of a village, for telling the many villages apart in a list. */
  townshipName: string | null;
}

/** Every region of the tree down to villages, county first, each township followed by its villages. */
export function regionOptions(root: RegionNode): RegionOption[] {
  const out: RegionOption[] = [{ code: root.code, name: root.name, level: root.level, townshipName: null }];
  for (const town of root.children) {
    out.push({ code: town.code, name: town.name, level: town.level, townshipName: null });
    for (const v of town.children) out.push({ code: v.code, name: v.name, level: v.level, townshipName: town.name });
  }
  return out;
}

/** The township a region lies in (itself for a township), by code: 12-digit codes nest by prefix (6+3+3). */
export const townshipOf = (code: string) => `${code.slice(0, 9)}000`;
