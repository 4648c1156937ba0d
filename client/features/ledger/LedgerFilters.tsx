// The ledger's filters: township and village, grade, deadline standing, plan mode, must move out, and a
// search by head of household or household number. Every change rewrites the URL (ledger-url.ts).
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { GRADES } from '../../../server/domain/housing.ts';
import { PLAN_MODES, STANDING_FILTERS, type LedgerQuery, type PlanMode } from '../../api/ledger.ts';
import type { RegionNode } from '../../api/regions.ts';
import { useDebounced } from '../../ui/use-debounced.ts';

function toggled<T>(list: readonly T[], v: T): T[] {
  return list.includes(v) ? list.filter((x) => x !== v) : [...list, v];
}

export function LedgerFilters(props: { query: LedgerQuery; regions: RegionNode | undefined; onChange(change: Partial<LedgerQuery>): void; onReset(): void }) {
  const { t } = useTranslation();
  const { query: q, regions, onChange } = props;
  const townships = regions?.level === 'county' ? regions.children : regions?.level === 'township' ? [regions] : [];
  const township = townships.find((n) => n.code === q.township) ?? (townships.length === 1 ? townships[0] : undefined);
  const villages = township?.children ?? (regions?.level === 'village' ? [regions] : []);

  // Typing searches once the typing stops; the URL (and a reload) keeps the term.
  const [text, setText] = useState(q.q);
  const settled = useDebounced(text.trim(), 300);
  useEffect(() => {
    if (settled !== q.q) onChange({ q: settled });
  }, [settled]);
  useEffect(() => {
    if (q.q !== text.trim()) setText(q.q);
  }, [q.q]);

  const filtered =
    q.township || q.village || q.grades.length || q.standing.length || q.mode || q.mustMoveOut || q.q || q.states.length ? true : false;

  return (
    <form className="ledger-filters" role="search" aria-label={t('ledger.filters.title')} onSubmit={(e) => e.preventDefault()}>
      <label className="field ledger-filters__search">
        <span>{t('ledger.filters.search')}</span>
        <input type="search" name="q" maxLength={50} value={text} placeholder={t('ledger.filters.searchPlaceholder')} onChange={(e) => setText(e.target.value)} />
      </label>
      <label className="field">
        <span>{t('filters.township')}</span>
        <select name="township" value={q.township ?? ''} disabled={townships.length < 2} onChange={(e) => onChange({ township: e.target.value || null, village: null })}>
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
        <select name="village" value={q.village ?? ''} disabled={villages.length === 0} onChange={(e) => onChange({ village: e.target.value || null })}>
          <option value="">{t('filters.allVillages')}</option>
          {villages.map((n) => (
            <option key={n.code} value={n.code}>
              {n.name}
            </option>
          ))}
        </select>
      </label>
      <label className="field">
        <span>{t('ledger.filters.mode')}</span>
        <select name="mode" value={q.mode ?? ''} onChange={(e) => onChange({ mode: (e.target.value || null) as PlanMode | null })}>
          <option value="">{t('ledger.filters.anyMode')}</option>
          {PLAN_MODES.map((m) => (
            <option key={m} value={m}>
              {t(`ledger.mode.${m}`)}
            </option>
          ))}
        </select>
      </label>
      <fieldset className="ledger-filters__chips">
        <legend>{t('ledger.filters.grade')}</legend>
        {GRADES.map((g) => (
          <label key={g} className="ledger-chip">
            <input type="checkbox" name="grade" value={g} checked={q.grades.includes(g)} onChange={() => onChange({ grades: GRADES.filter((x) => toggled(q.grades, g).includes(x)) })} />
            <span>{t(`gradeShort.${g}`)}</span>
          </label>
        ))}
      </fieldset>
      <fieldset className="ledger-filters__chips">
        <legend>{t('ledger.filters.standing')}</legend>
        {STANDING_FILTERS.map((s) => (
          <label key={s} className="ledger-chip" data-standing={s}>
            <input
              type="checkbox"
              name="standing"
              value={s}
              checked={q.standing.includes(s)}
              onChange={() => onChange({ standing: STANDING_FILTERS.filter((x) => toggled(q.standing, s).includes(x)) })}
            />
            <span>{t(`ledger.standing.${s}`)}</span>
          </label>
        ))}
        <label className="ledger-chip" data-flag="moveOut">
          <input type="checkbox" name="moveOut" checked={q.mustMoveOut} onChange={(e) => onChange({ mustMoveOut: e.target.checked })} />
          <span>{t('ledger.filters.mustMoveOut')}</span>
        </label>
      </fieldset>
      <button
        type="button"
        className="button ledger-filters__reset"
        disabled={!filtered}
        onClick={() => {
          setText('');
          props.onReset();
        }}
      >
        {t('ledger.filters.reset')}
      </button>
    </form>
  );
}
