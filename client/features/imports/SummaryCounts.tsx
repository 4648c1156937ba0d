// The dry run's (or the commit's) counts as a row of figures: for households how many are new, changed,
// unchanged and how many appraisals come in; each kind its own (kinds.ts), worded per kind where one
// word means two things (a households commit creates villages, a boundaries commit redraws them).
import { useTranslation } from 'react-i18next';
import type { ImportKindName } from '../../api/imports.ts';

export function SummaryCounts(props: {
  counts: Record<string, number>;
  order: readonly string[];
  /** The dry run's counts (what would change) or the commit's (what was written). */
  of: 'summary' | 'result';
  kind: ImportKindName;
  testId: string;
  rows?: number;
}) {
  const { t, i18n } = useTranslation();
  // The kind's own keys first, then whatever else the server counted.
  const keys = [...props.order.filter((k) => k in props.counts), ...Object.keys(props.counts).filter((k) => !props.order.includes(k))];
  return (
    <dl className="import-counts" data-testid={props.testId}>
      {props.rows !== undefined && (
        <div className="import-counts__item">
          <dt>{t(props.kind === 'boundaries' ? 'imports.summary.features' : 'imports.summary.rows')}</dt>
          <dd className="mono">{props.rows.toLocaleString(i18n.language)}</dd>
        </div>
      )}
      {keys.map((k) => (
        <div key={k} className="import-counts__item" data-count={k}>
          <dt>{t([`imports.${props.of}.${props.kind}.${k}`, `imports.${props.of}.${k}`, `imports.summary.${k}`], { defaultValue: k })}</dt>
          <dd className="mono">{props.counts[k]!.toLocaleString(i18n.language)}</dd>
        </div>
      ))}
    </dl>
  );
}
