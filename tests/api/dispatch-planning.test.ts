// Routes planned on the worker pool, written on the main thread: a re-plan keeps visited stops in
// place, and a plan made while someone else wrote the same batch is thrown away, not written twice.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../server/db/connection.ts';
import { dispatchBatch, type DispatchBatch } from '../../server/db/dispatch.ts';
import { listHouseSites } from '../../server/db/households.ts';
import { planDispatch, type DispatchPlanInput } from '../../server/domain/patrol-plan.ts';
import type { PatrolPace } from '../../server/domain/patrol-pace.ts';
import { tourLength } from '../../server/domain/routing.ts';
import { seededApp } from './harness.ts';

// Time is no limit at this pace, so tasks are cut by MAX_STOPS_PER_TASK alone: these tests are about
// re-planning and races, not capacity (tests/unit/patrol-capacity.test.ts).
const FAST: PatrolPace = { speedKmh: 1000, minutesPerStop: 0.01, shiftHours: 8 };
const t = seededApp(4000, 23, { workers: { threads: 1 }, pace: FAST });
let village: number[]; // the households of the largest village: more than one task's worth
beforeAll(() => {
  const { village_code } = t.db
    .prepare('SELECT village_code FROM households GROUP BY village_code ORDER BY count(*) DESC, village_code LIMIT 1')
    .get() as { village_code: string };
  village = (t.db.prepare('SELECT id FROM households WHERE village_code = ? ORDER BY id').all(village_code) as { id: number }[]).map((r) => r.id);
});
afterAll(() => t.close());

describe('POST /api/tasks/:id/reorder', () => {
  it('re-plans the stops not yet visited after the visited ones, and stores the round length', async () => {
    const res = await t.json('/api/dispatch/manual', { method: 'POST', as: 'county', body: { householdIds: village.slice(0, 30), dueHours: 6, idempotencyKey: 'reorder-0001' } });
    expect(res.status).toBe(201);
    const task = res.body.tasks[0];
    const before = (await t.json(`/api/tasks/${task.id}`)).body.stops as { id: number; houseId: number; lon: number; lat: number }[];
    const visited = [before[7]!, before[19]!];
    for (const [i, stop] of visited.entries()) {
      const report = { result: 'safe', observedAt: new Date().toISOString(), idempotencyKey: `reorder-visit-${i}-abcdef` };
      expect((await t.json(`/api/tasks/${task.id}/stops/${stop.id}/result`, { method: 'POST', as: 'county', body: report })).status).toBe(201);
    }

    const reordered = await t.json(`/api/tasks/${task.id}/reorder`, { method: 'POST', as: 'staff' });
    expect(reordered.status).toBe(200);
    const stops = reordered.body.stops as { id: number; seq: number; result: string | null; lon: number; lat: number }[];
    expect(stops.slice(0, 2).map((s) => s.id)).toEqual(visited.map((s) => s.id));
    expect(stops.map((s) => s.seq)).toEqual(stops.map((_, i) => i + 1));
    expect(stops.map((s) => s.id).sort((a, b) => a - b)).toEqual(before.map((s) => s.id).sort((a, b) => a - b));
    const start = reordered.body.task.start as [number, number];
    const round: [number, number][] = [start, ...stops.map((s) => [s.lon, s.lat] as [number, number])];
    expect(reordered.body.task.routeLengthM).toBeCloseTo(tourLength(round, round.map((_, i) => i), { metric: 'haversine', closed: true }), 3);
  });
});

describe('dispatch planned off the main thread', () => {
  it('throws a plan away when another connection wrote the batch meanwhile, and plans again', async () => {
    const other = openDatabase(t.dbPath);
    try {
      const county = t.db.prepare("SELECT code FROM regions WHERE level = 'county'").get() as { code: string };
      const candidates = listHouseSites(t.db, { scope: { code: county.code, level: 'county' }, ids: village }).map((s) => ({ ...s, risk: null }));
      expect(candidates).toHaveLength(village.length);
      expect(village.length).toBeGreaterThan(40);
      const batch: DispatchBatch = { batchKey: 'manual:race-0001', alertId: null, dueAt: new Date(Date.now() + 3600_000).toISOString(), createdBy: 1, candidates, now: new Date(), pace: FAST };
      const planned: DispatchPlanInput[] = [];
      let rival: Awaited<ReturnType<typeof dispatchBatch>> | undefined;
      // While this call "plans", a second server process dispatches the same batch to the end.
      const mine = await dispatchBatch(t.db, batch, async (input) => {
        planned.push(input);
        rival ??= await dispatchBatch(other, batch, async (v) => planDispatch(v));
        return planDispatch(input);
      });

      expect(rival!.addedStops).toBe(village.length);
      expect(rival!.created.length).toBe(Math.ceil(village.length / 40));
      // The stale plan was not written; read again, nothing was left to plan.
      expect(mine).toEqual({ created: [], extended: [], addedStops: 0 });
      expect(planned).toHaveLength(1);
      const tasks = t.db
        .prepare("SELECT t.id, (SELECT count(*) FROM patrol_stops s WHERE s.task_id = t.id) AS n FROM patrol_tasks t WHERE t.batch_key = 'manual:race-0001'")
        .all() as { id: number; n: number }[];
      expect(tasks.map((x) => x.id).sort()).toEqual([...rival!.created].sort());
      expect(tasks.every((x) => x.n > 0)).toBe(true);
    } finally {
      other.close();
    }
  });
});
