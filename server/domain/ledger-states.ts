// The house state machine of the rectification ledger (整改台账; domain.md "From suspicion to close-out").
// Pure: the database layer (server/db/ledger.ts) asks `move` and writes what it answers; nothing else
// may change a house's state. States are codes; labels live in the client's catalogue.
//
//   monitoring → suspected → (appraised A/B → monitoring | C/D → listed) → planned → under_works
//     → completed → accepted → closed_out (销号)          (a failed acceptance: completed → under_works)
//   listed | planned → guaranteed (household safe elsewhere) → idle (闲置危房) → sealed (封存) → demolished → closed
//   any state → emergency assessment (应急评估) while an alert covers the house
//   closed_out | closed → suspected again opens a new case; the closed one is never edited.

import { ADMIN, COUNTY_ROLES, EDITORS, FIELD, type Role } from './roles.ts';
import type { Grade } from './housing.ts';

export const LEDGER_STATES = [
  'monitoring', // 动态监测: no open case
  'suspected', // 疑似危房: awaiting appraisal
  'listed', // 已鉴定为C/D, 纳入台账: awaiting a plan
  'planned', // 已制定整改方案
  'under_works', // 改造中
  'completed', // 已竣工, awaiting acceptance
  'accepted', // 已验收, awaiting close-out
  'closed_out', // 已销号
  'guaranteed', // 已保障安全 (household moved to safe housing elsewhere)
  'idle', // 闲置危房
  'sealed', // 已封存 (warning sign posted)
  'demolished', // 已拆除
  'closed', // 已销号 (idle house demolished)
] as const;
export type LedgerState = (typeof LEDGER_STATES)[number];

export const LEDGER_ACTIONS = [
  'suspect', // a patrol, complaint or staff member finds a suspected danger
  'appraise', // 初判 / 正式鉴定 / 复核 with a grade
  'emergency_assess', // 应急评估 while an alert covers the house: 可以居住 / 不可以居住
  'plan', // the rectification plan is set
  'start_works',
  'complete_works',
  'accept', // 验收 passed
  'fail_acceptance', // 验收 failed: back to works
  'close_out', // 销号
  'guarantee', // household guaranteed elsewhere (保障安全)
  'leave_idle', // the old house stands empty: an idle dangerous house
  'seal', // 封存, warning sign posted
  'demolish',
  'close', // the demolished house's case is closed
] as const;
export type LedgerAction = (typeof LEDGER_ACTIONS)[number];

/** Open states: a case is running. */
export const CASE_STATES: readonly LedgerState[] = ['suspected', 'listed', 'planned', 'under_works', 'completed', 'accepted', 'guaranteed', 'idle', 'sealed', 'demolished'];
/** States whose case has ended; a new suspicion opens a new case. */
export const ENDED_STATES: readonly LedgerState[] = ['monitoring', 'closed_out', 'closed'];
/** States in which nobody should be living in the house any more. */
export const EMPTY_HOUSE_STATES: readonly LedgerState[] = ['guaranteed', 'idle', 'sealed', 'demolished', 'closed'];
/** C/D houses whose works deadline (seed 001) is still running. */
export const WORKS_DEADLINE_STATES: readonly LedgerState[] = ['listed', 'planned', 'under_works'];

/** What a move needs to know beyond the state: the appraisal's grade and verdict, whether an alert covers the house. */
export interface MoveContext {
  grade?: Grade | undefined;
  /** 应急评估 verdict: false = 不可以居住. */
  habitable?: boolean | undefined;
  alertCovers?: boolean | undefined;
}

export type CaseEffect = 'open' | 'keep' | { close: 'cleared' | 'closed_out' | 'closed' };

export type Move =
  | { ok: true; to: LedgerState; case: CaseEffect }
  | { ok: false; reason: 'not_allowed' | 'needs_grade' | 'needs_verdict' | 'no_alert'; allowed: LedgerAction[] };

const dangerous = (g: Grade) => g === 'C' || g === 'D';

/** States an appraisal with a grade may be recorded in; in the later ones it records a grade and moves nothing. */
const APPRAISE_MOVES: readonly LedgerState[] = ['monitoring', 'suspected', 'listed', 'closed_out'];
const APPRAISE_RECORDS: readonly LedgerState[] = ['planned', 'under_works', 'completed', 'accepted', 'guaranteed', 'idle', 'sealed'];

/** The plain edges: action → from states → to state. Appraisals and emergency assessments are worked out in `move`. */
const EDGES: Partial<Record<LedgerAction, { from: readonly LedgerState[]; to: LedgerState; case?: CaseEffect }>> = {
  suspect: { from: ['monitoring', 'closed_out', 'closed'], to: 'suspected', case: 'open' },
  plan: { from: ['listed'], to: 'planned' },
  start_works: { from: ['planned'], to: 'under_works' },
  complete_works: { from: ['under_works'], to: 'completed' },
  accept: { from: ['completed'], to: 'accepted' },
  fail_acceptance: { from: ['completed'], to: 'under_works' },
  close_out: { from: ['accepted'], to: 'closed_out', case: { close: 'closed_out' } },
  guarantee: { from: ['listed', 'planned'], to: 'guaranteed' },
  leave_idle: { from: ['guaranteed'], to: 'idle' },
  seal: { from: ['idle'], to: 'sealed' },
  demolish: { from: ['idle', 'sealed'], to: 'demolished' },
  close: { from: ['demolished'], to: 'closed', case: { close: 'closed' } },
};

/** Who may take each action (the route also checks jurisdiction). Close-out is the county admin's alone. */
export const ACTION_ROLES: Record<LedgerAction, readonly Role[]> = {
  suspect: FIELD,
  appraise: EDITORS,
  emergency_assess: EDITORS,
  plan: EDITORS,
  start_works: EDITORS,
  complete_works: EDITORS,
  accept: COUNTY_ROLES,
  fail_acceptance: COUNTY_ROLES,
  close_out: ADMIN,
  guarantee: EDITORS,
  leave_idle: EDITORS,
  seal: EDITORS,
  demolish: EDITORS,
  close: ADMIN,
};

/** The actions the machine allows from a state, whoever asks (context-free: an appraisal is offered if any grade would do). */
export function allowedActions(state: LedgerState, ctx: Pick<MoveContext, 'alertCovers'> = {}): LedgerAction[] {
  return LEDGER_ACTIONS.filter((a) => {
    if (a === 'appraise') return APPRAISE_MOVES.includes(state) || APPRAISE_RECORDS.includes(state);
    if (a === 'emergency_assess') return ctx.alertCovers === true && state !== 'demolished' && state !== 'closed';
    return EDGES[a]!.from.includes(state);
  });
}

/** The actions a role may take from a state. */
export function actionsFor(role: Role, state: LedgerState, ctx: Pick<MoveContext, 'alertCovers'> = {}): LedgerAction[] {
  return allowedActions(state, ctx).filter((a) => ACTION_ROLES[a].includes(role));
}

/** Where `action` takes a house in `state`, and what happens to its case; or why not, with what is allowed instead. */
export function move(state: LedgerState, action: LedgerAction, ctx: MoveContext = {}): Move {
  const refuse = (reason: Extract<Move, { ok: false }>['reason']): Move => ({ ok: false, reason, allowed: allowedActions(state, ctx) });
  if (action === 'appraise') {
    if (!ctx.grade) return refuse('needs_grade');
    if (APPRAISE_RECORDS.includes(state)) return { ok: true, to: state, case: 'keep' };
    if (!APPRAISE_MOVES.includes(state)) return refuse('not_allowed');
    if (dangerous(ctx.grade)) return { ok: true, to: 'listed', case: state === 'monitoring' || state === 'closed_out' ? 'open' : 'keep' };
    // A/B: safe. A running case ends as cleared; a closed-out house stays closed out.
    if (state === 'closed_out') return { ok: true, to: 'closed_out', case: 'keep' };
    return { ok: true, to: 'monitoring', case: state === 'monitoring' ? 'keep' : { close: 'cleared' } };
  }
  if (action === 'emergency_assess') {
    if (state === 'demolished' || state === 'closed') return refuse('not_allowed');
    if (ctx.alertCovers !== true) return refuse('no_alert');
    if (ctx.habitable === undefined) return refuse('needs_verdict');
    // 不可以居住 in a house with no running case makes it suspect; otherwise the verdict is a fact of the case.
    if (!ctx.habitable && (state === 'monitoring' || state === 'closed_out')) return { ok: true, to: 'suspected', case: 'open' };
    return { ok: true, to: state, case: 'keep' };
  }
  const edge = EDGES[action]!;
  if (!edge.from.includes(state)) return refuse('not_allowed');
  return { ok: true, to: edge.to, case: edge.case ?? 'keep' };
}

/**
 * People first (domain.md step 3): a household must move out of a D house or one judged 不可以居住,
 * unless the house is already empty by its state or the household is recorded as moved.
 */
export function mustMoveOut(f: { state: LedgerState; grade: Grade | null; habitable: boolean | null; relocated: boolean }): boolean {
  if (f.relocated || EMPTY_HOUSE_STATES.includes(f.state) || ENDED_STATES.includes(f.state)) return false;
  return f.grade === 'D' || f.habitable === false;
}
