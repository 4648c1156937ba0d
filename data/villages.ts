// Names, codes, hamlets and groups of the townships and villages, once the tiling is known.
// Codes follow the statistical convention: 街道 001–099 and 镇 1xx at township level; 社区 (居委会)
// 001–199 and 村 (村委会) 2xx at village level; groups (组) add three digits to the village code.
import { CHINESE_NUMERALS, COUNTY_CODE, SUBDISTRICT_NAME, TOWN_NAMES, villageName } from './names.ts';
import { distanceToRing, pointInPolygon } from './planar.ts';
import type { XY } from './projection.ts';
import type { Random } from './random.ts';
import type { Terrain } from './terrain.ts';
import { partsArea, type Parts } from './tiling.ts';

export interface VillagePlan {
  index: number; // into seeds and cells
  code: string;
  townshipCode: string;
  name: string;
  hamlets: XY[];
  groups: { code: string; name: string; hamlet: number }[];
  weight: number;
}

export interface TownshipPlan {
  code: string;
  name: string;
  villages: number[];
}

interface Inputs {
  seeds: readonly XY[];
  cells: readonly Parts[];
  seats: readonly number[]; // [0] county seat, [1] subdistrict
  townshipOf: readonly number[];
  terrain: Terrain;
}

const PREFIX = COUNTY_CODE.slice(0, 6);

export function buildVillages(rng: Random, input: Inputs): { townships: TownshipPlan[]; villages: VillagePlan[] } {
  const { seeds, seats, townshipOf } = input;
  const towns = rng.shuffle([...TOWN_NAMES]);
  const taken = new Set<string>(['城关', SUBDISTRICT_NAME.slice(0, -2), ...TOWN_NAMES]);
  // Township order: the subdistrict (街道, 001), the county seat (101), then the others west to east.
  const others = seats.map((_, t) => t).slice(2).sort((a, b) => seeds[seats[a]!]![0] - seeds[seats[b]!]![0]);
  const order = [1, 0, ...others];
  const townships: TownshipPlan[] = [];
  const villages: VillagePlan[] = [];
  let townNo = 101;
  for (const t of order) {
    const isSubdistrict = t === 1;
    const code = `${PREFIX}${isSubdistrict ? '001' : String(townNo++)}000`;
    const stem = t === 0 ? '城关' : isSubdistrict ? SUBDISTRICT_NAME.slice(0, -2) : towns.pop()!;
    const name = t === 0 ? '城关镇' : isSubdistrict ? SUBDISTRICT_NAME : `${stem}镇`;
    const seat = seeds[seats[t]!]!;
    const members = seeds
      .map((_, i) => i)
      .filter((i) => townshipOf[i] === t)
      .sort((a, b) => dist(seeds[a]!, seat) - dist(seeds[b]!, seat));
    let communityNo = 1;
    let villageNo = 201;
    const urban = t <= 1; // around the county town, villages near the seat are urban communities
    for (const i of members) {
      const isSeat = i === seats[t];
      const community = isSeat || (urban && dist(seeds[i]!, seat) < 2_800);
      const valley = input.terrain.atXY(seeds[i]![0], seeds[i]![1]).riverDistM < 900;
      const base = isSeat ? stem : villageName(rng, valley, taken);
      const vCode = code.slice(0, 9) + String(community ? communityNo++ : villageNo++).padStart(3, '0');
      villages.push(plan(rng, input, i, vCode, code, `${base}${community ? '社区' : '村'}`, isSeat ? (t === 0 ? 4 : 2) : 1));
    }
    townships.push({ code, name, villages: members });
  }
  villages.sort((a, b) => a.code.localeCompare(b.code));
  return { townships, villages };
}

function plan(rng: Random, input: Inputs, i: number, code: string, townshipCode: string, name: string, seatBoost: number): VillagePlan {
  const parts = input.cells[i]!;
  const areaKm2 = partsArea(parts) / 1e6;
  const hamletCount = Math.min(4, Math.max(1, Math.round(areaKm2 / 6 + rng.uniform(0, 1.5))));
  const hamlets = pickHamlets(rng, parts, input.terrain, hamletCount);
  const groupCount = rng.int(3, 8);
  const groups = Array.from({ length: groupCount }, (_, g) => ({
    code: code + String(g + 1).padStart(3, '0'),
    name: `${CHINESE_NUMERALS[g]}组`,
    hamlet: g % hamlets.length,
  }));
  const river = input.terrain.atXY(input.seeds[i]![0], input.seeds[i]![1]).riverDistM;
  // Valley villages hold more people; a lognormal spread keeps neighbouring villages from looking alike.
  const weight = seatBoost * (river < 900 ? 1.4 : 0.8) * Math.exp(rng.normal(0, 0.3)) * (1 + 0.1 * hamlets.length);
  return { index: i, code, townshipCode, name, hamlets, groups, weight };
}

/**
 * Hamlets sit low: from random points well inside the village, take the lowest (plus some chance), then
 * the next lowest at least ~800 m from the ones chosen.
 */
function pickHamlets(rng: Random, parts: Parts, terrain: Terrain, count: number): XY[] {
  const rings = parts[0]!;
  const outer = rings[0]!;
  const xs = outer.map((p) => p[0]);
  const ys = outer.map((p) => p[1]);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const candidates: { p: XY; score: number }[] = [];
  for (let tries = 0; candidates.length < 60 && tries < 4_000; tries++) {
    const p: XY = [rng.uniform(x0, x1), rng.uniform(y0, y1)];
    const margin = tries < 3_000 ? 150 : 20;
    if (!pointInPolygon(p[0], p[1], rings) || distanceToRing(p[0], p[1], outer) < margin) continue;
    const t = terrain.atXY(p[0], p[1]);
    candidates.push({ p, score: t.elevationM + 0.15 * t.riverDistM + rng.uniform(0, 120) });
  }
  candidates.sort((a, b) => a.score - b.score);
  const chosen: XY[] = [];
  for (const gap of [800, 400, 0]) {
    for (const c of candidates) {
      if (chosen.length >= count) break;
      if (chosen.every((h) => dist(h, c.p) > gap) && !chosen.includes(c.p)) chosen.push(c.p);
    }
  }
  if (chosen.length === 0) throw new Error('village too small for a hamlet');
  return chosen;
}

const dist = (a: XY, b: XY): number => Math.hypot(a[0] - b[0], a[1] - b[1]);
