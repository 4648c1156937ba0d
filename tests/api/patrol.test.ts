import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { seededApp } from './harness.ts';

let t: ReturnType<typeof seededApp>;
let villageIds: number[]; // households of the demo inspector's village
let villageCode: string;

beforeAll(async () => {
  t = seededApp(1500, 21);
  seedDemoInspectors(t.db);
  const me = (await t.json('/api/auth/me', { as: 'inspector' })).body.user;
  villageCode = me.region.code;
  villageIds = (t.db.prepare('SELECT id FROM households WHERE village_code = ? ORDER BY id').all(villageCode) as { id: number }[]).map(
    (r) => r.id,
  );
});
afterAll(() => t.close());

const dispatchManual = (ids: number[], key: string, as: 'township' | 'county' = 'township') =>
  t.json('/api/dispatch/manual', { method: 'POST', as, body: { householdIds: ids, dueHours: 6, idempotencyKey: key } });

describe('manual dispatch', () => {
  it('creates one task per village, assigned to its trained inspector, with an ordered closed route', async () => {
    const res = await dispatchManual(villageIds, 'lasso-0001');
    expect(res.status).toBe(201);
    expect(res.body.tasks).toHaveLength(Math.ceil(villageIds.length / 40));
    const task = res.body.tasks[0];
    expect(task.villageCode).toBe(villageCode);
    expect(task.assignee.username).toBe('inspector');
    expect(task.status).toBe('assigned');
    expect(task.routeLengthM).toBeGreaterThan(0);
    const detail = (await t.json(`/api/tasks/${task.id}`, { as: 'inspector' })).body;
    expect(detail.stops.map((s: any) => s.seq)).toEqual(detail.stops.map((_: any, i: number) => i + 1));
    const all = res.body.tasks.flatMap((tk: any) => tk.id);
    const stops = t.db.prepare(`SELECT household_id FROM patrol_stops WHERE task_id IN (${all.join(',')})`).all() as { household_id: number }[];
    expect(stops.map((s) => s.household_id).sort((a, b) => a - b)).toEqual(villageIds);
  });

  it('is idempotent: the same key twenty times at once leaves exactly one set of tasks', async () => {
    const ids = villageIds.slice(0, 10);
    const answers = await Promise.all(Array.from({ length: 20 }, () => dispatchManual(ids, 'lasso-burst-42')));
    expect(answers.every((a) => a.status === 200 || a.status === 201)).toBe(true);
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    const { n } = t.db.prepare("SELECT count(*) AS n FROM patrol_stops WHERE batch_key = 'manual:lasso-burst-42'").get() as { n: number };
    expect(n).toBe(10);
    const tasks = t.db.prepare("SELECT count(*) AS n FROM patrol_tasks WHERE batch_key = 'manual:lasso-burst-42'").get() as { n: number };
    expect(tasks.n).toBe(1);
    // The database itself refuses a second stop for the same house in the same batch.
    expect(() =>
      t.db
        .prepare("INSERT INTO patrol_stops (task_id, batch_key, house_id, household_id, seq) SELECT task_id, batch_key, house_id, household_id, 99 FROM patrol_stops WHERE batch_key = 'manual:lasso-burst-42' LIMIT 1")
        .run(),
    ).toThrow(/UNIQUE/);
  });

  it('refuses households outside the jurisdiction and bad bodies, storing nothing', async () => {
    const other = (t.db.prepare('SELECT id FROM households WHERE township_code <> (SELECT parent_code FROM regions WHERE code = ?) LIMIT 1').get(villageCode) as { id: number }).id;
    const before = (t.db.prepare('SELECT count(*) AS n FROM patrol_tasks').get() as { n: number }).n;
    const outside = await dispatchManual([villageIds[0]!, other], 'lasso-outside');
    expect(outside.status).toBe(404);
    expect(outside.body.error.field).toBe('householdIds');
    for (const body of [
      { householdIds: [], dueHours: 6, idempotencyKey: 'k-12345678' },
      { householdIds: [1], dueHours: -1, idempotencyKey: 'k-12345678' },
      { householdIds: [1], dueHours: 6, idempotencyKey: 'short' },
      { householdIds: ['1'], dueHours: 6, idempotencyKey: 'k-12345678' },
    ]) {
      const res = await t.json('/api/dispatch/manual', { method: 'POST', as: 'township', body });
      expect(res.status).toBe(400);
      expect(res.body.error.field).toMatch(/householdIds|dueHours|idempotencyKey/);
    }
    expect((await dispatchManual([villageIds[0]!], 'lasso-viewer', 'county')).status).toBe(201);
    expect((t.db.prepare('SELECT count(*) AS n FROM patrol_tasks').get() as { n: number }).n).toBe(before + 1);
    expect((await t.json('/api/dispatch/manual', { method: 'POST', as: 'inspector', body: { householdIds: [villageIds[0]], dueHours: 6, idempotencyKey: 'by-inspector' } })).status).toBe(403);
  });

  it('refuses to assign an untrained or out-of-area inspector, naming why', async () => {
    const task = (await t.json('/api/tasks', { as: 'township' })).body.tasks.find((tk: any) => tk.villageCode === villageCode);
    const lapsed = t.db
      // Inspectors of the township's other villages may be sent (patrol-capacity.ts); another township's may not.
      .prepare(
        `SELECT u.id, u.region_code FROM users u JOIN trainings tr ON tr.user_id = u.id JOIN regions r ON r.code = u.region_code
          WHERE u.username LIKE 'insp-%' AND tr.valid_until < '2025-01-01'
            AND r.parent_code <> (SELECT parent_code FROM regions WHERE code = ?) LIMIT 1`,
      )
      .get(villageCode) as { id: number; region_code: string };
    const sameVillageUntrained = t.db
      .prepare("INSERT INTO users (username, display_name, role, region_code, password_hash, created_at) VALUES ('new-insp', '新巡查员', 'inspector', ?, '!', '2026-01-01') RETURNING id")
      .get(villageCode) as { id: number };
    const untrained = await t.json(`/api/tasks/${task.id}`, { method: 'PATCH', as: 'township', body: { assigneeId: sameVillageUntrained.id } });
    expect(untrained.status).toBe(400);
    expect(untrained.body.error).toMatchObject({ code: 'untrained', field: 'assigneeId' });
    const elsewhere = await t.json(`/api/tasks/${task.id}`, { method: 'PATCH', as: 'township', body: { assigneeId: lapsed.id } });
    expect(elsewhere.status).toBe(400);
    expect(elsewhere.body.error.code).toBe('out_of_area');
  });
});

describe('field results', () => {
  it('records a result once per idempotency key, with a photo, and a hazard makes the house suspected', async () => {
    const task = (await t.json('/api/tasks', { as: 'inspector' })).body.tasks[0];
    const { stops } = (await t.json(`/api/tasks/${task.id}`, { as: 'inspector' })).body;
    const stop = stops[0];

    const jpeg = await sharp({ create: { width: 64, height: 48, channels: 3, background: '#a0522d' } }).jpeg().toBuffer();
    const s = await t.sessionOf('inspector');
    const upload = async (bytes: Buffer, name = 'wall.jpg') => {
      const form = new FormData();
      form.append('photo', new Blob([new Uint8Array(bytes)], { type: 'image/jpeg' }), name);
      return t.app.request('/api/photos', { method: 'POST', body: form, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken } });
    };
    const up = await upload(jpeg);
    expect(up.status).toBe(201);
    const { photo } = (await up.json()) as any;
    expect(photo).toMatchObject({ mime: 'image/jpeg', width: 64, height: 48 });
    const notImage = await upload(Buffer.from('<?php echo "hi"; ?>'), 'evil.jpg');
    expect(notImage.status).toBe(400);
    expect(((await notImage.json()) as any).error.field).toBe('photo');

    const report = {
      result: 'hazard',
      hazards: ['wall_crack', 'roof_leak'],
      notes: '东墙贯通裂缝约2米',
      gps: { lon: stop.lon + 0.0001, lat: stop.lat, accuracyM: 8 },
      observedAt: '2026-11-23T09:30:00+08:00',
      photos: [photo.sha256],
      idempotencyKey: 'dev1-0001-abcdef',
    };
    const first = await t.json(`/api/tasks/${task.id}/stops/${stop.id}/result`, { method: 'POST', as: 'inspector', body: report });
    expect(first.status).toBe(201);
    expect(first.body.stop).toMatchObject({ result: 'hazard', photos: [photo.sha256], houseStatus: 'suspected' });
    expect(first.body.task.status).toBe('in_progress');
    const again = await t.json(`/api/tasks/${task.id}/stops/${stop.id}/result`, { method: 'POST', as: 'inspector', body: report });
    expect(again.status).toBe(200);
    expect(again.body.replayed).toBe(true);
    const audits = t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'patrol.report' AND entity_id = ?").get(String(stop.id)) as { n: number };
    expect(audits.n).toBe(1);

    const suspected = (await t.json('/api/households?status=suspected')).body.features.map((f: any) => f.id);
    expect(suspected).toContain(stop.householdId);
    const detail = (await t.json(`/api/households/${stop.householdId}`)).body;
    expect(detail.house.status).toBe('suspected');
    expect(detail.house.moveOutRequired).toBe(false);

    const thumb = await t.get(`/api/photos/${photo.sha256}/thumb`, 'township');
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/webp');
  });

  it('不可居住 flags the people to be moved out; bad reports are refused and change nothing', async () => {
    const task = (await t.json('/api/tasks', { as: 'inspector' })).body.tasks[0];
    const { stops } = (await t.json(`/api/tasks/${task.id}`, { as: 'inspector' })).body;
    const stop = stops.find((s: any) => s.result === null);
    const base = { result: 'uninhabitable', hazards: ['wall_lean'], observedAt: '2026-11-23T10:00:00+08:00', idempotencyKey: 'dev1-0002-abcdef' };
    for (const [bad, field] of [
      [{ ...base, result: 'fine' }, 'result'],
      [{ ...base, hazards: ['ghosts'] }, 'hazards.0'],
      [{ ...base, result: 'hazard', hazards: [] }, 'hazards'],
      [{ ...base, gps: { lon: 200, lat: 33 } }, 'gps.lon'],
      [{ ...base, observedAt: 'yesterday' }, 'observedAt'],
      [{ ...base, photos: ['deadbeef'] }, 'photos.0'],
      [{ ...base, photos: ['a'.repeat(64)] }, 'photos'],
    ] as const) {
      const res = await t.json(`/api/tasks/${task.id}/stops/${stop.id}/result`, { method: 'POST', as: 'inspector', body: bad });
      expect(res.status, JSON.stringify(bad)).toBe(400);
      expect(res.body.error.field).toBe(field);
    }
    expect((t.db.prepare('SELECT result FROM patrol_stops WHERE id = ?').get(stop.id) as any).result).toBeNull();
    const ok = await t.json(`/api/tasks/${task.id}/stops/${stop.id}/result`, { method: 'POST', as: 'inspector', body: base });
    expect(ok.status).toBe(201);
    const moveOut = (await t.json('/api/households?moveOut=true')).body.features.map((f: any) => f.id);
    expect(moveOut).toContain(stop.householdId);
    // Another inspector's village: not theirs to report on.
    expect((await t.json(`/api/tasks/${task.id}/stops/${stop.id}/result`, { method: 'POST', as: 'viewer', body: base })).status).toBe(403);
  });

  it('exports the route as GPX with the committee at both ends', async () => {
    const task = (await t.json('/api/tasks', { as: 'inspector' })).body.tasks[0];
    const res = await t.get(`/api/tasks/${task.id}/gpx`, 'inspector');
    expect(res.headers.get('content-type')).toMatch(/gpx/);
    const gpx = await res.text();
    expect(gpx).toMatch(/^<\?xml/);
    const rtepts = gpx.match(/<rtept /g)!.length;
    expect(rtepts).toBe(task.stopCount + 2);
    expect(gpx).not.toMatch(/\d{17}[\dX]/);
  });

  it('walks the lifecycle and refuses impossible transitions', async () => {
    const task = (await t.json('/api/tasks', { as: 'township' })).body.tasks.find((tk: any) => tk.status === 'assigned');
    const skip = await t.json(`/api/tasks/${task.id}`, { method: 'PATCH', as: 'township', body: { status: 'reviewed' } });
    expect(skip.status).toBe(409);
    expect(skip.body.error.field).toBe('status');
    const accept = await t.json(`/api/tasks/${task.id}`, { method: 'PATCH', as: 'township', body: { status: 'accepted' } });
    expect(accept.status).toBe(200);
    expect(accept.body.task.status).toBe('accepted');
  });
});
