// The county's own basemap as layers: land, boundaries, rivers, roads, the selected region, and the
// place names. Every map draws it first (and its names above its own content).
import type { ExpressionSpecification, LayerSpecification } from 'maplibre-gl';
import { REGION_HIGHLIGHT } from '../palette.ts';
import { SOURCE } from '../sources.ts';
import { FONT_BOLD, FONT_REGULAR, get, halo } from './common.ts';
import { LAYER, STATE } from './ids.ts';

const BASE = {
  background: '#dde5ea',
  land: '#f7f5ef',
  regionHighlight: REGION_HIGHLIGHT.fill,
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
};

/** Land, boundaries, rivers and roads, and the region picked in the filter: under everything else. */
export function basemapLayers(): LayerSpecification[] {
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
      id: LAYER.regionHighlightVillage,
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
      paint: { 'line-color': REGION_HIGHLIGHT.line, 'line-width': 2.5 },
    },
    {
      id: LAYER.regionOutlineTownship,
      type: 'line',
      source: SOURCE.townships,
      filter: ['==', get('code'), ['global-state', STATE.region]],
      paint: { 'line-color': REGION_HIGHLIGHT.line, 'line-width': 3 },
    },
  ];
}

/** River, village and township names. */
export function placeLabelLayers(): LayerSpecification[] {
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
        // Step aside from a cluster's count (placed first, see household-style.ts) rather than hide under it.
        'text-variable-anchor': ['center', 'top', 'bottom', 'left', 'right'],
        'text-radial-offset': 1.5,
      },
      paint: { 'text-color': BASE.label, ...halo, 'text-halo-width': 2.5 },
    },
  ];
}
