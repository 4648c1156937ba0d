// The page and the map labels share one bundled font (@fontsource/noto-sans-sc, imported in main.tsx):
// nothing is fetched from a glyph server or a font CDN.
export const MAP_FONT_FAMILY = "'Noto Sans SC', sans-serif";

/**
 * Loads the regular and bold faces before the map is created, so the first labels MapLibre rasterises
 * locally (TinySDF on a canvas) are drawn in Noto Sans SC, not in a fallback font or as tofu boxes.
 */
export async function loadMapFonts(): Promise<void> {
  if (typeof document === 'undefined' || !document.fonts) return;
  const sample = '安居县镇村 Anju 0123';
  await Promise.all([
    document.fonts.load('16px "Noto Sans SC"', sample),
    document.fonts.load('bold 16px "Noto Sans SC"', sample),
  ]);
}
