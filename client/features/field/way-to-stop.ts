// The way to a stop: how far it is from where the inspector stands, and a geo: link (RFC 5870) that
// the phone hands to whatever map app is installed — offline maps included. No link to an online map
// service: the app itself fetches nothing from outside.
import type { TFunction } from 'i18next';
import { EARTH_RADIUS_M } from '../../../server/domain/routing.ts';

export interface LonLat {
  lon: number;
  lat: number;
}

/** Great-circle distance in metres (haversine on the route solver's Earth radius). */
export function metresBetween(a: LonLat, b: LonLat): number {
  const rad = Math.PI / 180;
  const sLat = Math.sin(((b.lat - a.lat) * rad) / 2);
  const sLon = Math.sin(((b.lon - a.lon) * rad) / 2);
  const h = sLat * sLat + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * sLon * sLon;
  return 2 * EARTH_RADIUS_M * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** "80 米" under a kilometre (to 10 m: a phone fix is no better), "1.2 公里" up to 10 km, then "23 公里". */
export function formatDistance(t: TFunction, metres: number): string {
  if (metres < 1000) return t('field.way.m', { n: Math.max(10, Math.round(metres / 10) * 10) });
  return t('field.way.km', { n: metres < 10_000 ? (metres / 1000).toFixed(1) : Math.round(metres / 1000) });
}

/** `geo:lat,lon` (latitude first, WGS 84), six decimals (~0.1 m), as Android and iOS map apps read it. */
export function geoUri(at: LonLat): string {
  return `geo:${at.lat.toFixed(6)},${at.lon.toFixed(6)}`;
}
