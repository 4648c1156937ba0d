// Words and times for warnings: "暴雨红色预警", "剩余 5 小时 20 分", server errors with their field.
import type { TFunction } from 'i18next';
import { useEffect, useState } from 'react';
import type { AlertLevel, AlertType } from '../../api/alerts.ts';

/** An alert expiring within this is marked (dashed outline, "即将到期"). */
export const EXPIRING_WITHIN_MS = 3 * 3600_000;

/**
 * 暴雨红色预警 / Rainstorm red warning. An `other` alert is named by the sender's own <event> ("高温",
 * "Tsunami Warning" → 高温红色预警, Tsunami Red Warning), without a trailing "warning" word.
 */
export function alertName(t: TFunction, type: AlertType, level: AlertLevel, event?: string | null): string {
  const own = type === 'other' && event ? event.replace(/\s*(预警信号|预警|warning|watch|advisory|statement)\s*$/i, '').trim() : '';
  return t('alerts.name', { type: own || t(`alertType.${type}`), level: t(`alertLevel.${level}`) });
}

/** A duration as days/hours/minutes, the two largest units. */
export function duration(t: TFunction, ms: number): string {
  const minutes = Math.max(0, Math.floor(ms / 60_000));
  const d = Math.floor(minutes / 1440);
  const h = Math.floor((minutes % 1440) / 60);
  const m = minutes % 60;
  if (d > 0) return t('alerts.time.days', { d, h });
  if (h > 0) return t('alerts.time.hours', { h, m });
  return t('alerts.time.minutes', { m });
}

/** A timestamp in the reader's language, to the minute. */
export function when(lang: string, iso: string): string {
  return new Date(iso).toLocaleString(lang, { month: 'numeric', day: 'numeric', hour: '2-digit', minute: '2-digit', hour12: false });
}

/** The current time, ticking every `everyMs` (time left, the expiring mark). */
export function useNow(everyMs = 60_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** A Date as the value of <input type="datetime-local"> (local wall time). */
export function toLocalInput(d: Date): string {
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}

/** A datetime-local value as ISO 8601 with the browser's offset (the API wants an offset: +08:00). */
export function localInputToIso(value: string): string | null {
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return null;
  return toOffsetIso(d);
}

export function toOffsetIso(d: Date): string {
  const off = -d.getTimezoneOffset();
  const sign = off >= 0 ? '+' : '-';
  const abs = Math.abs(off);
  return `${toLocalInput(d)}:${pad(d.getSeconds())}${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}
