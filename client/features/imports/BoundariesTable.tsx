// A boundaries file's features: which region each matched (by 12-digit code or name), and how many
// houses would then lie outside their village — counted, never moved.
import { useTranslation } from 'react-i18next';
import type { CheckReport } from '../../api/imports.ts';

export function BoundariesTable(props: { features: NonNullable<CheckReport['boundaries']>['features'] }) {
  const { t, i18n } = useTranslation();
  return (
    <section className="import-section" aria-labelledby="import-features-title" data-testid="import-boundaries">
      <h2 id="import-features-title" className="import-section__title">
        {t('imports.boundaries.title', { count: props.features.length })}
      </h2>
      <div className="import-table-wrap">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">{t('imports.regions.code')}</th>
              <th scope="col">{t('imports.regions.name')}</th>
              <th scope="col">{t('imports.regions.level')}</th>
              <th scope="col">{t('imports.boundaries.matched')}</th>
              <th scope="col">{t('imports.boundaries.housesOutside')}</th>
            </tr>
          </thead>
          <tbody>
            {props.features.map((f, i) => (
              <tr key={`${f.code ?? ''}-${i}`} className={f.matched ? undefined : 'import-table__row--warn'} data-testid="import-feature">
                <td className="mono">{f.code ?? '—'}</td>
                <td>{f.name ?? '—'}</td>
                <td>{f.level ? t(`imports.regions.levels.${f.level}`, { defaultValue: f.level }) : '—'}</td>
                <td>{f.matched ? t('imports.yes') : <span className="import-flag">{t('imports.boundaries.unmatched')}</span>}</td>
                <td className="mono">{f.housesOutside.toLocaleString(i18n.language)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </section>
  );
}
