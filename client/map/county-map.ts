// The one place a map of the county is created (cf. maputnik's maplibre-init): MapLibre's worker from
// our own bundle, the bundled fonts loaded before it draws a label, the same view limits, gestures and
// controls on every map screen. The household map and the patrol maps differ only in their style and what they bind.
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
  /** Settles with the map once its style and the map fonts have loaded; never, if removed before. */
  loaded: Promise<MaplibreMap>;
  remove(): void;
}

/**
 * Creates a county map in `container` at once, while the regular and bold faces load (they are
 * network, the map's start is main thread and its worker). Every source starts empty and the screen
 * gives the map its data only once `loaded` settles, fonts included: the first labels MapLibre
 * rasterises locally are drawn in Noto Sans SC, never in a fallback face it would keep.
 */
export function createCountyMap(container: HTMLElement, opts: CountyMapOptions): CountyMap {
  let removed = false;
  const fonts = loadMapFonts().then(() => performance.mark('anju:fonts-loaded'));
  const map = new MaplibreMap({
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
    // Labels appear at once instead of fading in: with a software renderer (no GPU) each frame of a
    // 300 ms fade is drawn in full, and the map only settles (idle) after them all.
    fadeDuration: 0,
  });
  provideLabelPlate(map);
  map.touchZoomRotate.disableRotation();
  if (opts.navigation) map.addControl(new NavigationControl({ showCompass: false }), opts.navigation);
  map.addControl(new ScaleControl({ unit: 'metric' }), 'bottom-left');
  const styled = new Promise<void>((resolve) =>
    map.once('load', () => {
      performance.mark('anju:map-loaded');
      resolve();
    }),
  );
  const loaded = new Promise<MaplibreMap>((resolve) => {
    void Promise.all([fonts, styled]).then(() => {
      if (!removed) resolve(map);
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
 * A county map owned by a component: created on mount with the options as they are then — once
 * `startAfter` has settled, if given — and removed on unmount. `onLoad` binds what the screen needs
 * (clicks, test hooks) and returns how to unbind it. The map is null until its style has loaded.
 */
export function useCountyMap(
  container: RefObject<HTMLElement | null>,
  options: () => CountyMapOptions,
  onLoad?: (map: MaplibreMap) => () => void,
  startAfter?: Promise<unknown>,
): MaplibreMap | null {
  const [map, setMap] = useState<MaplibreMap | null>(null);
  const init = useRef({ options, onLoad, startAfter });
  useEffect(() => {
    let active = true;
    let county: CountyMap | null = null;
    let unbind = () => {};
    const create = () => {
      if (!active || !container.current) return;
      county = createCountyMap(container.current, init.current.options());
      void county.loaded.then((m) => {
        if (!active) return;
        unbind = init.current.onLoad?.(m) ?? unbind;
        setMap(m);
      });
    };
    if (init.current.startAfter) void init.current.startAfter.then(create, create);
    else create();
    return () => {
      active = false;
      unbind();
      county?.remove();
      setMap(null);
    };
  }, [container]);
  return map;
}
