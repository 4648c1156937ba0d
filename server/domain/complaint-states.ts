// Complaints (举报投诉, seeds 000, 001 and 003): every complaint from the public line, the mailbox or a
// visit is investigated, handled, answered and tracked. A complaint moves
//   received → assigned → investigating → answered → closed
// and may be handed to someone else (assign) until it is answered. It is never answered without an
// investigation, and never closed without an answer: "every complaint answered" is the rule.

export const COMPLAINT_STATUSES = ['received', 'assigned', 'investigating', 'answered', 'closed'] as const;
export type ComplaintStatus = (typeof COMPLAINT_STATUSES)[number];

export const COMPLAINT_ACTIONS = ['assign', 'investigate', 'answer', 'close'] as const;
export type ComplaintAction = (typeof COMPLAINT_ACTIONS)[number];

/** How a complaint reached us. The public form is the only channel without a signed-in person. */
export const COMPLAINT_CHANNELS = ['public_form', 'phone', 'mailbox', 'visit', 'staff'] as const;
export type ComplaintChannel = (typeof COMPLAINT_CHANNELS)[number];
/** What staff may enter by hand: everything but the public form. */
export const STAFF_CHANNELS = ['phone', 'mailbox', 'visit', 'staff'] as const satisfies readonly ComplaintChannel[];

/** What the complaint is about (the public form's first question). */
export const COMPLAINT_SUBJECTS = [
  'dangerous_house', // 房屋有危险
  'people_in_danger', // 有人住在危房里
  'renovation_quality', // 改造质量
  'subsidy', // 补助资金
  'appraisal_dispute', // 对鉴定结果有异议
  'other',
] as const;
export type ComplaintSubject = (typeof COMPLAINT_SUBJECTS)[number];

/**
 * Days to answer a complaint, counted from the China-time day it was received. The seeds require
 * every complaint to be answered and tracked but set no figure: 15 is our default, and a county
 * sets its own with ANJU_COMPLAINT_DAYS (server/config.ts).
 */
export const DEFAULT_COMPLAINT_DAYS = 15;

const MOVES: Record<ComplaintAction, { from: readonly ComplaintStatus[]; to: ComplaintStatus }> = {
  // Handing over stays possible until the answer: a township may send it back to the county.
  assign: { from: ['received', 'assigned', 'investigating'], to: 'assigned' },
  // Each investigation note is a move of its own (investigating → investigating), so the history keeps them all.
  investigate: { from: ['assigned', 'investigating'], to: 'investigating' },
  answer: { from: ['investigating'], to: 'answered' },
  close: { from: ['answered'], to: 'closed' },
};

/** The actions a complaint in `status` allows, in the order they are offered. */
export function allowedComplaintActions(status: ComplaintStatus): ComplaintAction[] {
  return COMPLAINT_ACTIONS.filter((a) => MOVES[a].from.includes(status));
}

export type ComplaintMove = { ok: true; to: ComplaintStatus } | { ok: false; allowed: ComplaintAction[] };

/** Where `action` takes a complaint in `status`, or the actions it allows instead. */
export function moveComplaint(status: ComplaintStatus, action: ComplaintAction): ComplaintMove {
  const move = MOVES[action];
  return move.from.includes(status) ? { ok: true, to: move.to } : { ok: false, allowed: allowedComplaintActions(status) };
}

/** Answered (or closed after its answer): the public lookup shows the answer only then. */
export const isAnswered = (status: ComplaintStatus): boolean => status === 'answered' || status === 'closed';
