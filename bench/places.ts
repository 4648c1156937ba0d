// The places the map sections measure at: the county, its first township and that township's first
// village by code (the same places at every size, since the geography does not depend on the household
// count), where that village's houses stand, and the vector tiles over them (XYZ, as MapLibre asks).
import { worldX, worldY, type TileId } from '../server/tiles/mercator.ts';
import { request, type Client } from './fixtures.ts';

export type BBox = [number, number, number, number];

export interface Place {
  level: 'county' | 'township' | 'village';
  name: string;
  bbox: BBox;
}

function bboxOf(geometry: { coordinates: unknown }): BBox {
  const flat = (geometry.coordinates as unknown[]).flat(4) as number[];
  const xs = flat.filter((_, i) => i % 2 === 0);
  const ys = flat.filter((_, i) => i % 2 === 1);
  return [Math.min(...xs), Math.min(...ys), Math.max(...xs), Math.max(...ys)];
}

/** The county, its first township and that township's first village, by code, from the basemap. */
export async function places(client: Client): Promise<{ county: Place; township: Place; village: Place }> {
  const layer = async (name: string) =>
    ((await (await request(`${client.url}/api/basemap/${name}`, { headers: client.headers })).json()) as {
      features: { properties: { code: string; name: string }; geometry: { coordinates: unknown } }[];
    }).features.sort((a, b) => a.properties.code.localeCompare(b.properties.code));
  const [county] = await layer('county');
  const [township] = await layer('townships');
  const village = (await layer('villages')).find((v) => v.properties.code.startsWith(township!.properties.code.slice(0, 9)))!;
  return {
    county: { level: 'county', name: county!.properties.name, bbox: bboxOf(county!.geometry) },
    township: { level: 'township', name: township!.properties.name, bbox: bboxOf(township!.geometry) },
    village: { level: 'village', name: village.properties.name, bbox: bboxOf(village.geometry) },
  };
}

export const centreOf = (b: BBox): [number, number] => [(b[0] + b[2]) / 2, (b[1] + b[3]) / 2];

const median = (xs: readonly number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

/**
 * Where a place's houses stand: the median of their positions (a village's box is mostly fields), and
 * the household whose house is nearest to it — as the county administrator lists them (at most 5,000).
 */
export async function housesCentre(client: Client, bbox: BBox): Promise<{ centre: [number, number]; household: number; at: [number, number] }> {
  const res = await request(`${client.url}/api/households?bbox=${bbox.map((v) => v.toFixed(6)).join(',')}&limit=5000`, { headers: client.headers });
  if (res.status !== 200) throw new Error(`listing the houses of ${bbox.join(',')} answered ${res.status}`);
  const { features } = (await res.json()) as { features: { id: number; geometry: { coordinates: [number, number] } }[] };
  if (features.length === 0) throw new Error(`no house in ${bbox.join(',')}`);
  const centre: [number, number] = [median(features.map((f) => f.geometry.coordinates[0])), median(features.map((f) => f.geometry.coordinates[1]))];
  const distance = (f: (typeof features)[number]) => Math.hypot(f.geometry.coordinates[0] - centre[0], f.geometry.coordinates[1] - centre[1]);
  const nearest = features.reduce((a, b) => (distance(b) < distance(a) ? b : a));
  return { centre, household: nearest.id, at: nearest.geometry.coordinates };
}

/** The tile of a zoom holding a lon/lat. */
export function tileAt(z: number, [lon, lat]: [number, number]): TileId {
  const n = 2 ** z;
  return { z, x: Math.floor(worldX(lon) * n), y: Math.floor(worldY(lat) * n) };
}

/** Every tile of a zoom over a box. */
export function tilesOver(z: number, [w, s, e, n]: BBox): TileId[] {
  const a = tileAt(z, [w, n]);
  const b = tileAt(z, [e, s]);
  const out: TileId[] = [];
  for (let x = a.x; x <= b.x; x++) for (let y = a.y; y <= b.y; y++) out.push({ z, x, y });
  return out;
}

/** The 3 × 3 tiles of a zoom around the one holding a lon/lat. */
export function blockAround(z: number, at: [number, number]): TileId[] {
  const c = tileAt(z, at);
  const out: TileId[] = [];
  for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) out.push({ z, x: c.x + dx, y: c.y + dy });
  return out;
}

/** A tile's URL from the TileJSON's template (a path with the filters' query string). */
export const tileUrl = (origin: string, template: string, t: TileId): string =>
  origin + template.replace('{z}', String(t.z)).replace('{x}', String(t.x)).replace('{y}', String(t.y));

/** The household tiles' TileJSON as the county administrator gets it (the map's data version in it). */
export async function tileJson(client: Client): Promise<{ tiles: string[]; version: number; houses: number; tiled: boolean }> {
  const res = await request(`${client.url}/api/tiles/households.json`, { headers: client.headers });
  if (res.status !== 200) throw new Error(`the TileJSON answered ${res.status}`);
  return (await res.json()) as { tiles: string[]; version: number; houses: number; tiled: boolean };
}
