// Step 3: the file's columns and what each is read as, and the values the vocabulary did not know.
// A column no synonym matched is marked, and stays unread until the user names its field; a value
// (砖木混合 …) is mapped to a code of the catalogue. "Re-check" sends the choices and the server checks
// the same file again.
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckReport, HeaderMappingOverride, ImportChoices, ValueOverrides } from '../../api/imports.ts';
import { fieldLabel, IMPORT_FIELD_KEYS, isVocabularyField, valueLabel, VOCABULARY_CODES } from './vocabulary.ts';

type Headers = NonNullable<CheckReport['headers']>;
type UnknownValues = NonNullable<CheckReport['unknownValues']>;

const IGNORE = 'ignore';

export function MappingStep(props: {
  headers: Headers;
  unknownValues: UnknownValues;
  /** The overrides the batch was last checked with. */
  mapping: HeaderMappingOverride;
  values: ValueOverrides;
  disabled: boolean;
  onRecheck(choices: Pick<ImportChoices, 'mapping' | 'values'>): void;
}) {
  const { t } = useTranslation();
  const [mapping, setMapping] = useState<HeaderMappingOverride>(props.mapping);
  const [values, setValues] = useState<ValueOverrides>(props.values);
  // Unknown as last checked: the mark stays until the server has read the column with the user's choice.
  const isUnknown = (h: Headers[number]) => h.suggested === null && !Object.hasOwn(props.mapping, h.header);
  const unknown = props.headers.filter(isUnknown);
  // The columns that need the user first, then the file's order.
  const ordered = [...unknown, ...props.headers.filter((h) => !isUnknown(h))];
  const chosen = (h: Headers[number]): string => (Object.hasOwn(mapping, h.header) ? mapping[h.header]! : (h.field ?? IGNORE));
  // Two columns feeding one field: the server reads only the first; say so before it does.
  const firstFor = useMemo(() => {
    const m = new Map<string, string>();
    for (const h of props.headers) {
      const f = chosen(h);
      if (f !== IGNORE && !m.has(f)) m.set(f, h.header);
    }
    return m;
  }, [props.headers, mapping]);
  const changed = JSON.stringify(mapping) !== JSON.stringify(props.mapping) || JSON.stringify(values) !== JSON.stringify(props.values);

  // Every column recognised and every value known: the list folds away, open to correct a wrong match.
  const allKnown = unknown.length === 0 && props.unknownValues.length === 0;
  const columns = (
    <ul className="import-mapping">
      {ordered.map((h) => {
        const f = chosen(h);
        const dup = f !== IGNORE && firstFor.get(f) !== h.header ? firstFor.get(f) : undefined;
        return (
          <li
            key={h.index}
            className={`import-mapping__item${isUnknown(h) ? ' import-mapping__item--unknown' : ''}`}
            data-testid="import-mapping-row"
            data-header={h.header}
          >
            <label className="field">
              <span>
                <span className="import-mapping__header">{h.header || t('imports.mapping.blankHeader', { n: h.index + 1 })}</span>
                {isUnknown(h) && <span className="import-flag">{t('imports.mapping.unknown')}</span>}
              </span>
              <select value={f} disabled={props.disabled} onChange={(e) => setMapping({ ...mapping, [h.header]: e.target.value as HeaderMappingOverride[string] })}>
                <option value={IGNORE}>{t('imports.mapping.ignore')}</option>
                {IMPORT_FIELD_KEYS.map((k) => (
                  <option key={k} value={k}>
                    {fieldLabel(t, k)}
                  </option>
                ))}
              </select>
            </label>
            {dup && <small className="import-mapping__dup">{t('imports.mapping.duplicate', { header: dup })}</small>}
          </li>
        );
      })}
    </ul>
  );

  return (
    <section className="import-section" aria-labelledby="import-mapping-title" data-testid="import-mapping">
      <h2 id="import-mapping-title" className="import-section__title">
        {t('imports.mapping.title')}
      </h2>
      <p className="import-section__intro">
        {unknown.length > 0 ? t('imports.mapping.unknownHeaders', { count: unknown.length }) : t('imports.mapping.allKnown')}
      </p>
      {allKnown ? (
        <details className="import-mapping-fold">
          <summary>{t('imports.mapping.show', { count: props.headers.length })}</summary>
          {columns}
        </details>
      ) : (
        columns
      )}

      {props.unknownValues.length > 0 && (
        <>
          <h3 className="import-section__subtitle">{t('imports.values.title')}</h3>
          <p className="import-section__intro">{t('imports.values.intro')}</p>
          <div className="import-table-wrap">
            <table className="import-table" data-testid="import-values">
              <thead>
                <tr>
                  <th scope="col">{t('imports.values.field')}</th>
                  <th scope="col">{t('imports.values.value')}</th>
                  <th scope="col">{t('imports.values.rows')}</th>
                  <th scope="col">{t('imports.values.code')}</th>
                </tr>
              </thead>
              <tbody>
                {props.unknownValues.map((u) => {
                  const codes = isVocabularyField(u.field) ? VOCABULARY_CODES[u.field] : [];
                  const own = isVocabularyField(u.field) ? values[u.field]?.[u.value] : undefined;
                  return (
                    <tr key={`${u.field}\u0000${u.value}`}>
                      <td>{fieldLabel(t, u.field)}</td>
                      <td>
                        <q>{u.value}</q>
                      </td>
                      <td className="import-table__rows">
                        {t('imports.values.rowList', { count: u.count, rows: u.rows.join('、') + (u.count > u.rows.length ? '…' : '') })}
                      </td>
                      <td>
                        <select
                          aria-label={t('imports.values.codeFor', { value: u.value })}
                          value={own ?? ''}
                          disabled={props.disabled || codes.length === 0}
                          onChange={(e) => {
                            if (!isVocabularyField(u.field)) return;
                            const forField = { ...values[u.field] };
                            if (e.target.value) forField[u.value] = e.target.value;
                            else delete forField[u.value];
                            setValues({ ...values, [u.field]: forField });
                          }}
                        >
                          <option value="">{t('imports.values.choose')}</option>
                          {codes.map((c) => (
                            <option key={c} value={c}>
                              {valueLabel(t, u.field, c)}
                            </option>
                          ))}
                        </select>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </>
      )}

      {(!allKnown || changed) && (
        <div className="import-actions">
          <button type="button" className="button" disabled={props.disabled || !changed} onClick={() => props.onRecheck({ mapping, values })} data-testid="import-recheck">
            {t('imports.mapping.recheck')}
          </button>
        </div>
      )}
    </section>
  );
}
