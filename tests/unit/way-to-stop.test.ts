import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import en from '../../client/i18n/en.json' with { type: 'json' };
import zh from '../../client/i18n/zh-CN.json' with { type: 'json' };
import { formatDistance, geoUri, metresBetween } from '../../client/features/field/way-to-stop.ts';

const tOf = async (lng: string) => {
  const i = i18next.createInstance();
  await i.init({ lng, resources: { 'zh-CN': { translation: zh }, en: { translation: en } }, interpolation: { escapeValue: false } });
  return i.t;
};

describe('the way to a patrol stop', () => {
  it('measures 1/1000 of a degree of latitude as about 111 m, and a degree of longitude at 33° N as about 93 km', () => {
    expect(metresBetween({ lon: 108.6, lat: 33.1 }, { lon: 108.6, lat: 33.101 })).toBeCloseTo(111.2, 1);
    expect(metresBetween({ lon: 108, lat: 33 }, { lon: 109, lat: 33 })).toBeGreaterThan(93_000);
    expect(metresBetween({ lon: 108, lat: 33 }, { lon: 109, lat: 33 })).toBeLessThan(93_400);
    expect(metresBetween({ lon: 108.6, lat: 33.1 }, { lon: 108.6, lat: 33.1 })).toBe(0);
  });

  it('says metres to the ten under a kilometre, kilometres to one decimal under ten, whole kilometres beyond', async () => {
    const zhT = await tOf('zh-CN');
    const enT = await tOf('en');
    expect(formatDistance(zhT, 3)).toBe('10 米');
    expect(formatDistance(zhT, 347)).toBe('350 米');
    expect(formatDistance(zhT, 1249)).toBe('1.2 公里');
    expect(formatDistance(zhT, 23_400)).toBe('23 公里');
    expect(formatDistance(enT, 347)).toBe('350 m');
    expect(formatDistance(enT, 1249)).toBe('1.2 km');
  });

  it('links a geo: URI with latitude first', () => {
    expect(geoUri({ lon: 108.654321, lat: 33.0123456 })).toBe('geo:33.012346,108.654321');
  });
});
