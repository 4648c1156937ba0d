// Patrols as layers: the tasks as village markers (the dispatch board), a task's route from the
// village committee through its numbered stops and back, each stop's result tick, and one's own
// position with its accuracy.
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import {
  MY_POSITION_COLOR,
  NOT_VISITED_COLOR,
  OVERDUE_COLOR,
  ROUTE_COLOR,
  STOP_DONE_FILL,
  STOP_RESULT_COLORS,
  TASK_STATUS_COLORS,
  UNSENT_COLOR,
} from '../palette.ts';
import { SOURCE } from '../sources.ts';
import { FONT_BOLD, get, gradeColor, halo } from './common.ts';
import { LAYER } from './ids.ts';

/**
 * Where the n-th task at one village point is drawn, in pixels from the point: a sunflower (golden-angle
 * spiral) — slot 0 on the point, each next one a little further out — so any number of tasks up to
 * SPIDER_OFFSETS.length fan out without overlapping, whatever the zoom. Beyond that they share the last slot.
 */
const SPIDER_STEP_PX = 17;
export const SPIDER_OFFSETS: [number, number][] = Array.from({ length: 12 }, (_, k): [number, number] => {
  const r = SPIDER_STEP_PX * Math.sqrt(k);
  const a = k * 2.39996; // the golden angle, radians
  return [Math.round(r * Math.cos(a)), Math.round(r * Math.sin(a))];
});
const SLOT_LAYERS = [
  LAYER.patrolTasks,
  LAYER.patrolTasks1,
  LAYER.patrolTasks2,
  LAYER.patrolTasks3,
  LAYER.patrolTasks4,
  LAYER.patrolTasks5,
  LAYER.patrolTasks6,
  LAYER.patrolTasks7,
  LAYER.patrolTasks8,
  LAYER.patrolTasks9,
  LAYER.patrolTasks10,
  LAYER.patrolTasks11,
] as const;
export const taskSlotLayer = (slot: number) => SLOT_LAYERS[slot]!;

/**
 * Each task's slot among the tasks at the same point (by id, so a refresh keeps every marker in its
 * place) and its label's offset in ems beside that slot.
 */
export function spiderSlots<T extends { id: number; start: readonly [number, number] }>(tasks: readonly T[]): Map<number, { slot: number; labelOffset: [number, number] }> {
  const byPoint = new Map<string, T[]>();
  for (const t of tasks) {
    const key = `${t.start[0]},${t.start[1]}`;
    byPoint.set(key, [...(byPoint.get(key) ?? []), t]);
  }
  const out = new Map<number, { slot: number; labelOffset: [number, number] }>();
  for (const group of byPoint.values()) {
    group.sort((a, b) => a.id - b.id).forEach((t, i) => {
      const slot = Math.min(i, SPIDER_OFFSETS.length - 1);
      const [dx, dy] = SPIDER_OFFSETS[slot]!;
      out.set(t.id, { slot, labelOffset: [(dx + 13) / 12, dy / 12] });
    });
  }
  return out;
}

/** The layers a tap on the patrol map may pick from. */
export const PATROL_PICK_LAYERS = [LAYER.stops, ...SPIDER_OFFSETS.map((_, slot) => taskSlotLayer(slot))];

/**
 * Stop features carry `seq`, `grade`, `state` ('todo' | 'done' | 'unsent'), `result` (or 'not_visited') and `selected`;
 * task features `status`, `overdue`, `label`, `slot` and `labelOffset` (spiderSlots); the position feature `accPx0` (accuracy in pixels at
 * zoom 0, so the accuracy circle scales with the zoom like a radius in metres would).
 */
const isDone: ExpressionSpecification = ['!=', get('state'), 'todo'];
const resultColor: ExpressionSpecification = [
  'match',
  get('result'),
  'hazard',
  STOP_RESULT_COLORS.hazard,
  'uninhabitable',
  STOP_RESULT_COLORS.uninhabitable,
  'not_visited',
  NOT_VISITED_COLOR,
  STOP_RESULT_COLORS.safe,
];
/** The stop circle's radius by zoom, plus `extra` pixels (rings drawn around it). */
const stopRadius = (extra = 0): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 11, 8 + extra, 15, 11 + extra, 18, 14 + extra];
const tickOffset: [number, number] = [10, -10];

export interface PatrolLabels {
  /** 村委会: where every route starts and ends. */
  committee: string;
}

export function patrolLayers(labels: PatrolLabels): LayerSpecification[] {
  return [
    // Tasks that share a village point are fanned out: one layer per slot, each with its own fixed
    // translate (circle-translate takes no data), the slot chosen once per feature (spiderSlots).
    ...SPIDER_OFFSETS.map(
      ([dx, dy], slot): LayerSpecification => ({
        id: taskSlotLayer(slot),
        type: 'circle',
        source: SOURCE.patrolTasks,
        filter: ['==', get('slot'), slot],
        paint: {
          'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 7, 14, 11],
          'circle-translate': [dx, dy],
          'circle-color': ['match', get('status'), ...Object.entries(TASK_STATUS_COLORS).flat(), '#64748b'] as ExpressionSpecification,
          'circle-stroke-color': ['case', ['to-boolean', get('overdue')], OVERDUE_COLOR, '#ffffff'],
          'circle-stroke-width': ['case', ['to-boolean', get('overdue')], 4, 2],
        },
      }),
    ),
    {
      id: LAYER.patrolTaskLabels,
      type: 'symbol',
      source: SOURCE.patrolTasks,
      layout: {
        'text-field': get('label'),
        'text-font': FONT_BOLD,
        'text-size': 12,
        'text-anchor': 'left',
        // Beside its own marker of the fan: the slot's offset in ems (12 px) plus the usual gap.
        'text-offset': get('labelOffset') as unknown as [number, number],
        'text-optional': true,
      },
      paint: { 'text-color': ['case', ['to-boolean', get('overdue')], OVERDUE_COLOR, '#1f2937'], ...halo },
    },
    {
      id: LAYER.routeCasing,
      type: 'line',
      source: SOURCE.route,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 5, 17, 9] },
    },
    {
      id: LAYER.route,
      type: 'line',
      source: SOURCE.route,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': ROUTE_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 17, 5], 'line-opacity': 0.85 },
    },
    {
      id: LAYER.committee,
      type: 'circle',
      source: SOURCE.committee,
      paint: { 'circle-radius': 9, 'circle-color': ROUTE_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    },
    {
      id: LAYER.committeeLabel,
      type: 'symbol',
      source: SOURCE.committee,
      layout: {
        'text-field': labels.committee,
        'text-font': FONT_BOLD,
        'text-size': 13,
        'text-anchor': 'top',
        'text-offset': [0, 1],
        'text-allow-overlap': true,
      },
      paint: { 'text-color': ROUTE_COLOR, ...halo, 'text-halo-width': 2.5 },
    },
    {
      // 未上传: an amber ring around a stop whose result waits on the phone.
      id: LAYER.stopUnsent,
      type: 'circle',
      source: SOURCE.stops,
      filter: ['==', get('state'), 'unsent'],
      paint: {
        'circle-radius': stopRadius(4),
        'circle-opacity': 0,
        'circle-stroke-color': UNSENT_COLOR,
        'circle-stroke-width': 3,
      },
    },
    {
      id: LAYER.stops,
      type: 'circle',
      source: SOURCE.stops,
      layout: { 'circle-sort-key': ['case', isDone, 0, 1] },
      paint: {
        'circle-radius': stopRadius(),
        'circle-color': ['case', isDone, STOP_DONE_FILL, '#ffffff'],
        // To do: ringed in the house's grade colour; done: greyed.
        'circle-stroke-color': ['case', isDone, '#9ca3af', gradeColor],
        'circle-stroke-width': ['case', isDone, 1.5, 3],
      },
    },
    {
      id: LAYER.stopNumbers,
      type: 'symbol',
      source: SOURCE.stops,
      layout: {
        'text-field': ['to-string', get('seq')],
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 11, 10, 15, 12.5, 18, 15],
        'text-allow-overlap': true,
        'text-ignore-placement': true,
        'symbol-sort-key': ['case', isDone, 0, 1],
      },
      paint: { 'text-color': ['case', isDone, '#6b7280', '#111827'] },
    },
    {
      id: LAYER.stopTick,
      type: 'circle',
      source: SOURCE.stops,
      filter: isDone,
      paint: {
        'circle-radius': 6.5,
        'circle-translate': tickOffset,
        'circle-color': ['case', ['==', get('state'), 'unsent'], UNSENT_COLOR, resultColor],
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
      },
    },
    {
      id: LAYER.stopTickText,
      type: 'symbol',
      source: SOURCE.stops,
      filter: isDone,
      layout: {
        'text-field': ['match', get('result'), 'safe', '✓', 'not_visited', '–', '!'],
        'text-font': FONT_BOLD,
        'text-size': 10,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-translate': tickOffset },
    },
    {
      id: LAYER.stopSelected,
      type: 'circle',
      source: SOURCE.stops,
      filter: ['to-boolean', get('selected')],
      paint: { 'circle-radius': stopRadius(5), 'circle-opacity': 0, 'circle-stroke-color': '#111827', 'circle-stroke-width': 3 },
    },
    {
      id: LAYER.meAccuracy,
      type: 'circle',
      source: SOURCE.me,
      paint: {
        'circle-radius': ['interpolate', ['exponential', 2], ['zoom'], 0, get('accPx0'), 22, ['*', get('accPx0'), 2 ** 22]],
        'circle-color': MY_POSITION_COLOR,
        'circle-opacity': 0.12,
        'circle-stroke-color': MY_POSITION_COLOR,
        'circle-stroke-width': 1,
        'circle-stroke-opacity': 0.35,
        'circle-pitch-alignment': 'map',
      },
    },
    {
      id: LAYER.me,
      type: 'circle',
      source: SOURCE.me,
      paint: { 'circle-radius': 7, 'circle-color': MY_POSITION_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
    },
  ];
}
