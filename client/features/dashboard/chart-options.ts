// The dashboard's charts as ECharts options, built from the figures (pure: no DOM, no clock). Colours
// come from the map's palette, so a grade or a stage has the same colour on the chart, the map and the
// ledger; text is the bundled Noto Sans SC. Each builder also says which key each category stands for
// (the grade, structure, stage, township or warning a click picks) and a one-line summary for readers.
import type { TFunction } from 'i18next';
import { GRADE_KEYS, STRUCTURES, type GradeKey, type Structure } from '../../../server/domain/housing.ts';
import { LEDGER_STATES, type LedgerState } from '../../../server/domain/ledger-states.ts';
import type { ChildRow, Dashboard, WarningRow } from '../../api/dashboard.ts';
import { MAP_FONT_FAMILY } from '../../map/fonts.ts';
import {
  ALERT_LEVEL_COLORS,
  EXPOSED_COLOR,
  GRADE_COLORS,
  LEDGER_STATE_COLORS,
  MARK_RINGS,
  STRUCTURE_MARKS,
  TASK_STATUS_COLORS,
} from '../../map/palette.ts';
import { alertName } from '../alerts/format.ts';
import type { ChartOption } from './Chart.tsx';

export interface BuiltChart<K> {
  option: ChartOption;
  /** The key behind each category, in axis order. */
  keys: K[];
  summary: string;
}

const INK = '#1f2430';
const MUTED = '#6b7280';
const GRID_LINE = '#e3e6eb';
/** The grey the filter panel fills a structure swatch with; the fragile ones carry the map's dark ring. */
const STRUCTURE_FILL = '#d1d5db';

/** What every chart shares: the bundled font, quiet axes, a tooltip, labels kept inside the box. */
function base(fontSize: number): ChartOption {
  return {
    textStyle: { fontFamily: MAP_FONT_FAMILY, fontSize, color: INK },
    animationDuration: 300,
    grid: { left: 8, right: 24, top: 28, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
    // Drawn inside the chart (richText), not as HTML: ECharts' HTML tooltip writes style="" attributes,
    // which the app's CSP (style-src 'self') refuses.
    tooltip: { trigger: 'axis', renderMode: 'richText', axisPointer: { type: 'shadow' }, textStyle: { fontFamily: MAP_FONT_FAMILY } },
  };
}

const valueAxis = (fontSize: number) => ({
  type: 'value' as const,
  minInterval: 1,
  axisLabel: { color: MUTED, fontSize: fontSize - 1, fontFamily: MAP_FONT_FAMILY },
  splitLine: { lineStyle: { color: GRID_LINE } },
});

const categoryAxis = (data: string[], fontSize: number, extra: Record<string, unknown> = {}) => ({
  type: 'category' as const,
  data,
  triggerEvent: true,
  axisTick: { show: false },
  axisLine: { lineStyle: { color: '#9ca3af' } },
  axisLabel: { color: INK, fontSize, fontFamily: MAP_FONT_FAMILY, ...extra },
});

const fmt = (lang: string) => (n: number) => n.toLocaleString(lang);
const summaryOf = (pairs: [string, number][], lang: string) => pairs.map(([k, n]) => `${k} ${fmt(lang)(n)}`).join('；');

export interface ChartText {
  t: TFunction;
  lang: string;
  /** Base text size (px): 13 on the dashboard, larger on the projector. */
  fontSize?: number;
}

/** Households by safety grade: one bar per grade in its map colour, the count on top. */
export function gradeChart(f: Dashboard, { t, lang, fontSize = 13 }: ChartText): BuiltChart<GradeKey> {
  const labels = GRADE_KEYS.map((g) => t(`gradeShort.${g}`));
  return {
    keys: [...GRADE_KEYS],
    summary: summaryOf(GRADE_KEYS.map((g, i) => [labels[i]!, f.households.byGrade[g]]), lang),
    option: {
      ...base(fontSize),
      // Every grade named, even when "Not appraised" is long: wrapped, never dropped.
      xAxis: categoryAxis(labels, fontSize, { interval: 0, width: 64, overflow: 'break' }),
      yAxis: valueAxis(fontSize),
      series: [
        {
          type: 'bar',
          name: t('dashboard.households'),
          barMaxWidth: 56,
          barMinHeight: 3,
          label: { show: true, position: 'top', fontFamily: MAP_FONT_FAMILY, fontSize, color: INK, formatter: (p) => fmt(lang)(Number(p.value)) },
          data: GRADE_KEYS.map((g) => ({ value: f.households.byGrade[g], itemStyle: { color: GRADE_COLORS[g] } })),
        },
      ],
    },
  };
}

/** Households by structure, most first; fragile structures (土木, 土坯, 窑洞 …) outlined as the map rings them. */
export function structureChart(f: Dashboard, { t, lang, fontSize = 13 }: ChartText): BuiltChart<Structure> {
  const keys = [...STRUCTURES].sort((a, b) => (f.households.byStructure[b] ?? 0) - (f.households.byStructure[a] ?? 0));
  const labels = keys.map((s) => t(`structure.${s}`));
  return {
    keys,
    summary: summaryOf(keys.map((s, i) => [labels[i]!, f.households.byStructure[s] ?? 0]), lang),
    option: {
      ...base(fontSize),
      xAxis: valueAxis(fontSize),
      yAxis: { ...categoryAxis(labels, fontSize), inverse: true },
      series: [
        {
          type: 'bar',
          name: t('dashboard.households'),
          barMaxWidth: 22,
          barMinHeight: 3,
          label: { show: true, position: 'right', fontFamily: MAP_FONT_FAMILY, fontSize: fontSize - 1, color: INK, formatter: (p) => fmt(lang)(Number(p.value)) },
          data: keys.map((s) => {
            const ring = MARK_RINGS[STRUCTURE_MARKS[s]];
            const fragile = STRUCTURE_MARKS[s] === 'fragile';
            return {
              value: f.households.byStructure[s] ?? 0,
              itemStyle: { color: fragile ? '#78716c' : STRUCTURE_FILL, borderColor: fragile ? ring.color : '#9ca3af', borderWidth: fragile ? 2 : 1 },
            };
          }),
        },
      ],
    },
  };
}

/** The ledger's stages on the way to close-out (monitoring left out: no case), in the state machine's order. */
export const STAGES: LedgerState[] = LEDGER_STATES.filter((s) => s !== 'monitoring');

export function stageChart(f: Dashboard, { t, lang, fontSize = 13 }: ChartText): BuiltChart<LedgerState> {
  const labels = STAGES.map((s) => t(`status.${s}`));
  return {
    keys: STAGES,
    summary: summaryOf(STAGES.map((s, i) => [labels[i]!, f.ledger.byState[s] ?? 0]), lang),
    option: {
      ...base(fontSize),
      xAxis: valueAxis(fontSize),
      // Long English stage names wrap within a third of a phone's width rather than squeeze the bars.
      yAxis: { ...categoryAxis(labels, fontSize, { interval: 0, width: 120, overflow: 'break', lineHeight: fontSize + 1 }), inverse: true },
      series: [
        {
          type: 'bar',
          name: t('dashboard.houses'),
          barMaxWidth: 20,
          barMinHeight: 3,
          label: { show: true, position: 'right', fontFamily: MAP_FONT_FAMILY, fontSize: fontSize - 1, color: INK, formatter: (p) => fmt(lang)(Number(p.value)) },
          data: STAGES.map((s) => ({ value: f.ledger.byState[s] ?? 0, itemStyle: { color: LEDGER_STATE_COLORS[s] } })),
        },
      ],
    },
  };
}

/**
 * Child regions side by side (the townships of a county, the villages of a township): households
 * stacked by grade, C and D shown at first (the A and B thousands would dwarf them; the legend brings
 * them back). A segment picks the region and that grade (series order = GRADE_KEYS).
 */
export function childrenChart(children: readonly ChildRow[], { t, lang, fontSize = 13 }: ChartText): BuiltChart<string> {
  const labels = children.map((c) => c.name);
  return {
    keys: children.map((c) => c.code),
    summary: summaryOf(children.map((c) => [c.name, c.households]), lang),
    option: {
      ...base(fontSize),
      legend: {
        top: 0,
        left: 0,
        itemWidth: 14,
        itemHeight: 10,
        textStyle: { fontFamily: MAP_FONT_FAMILY, fontSize: fontSize - 1 },
        selected: Object.fromEntries(GRADE_KEYS.map((g) => [t(`gradeShort.${g}`), g === 'C' || g === 'D'])),
      },
      grid: { left: 8, right: 24, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: valueAxis(fontSize),
      yAxis: { ...categoryAxis(labels, fontSize, { interval: 0 }), inverse: true },
      series: GRADE_KEYS.map((g) => ({
        type: 'bar' as const,
        name: t(`gradeShort.${g}`),
        stack: 'grade',
        barMaxWidth: 20,
        itemStyle: { color: GRADE_COLORS[g] },
        emphasis: { focus: 'series' as const },
        data: children.map((c) => c.byGrade[g]),
      })),
    },
  };
}

/** Active warnings: the houses each exposes, how many of them patrols were sent to, how many were patrolled. */
export function warningsChart(warnings: readonly WarningRow[], { t, lang, fontSize = 13 }: ChartText): BuiltChart<number> {
  const labels = warnings.map((w) => alertName(t, w.type, w.level));
  const levels = warnings.map((w) => w.level);
  const series = [
    { key: 'exposed', color: EXPOSED_COLOR },
    { key: 'dispatched', color: TASK_STATUS_COLORS.assigned },
    { key: 'patrolled', color: TASK_STATUS_COLORS.completed },
  ] as const;
  return {
    keys: warnings.map((w) => w.alertId),
    summary: warnings.map((w, i) => `${labels[i]}: ${t('dashboard.warningSummary', { exposed: w.exposed, dispatched: w.dispatched, patrolled: w.patrolled })}`).join('；'),
    option: {
      ...base(fontSize),
      legend: { top: 0, left: 0, itemWidth: 14, itemHeight: 10, textStyle: { fontFamily: MAP_FONT_FAMILY, fontSize: fontSize - 1 } },
      grid: { left: 8, right: 40, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: valueAxis(fontSize),
      yAxis: { ...categoryAxis(labels, fontSize, { fontWeight: 700, color: (_: unknown, i: number) => ALERT_LEVEL_COLORS[levels[i]!] }), inverse: true },
      series: series.map((s) => ({
        type: 'bar' as const,
        name: t(`dashboard.warning.${s.key}`),
        barMaxWidth: 14,
        barMinHeight: 2,
        itemStyle: { color: s.color },
        label: { show: true, position: 'right' as const, fontFamily: MAP_FONT_FAMILY, fontSize: fontSize - 2, color: MUTED, formatter: (p: { value: unknown }) => fmt(lang)(Number(p.value)) },
        data: warnings.map((w) => w[s.key]),
      })),
    },
  };
}

/** "10-27" for the week of Monday 2026-10-27: the weeks' axis. */
const weekLabel = (monday: string) => monday.slice(5);

/** Patrol stops done against stops due, week by week. */
export function patrolTrendChart(f: Dashboard, { t, fontSize = 13 }: ChartText): BuiltChart<string> {
  const { weeks, patrolled, due } = f.trends;
  return {
    keys: weeks,
    summary: weeks.map((w, i) => `${w}: ${t('dashboard.trend.patrolledOfDue', { done: patrolled[i] ?? 0, due: due[i] ?? 0 })}`).join('；'),
    option: {
      ...base(fontSize),
      tooltip: { trigger: 'axis', renderMode: 'richText', textStyle: { fontFamily: MAP_FONT_FAMILY } },
      legend: { top: 0, left: 0, textStyle: { fontFamily: MAP_FONT_FAMILY, fontSize: fontSize - 1 } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { ...categoryAxis(weeks.map(weekLabel), fontSize - 1), boundaryGap: false, triggerEvent: false },
      yAxis: valueAxis(fontSize),
      series: [
        { type: 'line', name: t('dashboard.trend.due'), data: due, itemStyle: { color: TASK_STATUS_COLORS.assigned }, lineStyle: { type: 'dashed' }, symbolSize: 6 },
        { type: 'line', name: t('dashboard.trend.patrolled'), data: patrolled, itemStyle: { color: TASK_STATUS_COLORS.completed }, areaStyle: { opacity: 0.12 }, symbolSize: 6 },
      ],
    },
  };
}

/** Grade changes week by week: appraisals that found C or D, and C/D houses appraised safe again. */
export function gradeChangeChart(f: Dashboard, { t, fontSize = 13 }: ChartText): BuiltChart<string> {
  const { weeks, toDangerous, toSafe } = f.trends;
  return {
    keys: weeks,
    summary: weeks.map((w, i) => `${w}: +${toDangerous[i] ?? 0} / −${toSafe[i] ?? 0}`).join('；'),
    option: {
      ...base(fontSize),
      legend: { top: 0, left: 0, textStyle: { fontFamily: MAP_FONT_FAMILY, fontSize: fontSize - 1 } },
      grid: { left: 8, right: 24, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { ...categoryAxis(weeks.map(weekLabel), fontSize - 1), triggerEvent: false },
      yAxis: valueAxis(fontSize),
      series: [
        { type: 'bar', name: t('dashboard.trend.toDangerous'), data: toDangerous, itemStyle: { color: GRADE_COLORS.D }, barMaxWidth: 12 },
        { type: 'bar', name: t('dashboard.trend.toSafe'), data: toSafe, itemStyle: { color: GRADE_COLORS.A }, barMaxWidth: 12 },
      ],
    },
  };
}

/** How many child regions' lines show at first: the ones with most overdue now (the legend adds the rest). */
const OVERDUE_LINES = 5;

/** Overdue works week by week, one line per child region. */
export function overdueTrendChart(f: Dashboard, { fontSize = 13 }: ChartText): BuiltChart<string> {
  const { weeks, overdueByChild } = f.trends;
  const worst = new Set(
    [...overdueByChild]
      .sort((a, b) => (b.values.at(-1) ?? 0) - (a.values.at(-1) ?? 0) || b.values.reduce((x, y) => x + y, 0) - a.values.reduce((x, y) => x + y, 0))
      .slice(0, OVERDUE_LINES)
      .map((c) => c.code),
  );
  return {
    keys: weeks,
    summary: overdueByChild.map((c) => `${c.name} ${c.values.at(-1) ?? 0}`).join('；'),
    option: {
      ...base(fontSize),
      tooltip: { trigger: 'axis', renderMode: 'richText', textStyle: { fontFamily: MAP_FONT_FAMILY }, order: 'valueDesc' },
      legend: {
        top: 0,
        left: 0,
        type: 'scroll',
        textStyle: { fontFamily: MAP_FONT_FAMILY, fontSize: fontSize - 1 },
        selected: Object.fromEntries(overdueByChild.map((c) => [c.name, worst.has(c.code)])),
      },
      grid: { left: 8, right: 24, top: 36, bottom: 8, outerBoundsMode: 'same', outerBoundsContain: 'axisLabel' },
      xAxis: { ...categoryAxis(weeks.map(weekLabel), fontSize - 1), boundaryGap: false, triggerEvent: false },
      yAxis: valueAxis(fontSize),
      series: overdueByChild.map((c) => ({ type: 'line' as const, name: c.name, data: c.values, symbolSize: 5, emphasis: { focus: 'series' as const } })),
    },
  };
}
