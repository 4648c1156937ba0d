// The demo county's ledger stories (整改台账), one house at a time, as steps of the machine with their
// days: how a dangerous house found on some day went on until the demo's reference day — planned,
// worked, accepted and closed out by the seed 001 deadline, or late; or its household guaranteed
// elsewhere and the empty house sealed, checked, sometimes demolished. Pure: what happened is drawn
// from the house's own appraisal history and a random stream, never the clock.
import { addDays, daysBetween, worksDueOn } from '../server/domain/deadlines.ts';
import type { Grade } from '../server/domain/housing.ts';
import type { Random } from './random.ts';
import type { Episode, GuaranteeMode, IdleCheck, LedgerStep, PlaceKind, PlanFacts, PlanMode, Relocation } from './ledger-writer.ts';

export interface AppraisalOnRecord {
  id: number;
  on: string;
  grade: Grade;
}

/** Who does what, as user ids (null: nobody on record) and the names the plan shows. */
export interface Cast {
  /** The village's inspector: suspicions and idle-house checks. */
  inspector: { id: number; name: string } | null;
  /** Township staff: plans, works, guarantees, seals. */
  township: { id: number; name: string } | null;
  /** County staff: acceptance. */
  staff: { id: number; name: string } | null;
  /** The county admin: close-out. */
  admin: { id: number; name: string } | null;
  /** A technician trained on the day, for appraisals recorded by the ledger. */
  appraiserOn: (day: string) => { id: number; name: string; org: string } | null;
}

export interface StoryContext {
  /** The reference day: nothing happens after it. */
  asOf: string;
  members: number;
  cast: Cast;
}

/** How a guaranteed household's empty house ends by the reference day, when it gets that far. */
export type IdleFate = 'idle' | 'sealed' | 'demolished' | 'closed';

const GUARANTEE_MODES: readonly (readonly [GuaranteeMode, number])[] = [
  ['relatives', 30], // 投亲靠友, 子女赡养
  ['happiness_yard', 20], // 幸福大院
  ['public_rental', 15], // 集体公租房
  ['elder_care', 12], // 敬老院
  ['rental', 10], // 租赁
  ['idle_public', 8], // 闲置公房
  ['other', 5],
];

const PLACES: readonly (readonly [[PlaceKind, string], number])[] = [
  [['relatives', '亲戚家'], 45],
  [['rental', '租住同村农房'], 20],
  [['village_room', '村委会周转房'], 15],
  [['public_rental', '镇集体公租房'], 12],
  [['happiness_yard', '幸福大院'], 8],
];

/** 修缮加固 for most C houses; D houses are rebuilt, moved to a new site, or their household housed elsewhere. */
export function chooseMode(rng: Random, grade: Grade): PlanMode {
  return grade === 'D'
    ? rng.weightedPick([['rebuild', 45], ['new_site', 20], ['guarantee', 35]] as const)
    : rng.weightedPick([['repair_strengthen', 82], ['rebuild', 4], ['guarantee', 14]] as const);
}

const keep = (steps: LedgerStep[], asOf: string): LedgerStep[] => steps.filter((s) => s.on <= asOf);

/**
 * A case closed out long ago, from the renovation on record: found dangerous on `found`, works
 * finished on `done` (the generator's renovation), accepted on the day of the appraisal after it when
 * there is one (`reviewed`), closed out days later.
 */
export function pastEpisode(
  rng: Random,
  ctx: StoryContext,
  f: { found: AppraisalOnRecord; done: string; mode: Exclude<PlanMode, 'guarantee'>; reviewed: AppraisalOnRecord | null },
): Episode {
  const { cast } = ctx;
  const span = Math.max(3, daysBetween(f.found.on, f.done));
  const plan = addDays(f.found.on, Math.max(1, Math.round(span * rng.uniform(0.08, 0.2))));
  const start = addDays(f.found.on, Math.max(2, Math.round(span * rng.uniform(0.25, 0.4))));
  const accept = f.reviewed ? f.reviewed.on : addDays(f.done, rng.int(10, 40));
  const steps: LedgerStep[] = [
    { action: 'appraise', on: f.found.on, appraisal: f.found },
    { action: 'plan', on: plan, by: cast.township?.id ?? cast.staff?.id ?? null },
    { action: 'start_works', on: start, by: cast.township?.id ?? cast.staff?.id ?? null },
    { action: 'complete_works', on: f.done, by: cast.township?.id ?? cast.staff?.id ?? null },
    ...(f.reviewed ? [{ action: 'appraise' as const, on: f.reviewed.on, appraisal: f.reviewed }] : []),
    { action: 'accept', on: accept, by: cast.staff?.id ?? null },
    { action: 'close_out', on: addDays(accept, rng.int(5, 30)), by: cast.admin?.id ?? null },
  ];
  const episode: Episode = {
    source: 'appraisal',
    steps: keep(steps, ctx.asOf),
    plan: planFacts(rng, ctx, f.mode, f.found.on, plan),
  };
  // A D house rebuilt: its people lived elsewhere meanwhile (拆除重建 / 选址新建).
  const moved = f.mode === 'repair_strengthen' ? null : relocation(rng, ctx, addDays(f.found.on, rng.int(3, 20)), addDays(f.done, rng.int(5, 30)));
  if (moved) episode.relocation = moved;
  return episode;
}

/**
 * A case open now or closed recently: the house found dangerous on `found` (a C/D appraisal on
 * record), perhaps suspected on patrol first; then planned, worked and accepted at a pace of its own —
 * a slow one misses the deadline — or its household guaranteed elsewhere and the house left idle.
 */
export function recentEpisode(
  rng: Random,
  ctx: StoryContext,
  f: { found: AppraisalOnRecord; after: string | null; mode: PlanMode; fate: IdleFate; suspectedFirst: boolean },
): Episode {
  const { cast, asOf } = ctx;
  const found = f.found.on;
  const slow = rng.chance(0.2);
  const staffer = cast.township?.id ?? cast.staff?.id ?? null;
  const steps: LedgerStep[] = [];
  const suspectOn = addDays(found, -rng.int(5, 30));
  const suspected = f.suspectedFirst && (f.after === null || suspectOn > f.after);
  // Patrols judge some D houses 不可以居住 on the spot.
  const unfit = suspected && f.found.grade === 'D' && rng.chance(0.5);
  if (suspected) steps.push({ action: 'suspect', on: suspectOn, by: cast.inspector?.id ?? staffer, ...(unfit ? { habitable: false } : {}) });
  steps.push({ action: 'appraise', on: found, appraisal: f.found });
  const plan = addDays(found, slow ? rng.int(30, 120) : rng.int(7, 35));
  steps.push({ action: 'plan', on: plan, by: staffer });
  const episode: Episode = { source: suspected ? 'patrol' : 'appraisal', steps, plan: planFacts(rng, ctx, f.mode, found, plan), recordRenovation: true };

  if (f.mode === 'guarantee') {
    const guaranteed = addDays(plan, rng.int(3, 30));
    const idle = addDays(guaranteed, rng.int(10, 60));
    steps.push({ action: 'guarantee', on: guaranteed, by: staffer }, { action: 'leave_idle', on: idle, by: staffer });
    let end = asOf;
    if (f.fate !== 'idle') {
      const sealed = addDays(idle, rng.int(5, 30));
      steps.push({ action: 'seal', on: sealed, by: staffer, detail: { signPosted: true } });
      if (f.fate === 'demolished' || f.fate === 'closed') {
        const demolished = addDays(sealed, rng.int(30, 150));
        steps.push({ action: 'demolish', on: demolished, by: staffer });
        if (f.fate === 'closed') steps.push({ action: 'close', on: addDays(demolished, rng.int(5, 30)), by: cast.admin?.id ?? null });
        end = demolished < asOf ? demolished : asOf;
      }
    }
    episode.steps = keep(steps, asOf);
    const sealedOn = episode.steps.find((s) => s.action === 'seal')?.on ?? null;
    episode.idleChecks = idleChecks(rng, ctx, idle, end, sealedOn);
    return episode;
  }

  const start = addDays(plan, slow ? rng.int(20, 90) : rng.int(5, 30));
  const base = f.mode === 'repair_strengthen' ? rng.int(40, 110) : rng.int(100, 200);
  let complete = addDays(start, slow ? Math.round(base * rng.uniform(1.8, 2.6)) : base);
  steps.push({ action: 'start_works', on: start, by: staffer }, { action: 'complete_works', on: complete, by: staffer });
  // 验收 now and then finds the works wanting: back to works, finished again weeks later.
  if (rng.chance(0.06)) {
    const failed = addDays(complete, rng.int(7, 20));
    complete = addDays(failed, rng.int(15, 45));
    steps.push(
      { action: 'fail_acceptance', on: failed, by: cast.staff?.id ?? null, reason: '加固构件未达到设计要求' },
      { action: 'complete_works', on: complete, by: staffer },
    );
  }
  const accept = addDays(complete, rng.int(7, 25));
  const appraiser = cast.appraiserOn(accept);
  const reviewGrade: Grade = f.mode === 'repair_strengthen' && rng.chance(0.6) ? 'B' : 'A';
  steps.push(
    {
      action: 'appraise',
      on: accept,
      by: appraiser?.id ?? null,
      appraisal: { grade: reviewGrade, kind: 'review', appraiserId: appraiser?.id ?? null, appraiser: appraiser?.name ?? '县住建局', org: appraiser?.org ?? '县住建局' },
    },
    { action: 'accept', on: accept, by: cast.staff?.id ?? null },
    { action: 'close_out', on: addDays(accept, rng.int(5, 30)), by: cast.admin?.id ?? null },
  );
  episode.steps = keep(steps, asOf);
  const reached = episode.steps.at(-1)!.action;
  if (f.mode !== 'repair_strengthen' && (reached === 'accept' || reached === 'close_out' || reached === 'appraise')) {
    episode.rebuiltAs = { structure: rng.chance(0.8) ? 'brick_concrete' : 'reinforced_concrete', builtYear: Number(complete.slice(0, 4)) };
  }
  // People first: out of a D house or one judged unfit at once — most of them, some only when works
  // begin; out of any house being rebuilt when works begin. Home after acceptance.
  const mustLeave = f.found.grade === 'D' || unfit;
  if (mustLeave || f.mode !== 'repair_strengthen') {
    const movedOn = mustLeave && rng.chance(0.75) ? addDays(found, rng.int(2, 20)) : addDays(start, -rng.int(0, 7));
    const moved = relocation(rng, ctx, movedOn, addDays(accept, rng.int(0, 10)));
    if (moved) episode.relocation = moved;
  }
  return episode;
}

/** A house suspected on patrol in the last weeks, awaiting its appraisal; some judged unfit, some of those already left. */
export function suspicionEpisode(rng: Random, ctx: StoryContext, on: string): Episode {
  const unfit = rng.chance(0.3);
  const episode: Episode = {
    source: 'patrol',
    steps: [{ action: 'suspect', on, by: ctx.cast.inspector?.id ?? ctx.cast.township?.id ?? null, ...(unfit ? { habitable: false } : {}) }],
  };
  const moved = unfit && rng.chance(0.5) ? relocation(rng, ctx, addDays(on, rng.int(0, 5)), null) : null;
  if (moved) episode.relocation = moved;
  return episode;
}

/** A suspicion that an appraisal cleared (A/B): the appraisal on record, the suspicion days before it. */
export function clearedEpisode(rng: Random, ctx: StoryContext, appraisal: AppraisalOnRecord): Episode {
  return {
    source: 'patrol',
    steps: [
      { action: 'suspect', on: addDays(appraisal.on, -rng.int(3, 20)), by: ctx.cast.inspector?.id ?? ctx.cast.township?.id ?? null },
      { action: 'appraise', on: appraisal.on, appraisal },
    ],
  };
}

function planFacts(rng: Random, ctx: StoryContext, mode: PlanMode, dangerousOn: string, plannedOn: string): PlanFacts {
  const { cast } = ctx;
  const person = (p: { id: number; name: string } | null) => (p ? { name: p.name, userId: p.id } : undefined);
  const appraiser = cast.appraiserOn(dangerousOn);
  const responsible: PlanFacts['responsible'] = {};
  // 四清一责任: a responsible person for the problem, the appraisal, the works and the acceptance.
  const entries = { problem: person(cast.inspector), appraisal: person(appraiser), works: person(cast.township ?? cast.staff), acceptance: person(cast.staff) };
  for (const [k, v] of Object.entries(entries)) if (v) responsible[k as keyof typeof entries] = v;
  if (mode === 'guarantee') return { mode, guaranteeMode: rng.weightedPick(GUARANTEE_MODES), responsible };
  const hundreds = (lo: number, hi: number) => rng.int(lo / 100, hi / 100) * 100;
  const repair = mode === 'repair_strengthen';
  const start = addDays(plannedOn, rng.int(10, 40));
  const finish = addDays(worksDueOn(dangerousOn), -rng.int(0, 45));
  return {
    mode,
    responsible,
    plannedStartOn: start,
    plannedFinishOn: finish > start ? finish : addDays(start, 60),
    fundsCentral: repair ? hundreds(10_000, 20_000) : hundreds(30_000, 40_000),
    fundsLocal: repair ? hundreds(2_000, 8_000) : hundreds(10_000, 20_000),
    fundsSelf: repair ? hundreds(0, 10_000) : hundreds(20_000, 80_000),
  };
}

/** Moved out on `movedOn` (none if that is after the reference day), back on `returnedOn` if it has come. */
function relocation(rng: Random, ctx: StoryContext, movedOn: string, returnedOn: string | null): Relocation | null {
  const [placeKind, place] = rng.weightedPick(PLACES);
  if (movedOn > ctx.asOf) return null;
  return {
    place,
    placeKind,
    people: ctx.members,
    movedOn,
    returnedOn: returnedOn !== null && returnedOn <= ctx.asOf ? returnedOn : null,
    by: ctx.cast.township?.id ?? ctx.cast.staff?.id ?? null,
  };
}

/** seed 001: someone looks at the empty house every month or three; the warning sign is there once it is sealed. */
function idleChecks(rng: Random, ctx: StoryContext, idleOn: string, until: string, sealedOn: string | null): IdleCheck[] {
  const by = ctx.cast.inspector ?? ctx.cast.township ?? ctx.cast.staff;
  if (!by) return [];
  const checks: IdleCheck[] = [];
  for (let day = addDays(idleOn, rng.int(20, 60)); day <= until; day = addDays(day, rng.int(45, 115))) {
    const signed = sealedOn !== null && day >= sealedOn;
    const stillEmpty = rng.chance(0.97);
    checks.push({ checkedOn: day, by: by.id, stillEmpty, signPresent: signed && rng.chance(0.95), ...(stillEmpty ? {} : { notes: '发现有人临时堆放杂物，已劝离' }) });
  }
  return checks;
}
