import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';
import { fontSlices, shellFontGlobs, slicesFor } from '../../client/pwa/font-slices.ts';

const css = readFileSync(createRequire(import.meta.url).resolve('@fontsource/noto-sans-sc/400.css'), 'utf8');

describe('the font slices the service worker precaches', () => {
  it('reads every unicode-range slice of the regular weight', () => {
    const slices = fontSlices(css);
    expect(slices.length).toBe((css.match(/@font-face/g) ?? []).length);
    expect(slices.map((s) => s.name)).toEqual(expect.arrayContaining(['latin', '119']));
  });

  it('finds, for a text, the slices whose ranges hold its characters, and no others', () => {
    const slices = fontSlices(css);
    const names = slicesFor(slices, '安居 Anju');
    const holds = (name: string, ch: string) =>
      slices.find((s) => s.name === name)!.ranges.some(([a, b]) => ch.codePointAt(0)! >= a && ch.codePointAt(0)! <= b);
    for (const ch of '安居A') expect(names.some((n) => holds(n, ch))).toBe(true);
    expect(names.length).toBeLessThanOrEqual(3);
    expect(slicesFor(slices, '')).toEqual([]);
  });

  it('covers every regular slice (text typed or read offline), and in bold every character of the UI catalogues, Latin included', () => {
    const [regular, glob] = shellFontGlobs(['client/i18n/zh-CN.json']);
    expect(regular).toBe('assets/noto-sans-sc-*-400-normal-*.woff2');
    expect(glob).toMatch(/^assets\/noto-sans-sc-\{.*\blatin\b.*\}-700-normal-\*\.woff2$/);
    const listed = new Set(/\{([^}]*)\}/.exec(glob!)![1]!.split(','));
    const text = readFileSync('client/i18n/zh-CN.json', 'utf8');
    for (const name of slicesFor(fontSlices(css), text)) expect(listed.has(name)).toBe(true);
    // A few dozen slices of ~100: the point of slicing.
    expect(listed.size).toBeLessThan(fontSlices(css).length / 2);
  });
});
