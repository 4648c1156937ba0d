// CAP <area> → the alert zone.
//
// - <polygon> is space-separated "lat,lon" pairs — latitude first, unlike GeoJSON; <circle> is
//   "lat,lon radius_km" (a 64-step polygon); <geocode> with a region-code valueName is that region's
//   boundary (only when the area has no polygon or circle). Several shapes or areas → MultiPolygon.
// - The position limit (MAX_ZONE_POSITIONS) covers the whole message: every <polygon> and <circle> of
//   every <area> of every <info>, counted before any geometry work. Checked one polygon at a time, a
//   message of many polygons each under the limit passed and made the server check them all.
import { circle } from '@turf/turf';
import { checkZone, MAX_ZONE_POSITIONS, zonePolygons } from './alert-geometry.ts';
import type { BBox, Position, ZoneGeometry } from './alerts.ts';
import { REGION_VALUE_NAME, regionCode12 } from './cap-vocabulary.ts';
import { fault, nodes, pairs, texts, type Node } from './cap-xml.ts';

export interface AreaOptions {
  countyBBox?: BBox | null;
  regionBoundary?: (code: string) => ZoneGeometry | null;
}

/** A circle becomes a ring of this many positions (64 steps, closed). */
const CIRCLE_POSITIONS = 65;

/** Refuses a message whose polygons and circles together exceed the position limit, naming where it tips over. */
export function checkPositionBudget(infos: Node[], max = MAX_ZONE_POSITIONS): void {
  let total = 0;
  infos.forEach((info, i) =>
    nodes(info.area).forEach((area, a) => {
      const add = (n: number, element: string) => {
        total += n;
        if (total > max) {
          fault('too_many_positions', element, `the message's polygons and circles hold more than ${max} positions in all (every area of every <info> counts)`);
        }
      };
      texts(area.polygon).forEach((p, k) => add(p.split(/\s+/).filter((s) => s.length > 0).length, `info[${i}].area[${a}].polygon[${k}]`));
      texts(area.circle).forEach((_, k) => add(CIRCLE_POSITIONS, `info[${i}].area[${a}].circle[${k}]`));
    }),
  );
}

export function readZone(info: Node, at: string, opts: AreaOptions): { geometry: ZoneGeometry; regionCodes: string[] } {
  const polygons: Position[][][] = [];
  const regionCodes: string[] = [];
  const swapHint = 'pairs look like lon,lat — CAP expects lat,lon';
  const zone = (ring: Position[], element: string) => {
    const r = checkZone({ type: 'Polygon', coordinates: [ring] }, { fieldOf: () => element, field: element, countyBBox: opts.countyBBox ?? null, swapHint });
    if (!r.ok) fault(r.issue.code, element, r.issue.message);
    else polygons.push(...zonePolygons(r.geometry));
  };

  nodes(info.area).forEach((area, a) => {
    const here = `${at}.area[${a}]`;
    const shapes = polygons.length;
    texts(area.polygon).forEach((p, i) => zone(latLonPairs(p, `${here}.polygon[${i}]`), `${here}.polygon[${i}]`));
    texts(area.circle).forEach((c, i) => zone(circleRing(c, `${here}.circle[${i}]`, opts, swapHint), `${here}.circle[${i}]`));
    if (polygons.length > shapes) return;
    // No shape drawn: the area is its regions. Codes of other counties (a provincial warning lists many) are skipped.
    const geocodes = pairs(area.geocode).map((g, i) => ({ i, ...g }));
    const ours = geocodes.filter((g) => REGION_VALUE_NAME.test(g.name));
    let found = 0;
    for (const g of ours) {
      const code = regionCode12(g.value);
      if (!code) fault('invalid_geocode', `${here}.geocode[${g.i}]`, `"${g.value}" is not a 6-, 9- or 12-digit region code`);
      const boundary = opts.regionBoundary?.(code!) ?? null;
      if (!boundary) continue;
      polygons.push(...zonePolygons(boundary));
      regionCodes.push(code!);
      found++;
    }
    if (ours.length > 0 && found === 0) {
      fault('unknown_region', `${here}.geocode[${ours[0]!.i}]`, `none of the region codes (${ours.map((g) => g.value).join(', ')}) is in this county`);
    }
  });
  if (polygons.length === 0) {
    fault('no_area', `${at}.area`, 'no <area> has a <polygon>, <circle> or region <geocode> to locate the alert');
  }
  const geometry: ZoneGeometry =
    polygons.length === 1 ? { type: 'Polygon', coordinates: polygons[0]! } : { type: 'MultiPolygon', coordinates: polygons };
  return { geometry, regionCodes };
}

/** "lat,lon lat,lon …" → lon/lat positions (range is checked by the zone check, axis hint included). */
function latLonPairs(value: string, element: string): Position[] {
  const pairs = value.split(/\s+/).filter((s) => s.length > 0);
  return pairs.map((pair, i) => {
    const parts = pair.split(',');
    const nums = parts.map((s) => (s.trim() === '' ? Number.NaN : Number(s)));
    if (nums.length !== 2 || !nums.every(Number.isFinite)) {
      fault('invalid_polygon', element, `pair ${i} "${pair}" is not "lat,lon"`);
    }
    return [nums[1]!, nums[0]!];
  });
}

function circleRing(value: string, element: string, opts: AreaOptions, swapHint: string): Position[] {
  const m = /^\s*(-?[\d.]+)\s*,\s*(-?[\d.]+)\s+([\d.]+)\s*$/.exec(value);
  const [lat, lon, radius] = m ? [Number(m[1]), Number(m[2]), Number(m[3])] : [Number.NaN, Number.NaN, Number.NaN];
  if (![lat, lon, radius].every(Number.isFinite)) fault('invalid_circle', element, `"${value}" is not "lat,lon radius_km"`);
  if (radius <= 0 || radius > 1000) fault('invalid_circle', element, `radius ${radius} km must be above 0 and at most 1000`);
  if (Math.abs(lat) > 90 || Math.abs(lon) > 180) {
    const c = opts.countyBBox;
    const swapped = Math.abs(lon) <= 90 && Math.abs(lat) <= 180 && (!c || (lat >= c[0] - 1 && lat <= c[2] + 1));
    fault(swapped ? 'swapped_axes' : 'out_of_range', element, swapped ? swapHint : `centre ${lat},${lon} is out of range`);
  }
  return circle([lon, lat], radius, { steps: 64, units: 'kilometers' }).geometry.coordinates[0] as Position[];
}
