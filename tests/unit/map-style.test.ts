import { createExpression } from '@maplibre/maplibre-gl-style-spec';
import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { buildHouseholdStyle } from '../../client/map/household-style.ts';
import { LAYER } from '../../client/map/layers/ids.ts';
import { buildPatrolStyle } from '../../client/map/patrol-style.ts';
import { SPIDER_OFFSETS, spiderSlots, taskSlotLayer } from '../../client/map/layers/patrol.ts';
import { CLUSTER_PROPERTIES, CLUSTER_STAGE_GROUPS } from '../../client/map/layers/households.ts';
import { STATE, STATE_DEFAULTS } from '../../client/map/layers/ids.ts';
import { GRADE_COLORS, LEDGER_STATE_COLORS, MOVE_OUT_COLOR, OVERDUE_COLOR } from '../../client/map/palette.ts';
import { STRUCTURES } from '../../server/domain/housing.ts';
import { CASE_STATES, ENDED_STATES, LEDGER_STATES } from '../../server/domain/ledger-states.ts';
import { stageRank } from '../../server/domain/map-clusters.ts';

const household = buildHouseholdStyle({
  dangerous: '危',
  structures: Object.fromEntries(STRUCTURES.map((s) => [s, s])) as never,
  overdue: '逾期',
  moveOut: '迁',
});
const patrol = buildPatrolStyle({ committee: '村委会' });
const ids = new Set<string>(Object.values(LAYER));
const sourceOf = (l: LayerSpecification) => ('source' in l ? l.source : null);
/** The global-state keys a layer's expressions read. */
const stateRead = (l: LayerSpecification) => [...JSON.stringify(l).matchAll(/\["global-state","(\w+)"\]/g)].map((m) => m[1]);

describe.each([
  ['household', household],
  ['patrol', patrol],
] as [string, StyleSpecification][])('the %s map style', (_, style) => {
  it('names every layer from LAYER, each once', () => {
    const layerIds = style.layers.map((l) => l.id);
    expect(layerIds.filter((id) => !ids.has(id))).toEqual([]);
    expect(new Set(layerIds).size).toBe(layerIds.length);
  });

  it('declares every source its layers draw and every state they read', () => {
    for (const l of style.layers) {
      const source = sourceOf(l);
      if (source !== null) expect(style.sources, l.id).toHaveProperty([source]);
      for (const key of stateRead(l)) expect(style.state, l.id).toHaveProperty([key!]);
    }
  });
});

describe('the patrol map style', () => {
  it('draws the basemap, place names and warnings with the very layers of the household map, in the same order', () => {
    const shared = patrol.layers.filter((l) => household.layers.some((h) => h.id === l.id));
    const inHousehold = household.layers.filter((h) => shared.some((l) => l.id === h.id));
    expect(shared).toEqual(inHousehold);
    expect(shared.map((l) => l.id)).toEqual(expect.arrayContaining([LAYER.land, LAYER.townshipLabels, LAYER.alertFill, LAYER.alertLabels]));
  });

  it('has no household layers and draws its own on top', () => {
    expect(patrol.layers.filter((l) => l.id.startsWith('household-'))).toEqual([]);
    expect(patrol.layers.at(-1)!.id).toBe(LAYER.me);
  });
});

describe('tasks at one village point', () => {
  it('are six markers for six tasks: each its own slot, drawn by its own layer, at least a marker apart', () => {
    const start: [number, number] = [108.66, 33.11];
    const tasks = [9, 4, 7, 1, 12, 3].map((id) => ({ id, start }));
    const slots = spiderSlots([...tasks, { id: 99, start: [108.7, 33.2] as [number, number] }]);
    const mine = tasks.map((t) => slots.get(t.id)!.slot);
    expect(new Set(mine).size).toBe(6);
    expect(slots.get(1)!.slot).toBe(0); // by id: a refresh keeps each marker where it was
    expect(slots.get(99)!.slot).toBe(0); // alone at its point: on it
    const at = mine.map((s) => SPIDER_OFFSETS[s]!);
    for (const [i, a] of at.entries()) for (const b of at.slice(i + 1)) expect(Math.hypot(a[0] - b[0], a[1] - b[1])).toBeGreaterThanOrEqual(14);
    for (const s of mine) {
      const layer = patrol.layers.find((l) => l.id === taskSlotLayer(s)) as any;
      expect(layer.filter).toEqual(['==', ['get', 'slot'], s]);
      expect(layer.paint['circle-translate']).toEqual(SPIDER_OFFSETS[s]);
    }
  });
});

describe('the household map by ledger stage (issue 11)', () => {
  const layer = (id: string) => household.layers.find((l) => l.id === id) as any;
  const json = (v: unknown) => JSON.stringify(v);

  it('colours houses by grade until the legend switches the global state to stage, with a colour for every state', () => {
    expect(STATE_DEFAULTS.colorBy).toBe('grade');
    expect(household.state).toHaveProperty([STATE.colorBy], { default: 'grade' });
    const color = layer(LAYER.houses).paint['circle-color'];
    expect(color[0]).toBe('case');
    expect(color[1]).toEqual(['==', ['global-state', STATE.colorBy], 'stage']);
    const [, , byStage, byGrade] = color;
    expect(byGrade[0]).toBe('match'); // the grade table, as before
    expect(json(byGrade)).toContain(GRADE_COLORS.D);
    expect(byStage.slice(0, 2)).toEqual(['match', ['coalesce', ['get', 'status'], 'monitoring']]);
    for (const s of LEDGER_STATES) expect(byStage).toEqual(expect.arrayContaining([s, LEDGER_STATE_COLORS[s]]));
    expect(new Set(Object.values(LEDGER_STATE_COLORS)).size).toBe(LEDGER_STATES.length);
  });

  it('rings a cluster by its most pressing stage in stage mode, and counts every case state in some group exactly once', () => {
    const stroke = layer(LAYER.clusters).paint['circle-stroke-color'];
    expect(stroke[1]).toEqual(['==', ['global-state', STATE.colorBy], 'stage']);
    const grouped = CLUSTER_STAGE_GROUPS.flatMap((g) => g.states);
    expect([...grouped].sort()).toEqual([...CASE_STATES, ...ENDED_STATES.filter((s) => s !== 'monitoring')].sort());
    // A cluster keeps its most pressing group as one rank (the max of its houses'); the ring's colour
    // is that group's, as the tiles' aggregates carry the same `stage`.
    const [reduce, ofHouse] = CLUSTER_PROPERTIES.stage as unknown as [string, unknown[]];
    expect(reduce).toBe('max');
    expect(ofHouse.slice(0, 2)).toEqual(['match', ['coalesce', ['get', 'status'], 'monitoring']]);
    expect(ofHouse.at(-1)).toBe(0);
    const ranked = ofHouse.slice(2, -1);
    const colourOf = stroke[2] as unknown[];
    expect(colourOf.slice(0, 2)).toEqual(['match', ['get', 'stage']]);
    for (const [i, g] of CLUSTER_STAGE_GROUPS.entries()) {
      const rank = CLUSTER_STAGE_GROUPS.length - i;
      expect(stageRank(g.key)).toBe(rank);
      expect(ranked[ranked.findIndex((x) => Array.isArray(x) && x.includes(g.states[0])) + 1]).toBe(rank);
      expect(ranked).toContainEqual([...g.states]);
      expect(colourOf[colourOf.indexOf(rank) + 1]).toBe(g.color);
    }
    expect(colourOf.at(-1)).toBe(LEDGER_STATE_COLORS.monitoring);
    expect(Object.keys(CLUSTER_PROPERTIES).sort()).toEqual(['cd', 'overdue', 'stage', 'worst']);
  });

  it('marks overdue houses with a red ring and the word at house level, and counts them on clusters', () => {
    const ring = layer(LAYER.overdue);
    expect(ring.filter).toEqual(['all', ['!', ['has', 'point_count']], ['to-boolean', ['get', 'overdue']]]);
    expect(ring.paint['circle-stroke-color']).toBe(OVERDUE_COLOR);
    const text = layer(LAYER.overdueText);
    expect(text.filter).toEqual(ring.filter);
    expect(text.layout['text-field']).toBe('逾期');
    expect(json(layer(LAYER.clusterCount).layout['text-field'])).toContain('逾期');
    // Under the houses (the ring surrounds them), the word above them.
    const order = household.layers.map((l) => l.id);
    expect(order.indexOf(LAYER.overdue)).toBeLessThan(order.indexOf(LAYER.houses));
    expect(order.indexOf(LAYER.overdueText)).toBeGreaterThan(order.indexOf(LAYER.houses));
  });

  it('puts a badge on houses people must still leave, opposite the suspected badge', () => {
    const badge = layer(LAYER.moveOut);
    expect(badge.filter).toEqual(['all', ['!', ['has', 'point_count']], ['to-boolean', ['get', 'mustMoveOut']]]);
    expect(badge.paint['circle-color']).toBe(MOVE_OUT_COLOR);
    expect(layer(LAYER.moveOutMark).layout['text-field']).toBe('迁');
    const suspect = layer(LAYER.suspected).paint['circle-translate'];
    const moveOut = badge.paint['circle-translate'];
    // Same zoom stops, mirrored offsets: the two badges never sit on each other.
    const offsets = (e: any[]) => e.slice(3).filter((_: unknown, i: number) => i % 2 === 1).map((l: any) => l[1]);
    expect(offsets(moveOut)).toEqual(offsets(suspect).map(([x, y]: [number, number]) => [-x, -y]));
  });
});

describe('the GeoJSON clusters’ values, evaluated as MapLibre’s worker folds them (issue 14)', () => {
  /** MapLibre's clusterProperties: each house through the map expression, then merged by the reduce one. */
  function cluster(houses: Record<string, unknown>[]): Record<string, unknown> {
    const keys = Object.keys(CLUSTER_PROPERTIES) as (keyof typeof CLUSTER_PROPERTIES)[];
    const compile = (e: unknown, at: string) => {
      const c = createExpression(e, `sources.households.clusterProperties.${at}`);
      if (c.result !== 'success') throw new Error(JSON.stringify(c.value));
      return c.value;
    };
    const map = Object.fromEntries(keys.map((k) => [k, compile(CLUSTER_PROPERTIES[k][1], `${k}[1]`)]));
    const reduce = Object.fromEntries(
      keys.map((k) => {
        const op = CLUSTER_PROPERTIES[k][0];
        return [k, compile(typeof op === 'string' ? [op, ['accumulated'], ['get', k]] : op, `${k}[0]`)];
      }),
    );
    const mapped = houses.map((properties) => Object.fromEntries(keys.map((k) => [k, map[k]!.evaluate({ zoom: 0 }, { properties } as never)])));
    return mapped.reduce((acc, props) => {
      for (const k of keys) acc[k] = reduce[k]!.evaluate({ zoom: 0, accumulated: acc[k] } as never, { properties: props } as never);
      return acc;
    });
  }

  it('keeps the worst grade (never appraised below A), the most pressing stage, and sums C + D and overdue', () => {
    expect(cluster([{ grade: 'A' }, { grade: null }, { grade: 'C', status: 'listed', overdue: true }, { grade: 'B', status: 'closed_out' }])).toEqual({
      worst: 'C',
      stage: stageRank('sWorks'),
      cd: 1,
      overdue: 1,
    });
    expect(cluster([{ grade: null }, { grade: null }])).toMatchObject({ worst: 'none', stage: 0, cd: 0 });
    expect(cluster([{ grade: null }, { grade: 'D', status: 'suspected' }, { grade: 'A' }, { grade: 'C', overdue: true }])).toEqual({
      worst: 'D',
      stage: stageRank('sSuspected'),
      cd: 2,
      overdue: 1,
    });
  });
});
