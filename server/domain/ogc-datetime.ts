// The `datetime` parameter of OGC API – Features Part 1 (/req/core/fc-time-definition): an RFC 3339
// instant, or an interval of two separated by `/`, either end open as `..` (or, as Part 1 1.0 also
// wrote it, empty). A feature is selected when its own period intersects it (/req/core/fc-time-response).

/** Inclusive bounds in epoch ms; null is open. An instant has start = end. */
export interface TimeFilter {
  start: number | null;
  end: number | null;
}

export type DatetimeParse = { ok: true; filter: TimeFilter } | { ok: false; message: string };

// RFC 3339 date-time (seconds and fraction optional in practice; clients send both) or a full date.
const DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2})(?::(\d{2})(\.\d+)?)?([Zz]|[+-]\d{2}:\d{2})$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const DAY_MS = 86_400_000;

/** One end: a date-time, or a date taken as that whole UTC day (its first or last millisecond). */
function parseEnd(text: string, side: 'start' | 'end'): number | null | 'bad' {
  if (text === '..' || text === '') return null;
  const dt = DATE_TIME.exec(text);
  if (dt) {
    const [, y, mo, d, h, mi] = dt.map(Number) as number[];
    if (!validDay(y!, mo!, d!) || h! > 23 || mi! > 59 || Number(dt[6] ?? 0) > 60) return 'bad';
    const ms = Date.parse(text.replace(' ', 'T'));
    return Number.isFinite(ms) ? ms : 'bad';
  }
  const day = DATE.exec(text);
  if (day) {
    const [, y, mo, d] = day.map(Number) as number[];
    if (!validDay(y!, mo!, d!)) return 'bad';
    const start = Date.UTC(y!, mo! - 1, d!);
    return side === 'start' ? start : start + DAY_MS - 1;
  }
  return 'bad';
}

function validDay(y: number, mo: number, d: number): boolean {
  if (mo < 1 || mo > 12 || d < 1) return false;
  return d <= new Date(Date.UTC(y, mo, 0)).getUTCDate();
}

export function parseDatetime(value: string): DatetimeParse {
  const parts = value.trim().split('/');
  const bad = (why: string): DatetimeParse => ({
    ok: false,
    message: `${why}: expected an RFC 3339 date-time (2026-07-10T14:00:00Z), a date, or an interval start/end with .. for an open end`,
  });
  if (parts.length === 1) {
    if (parts[0] === '' || parts[0] === '..') return bad('an instant cannot be open');
    const start = parseEnd(parts[0]!, 'start');
    const end = parseEnd(parts[0]!, 'end');
    if (start === 'bad' || end === 'bad') return bad(`not a date-time: ${parts[0]}`);
    return { ok: true, filter: { start, end } };
  }
  if (parts.length !== 2) return bad('more than one /');
  const start = parseEnd(parts[0]!, 'start');
  const end = parseEnd(parts[1]!, 'end');
  if (start === 'bad') return bad(`not a date-time: ${parts[0]}`);
  if (end === 'bad') return bad(`not a date-time: ${parts[1]}`);
  if (start !== null && end !== null && start > end) return bad('the interval ends before it starts');
  return { ok: true, filter: { start, end } };
}
