import { booleanPointInPolygon } from '@turf/turf';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { defaultDispatchRules, selectsHouse } from '../../server/domain/dispatch-rules.ts';
import { startServer } from '../../server/main.ts';
import { seededApp } from './harness.ts';

let t: ReturnType<typeof seededApp>;
let countyBox: [number, number, number, number];

const square = ([x0, y0, x1, y1]: number[]) => ({
  type: 'Polygon',
  coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]],
});

beforeAll(async () => {
  t = seededApp(2500, 31);
  seedDemoInspectors(t.db);
  countyBox = await t.countyBox();
});
afterAll(() => t.close());

async function createAlert(level: string, box: number[], type = 'rainstorm') {
  const res = await t.json('/api/alerts', {
    method: 'POST',
    body: {
      type,
      level,
      headline: `暴雨${level}预警（测试）`,
      effectiveAt: new Date(Date.now() - 60_000).toISOString(),
      expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(),
      geometry: square(box),
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return (res.body.id ?? res.body.alert?.id) as number;
}

describe('POST /api/alerts/:id/dispatch', () => {
  it('covers every house the red-rainstorm rule selects in the zone, exactly once, one task set per village', async () => {
    const [x0, y0, x1, y1] = countyBox;
    const half = [x0, y0, (x0 + x1) / 2, y1];
    const id = await createAlert('red', half);
    const res = await t.json(`/api/alerts/${id}/dispatch`, { method: 'POST', as: 'county' });
    expect(res.status).toBe(201);

    // Independent answer: every household from the list API, inside the square, that the rule selects.
    const rule = defaultDispatchRules().find((r) => r.alertType === 'rainstorm' && r.level === 'red')!;
    const zone = { type: 'Feature', properties: {}, geometry: square(half) } as any;
    const all = (await t.json('/api/households')).body.features as any[];
    const expected = all
      .filter((f) => booleanPointInPolygon(f.geometry.coordinates, zone))
      .filter((f) => selectsHouse(rule, { grade: f.properties.grade, structure: f.properties.structure, key: f.properties.key }))
      .map((f) => f.id)
      .sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(50);
    const stops = t.db.prepare(`SELECT household_id FROM patrol_stops WHERE batch_key = ?`).all(`alert:${id}`) as { household_id: number }[];
    expect(stops.map((s) => s.household_id).sort((a, b) => a - b)).toEqual(expected);
    expect(res.body.selected).toBe(expected.length);

    const tasks = res.body.tasks as any[];
    const villages = new Set(all.filter((f) => expected.includes(f.id)).map((f) => f.properties.regionCode));
    expect(new Set(tasks.map((tk) => tk.villageCode))).toEqual(villages);
    expect(tasks.every((tk) => tk.stopCount <= 40 && tk.stopCount > 0)).toBe(true);
    const due = Date.parse(tasks[0].dueAt) - Date.now();
    expect(due).toBeGreaterThan(1.9 * 3600_000);
    expect(due).toBeLessThanOrEqual(2 * 3600_000);
  });

  it('leaves exactly one set of tasks after 20 concurrent calls over real HTTP', async () => {
    const id = await createAlert('orange', countyBox);
    const server = await startServer({ dbPath: t.dbPath, port: 0, host: '127.0.0.1', clientDist: '/nonexistent' });
    try {
      const login = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'staff', password: 'anju2026' }),
      });
      const cookie = login.headers.get('set-cookie')!.split(';')[0]!;
      const { csrfToken } = (await login.json()) as { csrfToken: string };
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          fetch(`${server.url}/api/alerts/${id}/dispatch`, { method: 'POST', headers: { cookie, 'x-csrf-token': csrfToken } }),
        ),
      );
      const statuses = answers.map((a) => a.status);
      expect(statuses.filter((s) => s === 201)).toHaveLength(1);
      expect(statuses.filter((s) => s === 200)).toHaveLength(19);
      const bodies = (await Promise.all(answers.map((a) => a.json()))) as any[];
      const taskSets = new Set(bodies.map((b) => b.tasks.map((tk: any) => tk.id).sort().join(',')));
      expect(taskSets.size).toBe(1);
    } finally {
      await server.close();
    }
    const dupes = t.db
      .prepare('SELECT house_id, count(*) AS n FROM patrol_stops WHERE batch_key = ? GROUP BY house_id HAVING n > 1')
      .all(`alert:${id}`);
    expect(dupes).toEqual([]);
  });

  it('adds only the newly selected houses when the selection grows, and reports coverage', async () => {
    const id = await createAlert('yellow', countyBox);
    const first = await t.json(`/api/alerts/${id}/dispatch`, { method: 'POST', as: 'county' });
    const before = (t.db.prepare('SELECT count(*) AS n FROM patrol_stops WHERE batch_key = ?').get(`alert:${id}`) as { n: number }).n;
    expect(before).toBe(first.body.selected);
    // The county widens the yellow rule to every adobe house: a second dispatch adds those, nothing else.
    const rule = defaultDispatchRules().find((r) => r.alertType === 'rainstorm' && r.level === 'yellow')!;
    const put = await t.json('/api/dispatch-rules', { method: 'PUT', body: { ...rule, structures: ['adobe'] } });
    expect(put.status).toBe(200);
    const second = await t.json(`/api/alerts/${id}/dispatch`, { method: 'POST', as: 'county' });
    expect(second.body.addedStops).toBe(second.body.selected - before);
    expect(second.body.addedStops).toBeGreaterThan(0);
    const after = (t.db.prepare('SELECT count(*) AS n FROM patrol_stops WHERE batch_key = ?').get(`alert:${id}`) as { n: number }).n;
    expect(after).toBe(second.body.selected);

    const coverage = (await t.json(`/api/alerts/${id}/coverage`, { as: 'leader' })).body;
    expect(coverage.selected).toBeGreaterThan(0);
    expect(coverage.patrolled + coverage.pending).toBe(coverage.selected);
  });

  it('refuses to dispatch a cancelled alert, or for a role that may not', async () => {
    const id = await createAlert('red', countyBox);
    expect((await t.json(`/api/alerts/${id}/dispatch`, { method: 'POST', as: 'leader' })).status).toBe(403);
    expect((await t.json(`/api/alerts/${id}`, { method: 'PATCH', body: { status: 'cancelled' } })).status).toBe(200);
    const res = await t.json(`/api/alerts/${id}/dispatch`, { method: 'POST' });
    expect(res.status).toBe(409);
    expect(res.body.error.code).toBe('alert_not_active');
    expect((await t.json('/api/alerts/99999/dispatch', { method: 'POST' })).status).toBe(404);
  });
});
