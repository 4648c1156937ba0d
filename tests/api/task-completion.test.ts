// A patrol task is complete only when every stop has a result or a reason it was not visited
// (不在家 / 无法到达 / 其他 with a note): issue 9.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from './harness.ts';
import { patrolScene, type PatrolScene } from './patrol-scene.ts';

let t: ReturnType<typeof seededApp>;
let scene: PatrolScene;

beforeAll(async () => {
  t = seededApp(1500, 21);
  scene = await patrolScene(t, 'complete');
});
afterAll(() => t.close());

let n = 0;
const key = () => `complete-key-${++n}-abcdef`;
const report = (taskId: number, stopId: number, body: Record<string, unknown>) =>
  t.json(`/api/tasks/${taskId}/stops/${stopId}/result`, {
    method: 'POST',
    as: 'inspector',
    body: { observedAt: '2026-07-12T09:30:00+08:00', idempotencyKey: key(), ...body },
  });
const patch = (taskId: number, status: string, as: 'inspector' | 'township' = 'inspector') =>
  t.json(`/api/tasks/${taskId}`, { method: 'PATCH', as, body: { status } });

describe('completing a patrol task', () => {
  it('refuses completion while stops have neither a result nor a reason, naming how many', async () => {
    const { id, stops } = scene.mine;
    expect((await patch(id, 'in_progress')).status).toBe(200);
    const none = await patch(id, 'completed');
    expect(none.status).toBe(409);
    expect(none.body.error).toMatchObject({ code: 'stops_open', field: 'status' });
    expect(none.body.error.message).toMatch(/\b3\b/);
    expect((await t.json(`/api/tasks/${id}`, { as: 'inspector' })).body.task.status).toBe('in_progress');

    expect((await report(id, stops[0]!.id, { result: 'safe' })).status).toBe(201);
    const one = await patch(id, 'completed');
    expect(one.status).toBe(409);
    expect(one.body.error.message).toMatch(/\b2\b/);
  });

  it('takes a reason for not visiting instead of a result, validated', async () => {
    const { id, stops } = scene.mine;
    const stop = stops[1]!;
    for (const [body, field] of [
      [{ notVisited: { reason: 'other' } }, 'notVisited.note'],
      [{ notVisited: { reason: 'other', note: '   ' } }, 'notVisited.note'],
      [{ notVisited: { reason: 'on_holiday' } }, 'notVisited.reason'],
      [{ notVisited: { reason: 'not_home', extra: 1 } }, 'notVisited.extra'],
      [{ result: 'safe', notVisited: { reason: 'not_home' } }, 'notVisited'],
      [{}, 'result'],
      [{ notVisited: { reason: 'not_home' }, hazards: ['wall_crack'] }, 'hazards'],
    ] as const) {
      const res = await report(id, stop.id, body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.error.field, JSON.stringify(body)).toBe(field);
    }
    expect(t.db.prepare('SELECT result, not_visited_reason FROM patrol_stops WHERE id = ?').get(stop.id)).toEqual({ result: null, not_visited_reason: null });

    const houseBefore = t.db.prepare('SELECT status FROM houses WHERE id = (SELECT house_id FROM patrol_stops WHERE id = ?)').get(stop.id);
    const ok = await report(id, stop.id, { notVisited: { reason: 'not_home' }, notes: '邻居说全家外出务工' });
    expect(ok.status).toBe(201);
    expect(ok.body.stop).toMatchObject({ result: null, notVisited: { reason: 'not_home', note: null } });
    expect(ok.body.task).toMatchObject({ status: 'in_progress', doneCount: 1, notVisitedCount: 1, stopCount: 3 });
    // Not visiting changes nothing about the house.
    expect(t.db.prepare('SELECT status FROM houses WHERE id = (SELECT house_id FROM patrol_stops WHERE id = ?)').get(stop.id)).toEqual(houseBefore);
    const audit = t.db.prepare("SELECT after_json FROM audit_log WHERE action = 'patrol.report' AND entity_id = ?").get(String(stop.id)) as { after_json: string };
    expect(JSON.parse(audit.after_json).notVisited).toEqual({ reason: 'not_home', note: null });
  });

  it('completes once the last stop is accounted for, a visit later replaces the reason, and a task sent back completes by hand', async () => {
    const { id, stops } = scene.mine;
    const last = await report(id, stops[2]!.id, { notVisited: { reason: 'other', note: '道路塌方，改日再去' } });
    expect(last.status).toBe(201);
    expect(last.body.stop.notVisited).toEqual({ reason: 'other', note: '道路塌方，改日再去' });
    expect(last.body.task.status).toBe('completed');

    // Sent back by the township, the inspector visits after all.
    expect((await patch(id, 'in_progress', 'township')).status).toBe(200);
    const visited = await report(id, stops[2]!.id, { result: 'hazard', hazards: ['wall_crack'] });
    expect(visited.status).toBe(201);
    expect(visited.body.stop).toMatchObject({ result: 'hazard', notVisited: null });
    expect(visited.body.task).toMatchObject({ status: 'completed', doneCount: 2, notVisitedCount: 1 });
    // Every stop accounted for: a task sent back can be completed again by hand.
    expect((await patch(id, 'in_progress', 'township')).status).toBe(200);
    const done = await patch(id, 'completed');
    expect(done.status).toBe(200);
    expect(done.body.task.status).toBe('completed');
  });
});
