// Reading a PDF back, as a person would: its text with pdfjs-dist in Node, and pictures of its pages
// drawn by pdfjs-dist in Chromium (a canvas per page, screenshotted) for the screenshots to look at.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { Browser } from 'playwright-core';
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

/** Each page's text, its runs joined (a run may hold one character of a table cell or a whole line). */
export async function pdfText(pdf: Uint8Array): Promise<string[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), useSystemFonts: false, isEvalSupported: false }).promise;
  try {
    const pages: string[] = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const content = await (await doc.getPage(n)).getTextContent();
      pages.push(content.items.map((i) => ('str' in i ? i.str : '')).join(''));
    }
    return pages;
  } finally {
    await doc.destroy();
  }
}

/** Page sizes in PDF points (1/72 in): A4 portrait is 595 × 842. */
export async function pdfPageSizes(pdf: Uint8Array): Promise<{ width: number; height: number }[]> {
  const doc = await getDocument({ data: new Uint8Array(pdf), isEvalSupported: false }).promise;
  try {
    const sizes = [];
    for (let n = 1; n <= doc.numPages; n++) {
      const [x0, y0, x1, y1] = (await doc.getPage(n)).view as [number, number, number, number];
      sizes.push({ width: Math.round(x1 - x0), height: Math.round(y1 - y0) });
    }
    return sizes;
  } finally {
    await doc.destroy();
  }
}

const PDFJS_HOST = 'http://pdfjs.invalid';
const PDFJS_DIR = join(dirname(createRequire(import.meta.url).resolve('pdfjs-dist/package.json')), 'build');

// pdfjs loads as a module of the page itself (an import() inside page.evaluate would be rewritten by
// vitest's transform before it reaches the browser).
const VIEWER = `<!doctype html><body style="margin:0;background:#888"><script type="module">
import * as pdfjsLib from './pdf.min.mjs';
pdfjsLib.GlobalWorkerOptions.workerSrc = './pdf.worker.min.mjs';
window.pdfjsLib = pdfjsLib;
</script></body>`;

/**
 * Draws every page of the PDF at `scale` (2 ≈ 144 dpi) with pdfjs in a page of `browser` and saves
 * `${prefix}-p1.png` …; returns the files. pdfjs is served from node_modules by request interception.
 */
export async function pdfToPngs(browser: Browser, pdf: Uint8Array, prefix: string, scale = 2): Promise<string[]> {
  const context = browser.contexts()[0] ?? (await browser.newContext());
  const page = await context.newPage();
  try {
    await page.route(`${PDFJS_HOST}/**`, (route) => {
      const name = new URL(route.request().url()).pathname.slice(1);
      if (name === 'index.html') return route.fulfill({ contentType: 'text/html', body: VIEWER });
      return route.fulfill({ contentType: 'text/javascript', body: readFileSync(join(PDFJS_DIR, name)) });
    });
    await page.goto(`${PDFJS_HOST}/index.html`);
    await page.waitForFunction(() => 'pdfjsLib' in window);
    const count = await page.evaluate(
      async ({ b64, scale }) => {
        const pdfjs = (window as unknown as { pdfjsLib: typeof import('pdfjs-dist') }).pdfjsLib;
        const data = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
        const doc = await pdfjs.getDocument({ data }).promise;
        for (let n = 1; n <= doc.numPages; n++) {
          const p = await doc.getPage(n);
          const viewport = p.getViewport({ scale });
          const canvas = document.createElement('canvas');
          canvas.id = `page-${n}`;
          canvas.width = Math.ceil(viewport.width);
          canvas.height = Math.ceil(viewport.height);
          canvas.style.display = 'block';
          document.body.append(canvas);
          await p.render({ canvasContext: canvas.getContext('2d')!, viewport, canvas }).promise;
        }
        return doc.numPages as number;
      },
      { b64: Buffer.from(pdf).toString('base64'), scale },
    );
    const files: string[] = [];
    for (let n = 1; n <= count; n++) {
      const file = `${prefix}-p${n}.png`;
      await page.locator(`#page-${n}`).screenshot({ path: file });
      files.push(file);
    }
    return files;
  } finally {
    await page.close();
  }
}
