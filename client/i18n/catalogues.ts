// The UI's catalogues by language, with no side effect: what code that reads the words without showing
// them (the map's font slices, tests) imports, where setup.ts would start i18next on a document.
import en from './en.json';
import zhCN from './zh-CN.json';

export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

export const CATALOGUES: Record<Language, Record<string, unknown>> = { 'zh-CN': zhCN, en };
