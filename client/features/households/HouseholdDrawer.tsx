import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useHousehold, type HouseholdDetail } from '../../api/households.ts';
import { GRADE_COLORS, LEDGER_STATE_INK, REPAIRED_C_COLOR, STRUCTURE_MARKS } from '../../map/palette.ts';
import { LEDGER_STATES, type LedgerState } from '../../../server/domain/ledger-states.ts';
import { appLink } from '../../navigation.ts';
import { HouseLedgerSection } from '../ledger/HouseLedgerSection.tsx';
import { gradeKey } from '../../../server/domain/housing.ts';
import { Badge } from '../../ui/Badge.tsx';
import { Drawer } from '../../ui/Drawer.tsx';
import { UnmaskPanel } from './UnmaskPanel.tsx';
import { ErrorNote } from '../../ui/ErrorNote.tsx';

/** How the coordinate systems are written on maps and in county offices. */
const CRS_SHOWN: Record<string, string> = { cgcs2000: 'CGCS2000', gcj02: 'GCJ-02', bd09: 'BD-09' };

function Facts({ rows }: { rows: [label: string, value: ReactNode, testId?: string][] }) {
  return (
    <dl className="facts">
      {rows.map(([label, value, testId]) => (
        <div key={label} className="facts__row">
          <dt>{label}</dt>
          <dd data-testid={testId}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

const isLedgerState = (s: string): s is LedgerState => (LEDGER_STATES as readonly string[]).includes(s);

function HouseholdBody({ h, mapLink }: { h: HouseholdDetail; mapLink: boolean }) {
  const { t, i18n } = useTranslation();
  const dash = t('drawer.unknown');
  const num = (v: number | null, key: string) => (v === null ? dash : t(key, { value: Math.round(v).toLocaleString(i18n.language) }));
  const g = gradeKey(h.house.grade);
  const sep = i18n.language === 'en' ? ' › ' : ' › ';
  return (
    <>
      <div className="drawer__badges">
        <Badge color={GRADE_COLORS[g]}>{t(`grade.${g}`)}</Badge>
        <Badge color={STRUCTURE_MARKS[h.house.structure] === 'fragile' ? '#1c1917' : '#6b7280'} outline>
          {t(`structure.${h.house.structure}`)}
        </Badge>
        {h.house.key && <Badge color="#7c3aed" outline>{t('drawer.key')}</Badge>}
        {h.house.repairedC && <Badge color={REPAIRED_C_COLOR} outline>{t('drawer.repairedC')}</Badge>}
        {/* Gone from the civil-affairs name list (issue 13): kept, with its house and history. */}
        {h.delistedOn && (
          <Badge color="#6b7280" outline>
            {t('imports.drawer.delisted', { date: h.delistedOn })}
          </Badge>
        )}
        {/* A name-list newcomer's house stands at its village's centre with a placeholder structure until surveyed. */}
        {h.house.locationEstimated && (
          <Badge color="#b45309" outline>
            {t('imports.drawer.locationEstimated')}
          </Badge>
        )}
        {h.house.structureEstimated && (
          <Badge color="#b45309" outline>
            {t('imports.drawer.structureEstimated')}
          </Badge>
        )}
        {h.house.sourceCrs && h.house.sourceCrs !== 'wgs84' && (
          <Badge color="#6b7280" outline>
            {t('imports.drawer.sourceCrs', { crs: CRS_SHOWN[h.house.sourceCrs] ?? h.house.sourceCrs })}
          </Badge>
        )}
        {h.house.status !== 'monitoring' && (
          <Badge color={isLedgerState(h.house.status) ? LEDGER_STATE_INK[h.house.status] : GRADE_COLORS.D}>
            {t(`status.${h.house.status}`, { defaultValue: h.house.status })}
          </Badge>
        )}
      </div>
      <p className="drawer__path" data-testid="region-path">
        {[h.region.township.name, h.region.village.name, h.region.group.name].join(sep)}
        {mapLink && (
          <a className="drawer__map-link" {...appLink(`/?h=${h.id}`)}>
            {t('ledger.section.onMap')}
          </a>
        )}
      </p>

      {/* 台账: the case, what may be done now, and the whole story. */}
      <HouseLedgerSection houseId={h.house.id} members={h.members} />

      <section className="drawer__section">
        <h3>{t('drawer.household')}</h3>
        <Facts
          rows={[
            [t('drawer.householdNo'), <span className="mono">{h.householdNo}</span>],
            [t('drawer.idCard'), <span className="mono" title={t('drawer.masked')}>{h.idCard}</span>, 'id-card'],
            [t('drawer.phone'), h.phone ? <span className="mono">{h.phone}</span> : dash, 'phone'],
          ]}
        />
        {/* County roles only: the clear numbers, with a reason, recorded in the audit log. */}
        <UnmaskPanel householdId={h.id} />
        <Facts
          rows={[
            [t('drawer.members'), t('drawer.membersValue', { count: h.members })],
            [t('drawer.composition'), t('drawer.compositionValue', { elderly: h.elderly, disabled: h.disabled, children: h.children })],
            [t('drawer.category'), t(`category.${h.category}`, { defaultValue: h.category })],
            [t('drawer.guaranteeMode'), t([`guaranteeMode.${h.guaranteeMode}`, `imports.value.guarantee_mode.${h.guaranteeMode}`], { defaultValue: h.guaranteeMode })],
            [t('drawer.livingAway'), h.livingAway ? t('drawer.yes') : t('drawer.no')],
          ]}
        />
      </section>

      <section className="drawer__section">
        <h3>{t('drawer.house')}</h3>
        <Facts
          rows={[
            [t('drawer.structure'), t(`structure.${h.house.structure}`)],
            [t('drawer.storeys'), t('drawer.storeysValue', { count: h.house.storeys })],
            [t('drawer.builtYear'), h.house.builtYear ?? dash],
            [t('drawer.floorArea'), num(h.house.floorArea, 'drawer.floorAreaValue')],
            [t('drawer.grade'), t(`grade.${g}`)],
            [t('drawer.appraisedOn'), h.house.appraisedOn ?? dash],
            [t('drawer.elevation'), num(h.house.elevationM, 'drawer.elevationValue')],
            [t('drawer.riverDist'), num(h.house.riverDistM, 'drawer.riverDistValue')],
            [t('drawer.coordinates'), <span className="mono">{`${h.house.lon.toFixed(5)}, ${h.house.lat.toFixed(5)}`}</span>],
          ]}
        />
      </section>

      <section className="drawer__section">
        <h3>{t('drawer.appraisals')}</h3>
        {h.appraisals.length === 0 ? (
          <p className="drawer__empty">{t('drawer.noAppraisals')}</p>
        ) : (
          <ol className="timeline" data-testid="appraisals">
            {h.appraisals.map((a) => (
              <li key={a.id} className="timeline__item">
                <span className="timeline__dot" style={{ background: GRADE_COLORS[a.grade] }} aria-hidden="true" />
                <div>
                  <div className="timeline__head">
                    <time dateTime={a.appraisedOn}>{a.appraisedOn}</time>
                    <Badge color={GRADE_COLORS[a.grade]}>{t(`gradeShort.${a.grade}`)}</Badge>
                    <span>{t(`appraisalKind.${a.kind}`, { defaultValue: a.kind })}</span>
                  </div>
                  {(a.appraiser || a.org) && (
                    <div className="timeline__meta">{[a.org, a.appraiser].filter(Boolean).join(' · ')}</div>
                  )}
                </div>
              </li>
            ))}
          </ol>
        )}
      </section>

      <section className="drawer__section">
        <h3>{t('drawer.renovations')}</h3>
        {h.renovations.length === 0 ? (
          <p className="drawer__empty">{t('drawer.noRenovations')}</p>
        ) : (
          <ul className="plain-list">
            {h.renovations.map((r, i) => (
              <li key={i}>
                {t('drawer.renovationValue', { year: r.year, method: t(`renovationMethod.${r.method}`, { defaultValue: r.method }) })}
                {' · '}
                {r.completedOn ? t('drawer.completedOn', { date: r.completedOn }) : t('drawer.notCompleted')}
              </li>
            ))}
          </ul>
        )}
      </section>
    </>
  );
}

/**
 * The household drawer: who lives there, its ledger case and story, the house, its appraisals newest
 * first, where it is. `mapLink` (the ledger screen) offers the house on the map.
 */
export function HouseholdDrawer({ id, onClose, mapLink = false }: { id: number; onClose(): void; mapLink?: boolean }) {
  const { t } = useTranslation();
  const q = useHousehold(id);
  const title = q.data ? (
    <>
      {q.data.headName}
      <small className="drawer__subtitle">{q.data.region.village.name}</small>
    </>
  ) : (
    t('drawer.household')
  );
  return (
    <Drawer title={title} closeLabel={t('drawer.close')} onClose={onClose} className="household-drawer">
      {q.isPending && <p className="drawer__empty">{t('drawer.loading')}</p>}
      {q.isError && <ErrorNote error={q.error} />}
      {q.data && <HouseholdBody h={q.data} mapLink={mapLink} />}
    </Drawer>
  );
}
