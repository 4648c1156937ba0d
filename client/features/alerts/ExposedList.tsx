import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AlertExposure, ExposedHousehold } from '../../api/alerts.ts';
import { GRADE_COLORS, REPAIRED_C_COLOR, STRUCTURE_MARKS } from '../../map/palette.ts';
import { gradeKey } from '../../../server/domain/housing.ts';
import { Badge } from '../../ui/Badge.tsx';
import { ExportMenu } from '../../ui/ExportMenu.tsx';
import { householdHref } from './alert-url.ts';

const PAGE = 30;

/** The exposed households, riskiest first; each links to its drawer (?h=<id>). */
export function ExposedList(props: { exposure: AlertExposure; onOpenHousehold(h: ExposedHousehold): void }) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState(PAGE);
  const { households, total } = props.exposure;
  const rest = Math.min(PAGE, households.length - shown);
  if (total === 0) return <p className="alerts__empty">{t('alerts.exposedNone')}</p>;
  return (
    <>
      {/* Every exposed house, not only those shown: the file is for phoning round and printing. */}
      <div className="exposed__export">
        <ExportMenu list="exposed" params={{ alert: String(props.exposure.alertId) }} />
      </div>
      <ol className="exposed" aria-label={t('alerts.ranked')} data-testid="exposed-list">
        {households.slice(0, shown).map((h, i) => {
          const g = gradeKey(h.grade);
          return (
            <li key={h.id} className="exposed__item" data-household-id={h.id} data-risk={h.risk}>
              <span className="exposed__rank" aria-hidden="true">
                {i + 1}
              </span>
              <a
                className="exposed__link"
                href={householdHref(h.id)}
                onClick={(e) => {
                  if (e.metaKey || e.ctrlKey || e.shiftKey) return; // a new tab gets the plain link
                  e.preventDefault();
                  props.onOpenHousehold(h);
                }}
                aria-label={t('alerts.openHousehold', { no: h.householdNo })}
              >
                <span className="exposed__no mono">{h.householdNo}</span>
                <span className="exposed__village">{h.villageName}</span>
              </a>
              <span className="exposed__tags">
                <Badge color={GRADE_COLORS[g]}>{t(`gradeShort.${g}`)}</Badge>
                <Badge color={STRUCTURE_MARKS[h.structure] === 'fragile' ? '#1c1917' : '#6b7280'} outline>
                  {t(`structure.${h.structure}`)}
                </Badge>
                {h.key && <Badge color="#7c3aed" outline>{t('drawer.key')}</Badge>}
                {h.repairedC && <Badge color={REPAIRED_C_COLOR} outline>{t('alerts.repairedCShort')}</Badge>}
              </span>
              <span className="exposed__risk" title={t('alerts.riskHint')}>
                {t('alerts.risk', { score: h.risk.toLocaleString(i18n.language, { maximumFractionDigits: 1 }) })}
              </span>
            </li>
          );
        })}
      </ol>
      {rest > 0 && (
        <button type="button" className="button button--quiet alerts__more" onClick={() => setShown((n) => n + PAGE)}>
          {t('alerts.showMore', { count: rest, remaining: total - shown })}
        </button>
      )}
    </>
  );
}
