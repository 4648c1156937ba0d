// What a warning says, in full: its description, what to do (instruction), the places it names, and the
// same warning in every other language the sender gave (CAP keeps one <info> per language).
import { useTranslation } from 'react-i18next';
import type { AlertFeature, AlertInfo } from '../../api/alerts.ts';

/** The language's own name in the reader's language (Intl: 英语 / English), or the code when unknown. */
function languageName(code: string, uiLanguage: string): string {
  try {
    return new Intl.DisplayNames([uiLanguage], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** One language's texts: description, instruction, area; blocks the sender left empty are not shown. */
function InfoBody({ description, instruction, areaDesc }: { description: string; instruction: string | null; areaDesc: string | null }) {
  const { t } = useTranslation();
  return (
    <>
      {areaDesc && (
        <p className="alert-text__area">
          <span className="alert-text__label">{t('alerts.text.area')}</span>
          {areaDesc}
        </p>
      )}
      {description && (
        <p className="alert-text__description" data-testid="alert-description">
          {description}
        </p>
      )}
      {instruction && (
        <div className="alert-text__instruction" data-testid="alert-instruction">
          <span className="alert-text__label">{t('alerts.text.instruction')}</span>
          <p>{instruction}</p>
        </div>
      )}
    </>
  );
}

/** The shown language's texts, then each other language folded under its name. */
export function AlertTexts({ alert }: { alert: AlertFeature }) {
  const { t, i18n } = useTranslation();
  const p = alert.properties;
  // The shown texts are those of the display language (server: zh-CN, else zh, else English, else the first).
  const shown = p.infos.find((i) => i.language === p.language);
  const others = p.infos.filter((i) => i !== shown);
  const areaDesc = shown?.areaDesc ?? null;
  if (!p.description && !p.instruction && !areaDesc && others.length === 0) return null;
  return (
    <section className="alert-text" aria-label={t('alerts.text.title')}>
      <InfoBody description={p.description} instruction={p.instruction} areaDesc={areaDesc} />
      {others.map((info: AlertInfo, i) => (
        <details key={`${info.language}-${i}`} className="alert-text__other" lang={info.language}>
          <summary>
            <span lang={i18n.language}>{t('alerts.text.inLanguage', { language: languageName(info.language, i18n.language) })}</span>
          </summary>
          {info.headline && <p className="alert-text__headline">{info.headline}</p>}
          <InfoBody description={info.description} instruction={info.instruction} areaDesc={info.areaDesc} />
        </details>
      ))}
    </section>
  );
}
