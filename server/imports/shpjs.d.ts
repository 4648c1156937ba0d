// shpjs ships no types. Only the two parsers server/imports/shapefile.ts calls: the zip itself is
// opened with fflate (so a missing .prj is refused by name, never parsed without one).
declare module 'shpjs' {
  /** .shp bytes → one GeoJSON geometry (or null for a null shape) per record; `prj` (WKT) reprojects by proj4. */
  export function parseShp(shp: ArrayBufferView | ArrayBuffer, prj?: string): (Record<string, unknown> | null)[];
  /** .dbf bytes → one attribute record per row, text decoded as `cpg` says (UTF-8 when absent). */
  export function parseDbf(dbf: ArrayBufferView | ArrayBuffer, cpg?: string): Record<string, unknown>[];
}
