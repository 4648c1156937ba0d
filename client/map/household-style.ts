// The household map's style (the map screen, the warnings panel, lasso dispatch): our own basemap, the
// warning zones under the houses, the houses, then every label. No glyphs URL, no tiles, no sprite.
import type { StyleSpecification } from 'maplibre-gl';
import { alertLabelLayer, alertZoneLayers, exposedLayer } from './layers/alerts.ts';
import { basemapLayers, placeLabelLayers } from './layers/basemap.ts';
import { styleState } from './layers/common.ts';
import { CLUSTER_MAX_ZOOM, CLUSTER_PROPERTIES, clusterCountLayer, householdLayers, ledgerMarkLayers, selectionLayers, type MapLabels } from './layers/households.ts';
import { SOURCE, basemapSources, emptySources, householdSource } from './sources.ts';

export function buildHouseholdStyle(labels: MapLabels): StyleSpecification {
  return {
    version: 8,
    state: styleState('keyFocus', 'region', 'selectedAlert', 'expiringBefore', 'colorBy'),
    sources: {
      ...basemapSources(),
      [SOURCE.households]: householdSource(CLUSTER_PROPERTIES, CLUSTER_MAX_ZOOM),
      ...emptySources(SOURCE.selection, SOURCE.alertZones, SOURCE.alertLabels, SOURCE.exposed),
    },
    layers: [
      ...basemapLayers(),
      ...alertZoneLayers(),
      exposedLayer(),
      ...householdLayers(labels),
      ...ledgerMarkLayers(labels),
      ...placeLabelLayers(),
      // Symbols are placed top layer first: place names step aside from the cluster counts.
      clusterCountLayer(labels),
      alertLabelLayer(),
      ...selectionLayers(),
    ],
  };
}
