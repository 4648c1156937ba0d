// Days, months and quarters as a report writes them (2026年10月31日, 2026年10月, 2026年第4季度).
import type { TFunction } from 'i18next';

const utc = (day: string) => new Date(`${day}T00:00:00Z`);

export const formatDay = (day: string, lang: string) => new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: 'UTC' }).format(utc(day));

export const formatMonth = (month: string, lang: string) =>
  new Intl.DateTimeFormat(lang, { year: 'numeric', month: 'long', timeZone: 'UTC' }).format(utc(`${month}-01`));

export const formatQuarter = (t: TFunction, quarter: string) => t('printReports.quarterName', { year: quarter.slice(0, 4), q: quarter.slice(5) });

/** The day `days` before `day` (both YYYY-MM-DD). */
export function daysBefore(day: string, days: number): string {
  return new Date(utc(day).getTime() - days * 86_400_000).toISOString().slice(0, 10);
}

/** A share as a whole percentage, or a dash when there is nothing to share. */
export const percent = (part: number, whole: number) => (whole > 0 ? `${Math.round((100 * part) / whole)}%` : '—');

/** The words around the page counters of the running footer: 第 {page} 页 / 共 {pages} 页. */
export const pageWords = (t: TFunction) => ({
  before: t('printReports.page.before'),
  between: t('printReports.page.between'),
  after: t('printReports.page.after'),
});

/** The server's error code of a failed query, for data-print-error. */
export const errorCode = (err: Error) => ('code' in err && typeof err.code === 'string' ? err.code : 'api_error');
