// One stop: what the inspector found. The checklist, notes and photos first; then one tap on
// 安全 / 存在隐患 / 不可居住 records the result, with the position and time of that tap, into the
// phone's outbox. It counts as done at once; the sync loop sends it when there is signal. A house that
// could not be visited is recorded as 未入户 with its reason (不在家 / 无法到达 / 其他 + note), so the
// task can still be completed with every stop accounted for.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { HazardItem } from '../../../server/domain/hazards.ts';
import type { PatrolStop, PatrolTask } from '../../api/tasks.ts';
import type { NotVisitedReason, QueuedReport, QueuedResult, StopResult } from '../../field/offline-queue.ts';
import { GRADE_COLORS, STRUCTURE_MARKS } from '../../map/palette.ts';
import { gradeKey } from '../../../server/domain/housing.ts';
import { Badge } from '../../ui/Badge.tsx';
import { RiskBadge } from './RiskBadge.tsx';
import { CHECKLIST, isoWithOffset, likelyGroups } from './checklist.ts';
import { DamageReport } from './DamageReport.tsx';
import { PhotoPicker } from './PhotoPicker.tsx';
import { fieldOutbox } from './outbox.ts';
import { shrinkPhoto } from './photo.ts';
import { outcomeOf, outcomeText, type Recorded } from './stop-outcome.ts';
import { StopWay } from './StopWay.tsx';
import type { Fix, PositionStatus } from './use-position.ts';

const MAX_PHOTOS = 10; // the server takes at most ten per result
const NOT_VISITED_REASONS: readonly NotVisitedReason[] = ['not_home', 'unreachable', 'other'];

/** A v4 UUID; crypto.randomUUID needs a secure context, getRandomValues does not (a county LAN over http). */
function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  b[6] = (b[6]! & 0x0f) | 0x40;
  b[8] = (b[8]! & 0x3f) | 0x80;
  const h = [...b].map((x) => x.toString(16).padStart(2, '0')).join('');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export interface StopSheetProps {
  task: PatrolTask;
  stop: PatrolStop;
  /** The newest result for this stop still on the phone, if any. */
  queued: QueuedResult | null;
  username: string;
  position: { status: PositionStatus; current(): Fix | null };
  onClose(): void;
  /** After a result is queued (the screen moves on to the next stop). */
  onRecorded(stopId: number): void;
}

export function StopSheet({ task, stop, queued, username, position, onClose, onRecorded }: StopSheetProps) {
  const { t } = useTranslation();
  const recorded: (Recorded & { hazards: readonly string[]; unsent: boolean }) | null = queued
    ? { ...queued.report, unsent: true }
    : outcomeOf(stop)
      ? { result: stop.result, notVisited: stop.notVisited, hazards: stop.hazards, unsent: false }
      : null;
  const recordedOutcome = outcomeOf(recorded);
  const [editing, setEditing] = useState(recorded === null);
  const [hazards, setHazards] = useState<Set<HazardItem>>(new Set());
  const [notes, setNotes] = useState('');
  const [photos, setPhotos] = useState<File[]>([]);
  const [problem, setProblem] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [reason, setReason] = useState<NotVisitedReason | null>(null);
  const [reasonNote, setReasonNote] = useState('');

  // A new stop starts with a clean form.
  useEffect(() => {
    setEditing(recorded === null);
    setHazards(new Set());
    setNotes('');
    setPhotos([]);
    setProblem(null);
    setReason(null);
    setReasonNote('');
  }, [stop.id]);


  const likely = likelyGroups(stop.structure);
  const toggle = (item: HazardItem) =>
    setHazards((cur) => {
      const next = new Set(cur);
      if (next.has(item)) next.delete(item);
      else next.add(item);
      return next;
    });

  function record(result: StopResult) {
    if (result === 'hazard' && hazards.size === 0) {
      setProblem(t('field.stop.pickHazard'));
      return;
    }
    return save({ result, hazards: result === 'safe' ? [] : [...hazards] });
  }

  function recordNotVisited() {
    const note = reasonNote.trim();
    if (!reason) return;
    if (reason === 'other' && !note) {
      setProblem(t('field.notVisited.noteRequired'));
      return;
    }
    return save({ notVisited: { reason, ...(note ? { note } : {}) }, hazards: [] });
  }

  async function save(what: Pick<QueuedReport, 'result' | 'notVisited' | 'hazards'>) {
    // The moment of the tap: where and when the inspector saw it, whenever it reaches the server.
    const observedAt = isoWithOffset(new Date());
    const fix = position.current();
    setSaving(true);
    setProblem(null);
    try {
      const blobs = await Promise.all(photos.map(async (f) => ({ id: newKey(), blob: await shrinkPhoto(f), name: f.name || 'photo.jpg', sha256: null })));
      const trimmed = notes.trim();
      const outbox = fieldOutbox();
      await outbox.enqueue({
        key: newKey(),
        username,
        taskId: task.id,
        stopId: stop.id,
        report: {
          ...what,
          ...(trimmed ? { notes: trimmed } : {}),
          ...(fix ? { gps: { lon: fix.lon, lat: fix.lat, ...(fix.accuracyM !== null ? { accuracyM: Math.round(fix.accuracyM) } : {}) } } : {}),
          observedAt,
        },
        photos: blobs,
      });
      void outbox.sync(username);
      onRecorded(stop.id);
    } catch (err) {
      setProblem(t('field.stop.saveFailed', { message: err instanceof Error ? err.message : String(err) }));
    } finally {
      setSaving(false);
    }
  }

  const g = gradeKey(stop.grade);
  const fix = position.current();
  return (
    <section className="stop-sheet" aria-labelledby="stop-title" data-stop-id={stop.id}>
      <header className="stop-sheet__head">
        <span className="stop-sheet__seq" aria-hidden="true">
          {stop.seq}
        </span>
        <div className="stop-sheet__who">
          <h2 id="stop-title">{t('field.stop.title', { seq: stop.seq, name: stop.headName })}</h2>
          <span className="mono stop-sheet__no">{stop.householdNo}</span>
        </div>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('drawer.close')} title={t('drawer.close')}>
          ×
        </button>
      </header>
      <div className="stop-sheet__badges">
        <RiskBadge risk={stop.risk} band={stop.riskBand} />
        <Badge color={GRADE_COLORS[g]}>{t(`grade.${g}`)}</Badge>
        <Badge color={STRUCTURE_MARKS[stop.structure as keyof typeof STRUCTURE_MARKS] === 'fragile' ? '#1c1917' : '#6b7280'} outline>
          {t(`structure.${stop.structure}`, { defaultValue: stop.structure })}
        </Badge>
        {stop.key && (
          <Badge color="#7c3aed" outline>
            {t('drawer.key')}
          </Badge>
        )}
        {stop.houseStatus === 'suspected' && <Badge color={GRADE_COLORS.D}>{t('status.suspected')}</Badge>}
      </div>
      <StopWay stop={stop} from={fix} />

      {recorded && recordedOutcome && (
        <div className={`stop-sheet__recorded stop-sheet__recorded--${recordedOutcome}`} role="status">
          <strong>{outcomeText(t, recorded)}</strong>
          {recorded.notVisited?.note && <span>{recorded.notVisited.note}</span>}
          {recorded.hazards.length > 0 && <span>{recorded.hazards.map((h) => t(`hazard.item.${h}`)).join('、')}</span>}
          <span className="stop-sheet__sent">{recorded.unsent ? t('field.stop.unsent') : t('field.stop.sent')}</span>
          {!editing && (
            <button type="button" className="button" onClick={() => setEditing(true)}>
              {t('field.stop.again')}
            </button>
          )}
        </div>
      )}

      {editing && (
        <div className="stop-sheet__form">
          <fieldset className="checklist">
            <legend>{t('field.stop.checklist')}</legend>
            {CHECKLIST.map(({ group, items }) => {
              const body = (
                <div className="checklist__items">
                  {items.map((item) => (
                    <label key={item} className="chip">
                      <input type="checkbox" checked={hazards.has(item)} onChange={() => toggle(item)} />
                      <span>{t(`hazard.item.${item}`)}</span>
                    </label>
                  ))}
                </div>
              );
              const ticked = items.filter((i) => hazards.has(i)).length;
              return likely.has(group) ? (
                <div key={group} className="checklist__group" role="group" aria-label={t(`hazard.group.${group}`)}>
                  <h3>{t(`hazard.group.${group}`)}</h3>
                  {body}
                </div>
              ) : (
                <details key={group} className="checklist__group checklist__group--folded" open={ticked > 0}>
                  <summary>
                    {t(`hazard.group.${group}`)}
                    {ticked > 0 && <span className="checklist__count">{ticked}</span>}
                  </summary>
                  {body}
                </details>
              );
            })}
          </fieldset>

          <label className="field">
            <span>{t('field.stop.notes')}</span>
            <textarea rows={2} maxLength={2000} value={notes} onChange={(e) => setNotes(e.target.value)} placeholder={t('field.stop.notesHint')} />
          </label>

          <PhotoPicker
            photos={photos}
            setPhotos={setPhotos}
            max={MAX_PHOTOS}
            takeLabel={t('field.stop.takePhoto')}
            photoAlt={(n) => t('field.stop.photoAlt', { n })}
            listLabel={t('field.stop.photos', { count: photos.length })}
            removeLabel={(n) => t('field.stop.removePhoto', { n })}
          />

          <p className={`stop-sheet__gps stop-sheet__gps--${position.status}`}>
            {fix
              ? t('field.gps.fix', { accuracy: fix.accuracyM === null ? '?' : Math.round(fix.accuracyM) })
              : t(`field.gps.${position.status === 'ok' ? 'stale' : position.status}`)}
          </p>

          <details className="not-visited" key={stop.id}>
            <summary>{t('field.notVisited.action')}</summary>
            <fieldset>
              <legend>{t('field.notVisited.title')}</legend>
              <div className="checklist__items">
                {NOT_VISITED_REASONS.map((r) => (
                  <label key={r} className="chip">
                    <input type="radio" name={`not-visited-${stop.id}`} checked={reason === r} onChange={() => setReason(r)} />
                    <span>{t(`field.notVisited.reason.${r}`)}</span>
                  </label>
                ))}
              </div>
              {reason && (
                <label className="field">
                  <span>{t('field.notVisited.note')}</span>
                  <input
                    type="text"
                    maxLength={500}
                    required={reason === 'other'}
                    value={reasonNote}
                    onChange={(e) => {
                      setReasonNote(e.target.value);
                      setProblem(null);
                    }}
                    placeholder={t('field.notVisited.noteHint')}
                  />
                </label>
              )}
              <button type="button" className="button" disabled={saving || !reason} onClick={() => void recordNotVisited()}>
                {t('field.notVisited.record')}
              </button>
            </fieldset>
          </details>

          {problem && (
            <p className="stop-sheet__problem" role="alert">
              {problem}
            </p>
          )}

          <div className="results" role="group" aria-label={t('field.stop.resultLabel')}>
            <button
              type="button"
              className="results__button results__button--safe"
              disabled={saving || hazards.size > 0}
              title={hazards.size > 0 ? t('field.stop.safeWithHazards') : undefined}
              onClick={() => void record('safe')}
            >
              {t('field.result.safe')}
            </button>
            <button type="button" className="results__button results__button--hazard" disabled={saving} onClick={() => void record('hazard')}>
              {t('field.result.hazard')}
            </button>
            <button
              type="button"
              className="results__button results__button--uninhabitable"
              disabled={saving}
              onClick={() => void record('uninhabitable')}
            >
              {t('field.result.uninhabitable')}
            </button>
          </div>
        </div>
      )}

      <DamageReport houseId={stop.houseId} />
    </section>
  );
}
