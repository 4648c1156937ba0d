// How the print page tells the server's renderer (server/render/pdf-renderer.ts) it is done: once the
// data is in, the map is a picture and the fonts are loaded, <body data-print-ready="true">; when it
// cannot be drawn (the region is not the user's, the API failed), <body data-print-error="code"> — so
// the renderer answers at once instead of waiting for its time limit.
import { useEffect } from 'react';
import { loadMapFonts } from '../../map/fonts.ts';

/** `ready`: everything is on the page; `error`: it never will be, and why (an error wins). */
export function usePrintReady(ready: boolean, error: string | null = null): void {
  useEffect(() => {
    const body = document.body.dataset;
    if (error) {
      delete body.printReady;
      body.printError = error;
      return;
    }
    delete body.printError;
    if (!ready) {
      delete body.printReady;
      return;
    }
    let live = true;
    // Both faces (titles are bold), then whatever else the page asked for (document.fonts.ready).
    void loadMapFonts()
      .then(() => document.fonts.ready)
      .then(() => {
        performance.mark('anju:print-ready');
        if (live) body.printReady = 'true';
      });
    return () => {
      live = false;
      delete body.printReady;
    };
  }, [ready, error]);
}
