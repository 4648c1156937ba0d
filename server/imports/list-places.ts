// Finding a list row's village and group among the county's regions, the way county spreadsheets name
// them: a 12-digit village code (统计用区划代码), or township + village names ("河东街道" or "河东",
// "松寨村" or "松寨"), and a group as "五组", "5组", "第5组", "5" or its 15-digit code. A name that
// fits two villages needs the township; one that fits none is reported, never guessed.
import { booleanPointInPolygon } from '@turf/turf';
import type { Polygon, MultiPolygon } from 'geojson';
import type { RegionRef } from '../db/household-filter.ts';
import type { PlaceRow } from '../db/import-places.ts';

export interface Village {
  code: string;
  name: string;
  townshipCode: string;
  townshipName: string;
  center: [number, number] | null;
  boundary: string | null;
}

export interface Group {
  code: string;
  name: string;
  villageCode: string;
}

export type VillageLookup =
  | { ok: true; village: Village }
  | { ok: false; code: 'unknown_village' | 'ambiguous_village' | 'unknown_township' };

const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
/** 河东街道 → 河东, 金川镇 → 金川, 松寨村 → 松寨, 河东社区 → 河东: the part people leave off. */
const bare = (s: string): string => norm(s).replace(/(街道办事处|街道办|街道|办事处|镇|乡|村民委员会|村委会|居委会|社区|村)$/, '');

const DIGITS: Record<string, number> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** "五组", "第5组", "十二组", "05", "5社" → 5, 5, 12, 5, 5; null when it names no number. */
export function groupNumber(text: string): number | null {
  const s = norm(text).replace(/^第/, '').replace(/(村民小组|小组|组|社|队)$/, '');
  if (/^\d{1,3}$/.test(s)) return Number(s);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(s);
  if (!m || s === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? DIGITS[tens]! : null;
  return (tens ? DIGITS[tens]! : 1) * 10 + (ones ? DIGITS[ones]! : 0);
}

export class Places {
  readonly county: PlaceRow | null;
  private readonly townships = new Map<string, PlaceRow>();
  private readonly villages = new Map<string, Village>();
  private readonly villagesByName = new Map<string, Village[]>();
  private readonly groups = new Map<string, Group>();
  private readonly groupsByNumber = new Map<string, Group>();
  private readonly shapes = new Map<string, Polygon | MultiPolygon | null>();

  constructor(rows: readonly PlaceRow[]) {
    this.county = rows.find((r) => r.level === 'county') ?? null;
    for (const r of rows) if (r.level === 'township') this.townships.set(r.code, r);
    for (const r of rows) {
      if (r.level !== 'village') continue;
      const township = this.townships.get(r.parentCode ?? '');
      if (!township) continue;
      const v: Village = {
        code: r.code,
        name: r.name,
        townshipCode: township.code,
        townshipName: township.name,
        center: r.centerLon === null || r.centerLat === null ? null : [r.centerLon, r.centerLat],
        boundary: r.boundary,
      };
      this.villages.set(v.code, v);
      for (const key of new Set([norm(v.name), bare(v.name)])) {
        const list = this.villagesByName.get(key);
        if (list) list.push(v);
        else this.villagesByName.set(key, [v]);
      }
    }
    for (const r of rows) {
      if (r.level !== 'group' || !this.villages.has(r.parentCode ?? '')) continue;
      const g: Group = { code: r.code, name: r.name, villageCode: r.parentCode! };
      this.groups.set(g.code, g);
      const n = groupNumber(g.name);
      if (n !== null) this.groupsByNumber.set(`${g.villageCode}:${n}`, g);
    }
  }

  /** By code when the row has one, else by name (within the named township when there is one). */
  village(p: { code?: string | undefined; township?: string | undefined; village?: string | undefined }): VillageLookup {
    const code = p.code?.trim();
    if (code) {
      const v = this.villages.get(code);
      return v ? { ok: true, village: v } : { ok: false, code: 'unknown_village' };
    }
    const name = p.village?.trim();
    if (!name) return { ok: false, code: 'unknown_village' };
    let candidates = this.villagesByName.get(norm(name)) ?? this.villagesByName.get(bare(name)) ?? [];
    const township = p.township?.trim();
    if (township) {
      const t = [...this.townships.values()].filter((r) => norm(r.name) === norm(township) || bare(r.name) === bare(township));
      if (t.length === 0) return { ok: false, code: 'unknown_township' };
      candidates = candidates.filter((v) => t.some((r) => r.code === v.townshipCode));
    }
    if (candidates.length === 1) return { ok: true, village: candidates[0]! };
    return { ok: false, code: candidates.length === 0 ? 'unknown_village' : 'ambiguous_village' };
  }

  /** A group of `village` by its 15-digit code or its number. */
  group(village: Village, text: string): Group | null {
    const s = norm(text);
    if (/^\d{15}$/.test(s)) {
      const g = this.groups.get(s);
      return g && g.villageCode === village.code ? g : null;
    }
    const n = groupNumber(s);
    return n === null ? null : (this.groupsByNumber.get(`${village.code}:${n}`) ?? null);
  }

  /** Is the village (and the group, when the scope is a group) inside the uploader's jurisdiction? */
  within(scope: RegionRef, village: Village, group: Group | null): boolean {
    switch (scope.level) {
      case 'county':
        return true;
      case 'township':
        return village.townshipCode === scope.code;
      case 'village':
        return village.code === scope.code;
      case 'group':
        return group?.code === scope.code;
    }
  }

  /** Does the point lie in the village's boundary — or, for a village without one, in the county's? */
  contains(village: Village, lon: number, lat: number): boolean {
    const shape = this.shape(village.code, village.boundary) ?? (this.county ? this.shape(this.county.code, this.county.boundary) : null);
    return shape ? booleanPointInPolygon([lon, lat], shape) : true;
  }

  private shape(code: string, text: string | null): Polygon | MultiPolygon | null {
    if (!this.shapes.has(code)) this.shapes.set(code, text ? (JSON.parse(text) as Polygon | MultiPolygon) : null);
    return this.shapes.get(code)!;
  }
}
