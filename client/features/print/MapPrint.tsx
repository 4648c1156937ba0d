import { useTranslation } from 'react-i18next';
import type { MapPicture } from './use-map-print.ts';
import './print.css';

/** The header's print button, a printer glyph (wide screens only: nobody prints an A4 map from a phone). */
export function PrintMapButton({ onPrint }: { onPrint(): void }) {
  const { t } = useTranslation();
  return (
    <button type="button" className="icon-button print-button" onClick={onPrint} aria-label={t('print.button')} title={t('print.buttonTitle')}>
      <svg width="18" height="18" viewBox="0 0 16 16" aria-hidden="true">
        <path d="M4 1.5h8v4H4zM2.5 6h11A1.5 1.5 0 0 1 15 7.5V12h-3v2.5H4V12H1V7.5A1.5 1.5 0 0 1 2.5 6zM5 10v3.5h6V10z" fill="currentColor" fillRule="evenodd" />
      </svg>
    </button>
  );
}

/**
 * What only print shows of the map screen (print.css): the title with the unit (the user's
 * jurisdiction, e.g. 河东街道) and the date, and the picture of the map. The legend card prints as it is.
 */
export function PrintSheet({ unit, picture }: { unit: string; picture: MapPicture | null }) {
  const { t, i18n } = useTranslation();
  const date = (picture?.takenAt ?? new Date()).toLocaleDateString(i18n.language, { dateStyle: 'long' });
  return (
    <section className="print-sheet">
      <header className="print-sheet__head">
        <h1>{t('print.title', { unit })}</h1>
        <p>
          <span>{t('print.unit', { unit })}</span>
          <span>{t('print.date', { date })}</span>
        </p>
      </header>
      {picture && <img className="print-sheet__map" src={picture.src} alt={t('print.mapAlt', { unit })} />}
    </section>
  );
}
