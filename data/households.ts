// The monitored households (监测对象) of the demo county: who they are, where they live, and their
// houses. Deterministic for (county, n, seed), streamed one at a time so a million never sit in memory.
import type { Category, GuaranteeMode } from '../server/domain/housing.ts';
import { dayOf, daysFromCivil, isoDate } from './dates.ts';
import type { DemoCounty, VillageRecord } from './geography.ts';
import { DEMO_AS_OF, generateHouses, type Appraiser, type HouseRecord, type Site } from './houses.ts';
import { issueIdCard, mobileNumber } from './identity.ts';
import { COUNTY_CODE, COUNTY_NAME, personName } from './names.ts';
import { Random, WeightedTable } from './random.ts';
import { VillageSampler } from './village-sampler.ts';

export interface HouseholdRecord {
  householdNo: string;
  townshipCode: string;
  villageCode: string;
  groupCode: string;
  headName: string;
  idCard: string;
  phone: string | null;
  members: number;
  elderly: number;
  disabled: number;
  children: number;
  category: Category;
  guaranteeMode: GuaranteeMode;
  livingAway: boolean;
  /** The day it entered the monitored list (seed 003: its house is appraised within a month). */
  listedOn: string;
  /** Current house first; a rebuilt household also carries its former house (not current). */
  houses: HouseRecord[];
}

// Shares of the monitored population by category (percent).
const CATEGORIES = new WeightedTable<Category>([
  ['dibao', 30],
  ['other_ex_poor', 25],
  ['unstable_ex_poor', 12],
  ['edge_poverty', 12],
  ['tekun', 8],
  ['dibao_edge', 6],
  ['sudden_hardship', 4],
  ['disabled_family', 3],
]);

const AREA_CODE = COUNTY_CODE.slice(0, 6);
const YEAR = Number(DEMO_AS_OF.slice(0, 4)); // ages are as of the demo date

export function* generateHouseholds(county: DemoCounty, n: number, seed: number): Generator<HouseholdRecord> {
  const rng = new Random(`anju-households:${seed}`);
  const appraisers = createAppraisers(rng.fork('appraisers'));
  // A stream of its own, so listing days change no other draw of the county.
  const listing = new Random(`anju-listing:${seed}`);
  const counts = allocate(
    county.villages.map((v) => v.weight),
    n,
  );
  const issued = new Set<number>();
  for (let v = 0; v < county.villages.length; v++) {
    const village = county.villages[v]!;
    const local = rng.fork(village.code);
    const place = placer(local, village, county);
    for (let seq = 1; seq <= counts[v]!; seq++) {
      yield household(local, village, seq, place, appraisers, issued, listing);
    }
  }
}

/** Largest-remainder apportionment: integer counts proportional to `weights`, summing exactly to `n`. */
export function allocate(weights: readonly number[], n: number): number[] {
  const total = weights.reduce((s, w) => s + w, 0);
  const exact = weights.map((w) => (w / total) * n);
  const counts = exact.map(Math.floor);
  let left = n - counts.reduce((s, c) => s + c, 0);
  const order = exact.map((e, i) => [e - Math.floor(e), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left-- <= 0) break;
    counts[i]!++;
  }
  return counts;
}

/** A roster of trained appraisers (seed 001) from the county bureau and two licensed firms. */
export function createAppraisers(rng: Random): Appraiser[] {
  const orgs: [string, number][] = [
    [`${COUNTY_NAME}住房和城乡建设局`, 7],
    [`${COUNTY_NAME}建设工程质量安全监督站`, 3],
    ['陕西秦巴房屋安全鉴定有限公司', 4],
    ['秦岭安居工程检测有限公司', 2],
  ];
  return orgs.flatMap(([org, people]) => Array.from({ length: people }, () => ({ name: personName(rng, rng.chance(0.3)), org })));
}

type Placer = (group: number, scattered: boolean) => Site;

/**
 * Houses cluster around their group's hamlet (a few hundred metres), some scattered farther up the
 * slopes (散居); every point is strictly inside the village.
 */
function placer(rng: Random, village: VillageRecord, county: DemoCounty): Placer {
  const sampler = new VillageSampler(village.boundary);
  const spread = village.hamlets.map(() => rng.uniform(220, 480));
  return (group, scattered) => {
    const hamlet = village.groups[group]!.hamlet;
    const [lon, lat] = sampler.sampleNear(rng, village.hamlets[hamlet]!, scattered ? 1_200 : spread[hamlet]!);
    return { lon, lat, ...county.terrain.at(lon, lat) };
  };
}

function household(
  rng: Random,
  village: VillageRecord,
  seq: number,
  place: Placer,
  appraisers: readonly Appraiser[],
  issued: Set<number>,
  listing: Random,
): HouseholdRecord {
  const category = CATEGORIES.pick(rng);
  const group = rng.int(0, village.groups.length - 1);
  const people = composition(rng, category);
  const female = rng.chance(category === 'tekun' || people.age >= 75 ? 0.35 : 0.16);
  const birthDay = daysFromCivil(YEAR - people.age, 1, 1) + rng.int(0, 364);
  const livingAway = rng.chance(category === 'tekun' ? 0.03 : category === 'unstable_ex_poor' || category === 'edge_poverty' ? 0.11 : 0.08);
  const site = place(group, rng.chance(0.12));
  const houses = generateHouses(rng, {
    site,
    members: people.members,
    livingAway,
    appraisers,
    formerSite: () => place(group, true),
  });
  const noPhone = 0.08 + (category === 'tekun' ? 0.25 : 0) + (people.age > 75 ? 0.1 : 0);
  return {
    householdNo: `${village.code}-${String(seq).padStart(5, '0')}`,
    townshipCode: village.parentCode!,
    villageCode: village.code,
    groupCode: village.groups[group]!.code,
    headName: personName(rng, female),
    idCard: issueIdCard(rng, AREA_CODE, birthDay, female, issued),
    phone: rng.chance(noPhone) ? null : mobileNumber(rng),
    members: people.members,
    elderly: people.elderly,
    disabled: people.disabled,
    children: people.children,
    category,
    guaranteeMode: guaranteeMode(rng, category, livingAway, houses),
    livingAway,
    listedOn: listedOn(listing, houses),
    houses,
  };
}

const AS_OF = dayOf(DEMO_AS_OF);
const LONG_AGO = dayOf('2016-01-01');

/**
 * The day a household was listed: a few days to four weeks before its first appraisal (the county kept
 * the one-month rule), so most were listed long ago. Of those never appraised, a few were listed in the
 * last six weeks and are waiting within their month or just past it; the rest were listed years ago
 * and never appraised — the backlog seed 003's rule exists for.
 */
function listedOn(rng: Random, houses: readonly HouseRecord[]): string {
  let first: string | null = null;
  for (const o of houses) for (const a of o.appraisals) if (first === null || a.appraisedOn < first) first = a.appraisedOn;
  if (first !== null) return isoDate(dayOf(first) - rng.int(3, 28));
  return isoDate(rng.chance(0.03) ? AS_OF - rng.int(0, 41) : rng.int(LONG_AGO, dayOf('2024-12-31')));
}

/** Family size and make-up: 特困 dependants mostly live alone and old; young families have children. */
function composition(rng: Random, category: Category) {
  const members =
    category === 'tekun'
      ? rng.weightedPick([[1, 0.8], [2, 0.2]] as const)
      : rng.weightedPick([[1, 0.1], [2, 0.22], [3, 0.22], [4, 0.22], [5, 0.14], [6, 0.07], [7, 0.03]] as const);
  const age = category === 'tekun' ? rng.int(58, 92) : Math.round(Math.min(90, Math.max(26, rng.normal(58, 13))));
  let elderly = age >= 65 ? 1 : 0;
  if (members >= 2 && age >= 62 && rng.chance(0.7)) elderly++;
  if (members >= 4 && age < 60 && rng.chance(0.35)) elderly++; // grandparents at home
  elderly = Math.min(members, elderly);
  let children = 0;
  if (members - elderly >= 3 && age <= 55) children = rng.int(1, Math.min(3, members - elderly - 2));
  else if (members - elderly >= 3 && rng.chance(0.5)) children = rng.int(1, Math.min(2, members - elderly - 2)); // grandchildren
  const disabled =
    category === 'disabled_family'
      ? Math.min(members, rng.chance(0.85) ? 1 : 2)
      : rng.chance(category === 'tekun' ? 0.3 : 0.07)
        ? 1
        : 0;
  return { members, age, elderly, children, disabled };
}

/**
 * 住房保障方式 (seed 004). The schema has three codes only: a household in a D house has moved out
 * (危房不进人) and so counts as secured elsewhere; a C or never-appraised house stays "appraised"
 * until the ledger closes it.
 */
function guaranteeMode(rng: Random, category: Category, livingAway: boolean, houses: readonly HouseRecord[]): GuaranteeMode {
  const current = houses[0]!;
  if (livingAway && rng.chance(0.7)) return 'secured_elsewhere'; // 投亲靠友, 子女赡养, 租房
  if (category === 'tekun' && rng.chance(0.1)) return 'secured_elsewhere'; // 敬老院 / 幸福大院
  if (current.grade === 'D') return 'secured_elsewhere'; // 过渡安置
  const renovated = houses.length > 1 || current.renovations.some((r) => r.completedOn !== null);
  if (renovated && (current.grade === 'A' || current.grade === 'B')) return 'renovated_safe';
  return 'appraised_safe';
}
