// The import's steps as a row of numbered stages (a column on a phone): where the user is, what is
// done, what comes next. A cross-check stops at its result (it never writes); a boundary file has no
// columns to map.
import { useTranslation } from 'react-i18next';

export const IMPORT_STEPS = ['kind', 'upload', 'mapping', 'preview', 'commit'] as const;
export type ImportStep = (typeof IMPORT_STEPS)[number];

/** `current` null: every step done. */
export function ImportSteps(props: { current: ImportStep | null; readOnly?: boolean; noMapping?: boolean }) {
  const { t } = useTranslation();
  const steps = IMPORT_STEPS.filter((s) => !(props.readOnly && s === 'commit') && !(props.noMapping && s === 'mapping'));
  const at = props.current === null ? steps.length : steps.indexOf(props.current);
  return (
    <ol className="import-steps" aria-label={t('imports.steps.label')}>
      {steps.map((s, i) => (
        <li
          key={s}
          className={`import-steps__step${i < at ? ' import-steps__step--done' : ''}`}
          aria-current={i === at ? 'step' : undefined}
        >
          <span className="import-steps__n" aria-hidden="true">
            {i < at ? '✓' : i + 1}
          </span>
          <span>{t(`imports.steps.${s}`)}</span>
        </li>
      ))}
    </ol>
  );
}
