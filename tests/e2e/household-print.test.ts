// Issue 10 §7 in the browser: printing the household map gives the map (as a picture: a WebGL canvas
// prints blank), the legend and a title with the unit and the date on one A4 landscape page.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, DESKTOP, screenshot, signIn, startE2E, waitForHouses, waitForMapIdle, type E2E } from './harness.ts';

let e: E2E;

beforeAll(async () => {
  e = await startE2E({ households: 2500, seed: 5 });
}, 120_000);

afterAll(async () => {
  await e?.close();
});

/** How many distinct colours a picture has (on a 64 × 40 sample): a blank canvas has one. */
const coloursOf = (page: import('playwright-core').Page, selector: string) =>
  page.locator(selector).evaluate(async (img: HTMLImageElement) => {
    await img.decode();
    const c = document.createElement('canvas');
    c.width = 64;
    c.height = 40;
    const g = c.getContext('2d')!;
    g.drawImage(img, 0, 0, c.width, c.height);
    const px = g.getImageData(0, 0, c.width, c.height).data;
    const seen = new Set<number>();
    for (let i = 0; i < px.length; i += 4) seen.add((px[i]! << 16) | (px[i + 1]! << 8) | px[i + 2]!);
    return seen.size;
  });

describe('printing the household map', () => {
  it('prints the map picture, the legend and the title with unit and date on one A4 landscape page', async () => {
    const p = await e.newPage(DESKTOP);
    const { page } = p;
    await signIn(page, e.url, '/', 'township');
    await waitForHouses(page);
    await waitForMapIdle(page);
    // The print dialog itself is the browser's: count the calls instead.
    await page.evaluate(() => {
      (window as any).__prints = 0;
      window.print = () => void (window as any).__prints++;
    });

    // The header's button: the map becomes a picture first, then the browser prints.
    await page.getByRole('button', { name: '打印', exact: true }).click();
    await expect.poll(() => page.evaluate(() => (window as any).__prints)).toBe(1);
    const picture = page.locator('img.print-sheet__map');
    const first = await picture.getAttribute('src');
    expect(first).toMatch(/^data:image\/png;base64,/);
    expect(await coloursOf(page, 'img.print-sheet__map')).toBeGreaterThan(20);

    // Ctrl+P goes the same way.
    await page.keyboard.press('Control+P');
    await expect.poll(() => page.evaluate(() => (window as any).__prints)).toBe(2);

    // The browser's own menu fires only beforeprint: the picture is taken again there, as the map is now.
    await page.evaluate(() => window.__anju!.map.jumpTo({ zoom: window.__anju!.map.getZoom() + 1 }));
    await waitForMapIdle(page);
    await page.evaluate(() => window.dispatchEvent(new Event('beforeprint')));
    const second = await picture.getAttribute('src');
    expect(second).toMatch(/^data:image\/png;base64,/);
    expect(second).not.toBe(first);

    // The page as printed: title, unit, date, picture and legend; no header, filters or controls.
    // A real print lays the page out once, running no script; emulated print media stays on, and
    // MapLibre would see its container hidden and shrink the view (and the legend's in-view count).
    const inView = await page.getByTestId('in-view').textContent();
    await page.evaluate(() => {
      window.__anju!.map.resize = function () {
        return this;
      };
    });
    await page.emulateMedia({ media: 'print' });
    await page.setViewportSize({ width: 1032, height: 703 }); // A4 landscape less 12 mm margins, at 96 dpi
    const title = page.getByRole('heading', { name: '河东街道农村住房安全分布图', level: 1 });
    expect(await title.isVisible()).toBe(true);
    expect(await page.getByText('制图单位：河东街道').isVisible()).toBe(true);
    expect(await page.getByText(`制图日期：${new Date().getFullYear()}年`).isVisible()).toBe(true);
    expect(await picture.isVisible()).toBe(true);
    const box = (await picture.boundingBox())!;
    expect(box.width).toBeGreaterThan(600);
    const legend = page.locator('.panel--legend');
    expect(await legend.isVisible()).toBe(true);
    expect(await legend.locator('tr[data-grade]').count()).toBe(5);
    expect(await legend.getByTestId('in-view').textContent()).toBe(inView); // A–D and not yet appraised
    for (const hidden of ['.app-header', '.panel--filters', '.maplibregl-canvas', '.maplibregl-ctrl-group'])
      expect(await page.locator(hidden).first().isVisible(), hidden).toBe(false);
    await screenshot(page, 'household-map-print');

    const pdf = await page.pdf({ format: 'A4', landscape: true, printBackground: true });
    writeFileSync(join(ARTIFACTS, 'household-map-print.pdf'), pdf);
    const text = pdf.toString('latin1');
    expect(text.match(/\/Type \/Page\b/g)?.length).toBe(1);
    // A4 landscape: 842 × 595 points (Chrome rounds up a little).
    expect(text).toMatch(/\/MediaBox \[0 0 84\d(\.\d+)? 59\d(\.\d+)?\]/);
    // The map is in it as the picture taken from the screen's canvas, not one of a hidden map.
    const images = [...text.matchAll(/\/Subtype \/Image\s*\/Width (\d+)\s*\/Height (\d+)/g)].map((m) => [Number(m[1]), Number(m[2])]);
    expect(images).toContainEqual([DESKTOP.width, expect.any(Number)]);
    await page.emulateMedia({ media: 'screen' });

    expect(p.consoleErrors).toEqual([]);
    expect(p.outsideRequests).toEqual([]);
    await p.close();
  }, 120_000);
});
