// A card floating over the map (filters, legend, warnings): a titled head with an optional fold
// toggle (wide screens) and a close button (the phone's bottom sheet), then the body.
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export function Panel(props: {
  /** Names the heading, which labels the section. */
  id: string;
  className: string;
  title: ReactNode;
  /** With onFold: the card can fold down to its head. */
  folded?: boolean;
  onFold?(): void;
  onClose(): void;
  testId?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation();
  const titleId = `${props.id}-title`;
  return (
    <section className={`panel ${props.className}${props.folded ? ' panel--folded' : ''}`} aria-labelledby={titleId} data-testid={props.testId}>
      <header className="panel__head">
        <h2 id={titleId}>{props.title}</h2>
        {props.onFold && (
          <button
            type="button"
            className="icon-button panel__fold"
            aria-expanded={!props.folded}
            onClick={props.onFold}
            title={props.folded ? t('filters.show') : t('filters.hide')}
          >
            {props.folded ? '+' : '–'}
          </button>
        )}
        <button type="button" className="icon-button panel__close" onClick={props.onClose} aria-label={t('drawer.close')}>
          ×
        </button>
      </header>
      <div className="panel__body">{props.children}</div>
    </section>
  );
}
