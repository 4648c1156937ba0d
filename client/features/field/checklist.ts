// The field checklist grouped by component, in the order an inspector walks round a house
// (site → foundation → walls → timber → concrete → roof → cave → use; domain.md, 建村函〔2019〕200号).
import { HAZARD_ITEMS, type HazardItem } from '../../../server/domain/hazards.ts';

export const HAZARD_GROUPS = ['site', 'foundation', 'wall', 'timber', 'concrete', 'roof', 'cave', 'use'] as const;
export type HazardGroup = (typeof HAZARD_GROUPS)[number];

/** A checklist code's component is its prefix (`wall_crack` → `wall`). */
export const groupOf = (item: HazardItem): HazardGroup => item.slice(0, item.indexOf('_')) as HazardGroup;

export const CHECKLIST: { group: HazardGroup; items: HazardItem[] }[] = HAZARD_GROUPS.map((group) => ({
  group,
  items: HAZARD_ITEMS.filter((item) => groupOf(item) === group),
}));

/** Cave items only matter for cave dwellings (窑洞); concrete items hardly for earth and adobe houses. Shown, but folded. */
export function likelyGroups(structure: string): Set<HazardGroup> {
  const all = new Set<HazardGroup>(HAZARD_GROUPS);
  if (structure !== 'cave') all.delete('cave');
  if (structure !== 'reinforced_concrete' && structure !== 'brick_concrete') all.delete('concrete');
  if (!['brick_wood', 'stone_wood', 'timber', 'earth_wood', 'brick_earth', 'adobe'].includes(structure)) all.delete('timber');
  return all;
}

/** An ISO timestamp with the phone's own offset (2026-07-12T15:04:05+08:00): when the inspector saw it. */
export function isoWithOffset(d: Date): string {
  const pad = (n: number, w = 2) => String(Math.abs(n)).padStart(w, '0');
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  return (
    `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}:${pad(d.getSeconds())}` +
    `${sign}${pad(Math.trunc(off / 60))}:${pad(off % 60)}`
  );
}

/** 张建国 → 张*国: enough to knock on the right door, not a full name on a sheet left in a car. */
export function maskName(name: string): string {
  const chars = [...name];
  if (chars.length <= 1) return name;
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
