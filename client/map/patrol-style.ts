// The patrol maps' style (the field view, the dispatch board): our own basemap, the warning zones, the
// place names, then the tasks, the route and its stops, and one's own position on top.
import type { StyleSpecification } from 'maplibre-gl';
import { alertLabelLayer, alertZoneLayers } from './layers/alerts.ts';
import { basemapLayers, placeLabelLayers } from './layers/basemap.ts';
import { styleState } from './layers/common.ts';
import { patrolLayers, type PatrolLabels } from './layers/patrol.ts';
import { SOURCE, basemapSources, emptySources } from './sources.ts';

export function buildPatrolStyle(labels: PatrolLabels): StyleSpecification {
  return {
    version: 8,
    state: styleState('region', 'selectedAlert', 'expiringBefore'),
    sources: {
      ...basemapSources(),
      ...emptySources(SOURCE.alertZones, SOURCE.alertLabels),
      ...emptySources(SOURCE.patrolTasks, SOURCE.route, SOURCE.stops, SOURCE.committee, SOURCE.me),
    },
    layers: [...basemapLayers(), ...alertZoneLayers(), ...placeLabelLayers(), alertLabelLayer(), ...patrolLayers(labels)],
  };
}
