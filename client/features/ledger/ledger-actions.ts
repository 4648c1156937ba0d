// Which buttons the household's ledger section offers, and which form each opens. The machine's moves
// come from the server (`actions` in HouseLedger: state × role × jurisdiction × alert); the facts that
// move nothing — a relocation, the return home, an idle-house check, editing a saved plan — are offered
// to the editors when the state makes them meaningful, and the server has the last word.
import { EDITORS, type Role } from '../../../server/domain/roles.ts';
import { CASE_STATES, ENDED_STATES } from '../../../server/domain/ledger-states.ts';
import type { HouseLedger, LedgerAction, TransitionAction } from '../../api/ledger.ts';

export type LedgerForm =
  | { kind: 'appraisal'; emergency: boolean }
  | { kind: 'plan'; edit: boolean }
  | { kind: 'transition'; action: TransitionAction }
  | { kind: 'relocation' }
  | { kind: 'return' }
  | { kind: 'idle_check' };

/** Transitions that need a reason (fail_acceptance: what failed) or a fact (seal: the sign is posted). */
export const REASON_REQUIRED: readonly TransitionAction[] = ['fail_acceptance'];
export const SIGN_REQUIRED: readonly TransitionAction[] = ['seal'];

/** The form of one machine action. */
export function formOf(action: LedgerAction): LedgerForm {
  if (action === 'appraise') return { kind: 'appraisal', emergency: false };
  if (action === 'emergency_assess') return { kind: 'appraisal', emergency: true };
  if (action === 'plan') return { kind: 'plan', edit: false };
  return { kind: 'transition', action };
}

/** A button: its catalogue key (ledger.do.<key>) and the form it opens; `primary` for the step that moves the case on. */
export interface LedgerButton {
  key: string;
  form: LedgerForm;
  primary: boolean;
}

/** Moves that take the case forward (shown first and strong); the rest are side roads or corrections. */
const FORWARD: readonly LedgerAction[] = ['appraise', 'plan', 'start_works', 'complete_works', 'accept', 'close_out', 'seal', 'demolish', 'close'];

export function ledgerButtons(ledger: HouseLedger, role: Role): LedgerButton[] {
  // With no case running an appraisal is a re-check, not the case's next step.
  const forwardOf = (a: LedgerAction) => FORWARD.includes(a) && !(a === 'appraise' && ENDED_STATES.includes(ledger.state));
  const moves = ledger.actions.map((a) => ({ key: a, form: formOf(a), primary: forwardOf(a) }));
  const forward = moves.filter((b) => b.primary);
  const side = moves.filter((b) => !b.primary);
  const extra: LedgerButton[] = [];
  const editor = (EDITORS as readonly string[]).includes(role);
  if (editor && CASE_STATES.includes(ledger.state)) {
    if (ledger.plan && !ledger.actions.includes('plan')) extra.push({ key: 'edit_plan', form: { kind: 'plan', edit: true }, primary: false });
    // The server's people-first rule (mustMoveOut) says who must leave; a repaired D house does not.
    if (!ledger.relocation && ledger.mustMoveOut) extra.push({ key: 'relocate', form: { kind: 'relocation' }, primary: true });
    if (ledger.state === 'idle' || ledger.state === 'sealed') extra.push({ key: 'idle_check', form: { kind: 'idle_check' }, primary: false });
  }
  // A household away is tracked until it is home safe, whatever became of the case meanwhile.
  if (editor && ledger.relocation) extra.push({ key: 'return', form: { kind: 'return' }, primary: false });
  // People first: the move-out comes before any other step.
  const urgent = extra.filter((b) => b.primary);
  return [...urgent, ...forward, ...side, ...extra.filter((b) => !b.primary)];
}
