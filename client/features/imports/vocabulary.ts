// The names the screen gives to the import's fields and coded values: a field by `imports.field.<key>`,
// a code by the catalogue the rest of the app already speaks (structure.*, grade.*, category.*,
// guaranteeMode.*), so an imported 土木 reads exactly as the map's legend does.
import type { TFunction } from 'i18next';
import { IMPORT_FIELD_KEYS } from '../../../server/imports/fields.ts';
import { VOCABULARY_CODES, VOCABULARY_FIELDS, type VocabularyField } from '../../../server/imports/vocabulary.ts';

export { IMPORT_FIELD_KEYS, VOCABULARY_CODES };

const CATALOGUE: Record<VocabularyField, string> = {
  structure: 'structure',
  grade: 'grade',
  category: 'category',
  guarantee_mode: 'guaranteeMode',
};

export const isVocabularyField = (f: string): f is VocabularyField => (VOCABULARY_FIELDS as readonly string[]).includes(f);

/** A field's Chinese (or English) label; a key the catalogue lacks shows as itself. */
export const fieldLabel = (t: TFunction, key: string | null): string => (key ? t(`imports.field.${key}`, { defaultValue: key }) : '');

/** A code's label from the app's catalogue (or the import's own, for 'pending' — a guarantee mode not yet verified). */
export const valueLabel = (t: TFunction, field: string, code: string): string =>
  isVocabularyField(field) ? t([`${CATALOGUE[field]}.${code}`, `imports.value.${field}.${code}`], { defaultValue: code }) : code;
