import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { SEARCH_LIMIT, useHouseholdSearch, type HouseholdFeature } from '../../api/households.ts';
import { GRADE_COLORS } from '../../map/palette.ts';
import { gradeKey } from '../../../server/domain/housing.ts';
import { Badge } from '../../ui/Badge.tsx';
import { useDebounced } from '../../ui/use-debounced.ts';

/** Find a household by the head's name or the household number, then fly to it. */
export function SearchBox(props: { onPick(feature: HouseholdFeature): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [open, setOpen] = useState(false);
  const [active, setActive] = useState(0);
  const term = useDebounced(text.trim(), 200);
  const search = useHouseholdSearch(term);
  const results = term ? (search.data?.features ?? []) : [];
  const listId = useId();

  useEffect(() => setActive(0), [term]);

  const pick = (f: HouseholdFeature | undefined) => {
    if (!f) return;
    props.onPick(f);
    setOpen(false);
  };

  return (
    <div className="search" role="search">
      <input
        type="search"
        className="search__input"
        value={text}
        placeholder={t('search.placeholder')}
        aria-label={t('search.label')}
        role="combobox"
        aria-expanded={open && term.length > 0}
        aria-controls={listId}
        aria-autocomplete="list"
        maxLength={50}
        onChange={(e) => {
          setText(e.target.value);
          setOpen(true);
        }}
        onFocus={() => setOpen(true)}
        onBlur={() => setTimeout(() => setOpen(false), 150)}
        onKeyDown={(e) => {
          if (e.key === 'ArrowDown') setActive((i) => Math.min(i + 1, results.length - 1));
          else if (e.key === 'ArrowUp') setActive((i) => Math.max(i - 1, 0));
          else if (e.key === 'Enter') pick(results[active]);
          else if (e.key === 'Escape') setOpen(false);
          else return;
          e.preventDefault();
        }}
      />
      {open && term.length > 0 && (
        <ul className="search__results" id={listId} role="listbox" aria-label={t('search.label')}>
          {search.isPending && <li className="search__note">{t('search.searching')}</li>}
          {search.isSuccess && results.length === 0 && <li className="search__note">{t('search.none')}</li>}
          {results.map((f, i) => {
            const g = gradeKey(f.properties.grade);
            return (
              <li
                key={f.properties.id}
                role="option"
                aria-selected={i === active}
                className="search__result"
                onMouseDown={(e) => e.preventDefault()}
                onClick={() => pick(f)}
                onMouseEnter={() => setActive(i)}
              >
                <span className="search__name">{f.properties.headName}</span>
                <span className="search__no">{f.properties.householdNo}</span>
                <span className="search__place">{f.properties.villageName}</span>
                <Badge color={GRADE_COLORS[g]}>{t(`gradeShort.${g}`)}</Badge>
              </li>
            );
          })}
          {search.data && search.data.total > SEARCH_LIMIT && (
            <li className="search__note">{t('search.more', { count: search.data.total - SEARCH_LIMIT })}</li>
          )}
        </ul>
      )}
    </div>
  );
}
