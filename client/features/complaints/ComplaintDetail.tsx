// One complaint beside the list: what was reported, where, by whom (masked), its answer, the moves its
// status allows this user (the server's `actions`), and its whole history, oldest first.
import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '../../api/auth.ts';
import { useComplaint, useComplaintAssignees, useMoveComplaint, useSuspectHouseFromComplaint, useUnmaskComplaint, type ComplaintView } from '../../api/complaints.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { Standing, StatusBadge } from './badges.tsx';

export function ComplaintDetail(props: { id: number; me: NonNullable<Me>; onClose(): void }) {
  const { t } = useTranslation();
  const view = useComplaint(props.id);
  return (
    <aside className="complaint-detail" aria-label={t('complaints.detail.label')} data-testid="complaint-detail">
      <button type="button" className="icon-button complaint-detail__close" onClick={props.onClose} aria-label={t('complaints.detail.close')} title={t('complaints.detail.close')}>
        ×
      </button>
      {view.isPending && <p>{t('app.loading')}</p>}
      {view.isError && <ErrorNote error={view.error} />}
      {view.data && <Loaded v={view.data} />}
    </aside>
  );
}

function Loaded({ v }: { v: ComplaintView }) {
  const { t } = useTranslation();
  const c = v.complaint;
  return (
    <>
      <header className="complaint-detail__head">
        <h2 className="mono">{c.receiptNo}</h2>
        <StatusBadge status={c.status} />
        <Standing standing={c.standing} />
      </header>
      <dl className="complaint-facts">
        <Fact label={t('complaints.detail.subject')}>{t(`complaints.subject.${c.subject}`)}</Fact>
        <Fact label={t('complaints.detail.channel')}>{t(`complaints.channel.${c.channel}`)}</Fact>
        <Fact label={t('complaints.detail.receivedOn')}>
          <span className="mono">{c.receivedOn}</span>
        </Fact>
        <Fact label={t('complaints.detail.dueOn')}>
          <span className="mono">{c.dueOn}</span>
        </Fact>
        <Fact label={t('complaints.detail.place')}>
          {c.township ? [c.township.name, c.village?.name].filter(Boolean).join(' · ') : t('complaints.unplaced')}
          {c.place && <small className="complaint-facts__more">{c.place}</small>}
        </Fact>
        {c.house && (
          <Fact label={t('complaints.detail.house')}>
            <a href={`/?h=${c.house.householdId}`} className="mono">
              {c.house.householdNo}
            </a>
          </Fact>
        )}
        <Fact label={t('complaints.detail.assignee')}>{c.assignee?.displayName ?? '—'}</Fact>
        <Fact label={t('complaints.detail.contact')}>
          <Contact v={v} />
        </Fact>
      </dl>
      <section className="complaint-detail__section">
        <h3>{t('complaints.detail.content')}</h3>
        <p className="complaint-detail__text" data-testid="complaint-content">
          {c.content}
        </p>
      </section>
      {c.answer && (
        <section className="complaint-detail__section complaint-detail__answer">
          <h3>{t('complaints.detail.answer', { date: c.answeredOn, who: c.answeredBy?.displayName ?? '' })}</h3>
          <p className="complaint-detail__text">{c.answer}</p>
        </section>
      )}
      {v.actions.length > 0 && <Actions v={v} />}
      {v.maySuspectHouse && <SuspectHouse id={v.complaint.id} />}
      <History v={v} />
    </>
  );
}

function Fact(props: { label: string; children: ReactNode }) {
  return (
    <div className="complaint-facts__row">
      <dt>{props.label}</dt>
      <dd>{props.children}</dd>
    </div>
  );
}

/** The masked contact; county roles may see it in clear with a reason (audited), kept in this component only. */
function Contact({ v }: { v: ComplaintView }) {
  const { t } = useTranslation();
  const unmask = useUnmaskComplaint(v.complaint.id);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [clear, setClear] = useState<{ contactName: string | null; contactPhone: string | null } | null>(null);
  const c = v.complaint;
  const shown = clear ?? { contactName: c.contactName, contactPhone: c.contactPhone };
  if (!shown.contactName && !shown.contactPhone) return <span className="complaints__none">{t('complaints.detail.anonymous')}</span>;
  return (
    <span className="complaint-contact">
      <span className="mono" data-testid="complaint-contact">
        {[shown.contactName, shown.contactPhone].filter(Boolean).join(' · ')}
      </span>
      {v.mayUnmask && !clear && !asking && (
        <button type="button" className="button button--quiet complaint-contact__show" onClick={() => setAsking(true)}>
          {t('complaints.detail.unmask')}
        </button>
      )}
      {asking && (
        <form
          className="complaint-contact__ask"
          onSubmit={(e) => {
            e.preventDefault();
            unmask.mutate(reason.trim(), {
              onSuccess: (res) => {
                setClear(res);
                setAsking(false);
                unmask.reset();
              },
            });
          }}
        >
          <input value={reason} minLength={4} maxLength={500} required placeholder={t('complaints.detail.unmaskReason')} onChange={(e) => setReason(e.target.value)} />
          <button type="submit" className="button" disabled={reason.trim().length < 4 || unmask.isPending}>
            {t('complaints.detail.unmaskSubmit')}
          </button>
          {unmask.isError && <ErrorNote error={unmask.error} context="unmask" values={{ min: 4 }} />}
        </form>
      )}
    </span>
  );
}

/** A complaint that a named house is dangerous puts it in the ledger as suspected (疑似危房), awaiting appraisal. */
function SuspectHouse({ id }: { id: number }) {
  const { t } = useTranslation();
  const suspect = useSuspectHouseFromComplaint(id);
  return (
    <section className="complaint-detail__section" data-testid="complaint-suspect-house">
      <p className="complaint-detail__hint">{t('complaints.suspectHouse.hint')}</p>
      {suspect.isError && <ErrorNote error={suspect.error} />}
      <button type="button" className="button" disabled={suspect.isPending} onClick={() => suspect.mutate()}>
        {t('complaints.suspectHouse.action')}
      </button>
    </section>
  );
}

function Actions({ v }: { v: ComplaintView }) {
  const { t } = useTranslation();
  const move = useMoveComplaint(v.complaint.id);
  const can = (a: string) => (v.actions as string[]).includes(a);
  return (
    <section className="complaint-detail__section complaint-actions" data-testid="complaint-actions">
      <h3>{t('complaints.detail.work')}</h3>
      {move.isError && <ErrorNote error={move.error} />}
      {can('assign') && (v.complaint.status === 'received' ? <AssignForm v={v} move={move} /> : (
        <details className="complaint-actions__more">
          <summary>{t('complaints.action.reassign')}</summary>
          <AssignForm v={v} move={move} />
        </details>
      ))}
      {can('investigate') && (
        <NoteForm
          label={t('complaints.form.investigateNote')}
          submit={t('complaints.action.investigate')}
          min={2}
          busy={move.isPending}
          onSubmit={(note, done) => move.mutate({ action: 'investigate', note }, { onSuccess: done })}
        />
      )}
      {can('answer') && (
        <NoteForm
          label={t('complaints.form.answer')}
          submit={t('complaints.action.answer')}
          min={5}
          rows={4}
          primary
          busy={move.isPending}
          onSubmit={(answer, done) => move.mutate({ action: 'answer', answer }, { onSuccess: done })}
        />
      )}
      {can('close') && (
        <button type="button" className="button button--primary" disabled={move.isPending} onClick={() => move.mutate({ action: 'close' })}>
          {t('complaints.action.close')}
        </button>
      )}
    </section>
  );
}

function AssignForm({ v, move }: { v: ComplaintView; move: ReturnType<typeof useMoveComplaint> }) {
  const { t } = useTranslation();
  const people = useComplaintAssignees(v.complaint.id);
  const [assigneeId, setAssigneeId] = useState('');
  return (
    <form
      className="complaint-actions__form"
      onSubmit={(e) => {
        e.preventDefault();
        if (assigneeId) move.mutate({ action: 'assign', assigneeId: Number(assigneeId) }, { onSuccess: () => setAssigneeId('') });
      }}
    >
      <label className="field">
        <span>{t('complaints.form.assignee')}</span>
        <select value={assigneeId} required onChange={(e) => setAssigneeId(e.target.value)}>
          <option value="">{t('complaints.form.chooseAssignee')}</option>
          {people.data
            ?.filter((p) => p.id !== v.complaint.assignee?.id)
            .map((p) => (
              <option key={p.id} value={p.id}>
                {`${p.displayName} · ${p.regionName}`}
              </option>
            ))}
        </select>
      </label>
      <button type="submit" className="button button--primary" disabled={!assigneeId || move.isPending}>
        {t('complaints.action.assign')}
      </button>
    </form>
  );
}

function NoteForm(props: { label: string; submit: string; min: number; rows?: number; primary?: boolean; busy: boolean; onSubmit(text: string, done: () => void): void }) {
  const [text, setText] = useState('');
  const trimmed = text.trim();
  const submit = (e: FormEvent) => {
    e.preventDefault();
    props.onSubmit(trimmed, () => setText(''));
  };
  return (
    <form className="complaint-actions__form" onSubmit={submit}>
      <label className="field">
        <span>{props.label}</span>
        <textarea rows={props.rows ?? 2} maxLength={2000} value={text} onChange={(e) => setText(e.target.value)} />
      </label>
      <button type="submit" className={`button${props.primary ? ' button--primary' : ''}`} disabled={trimmed.length < props.min || props.busy}>
        {props.submit}
      </button>
    </form>
  );
}

function History({ v }: { v: ComplaintView }) {
  const { t, i18n } = useTranslation();
  const fmt = new Intl.DateTimeFormat(i18n.language, { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' });
  return (
    <section className="complaint-detail__section">
      <h3>{t('complaints.detail.history')}</h3>
      <ol className="complaint-history" data-testid="complaint-history">
        {v.events.map((e) => (
          <li key={e.id} className={`complaint-history__item complaint-history__item--${e.action}`}>
            <time dateTime={e.at}>{fmt.format(new Date(e.at))}</time>
            <span className="complaint-history__what">
              <strong>{t(`complaints.event.${e.action}`)}</strong>
              {e.action === 'assign' && e.assignee && <> → {e.assignee.displayName}</>}
              <small> · {e.by ? e.by.displayName : t('complaints.event.public')}</small>
            </span>
            {e.note && <q className="complaint-history__note">{e.note}</q>}
          </li>
        ))}
      </ol>
    </section>
  );
}
