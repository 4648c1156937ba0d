// DRAFT — moves into style.ts once the base map lands (kept apart only while style.ts is being edited).
import type { ExpressionSpecification, LayerSpecification, StyleSpecification } from 'maplibre-gl';
import type { TaskStatus } from '../../server/domain/task-states.ts';
import { SOURCE } from './sources.ts';
import { FONT_BOLD, GRADE_COLORS, buildStyle, type MapLabels } from './style.ts';

const get = (p: string): ExpressionSpecification => ['get', p];
const halo = { 'text-halo-color': '#ffffff', 'text-halo-width': 2, 'text-halo-blur': 0.5 } as const;

// ——— patrol maps: the field view and the dispatch board ———

/** Task status colours, shared by the dispatch map and the task list badges. */
export const TASK_STATUS_COLORS: Record<TaskStatus, string> = {
  assigned: '#64748b', // 已派发
  accepted: '#0891b2', // 已接收
  in_progress: '#2563eb', // 巡查中
  completed: '#16a34a', // 已完成
  reviewed: '#166534', // 已审核
  cancelled: '#a8a29e', // 已取消
};
export const OVERDUE_COLOR = '#dc2626';

/** What a field result looks like on a stop's tick and in the lists. */
export const STOP_RESULT_COLORS = { safe: '#16a34a', hazard: '#ea580c', uninhabitable: '#b91c1c' } as const;
/** A result recorded on the phone and not yet on the server (未上传). */
export const UNSENT_COLOR = '#d97706';
export const ROUTE_COLOR = '#4338ca';
export const MY_POSITION_COLOR = '#1a73e8';
export const STOP_DONE_FILL = '#d1d5db';

export const PATROL_SOURCE = {
  route: 'patrol-route',
  stops: 'patrol-stops',
  committee: 'patrol-committee',
  tasks: 'patrol-tasks',
  me: 'patrol-me',
} as const;

export const PATROL_LAYER = {
  routeCasing: 'patrol-route-casing',
  route: 'patrol-route',
  committee: 'patrol-committee',
  committeeLabel: 'patrol-committee-label',
  tasks: 'patrol-tasks',
  taskLabels: 'patrol-task-labels',
  stopUnsent: 'patrol-stop-unsent',
  stops: 'patrol-stops',
  stopNumbers: 'patrol-stop-numbers',
  stopTick: 'patrol-stop-tick',
  stopTickText: 'patrol-stop-tick-text',
  stopSelected: 'patrol-stop-selected',
  meAccuracy: 'patrol-me-accuracy',
  me: 'patrol-me',
} as const;

/** The layers a tap on the patrol map may pick from. */
export const PATROL_PICK_LAYERS = [PATROL_LAYER.stops, PATROL_LAYER.tasks];

/**
 * Stop features carry `seq`, `grade`, `state` ('todo' | 'done' | 'unsent'), `result` and `selected`;
 * task features `status`, `overdue`, `label`; the position feature `accPx0` (accuracy in pixels at
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
  STOP_RESULT_COLORS.safe,
];
const stopGradeColor: ExpressionSpecification = [
  'match',
  ['coalesce', get('grade'), 'none'],
  'A',
  GRADE_COLORS.A,
  'B',
  GRADE_COLORS.B,
  'C',
  GRADE_COLORS.C,
  'D',
  GRADE_COLORS.D,
  GRADE_COLORS.none,
];
/** The stop circle's radius by zoom, plus `extra` pixels (rings drawn around it). */
const stopRadius = (extra = 0): ExpressionSpecification => ['interpolate', ['linear'], ['zoom'], 11, 8 + extra, 15, 11 + extra, 18, 14 + extra];
const tickOffset: [number, number] = [10, -10];

export interface PatrolLabels {
  /** 村委会: where every route starts and ends. */
  committee: string;
}

function patrolLayers(labels: PatrolLabels): LayerSpecification[] {
  return [
    {
      id: PATROL_LAYER.tasks,
      type: 'circle',
      source: PATROL_SOURCE.tasks,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 7, 14, 11],
        'circle-color': ['match', get('status'), ...Object.entries(TASK_STATUS_COLORS).flat(), '#64748b'] as ExpressionSpecification,
        'circle-stroke-color': ['case', ['to-boolean', get('overdue')], OVERDUE_COLOR, '#ffffff'],
        'circle-stroke-width': ['case', ['to-boolean', get('overdue')], 4, 2],
      },
    },
    {
      id: PATROL_LAYER.taskLabels,
      type: 'symbol',
      source: PATROL_SOURCE.tasks,
      layout: {
        'text-field': get('label'),
        'text-font': FONT_BOLD,
        'text-size': 12,
        'text-anchor': 'left',
        'text-offset': [1.1, 0],
        'text-optional': true,
      },
      paint: { 'text-color': ['case', ['to-boolean', get('overdue')], OVERDUE_COLOR, '#1f2937'], ...halo },
    },
    {
      id: PATROL_LAYER.routeCasing,
      type: 'line',
      source: PATROL_SOURCE.route,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': '#ffffff', 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 5, 17, 9] },
    },
    {
      id: PATROL_LAYER.route,
      type: 'line',
      source: PATROL_SOURCE.route,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': ROUTE_COLOR, 'line-width': ['interpolate', ['linear'], ['zoom'], 12, 2.5, 17, 5], 'line-opacity': 0.85 },
    },
    {
      id: PATROL_LAYER.committee,
      type: 'circle',
      source: PATROL_SOURCE.committee,
      paint: { 'circle-radius': 9, 'circle-color': ROUTE_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 3 },
    },
    {
      id: PATROL_LAYER.committeeLabel,
      type: 'symbol',
      source: PATROL_SOURCE.committee,
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
      id: PATROL_LAYER.stopUnsent,
      type: 'circle',
      source: PATROL_SOURCE.stops,
      filter: ['==', get('state'), 'unsent'],
      paint: {
        'circle-radius': stopRadius(4),
        'circle-opacity': 0,
        'circle-stroke-color': UNSENT_COLOR,
        'circle-stroke-width': 3,
      },
    },
    {
      id: PATROL_LAYER.stops,
      type: 'circle',
      source: PATROL_SOURCE.stops,
      layout: { 'circle-sort-key': ['case', isDone, 0, 1] },
      paint: {
        'circle-radius': stopRadius(),
        'circle-color': ['case', isDone, STOP_DONE_FILL, '#ffffff'],
        // To do: ringed in the house's grade colour; done: greyed.
        'circle-stroke-color': ['case', isDone, '#9ca3af', stopGradeColor],
        'circle-stroke-width': ['case', isDone, 1.5, 3],
      },
    },
    {
      id: PATROL_LAYER.stopNumbers,
      type: 'symbol',
      source: PATROL_SOURCE.stops,
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
      id: PATROL_LAYER.stopTick,
      type: 'circle',
      source: PATROL_SOURCE.stops,
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
      id: PATROL_LAYER.stopTickText,
      type: 'symbol',
      source: PATROL_SOURCE.stops,
      filter: isDone,
      layout: {
        'text-field': ['match', get('result'), 'safe', '✓', '!'],
        'text-font': FONT_BOLD,
        'text-size': 10,
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-translate': tickOffset },
    },
    {
      id: PATROL_LAYER.stopSelected,
      type: 'circle',
      source: PATROL_SOURCE.stops,
      filter: ['to-boolean', get('selected')],
      paint: { 'circle-radius': stopRadius(5), 'circle-opacity': 0, 'circle-stroke-color': '#111827', 'circle-stroke-width': 3 },
    },
    {
      id: PATROL_LAYER.meAccuracy,
      type: 'circle',
      source: PATROL_SOURCE.me,
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
      id: PATROL_LAYER.me,
      type: 'circle',
      source: PATROL_SOURCE.me,
      paint: { 'circle-radius': 7, 'circle-color': MY_POSITION_COLOR, 'circle-stroke-color': '#ffffff', 'circle-stroke-width': 2.5 },
    },
  ];
}

/** The patrol map's style: the county's own basemap and labels, then the patrol layers on top. */
export function buildPatrolStyle(labels: PatrolLabels): StyleSpecification {
  const base = buildStyle({ dangerous: '', structures: {} } as unknown as MapLabels);
  const houseSources = new Set<string>([SOURCE.households, SOURCE.selection]);
  const empty = { type: 'geojson' as const, data: { type: 'FeatureCollection' as const, features: [] } };
  const layers = base.layers.filter((l) => !('source' in l) || !houseSources.has(l.source as string));
  const sources = Object.fromEntries(Object.entries(base.sources).filter(([k]) => !houseSources.has(k)));
  return {
    ...base,
    sources: { ...sources, ...Object.fromEntries(Object.values(PATROL_SOURCE).map((s) => [s, empty])) },
    layers: [...layers, ...patrolLayers(labels)],
  };
}

