// A house's whole story, oldest first (GET /api/houses/:id/timeline): appraisals with grade and
// appraiser, every state move with who and why, patrol results with their photos, plan saves,
// relocations, idle-house checks, case photos, disaster damage reports and complaints about the house
// (their subject and where they stand: what was said, and by whom, stays with the complaint).
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { gradeKey } from '../../../server/domain/housing.ts';
import type { TimelineEvent } from '../../api/ledger.ts';
import { DAMAGE_COLORS, GRADE_COLORS, LEDGER_STATE_COLORS, MOVE_OUT_COLOR, STOP_RESULT_COLORS } from '../../map/palette.ts';
import { Badge } from '../../ui/Badge.tsx';

const RESULT_COLORS: Record<string, string> = STOP_RESULT_COLORS;

/** The dot's colour: where the house went, the grade found, the patrol's verdict. */
function dotColor(e: TimelineEvent): string {
  if (e.kind === 'transition') return LEDGER_STATE_COLORS[e.to];
  if (e.kind === 'appraisal') return e.habitable === false ? MOVE_OUT_COLOR : GRADE_COLORS[gradeKey(e.grade)];
  if (e.kind === 'stop' && e.result) return RESULT_COLORS[e.result] ?? '#6b7280';
  if (e.kind === 'relocation') return MOVE_OUT_COLOR;
  if (e.kind === 'damage') return DAMAGE_COLORS[e.degree as keyof typeof DAMAGE_COLORS] ?? '#6b7280';
  return '#6b7280';
}

function Photos({ shas }: { shas: readonly string[] }) {
  const { t } = useTranslation();
  if (shas.length === 0) return null;
  return (
    <span className="ledger-photos">
      {shas.map((sha, i) => (
        <a key={sha} href={`/api/photos/${sha}`} target="_blank" rel="noreferrer">
          <img src={`/api/photos/${sha}/thumb`} alt={t('ledger.timeline.photoAlt', { n: i + 1 })} loading="lazy" />
        </a>
      ))}
    </span>
  );
}

function EventBody({ e }: { e: TimelineEvent }): ReactNode {
  const { t } = useTranslation();
  switch (e.kind) {
    case 'transition':
      return (
        <>
          <strong>{t(`ledger.action.${e.action}`)}</strong>
          {e.from !== e.to && (
            <span className="ledger-event__move">
              {t(`status.${e.from}`)} → <b>{t(`status.${e.to}`)}</b>
            </span>
          )}
          {e.reason && <q className="ledger-event__reason">{e.reason}</q>}
        </>
      );
    case 'appraisal': {
      const g = gradeKey(e.grade);
      return (
        <>
          <strong>{t(`ledger.appraisalKind.${e.appraisalKind}`, { defaultValue: t(`appraisalKind.${e.appraisalKind}`, { defaultValue: e.appraisalKind }) })}</strong>
          {e.grade && <Badge color={GRADE_COLORS[g]}>{t(`gradeShort.${g}`)}</Badge>}
          {e.habitable !== null && (
            <Badge color={e.habitable ? '#15803d' : MOVE_OUT_COLOR}>{t(e.habitable ? 'ledger.habitable.yes' : 'ledger.habitable.no')}</Badge>
          )}
          {e.appraiser && <span className="ledger-event__meta">{t('ledger.timeline.appraiser', { name: e.appraiser })}</span>}
          {e.notes && <q className="ledger-event__reason">{e.notes}</q>}
        </>
      );
    }
    case 'stop':
      return (
        <>
          <strong>{t('ledger.timeline.patrol')}</strong>
          {e.result && <span style={{ color: RESULT_COLORS[e.result] }}>{t(`field.result.${e.result}`, { defaultValue: e.result })}</span>}
          {e.notVisited && (
            <span className="ledger-event__meta">
              {t('ledger.timeline.notVisited', { reason: t(`field.notVisited.reason.${e.notVisited}`, { defaultValue: e.notVisited }) })}
            </span>
          )}
          {e.hazards.length > 0 && <span className="ledger-event__meta">{e.hazards.map((h) => t(`hazard.item.${h}`, { defaultValue: h })).join('、')}</span>}
          {e.notes && <q className="ledger-event__reason">{e.notes}</q>}
          <Photos shas={e.photos} />
        </>
      );
    case 'plan':
      return (
        <>
          <strong>{t('ledger.timeline.plan')}</strong>
          <span>
            {t(`ledger.mode.${e.mode}`)}
            {e.guaranteeMode && ` · ${t(`ledger.guaranteeMode.${e.guaranteeMode}`)}`}
          </span>
        </>
      );
    case 'relocation':
      return (
        <>
          <strong>{t('ledger.timeline.relocation')}</strong>
          <span>{t('ledger.relocatedTo', { place: e.place, count: e.people })}</span>
          {e.returnedOn && <span className="ledger-event__meta">{t('ledger.returnedOn', { date: e.returnedOn })}</span>}
        </>
      );
    case 'idle_check':
      return (
        <>
          <strong>{t('ledger.timeline.idleCheck')}</strong>
          <span>
            {t(e.stillEmpty ? 'ledger.idle.empty' : 'ledger.idle.occupied')} · {t(e.signPresent ? 'ledger.idle.sign' : 'ledger.idle.noSign')}
          </span>
          {e.notes && <q className="ledger-event__reason">{e.notes}</q>}
          <Photos shas={e.photos} />
        </>
      );
    case 'damage':
      return (
        <>
          <strong>{t('ledger.timeline.damage')}</strong>
          <span>
            {e.eventName} · {t(`disasters.degree.${e.degree}`, { defaultValue: e.degree })}
          </span>
          {e.habitable !== null && (
            <Badge color={e.habitable ? '#15803d' : MOVE_OUT_COLOR}>{t(e.habitable ? 'ledger.habitable.yes' : 'ledger.habitable.no')}</Badge>
          )}
          {e.late && <span className="ledger-event__late">{t('disasters.late')}</span>}
          {e.notes && <q className="ledger-event__reason">{e.notes}</q>}
          <Photos shas={e.photos} />
        </>
      );
    case 'complaint':
      return (
        <>
          <strong>{t('ledger.timeline.complaint')}</strong>
          <span>{t(`complaints.subject.${e.subject}`, { defaultValue: e.subject })}</span>
          <span className="ledger-event__meta">
            <span className="mono">{e.receiptNo}</span> · {t(`complaints.status.${e.status}`, { defaultValue: e.status })}
          </span>
        </>
      );
    case 'photo':
      return (
        <>
          <strong>{t('ledger.timeline.photo', { stage: t(`ledger.photoStage.${e.stage}`, { defaultValue: e.stage }) })}</strong>
          <Photos shas={[e.sha256]} />
        </>
      );
  }
}

export function LedgerTimeline({ events }: { events: readonly TimelineEvent[] }) {
  const { t } = useTranslation();
  if (events.length === 0) return <p className="drawer__empty">{t('ledger.timeline.empty')}</p>;
  return (
    <ol className="timeline ledger-timeline" data-testid="ledger-timeline">
      {events.map((e, i) => (
        <li key={`${e.at}-${i}`} className="timeline__item ledger-event" data-kind={e.kind} data-action={e.kind === 'transition' ? e.action : undefined}>
          <span className="timeline__dot" style={{ background: dotColor(e) }} aria-hidden="true" />
          {/* One line an event where it fits: the day, what happened, who. */}
          <div className="ledger-event__body">
            <time dateTime={e.on}>{e.on}</time>
            <EventBody e={e} />
            {e.by && <span className="ledger-event__by">{e.by}</span>}
          </div>
        </li>
      ))}
    </ol>
  );
}
