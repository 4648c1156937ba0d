// Warnings (预警) as the API speaks them: types and CMA levels (domain.md "Warnings and seasons"),
// where a zone came from, and the status rule. Pure: the clock is passed in.
import { ALERT_LEVELS, ALERT_TYPES, type AlertLevel, type AlertType } from './dispatch-rules.ts';

export { ALERT_LEVELS, ALERT_TYPES, type AlertLevel, type AlertType };

export type Position = [lon: number, lat: number];
export interface PolygonGeometry {
  type: 'Polygon';
  coordinates: Position[][];
}
export interface MultiPolygonGeometry {
  type: 'MultiPolygon';
  coordinates: Position[][][];
}
/** An alert zone: WGS84 lon/lat, rings closed, shell first then holes (RFC 7946). */
export type ZoneGeometry = PolygonGeometry | MultiPolygonGeometry;
export type BBox = [minLon: number, minLat: number, maxLon: number, maxLat: number];

export const ALERT_SOURCES = ['drawn', 'geojson', 'cap'] as const;
export type AlertSource = (typeof ALERT_SOURCES)[number];

export const ALERT_STATUSES = ['active', 'expired', 'cancelled'] as const;
export type AlertStatus = (typeof ALERT_STATUSES)[number];

/**
 * Hazard families: what the hazard does to a house (risk.ts weighs structures per family). `general` is
 * for `other`: a natural hazard we have no model for, so no structure is singled out by what it does.
 */
export type HazardFamily = 'cold' | 'water' | 'ground' | 'wind' | 'quake' | 'general';
export const HAZARD_FAMILY: Record<AlertType, HazardFamily> = {
  rainstorm: 'water',
  flood: 'water',
  flash_flood: 'water',
  typhoon: 'water',
  geological: 'ground',
  cold_wave: 'cold',
  freeze: 'cold',
  icing: 'cold',
  snowstorm: 'cold',
  gale: 'wind',
  earthquake: 'quake',
  other: 'general',
};

/** 一般/较重/严重/特别严重: blue < yellow < orange < red. */
export const LEVEL_RANK: Record<AlertLevel, number> = { blue: 1, yellow: 2, orange: 3, red: 4 };

/** A CAP message is named by sender, identifier and sent (CAP 1.2 §3.2.1 <references>). */
export interface CapRef {
  sender: string;
  identifier: string;
  sent: string;
}

/** The text of one CAP <info> block, kept for every language. */
export interface AlertInfoText {
  language: string;
  event: string;
  headline: string;
  description: string;
  instruction: string | null;
  senderName: string | null;
  /** The places in words (CAP <areaDesc> of every <area>, joined): what the reader knows the zone by. */
  areaDesc: string | null;
}

/** Everything needed to store an alert, before it has an id. Times are UTC ISO strings. */
export interface AlertDraft {
  type: AlertType;
  level: AlertLevel;
  /** The hazard as the sender named it (CAP <event>, display language): what an `other` alert is. */
  event: string | null;
  issuer: string;
  headline: string;
  description: string;
  instruction: string | null;
  /** The language of headline and description (zh-CN preferred for display). */
  language: string | null;
  issuedAt: string;
  effectiveAt: string;
  expiresAt: string;
  /** The message gave no <expires>: expiresAt is our default for the type and level (alert-validity.ts). */
  noExpiryGiven: boolean;
  geometry: ZoneGeometry;
  source: AlertSource;
  cap: CapRef | null;
  /** Every <info> text, the display language included. */
  infos: AlertInfoText[];
  /** Region codes the zone was built from (CAP <geocode>), for the record. */
  regionCodes: string[];
}

/**
 * An alert is active from the moment it is issued — so 雨前排查 (inspect before the rain) can start
 * before its effective time — until it expires or is cancelled. Nothing stale is stored: the status
 * is worked out from the times and the cancellation every time it is read.
 */
export function alertStatus(a: { expiresAt: string; cancelledAt: string | null }, now: Date): AlertStatus {
  if (a.cancelledAt !== null) return 'cancelled';
  return Date.parse(a.expiresAt) > now.getTime() ? 'active' : 'expired';
}

/** Any ISO 8601 timestamp with an offset, as UTC `…Z` so stored times compare as strings. */
export function toUtcIso(timestamp: string): string {
  return new Date(timestamp).toISOString();
}
