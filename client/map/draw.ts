// Drawing a warning zone on the map with terra-draw (polygon or circle), or a lasso: click by click like
// a polygon, or one drag drawn freehand. Only MapView calls this; it hands the finished zone to React as
// plain GeoJSON. terra-draw loads nothing remote for these two modes
// (its only built-in URL is the marker image of the marker mode, which is never registered here).
import type { Map as MaplibreMap } from 'maplibre-gl';
import { TerraDraw, TerraDrawCircleMode, TerraDrawFreehandMode, TerraDrawPolygonMode, ValidateNotSelfIntersecting, type HexColor } from 'terra-draw';
import { TerraDrawMapLibreGLAdapter } from 'terra-draw-maplibre-gl-adapter';

export type ZoneShape = 'polygon' | 'circle';
/** What can be drawn: a warning zone's shape, or a lasso (a polygon whose first gesture may be a freehand drag). */
export type DrawShape = ZoneShape | 'lasso';

export interface ZoneDrawing {
  /** The drawn zone, or null when drawing was cancelled (Escape, or cancel()). */
  done: Promise<GeoJSON.Polygon | null>;
  /** Stops drawing; `done` settles with null if nothing was finished yet. */
  cancel(): void;
  /** Removes the drawn shape and terra-draw's layers from the map. */
  clear(): void;
}

// One drawing per map at a time: terra-draw's layer ids are fixed ("td-…"), so a second instance would
// clash with the first; starting one (a warning zone, a lasso selection) clears any other.
const current = new WeakMap<MaplibreMap, ZoneDrawing>();
// Maps on which a shape is being drawn (and by which drawing): their clicks place points, not pick houses.
const inProgress = new WeakMap<MaplibreMap, object>();

/** Whether a shape is being drawn on this map right now (finished or cancelled ones do not count). */
export const isDrawing = (map: MaplibreMap): boolean => inProgress.has(map);

/** Starts drawing one zone; the shape stays on the map (static) until clear(). */
export function startZoneDrawing(map: MaplibreMap, shape: DrawShape, color: string, renderBelowLayerId?: string): ZoneDrawing {
  current.get(map)?.clear();
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
      // Press, drag round the houses, release: the lasso closes itself.
      new TerraDrawFreehandMode({
        styles: { fillColor: hex, fillOpacity: 0.22, outlineColor: hex, outlineWidth: 2.5, closingPointColor: hex, closingPointWidth: 0 },
        drawInteraction: 'click-drag',
        minDistance: 6,
      }),
    ],
  });
  draw.start();
  draw.setMode(shape === 'lasso' ? 'polygon' : shape);
  const unbindFreehand = shape === 'lasso' ? freehandOnDrag(map, draw) : () => {};

  const token = {};
  let settle: (zone: GeoJSON.Polygon | null) => void = () => {};
  let settled = false;
  const done = new Promise<GeoJSON.Polygon | null>((resolve) => {
    settle = (zone) => {
      if (settled) return;
      settled = true;
      // The click that closes a polygon reaches MapLibre after terra-draw's pointerup (on a phone, the
      // tap's click even later): it must not open the house under the closing point either.
      setTimeout(() => {
        if (inProgress.get(map) === token) inProgress.delete(map);
      }, 400);
      window.removeEventListener('keydown', onKey);
      unbindFreehand();
      resolve(zone);
    };
  });
  const onKey = (e: KeyboardEvent) => {
    if (e.key === 'Escape') cancel();
  };
  window.addEventListener('keydown', onKey);
  inProgress.set(map, token);

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
    if (current.get(map) === drawing) current.delete(map);
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
  const drawing: ZoneDrawing = { done, cancel, clear };
  current.set(map, drawing);
  return drawing;
}

/**
 * A lasso is drawn either way: clicks place corners (polygon mode), and a drag that starts before any
 * corner is placed draws freehand. terra-draw runs one mode at a time, so on the first move of a pressed
 * pointer — before terra-draw's own listener on the canvas sees it and calls the mode's drag start — the
 * mode becomes freehand (capture phase on the map's container); a press that never became a drag goes
 * back to clicks. A drag after the first corner pans the map, as in any polygon.
 */
function freehandOnDrag(map: MaplibreMap, draw: TerraDraw): () => void {
  const el = map.getContainer();
  const onMove = (e: PointerEvent) => {
    if (!e.isPrimary || (e.buttons & 1) === 0) return;
    if (draw.getMode() === 'polygon' && draw.getModeState() === 'started') draw.setMode('freehand');
  };
  const onUp = () => {
    if (draw.getMode() === 'freehand' && draw.getModeState() !== 'drawing') draw.setMode('polygon');
  };
  el.addEventListener('pointermove', onMove, { capture: true });
  window.addEventListener('pointerup', onUp);
  return () => {
    el.removeEventListener('pointermove', onMove, { capture: true });
    window.removeEventListener('pointerup', onUp);
  };
}
