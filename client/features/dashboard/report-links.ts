// The reports the server renders for a region (issue 12): the day's briefing as a PDF, the monthly
// progress report (seed 003: by the 22nd) and the quarterly warning statistics (seed 002) as PDF or XLSX.
// Links only: the browser opens or downloads them with the session cookie.
import { reportXlsxHref } from '../../api/dashboard.ts';

export const reportLinks = {
  briefingPdf: (region: string, date: string) => `/api/reports/briefing.pdf?${new URLSearchParams({ region, date })}`,
  monthly: (format: 'pdf' | 'xlsx', region: string, month: string) =>
    format === 'xlsx' ? reportXlsxHref({ kind: 'monthly', month }, region) : `/api/reports/monthly.pdf?${new URLSearchParams({ region, month })}`,
  quarterlyWarnings: (format: 'pdf' | 'xlsx', region: string, quarter: string) =>
    format === 'xlsx'
      ? reportXlsxHref({ kind: 'quarterly', quarter }, region)
      : `/api/reports/quarterly-warnings.pdf?${new URLSearchParams({ region, quarter })}`,
};
