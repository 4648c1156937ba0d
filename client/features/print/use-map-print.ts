// Printing the household map — Ctrl+P, the browser's menu, or the 打印 button. Browsers print a
// WebGL canvas blank, so right before printing the map is copied into a picture that only the print
// stylesheet shows (print.css), beside the legend and under a title with the unit and the date.
import { useCallback, useEffect, useRef, useState, type RefObject } from 'react';
import { flushSync } from 'react-dom';
import type { MapApi } from '../../map/MapView.tsx';

export interface MapPicture {
  /** PNG data URL of the map as it was on screen. */
  src: string;
  takenAt: Date;
}

/** A data URL decoded once is in the document's list of available images: an <img> shows it at once. */
async function decoded(src: string): Promise<void> {
  const img = new Image();
  img.src = src;
  await img.decode().catch(() => {});
}

export function useMapPrint(map: RefObject<MapApi | null>): { picture: MapPicture | null; print(): Promise<void> } {
  const [picture, setPicture] = useState<MapPicture | null>(null);
  // Set while our own print() runs: its picture is fresh, beforeprint need not take another.
  const printing = useRef(false);

  const take = useCallback((): MapPicture | null => {
    const src = map.current?.snapshot();
    if (!src) return null;
    const next = { src, takenAt: new Date() };
    // Committed before returning: after beforeprint the browser lays the page out for print at once.
    flushSync(() => setPicture(next));
    return next;
  }, [map]);

  const print = useCallback(async () => {
    const next = take();
    if (next) await decoded(next.src);
    printing.current = true;
    try {
      window.print();
    } finally {
      printing.current = false;
    }
  }, [take]);

  useEffect(() => {
    // The browser's own print (its menu) gives no time to wait for the picture: take it right there.
    const beforePrint = () => {
      if (!printing.current) take();
    };
    // Ctrl+P / ⌘P goes the button's way, which waits until the picture is decoded.
    const onKey = (e: KeyboardEvent) => {
      if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.toLowerCase() === 'p') {
        e.preventDefault();
        void print();
      }
    };
    window.addEventListener('beforeprint', beforePrint);
    window.addEventListener('keydown', onKey);
    return () => {
      window.removeEventListener('beforeprint', beforePrint);
      window.removeEventListener('keydown', onKey);
    };
  }, [take, print]);

  return { picture, print };
}
