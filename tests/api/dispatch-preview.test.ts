// Dispatch preview (issue 10 §3) and patrols that weigh risk and load (§4), through the real app.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { budgetMinutes, DEFAULT_PACE } from '../../server/domain/patrol-pace.ts';
import { RISK_BANDS, riskBand } from '../../server/domain/risk-bands.ts';
import { seededApp } from './harness.ts';

let t: ReturnType<typeof seededApp>;
let countyBox: number[];
const BANDS = RISK_BANDS.map((b) => b.band) as string[];

const square = ([x0, y0, x1, y1]: number[]) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

beforeAll(async () => {
  t = seededApp(4000, 41);
  seedDemoInspectors(t.db);
  countyBox = await t.countyBox();
});
afterAll(() => t.close());

async function createAlert(level: string, extra: Record<string, unknown> = {}) {
  const res = await t.json('/api/alerts', {
    method: 'POST',
    body: {
      type: 'rainstorm',
      level,
      headline: `暴雨${level}预警（预览测试）`,
      effectiveAt: new Date(Date.now() - 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      geometry: square(countyBox),
      ...extra,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.id ?? res.body.alert?.id) as number;
}

const count = (table: string) => (t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

describe('POST /api/alerts/:id/dispatch/preview', () => {
  it('shows exactly the tasks the dispatch then creates — villages, parts, stops, who goes — and writes nothing', async () => {
    const id = await createAlert('orange');
    await t.json('/api/auth/me', { as: 'staff' }); // signed in (an audited event) before counting
    const before = [count('patrol_tasks'), count('patrol_stops'), count('audit_log')];
    const preview = await t.json(`/api/alerts/${id}/dispatch/preview`, { method: 'POST', as: 'staff' });
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect([count('patrol_tasks'), count('patrol_stops'), count('audit_log')]).toEqual(before);
    const p = preview.body;
    expect(p.rule).toMatchObject({ alertType: 'rainstorm', level: 'orange', dueHours: 2 });
    expect(p.budgetMinutes).toBe(120);
    expect(p.totals.houses).toBe(p.selected);
    for (const v of p.villages) {
      expect(Object.values(v.byGrade as Record<string, number>).reduce((a, b) => a + b, 0)).toBe(v.houses);
      for (const task of v.tasks) {
        if (task.assignee) expect(task.assignee.trainedUntil >= new Date().toISOString().slice(0, 10)).toBe(true);
        else expect(['no_capacity', 'no_one_trained']).toContain(task.unassignedReason);
      }
    }

    const done = await t.json(`/api/alerts/${id}/dispatch`, { method: 'POST', as: 'staff' });
    expect(done.status).toBe(201);
    const shape = (tasks: { villageCode: string; part: number; stops: number; assigneeId: number | null }[]) =>
      tasks.map((x) => `${x.villageCode}/${x.part}/${x.stops}/${x.assigneeId}`).sort();
    const previewed = p.villages.flatMap((v: any) => v.tasks.map((x: any) => ({ villageCode: v.villageCode, part: x.part, stops: x.stops, assigneeId: x.assignee?.id ?? null })));
    const created = done.body.tasks.map((x: any) => ({ villageCode: x.villageCode, part: x.part, stops: x.stopCount, assigneeId: x.assignee?.id ?? null }));
    expect(shape(created)).toEqual(shape(previewed));

    // Confirmed: a second preview has nothing new to plan.
    const again = (await t.json(`/api/alerts/${id}/dispatch/preview`, { method: 'POST', as: 'staff' })).body;
    expect(again.totals).toMatchObject({ houses: 0, tasks: 0 });
    expect(again.already).toBe(p.selected);
  });

  it('answers 404 for an unknown alert and 409 for a cancelled one, naming the id', async () => {
    const missing = await t.json('/api/alerts/999999/dispatch/preview', { method: 'POST', as: 'staff' });
    expect(missing.status).toBe(404);
    expect(missing.body.error.field).toBe('id');
    const id = await createAlert('blue');
    expect((await t.json(`/api/alerts/${id}`, { method: 'PATCH', body: { status: 'cancelled' } })).status).toBe(200);
    const cancelled = await t.json(`/api/alerts/${id}/dispatch/preview`, { method: 'POST', as: 'staff' });
    expect(cancelled.status).toBe(409);
    expect(cancelled.body.error).toMatchObject({ code: 'alert_not_active', field: 'id' });
  });
});

describe('patrols that weigh risk and load', () => {
  let alertId: number;
  let tasks: any[];
  beforeAll(async () => {
    alertId = await createAlert('red');
    const res = await t.json(`/api/alerts/${alertId}/dispatch`, { method: 'POST', as: 'county' });
    expect(res.status).toBe(201);
    tasks = res.body.tasks;
  });

  it('visits each village’s riskiest house first on its first task, bands in order, and shows the risk on every stop', async () => {
    const exposure = (await t.json(`/api/alerts/${alertId}/exposure?limit=100000`)).body.households as { id: number; risk: number; villageCode: string }[];
    const villages = [...new Set(tasks.map((x) => x.villageCode as string))];
    for (const village of villages) {
      const first = tasks.filter((x) => x.villageCode === village).sort((a, b) => a.part - b.part)[0];
      const { stops } = (await t.json(`/api/tasks/${first.id}`)).body;
      const dispatched = new Set((t.db.prepare('SELECT household_id AS id FROM patrol_stops WHERE batch_key = ?').all(`alert:${alertId}`) as { id: number }[]).map((r) => r.id));
      const top = exposure.filter((h) => h.villageCode === village && dispatched.has(h.id)).reduce((a, b) => (b.risk > a.risk ? b : a));
      expect(stops[0].householdId, `village ${village}`).toBe(top.id);
      expect(stops.every((s: any) => typeof s.risk === 'number' && s.riskBand === riskBand(s.risk))).toBe(true);
      const bands = stops.map((s: any) => BANDS.indexOf(s.riskBand));
      expect(bands).toEqual([...bands].sort((a: number, b: number) => a - b));
    }
    expect(villages.length).toBeGreaterThan(20);
  });

  it('gives nobody more than they can do before the due time, and marks what nobody can take', () => {
    const budget = budgetMinutes(2 * 3600_000, DEFAULT_PACE);
    const perPerson = new Map<number, number>();
    for (const task of tasks) if (task.assignee) perPerson.set(task.assignee.id, (perPerson.get(task.assignee.id) ?? 0) + task.estimatedMinutes);
    expect(perPerson.size).toBeGreaterThan(0);
    for (const minutes of perPerson.values()) expect(minutes).toBeLessThanOrEqual(budget + 1);
    const unassigned = tasks.filter((x) => !x.assignee);
    expect(unassigned.length).toBeGreaterThan(0); // a red rainstorm over the whole county: 2 hours is not enough
    expect(unassigned.every((x) => x.unassignedReason === 'no_capacity' || x.unassignedReason === 'no_one_trained')).toBe(true);
    // A village larger than one person's two hours went to more than one person, or is flagged.
    const big = [...new Set(tasks.map((x) => x.villageCode))].filter((v) => tasks.filter((x) => x.villageCode === v).length > 1);
    expect(big.length).toBeGreaterThan(0);
  });

  it('lists who may take a task instead — trained, of the township, with their load — and accepts a neighbouring village’s inspector', async () => {
    const task = tasks.find((x) => x.villageCode === (t.db.prepare("SELECT region_code FROM users WHERE username = 'inspector'").get() as { region_code: string }).region_code) ?? tasks[0];
    const res = await t.json(`/api/tasks/${task.id}/candidates`, { as: 'county' });
    expect(res.status).toBe(200);
    const list = res.body.candidates as any[];
    expect(list.length).toBeGreaterThan(1);
    const today = new Date().toISOString().slice(0, 10);
    expect(list.every((c) => c.trainedUntil >= today && typeof c.loadMinutes === 'number' && typeof c.openStops === 'number')).toBe(true);
    const lapsed = t.db.prepare("SELECT u.id FROM users u JOIN trainings tr ON tr.user_id = u.id WHERE tr.valid_until < '2025-01-01'").all() as { id: number }[];
    expect(list.some((c) => lapsed.some((l) => l.id === c.id))).toBe(false);
    const neighbour = list.find((c) => c.role === 'inspector' && !c.ownVillage);
    expect(neighbour).toBeDefined();
    const moved = await t.json(`/api/tasks/${task.id}`, { method: 'PATCH', as: 'county', body: { assigneeId: neighbour.id } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    expect(moved.body.task.assignee.id).toBe(neighbour.id);
    expect(moved.body.task.unassignedReason).toBeNull();
    expect((await t.json(`/api/tasks/${task.id}/candidates`, { as: 'viewer' })).status).toBe(403);
    expect((await t.json('/api/tasks/999999/candidates', { as: 'county' })).status).toBe(404);
  });

  it('names the warning and its instruction on each of its tasks', async () => {
    const id = await createAlert('yellow', { instruction: '请立即转移危房内人员' });
    const res = await t.json(`/api/alerts/${id}/dispatch`, { method: 'POST', as: 'county' });
    const task = res.body.tasks[0];
    expect(task.alert).toMatchObject({ id, level: 'yellow', type: 'rainstorm', instruction: '请立即转移危房内人员' });
  });
});
