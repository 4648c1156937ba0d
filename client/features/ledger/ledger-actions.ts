// Which buttons the household's ledger section offers, and which form each opens. The machine's moves
// come from the server (`actions` in HouseLedger: state × role × jurisdiction × alert); the facts that
// move nothing — a relocation, the return home, an idle-house check, editing a saved plan — are offered
// to the editors when the state makes them meaningful, and the server has the last word.
import { EDITORS, type Role } from '../../../server/domain/roles.ts';
import { CASE_STATES } from '../../../server/domain/ledger-states.ts';
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
  const moves = ledger.actions.map((a) => ({ key: a, form: formOf(a), primary: FORWARD.includes(a) }));
  const forward = moves.filter((b) => b.primary);
  const side = moves.filter((b) => !b.primary);
  const extra: LedgerButton[] = [];
  if ((EDITORS as readonly string[]).includes(role) && CASE_STATES.includes(ledger.state)) {
    if (ledger.plan && !ledger.actions.includes('plan')) extra.push({ key: 'edit_plan', form: { kind: 'plan', edit: true }, primary: false });
    if (ledger.relocation) extra.push({ key: 'return', form: { kind: 'return' }, primary: false });
    // The server's people-first rule (mustMoveOut) says who must leave; a repaired D house does not.
    else if (ledger.mustMoveOut) extra.push({ key: 'relocate', form: { kind: 'relocation' }, primary: true });
    if (ledger.state === 'idle' || ledger.state === 'sealed') extra.push({ key: 'idle_check', form: { kind: 'idle_check' }, primary: false });
  }
  // People first: the move-out comes before any other step.
  const urgent = extra.filter((b) => b.primary);
  return [...urgent, ...forward, ...side, ...extra.filter((b) => !b.primary)];
}
