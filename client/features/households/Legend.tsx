import { useTranslation } from 'react-i18next';
import { FRAGILE_STRUCTURES, GRADE_KEYS } from '../../../server/domain/housing.ts';
import { LEDGER_STATES } from '../../../server/domain/ledger-states.ts';
import { COLOR_BY, type ColorBy } from '../../map/layers/ids.ts';
import { GRADE_COLORS, LEDGER_STATE_COLORS, MARK_RINGS, MOVE_OUT_COLOR, OVERDUE_COLOR, REPAIRED_C_COLOR, SUSPECTED_COLOR } from '../../map/palette.ts';
import type { ViewCounts } from '../../map/view-counts.ts';
import { Swatch } from '../../ui/Swatch.tsx';

export interface LegendProps {
  counts: ViewCounts;
  /** Households loaded on the map (GeoJSON); null when it draws from tiles and the server counts. */
  loaded: number | null;
  truncatedAt: number | null;
  keyFocus: boolean;
  onKeyFocus(on: boolean): void;
  colorBy: ColorBy;
  onColorBy(by: ColorBy): void;
}

/** A house with a badge on it, as the map draws the suspected (upper right) and must-move-out (lower left) marks. */
function BadgeSwatch(props: { color: string; text: string; corner: 'upper-right' | 'lower-left' }) {
  const [bx, by] = props.corner === 'upper-right' ? [14.5, 7.5] : [7.5, 14.5];
  const [hx, hy] = props.corner === 'upper-right' ? [8, 14] : [14, 8];
  return (
    <svg className="swatch" width="22" height="22" viewBox="0 0 22 22" aria-hidden="true">
      <circle cx={hx} cy={hy} r="5.5" fill="#d1d5db" stroke="#9ca3af" strokeWidth={MARK_RINGS.sturdy.width} />
      <circle cx={bx} cy={by} r="7" fill={props.color} stroke="#fff" strokeWidth="1.5" />
      <text x={bx} y={by + 3.4} textAnchor="middle" fontSize="9.5" fontWeight="700" fill="#fff">
        {props.text}
      </text>
    </svg>
  );
}

/**
 * The legend reads the same tables as the map style (GRADE_COLORS, MARK_RINGS), and counts what is
 * in view, so map, legend and numbers always agree.
 */
export function Legend({ counts, loaded, truncatedAt, keyFocus, onKeyFocus, colorBy, onColorBy }: LegendProps) {
  const { t, i18n } = useTranslation();
  const fmt = (n: number) => n.toLocaleString(i18n.language);
  const neutral = '#d1d5db';
  return (
    <section className="legend" aria-label={t('legend.title')}>
      <p className="legend__summary" aria-live="polite">
        <strong data-testid="in-view">{t('legend.inView', { count: counts.total, formatted: fmt(counts.total) })}</strong>
        <span className="legend__muted">{loaded === null ? t('legend.fromTiles') : t('legend.loaded', { count: loaded })}</span>
      </p>
      {truncatedAt !== null && <p className="legend__warn">{t('legend.truncated', { count: truncatedAt })}</p>}
      <div className="legend__color-by" role="radiogroup" aria-label={t('legend.colorBy')}>
        {COLOR_BY.map((by) => (
          <label key={by} className="legend__color-option">
            <input type="radio" name="color-by" value={by} checked={colorBy === by} onChange={() => onColorBy(by)} />
            <span>{t(`legend.colorByOption.${by}`)}</span>
          </label>
        ))}
      </div>
      <table className="legend__table">
        <tbody>
          {colorBy === 'grade'
            ? GRADE_KEYS.map((g) => (
                <tr key={g} data-grade={g}>
                  <td>
                    <Swatch fill={GRADE_COLORS[g]} ring={MARK_RINGS.sturdy} />
                  </td>
                  <th scope="row">{t(`grade.${g}`)}</th>
                  <td className="legend__n">{fmt(counts.byGrade[g])}</td>
                </tr>
              ))
            : LEDGER_STATES.map((s) => (
                <tr key={s} data-state={s}>
                  <td>
                    <Swatch fill={LEDGER_STATE_COLORS[s]} ring={MARK_RINGS.sturdy} />
                  </td>
                  <th scope="row">{t(`status.${s}`)}</th>
                  <td className="legend__n">{fmt(counts.byState[s])}</td>
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
              <BadgeSwatch color={SUSPECTED_COLOR} text="!" corner="upper-right" />
            </td>
            <th scope="row">{t('status.suspected')}</th>
            <td className="legend__n">{fmt(counts.suspected)}</td>
          </tr>
          <tr data-mark="overdue">
            <td>
              <svg className="swatch" width="20" height="20" viewBox="0 0 20 20" aria-hidden="true">
                <circle cx="10" cy="10" r="8" fill={OVERDUE_COLOR} fillOpacity="0.12" stroke={OVERDUE_COLOR} strokeWidth="2.4" />
                <circle cx="10" cy="10" r="4.5" fill={neutral} stroke="#fff" strokeWidth={MARK_RINGS.sturdy.width} />
              </svg>
            </td>
            <th scope="row">
              {t('legend.overdue')}
              <small>{t('legend.overdueHint')}</small>
            </th>
            <td className="legend__n">{fmt(counts.overdue)}</td>
          </tr>
          <tr data-mark="moveOut">
            <td>
              <BadgeSwatch color={MOVE_OUT_COLOR} text={t('legend.moveOutBadge')} corner="lower-left" />
            </td>
            <th scope="row">
              {t('legend.moveOut')}
              <small>{t('legend.moveOutHint')}</small>
            </th>
            <td className="legend__n">{fmt(counts.mustMoveOut)}</td>
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
          <circle cx="11" cy="11" r="8" fill="#fff" stroke={colorBy === 'grade' ? GRADE_COLORS.D : LEDGER_STATE_COLORS.listed} strokeWidth="3" />
        </svg>
        <span>{colorBy === 'grade' ? t('legend.cluster') : t('legend.clusterStage')}</span>
      </p>
    </section>
  );
}
