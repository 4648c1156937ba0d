// Drawing a warning zone on the map with terra-draw (polygon or circle). Only MapView calls this; it
// hands the finished zone to React as plain GeoJSON. terra-draw loads nothing remote for these two modes
// (its only built-in URL is the marker image of the marker mode, which is never registered here).
import type { Map as MaplibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawCircleMode, TerraDrawPolygonMode, ValidateNotSelfIntersecting, type HexColor } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

export type ZoneShape = 'polygon' | 'circle';

export interface ZoneDrawing {
  /** The drawn zone, or null when drawing was cancelled (Escape, or cancel()). */
  done: Promise<GeoJSON.Polygon | null>;
  /** Stops drawing; `done` settles with null if nothing was finished yet. */
  cancel(): void;
  /** Removes the drawn shape and terra-draw's layers from the map. */
  clear(): void;
}

/** Starts drawing one zone; the shape stays on the map (static) until clear(). */
export function startZoneDrawing(map: MaplibreMap, shape: ZoneShape, color: string, renderBelowLayerId?: string): ZoneDrawing {
  const hex = color as HexColor;
  const styles = {
    fillColor: hex,
    fillOpacity: 0.22,
    outlineColor: hex,
    outlineWidth: 2.5,
    closingPointColor: hex,
    closingPointWidth: 6,
    closingPointOutlineColor: '#ffffff' as HexColor,
    closingPointOutlineWidth: 2,
  };
  const draw = new TerraDraw({
    adapter: new TerraDrawMapLibreGLAdapter({ map, ...(renderBelowLayerId ? { renderBelowLayerId } : {}) }),
    modes: [
      new TerraDrawPolygonMode({
        styles,
        // The API refuses a self-intersecting ring; refuse it while drawing (not on every mouse move).
        validation: (feature, ctx) => (String(ctx.updateType) === 'provisional' ? { valid: true } : ValidateNotSelfIntersecting(feature)),
      }),
      new TerraDrawCircleMode({
        styles: { fillColor: hex, fillOpacity: 0.22, outlineColor: hex, outlineWidth: 2.5 },
        segments: 64,
      }),
    ],
  });
  draw.start();
  draw.setMode(shape);

  let settle: (zone: GeoJSON.Polygon | null) => void = () => {};
  let settled = false;
  const done = new Promise<GeoJSON.Polygon | null>((resolve) => {
    settle = (zone) => {
      if (settled) return;
      settled = true;
      window.removeEventListener('keydown', onKey);
      resolve(zone);
    };
  });
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') cancel();
  };
  window.addEventListener('keydown', onKey);

  draw.on('finish', (id, context) => {
    if (context.action !== 'draw') return;
    const f = draw.getSnapshotFeature(id);
    if (f?.geometry.type !== 'Polygon') return;
    draw.setMode('static'); // one zone at a time: keep it on screen, stop taking clicks
    settle({ type: 'Polygon', coordinates: f.geometry.coordinates as GeoJSON.Position[][] });
  });

  let stopped = false;
  function clear() {
    settle(null);
    if (stopped) return;
    stopped = true;
    try {
      draw.stop();
    } catch {
      // the map was removed first (leaving the screen): its layers went with it
    }
  }
  function cancel() {
    if (settled) return;
    clear();
  }
  return { done, cancel, clear };
}
