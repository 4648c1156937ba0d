// Step 1: what the file is — households and houses, a name list, a national-system export to compare,
// or boundaries — each with a line on the file it expects.
import { useTranslation } from 'react-i18next';
import type { ImportKindName } from '../../api/imports.ts';
import { IMPORT_KIND_ORDER } from './kinds.ts';

export function KindChooser(props: { value: ImportKindName | null; onChange(kind: ImportKindName): void }) {
  const { t } = useTranslation();
  return (
    <fieldset className="import-kinds">
      <legend className="import-section__title">{t('imports.kind.legend')}</legend>
      {IMPORT_KIND_ORDER.map((k) => (
        <label key={k} className={`import-kind${props.value === k ? ' import-kind--chosen' : ''}`} data-testid={`import-kind-${k}`}>
          <input type="radio" name="import-kind" value={k} checked={props.value === k} onChange={() => props.onChange(k)} />
          <span className="import-kind__text">
            <strong>{t(`imports.kinds.${k}.name`)}</strong>
            <small>{t(`imports.kinds.${k}.expects`)}</small>
          </span>
        </label>
      ))}
    </fieldset>
  );
}
