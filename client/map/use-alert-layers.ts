// Keeps a map's warning layers in step with React: the zones and label points as data, the selected
// warning and the "expiring" cut-off as global state, the label text in the reader's language. Used by
// every map that shows warnings (the household map and the patrol maps), so they draw them alike.
import type { GeoJSONSource, Map as MaplibreMap } from 'maplibre-gl';
import { useEffect } from 'react';
import type { AlertLayerProps } from './alert-data.ts';
import { SOURCE } from './sources.ts';
import { LAYER, STATE } from './layers/ids.ts';
import { alertLabelTextField } from './layers/alerts.ts';

export function useAlertLayers(map: MaplibreMap | null, alerts: AlertLayerProps | undefined): void {
  const alertData = alerts?.data;
  useEffect(() => {
    if (!map || !alertData) return;
    map.getSource<GeoJSONSource>(SOURCE.alertZones)?.setData(alertData.zones);
    map.getSource<GeoJSONSource>(SOURCE.alertLabels)?.setData(alertData.labels);
  }, [map, alertData]);

  // Unchanged values are not re-sent: each change re-lays out the layers that read them.
  const selectedAlert = alerts?.selectedId ?? 0;
  const expiringBefore = alerts?.expiringBefore ?? 0;
  useEffect(() => {
    if (!map) return;
    if (map.getGlobalState()[STATE.selectedAlert] !== selectedAlert) map.setGlobalStateProperty(STATE.selectedAlert, selectedAlert);
    if (map.getGlobalState()[STATE.expiringBefore] !== expiringBefore) map.setGlobalStateProperty(STATE.expiringBefore, expiringBefore);
  }, [map, selectedAlert, expiringBefore]);

  const alertNames = alerts?.names;
  useEffect(() => {
    if (map && alertNames) map.setLayoutProperty(LAYER.alertLabels, 'text-field', alertLabelTextField(alertNames));
  }, [map, alertNames]);
}
