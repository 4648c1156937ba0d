// What field reports turned up: 待鉴定 (suspected, awaiting a technician's appraisal) and
// 需立即转移 (不可居住: people to move out now — "危房不进人、人不进危房").
import { useTranslation } from 'react-i18next';
import { useFlaggedHouseholds } from '../../api/households.ts';
import { GRADE_COLORS } from '../../map/palette.ts';
import { gradeKey } from '../../../server/domain/housing.ts';
import { appLink } from '../../navigation.ts';
import { ErrorNote } from '../../ui/ErrorNote.tsx';
import { ExportMenu } from '../../ui/ExportMenu.tsx';

function FlaggedList({ which }: { which: 'suspected' | 'moveOut' }) {
  const { t } = useTranslation();
  const q = useFlaggedHouseholds(which);
  const rows = q.data?.features ?? [];
  return (
    <section className={`flagged flagged--${which}`} aria-labelledby={`flagged-${which}`} data-testid={`flagged-${which}`}>
      <h3 id={`flagged-${which}`}>
        {t(`dispatch.flagged.${which}`)} <span className="flagged__count">{q.data ? q.data.total : '…'}</span>
      </h3>
      <ExportMenu list={which === 'moveOut' ? 'move-out' : 'suspected'} />
      {q.isError && <ErrorNote error={q.error} />}
      {q.data && rows.length === 0 && <p className="dispatch-empty">{t('dispatch.flagged.none')}</p>}
      <ul>
        {rows.map((f) => {
          const p = f.properties;
          const g = gradeKey(p.grade);
          return (
            <li key={p.id}>
              {/* The household map opens on this house, its drawer open. */}
              <a {...appLink(`/?h=${p.id}`)}>
                <strong>{p.headName}</strong> <small className="mono">{p.householdNo}</small>
              </a>
              <span>
                {p.villageName} · {t(`structure.${p.structure}`)} · <span style={{ color: GRADE_COLORS[g] }}>{t(`gradeShort.${g}`)}</span>
              </span>
            </li>
          );
        })}
      </ul>
    </section>
  );
}

export function FlaggedLists() {
  return (
    <>
      <FlaggedList which="moveOut" />
      <FlaggedList which="suspected" />
    </>
  );
}
