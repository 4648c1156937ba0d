// Disaster damage on the board (灾损上报, seed 002): open an event, and for each event the houses
// reported damaged — how many, how badly, how many not fit to live in — with the ones reported after
// the third day flagged. Reports themselves come from the field view (or the county's staff).
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { DAMAGE_DEGREES, DISASTER_TYPES, type DisasterType } from '../../../server/domain/disasters.ts';
import { useCreateDisaster, useDisaster, useDisasters, type DisasterEvent } from '../../api/disasters.ts';
import { DAMAGE_COLORS } from '../../map/palette.ts';
import { appLink } from '../../navigation.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

function NewEvent({ today, onDone }: { today: string; onDone(): void }) {
  const { t } = useTranslation();
  const create = useCreateDisaster();
  const [name, setName] = useState('');
  const [type, setType] = useState<DisasterType>('flood');
  const [occurredOn, setOccurredOn] = useState(today);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate({ name: name.trim(), type, occurredOn }, { onSuccess: onDone });
  };
  return (
    <form className="disaster-form" onSubmit={submit} data-testid="new-disaster">
      <label className="field">
        <span>{t('disasters.name')}</span>
        <input required minLength={2} maxLength={100} value={name} onChange={(e) => setName(e.target.value)} placeholder={t('disasters.nameHint')} />
      </label>
      <div className="disaster-form__row">
        <label className="field">
          <span>{t('disasters.type')}</span>
          <select value={type} onChange={(e) => setType(e.target.value as DisasterType)}>
            {DISASTER_TYPES.map((x) => (
              <option key={x} value={x}>
                {t(`disasters.types.${x}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('disasters.occurredOn')}</span>
          <input type="date" required max={today} value={occurredOn} onChange={(e) => setOccurredOn(e.target.value)} />
        </label>
      </div>
      {create.isError && <ErrorNote error={create.error} />}
      <div className="disaster-form__actions">
        <button type="button" className="button button--quiet" onClick={onDone}>
          {t('dispatch.preview.cancel')}
        </button>
        <button type="submit" className="button button--primary" disabled={create.isPending || name.trim().length < 2}>
          {t('disasters.create')}
        </button>
      </div>
    </form>
  );
}

function Reports({ eventId }: { eventId: number }) {
  const { t } = useTranslation();
  const detail = useDisaster(eventId);
  if (detail.isPending) return <p className="dispatch-empty">{t('app.loading')}</p>;
  if (detail.isError) return <ErrorNote error={detail.error} />;
  if (detail.data.reports.length === 0) return <p className="dispatch-empty">{t('disasters.noReports')}</p>;
  return (
    <ol className="damage-list">
      {detail.data.reports.map((r) => (
        <li key={r.id} data-late={r.late} data-testid="damage-report">
          <span>
            <a {...appLink(`/?h=${r.householdId}`)}>{r.headName}</a> <small>{r.villageName}</small>
          </span>
          <span style={{ color: DAMAGE_COLORS[r.degree] }}>{t(`disasters.degree.${r.degree}`)}</span>
          <span>{r.habitable === false ? t('disasters.uninhabitable') : r.habitable ? t('disasters.habitable') : ''}</span>
          <span className="mono">
            {r.firstReportedOn}
            {r.late && <strong className="damage-list__late">{t('disasters.late')}</strong>}
          </span>
        </li>
      ))}
    </ol>
  );
}

function EventRow({ event, open, onToggle }: { event: DisasterEvent; open: boolean; onToggle(): void }) {
  const { t } = useTranslation();
  const c = event.counts;
  return (
    <li className="disaster" data-testid="disaster" data-late={c.late > 0}>
      <button type="button" className="disaster__head link-button" aria-expanded={open} onClick={onToggle}>
        <strong>{event.name}</strong>
        <small>
          {t(`disasters.types.${event.type}`)} · {event.occurredOn} · {t('disasters.dueOn', { date: event.dueOn })}
          {event.townshipName ? ` · ${event.townshipName}` : ''}
        </small>
      </button>
      <p className="disaster__counts">
        {t('disasters.reported', { count: c.reported })}
        {c.late > 0 && <strong className="overdue"> · {t('disasters.lateCount', { count: c.late })}</strong>}
        {c.uninhabitable > 0 && <span> · {t('disasters.uninhabitableCount', { count: c.uninhabitable })}</span>}
        {DAMAGE_DEGREES.filter((d) => c.byDegree[d] > 0).map((d) => (
          <span key={d} style={{ color: DAMAGE_COLORS[d] }}>
            {' · '}
            {t(`disasters.degree.${d}`)} {c.byDegree[d]}
          </span>
        ))}
      </p>
      {open && <Reports eventId={event.id} />}
    </li>
  );
}

export function DisastersPanel({ canCreate }: { canCreate: boolean }) {
  const { t } = useTranslation();
  const list = useDisasters();
  const [creating, setCreating] = useState(false);
  const [open, setOpen] = useState<number | null>(null);
  if (list.isPending) return <p className="dispatch-empty">{t('app.loading')}</p>;
  if (list.isError) return <ErrorNote error={list.error} />;
  return (
    <div className="disasters">
      {canCreate && !creating && (
        <button type="button" className="button" onClick={() => setCreating(true)}>
          {t('disasters.new')}
        </button>
      )}
      {creating && <NewEvent today={list.data.today} onDone={() => setCreating(false)} />}
      {list.data.events.length === 0 ? (
        <p className="dispatch-empty">{t('disasters.none')}</p>
      ) : (
        <ul className="disaster-list">
          {list.data.events.map((e) => (
            <EventRow key={e.id} event={e} open={open === e.id} onToggle={() => setOpen(open === e.id ? null : e.id)} />
          ))}
        </ul>
      )}
    </div>
  );
}
