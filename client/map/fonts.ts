// The page and the map labels share one bundled font (@fontsource/noto-sans-sc, imported in main.tsx):
// nothing is fetched from a glyph server or a font CDN. The font comes in ~100 unicode-range slices per
// weight; the browser fetches a slice when the page shows one of its characters. MapLibre draws CJK
// labels itself (TinySDF on a canvas, `localIdeographFontFamily`) and keeps every glyph it drew: a
// character whose slice is not loaded yet would be drawn in a fallback face, or as a box, for good. So
// the slices of every label are loaded before MapLibre sees the label: the fixed words at map start
// (loadMapFonts), the county's place names with the basemap (loadLabelFonts in api/queries.ts).
import { CATALOGUES, LANGUAGES } from '../i18n/catalogues.ts';

export const MAP_FONT_FAMILY = "'Noto Sans SC', sans-serif";

/** The faces the map layers name (layers/common.ts: FONT_REGULAR, FONT_BOLD). */
const FACES = ['16px "Noto Sans SC"', 'bold 16px "Noto Sans SC"'];

/** Counts, scale bar, house marks: digits, Latin and the punctuation the labels use. */
const FIXED = '0123456789 ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,:;!?-–—+/()%·✓安居县镇村';

/**
 * The catalogue words a map draws whatever the data, in every language: cluster and house marks
 * (legend), structure marks, warning names (alertType, alertLevel, alerts.name). Whole sections, so a
 * new label word from them is covered without touching this file.
 */
const CATALOGUE_SECTIONS = ['legend', 'structure', 'alertType', 'alertLevel', 'gradeShort'];

function catalogueWords(): string {
  const words: string[] = [];
  for (const lng of LANGUAGES) {
    const bundle = CATALOGUES[lng];
    for (const section of CATALOGUE_SECTIONS) words.push(JSON.stringify(bundle[section] ?? ''));
    words.push(String((bundle.alerts as Record<string, unknown> | undefined)?.name ?? ''));
  }
  return words.join('');
}

/** Each character once: document.fonts.load fetches the slices that hold any of them. */
const distinct = (text: string) => [...new Set(text)].join('');

/** Loads, in both faces, the slices holding these characters (those already loaded cost nothing). */
export async function loadLabelFonts(text: string): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts || text === '') return;
  const chars = distinct(text);
  // A slice that fails to load leaves its characters to the fallback face; the map still starts.
  await Promise.all(FACES.map((face) => document.fonts.load(face, chars).catch(() => [])));
}

/**
 * Loads the slices of the words every map draws before the map is created, so the first labels
 * MapLibre rasterises are drawn in Noto Sans SC, not in a fallback font or as tofu boxes.
 */
export async function loadMapFonts(): Promise<void> {
  await loadLabelFonts(FIXED + catalogueWords());
}

/** The names a basemap layer labels (its features' `name`), as one string for loadLabelFonts. */
export function placeNames(layers: Record<string, GeoJSON.FeatureCollection>): string {
  let names = '';
  for (const fc of Object.values(layers)) for (const f of fc.features) names += String(f.properties?.name ?? '');
  return names;
}
