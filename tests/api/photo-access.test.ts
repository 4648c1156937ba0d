// Field photos (issue 9): only the uploader may attach a photo to a result, and a photo is readable by
// its uploaders and by those who can see a stop it is attached to — never through someone else's hash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from './harness.ts';
import { as, patrolScene, uploadPhoto, type PatrolScene } from './patrol-scene.ts';

let t: ReturnType<typeof seededApp>;
let scene: PatrolScene;

beforeAll(async () => {
  t = seededApp(1500, 21);
  scene = await patrolScene(t, 'photos');
});
afterAll(() => t.close());

const result = (photos: string[], k: string) => ({
  result: 'hazard',
  hazards: ['wall_crack'],
  observedAt: '2026-07-12T09:30:00+08:00',
  photos,
  idempotencyKey: `photo-test-${k}`,
});

describe('photo access', () => {
  it('does not let another inspector attach, and so read, a photo by its hash', async () => {
    const inspector = await t.sessionOf('inspector');
    const sha = await uploadPhoto(t, inspector, '#8b4513');
    const attached = await t.json(`/api/tasks/${scene.mine.id}/stops/${scene.mine.stops[0]!.id}/result`, { method: 'POST', as: 'inspector', body: result([sha], 'mine-1') });
    expect(attached.status).toBe(201);

    // The colleague learnt the hash and tries to pull the photo into their own task.
    const stolen = await as(t, scene.colleague, `/api/tasks/${scene.theirs.id}/stops/${scene.theirs.stops[0]!.id}/result`, {
      method: 'POST',
      body: result([sha], 'theirs-1'),
    });
    expect(stolen.status).toBe(403);
    expect(stolen.body.error.field).toBe('photos');
    expect(t.db.prepare('SELECT result FROM patrol_stops WHERE id = ?').get(scene.theirs.stops[0]!.id)).toEqual({ result: null });
    expect(t.db.prepare('SELECT count(*) AS n FROM stop_photos WHERE sha256 = ?').get(sha)).toEqual({ n: 1 });
    expect((await as(t, scene.colleague, `/api/photos/${sha}`)).status).toBe(404);
    expect((await as(t, scene.colleague, `/api/photos/${sha}/thumb`)).status).toBe(404);

    // Those who can see the stop read it: the uploader, the township, the county viewer.
    expect((await t.get(`/api/photos/${sha}`, 'inspector')).status).toBe(200);
    expect((await t.get(`/api/photos/${sha}/thumb`, 'township')).status).toBe(200);
    expect((await t.get(`/api/photos/${sha}`, 'viewer')).status).toBe(200);
  });

  it('lets someone who uploads the same bytes themselves attach them', async () => {
    const inspector = await t.sessionOf('inspector');
    const sha = await uploadPhoto(t, inspector, '#556b2f');
    expect(await uploadPhoto(t, scene.colleague, '#556b2f')).toBe(sha);
    const res = await as(t, scene.colleague, `/api/tasks/${scene.theirs.id}/stops/${scene.theirs.stops[1]!.id}/result`, {
      method: 'POST',
      body: result([sha], 'theirs-2'),
    });
    expect(res.status).toBe(201);
    expect(res.body.stop.photos).toEqual([sha]);
  });

  it('keeps a photo not yet attached to its uploader', async () => {
    const sha = await uploadPhoto(t, await t.sessionOf('inspector'), '#2f4f4f');
    expect((await t.get(`/api/photos/${sha}`, 'inspector')).status).toBe(200);
    expect((await t.get(`/api/photos/${sha}`, 'township')).status).toBe(404);
    expect((await as(t, scene.colleague, `/api/photos/${sha}`)).status).toBe(404);
  });

  it('refuses a hash nobody uploaded, naming photos', async () => {
    const res = await t.json(`/api/tasks/${scene.mine.id}/stops/${scene.mine.stops[1]!.id}/result`, {
      method: 'POST',
      as: 'inspector',
      body: result(['b'.repeat(64)], 'mine-2'),
    });
    expect(res.status).toBe(400);
    expect(res.body.error.field).toBe('photos');
  });
});
