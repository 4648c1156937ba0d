import type { LayerSpecification, StyleSpecification } from 'maplibre-gl';
import { describe, expect, it } from 'vitest';
import { buildHouseholdStyle } from '../../client/map/household-style.ts';
import { LAYER } from '../../client/map/layers/ids.ts';
import { buildPatrolStyle } from '../../client/map/patrol-style.ts';
import { SPIDER_OFFSETS, spiderSlots, taskSlotLayer } from '../../client/map/layers/patrol.ts';
import { STRUCTURES } from '../../server/domain/housing.ts';

const household = buildHouseholdStyle({ dangerous: '危', structures: Object.fromEntries(STRUCTURES.map((s) => [s, s])) as never });
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
