// The boundaries import kind (issue 13): township and village boundaries from a GeoJSON file or a
// zipped Shapefile replace the generated ones.
//  - check: each feature matched to a region (imports/region-match.ts), its geometry validated by the
//    alert-zone check (domain/alert-geometry.ts: polygons only, closed rings, no self-intersection,
//    near the county), duplicates and ambiguous names refused. Features of no known region are listed,
//    not refused — a county layer often holds its neighbours' edges too — unless none matches at all.
//    For every matched region: how many of its current houses the new boundary leaves outside. They are
//    only counted: a house's location is a survey fact, never moved to fit a boundary.
//  - commit: boundaries and centres (domain/label-point.ts) written in one transaction (the batch
//    machinery audits it with the counts, workers/imports.ts); when townships change, the county outline
//    becomes their union (domain/county-outline.ts) so the county layer and the far-outside checks
//    follow. Villages alone leave townships and county as they are. A re-import writes nothing.
// Only county roles import boundaries (routes/imports.ts): they redraw every township's jurisdiction.
import type { Db } from '../db/connection.ts';
import { boundaryRegions, countyOf, housesOf, writeBoundary, type BoundaryRegion, type BoundaryWrite } from '../db/import-boundaries.ts';
import { bboxOf, checkZone, MAX_ZONE_POSITIONS, zonePolygons, type GeometryIssue } from '../domain/alert-geometry.ts';
import type { BBox, ZoneGeometry } from '../domain/alerts.ts';
import { withRfc7946Winding } from '../domain/boundary-winding.ts';
import { countyOutline } from '../domain/county-outline.ts';
import { compileZone, pointsInZone } from '../domain/exposure.ts';
import { labelPoint } from '../domain/label-point.ts';
import { readBoundaryFile, type RawFeature } from './boundary-file.ts';
import { ProblemList, type CheckInput, type Checked, type CheckReport, type ImportKind } from './kind.ts';
import { featureKey, regionMatcher, type FeatureKey } from './region-match.ts';

/** How far outside the county's bbox a boundary may reach (about 10 km) before it is refused. */
export const COUNTY_MARGIN_DEG = 0.1;
/**
 * Positions per feature, as for a warning zone: the self-intersection test (turf kinks) is quadratic —
 * 20,000 points take about 1.4 s, 50,000 about 15 s. A bigger boundary is refused with a request to
 * simplify it (a 1 m tolerance keeps a township's line far below this).
 */
export const MAX_BOUNDARY_POSITIONS = MAX_ZONE_POSITIONS;

export interface BoundaryPlan {
  regions: (BoundaryWrite & { level: 'township' | 'village' })[];
  /** The county's outline re-derived from its townships, when townships change. */
  county: BoundaryWrite | null;
}

type FeatureReport = NonNullable<CheckReport['boundaries']>['features'][number];

export const boundaries: ImportKind<BoundaryPlan> = {
  name: 'boundaries',
  accepts: ['geojson', 'zip'],
  writes: true,

  async check(input: CheckInput): Promise<Checked<BoundaryPlan>> {
    const { db, options } = input;
    const file = readBoundaryFile(input.bytes, input.fileName, { encoding: options.encoding, crs: options.crs });
    const regions = boundaryRegions(db, input.scope.code);
    const county = countyOf(db, input.scope.code);
    const countyBBox = county?.boundary ? bboxOf(zonePolygons(JSON.parse(county.boundary) as ZoneGeometry)) : null;
    const match = regionMatcher(regions);
    const problems = new ProblemList();
    const features: FeatureReport[] = [];
    const plan: BoundaryPlan = { regions: [], county: null };
    const claimedBy = new Map<string, number>();
    let unchanged = 0;
    let housesOutsideTotal = 0;

    file.features.forEach((f, i) => {
      input.progress(i, file.features.length);
      const key = featureKey(f.properties);
      const m = match(key);
      const region = m.kind === 'matched' ? m.region : null;
      const label = who(f, key, region);
      const geometry = checkedGeometry(f, label, problems, countyBBox);
      if (m.kind === 'ambiguous') {
        problems.add({
          row: f.number,
          column: key.nameProperty,
          field: 'name',
          code: 'ambiguous_name',
          message: `${label}：县内有 ${m.candidates.length} 个同名区划（${m.candidates.map((c) => `${c.name} ${c.code}`).join('、')}），请在属性表中加上 12 位区划代码`,
          value: key.name ?? '',
        });
      }
      const report: FeatureReport = {
        code: region?.code ?? key.code,
        name: region?.name ?? key.name,
        level: region?.level ?? levelOfCode(key.code),
        matched: region !== null,
        housesOutside: 0,
      };
      features.push(report);
      if (!region) return;
      const first = claimedBy.get(region.code);
      if (first !== undefined) {
        problems.add({
          row: f.number,
          column: m.kind === 'matched' && m.by === 'code' ? key.codeProperty : key.nameProperty,
          field: m.kind === 'matched' && m.by === 'code' ? 'code' : 'name',
          code: 'duplicate_region',
          message: `${label}：与第 ${first} 个要素是同一个区划（${region.name} ${region.code}），一个区划只能有一个边界`,
          value: region.code,
        });
        return;
      }
      claimedBy.set(region.code, f.number);
      if (!geometry) return;
      const boundary = withRfc7946Winding(geometry);
      const write = { code: region.code, level: region.level, boundary: JSON.stringify(boundary), center: labelPoint(boundary) };
      if (write.boundary === region.boundary && write.center[0] === region.centerLon && write.center[1] === region.centerLat) unchanged++;
      report.housesOutside = housesOutside(db, region, boundary);
      housesOutsideTotal += report.housesOutside;
      plan.regions.push(write);
    });
    input.progress(file.features.length, file.features.length);

    if (claimedBy.size === 0 && file.features.length > 0) {
      problems.add({
        row: null,
        column: null,
        field: 'file',
        code: 'no_region_matched',
        message: `文件中的 ${file.features.length} 个要素没有一个对应到本县的乡镇或村：请确认属性表中有 12 位区划代码列（如 XZQDM、CUN_DM、行政区划代码）或名称列（如 XZQMC、名称、村名）`,
      });
    } else if (file.features.length === 0) {
      problems.add({ row: null, column: null, field: 'file', code: 'no_features', message: '文件中没有任何要素' });
    }
    if (county?.code === input.scope.code && plan.regions.some((r) => r.level === 'township')) plan.county = outlineOf(county.code, regions, plan);

    const townships = plan.regions.filter((r) => r.level === 'township').length;
    return {
      plan,
      report: {
        format: file.format,
        encoding: file.encoding,
        rows: file.features.length,
        problems: problems.kept,
        problemsTotal: problems.total,
        problemCounts: problems.counts,
        summary: {
          townships,
          villages: plan.regions.length - townships,
          unmatched: features.filter((f) => !f.matched).length,
          unchanged,
          housesOutside: housesOutsideTotal,
        },
        boundaries: { features },
      },
    };
  },

  commit(db: Db, plan: BoundaryPlan): Record<string, number> {
    return db.transaction(() => {
      const written = plan.regions.filter((r) => writeBoundary(db, r));
      const county = plan.county && writeBoundary(db, plan.county) ? 1 : 0;
      return {
        townships: written.filter((r) => r.level === 'township').length,
        villages: written.filter((r) => r.level === 'village').length,
        unchanged: plan.regions.length - written.length,
        county,
      };
    })();
  },
};

/** The geometry as validated and cleaned, or null after adding the problem that refuses it. */
function checkedGeometry(f: RawFeature, label: string, problems: ProblemList, countyBBox: BBox | null): ZoneGeometry | null {
  if (f.geometry === null) {
    problems.add({ row: f.number, column: null, field: 'geometry', code: 'missing_geometry', message: `${label}：没有几何图形（空要素）` });
    return null;
  }
  const r = checkZone(f.geometry, { field: 'geometry', countyBBox, marginDeg: COUNTY_MARGIN_DEG, maxPositions: MAX_BOUNDARY_POSITIONS });
  if (r.ok) return r.geometry;
  problems.add({ row: f.number, column: null, field: 'geometry', code: r.issue.code, message: `${label}：${geometryMessage(r.issue, f.geometry)}` });
  return null;
}

/** checkZone speaks English to API clients; county staff read Chinese, with the place in the file. */
function geometryMessage(issue: GeometryIssue, geometry: unknown): string {
  const at = /\[(-?[\d.]+), (-?[\d.]+)\]/.exec(issue.message);
  const where = at ? `，位于 ${at[1]}, ${at[2]}` : '';
  const path = issue.field.replace(/^geometry\.?/, '') || 'geometry';
  const type = typeof geometry === 'object' && geometry !== null ? String((geometry as { type?: unknown }).type) : String(geometry);
  switch (issue.code) {
    case 'invalid_geometry_type':
      return `几何类型是 ${type}，边界应为面（Polygon 或 MultiPolygon）`;
    case 'unclosed_ring':
      return `边界环未闭合：首点和末点不同（${path}）`;
    case 'self_intersection':
      return `边界线自相交${where}（${path}），请在 GIS 软件中修复几何后再导出`;
    case 'too_few_positions':
      return `边界环少于 4 个点（${path}）`;
    case 'degenerate_ring':
      return `边界环面积为零（${path}）`;
    case 'hole_outside_shell':
      return `内环（洞）在外环之外${where}（${path}）`;
    case 'hole_crosses_shell':
      return `内环（洞）与外环相交${where}（${path}）`;
    case 'holes_overlap':
      return `内环（洞）互相重叠（${path}）`;
    case 'swapped_axes':
      return '坐标顺序是“纬度,经度”，应为“经度,纬度”（GeoJSON 的顺序）';
    case 'out_of_range':
      return `有坐标超出经纬度范围${where}（${path}）`;
    case 'invalid_position':
      return `有坐标不是两个数字（${path}）`;
    case 'too_many_positions':
      return `点数超过 ${MAX_BOUNDARY_POSITIONS}，请先在 GIS 软件中简化（如 1 米容差）`;
    case 'outside_county':
      return '边界不在本县范围内：请确认坐标系（应为 WGS84 / CGCS2000 经纬度）和文件是否为本县的';
    default:
      return `几何图形无效（${path}）`;
  }
}

/** "第 3 个要素（610999101201 某村）" — the feature as the user can find it in the file. */
function who(f: RawFeature, key: FeatureKey, region: BoundaryRegion | null): string {
  const parts = [key.code ?? region?.code, key.name ?? region?.name].filter((p): p is string => !!p);
  return `第 ${f.number} 个要素${parts.length ? `（${parts.join(' ')}）` : ''}`;
}

function levelOfCode(code: string | null): string | null {
  if (code === null) return null;
  return code.endsWith('000') ? 'township' : 'village';
}

function housesOutside(db: Db, region: BoundaryRegion, boundary: ZoneGeometry): number {
  const { xs, ys } = housesOf(db, region);
  return xs.length - pointsInZone(compileZone(boundary), xs, ys).length;
}

/** The county as the union of its townships: the new ones, and the stored ones the file leaves. */
function outlineOf(countyCode: string, regions: readonly BoundaryRegion[], plan: BoundaryPlan): BoundaryWrite | null {
  const fresh = new Map(plan.regions.filter((r) => r.level === 'township').map((r) => [r.code, r.boundary]));
  const texts = regions.filter((r) => r.level === 'township').map((r) => fresh.get(r.code) ?? r.boundary);
  // A township with no boundary at all: the union would not be the county; leave the outline.
  if (texts.some((t) => t === null)) return null;
  const outline = countyOutline(texts.map((t) => JSON.parse(t!) as ZoneGeometry));
  if (!outline) return null;
  const boundary = withRfc7946Winding(outline);
  return { code: countyCode, boundary: JSON.stringify(boundary), center: labelPoint(boundary) };
}
