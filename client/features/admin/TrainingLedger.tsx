// The training ledger (培训台账, seed 001: untrained staff may not appraise or inspect): who is trained
// where, whose training has lapsed or lapses within 90 days (highlighted), and a form to record one.
import { useMemo, useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useRegions } from '../../api/regions.ts';
import { useRecordTraining, useTrainings, type Training } from '../../api/trainings.ts';
import { useUsers, type UserAccount } from '../../api/users.ts';
import { LAPSING_SOON_DAYS, trainedUntil, trainingStanding, type TrainingStanding } from '../../../server/domain/training-standing.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { townshipOf } from './regions.ts';

/** Who is sent on patrols (server/db/dispatch.ts pickAssignee), so whose training matters. */
const PATROLLERS = new Set(['inspector', 'township_staff']);
const STANDINGS: TrainingStanding[] = ['lapsed', 'lapsing', 'none', 'valid'];
const COURSE = '农村住房安全隐患排查培训';

const isoDay = (d: Date) => d.toISOString().slice(0, 10);

interface Row {
  user: UserAccount;
  standing: TrainingStanding;
  until: string | null;
  last: Training | undefined;
}

export function TrainingLedger() {
  const { t } = useTranslation();
  const users = useUsers();
  const trainings = useTrainings();
  const today = isoDay(new Date());
  const [standing, setStanding] = useState<string>('');
  const [township, setTownship] = useState('');
  const rows = useMemo<Row[]>(() => {
    const byUser = new Map<number, Training[]>();
    for (const tr of trainings.data ?? []) byUser.set(tr.userId, [...(byUser.get(tr.userId) ?? []), tr]);
    return (users.data ?? [])
      .filter((u) => u.active && (PATROLLERS.has(u.role) || byUser.has(u.id)))
      .map((u) => {
        const records = byUser.get(u.id) ?? [];
        return { user: u, standing: trainingStanding(records, today), until: trainedUntil(records, today), last: records[0] };
      })
      .sort((a, b) => STANDINGS.indexOf(a.standing) - STANDINGS.indexOf(b.standing) || a.user.regionCode.localeCompare(b.user.regionCode));
  }, [users.data, trainings.data, today]);
  const counts = Object.fromEntries(STANDINGS.map((s) => [s, rows.filter((r) => r.standing === s).length])) as Record<TrainingStanding, number>;
  const regions = useRegions();
  const towns = useMemo(() => (regions.data?.children ?? []).map((r) => [r.code, r.name] as const), [regions.data]);
  const shown = rows.filter((r) => (!standing || r.standing === standing) && (!township || townshipOf(r.user.regionCode) === township));
  const townName = (code: string) => towns.find(([c]) => c === townshipOf(code))?.[1];

  return (
    <section className="admin-section" aria-labelledby="trainings-title">
      <div className="admin-section__head">
        <h1 id="trainings-title">{t('admin.trainings.title')}</h1>
        <p className="admin-section__intro">{t('admin.trainings.intro', { days: LAPSING_SOON_DAYS })}</p>
      </div>
      <div className="admin-counts" data-testid="training-counts">
        {STANDINGS.map((s) => (
          <button
            key={s}
            type="button"
            className={`admin-count admin-count--${s}`}
            aria-pressed={standing === s}
            onClick={() => setStanding(standing === s ? '' : s)}
          >
            <strong>{counts[s]}</strong>
            <span>{t(`admin.trainings.standing.${s}`)}</span>
          </button>
        ))}
      </div>
      <RecordTraining users={rows.map((r) => r.user)} today={today} />
      <form className="admin-filters" onSubmit={(e) => e.preventDefault()}>
        <label className="field">
          <span>{t('admin.users.township')}</span>
          <select value={township} onChange={(e) => setTownship(e.target.value)}>
            <option value="">{t('admin.any')}</option>
            {towns.map(([code, name]) => (
              <option key={code} value={code}>
                {name}
              </option>
            ))}
          </select>
        </label>
      </form>
      {(users.isError || trainings.isError) && <ErrorNote error={users.error ?? trainings.error} />}
      <p className="admin-summary" role="status">
        {users.isPending || trainings.isPending ? t('app.loading') : t('admin.trainings.summary', { count: shown.length })}
      </p>
      {shown.length > 0 && (
        <table className="admin-table" data-testid="training-table">
          <thead>
            <tr>
              <th scope="col">{t('admin.users.name')}</th>
              <th scope="col">{t('admin.users.region')}</th>
              <th scope="col">{t('admin.trainings.course')}</th>
              <th scope="col">{t('admin.trainings.until')}</th>
              <th scope="col">{t('admin.trainings.standingCol')}</th>
            </tr>
          </thead>
          <tbody>
            {shown.map((r) => (
              <tr key={r.user.id} data-testid="training-row" data-standing={r.standing} className={`admin-table__row--${r.standing}`}>
                <td data-label={t('admin.users.name')}>
                  <strong>{r.user.displayName}</strong>
                  <small>{t(`role.${r.user.role}`)}</small>
                </td>
                <td data-label={t('admin.users.region')}>
                  {r.user.regionName}
                  {r.user.regionLevel === 'village' && townName(r.user.regionCode) && <small>{townName(r.user.regionCode)}</small>}
                </td>
                <td data-label={t('admin.trainings.course')}>
                  {r.last ? (
                    <>
                      {r.last.course}
                      <small>{t('admin.trainings.trainedOn', { date: r.last.trainedOn })}</small>
                    </>
                  ) : (
                    <span className="admin-none">—</span>
                  )}
                </td>
                <td data-label={t('admin.trainings.until')} className="mono">
                  {r.until ?? (r.standing === 'valid' ? t('admin.trainings.noEnd') : '—')}
                </td>
                <td data-label={t('admin.trainings.standingCol')}>
                  <span className={`admin-tag admin-tag--${r.standing}`}>{t(`admin.trainings.standing.${r.standing}`)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}

function RecordTraining(props: { users: UserAccount[]; today: string }) {
  const { t } = useTranslation();
  const record = useRecordTraining();
  const [who, setWho] = useState('');
  const [course, setCourse] = useState(COURSE);
  const [trainedOn, setTrainedOn] = useState(props.today);
  // Two years, as the county's courses are valid (seed data: 2026-03-15 → 2028-03-15).
  const [validUntil, setValidUntil] = useState(`${Number(props.today.slice(0, 4)) + 2}${props.today.slice(4)}`);
  const [missing, setMissing] = useState(false);
  const user = props.users.find((u) => u.username === who.trim());
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setMissing(!user);
    if (!user) return;
    record.mutate({ userId: user.id, course: course.trim(), trainedOn, validUntil: validUntil || null }, { onSuccess: () => setWho('') });
  };
  return (
    <form className="admin-record" onSubmit={submit} data-testid="record-training">
      <h2>{t('admin.trainings.record')}</h2>
      <label className="field">
        <span>{t('admin.trainings.who')}</span>
        <input type="search" list="training-users" required value={who} placeholder={t('admin.trainings.whoPlaceholder')} autoComplete="off" onChange={(e) => setWho(e.target.value)} />
        <datalist id="training-users">
          {props.users.map((u) => (
            <option key={u.id} value={u.username}>
              {`${u.displayName} · ${u.regionName}`}
            </option>
          ))}
        </datalist>
      </label>
      <label className="field">
        <span>{t('admin.trainings.course')}</span>
        <input required minLength={2} maxLength={100} value={course} onChange={(e) => setCourse(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('admin.trainings.trainedOnLabel')}</span>
        <input type="date" required value={trainedOn} max={props.today} onChange={(e) => setTrainedOn(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('admin.trainings.validUntil')}</span>
        <input type="date" value={validUntil} min={trainedOn} onChange={(e) => setValidUntil(e.target.value)} />
      </label>
      <button type="submit" className="button button--primary" disabled={record.isPending}>
        {record.isPending ? t('admin.saving') : t('admin.trainings.recordSubmit')}
      </button>
      {missing && <p className="admin-bad">{t('admin.trainings.unknownUser')}</p>}
      {record.isError && <ErrorNote error={record.error} />}
      {record.isSuccess && !record.isPending && (
        <p className="admin-ok" role="status">
          {t('admin.trainings.recorded')}
        </p>
      )}
    </form>
  );
}
