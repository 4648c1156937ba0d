import i18next from 'i18next';
import { initReactI18next } from 'react-i18next';
import { CATALOGUES, LANGUAGES, type Language } from './catalogues.ts';

const STORAGE_KEY = 'anju.lang';

function storedLanguage(): Language {
  try {
    const v = localStorage.getItem(STORAGE_KEY);
    return v === 'en' ? 'en' : 'zh-CN';
  } catch {
    return 'zh-CN';
  }
}

// Chinese is the working language of the users (county, township and village staff); English is a switch.
export const i18n = i18next.createInstance();

void i18n.use(initReactI18next).init({
  resources: { 'zh-CN': { translation: CATALOGUES['zh-CN'] }, en: { translation: CATALOGUES.en } },
  lng: storedLanguage(),
  fallbackLng: 'zh-CN',
  supportedLngs: [...LANGUAGES],
  interpolation: { escapeValue: false }, // React escapes
  returnNull: false,
  initAsync: false,
});

function reflect(lng: string): void {
  document.documentElement.lang = lng;
  document.title = i18n.t('app.title');
}
reflect(i18n.language);

i18n.on('languageChanged', (lng) => {
  try {
    localStorage.setItem(STORAGE_KEY, lng);
  } catch {
    // private mode: the choice lasts for this page only
  }
  reflect(lng);
});

export function setLanguage(lng: Language): void {
  void i18n.changeLanguage(lng);
}
