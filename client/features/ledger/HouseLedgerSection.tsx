// 台账 in the household drawer: where the house stands in the ledger (state, works deadline and its
// standing, the plan, the relocation, the people-first warning), the moves this user may make now,
// and the whole story oldest first.
import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Role } from '../../../server/domain/roles.ts';
import { useMe } from '../../api/auth.ts';
import { useHouseLedger, useHouseTimeline, type HouseLedger } from '../../api/ledger.ts';
import { LEDGER_STATE_INK, MOVE_OUT_COLOR, STANDING_COLORS } from '../../map/palette.ts';
import { Badge } from '../../ui/Badge.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { AppraisalDialog } from './AppraisalDialog.tsx';
import { IdleCheckDialog } from './IdleCheckDialog.tsx';
import { ledgerButtons, type LedgerForm } from './ledger-actions.ts';
import { PlanDialog } from './PlanDialog.tsx';
import { RelocationDialog, ReturnDialog } from './RelocationDialog.tsx';
import { LedgerTimeline } from './Timeline.tsx';
import { TransitionDialog } from './TransitionDialog.tsx';
import './ledger.css';

function CaseFacts({ l }: { l: HouseLedger }) {
  const { t } = useTranslation();
  const rows: [string, ReactNode, string?][] = [];
  if (l.case) {
    rows.push([t('ledger.facts.opened'), t('ledger.facts.openedValue', { date: l.case.openedOn, source: t(`ledger.source.${l.case.source}`, { defaultValue: l.case.source }) })]);
    if (l.case.dangerousOn) rows.push([t('ledger.facts.dangerousOn'), l.case.dangerousOn]);
    if (l.case.worksDueOn)
      rows.push([
        t('ledger.facts.worksDue'),
        <span className="ledger-due" style={{ color: l.case.worksStanding ? STANDING_COLORS[l.case.worksStanding] : undefined }}>
          {l.case.worksDueOn}
          {l.case.worksStanding && <b> · {t(`ledger.standing.${l.case.worksStanding}`)}</b>}
        </span>,
        'works-due',
      ]);
  }
  if (l.plan) {
    const who = Object.entries(l.plan.responsible)
      .filter(([, r]) => r?.name)
      .map(([s, r]) => `${t(`ledger.stage.${s}`)} ${r!.name}`)
      .join('；');
    rows.push([
      t('ledger.facts.plan'),
      <>
        {t(`ledger.mode.${l.plan.mode}`)}
        {l.plan.guaranteeMode && ` · ${t(`ledger.guaranteeMode.${l.plan.guaranteeMode}`)}`}
        {(l.plan.plannedStartOn || l.plan.plannedFinishOn) && (
          <small>{t('ledger.facts.planDates', { from: l.plan.plannedStartOn ?? '—', to: l.plan.plannedFinishOn ?? '—' })}</small>
        )}
        {who && <small>{who}</small>}
      </>,
      'plan',
    ]);
  }
  if (l.relocation)
    rows.push([t('ledger.facts.relocation'), t('ledger.relocatedAt', { place: l.relocation.place, count: l.relocation.people, date: l.relocation.movedOn }), 'relocation']);
  if (l.lastIdleCheck)
    rows.push([
      t('ledger.facts.lastIdleCheck'),
      `${l.lastIdleCheck.checkedOn} · ${t(l.lastIdleCheck.stillEmpty ? 'ledger.idle.empty' : 'ledger.idle.occupied')} · ${t(l.lastIdleCheck.signPresent ? 'ledger.idle.sign' : 'ledger.idle.noSign')}`,
    ]);
  if (rows.length === 0) return null;
  return (
    <dl className="facts ledger-facts">
      {rows.map(([label, value, testId]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function FormFor(props: { form: LedgerForm; l: HouseLedger; members: number; onClose(): void }) {
  const { form, l, onClose } = props;
  if (form.kind === 'appraisal') return <AppraisalDialog houseId={l.houseId} emergency={form.emergency} onClose={onClose} />;
  if (form.kind === 'plan') return <PlanDialog houseId={l.houseId} plan={form.edit ? l.plan : null} onClose={onClose} />;
  if (form.kind === 'transition') return <TransitionDialog houseId={l.houseId} action={form.action} onClose={onClose} />;
  if (form.kind === 'relocation') return <RelocationDialog houseId={l.houseId} members={props.members} onClose={onClose} />;
  if (form.kind === 'return' && l.relocation) return <ReturnDialog houseId={l.houseId} relocation={l.relocation} onClose={onClose} />;
  if (form.kind === 'idle_check') return <IdleCheckDialog houseId={l.houseId} onClose={onClose} />;
  return null;
}

export function HouseLedgerSection(props: { houseId: number; members: number }) {
  const { t } = useTranslation();
  const role = (useMe().data?.user.role ?? 'viewer') as Role;
  const ledger = useHouseLedger(props.houseId);
  const timeline = useHouseTimeline(props.houseId);
  const [form, setForm] = useState<LedgerForm | null>(null);
  const l = ledger.data;
  const buttons = l ? ledgerButtons(l, role) : [];

  return (
    <section className="drawer__section ledger-section" aria-labelledby="ledger-section-title" data-testid="ledger-section" data-state={l?.state}>
      <h3 id="ledger-section-title">{t('ledger.section.title')}</h3>
      {ledger.isPending && <p className="drawer__empty">{t('ledger.section.loading')}</p>}
      {ledger.isError && <ErrorNote error={ledger.error} />}
      {l && (
        <>
          <div className="ledger-state">
            <Badge color={LEDGER_STATE_INK[l.state]}>
              <span data-testid="ledger-state">{t(`status.${l.state}`)}</span>
            </Badge>
            {l.case?.worksStanding === 'overdue' && <Badge color={STANDING_COLORS.overdue}>{t('ledger.standing.overdue')}</Badge>}
            {l.alertCovers && <Badge color="#b45309" outline>{t('ledger.section.alertCovers')}</Badge>}
          </div>
          {l.mustMoveOut && (
            <p className="ledger-warning" role="alert" style={{ borderColor: MOVE_OUT_COLOR }} data-testid="must-move-out">
              <strong>{t('ledger.section.mustMoveOut')}</strong> {t('ledger.section.mustMoveOutHint')}
            </p>
          )}
          <CaseFacts l={l} />
          {buttons.length > 0 && (
            <div className="ledger-actions" role="group" aria-label={t('ledger.section.actions')}>
              {buttons.map((b) => (
                <button key={b.key} type="button" className={`button${b.primary ? ' button--primary' : ''}`} data-action={b.key} onClick={() => setForm(b.form)}>
                  {t(`ledger.do.${b.key}`)}
                </button>
              ))}
            </div>
          )}
        </>
      )}
      <h4 className="ledger-section__sub">{t('ledger.timeline.title')}</h4>
      {timeline.isPending && <p className="drawer__empty">{t('ledger.section.loading')}</p>}
      {timeline.isError && <ErrorNote error={timeline.error} />}
      {timeline.data && <LedgerTimeline events={timeline.data} />}
      {form && l && <FormFor form={form} l={l} members={props.members} onClose={() => setForm(null)} />}
    </section>
  );
}
