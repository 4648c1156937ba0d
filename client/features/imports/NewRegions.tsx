// Villages and groups the file names by 12-digit code that the county does not have yet: listed, and
// created on commit only when the user ticks the box (the server refuses otherwise).
import { useTranslation } from 'react-i18next';
import type { CheckReport } from '../../api/imports.ts';

export function NewRegions(props: { regions: NonNullable<CheckReport['newRegions']>; confirmed: boolean; onConfirm(v: boolean): void; disabled: boolean }) {
  const { t } = useTranslation();
  const villages = props.regions.filter((r) => r.level === 'village').length;
  const groups = props.regions.length - villages;
  return (
    <section className="import-section" aria-labelledby="import-regions-title" data-testid="import-new-regions">
      <h2 id="import-regions-title" className="import-section__title">
        {t('imports.regions.title', { count: props.regions.length })}
      </h2>
      <div className="import-table-wrap">
        <table className="import-table">
          <thead>
            <tr>
              <th scope="col">{t('imports.regions.code')}</th>
              <th scope="col">{t('imports.regions.name')}</th>
              <th scope="col">{t('imports.regions.level')}</th>
              <th scope="col">{t('imports.regions.parent')}</th>
            </tr>
          </thead>
          <tbody>
            {props.regions.map((r) => (
              <tr key={r.code}>
                <td className="mono">{r.code}</td>
                <td>{r.name}</td>
                <td>{t(`imports.regions.levels.${r.level}`)}</td>
                <td className="mono">{r.parentCode}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <label className="check import-confirm">
        <input type="checkbox" checked={props.confirmed} disabled={props.disabled} onChange={(e) => props.onConfirm(e.target.checked)} data-testid="import-confirm-regions" />
        <span>{t('imports.regions.confirm', { villages, groups })}</span>
      </label>
    </section>
  );
}
