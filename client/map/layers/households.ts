// The households as layers: clusters that show their worst grade (or most pressing ledger stage), houses
// coloured by grade or by ledger stage and ringed by structure, the repaired-C, suspected, overdue and
// must-move-out marks, the structure names, and the selected house.
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { FRAGILE_STRUCTURES, type Structure } from '../../../server/domain/housing.ts';
import { LEDGER_STATES, type LedgerState } from '../../../server/domain/ledger-states.ts';
import { CLUSTER_STAGE_GROUPS as STAGE_GROUPS, stageRank, type ClusterStageKey } from '../../../server/domain/map-clusters.ts';
import {
  GRADE_COLORS,
  LEDGER_STATE_COLORS,
  MARK_RINGS,
  MOVE_OUT_COLOR,
  OVERDUE_COLOR,
  REPAIRED_C_COLOR,
  SELECTED_COLOR,
  SUSPECTED_COLOR,
} from '../palette.ts';
import { SOURCE } from '../sources.ts';
import { FONT_BOLD, FONT_REGULAR, get, gradeColor, gradeSortKey, halo, isCluster, isPoint } from './common.ts';
import { LAYER, STATE } from './ids.ts';

export const CLUSTER_MAX_ZOOM = 12;

/** The layers a click on the map may pick a house from. */
export const HOUSE_LAYERS = [LAYER.houses, LAYER.repairedC];

const fragileList = ['literal', [...FRAGILE_STRUCTURES]] as unknown as ExpressionSpecification;
const isFragile: ExpressionSpecification = ['in', get('structure'), fragileList];

// House-level sizes at zoom 12, 14, 16, 18. A zoom curve must be the outermost expression, so the
// per-feature choices (fragile or not) sit inside each stop.
const HOUSE_ZOOMS = [12, 14, 16, 18] as const;
const RADIUS = [4, 6.5, 9.5, 13] as const;
const RING_SCALE = [0.55, 0.8, 1, 1.3] as const;
const OUTER_GAP = [1, 1.6, 2.5, 3] as const;
const byZoom = (stop: (i: number) => number | ExpressionSpecification): ExpressionSpecification =>
  ['interpolate', ['linear'], ['zoom'], ...HOUSE_ZOOMS.flatMap((z, i) => [z, stop(i)])] as unknown as ExpressionSpecification;
const ringAt = (i: number): ExpressionSpecification => [
  'case',
  isFragile,
  MARK_RINGS.fragile.width * RING_SCALE[i]!,
  MARK_RINGS.sturdy.width * RING_SCALE[i]!,
];

/** The suspected badge: its radius, and its centre on the house's upper right, by zoom. */
const SUSPECT_BADGE = [4.5, 6, 8, 9.5] as const;
const suspectOffset = [
  'interpolate',
  ['linear'],
  ['zoom'],
  ...HOUSE_ZOOMS.flatMap((z, i) => [z, ['literal', [RADIUS[i]! * 0.9, -RADIUS[i]! * 0.9]]]),
] as unknown as ExpressionSpecification;
const isSuspected: ExpressionSpecification = ['all', isPoint, ['==', get('status'), 'suspected']];

/** The must-move-out badge sits on the house's lower left, opposite the suspected one; a little larger, for its character. */
const MOVE_OUT_BADGE = [5.5, 7, 9, 10.5] as const;
const moveOutOffset = [
  'interpolate',
  ['linear'],
  ['zoom'],
  ...HOUSE_ZOOMS.flatMap((z, i) => [z, ['literal', [-RADIUS[i]! * 0.9, RADIUS[i]! * 0.9]]]),
] as unknown as ExpressionSpecification;
/** Feature flags from the ledger (server: works past their seed-001 deadline; people still in a house they must leave). */
const isOverdue: ExpressionSpecification = ['all', isPoint, ['to-boolean', get('overdue')]];
const mustMoveOut: ExpressionSpecification = ['all', isPoint, ['to-boolean', get('mustMoveOut')]];

/** Colour by ledger stage instead of grade (the legend's switch, global state `colorBy`). */
const byStage: ExpressionSpecification = ['==', ['global-state', STATE.colorBy], 'stage'];
export const stageColor: ExpressionSpecification = [
  'match',
  ['coalesce', get('status'), 'monitoring'],
  ...LEDGER_STATES.flatMap((s) => [s, LEDGER_STATE_COLORS[s]]),
  LEDGER_STATE_COLORS.monitoring,
] as unknown as ExpressionSpecification;
export const houseColor: ExpressionSpecification = ['case', byStage, stageColor, gradeColor];

/** Point radius by zoom: small dots when the village fills the screen, bigger at house level. */
const pointRadius = byZoom((i) => RADIUS[i]!);
const ringWidth = byZoom(ringAt);
/** The repaired-C ring sits just outside the structure ring. */
const outerRadius = byZoom((i) => ['+', RADIUS[i]!, ringAt(i), OUTER_GAP[i]!]);
/** The overdue ring sits outside the repaired-C ring, so a house can carry both. */
const OVERDUE_RING = [1.8, 2.4, 3, 3.5] as const;
const overdueRadius = byZoom((i) => ['+', RADIUS[i]!, ringAt(i), OUTER_GAP[i]! * 2 + 3.2 + OVERDUE_RING[i]! / 2]);
const ringColor: ExpressionSpecification = ['case', isFragile, MARK_RINGS.fragile.color, MARK_RINGS.sturdy.color];

/** With "highlight key houses" on, every house that is not a key house fades back. */
const keyFocusOpacity = (dimmed: number): ExpressionSpecification => [
  'case',
  ['all', ['global-state', STATE.keyFocus], ['!', ['to-boolean', get('key')]]],
  dimmed,
  1,
];

/**
 * Ledger stages as a cluster counts them, most pressing first (server/domain/map-clusters.ts, which the
 * tiles' aggregates count too): the ring of a cluster in "by stage" mode takes the colour of the first
 * group it holds any house of.
 */
const STAGE_GROUP_COLORS: Record<ClusterStageKey, string> = {
  sSuspected: LEDGER_STATE_COLORS.suspected,
  sWorks: LEDGER_STATE_COLORS.listed,
  sAwaiting: LEDGER_STATE_COLORS.accepted,
  sEmpty: LEDGER_STATE_COLORS.idle,
  sEnded: LEDGER_STATE_COLORS.closed_out,
};
export const CLUSTER_STAGE_GROUPS: readonly { key: ClusterStageKey; states: readonly LedgerState[]; color: string }[] = STAGE_GROUPS.map((g) => ({
  ...g,
  color: STAGE_GROUP_COLORS[g.key],
}));
/**
 * Per-cluster values (clusterProperties), named as the tiles' aggregates name them so one style draws
 * both: `worst` grade (D > C > B > A > none), `stage` (the most pressing stage group held, as a number:
 * stageRank), `cd` (C + D houses) and `overdue`. Only what the cluster layers read, each one cheap
 * expression: MapLibre's worker evaluates every one for every house and again at every merge, at every
 * zoom, when the households are set — twelve counts took a quarter of a second there.
 */
const worseGrade: ExpressionSpecification = [
  'case',
  ['==', ['accumulated'], 'none'],
  get('worst'),
  ['==', get('worst'), 'none'],
  ['accumulated'],
  ['>', get('worst'), ['accumulated']],
  get('worst'),
  ['accumulated'],
];
const stageOfHouse = [
  'match',
  ['coalesce', get('status'), 'monitoring'],
  ...STAGE_GROUPS.flatMap((g) => [[...g.states], stageRank(g.key)]),
  0,
] as unknown as ExpressionSpecification;
export const CLUSTER_PROPERTIES = {
  worst: [worseGrade, ['coalesce', get('grade'), 'none']],
  stage: ['max', stageOfHouse],
  cd: ['+', ['match', get('grade'), ['C', 'D'], 1, 0]],
  overdue: ['+', ['case', ['to-boolean', get('overdue')], 1, 0]],
} as const satisfies Record<string, unknown>;

const worstGradeColor: ExpressionSpecification = [
  'match',
  get('worst'),
  'D',
  GRADE_COLORS.D,
  'C',
  GRADE_COLORS.C,
  'B',
  GRADE_COLORS.B,
  'A',
  GRADE_COLORS.A,
  GRADE_COLORS.none,
];
const worstStageColor = [
  'match',
  get('stage'),
  ...CLUSTER_STAGE_GROUPS.flatMap((g) => [stageRank(g.key), g.color]),
  LEDGER_STATE_COLORS.monitoring,
] as unknown as ExpressionSpecification;
const clusterRadius: ExpressionSpecification = ['step', get('point_count'), 16, 20, 20, 100, 24, 500, 29, 2000, 35];

/** Labels that depend on the language; MapView swaps them in with setLayoutProperty. */
export interface MapLabels {
  /** Short word for "dangerous (C+D)" under a cluster count. */
  dangerous: string;
  /** Short structure labels drawn beside fragile houses at house level. */
  structures: Record<Structure, string>;
  /** "Overdue" under an overdue house and in a cluster's count (逾期). */
  overdue: string;
  /** The one character on the must-move-out badge (迁). */
  moveOut: string;
}

export function clusterTextField(labels: MapLabels): DataDrivenPropertyValueSpecification<string> {
  const danger: ExpressionSpecification = get('cd');
  // A county's aggregates count tens of thousands: grouped digits (12,345) read at a glance.
  return [
    'format',
    ['number-format', get('point_count'), {}],
    {},
    ['case', ['>', danger, 0], ['concat', '\n', labels.dangerous, ' ', ['number-format', danger, {}]], ''],
    { 'font-scale': 0.8, 'text-color': '#b91c1c' },
    ['case', ['>', get('overdue'), 0], ['concat', '\n', labels.overdue, ' ', ['to-string', get('overdue')]], ''],
    // Bold, so "overdue" reads apart from "dangerous" in the same red.
    { 'font-scale': 0.8, 'text-color': OVERDUE_COLOR, 'text-font': ['literal', FONT_BOLD] },
  ] as unknown as DataDrivenPropertyValueSpecification<string>;
}

export function structureTextField(labels: MapLabels): DataDrivenPropertyValueSpecification<string> {
  const pairs = FRAGILE_STRUCTURES.flatMap((s) => [s, labels.structures[s]]);
  return ['match', get('structure'), ...pairs, ''] as unknown as DataDrivenPropertyValueSpecification<string>;
}

export function householdLayers(labels: MapLabels): LayerSpecification[] {
  return [
    {
      id: LAYER.clusters,
      type: 'circle',
      source: SOURCE.households,
      filter: isCluster,
      paint: {
        'circle-color': '#ffffff',
        'circle-opacity': 0.94,
        'circle-radius': clusterRadius,
        'circle-stroke-color': ['case', byStage, worstStageColor, worstGradeColor],
        'circle-stroke-width': 4,
      },
    },
    {
      // A second, outer magenta ring: repaired C (原鉴定为C级通过修缮加固, a key house, seeds 000/001).
      id: LAYER.repairedC,
      type: 'circle',
      source: SOURCE.households,
      filter: ['all', isPoint, ['to-boolean', get('repairedC')]],
      paint: {
        'circle-radius': outerRadius,
        'circle-color': REPAIRED_C_COLOR,
        'circle-opacity': 0,
        'circle-stroke-color': REPAIRED_C_COLOR,
        'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 12, 1.6, 14, 2.4, 16, 3.2],
        'circle-stroke-opacity': keyFocusOpacity(0.15),
      },
    },
    {
      // 逾期: works past the seed-001 deadline. A red ring outside everything else, never dimmed.
      id: LAYER.overdue,
      type: 'circle',
      source: SOURCE.households,
      filter: isOverdue,
      paint: {
        'circle-radius': overdueRadius,
        'circle-color': OVERDUE_COLOR,
        'circle-opacity': 0.12,
        'circle-stroke-color': OVERDUE_COLOR,
        'circle-stroke-width': byZoom((i) => OVERDUE_RING[i]!),
      },
    },
    {
      id: LAYER.houses,
      type: 'circle',
      source: SOURCE.households,
      filter: isPoint,
      layout: {
        'circle-sort-key': gradeSortKey,
      },
      paint: {
        'circle-color': houseColor,
        'circle-radius': pointRadius,
        'circle-stroke-color': ringColor,
        'circle-stroke-width': ringWidth,
        'circle-opacity': keyFocusOpacity(0.15),
        'circle-stroke-opacity': keyFocusOpacity(0.15),
      },
    },
    {
      id: LAYER.structureText,
      type: 'symbol',
      source: SOURCE.households,
      filter: ['all', isPoint, isFragile],
      minzoom: 15.5,
      layout: {
        'text-field': structureTextField(labels),
        'text-font': FONT_REGULAR,
        'text-size': 11,
        'text-anchor': 'left',
        'text-offset': [0.9, 0],
        'text-optional': true,
      },
      paint: { 'text-color': '#1c1917', ...halo, 'text-opacity': keyFocusOpacity(0.2) },
    },
    {
      // 疑似危房: a red "!" badge on the house's upper right, never dimmed (it is what a township acts on).
      id: LAYER.suspected,
      type: 'circle',
      source: SOURCE.households,
      filter: isSuspected,
      paint: {
        'circle-radius': byZoom((i) => SUSPECT_BADGE[i]!),
        'circle-color': SUSPECTED_COLOR,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-translate': suspectOffset,
      },
    },
    {
      id: LAYER.suspectedMark,
      type: 'symbol',
      source: SOURCE.households,
      filter: isSuspected,
      layout: {
        'text-field': '!',
        'text-font': FONT_BOLD,
        'text-size': byZoom((i) => SUSPECT_BADGE[i]! * 1.6),
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-translate': suspectOffset },
    },
  ];
}

/** At house level the word under an overdue house, and the must-move-out badge on its lower left. */
export function ledgerMarkLayers(labels: MapLabels): LayerSpecification[] {
  return [
    {
      id: LAYER.overdueText,
      type: 'symbol',
      source: SOURCE.households,
      filter: isOverdue,
      // Points show from zoom 13 (the source clusters up to 12); overdue houses are few enough to name at once.
      minzoom: 13,
      layout: {
        'text-field': labels.overdue,
        'text-font': FONT_BOLD,
        'text-size': 12,
        'text-anchor': 'top',
        'text-offset': [0, 1.1],
        'text-optional': true,
      },
      paint: { 'text-color': OVERDUE_COLOR, ...halo },
    },
    {
      // 人不进危房: a household still living in a house it must leave (D, or judged 不可以居住), never dimmed.
      id: LAYER.moveOut,
      type: 'circle',
      source: SOURCE.households,
      filter: mustMoveOut,
      paint: {
        'circle-radius': byZoom((i) => MOVE_OUT_BADGE[i]!),
        'circle-color': MOVE_OUT_COLOR,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 1.5,
        'circle-translate': moveOutOffset,
      },
    },
    {
      id: LAYER.moveOutMark,
      type: 'symbol',
      source: SOURCE.households,
      filter: mustMoveOut,
      layout: {
        'text-field': labels.moveOut,
        'text-font': FONT_BOLD,
        'text-size': byZoom((i) => MOVE_OUT_BADGE[i]! * 1.35),
        'text-allow-overlap': true,
        'text-ignore-placement': true,
      },
      paint: { 'text-color': '#ffffff', 'text-translate': moveOutOffset },
    },
  ];
}

/** Cluster counts sit above the place names: symbols are placed top layer first, so labels avoid the counts. */
export function clusterCountLayer(labels: MapLabels): LayerSpecification {
  return {
    id: LAYER.clusterCount,
    type: 'symbol',
    source: SOURCE.households,
    filter: isCluster,
    layout: {
      'text-field': clusterTextField(labels),
      'text-font': FONT_BOLD,
      'text-size': ['step', get('point_count'), 13, 100, 14, 1000, 15],
      'text-line-height': 1.05,
      'text-allow-overlap': true,
      // Counts always show, and labels placed after them keep clear of them.
      'text-ignore-placement': false,
      'text-padding': 8,
    },
    // The halo keeps a count legible where it runs past its circle (a county's aggregates) or circles overlap.
    paint: { 'text-color': '#1f2937', ...halo },
  };
}

export function selectionLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER.selected,
      type: 'circle',
      source: SOURCE.selection,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 9, 16, 18],
        'circle-color': '#ffffff',
        'circle-opacity': 0,
        'circle-stroke-color': SELECTED_COLOR,
        'circle-stroke-width': 3,
      },
    },
    {
      id: LAYER.selectedHalo,
      type: 'circle',
      source: SOURCE.selection,
      paint: {
        'circle-radius': ['interpolate', ['linear'], ['zoom'], 10, 12.5, 16, 21.5],
        'circle-opacity': 0,
        'circle-stroke-color': '#ffffff',
        'circle-stroke-width': 2,
      },
    },
  ];
}
