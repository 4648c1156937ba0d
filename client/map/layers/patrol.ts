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

/** The layers a tap on the patrol map may pick from. */
export const PATROL_PICK_LAYERS = [LAYER.stops, LAYER.patrolTasks];

/**
 * Stop features carry `seq`, `grade`, `state` ('todo' | 'done' | 'unsent'), `result` (or 'not_visited') and `selected`;
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
    {
      id: LAYER.patrolTasks,
      type: 'circle',
      source: SOURCE.patrolTasks,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 7, 14, 11],
        'circle-color': ['match', get('status'), ...Object.entries(TASK_STATUS_COLORS).flat(), '#64748b'] as ExpressionSpecification,
        'circle-stroke-color': ['case', ['to-boolean', get('overdue')], OVERDUE_COLOR, '#ffffff'],
        'circle-stroke-width': ['case', ['to-boolean', get('overdue')], 4, 2],
      },
    },
    {
      id: LAYER.patrolTaskLabels,
      type: 'symbol',
      source: SOURCE.patrolTasks,
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
