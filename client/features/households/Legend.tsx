import { useTranslation } from 'react-i18next';
import { FRAGILE_STRUCTURES, GRADE_KEYS } from '../../../server/domain/housing.ts';
import { GRADE_COLORS, MARK_RINGS, REPAIRED_C_COLOR, SUSPECTED_COLOR } from '../../map/palette.ts';
import type { ViewCounts } from '../../map/view-counts.ts';
import { Swatch } from '../../ui/Swatch.tsx';

export interface LegendProps {
  counts: ViewCounts;
  loaded: number;
  truncatedAt: number | null;
  keyFocus: boolean;
  onKeyFocus(on: boolean): void;
}

/**
 * The legend reads the same tables as the map style (GRADE_COLORS, MARK_RINGS), and counts what is
 * in view, so map, legend and numbers always agree.
 */
export function Legend({ counts, loaded, truncatedAt, keyFocus, onKeyFocus }: LegendProps) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  const neutral = '#d1d5db';
  return (
    <section className="legend" aria-label={t('legend.title')}>
      <p className="legend__summary" aria-live="polite">
        <strong data-testid="in-view">{t('legend.inView', { count: counts.total, formatted: fmt(counts.total) })}</strong>
        <span className="legend__muted">{t('legend.loaded', { count: loaded })}</span>
      </p>
      {truncatedAt !== null && <p className="legend__warn">{t('legend.truncated', { count: truncatedAt })}</p>}
      <table className="legend__table">
        <tbody>
          {GRADE_KEYS.map((g) => (
            <tr key={g} data-grade={g}>
              <td>
                <Swatch fill={GRADE_COLORS[g]} ring={MARK_RINGS.sturdy} />
              </td>
              <th scope="row">{t(`grade.${g}`)}</th>
              <td className="legend__n">{fmt(counts.byGrade[g])}</td>
            </tr>
          ))}
          <tr className="legend__sep" data-mark="fragile">
            <td>
              <Swatch fill={neutral} ring={MARK_RINGS.fragile} />
            </td>
            <th scope="row">
              {t('legend.fragile')}
              <small>{FRAGILE_STRUCTURES.map((s) => t(`structure.${s}`)).join(i18n.language === 'en' ? ', ' : '、')}</small>
            </th>
            <td className="legend__n">{fmt(counts.fragile)}</td>
          </tr>
          <tr data-mark="sturdy">
            <td>
              <Swatch fill={neutral} ring={{ color: '#9ca3af', width: MARK_RINGS.sturdy.width }} />
            </td>
            <th scope="row">{t('legend.sturdy')}</th>
            <td className="legend__n">{fmt(counts.total - counts.fragile)}</td>
          </tr>
          <tr data-mark="repairedC">
            <td>
              <Swatch fill={GRADE_COLORS.B} ring={MARK_RINGS.sturdy} outer={REPAIRED_C_COLOR} />
            </td>
            <th scope="row">{t('legend.repairedC')}</th>
            <td className="legend__n">{fmt(counts.repairedC)}</td>
          </tr>
          <tr data-mark="suspected">
            <td>
              <svg className="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
                <circle cx="8" cy="12" r="5.5" fill={neutral} stroke="#9ca3af" strokeWidth={MARK_RINGS.sturdy.width} />
                <circle cx="13.5" cy="6.5" r="5.5" fill={SUSPECTED_COLOR} stroke="#fff" strokeWidth="1.5" />
                <text x="13.5" y="10" textAnchor="middle" fontSize="9" fontWeight="700" fill="#fff">
                  !
                </text>
              </svg>
            </td>
            <th scope="row">{t('status.suspected')}</th>
            <td className="legend__n">{fmt(counts.suspected)}</td>
          </tr>
          <tr data-mark="key">
            <td />
            <th scope="row">
              <label className="check check--inline">
                <input type="checkbox" checked={keyFocus} onChange={(e) => onKeyFocus(e.target.checked)} />
                <span>{t('legend.highlightKey')}</span>
              </label>
            </th>
            <td className="legend__n">{fmt(counts.key)}</td>
          </tr>
        </tbody>
      </table>
      <p className="legend__note">
        <svg className="swatch" width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
          <circle cx="11" cy="11" r="8" fill="#fff" stroke={GRADE_COLORS.D} strokeWidth="3" />
        </svg>
        <span>{t('legend.cluster')}</span>
      </p>
    </section>
  );
}
