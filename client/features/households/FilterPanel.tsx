import { useTranslation } from 'react-i18next';
import { GRADE_KEYS, STRUCTURES, type GradeKey, type Structure } from '../../../server/domain/housing.ts';
import type { HouseholdFilters } from '../../api/households.ts';
import { findRegionPath, type RegionNode } from '../../api/regions.ts';
import { GRADE_COLORS, MARK_RINGS, STRUCTURE_MARKS } from '../../map/palette.ts';
import { Swatch } from '../../ui/Swatch.tsx';

/** Toggles one value in a list where null means "all of them". */
function toggle<T extends string>(current: T[] | null, all: readonly T[], value: T): T[] | null {
  const set = new Set(current ?? all);
  if (set.has(value)) set.delete(value);
  else set.add(value);
  const next = all.filter((v) => set.has(v));
  return next.length === all.length ? null : next;
}

export interface FilterPanelProps {
  filters: HouseholdFilters;
  regions: RegionNode | undefined;
  onChange(filters: HouseholdFilters): void;
  onRegionChange(code: string | null): void;
}

export function FilterPanel({ filters, regions, onChange, onRegionChange }: FilterPanelProps) {
  const { t } = useTranslation();
  const gradeOn = (g: GradeKey) => filters.grades === null || filters.grades.includes(g);
  const structureOn = (s: Structure) => filters.structures === null || filters.structures.includes(s);

  const path = regions && filters.region ? (findRegionPath(regions, filters.region) ?? []) : [];
  const township = path.find((n) => n.level === 'township') ?? null;
  const village = path.find((n) => n.level === 'village') ?? null;
  const townships = regions?.level === 'county' ? regions.children : regions?.level === 'township' ? [regions] : [];
  const villages = township?.children ?? (regions?.level === 'village' ? [regions] : []);
  const isDefault =
    filters.grades === null && filters.structures === null && !filters.keyOnly && !filters.repairedCOnly && filters.region === null;

  return (
    <form className="filters" aria-label={t('filters.title')} onSubmit={(e) => e.preventDefault()}>
      <fieldset className="filters__group">
        <legend>{t('filters.grade')}</legend>
        <div className="filters__grid">
          {GRADE_KEYS.map((g) => (
            <label key={g} className="check">
              <input type="checkbox" name="grade" value={g} checked={gradeOn(g)} onChange={() => onChange({ ...filters, grades: toggle(filters.grades, GRADE_KEYS, g) })} />
              <Swatch fill={GRADE_COLORS[g]} ring={MARK_RINGS.sturdy} size={16} />
              <span>{t(`grade.${g}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="filters__group">
        <legend>{t('filters.structure')}</legend>
        <div className="filters__grid filters__grid--two">
          {STRUCTURES.map((s) => (
            <label key={s} className="check">
              <input
                type="checkbox"
                name="structure"
                value={s}
                checked={structureOn(s)}
                onChange={() => onChange({ ...filters, structures: toggle(filters.structures, STRUCTURES, s) })}
              />
              <Swatch fill="#d1d5db" ring={MARK_RINGS[STRUCTURE_MARKS[s]]} size={16} />
              <span>{t(`structure.${s}`)}</span>
            </label>
          ))}
        </div>
      </fieldset>

      <fieldset className="filters__group">
        <legend>{t('filters.houses')}</legend>
        <label className="check">
          <input type="checkbox" name="key" checked={filters.keyOnly} onChange={(e) => onChange({ ...filters, keyOnly: e.target.checked })} />
          <span>{t('filters.keyOnly')}</span>
        </label>
        <label className="check">
          <input
            type="checkbox"
            name="repairedC"
            checked={filters.repairedCOnly}
            onChange={(e) => onChange({ ...filters, repairedCOnly: e.target.checked })}
          />
          <span>{t('filters.repairedCOnly')}</span>
        </label>
      </fieldset>

      <fieldset className="filters__group">
        <legend>{t('filters.region')}</legend>
        <label className="field">
          <span>{t('filters.township')}</span>
          <select
            name="township"
            value={township?.code ?? ''}
            onChange={(e) => onRegionChange(e.target.value || null)}
            disabled={townships.length === 0}
          >
            <option value="">{t('filters.allTownships')}</option>
            {townships.map((n) => (
              <option key={n.code} value={n.code}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
        <label className="field">
          <span>{t('filters.village')}</span>
          <select
            name="village"
            value={village?.code ?? ''}
            onChange={(e) => onRegionChange(e.target.value || township?.code || null)}
            disabled={villages.length === 0}
          >
            <option value="">{t('filters.allVillages')}</option>
            {villages.map((n) => (
              <option key={n.code} value={n.code}>
                {n.name}
              </option>
            ))}
          </select>
        </label>
      </fieldset>

      <button
        type="button"
        className="button button--quiet"
        disabled={isDefault}
        onClick={() => {
          onChange({ grades: null, structures: null, keyOnly: false, repairedCOnly: false, region: null });
          if (filters.region) onRegionChange(null);
        }}
      >
        {t('filters.reset')}
      </button>
    </form>
  );
}
