// A patrol scene for the row-level tests: the demo inspector and a trained colleague in the same
// village, each with a task of their own, set up through the API as the county and township would.
import sharp from 'sharp';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import type { seededApp } from './harness.ts';

type Harness = ReturnType<typeof seededApp>;

export const COLLEAGUE = { username: 'wang.wu', password: 'colleague-pass-1' };

export interface PatrolScene {
  villageCode: string;
  /** Sign-in of the colleague (same village, inspector). */
  colleague: { cookie: string; csrfToken: string; id: number };
  /** The demo inspector's task and the colleague's, three houses each. */
  mine: { id: number; stops: { id: number; householdId: number }[] };
  theirs: { id: number; stops: { id: number; householdId: number }[] };
}

export async function patrolScene(t: Harness, key: string): Promise<PatrolScene> {
  seedDemoInspectors(t.db);
  const me = (await t.json('/api/auth/me', { as: 'inspector' })).body.user;
  const villageCode = me.region.code as string;
  const made = await t.json('/api/users', {
    method: 'POST',
    body: { username: COLLEAGUE.username, displayName: '王五', role: 'inspector', regionCode: villageCode, password: COLLEAGUE.password },
  });
  if (made.status !== 201) throw new Error(`colleague: ${made.status} ${JSON.stringify(made.body)}`);
  const colleagueId = made.body.user.id as number;
  await t.json('/api/trainings', { method: 'POST', body: { userId: colleagueId, course: '农村住房安全隐患排查', trainedOn: '2026-01-10', validUntil: '2099-01-10' } });
  const houses = (t.db.prepare('SELECT id FROM households WHERE village_code = ? ORDER BY id LIMIT 6').all(villageCode) as { id: number }[]).map((r) => r.id);

  const task = async (ids: number[], batch: string, assigneeId: number) => {
    const res = await t.json('/api/dispatch/manual', { method: 'POST', as: 'township', body: { householdIds: ids, dueHours: 6, idempotencyKey: batch } });
    if (res.status !== 201) throw new Error(`dispatch: ${res.status} ${JSON.stringify(res.body)}`);
    const id = res.body.tasks[0].id as number;
    const moved = await t.json(`/api/tasks/${id}`, { method: 'PATCH', as: 'township', body: { assigneeId } });
    if (moved.status !== 200) throw new Error(`assign: ${moved.status} ${JSON.stringify(moved.body)}`);
    const stops = (t.db.prepare('SELECT id, household_id AS householdId FROM patrol_stops WHERE task_id = ? ORDER BY seq').all(id) as { id: number; householdId: number }[]);
    return { id, stops };
  };
  const mine = await task(houses.slice(0, 3), `${key}-mine`, me.id);
  const theirs = await task(houses.slice(3, 6), `${key}-theirs`, colleagueId);
  const colleague = { ...(await t.login(COLLEAGUE.username, COLLEAGUE.password)), id: colleagueId };
  return { villageCode, colleague, mine, theirs };
}

/** A request with an explicit session (for users the harness does not know by name). */
export async function as(
  t: Harness,
  s: { cookie: string; csrfToken: string },
  path: string,
  init: { method?: string; body?: unknown } = {},
): Promise<{ status: number; body: any; res: Response }> {
  const headers: Record<string, string> = { cookie: s.cookie, 'x-csrf-token': s.csrfToken };
  if (init.body !== undefined) headers['content-type'] = 'application/json';
  const res = await t.app.request(path, {
    method: init.method ?? 'GET',
    headers,
    ...(init.body !== undefined ? { body: JSON.stringify(init.body) } : {}),
  });
  const text = await res.clone().text();
  let body: any = text;
  try {
    body = JSON.parse(text);
  } catch {
    // a photo or a GPX
  }
  return { status: res.status, body, res };
}

/** Uploads a small JPEG of `color` with a session; resolves to its sha256. */
export async function uploadPhoto(t: Harness, s: { cookie: string; csrfToken: string }, color = '#a0522d'): Promise<string> {
  const jpeg = await sharp({ create: { width: 40, height: 30, channels: 3, background: color } }).jpeg().toBuffer();
  const form = new FormData();
  form.append('photo', new Blob([new Uint8Array(jpeg)], { type: 'image/jpeg' }), 'wall.jpg');
  const res = await t.app.request('/api/photos', { method: 'POST', body: form, headers: { cookie: s.cookie, 'x-csrf-token': s.csrfToken } });
  if (res.status !== 201) throw new Error(`upload: ${res.status} ${await res.text()}`);
  return ((await res.json()) as { photo: { sha256: string } }).photo.sha256;
}
