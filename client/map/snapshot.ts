import type { Map as MaplibreMap } from 'maplibre-gl';

/**
 * What the map shows now, as a PNG data URL (for printing: browsers print a WebGL canvas blank), or
 * null when the map is not on screen (already laid out for print, where it is hidden).
 * MapLibre draws without keeping its drawing buffer (preserveDrawingBuffer off, which is faster), so
 * the buffer is only readable in the task that drew it: draw one frame synchronously, then read it.
 */
export function snapshotMap(map: MaplibreMap): string | null {
  if (map.getContainer().clientWidth === 0) return null;
  map.redraw();
  return map.getCanvas().toDataURL('image/png');
}
