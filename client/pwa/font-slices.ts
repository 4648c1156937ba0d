// Build time (vite.config.ts): which of Noto Sans SC's unicode-range slices the service worker
// precaches. Without signal an inspector still types notes (东墙贯通裂缝约2米) and reads names no page
// has shown yet: every slice of the regular weight is precached (2.4 MB, once), so any character reads
// in the bundled font and no slice is asked of a network that is not there. The bold weight is the
// UI's own (headings, buttons): only the slices the catalogues' words need. Other bold slices are
// cached as the page fetches them (the fonts runtime cache in vite.config.ts).
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

interface Slice {
  /** The slice's name in its file name: `noto-sans-sc-<name>-400-normal.woff2` (a number, or latin …). */
  name: string;
  ranges: (readonly [number, number])[];
}

/** The slices of one weight's stylesheet (@fontsource/noto-sans-sc/400.css), with their unicode ranges. */
export function fontSlices(css: string): Slice[] {
  const face = /url\(\.\/files\/noto-sans-sc-([\w-]+?)-\d+-normal\.woff2\)[^;]*;\s*unicode-range:\s*([^;]+);/g;
  return [...css.matchAll(face)].map((m) => ({
    name: m[1]!,
    ranges: m[2]!.split(',').map((r) => {
      const [from, to] = r.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from!, 16), parseInt(to ?? from!, 16)] as const;
    }),
  }));
}

/** The names of the slices holding any character of `text`. */
export function slicesFor(slices: readonly Slice[], text: string): string[] {
  const used = new Set<string>();
  for (const ch of new Set(text)) {
    const cp = ch.codePointAt(0)!;
    const slice = slices.find((s) => s.ranges.some(([a, b]) => cp >= a && cp <= b));
    if (slice) used.add(slice.name);
  }
  return [...used].sort();
}

/**
 * Glob patterns (for Workbox's globPatterns, relative to client/dist): every regular slice, and the bold
 * slices the catalogues' text needs, Latin always included.
 */
export function shellFontGlobs(catalogues: readonly string[]): string[] {
  const require = createRequire(import.meta.url);
  const css = readFileSync(require.resolve('@fontsource/noto-sans-sc/400.css'), 'utf8');
  const text = catalogues.map((path) => readFileSync(path, 'utf8')).join('') + 'ABCabc0123456789';
  const names = slicesFor(fontSlices(css), text);
  const alternatives = names.length === 1 ? names[0]! : `{${names.join(',')}}`;
  return ['assets/noto-sans-sc-*-400-normal-*.woff2', `assets/noto-sans-sc-${alternatives}-700-normal-*.woff2`];
}
