// How to read the file: its text encoding (county offices export GBK; the server detects it unless
// told) and, for rows with coordinates, the map system they were picked on (converted to WGS84 on
// import, the source recorded per house).
import { useTranslation } from 'react-i18next';
import type { CrsName, ImportEncoding } from '../../api/imports.ts';
import { CRS_CHOICES, ENCODINGS, type KindTraits } from './kinds.ts';

export interface FileChoices {
  encoding: ImportEncoding;
  crs: CrsName;
}

/** CGCS2000 is offered as one choice with WGS84. */
const crsChoice = (crs: CrsName): CrsName => (crs === 'cgcs2000' ? 'wgs84' : crs);

export function FileOptions(props: { traits: KindTraits; value: FileChoices; onChange(v: FileChoices): void }) {
  const { t } = useTranslation();
  const { traits, value } = props;
  if (!traits.tabular && !traits.coordinates) return null;
  return (
    <div className="import-options">
      {traits.tabular && (
        <label className="field">
          <span>{t('imports.encoding.label')}</span>
          <select value={value.encoding} onChange={(e) => props.onChange({ ...value, encoding: e.target.value as ImportEncoding })} data-testid="import-encoding">
            {ENCODINGS.map((enc) => (
              <option key={enc} value={enc}>
                {t(`imports.encoding.${enc}`)}
              </option>
            ))}
          </select>
        </label>
      )}
      {traits.coordinates && (
        <label className="field">
          <span>{t('imports.crs.label')}</span>
          <select value={crsChoice(value.crs)} onChange={(e) => props.onChange({ ...value, crs: e.target.value as CrsName })} data-testid="import-crs">
            {CRS_CHOICES.map((c) => (
              <option key={c} value={c}>
                {t(`imports.crs.${c}`)}
              </option>
            ))}
          </select>
          <small className="import-options__hint">{t('imports.crs.hint')}</small>
        </label>
      )}
    </div>
  );
}
