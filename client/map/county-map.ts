// The one place a map of the county is created (cf. maputnik's maplibre-init): MapLibre's worker from
// our own bundle, the bundled fonts loaded first, the same view limits, gestures and controls on every
// map screen. The household map and the patrol maps differ only in their style and what they bind.
import { Map as MaplibreMap, NavigationControl, ScaleControl, setWorkerUrl, type ControlPosition, type StyleSpecification } from 'maplibre-gl';
import workerUrl from 'maplibre-gl/dist/maplibre-gl-worker.mjs?url';
import { useEffect, useRef, useState, type RefObject } from 'react';
import { MAP_FONT_FAMILY, loadMapFonts } from './fonts.ts';
import { provideLabelPlate } from './label-plate.ts';

// MapLibre's worker is its own module file; bundled, it is served from our origin like the rest.
setWorkerUrl(workerUrl);

export interface CountyMapOptions {
  style: StyleSpecification;
  /** Where the zoom buttons sit, clear of the screen's own panels; null: a fixed view (the briefing), no buttons, no gestures. */
  navigation: ControlPosition | null;
  /** Keep the view in the shareable URL under this name (`#map=zoom/lat/lon`). */
  hash?: string;
  /** Canvas pixels per CSS pixel, when a screen draws the map scaled up (the briefing); the device's by default. */
  pixelRatio?: number;
}

export interface CountyMap {
  /** Settles with the map once its style has loaded; never, if removed before. */
  loaded: Promise<MaplibreMap>;
  /** Removes the map, or stops it being created if the fonts are still loading. */
  remove(): void;
}

/**
 * Creates a county map in `container` once the regular and bold faces are in, so the first labels
 * MapLibre rasterises locally are drawn in Noto Sans SC rather than a fallback.
 */
export function createCountyMap(container: HTMLElement, opts: CountyMapOptions): CountyMap {
  let removed = false;
  const fonts = loadMapFonts().then(() => performance.mark('anju:fonts-loaded'));
  const m = new MaplibreMap({
    container,
    style: opts.style,
    localIdeographFontFamily: MAP_FONT_FAMILY,
    center: [108.68, 33.09],
    zoom: 9.5,
    minZoom: 6,
    maxZoom: 18,
    ...(opts.hash ? { hash: opts.hash } : {}),
    ...(opts.pixelRatio ? { pixelRatio: opts.pixelRatio } : {}),
    // A flat map of one county: no rotating or tilting it by accident.
    dragRotate: false,
    pitchWithRotate: false,
    touchPitch: false,
    attributionControl: false,
    cooperativeGestures: false,
    interactive: opts.navigation !== null,
    fadeDuration: 0,
  });
  const map = m;
  provideLabelPlate(m);
  m.touchZoomRotate.disableRotation();
  if (opts.navigation) m.addControl(new NavigationControl({ showCompass: false }), opts.navigation);
  m.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  const styled = new Promise<void>((resolve) => m.once('load', () => {
    performance.mark('anju:map-loaded');
    resolve();
  }));
  const loaded = new Promise<MaplibreMap>((resolve) => {
    void Promise.all([fonts, styled]).then(() => {
      if (!removed) resolve(m);
    });
  });
  return {
    loaded,
    remove() {
      removed = true;
      map.remove();
    },
  };
}

/**
 * A county map owned by a component: created on mount with the options as they are then, removed on
 * unmount. `onLoad` binds what the screen needs (clicks, test hooks) and returns how to unbind it.
 * The map is null until its style has loaded.
 */
export function useCountyMap(
  container: RefObject<HTMLElement | null>,
  options: () => CountyMapOptions,
  onLoad?: (map: MaplibreMap) => () => void,
): MaplibreMap | null {
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const init = useRef({ options, onLoad });
  useEffect(() => {
    if (!container.current) return;
    const county = createCountyMap(container.current, init.current.options());
    let active = true;
    let unbind = () => {};
    void county.loaded.then((m) => {
      if (!active) return;
      unbind = init.current.onLoad?.(m) ?? unbind;
      setMap(m);
    });
    return () => {
      active = false;
      unbind();
      county.remove();
      setMap(null);
    };
  }, [container]);
  return map;
}
