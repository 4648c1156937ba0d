// Every layer, colour and expression of the map, as data (MapLibre style spec). The legend reads the
// same tables, so the map and the legend cannot disagree. Nothing here loops over features: the
// renderer evaluates the expressions.
import type {
  DataDrivenPropertyValueSpecification,
  ExpressionSpecification,
  LayerSpecification,
  StyleSpecification,
} from 'maplibre-gl';
import { ALERT_LEVELS } from '../../server/domain/dispatch-rules.ts';
import type { TaskStatus } from '../../server/domain/task-states.ts';
import { FRAGILE_STRUCTURES, STRUCTURES, type Grade, type Structure } from '../../server/domain/housing.ts';
import { LABEL_PLATE } from './label-plate.ts';
import { EMPTY, SOURCE, basemapSources, householdSource, selectionSource } from './sources.ts';

/** Grade keys in legend order; `none` = never appraised. */
export const GRADE_KEYS = ['A', 'B', 'C', 'D', 'none'] as const;
export type GradeKey = (typeof GRADE_KEYS)[number];
export const gradeKey = (grade: Grade | null): GradeKey => grade ?? 'none';

export const GRADE_COLORS: Record<GradeKey, string> = {
  A: '#2e9d4f', // safe
  B: '#2f6fd6', // basically safe
  C: '#f08c00', // partly dangerous (局部危房)
  D: '#d62828', // wholly dangerous (整幢危房)
  none: '#9aa0a6', // never appraised
};

export const REPAIRED_C_COLOR = '#c2189b';
/** 疑似危房: a field report found a hazard; the house waits for a technician's appraisal. */
export const SUSPECTED_COLOR = '#b91c1c';
export const SELECTED_COLOR = '#111827';

/**
 * How a structure is marked: the fragile ones (土木, 土坯, 窑洞, 砖木, 砖土混杂 — seeds 001, 003) carry
 * a thick dark ring that reads from across the room; sturdy ones a thin white edge.
 */
export type StructureMark = 'fragile' | 'sturdy';
export const MARK_RINGS: Record<StructureMark, { color: string; width: number }> = {
  fragile: { color: '#1c1917', width: 3 },
  sturdy: { color: '#ffffff', width: 1.25 },
};
export const STRUCTURE_MARKS: Record<Structure, StructureMark> = Object.fromEntries(
  STRUCTURES.map((s) => [s, FRAGILE_STRUCTURES.includes(s) ? 'fragile' : 'sturdy']),
) as Record<Structure, StructureMark>;

export type AlertLevel = (typeof ALERT_LEVELS)[number];

/**
 * CMA warning colours (蓝/黄/橙/红). `fill` tints the zone under the houses; `line` is the outline and
 * label colour, darker for yellow so it stays legible on the pale land.
 */
export const ALERT_LEVEL_STYLE: Record<AlertLevel, { fill: string; line: string }> = {
  blue: { fill: '#2f80ed', line: '#1d5fc0' },
  yellow: { fill: '#f2c200', line: '#a88400' },
  orange: { fill: '#f77f00', line: '#c25e00' },
  red: { fill: '#e0201b', line: '#b3130f' },
};
/** One colour per level for badges and keys in the panels (the outline colour). */
export const ALERT_LEVEL_COLORS: Record<AlertLevel, string> = Object.fromEntries(
  ALERT_LEVELS.map((l) => [l, ALERT_LEVEL_STYLE[l].line]),
) as Record<AlertLevel, string>;
/** The ring around the houses a selected warning exposes. */
export const EXPOSED_COLOR = '#111827';

/** The font stacks the map draws with: the bundled Noto Sans SC, rendered locally (no glyphs URL). */
export const FONT_REGULAR = ['Noto Sans SC'];
export const FONT_BOLD = ['Noto Sans SC Bold', 'Noto Sans SC'];

export const CLUSTER_MAX_ZOOM = 12;

// Global state the style reads (`['global-state', …]`): set with map.setGlobalStateProperty, never by
// rebuilding data.
export const STATE = {
  keyFocus: 'keyFocus',
  region: 'region',
  /** The selected warning's id (0 = none): its zone is drawn stronger. */
  selectedAlert: 'selectedAlert',
  /** Epoch ms: a zone expiring before this gets a dashed outline (即将到期). */
  expiringBefore: 'expiringBefore',
} as const;

const BASE = {
  background: '#dde5ea',
  land: '#f7f5ef',
  regionHighlight: '#fff4c2',
  countyLine: '#5b4a73',
  townshipLine: '#7d6b99',
  villageLine: '#b3a8c2',
  river: '#86bce8',
  riverLabel: '#2d6aa0',
  roadCasing: '#b9a58a',
  roadNational: '#ffd88a',
  roadProvincial: '#fff0c4',
  roadCounty: '#ffffff',
  label: '#2b2438',
  villageLabel: '#4a4258',
  halo: '#ffffff',
};

const get = (p: string): ExpressionSpecification => ['get', p];
const isCluster: ExpressionSpecification = ['has', 'point_count'];
const isPoint: ExpressionSpecification = ['!', ['has', 'point_count']];

/** `['match', ['get','grade'], 'A', …]`; a null grade falls through to "never appraised". */
export const gradeColor: ExpressionSpecification = [
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

/** Point radius by zoom: small dots when the village fills the screen, bigger at house level. */
const pointRadius = byZoom((i) => RADIUS[i]!);
const ringWidth = byZoom(ringAt);
/** The repaired-C ring sits just outside the structure ring. */
const outerRadius = byZoom((i) => ['+', RADIUS[i]!, ringAt(i), OUTER_GAP[i]!]);
const ringColor: ExpressionSpecification = ['case', isFragile, MARK_RINGS.fragile.color, MARK_RINGS.sturdy.color];

/** With "highlight key houses" on, every house that is not a key house fades back. */
const keyFocusOpacity = (dimmed: number): ExpressionSpecification => [
  'case',
  ['all', ['global-state', STATE.keyFocus], ['!', ['to-boolean', get('key')]]],
  dimmed,
  1,
];

/** Per-cluster sums (clusterProperties): how many of each grade, so a cluster shows its worst one. */
export const CLUSTER_PROPERTIES = {
  gA: ['+', ['case', ['==', get('grade'), 'A'], 1, 0]],
  gB: ['+', ['case', ['==', get('grade'), 'B'], 1, 0]],
  gC: ['+', ['case', ['==', get('grade'), 'C'], 1, 0]],
  gD: ['+', ['case', ['==', get('grade'), 'D'], 1, 0]],
  fragile: ['+', ['case', isFragile, 1, 0]],
  key: ['+', ['case', ['to-boolean', get('key')], 1, 0]],
} as const satisfies Record<string, unknown>;

const worstGradeColor: ExpressionSpecification = [
  'case',
  ['>', get('gD'), 0],
  GRADE_COLORS.D,
  ['>', get('gC'), 0],
  GRADE_COLORS.C,
  ['>', get('gB'), 0],
  GRADE_COLORS.B,
  ['>', get('gA'), 0],
  GRADE_COLORS.A,
  GRADE_COLORS.none,
];
const clusterRadius: ExpressionSpecification = ['step', get('point_count'), 16, 20, 20, 100, 24, 500, 29, 2000, 35];

/** Labels that depend on the language; MapView swaps them in with setLayoutProperty. */
export interface MapLabels {
  /** Short word for "dangerous (C+D)" under a cluster count. */
  dangerous: string;
  /** Short structure labels drawn beside fragile houses at house level. */
  structures: Record<Structure, string>;
}

export function clusterTextField(labels: MapLabels): DataDrivenPropertyValueSpecification<string> {
  const danger: ExpressionSpecification = ['+', get('gC'), get('gD')];
  return [
    'format',
    ['to-string', get('point_count')],
    {},
    ['case', ['>', danger, 0], ['concat', '\n', labels.dangerous, ' ', ['to-string', danger]], ''],
    { 'font-scale': 0.8, 'text-color': '#b91c1c' },
  ] as unknown as DataDrivenPropertyValueSpecification<string>;
}

export function structureTextField(labels: MapLabels): DataDrivenPropertyValueSpecification<string> {
  const pairs = FRAGILE_STRUCTURES.flatMap((s) => [s, labels.structures[s]]);
  return ['match', get('structure'), ...pairs, ''] as unknown as DataDrivenPropertyValueSpecification<string>;
}

export const LAYER = {
  background: 'background',
  land: 'county-land',
  regionHighlight: 'region-highlight',
  villageLines: 'village-lines',
  townshipCasing: 'township-lines-casing',
  townshipLines: 'township-lines',
  countyLine: 'county-line',
  rivers: 'rivers',
  roadCasing: 'roads-casing',
  roads: 'roads',
  regionOutline: 'region-outline',
  clusters: 'household-clusters',
  clusterCount: 'household-cluster-count',
  repairedC: 'household-repaired-c',
  houses: 'household-points',
  structureText: 'household-structure-text',
  suspected: 'household-suspected',
  suspectedMark: 'household-suspected-mark',
  selected: 'household-selected',
  alertFill: 'alert-zones-fill',
  alertLine: 'alert-zones-line',
  alertLineExpiring: 'alert-zones-line-expiring',
  alertLabels: 'alert-labels',
  exposed: 'alert-exposed',
  riverLabels: 'river-labels',
  villageLabels: 'village-labels',
  townshipLabels: 'township-labels',
  countyLabel: 'county-label',
} as const;

/** The layers a click on the map may pick a house from. */
export const HOUSE_LAYERS = [LAYER.houses, LAYER.repairedC];

const halo = { 'text-halo-color': BASE.halo, 'text-halo-width': 2, 'text-halo-blur': 0.5 } as const;

function basemapLayers(): LayerSpecification[] {
  const roadWidth = (national: number, provincial: number, county: number): ExpressionSpecification => [
    'interpolate',
    ['exponential', 1.6],
    ['zoom'],
    9,
    ['match', get('subkind'), 'national', national, 'provincial', provincial, county],
    15,
    ['match', get('subkind'), 'national', national * 4, 'provincial', provincial * 4, county * 4],
  ];
  return [
    { id: LAYER.background, type: 'background', paint: { 'background-color': BASE.background } },
    { id: LAYER.land, type: 'fill', source: SOURCE.county, paint: { 'fill-color': BASE.land } },
    {
      id: LAYER.regionHighlight,
      type: 'fill',
      source: SOURCE.townships,
      filter: ['==', get('code'), ['global-state', STATE.region]],
      paint: { 'fill-color': BASE.regionHighlight, 'fill-opacity': 0.8 },
    },
    {
      id: `${LAYER.regionHighlight}-village`,
      type: 'fill',
      source: SOURCE.villages,
      filter: ['==', get('code'), ['global-state', STATE.region]],
      paint: { 'fill-color': BASE.regionHighlight, 'fill-opacity': 0.9 },
    },
    {
      id: LAYER.rivers,
      type: 'line',
      source: SOURCE.rivers,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': BASE.river,
        'line-width': [
          'interpolate',
          ['linear'],
          ['zoom'],
          9,
          ['match', get('subkind'), 'main', 3, 1.2],
          14,
          ['match', get('subkind'), 'main', 9, 3.5],
          17,
          ['match', get('subkind'), 'main', 18, 7],
        ],
      },
    },
    {
      id: LAYER.villageLines,
      type: 'line',
      source: SOURCE.villages,
      minzoom: 9.5,
      paint: {
        'line-color': BASE.villageLine,
        'line-width': ['interpolate', ['linear'], ['zoom'], 10, 0.8, 14, 1.6],
        'line-dasharray': ['step', ['zoom'], ['literal', [3, 2]], 13, ['literal', [1, 0]]],
      },
    },
    {
      id: LAYER.roadCasing,
      type: 'line',
      source: SOURCE.roads,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: { 'line-color': BASE.roadCasing, 'line-width': roadWidth(3.2, 2.6, 1.8), 'line-gap-width': 0 },
    },
    {
      id: LAYER.roads,
      type: 'line',
      source: SOURCE.roads,
      layout: { 'line-join': 'round', 'line-cap': 'round' },
      paint: {
        'line-color': ['match', get('subkind'), 'national', BASE.roadNational, 'provincial', BASE.roadProvincial, BASE.roadCounty],
        'line-width': roadWidth(2, 1.6, 1),
      },
    },
    {
      id: LAYER.townshipCasing,
      type: 'line',
      source: SOURCE.townships,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': '#ffffff', 'line-opacity': 0.7, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 3.5, 14, 6] },
    },
    {
      id: LAYER.townshipLines,
      type: 'line',
      source: SOURCE.townships,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': BASE.townshipLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 1.5, 14, 2.8] },
    },
    {
      id: LAYER.countyLine,
      type: 'line',
      source: SOURCE.county,
      layout: { 'line-join': 'round' },
      paint: { 'line-color': BASE.countyLine, 'line-width': ['interpolate', ['linear'], ['zoom'], 9, 2.5, 14, 4] },
    },
    {
      id: LAYER.regionOutline,
      type: 'line',
      source: SOURCE.villages,
      filter: ['==', get('code'), ['global-state', STATE.region]],
      paint: { 'line-color': '#b45309', 'line-width': 2.5 },
    },
    {
      id: `${LAYER.regionOutline}-township`,
      type: 'line',
      source: SOURCE.townships,
      filter: ['==', get('code'), ['global-state', STATE.region]],
      paint: { 'line-color': '#b45309', 'line-width': 3 },
    },
  ];
}

function householdLayers(labels: MapLabels): LayerSpecification[] {
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
        'circle-stroke-color': worstGradeColor,
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
      id: LAYER.houses,
      type: 'circle',
      source: SOURCE.households,
      filter: isPoint,
      layout: {
        // Dangerous houses draw last, on top of their safe neighbours.
        'circle-sort-key': ['match', ['coalesce', get('grade'), 'none'], 'D', 4, 'C', 3, 'none', 2, 'B', 1, 0],
      },
      paint: {
        'circle-color': gradeColor,
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

/** Cluster counts sit above the labels: symbols are placed top layer first, so labels avoid the counts. */
function clusterCountLayer(labels: MapLabels): LayerSpecification {
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
    paint: { 'text-color': '#1f2937' },
  };
}

function labelLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER.riverLabels,
      type: 'symbol',
      source: SOURCE.rivers,
      minzoom: 11,
      layout: {
        'symbol-placement': 'line',
        'text-field': ['coalesce', get('name'), ''],
        'text-font': FONT_REGULAR,
        'text-size': ['match', get('subkind'), 'main', 14, 12],
        'symbol-spacing': 400,
        'text-letter-spacing': 0.3,
      },
      paint: { 'text-color': BASE.riverLabel, ...halo },
    },
    {
      id: LAYER.villageLabels,
      type: 'symbol',
      source: SOURCE.labels,
      filter: ['==', get('level'), 'village'],
      minzoom: 11.3,
      layout: {
        'text-field': get('name'),
        'text-font': FONT_REGULAR,
        'text-size': ['interpolate', ['linear'], ['zoom'], 11.3, 12, 15, 15],
        'text-padding': 4,
        'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
        'text-radial-offset': 1.1,
      },
      paint: { 'text-color': BASE.villageLabel, ...halo, 'text-halo-width': 2.2 },
    },
    {
      id: LAYER.townshipLabels,
      type: 'symbol',
      source: SOURCE.labels,
      filter: ['==', get('level'), 'township'],
      maxzoom: 12.5,
      layout: {
        'text-field': get('name'),
        'text-font': FONT_BOLD,
        'text-size': ['interpolate', ['linear'], ['zoom'], 8, 13, 11, 16],
        'text-padding': 6,
        'text-letter-spacing': 0.08,
        // Step aside from a cluster's count (placed first, see buildStyle) rather than hide under it.
        'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
        'text-radial-offset': 1.5,
      },
      paint: { 'text-color': BASE.label, ...halo, 'text-halo-width': 2.5 },
    },
  ];
}

const alertLevelMatch = (which: 'fill' | 'line'): ExpressionSpecification =>
  ['match', get('level'), ...ALERT_LEVELS.flatMap((l) => [l, ALERT_LEVEL_STYLE[l][which]]), '#888888'] as unknown as ExpressionSpecification;
const isSelectedAlert: ExpressionSpecification = ['==', ['to-number', get('id')], ['global-state', STATE.selectedAlert]];
const isExpiring: ExpressionSpecification = ['<', ['to-number', get('expiresMs')], ['global-state', STATE.expiringBefore]];

/** Warning zones, drawn under the houses: CMA colour fill, outline (dashed when expiring soon). */
function alertZoneLayers(): LayerSpecification[] {
  return [
    {
      id: LAYER.alertFill,
      type: 'fill',
      source: SOURCE.alertZones,
      paint: { 'fill-color': alertLevelMatch('fill'), 'fill-opacity': ['case', isSelectedAlert, 0.3, 0.16] },
    },
    {
      id: LAYER.alertLine,
      type: 'line',
      source: SOURCE.alertZones,
      filter: ['!', isExpiring],
      layout: { 'line-join': 'round' },
      paint: { 'line-color': alertLevelMatch('line'), 'line-width': ['case', isSelectedAlert, 4, 2.5] },
    },
    {
      id: LAYER.alertLineExpiring,
      type: 'line',
      source: SOURCE.alertZones,
      filter: isExpiring,
      paint: { 'line-color': alertLevelMatch('line'), 'line-width': ['case', isSelectedAlert, 4, 2.5], 'line-dasharray': [2, 1.5] },
    },
  ];
}

/** Label text by `type:level`, in the reader's language; MapView swaps it in like the other labels. */
export function alertLabelTextField(names: Record<string, string>): DataDrivenPropertyValueSpecification<string> {
  const pairs = Object.entries(names).flat();
  if (pairs.length === 0) return '';
  return ['match', ['concat', get('type'), ':', get('level')], ...pairs, ''] as unknown as DataDrivenPropertyValueSpecification<string>;
}

/** The level and type of each zone, written in the zone in its own colour on a plate; over the houses, so it stays readable. */
function alertLabelLayer(): LayerSpecification {
  return {
    id: LAYER.alertLabels,
    type: 'symbol',
    source: SOURCE.alertLabels,
    layout: {
      'text-field': '',
      'text-font': FONT_BOLD,
      'text-size': ['case', isSelectedAlert, 16, 14],
      'text-allow-overlap': false,
      'text-padding': 4,
      'symbol-sort-key': ['case', isSelectedAlert, 0, 1],
      // On a white plate (label-plate.ts): the counts of clusters under it do not show through.
      'icon-image': LABEL_PLATE,
      'icon-text-fit': 'both',
      'icon-text-fit-padding': [3, 7, 3, 7],
      'icon-allow-overlap': false,
    },
    paint: { 'text-color': alertLevelMatch('line'), ...halo, 'text-halo-width': 1 },
  };
}

/**
 * Every house the selected warning exposes (the source holds only those), ringed dark. While the
 * houses are still clustered the ring is filled with the house's grade colour, so the dangerous ones
 * stand out inside the zone one by one; at house level it is an empty ring around the house's own dot.
 */
function exposedLayer(): LayerSpecification {
  return {
    id: LAYER.exposed,
    type: 'circle',
    source: SOURCE.exposed,
    layout: { 'circle-sort-key': ['match', ['coalesce', get('grade'), 'none'], 'D', 4, 'C', 3, 'none', 2, 'B', 1, 0] },
    paint: {
      'circle-radius': ['interpolate', ['linear'], ['zoom'], 9, 3.5, 12, 6, 13, 9, 16, 15],
      'circle-color': gradeColor,
      'circle-opacity': ['step', ['zoom'], 1, CLUSTER_MAX_ZOOM + 1, 0],
      'circle-stroke-color': EXPOSED_COLOR,
      'circle-stroke-width': ['interpolate', ['linear'], ['zoom'], 9, 0.8, 12, 1.2, 14, 2],
      'circle-stroke-opacity': 0.85,
    },
  };
}

function selectionLayers(): LayerSpecification[] {
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
      id: `${LAYER.selected}-halo`,
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

/** The whole style: our own basemap, the households and the labels. No glyphs URL, no tiles, no sprite. */
export function buildStyle(labels: MapLabels): StyleSpecification {
  return {
    version: 8,
    state: {
      [STATE.keyFocus]: { default: false },
      [STATE.region]: { default: '' },
      [STATE.selectedAlert]: { default: 0 },
      [STATE.expiringBefore]: { default: 0 },
    },
    sources: {
      ...basemapSources(),
      [SOURCE.households]: householdSource(CLUSTER_PROPERTIES, CLUSTER_MAX_ZOOM),
      [SOURCE.selection]: selectionSource(),
      [SOURCE.alertZones]: selectionSource(),
      [SOURCE.alertLabels]: selectionSource(),
      [SOURCE.exposed]: selectionSource(),
    },
    layers: [
      ...basemapLayers(),
      ...alertZoneLayers(),
      exposedLayer(),
      ...householdLayers(labels),
      ...labelLayers(),
      clusterCountLayer(labels),
      alertLabelLayer(),
      ...selectionLayers(),
    ],
  };
}

export { EMPTY };

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
/** A stop that could not be visited (未入户): accounted for, not patrolled. */
export const NOT_VISITED_COLOR = '#6b7280';
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
        'circle-stroke-color': ['case', isDone, '#9ca3af', gradeColor],
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
        'text-field': ['match', get('result'), 'safe', '✓', 'not_visited', '–', '!'],
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

