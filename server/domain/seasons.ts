// Seasons (domain.md "Warnings and seasons"): flood season (汛期) and freeze-thaw (冻融) windows,
// configurable per county. Windows are month-day ranges in China time (UTC+8, no daylight saving);
// a window whose end comes before its start runs over the new year (freeze: Nov → mid-March).
// Windows may overlap: early March is both freezing nights and thawing days.

export const SEASON_KINDS = ['flood', 'autumn_flood', 'typhoon', 'freeze', 'thaw'] as const;
export type SeasonKind = (typeof SEASON_KINDS)[number];

export interface SeasonWindow {
  kind: SeasonKind;
  /** MM-DD, inclusive. */
  from: string;
  to: string;
}

export interface SeasonConfig {
  /** Minutes east of UTC for the local date; China Standard Time by default. */
  utcOffsetMinutes: number;
  windows: SeasonWindow[];
}

const CST = 8 * 60;

/** Southern Shaanxi (the demo county): 汛期 from May, autumn floods into October, freeze Nov–mid-Mar, thaw Mar–Apr. */
export const DEFAULT_SEASONS: SeasonConfig = {
  utcOffsetMinutes: CST,
  windows: [
    { kind: 'flood', from: '05-01', to: '09-30' },
    { kind: 'autumn_flood', from: '09-01', to: '10-20' },
    { kind: 'freeze', from: '11-01', to: '03-15' },
    { kind: 'thaw', from: '03-01', to: '04-30' },
  ],
};

/** Presets by province (first two digits of the region code); a county may carry its own. */
export const PROVINCE_SEASONS: Record<string, SeasonConfig> = {
  // Shaanxi: the south floods from May (default); Guanzhong and the north from June — set per county.
  '61': DEFAULT_SEASONS,
  // Chongqing: about 15 Apr – 30 Sep, autumn floods to 20 Oct.
  '50': {
    utcOffsetMinutes: CST,
    windows: [
      { kind: 'flood', from: '04-15', to: '09-30' },
      { kind: 'autumn_flood', from: '09-01', to: '10-20' },
      { kind: 'freeze', from: '12-01', to: '02-28' },
      { kind: 'thaw', from: '02-15', to: '03-31' },
    ],
  },
  // Fujian: 汛期 from 1 April, typhoons June–October, no real freeze.
  '35': {
    utcOffsetMinutes: CST,
    windows: [
      { kind: 'flood', from: '04-01', to: '09-30' },
      { kind: 'typhoon', from: '06-01', to: '10-31' },
    ],
  },
};

/** The config for a county: its own when given, else its province's preset, else the default. */
export function seasonConfigFor(countyCode: string, perCounty: Record<string, SeasonConfig> = {}): SeasonConfig {
  return perCounty[countyCode] ?? PROVINCE_SEASONS[countyCode.slice(0, 2)] ?? DEFAULT_SEASONS;
}

export interface CurrentSeason {
  kind: SeasonKind;
  /** The dates (YYYY-MM-DD, local) of this occurrence of the window. */
  startsOn: string;
  endsOn: string;
  /** Days left including today. */
  daysLeft: number;
}

/** The local calendar date of an instant, as [year, month, day]. */
export function localDate(at: Date, utcOffsetMinutes: number): [number, number, number] {
  const d = new Date(at.getTime() + utcOffsetMinutes * 60_000);
  return [d.getUTCFullYear(), d.getUTCMonth() + 1, d.getUTCDate()];
}

const mdOf = (s: string): number => {
  const m = /^(\d{2})-(\d{2})$/.exec(s);
  if (!m) throw new Error(`season dates are MM-DD, got ${s}`);
  return Number(m[1]) * 100 + Number(m[2]);
};
const iso = (y: number, md: number) => `${y}-${String(Math.floor(md / 100)).padStart(2, '0')}-${String(md % 100).padStart(2, '0')}`;
const dayNumber = (s: string) => Date.parse(`${s}T00:00:00Z`) / 86_400_000;

/** The windows that hold `at`'s local date, in config order. */
export function currentSeasons(at: Date, config: SeasonConfig = DEFAULT_SEASONS): CurrentSeason[] {
  const [year, month, day] = localDate(at, config.utcOffsetMinutes);
  const today = month * 100 + day;
  const todayIso = iso(year, today);
  const out: CurrentSeason[] = [];
  for (const w of config.windows) {
    const from = mdOf(w.from);
    const to = mdOf(w.to);
    let start: string;
    let end: string;
    if (from <= to) {
      if (today < from || today > to) continue;
      [start, end] = [iso(year, from), iso(year, to)];
    } else if (today >= from) {
      [start, end] = [iso(year, from), iso(year + 1, to)]; // over the new year, first part
    } else if (today <= to) {
      [start, end] = [iso(year - 1, from), iso(year, to)];
    } else continue;
    // 02-29 in a config means "end of February".
    if (end.endsWith('-02-29') && !isLeap(Number(end.slice(0, 4)))) end = `${end.slice(0, 4)}-02-28`;
    out.push({ kind: w.kind, startsOn: start, endsOn: end, daysLeft: dayNumber(end) - dayNumber(todayIso) + 1 });
  }
  return out;
}

function isLeap(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}
