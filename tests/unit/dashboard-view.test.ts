// The dashboard's and the briefing's views in the URL, where a click on a chart leads (read back by the
// screen it opens: the map's url-state, the ledger's ledger-url), and the charts' options: categories
// in step with the keys a click picks, colours from the map's palette, the bundled font.
import i18next, { type TFunction } from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../client/i18n/en.json';
import zhCN from '../../client/i18n/zh-CN.json';
import type { Dashboard } from '../../client/api/dashboard.ts';
import { parseBriefingView } from '../../client/features/briefing/briefing-url.ts';
import {
  STAGES,
  childrenChart,
  gradeChangeChart,
  gradeChart,
  overdueTrendChart,
  patrolTrendChart,
  stageChart,
  structureChart,
  warningsChart,
} from '../../client/features/dashboard/chart-options.ts';
import { briefingHref, daysBefore, ledgerHref, mapHref, parseDashboardView, quarterOf } from '../../client/features/dashboard/dashboard-url.ts';
import { parseUrlState } from '../../client/features/households/url-state.ts';
import { parseLedgerUrl } from '../../client/features/ledger/ledger-url.ts';
import { GRADE_COLORS, LEDGER_STATE_COLORS } from '../../client/map/palette.ts';
import { GRADE_KEYS, STRUCTURES, type Structure } from '../../server/domain/housing.ts';
import { LEDGER_STATES, type LedgerState } from '../../server/domain/ledger-states.ts';

const COUNTY = '610999000000';
const TOWNSHIP = '610999001000';
const VILLAGE = '610999001001';
const search = (href: string) => href.slice(href.indexOf('?'));

describe('the dashboard view in the URL', () => {
  it('reads a region and days, and drops what is not one', () => {
    expect(parseDashboardView(`?region=${TOWNSHIP}&from=2026-10-01&to=2026-10-31`)).toEqual({ region: TOWNSHIP, from: '2026-10-01', to: '2026-10-31' });
    expect(parseDashboardView('?region=6109&from=2026-13-45&to=yesterday')).toEqual({ region: null, from: null, to: null });
  });

  it('sends a grade bar to the map filtered to that grade, in the same region and days', () => {
    const href = mapHref({ region: TOWNSHIP, from: '2026-10-01', to: '2026-10-31' }, { grade: 'C' });
    expect(href.startsWith('/?')).toBe(true);
    const map = parseUrlState(search(href));
    expect(map.filters.grades).toEqual(['C']);
    expect(map.filters.region).toBe(TOWNSHIP);
    expect(map.filters.structures).toBeNull();
    expect(map.days).toEqual({ from: '2026-10-01', to: '2026-10-31' });
  });

  it('sends a structure bar, a township segment and a key-house tile to the map as its own filters', () => {
    const view = { region: null, from: null, to: null };
    expect(parseUrlState(search(mapHref(view, { structure: 'adobe' }))).filters.structures).toEqual(['adobe']);
    const seg = parseUrlState(search(mapHref(view, { region: VILLAGE, grade: 'D' })));
    expect([seg.filters.region, seg.filters.grades]).toEqual([VILLAGE, ['D']]);
    expect(parseUrlState(search(mapHref(view, { key: true }))).filters.keyOnly).toBe(true);
    expect(mapHref(view, { alert: 7 })).toBe('/?alert=7');
  });

  it('sends a stage bar to the ledger at that stage, narrowed to the township or village', () => {
    expect(parseLedgerUrl(search(ledgerHref(TOWNSHIP, { state: 'under_works' }))).query).toMatchObject({ states: ['under_works'], township: TOWNSHIP, village: null });
    expect(parseLedgerUrl(search(ledgerHref(VILLAGE, { state: 'listed' }))).query).toMatchObject({ states: ['listed'], township: TOWNSHIP, village: VILLAGE });
    expect(parseLedgerUrl(search(ledgerHref(COUNTY, { state: 'suspected' }))).query).toMatchObject({ states: ['suspected'], township: null, village: null });
    expect(parseLedgerUrl(search(ledgerHref(TOWNSHIP, { standing: 'overdue', moveOut: true }))).query).toMatchObject({ standing: ['overdue'], mustMoveOut: true });
  });

  it('counts days back in the calendar and names quarters as the reports do', () => {
    expect(daysBefore('2026-03-03', 7)).toBe('2026-02-24');
    expect(daysBefore('2026-01-01', 1)).toBe('2025-12-31');
    expect([quarterOf('2026-01-31'), quarterOf('2026-06-30'), quarterOf('2026-10-01')]).toEqual(['2026Q1', '2026Q2', '2026Q4']);
  });
});

describe('the briefing view in the URL', () => {
  it('reads region, since and the slide (from 1), keeping the slide within the four', () => {
    expect(parseBriefingView(`?region=${TOWNSHIP}&since=2026-10-24&slide=3`)).toEqual({ region: TOWNSHIP, since: '2026-10-24', slide: 2 });
    expect(parseBriefingView('?slide=9').slide).toBe(0);
    expect(parseBriefingView('?slide=0&since=soon')).toEqual({ region: null, since: null, slide: 0 });
    expect(briefingHref(TOWNSHIP)).toBe(`/briefing?region=${TOWNSHIP}`);
  });
});

function figures(): Dashboard {
  const byGrade = { A: 500, B: 300, C: 40, D: 12, none: 148 };
  return {
    region: { code: COUNTY, name: '安居县', level: 'county' },
    today: '2026-10-31',
    range: { from: '2026-10-24', to: '2026-10-31' },
    households: {
      total: 1000,
      byGrade,
      byStructure: Object.fromEntries(STRUCTURES.map((s, i) => [s, (i + 1) * 10])) as Record<Structure, number>,
      key: 320,
      repairedC: 20,
    },
    ledger: { byState: Object.fromEntries(LEDGER_STATES.map((s, i) => [s, i])) as Record<LedgerState, number>, inLedger: 52, mustMoveOut: 3, relocatedAway: 1 },
    overdue: { appraisals: 1, works: 4, tasks: 2, complaints: 1 },
    warnings: [{ alertId: 9, type: 'rainstorm', level: 'red', title: '暴雨红色预警', exposed: 80, dispatched: 60, patrolled: 30 }],
    patrol: { last24h: { due: 10, done: 7 }, last7d: { due: 60, done: 45 }, range: { due: 400, done: 380 } },
    children: [
      { code: TOWNSHIP, name: '河东街道', households: 600, byGrade, inLedger: 30, overdueWorks: 2, mustMoveOut: 1, patrolled7d: 20, patrolledInRange: 90, suspected: 2 },
      { code: '610999002000', name: '西岭镇', households: 400, byGrade, inLedger: 22, overdueWorks: 2, mustMoveOut: 2, patrolled7d: 25, patrolledInRange: 80, suspected: 1 },
    ],
    trends: { weeks: ['2026-10-19', '2026-10-26'], patrolled: [20, 25], due: [30, 30], toDangerous: [2, 1], toSafe: [0, 3], overdueByChild: [] },
    changes: { since: '2026-10-24', newSuspected: 3, closedOut: 5, newOverdue: 1 },
    dueThisWeek: [],
  };
}

const i18n = i18next.createInstance();
void i18n.init({ resources: { 'zh-CN': { translation: zhCN }, en: { translation: en } }, lng: 'zh-CN', interpolation: { escapeValue: false }, initAsync: false });
const text = { t: i18n.getFixedT('zh-CN') as TFunction, lang: 'zh-CN' };

type Bar = { type: string; name?: string; data: { value: number; itemStyle: { color: string } }[] | number[] };
const axis = (o: unknown, which: 'xAxis' | 'yAxis') => (o as Record<string, { data: string[] }>)[which]!.data;
const series = (o: unknown) => (o as { series: Bar[] }).series;

describe('the dashboard charts', () => {
  it('draws the grades in their map colours and the bundled font, the keys in the categories\' order', () => {
    const c = gradeChart(figures(), text);
    expect(c.keys).toEqual(GRADE_KEYS);
    expect(axis(c.option, 'xAxis')).toEqual(['A级', 'B级', 'C级', 'D级', '未鉴定']);
    const bars = series(c.option)[0]!.data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((b) => b.itemStyle.color)).toEqual(GRADE_KEYS.map((g) => GRADE_COLORS[g]));
    expect(bars.map((b) => b.value)).toEqual([500, 300, 40, 12, 148]);
    expect((c.option.textStyle as { fontFamily: string }).fontFamily).toContain('Noto Sans SC');
    expect(c.summary).toContain('C级 40');
  });

  it('sorts structures most first and keeps each key beside its label', () => {
    const c = structureChart(figures(), text);
    expect(c.keys[0]).toBe(STRUCTURES.at(-1));
    const labels = axis(c.option, 'yAxis');
    c.keys.forEach((s, i) => expect(labels[i]).toBe(text.t(`structure.${s}`)));
  });

  it('shows every ledger stage but plain monitoring, each in its stage colour', () => {
    const c = stageChart(figures(), text);
    expect(c.keys).toEqual(STAGES);
    expect(c.keys).not.toContain('monitoring');
    const bars = series(c.option)[0]!.data as { value: number; itemStyle: { color: string } }[];
    expect(bars.map((b) => b.itemStyle.color)).toEqual(STAGES.map((s) => LEDGER_STATE_COLORS[s]));
  });

  it('stacks the child regions by grade in GRADE_KEYS order, so a segment\'s series names its grade', () => {
    const c = childrenChart(figures().children, text);
    expect(c.keys).toEqual([TOWNSHIP, '610999002000']);
    expect(axis(c.option, 'yAxis')).toEqual(['河东街道', '西岭镇']);
    expect(series(c.option).map((s) => s.name)).toEqual(GRADE_KEYS.map((g) => text.t(`gradeShort.${g}`)));
  });

  it('names a warning by type and level and shows exposed, dispatched and patrolled', () => {
    const c = warningsChart(figures().warnings, text);
    expect(c.keys).toEqual([9]);
    expect(axis(c.option, 'yAxis')).toEqual(['暴雨红色预警']);
    expect(series(c.option).map((s) => s.data)).toEqual([[80], [60], [30]]);
  });

  it('draws every tooltip inside the chart, since the CSP (style-src \'self\') refuses the HTML tooltip\'s style attributes', () => {
    const f = figures();
    const all = [gradeChart, structureChart, stageChart, patrolTrendChart, gradeChangeChart, overdueTrendChart].map((build) => build(f, text).option);
    all.push(childrenChart(f.children, text).option, warningsChart(f.warnings, text).option);
    for (const o of all) expect((o.tooltip as { renderMode?: string }).renderMode).toBe('richText');
  });
});
