// A table of the rows a report lists (name-list differences, cross-check mismatches): the columns the
// rows carry, in a preferred order, labelled from the catalogue (imports.col.<key>); coded values
// (category, grade …) in words. Personal data arrives masked from the server and is shown as it came.
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { fieldLabel, isVocabularyField, valueLabel } from './vocabulary.ts';

export type ReportRow = Record<string, unknown>;

const isRow = (v: unknown): v is ReportRow => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The columns of these rows: the preferred ones first, then any others the server sent but `omit` and ids. */
export function columnsOf(rows: readonly ReportRow[], preferred: readonly string[], omit: readonly string[] = []): string[] {
  const seen = new Set<string>();
  for (const r of rows.slice(0, 50)) for (const k of Object.keys(r)) seen.add(k);
  const rest = [...seen].filter((k) => !preferred.includes(k) && !omit.includes(k) && !k.endsWith('Id') && k !== 'id');
  return [...preferred.filter((k) => seen.has(k)), ...rest];
}

/** A cell: a code in words when its column is a coded field, a list of changes as "field: before → after". */
export function cellText(t: TFunction, key: string, v: unknown, row: ReportRow): string {
  if (v === null || v === undefined || v === '') return '—';
  if (Array.isArray(v)) return v.map((x) => cellText(t, key, x, row)).join('；');
  if (isRow(v)) {
    const field = typeof v.field === 'string' ? v.field : key;
    const from = v.before ?? v.from ?? v.anju;
    const to = v.after ?? v.to ?? v.national;
    if (from !== undefined || to !== undefined) return `${fieldLabel(t, field)}：${cellText(t, field, from, v)} → ${cellText(t, field, to, v)}`;
    return JSON.stringify(v);
  }
  // A mismatch row names its field: its values are that field's codes.
  const field = (key === 'anju' || key === 'national' || key === 'before' || key === 'after') && typeof row.field === 'string' ? row.field : key;
  if (key === 'field' && typeof v === 'string') return fieldLabel(t, v);
  if (key === 'type' && typeof v === 'string') return t(`imports.crosscheck.types.${v}`, { defaultValue: v });
  if (typeof v === 'string' && isVocabularyField(field)) return valueLabel(t, field, v);
  if (typeof v === 'boolean') return v ? t('imports.yes') : t('imports.no');
  return String(v);
}

export function RowsTable(props: { rows: readonly ReportRow[]; preferred: readonly string[]; omit?: readonly string[]; testId: string; rowTestId: string }) {
  const { t } = useTranslation();
  const cols = columnsOf(props.rows, props.preferred, props.omit);
  const label = (c: string) => t(`imports.col.${c}`, { defaultValue: fieldLabel(t, c) });
  // On a phone each row is a card of "label value" lines (imports.css, import-table--cards): the columns
  // that matter — which field, the two values — would otherwise sit off the screen's right edge.
  return (
    <div className="import-table-wrap">
      <table className="import-table import-table--cards" data-testid={props.testId}>
        <thead>
          <tr>
            {cols.map((c) => (
              <th key={c} scope="col">
                {label(c)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((r, i) => (
            <tr key={i} data-testid={props.rowTestId}>
              {cols.map((c) => (
                <td key={c} data-label={label(c)}>
                  {cellText(t, c, r[c], r)}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

export const asRows = (v: readonly unknown[] | undefined): ReportRow[] => (v ?? []).filter(isRow);
