// Where a row of a county spreadsheet lies: its township, village and group found by 12-digit code or
// by name, the villages and groups the file names by code that Anju does not know yet (created on
// commit, once confirmed), and whether its point lies in the county and in its village. Point in
// polygon is domain/exposure.ts's (turf's semantics, boundary included) — the one the alert zones use.
import type { PlaceRow } from '../db/import-households.ts';
import type { RegionRef } from '../db/household-filter.ts';
import type { ZoneGeometry } from '../domain/alerts.ts';
import { compileZone, zoneContains, type CompiledZone } from '../domain/exposure.ts';
import { chineseNumeral } from './cells.ts';
import type { NewRegion } from './kind.ts';

/** NFKC, no spaces: 云雾山镇, 云雾山 镇 and full-width forms compare equal. */
const norm = (s: string): string => s.normalize('NFKC').replace(/\s+/g, '');
/** 九口村 / 九口村委会 / 九口 all name one village; 云雾山镇 / 云雾山 one township. */
const stem = (s: string): string => norm(s).replace(/(村民委员会|村委会|社区居委会|居委会|社区|村|街道办事处|街道办|街道|办事处|镇|乡)$/, '');

export type PlaceFault =
  | { code: 'unknown_township'; column: 'township' | 'village_code'; why: string }
  | { code: 'unknown_village'; column: 'village' | 'village_code'; why: string }
  | { code: 'ambiguous_village'; column: 'village'; why: string }
  | { code: 'township_mismatch'; column: 'township'; why: string }
  | { code: 'region_code_format'; column: 'village_code'; why: string }
  | { code: 'village_name_required'; column: 'village'; why: string };

export interface Place {
  townshipCode: string;
  villageCode: string;
  groupCode: string;
  /** The village is new (created on commit from the file's code and name). */
  newVillage: boolean;
  newGroup: boolean;
}

export class Places {
  private readonly byCode = new Map<string, PlaceRow>();
  private readonly townshipsByName = new Map<string, string[]>();
  private readonly villagesByName = new Map<string, string[]>();
  private readonly zones = new Map<string, CompiledZone | null>();
  /** New regions the file asks for, by code, with the points of their rows (for their centre). */
  private readonly wanted = new Map<string, NewRegion & { lon: number; lat: number; n: number }>();
  readonly county: PlaceRow;

  constructor(rows: readonly PlaceRow[]) {
    let county: PlaceRow | undefined;
    const add = (map: Map<string, string[]>, key: string, code: string) => {
      const list = map.get(key);
      if (!list) map.set(key, [code]);
      else if (!list.includes(code)) list.push(code);
    };
    for (const r of rows) {
      this.byCode.set(r.code, r);
      if (r.level === 'county') county = r;
      if (r.level === 'township') {
        add(this.townshipsByName, norm(r.name), r.code);
        add(this.townshipsByName, stem(r.name), r.code);
      }
      if (r.level === 'village') {
        add(this.villagesByName, norm(r.name), r.code);
        add(this.villagesByName, stem(r.name), r.code);
      }
    }
    if (!county) throw new Error('the database has no county region');
    this.county = county;
  }

  private townshipOf = (name: string): string[] => this.townshipsByName.get(norm(name)) ?? this.townshipsByName.get(stem(name)) ?? [];

  private villagesNamed(name: string, township: string | null): string[] {
    const all = this.villagesByName.get(norm(name)) ?? this.villagesByName.get(stem(name)) ?? [];
    return township ? all.filter((c) => this.byCode.get(c)!.parent_code === township) : all;
  }

  /** The township, village and group of a row, or what is wrong with them. */
  locate(cells: { township?: string; village?: string; villageCode?: string; group: number }): Place | PlaceFault {
    const townshipName = cells.township ?? '';
    const villageName = cells.village ?? '';
    const named = townshipName ? this.townshipOf(townshipName) : [];
    if (townshipName && named.length === 0) return { code: 'unknown_township', column: 'township', why: `本县没有“${townshipName}”这个乡镇（街道）` };

    let villageCode: string;
    let newVillage = false;
    if (cells.villageCode) {
      const code = cells.villageCode.normalize('NFKC').replace(/\s/g, '');
      if (!/^\d{12}$/.test(code)) return { code: 'region_code_format', column: 'village_code', why: `村代码应为 12 位数字，实为“${cells.villageCode}”` };
      const known = this.byCode.get(code);
      if (known && known.level !== 'village') return { code: 'unknown_village', column: 'village_code', why: `代码 ${code} 不是村级代码` };
      const townshipCode = `${code.slice(0, 9)}000`;
      if (!known) {
        if (this.byCode.get(townshipCode)?.level !== 'township') {
          return { code: 'unknown_township', column: 'village_code', why: `村代码 ${code} 所属的乡镇（${townshipCode}）不在本县` };
        }
        if (!villageName) return { code: 'village_name_required', column: 'village', why: `新村代码 ${code} 需要填写村名` };
        newVillage = true;
      }
      villageCode = code;
      if (named.length > 0 && !named.includes(townshipCode)) {
        return { code: 'township_mismatch', column: 'township', why: `村代码 ${code} 属于${this.nameOf(townshipCode)}，不是“${townshipName}”` };
      }
    } else {
      if (!villageName) return { code: 'village_name_required', column: 'village', why: '缺少所属村（或村代码）' };
      const candidates = this.villagesNamed(villageName, named.length === 1 ? named[0]! : null).filter((c) => named.length <= 1 || named.includes(this.byCode.get(c)!.parent_code!));
      if (candidates.length === 0) {
        const where = townshipName ? `${townshipName}没有` : '本县没有';
        return { code: 'unknown_village', column: 'village', why: `${where}“${villageName}”这个村；新村请填写 12 位村代码` };
      }
      if (candidates.length > 1) return { code: 'ambiguous_village', column: 'village', why: `本县有 ${candidates.length} 个“${villageName}”，请填写所属乡镇或村代码` };
      villageCode = candidates[0]!;
    }
    const townshipCode = newVillage ? `${villageCode.slice(0, 9)}000` : this.byCode.get(villageCode)!.parent_code!;
    // Groups extend their village's code by three digits (data/villages.ts, the statistical codes).
    const groupCode = villageCode + String(cells.group).padStart(3, '0');
    const newGroup = newVillage || !this.byCode.has(groupCode);
    return { townshipCode, villageCode, groupCode, newVillage, newGroup };
  }

  /** Is the place within the uploader's jurisdiction? */
  within(place: { townshipCode: string; villageCode: string }, scope: RegionRef): boolean {
    if (scope.level === 'county') return true;
    if (scope.level === 'township') return place.townshipCode === scope.code;
    if (scope.level === 'village') return place.villageCode === scope.code;
    return false;
  }

  nameOf(code: string): string {
    return this.byCode.get(code)?.name ?? code;
  }

  /** Notes a new village or group a row needs; its centre becomes the mean of its rows' points. */
  want(place: Place, villageName: string, groupNumber: number, point: [number, number] | null): void {
    const add = (r: NewRegion) => {
      const seen = this.wanted.get(r.code);
      if (!seen) this.wanted.set(r.code, { ...r, lon: point?.[0] ?? 0, lat: point?.[1] ?? 0, n: point ? 1 : 0 });
      else if (point) {
        seen.lon += point[0];
        seen.lat += point[1];
        seen.n++;
      }
    };
    if (place.newVillage) add({ code: place.villageCode, name: villageName.normalize('NFKC').trim(), level: 'village', parentCode: place.townshipCode });
    if (place.newGroup) add({ code: place.groupCode, name: `${chineseNumeral(groupNumber)}组`, level: 'group', parentCode: place.villageCode });
  }

  /** The new regions, villages before their groups, each with its centre. */
  newRegions(): (NewRegion & { center: [number, number] | null })[] {
    return [...this.wanted.values()]
      .sort((a, b) => (a.level === b.level ? a.code.localeCompare(b.code) : a.level === 'village' ? -1 : 1))
      .map(({ lon, lat, n, ...r }) => ({ ...r, center: n > 0 ? [lon / n, lat / n] : null }));
  }

  // ---- geometry

  private zoneOf(code: string): CompiledZone | null {
    if (this.zones.has(code)) return this.zones.get(code)!;
    const row = this.byCode.get(code);
    let zone: CompiledZone | null = null;
    if (row?.boundary) zone = compileZone(JSON.parse(row.boundary) as ZoneGeometry);
    else if (row?.level === 'county') {
      // No county outline: the union of its townships' (a point in any of them is in the county).
      const parts = [...this.byCode.values()].filter((r) => r.level === 'township' && r.boundary).map((r) => JSON.parse(r.boundary!) as ZoneGeometry);
      if (parts.length > 0) {
        zone = compileZone({ type: 'MultiPolygon', coordinates: parts.flatMap((g) => (g.type === 'Polygon' ? [g.coordinates] : g.coordinates)) } as ZoneGeometry);
      }
    }
    this.zones.set(code, zone);
    return zone;
  }

  /** Inside the county's outline (true when the county has none at all: nothing to check against). */
  inCounty(lon: number, lat: number): boolean {
    const zone = this.zoneOf(this.county.code);
    return zone === null || zoneContains(zone, lon, lat);
  }

  /** Inside the village's boundary; null when the village has none (a new one, or never surveyed). */
  inVillage(villageCode: string, lon: number, lat: number): boolean | null {
    const zone = this.zoneOf(villageCode);
    return zone === null ? null : zoneContains(zone, lon, lat);
  }
}
