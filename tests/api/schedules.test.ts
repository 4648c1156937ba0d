// The two inspection schedules through the dispatch machinery (issue 11 "Schedules"): the quarterly
// revisit of adobe, earth-wood and brick-wood key houses (seed 003) and the March–April campaign
// (seed 001) — one batch per period, idempotent even when requests race, within the caller's
// jurisdiction, handed to trained inspectors, and told apart from alert patrols by their kind.
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../server/db/connection.ts';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { seededApp } from './harness.ts';

// Monday 30 November 2026, noon in Beijing: the fourth quarter; the next campaign is 2027's.
let clock = Date.parse('2026-11-30T04:00:00Z');
let t: ReturnType<typeof seededApp>;
let township: string;

const QUARTERLY = ['adobe', 'earth_wood', 'brick_wood'];
// An hour at each house: a village's key houses take more than one shift, so the scheduled load is real.
const SLOW = { speedKmh: 4, minutesPerStop: 60, shiftHours: 8 };

beforeAll(async () => {
  t = seededApp(2000, 14, { now: () => clock, pace: SLOW });
  seedDemoInspectors(t.db);
  township = (await t.json('/api/auth/me', { as: 'township' })).body.user.region.code;
});
afterAll(() => t.close());

const taskCount = () => (t.db.prepare('SELECT count(*) AS n FROM patrol_tasks').get() as { n: number }).n;
const batchHouses = (batchKey: string) =>
  (t.db.prepare('SELECT household_id FROM patrol_stops WHERE batch_key = ? ORDER BY household_id').all(batchKey) as { household_id: number }[]).map((r) => r.household_id);

/** The households a schedule covers, from the household list API (an independent reading of the rule). */
async function expectedHouseholds(query: string, as: 'county' | 'township' = 'county'): Promise<number[]> {
  const fc = (await t.json(`/api/households?${query}`, { as })).body;
  return (fc.features as any[])
    .filter((f) => !['demolished', 'closed'].includes(f.properties.status))
    .map((f) => f.id as number)
    .sort((a, b) => a - b);
}

describe('GET /api/schedules', () => {
  it('names the current quarter and the campaign not yet over, with the houses they cover in the caller’s jurisdiction', async () => {
    const county = await t.json('/api/schedules', { as: 'viewer' });
    expect(county.status).toBe(200);
    expect(county.body).toMatchObject({
      today: '2026-11-30',
      quarterly: { period: '2026Q4', from: '2026-10-01', dueOn: '2026-12-31', next: '2027Q1', batchKey: 'quarterly:2026Q4', dispatched: false, tasks: 0 },
      campaign: { year: 2027, from: '2027-03-01', dueOn: '2027-04-30', inWindow: false, batchKey: 'campaign:2027', dispatched: false },
    });
    expect(county.body.quarterly.selected).toBe((await expectedHouseholds(`key=true&structure=${QUARTERLY.join(',')}`)).length);
    expect(county.body.campaign.selected).toBe((await expectedHouseholds('')).length);

    const mine = await t.json('/api/schedules', { as: 'township' });
    const inTownship = await expectedHouseholds(`key=true&structure=${QUARTERLY.join(',')}&region=${township}`);
    expect(inTownship.length).toBeGreaterThan(5);
    expect(mine.body.quarterly.selected).toBe(inTownship.length);
    expect(mine.body.quarterly.selected).toBeLessThan(county.body.quarterly.selected);
  });
});

describe('POST /api/schedules/quarterly/dispatch', () => {
  it('refuses a period that is not a quarter, is over or is too far ahead — 400 naming period, nothing written', async () => {
    const before = taskCount();
    for (const [period, code] of [
      ['2026Q5', 'invalid_input'],
      ['2026-Q4', 'invalid_input'],
      ['2026Q3', 'period_past'],
      ['2027Q2', 'period_too_early'],
    ]) {
      const res = await t.json('/api/schedules/quarterly/dispatch', { method: 'POST', as: 'township', body: { period } });
      expect([res.status, res.body.error.code, res.body.error.field], period).toEqual([400, code, 'period']);
    }
    const missing = await t.json('/api/schedules/quarterly/dispatch', { method: 'POST', as: 'township', body: {} });
    expect([missing.status, missing.body.error.field]).toEqual([400, 'period']);
    const preview = await t.json('/api/schedules/quarterly/dispatch/preview', { method: 'POST', as: 'township', body: { period: '2026Q5' } });
    expect([preview.status, preview.body.error.field]).toEqual([400, 'period']);
    expect(taskCount()).toBe(before);
  });

  it('previews without writing, then dispatches the township’s fragile key houses once, as quarterly tasks due on 31 December', async () => {
    const expected = await expectedHouseholds(`key=true&structure=${QUARTERLY.join(',')}&region=${township}`);
    const before = taskCount();
    const preview = await t.json('/api/schedules/quarterly/dispatch/preview', { method: 'POST', as: 'township', body: { period: '2026Q4' } });
    expect(preview.status).toBe(200);
    expect(preview.body).toMatchObject({ kind: 'quarterly', period: '2026Q4', batchKey: 'quarterly:2026Q4', selected: expected.length, already: 0 });
    expect(preview.body.totals.houses).toBe(expected.length);
    expect(taskCount()).toBe(before);

    const res = await t.json('/api/schedules/quarterly/dispatch', { method: 'POST', as: 'township', body: { period: '2026Q4' } });
    expect(res.status, JSON.stringify(res.body.error)).toBe(201);
    expect(res.body).toMatchObject({ kind: 'quarterly', period: '2026Q4', batchKey: 'quarterly:2026Q4', selected: expected.length, addedStops: expected.length });
    // The quarter's last day, to its end in Beijing.
    expect(res.body.dueAt).toBe('2026-12-31T15:59:59.999Z');
    expect(batchHouses('quarterly:2026Q4')).toEqual(expected);
    const tasks = res.body.tasks as any[];
    expect(tasks.length).toBe(res.body.created.length);
    expect(tasks.every((x) => x.kind === 'quarterly' && x.alertId === null && x.townshipCode === township)).toBe(true);
    // The preview showed what was made (the planner is deterministic).
    expect(tasks.length).toBe(preview.body.totals.tasks);
    // Trained inspectors of the township get them, as with an alert; a task of nobody says why.
    const trained = new Set((await t.json('/api/trainings', { as: 'county' })).body.trainings.filter((r: any) => !r.validUntil || r.validUntil >= '2026-11-30').map((r: any) => r.userId));
    for (const task of tasks) {
      if (task.assignee) expect(trained.has(task.assignee.id), `task ${task.id}`).toBe(true);
      else expect(['no_one_trained', 'no_capacity']).toContain(task.unassignedReason);
    }
    // Spread over the weeks to 31 December, the village's own inspectors take their key houses.
    expect(tasks.filter((x) => x.assignee).length).toBeGreaterThan(tasks.length / 2);
    // An hour a house: no task is longer than one shift.
    expect(tasks.every((x) => x.estimatedMinutes <= 8 * 60 || x.stopCount === 1)).toBe(true);
  });

  it('answers a repeat with 200 and the same tasks, and the county’s dispatch adds only the other townships', async () => {
    const first = (await t.json('/api/tasks?kind=quarterly', { as: 'township' })).body.tasks.map((x: any) => x.id).sort();
    const again = await t.json('/api/schedules/quarterly/dispatch', { method: 'POST', as: 'township', body: { period: '2026Q4' } });
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ created: [], extended: [], addedStops: 0 });
    expect(again.body.tasks.map((x: any) => x.id).sort()).toEqual(first);

    const county = await t.json('/api/schedules/quarterly/dispatch', { method: 'POST', as: 'staff', body: { period: '2026Q4' } });
    expect(county.status).toBe(201);
    const all = await expectedHouseholds(`key=true&structure=${QUARTERLY.join(',')}`);
    expect(batchHouses('quarterly:2026Q4')).toEqual(all);
    const made = (county.body.tasks as any[]).filter((x) => county.body.created.includes(x.id));
    expect(made.length).toBeGreaterThan(0);
    expect(made.every((x) => x.townshipCode !== township)).toBe(true);
    // One batch for the period: the township's tasks are the same ones, untouched.
    expect((await t.json('/api/tasks?kind=quarterly', { as: 'township' })).body.tasks.map((x: any) => x.id).sort()).toEqual(first);

    const standing = (await t.json('/api/schedules', { as: 'township' })).body.quarterly;
    expect(standing).toMatchObject({ dispatched: true, tasks: first.length, done: 0 });
    expect(standing.stops).toBe(standing.open);
  });
});

describe('POST /api/schedules/campaign/dispatch', () => {
  it('refuses a campaign that is over or not the next one — 400 naming year', async () => {
    const before = taskCount();
    for (const [year, code] of [
      [2026, 'year_past'],
      [2028, 'year_too_early'],
    ] as const) {
      const res = await t.json('/api/schedules/campaign/dispatch', { method: 'POST', as: 'county', body: { year } });
      expect([res.status, res.body.error.code, res.body.error.field], String(year)).toEqual([400, code, 'year']);
    }
    const bad = await t.json('/api/schedules/campaign/dispatch', { method: 'POST', as: 'county', body: { year: '2027' } });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'year']);
    expect(taskCount()).toBe(before);
  });

  it('dispatches every monitored house of the township once, however many requests race, due 30 April', async () => {
    const expected = await expectedHouseholds(`region=${township}`);
    const results = await Promise.all(
      Array.from({ length: 8 }, () => t.json('/api/schedules/campaign/dispatch', { method: 'POST', as: 'township', body: { year: 2027 } })),
    );
    expect(results.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 200, 200, 201]);
    expect(batchHouses('campaign:2027')).toEqual(expected);
    const ids = results.map((r) => (r.body.tasks as any[]).map((x) => x.id).sort((a, b) => a - b));
    expect(new Set(ids.map((x) => JSON.stringify(x))).size).toBe(1);
    expect(results[0]!.body.dueAt).toBe('2027-04-30T15:59:59.999Z');
    expect((results[0]!.body.tasks as any[]).every((x) => x.kind === 'campaign')).toBe(true);
    // Houses on a task of this batch: each exactly once.
    const dup = t.db.prepare("SELECT house_id FROM patrol_stops WHERE batch_key = 'campaign:2027' GROUP BY house_id HAVING count(*) > 1").all();
    expect(dup).toEqual([]);
  });
});

describe('kinds on the board API', () => {
  it('tells alert, manual, quarterly and campaign tasks apart and filters by kind; a bad kind is 400', async () => {
    const village = (await t.json('/api/auth/me', { as: 'inspector' })).body.user.region.code;
    const houses = (await t.json(`/api/households?region=${village}&limit=3`, { as: 'township' })).body.features.map((f: any) => f.id);
    const manual = await t.json('/api/dispatch/manual', { method: 'POST', as: 'township', body: { householdIds: houses, dueHours: 6, idempotencyKey: 'sched-manual-01' } });
    expect(manual.status).toBe(201);
    expect(manual.body.tasks[0].kind).toBe('manual');

    const all = (await t.json('/api/tasks', { as: 'township' })).body.tasks as any[];
    expect(new Set(all.map((x) => x.kind))).toEqual(new Set(['manual', 'quarterly', 'campaign']));
    const scheduled = (await t.json('/api/tasks?kind=quarterly,campaign', { as: 'township' })).body.tasks as any[];
    expect(scheduled.length).toBe(all.filter((x) => x.kind !== 'manual').length);
    expect(scheduled.every((x) => x.kind === 'quarterly' || x.kind === 'campaign')).toBe(true);
    const bad = await t.json('/api/tasks?kind=weekly', { as: 'township' });
    expect([bad.status, bad.body.error.field]).toEqual([400, 'kind']);
  });

  it('does not count scheduled rounds as load when a lasso (or an alert) patrol is handed out', async () => {
    // The village's inspectors each carry more than a shift of scheduled houses (an hour each)…
    const village = (await t.json('/api/auth/me', { as: 'inspector' })).body.user.region.code;
    const own = new Set(['inspector', `insp-${village}`]);
    const scheduled = (await t.json('/api/tasks?kind=quarterly,campaign', { as: 'township' })).body.tasks as any[];
    for (const username of own) {
      const minutes = scheduled.filter((x) => x.assignee?.username === username).reduce((n, x) => n + x.estimatedMinutes, 0);
      expect(minutes, username).toBeGreaterThan(8 * 60);
    }
    // …yet a lasso of three of their village's houses, due in 6 hours, still goes to one of them.
    const houses = (await t.json(`/api/households?region=${village}&limit=6`, { as: 'township' })).body.features.slice(3, 6).map((f: any) => f.id);
    const res = await t.json('/api/dispatch/manual', { method: 'POST', as: 'township', body: { householdIds: houses, dueHours: 6, idempotencyKey: 'sched-manual-02' } });
    expect(res.status).toBe(201);
    const task = (res.body.tasks as any[]).find((x) => res.body.created.includes(x.id));
    expect(own.has(task.assignee?.username), JSON.stringify(task.assignee)).toBe(true);
  });
});

describe('migration 014 on existing tasks', () => {
  it('marks tasks of alert batches as alert and the rest as manual', () => {
    const dir = mkdtempSync(join(tmpdir(), 'anju-migration-014-'));
    const db = new Database(join(dir, 'old.db'));
    try {
      db.pragma('foreign_keys = ON');
      // A database as the release before left it: 014 and later count as applied for the first run only.
      const later = readdirSync(join(import.meta.dirname, '../../server/db/migrations')).filter((f) => /^\d{3}-/.test(f) && f >= '014');
      db.exec('CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT NOT NULL)');
      for (const name of later) db.prepare('INSERT INTO schema_migrations VALUES (?, ?)').run(name, 'x');
      migrate(db);
      db.exec("INSERT INTO regions (code, parent_code, level, name, center_lon, center_lat) VALUES ('610999000000', NULL, 'county', '安居县', 108, 33)");
      const add = db.prepare(
        `INSERT INTO patrol_tasks (alert_id, batch_key, village_code, due_at, start_lon, start_lat, created_at, updated_at)
         VALUES (?, ?, '610999000000', 'x', 108, 33, 'x', 'x')`,
      );
      add.run(null, 'alert:7');
      add.run(null, 'manual:abcdefgh');
      db.prepare(`DELETE FROM schema_migrations WHERE name IN (SELECT value FROM json_each(?))`).run(JSON.stringify(later));
      expect(migrate(db)).toContain('014-schedules-disasters.sql');
      expect(db.prepare('SELECT batch_key, kind FROM patrol_tasks ORDER BY id').all()).toEqual([
        { batch_key: 'alert:7', kind: 'alert' },
        { batch_key: 'manual:abcdefgh', kind: 'manual' },
      ]);
    } finally {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
