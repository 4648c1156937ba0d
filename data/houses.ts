// A household's house and its history: structure by terrain, then a path through the appraisal and
// renovation rules of domain.md — stays safe, found dangerous recently, repaired after a C (修缮加固),
// or rebuilt after a D (拆除重建 / 选址新建) — ending in the current grade, repaired-C and key flags
// computed by server/domain/housing.ts, never re-implemented here.
import {
  currentGrade,
  isKeyHouse,
  isRepairedC,
  type AppraisalKind,
  type Grade,
  type RenovationMethod,
  type Structure,
} from '../server/domain/housing.ts';
import { addDays, civilFromDays, dayOf, deadlineFor, isoDate, yearOf } from './dates.ts';
import type { Random } from './random.ts';
import { chooseStructure, FRAGILITY, houseShape } from './structures.ts';

/** The generated history ends on this date (deterministic: never the clock). */
export const DEMO_AS_OF = '2026-10-31';
const AS_OF = dayOf(DEMO_AS_OF);
const FIRST_SURVEY = dayOf('2016-03-01');

export interface Appraiser {
  name: string;
  org: string;
}

export interface AppraisalRow {
  appraisedOn: string;
  grade: Grade;
  kind: AppraisalKind;
  appraiser: string;
  org: string;
}

export interface RenovationRow {
  method: RenovationMethod;
  year: number;
  completedOn: string | null;
}

export interface Site {
  lon: number;
  lat: number;
  elevationM: number;
  riverDistM: number;
}

export interface HouseRecord extends Site {
  isCurrent: boolean;
  structure: Structure;
  storeys: number;
  builtYear: number;
  floorArea: number;
  grade: Grade | null;
  appraisedOn: string | null;
  repairedC: boolean;
  keyHouse: boolean;
  status: 'monitoring';
  appraisals: AppraisalRow[];
  renovations: RenovationRow[];
}

export interface HouseContext {
  site: Site;
  members: number;
  livingAway: boolean;
  appraisers: readonly Appraiser[];
  /** Where a household that moved to a new site (选址新建) used to live. */
  formerSite: () => Site;
}

/** The household's houses, current one first; a rebuilt household also has its demolished old house. */
export function generateHouses(rng: Random, ctx: HouseContext): HouseRecord[] {
  const structure = chooseStructure(rng, ctx.site.elevationM);
  const shape = houseShape(rng, structure, ctx.members);
  const f = FRAGILITY[structure] * (1 + Math.max(0, 2000 - shape.builtYear) / 45);
  const sign = signer(rng, ctx.appraisers);
  const path = rng.next();
  const pNever = ctx.livingAway ? 0.12 : 0.038;
  const pRepaired = 0.021 * f;
  const pRebuilt = 0.006 * f;
  if (path < pNever) return [finish({ ...ctx.site, structure, ...shape }, [], [], true)];
  if (path < pNever + pRepaired) return [finish({ ...ctx.site, structure, ...shape }, ...repairedAfterC(rng, sign), true)];
  if (path < pNever + pRepaired + pRebuilt) return rebuiltAfterD(rng, ctx, sign, { structure, ...shape });
  return [finish({ ...ctx.site, structure, ...shape }, steadyHistory(rng, sign, finalGrade(rng, f)), [], true)];
}

type Sign = (day: number, grade: Grade, kind: AppraisalKind) => AppraisalRow;

/** Trained appraisers (seed 001: only trained staff appraise) sign in teams; one name is recorded. */
function signer(rng: Random, appraisers: readonly Appraiser[]): Sign {
  return (day, grade, kind) => {
    const who = rng.pick(appraisers);
    return { appraisedOn: isoDate(day), grade, kind, appraiser: who.name, org: who.org };
  };
}

/** Calibrated so that, over the county's mix of structures, about A 55 %, B 35 %, C 4 %, D 1.5 % result. */
function finalGrade(rng: Random, fragility: number): Grade {
  const r = rng.next();
  const pD = 0.011 * fragility;
  const pC = 0.029 * fragility;
  const pB = Math.min(0.8, 0.32 * Math.pow(fragility, 0.55));
  return r < pD ? 'D' : r < pD + pC ? 'C' : r < pD + pC + pB ? 'B' : 'A';
}

/**
 * One to three appraisals: an initial one (2016–2020, the first county-wide survey), then the annual
 * March–April check (seed 001) or an emergency one after flood-season rain. A house graded C or D now
 * was found so recently (within ~14 months) that it is still in the ledger; had it been found earlier
 * it would have been renovated by its deadline. A single recent appraisal is a newly listed household.
 */
function steadyHistory(rng: Random, sign: Sign, grade: Grade): AppraisalRow[] {
  const count = rng.weightedPick([[1, 0.4], [2, 0.4], [3, 0.2]] as const);
  const days = [FIRST_SURVEY + (rng.int(2016, 2020) - 2016) * 365 + rng.int(0, 300)];
  while (days.length < count) {
    const next = laterCheck(rng, days[days.length - 1]!, AS_OF);
    if (next <= days[days.length - 1]!) break;
    days.push(next);
  }
  if (grade === 'C' || grade === 'D') {
    const found = AS_OF - rng.int(0, 420);
    while (days.length && days[days.length - 1]! >= found) days.pop();
    days.push(found);
  }
  return days.map((day, i) => {
    const isLast = i === days.length - 1;
    const earlier: Grade = grade === 'A' ? 'A' : rng.chance(0.65) ? 'B' : 'A';
    return sign(day, isLast ? grade : earlier, i === 0 ? 'initial' : checkKind(rng, day));
  });
}

/** Appraisals in the flood season (Jul–Sep) mostly follow rain warnings (雨后复查). */
function checkKind(rng: Random, day: number): AppraisalKind {
  const month = civilFromDays(day)[1];
  return month >= 7 && month <= 9 && rng.chance(0.7) ? 'emergency' : 'periodic';
}

/** The next check: an annual March–April one a year or more later, or an emergency one in Jul–Sep. */
function laterCheck(rng: Random, after: number, limit: number): number {
  const year = yearOf(after) + rng.int(1, 3);
  const spring = dayOf(`${year}-03-01`) + rng.int(0, 60);
  const flood = dayOf(`${year}-07-01`) + rng.int(0, 91);
  const day = rng.chance(0.8) ? spring : flood;
  return Math.min(day, limit);
}

/** 原鉴定为C级: C in 2017–2022, strengthened by the deadline, re-appraised A or B after completion. */
function repairedAfterC(rng: Random, sign: Sign): [AppraisalRow[], RenovationRow[]] {
  const rows: AppraisalRow[] = [];
  const foundC = dayOf(`${rng.int(2017, 2022)}-01-01`) + rng.int(0, 364);
  // Some were surveyed B first and declined; the first county-wide survey began in 2016.
  if (rng.chance(0.35) && foundC - 200 > FIRST_SURVEY) rows.push(sign(Math.max(FIRST_SURVEY, foundC - rng.int(200, 500)), 'B', 'initial'));
  rows.push(sign(foundC, 'C', rows.length ? checkKind(rng, foundC) : 'initial'));
  const due = deadlineFor(foundC);
  const done = Math.min(due, foundC + rng.int(60, due - foundC));
  const renovation: RenovationRow = {
    method: 'repair_strengthen',
    year: yearOf(done),
    completedOn: isoDate(done),
  };
  let day = addDays(done, rng.int(10, 60));
  let grade: Grade = rng.chance(0.6) ? 'A' : 'B';
  rows.push(sign(day, grade, 'post_renovation'));
  for (let k = rng.int(0, 2); k > 0; k--) {
    day = laterCheck(rng, day, AS_OF);
    if (day <= dayOf(rows[rows.length - 1]!.appraisedOn)) break;
    // Now and then a strengthened house deteriorates again and is back in the ledger (not a key house).
    grade = rng.chance(0.03) ? 'C' : grade === 'A' && rng.chance(0.2) ? 'B' : grade;
    rows.push(sign(day, grade, checkKind(rng, day)));
  }
  return [rows, [renovation]];
}

/**
 * 整幢危房: D in 2016–2021; the household moved into a new house built on the old site (拆除重建) or a
 * new safe one (选址新建), appraised A after completion. The old house stays on record, not current.
 */
function rebuiltAfterD(rng: Random, ctx: HouseContext, sign: Sign, old: Shape): HouseRecord[] {
  const foundD = dayOf(`${rng.int(2016, 2021)}-01-01`) + rng.int(0, 364);
  const method: RenovationMethod = rng.chance(0.7) ? 'rebuild' : 'new_site';
  const done = foundD + rng.int(90, deadlineFor(foundD) - foundD);
  const year = yearOf(done);
  const oldSite = method === 'rebuild' ? ctx.site : ctx.formerSite();
  const former = finish(
    { ...oldSite, ...old },
    [sign(foundD, 'D', 'initial')],
    [{ method, year, completedOn: isoDate(done) }],
    false,
  );
  const structure: Structure = rng.chance(0.8) ? 'brick_concrete' : 'reinforced_concrete';
  const shape = { ...houseShape(rng, structure, ctx.members), builtYear: year };
  const rows = [sign(addDays(done, rng.int(10, 60)), 'A', 'post_renovation')];
  const later = laterCheck(rng, dayOf(rows[0]!.appraisedOn), AS_OF);
  if (rng.chance(0.5) && later > dayOf(rows[0]!.appraisedOn)) rows.push(sign(later, 'A', checkKind(rng, later)));
  return [finish({ ...ctx.site, structure, ...shape }, rows, [], true), former];
}

type Shape = Pick<HouseRecord, 'structure' | 'storeys' | 'builtYear' | 'floorArea'>;
type HouseBase = Site & Shape;

function finish(base: HouseBase, appraisals: AppraisalRow[], renovations: RenovationRow[], isCurrent: boolean): HouseRecord {
  const grade = currentGrade(appraisals);
  const latest = appraisals.reduce<string | null>((m, a) => (m === null || a.appraisedOn > m ? a.appraisedOn : m), null);
  const repairedC = isRepairedC(appraisals, renovations);
  return {
    ...base,
    isCurrent,
    grade,
    appraisedOn: latest,
    repairedC,
    keyHouse: isKeyHouse({ grade, repairedC }),
    status: 'monitoring',
    appraisals,
    renovations,
  };
}
