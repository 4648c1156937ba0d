// Warnings as layers: each zone tinted and outlined in its CMA colour (dashed when expiring soon), its
// name on a plate, and the houses the selected warning exposes ringed. Drawn alike on every map.
import type { DataDrivenPropertyValueSpecification, ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { ALERT_LEVELS } from '../../../server/domain/alerts.ts';
import { LABEL_PLATE } from '../label-plate.ts';
import { ALERT_LEVEL_STYLE, EXPOSED_COLOR } from '../palette.ts';
import { SOURCE } from '../sources.ts';
import { FONT_BOLD, get, gradeColor, gradeSortKey, halo } from './common.ts';
import { CLUSTER_MAX_ZOOM } from './households.ts';
import { LAYER, STATE } from './ids.ts';

const alertLevelMatch = (which: 'fill' | 'line'): ExpressionSpecification =>
  ['match', get('level'), ...ALERT_LEVELS.flatMap((l) => [l, ALERT_LEVEL_STYLE[l][which]]), '#888888'] as unknown as ExpressionSpecification;
const isSelectedAlert: ExpressionSpecification = ['==', ['to-number', get('id')], ['global-state', STATE.selectedAlert]];
const isExpiring: ExpressionSpecification = ['<', ['to-number', get('expiresMs')], ['global-state', STATE.expiringBefore]];

/** Warning zones, drawn under the houses: CMA colour fill, outline (dashed when expiring soon). */
export function alertZoneLayers(): LayerSpecification[] {
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

/** Label text by `type:level`, in the reader's language; use-alert-layers.ts swaps it in as the language changes. */
export function alertLabelTextField(names: Record<string, string>): DataDrivenPropertyValueSpecification<string> {
  const pairs = Object.entries(names).flat();
  if (pairs.length === 0) return '';
  return ['match', ['concat', get('type'), ':', get('level')], ...pairs, ''] as unknown as DataDrivenPropertyValueSpecification<string>;
}

/** The level and type of each zone, written in the zone in its own colour on a plate; over the houses, so it stays readable. */
export function alertLabelLayer(): LayerSpecification {
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
export function exposedLayer(): LayerSpecification {
  return {
    id: LAYER.exposed,
    type: 'circle',
    source: SOURCE.exposed,
    layout: { 'circle-sort-key': gradeSortKey },
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
