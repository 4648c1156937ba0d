// The sheet: A4, its margins, and what runs on every page — the issuing unit and the report's title at
// the top, the date and 第 N 页 / 共 M 页 at the bottom. These are CSS paged-media margin boxes
// (@top-left, @bottom-center … in an @page rule), which Chromium draws with the page's own fonts:
// Chromium's headerTemplate/footerTemplate cannot use a web font (tried: the page's loaded Noto Sans
// SC and an inline data: @font-face both came out as empty boxes), and the server's Chromium has no
// Chinese system font. The same rules serve a user who prints the page from their own browser.
import { useEffect } from 'react';

export interface PageSetup {
  orientation: 'portrait' | 'landscape';
  /** Top left: the issuing unit (安居县住房和城乡建设局). */
  issuer: string;
  /** Top right: the report's title. */
  title: string;
  /** Bottom left: the report's date, as written on it. */
  dated: string;
  /** The page-number words around the two counters: 第 {page} 页 / 共 {pages} 页. */
  pageOf: { before: string; between: string; after: string };
}

/** A CSS string literal holding `s` (our own labels and region names, quoted for safety all the same). */
export function cssString(s: string): string {
  return `"${s.replace(/[\\"]/g, '\\$&').replace(/[\n\r\f]/g, ' ')}"`;
}

export function pageRules(p: PageSetup): string {
  const box = 'font-family: "Noto Sans SC", sans-serif; font-size: 9pt; color: #333;';
  const { before, between, after } = p.pageOf;
  return `@page {
  size: A4 ${p.orientation};
  margin: 16mm 14mm 16mm 14mm;
  @top-left { content: ${cssString(p.issuer)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @top-right { content: ${cssString(p.title)}; ${box} vertical-align: bottom; padding-bottom: 3mm; }
  @bottom-left { content: ${cssString(p.dated)}; ${box} vertical-align: top; padding-top: 3mm; }
  @bottom-center { content: ${cssString(before)} counter(page) ${cssString(between)} counter(pages) ${cssString(after)}; ${box} vertical-align: top; padding-top: 3mm; }
}`;
}

/**
 * Puts the sheet's @page rules into the document while the print page is open — as a constructed
 * stylesheet: the page's CSP (style-src 'self', server/http/security-headers.ts) refuses a <style>
 * element, not the CSSOM.
 */
export function usePageSetup(p: PageSetup | null): void {
  const rules = p ? pageRules(p) : null;
  useEffect(() => {
    if (!rules) return;
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(rules);
    document.adoptedStyleSheets = [...document.adoptedStyleSheets, sheet];
    return () => {
      document.adoptedStyleSheets = document.adoptedStyleSheets.filter((s) => s !== sheet);
    };
  }, [rules]);
}
