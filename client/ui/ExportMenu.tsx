// 导出: the links that download a list as the screen shows it — CSV, Excel, GeoJSON (lists of houses) —
// from GET /api/exports/<list>.<format> with the screen's filters and the UI language for the headers.
// ID-card and phone numbers come masked; the roles that may unmask (county roles, as for one household)
// can tick the box and give a reason, which the server writes to the audit log with the row count.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../api/auth.ts';
import { canUnmask, UNMASK_REASON_MAX, UNMASK_REASON_MIN } from '../features/households/UnmaskPanel.tsx';
import './export-menu.css';

export type ExportListName = 'exposed' | 'tasks' | 'coverage' | 'ledger' | 'suspected' | 'move-out' | 'audit' | 'complaints';
type Format = 'csv' | 'xlsx' | 'geojson';

/** Lists of houses: they have points (GeoJSON) and the households' ID-card and phone numbers. */
const HOUSES: readonly ExportListName[] = ['exposed', 'coverage', 'ledger', 'suspected', 'move-out'];
/** Lists with masked personal data: houses', and complainants'. */
const PERSONAL: readonly ExportListName[] = [...HOUSES, 'complaints'];

/** The download address: the list's filters (empty ones left out), the language, and unmasking when asked. */
export function exportHref(list: ExportListName, format: Format, params: Record<string, string | null | undefined>, lang: string, unmaskReason?: string): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v) q.set(k, v);
  q.set('lang', lang === 'en' ? 'en' : 'zh-CN');
  if (unmaskReason) {
    q.set('unmask', '1');
    q.set('reason', unmaskReason);
  }
  return `/api/exports/${list}.${format}?${q.toString().replaceAll('%2C', ',')}`;
}

export function ExportMenu(props: { list: ExportListName; params?: Record<string, string | null | undefined>; testId?: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const reasonId = useId();
  const [unmask, setUnmask] = useState(false);
  const [reason, setReason] = useState('');
  const trimmed = reason.trim();
  const mayUnmask = PERSONAL.includes(props.list) && canUnmask(me.data?.user.role);
  const waiting = unmask && trimmed.length < UNMASK_REASON_MIN;
  const formats: [Format, string][] = [
    ['csv', t('exports.csv')],
    ['xlsx', t('exports.xlsx')],
    ...(HOUSES.includes(props.list) ? ([['geojson', t('exports.geojson')]] as [Format, string][]) : []),
  ];
  return (
    <details className="export-menu" data-testid={props.testId ?? `export-${props.list}`}>
      <summary className="button export-menu__toggle">{t('exports.menu')}</summary>
      <div className="export-menu__panel">
        <ul className="export-menu__formats">
          {formats.map(([format, label]) => (
            <li key={format}>
              {waiting ? (
                <span className="export-menu__link" aria-disabled="true">
                  {label}
                </span>
              ) : (
                <a className="export-menu__link" href={exportHref(props.list, format, props.params ?? {}, i18n.language, unmask ? trimmed : undefined)} download data-format={format}>
                  {label}
                </a>
              )}
            </li>
          ))}
        </ul>
        {PERSONAL.includes(props.list) && !unmask && <p className="export-menu__note">{t('exports.masked')}</p>}
        {mayUnmask && (
          <div className="export-menu__unmask">
            <label className="check">
              <input type="checkbox" checked={unmask} onChange={(e) => setUnmask(e.target.checked)} />
              {t('exports.unmask')}
            </label>
            {unmask && (
              <label className="field" htmlFor={reasonId}>
                <span>{t('exports.reasonLabel')}</span>
                <input id={reasonId} type="text" value={reason} maxLength={UNMASK_REASON_MAX} onChange={(e) => setReason(e.target.value)} placeholder={t('exports.reasonPlaceholder')} />
                <small className="export-menu__note">{t('exports.reasonHint', { min: UNMASK_REASON_MIN })}</small>
              </label>
            )}
          </div>
        )}
      </div>
    </details>
  );
}
