// Issue 6 in the browser: an inspector records results on a phone with no signal, they arrive exactly
// once when it returns, and the township sees tasks, coverage and the suspected house.
import { point, pointsWithinPolygon, polygon } from '@turf/turf';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, allowConsoleErrors, apiAs, screenshot, signIn, signOut, startE2E, waitForHouses, waitForMapIdle, type E2E, type TestPage } from './harness.ts';

let e: E2E;

/** Console errors the page should not have; a fetch the browser refused while offline is expected, nothing else. */
const unexpected = (p: TestPage, allow: RegExp[] = []) => {
  allowConsoleErrors(p, ...allow);
  return p.consoleErrors;
};
const OFFLINE_FETCH = /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED @ http:\/\/127\.0\.0\.1:\d+\/api\//;
/**
 * This file's pages run without the service worker (the harness blocks it unless asked), so a font slice
 * first needed offline — the note typed there — cannot load; with the worker it is precached, which
 * field-offline.test.ts checks.
 */
const OFFLINE_FONT = /^Failed to load resource: net::ERR_INTERNET_DISCONNECTED @ http:\/\/127\.0\.0\.1:\d+\/assets\/noto-sans-sc-/;

let villageCode: string;
let taskId: number;
let stops: { id: number; seq: number; householdId: number; houseId: number; lon: number; lat: number }[];

beforeAll(async () => {
  e = await startE2E({ households: 2500, seed: 11 });
  const inspector = await apiAs(e, 'inspector');
  villageCode = (await inspector.get('/api/auth/me')).user.region.code;
  const township = await apiAs(e, 'township');
  const houses = (await township.get(`/api/households?region=${villageCode}&limit=6`)).features.map((f: any) => f.id);
  const dispatched = await township.post('/api/dispatch/manual', { householdIds: houses, dueHours: 8, idempotencyKey: 'e2e-field-0001' });
  const task = dispatched.tasks[0];
  expect(task.assignee.username).toBe('inspector');
  taskId = task.id;
  stops = (await inspector.get(`/api/tasks/${taskId}`)).stops;
}, 120_000);

afterAll(async () => {
  await e?.close();
});

describe('field view (/field) on a phone', () => {
  it('records a hazard with a photo and a safe result offline, and sends each exactly once when back online', async () => {
    const p = await e.newPage(PHONE, { mobile: true });
    const { page, context } = p;
    await context.grantPermissions(['geolocation'], { origin: e.url });
    await context.setGeolocation({ longitude: stops[0]!.lon + 0.0002, latitude: stops[0]!.lat - 0.0001, accuracy: 12 });
    await signIn(page, e.url, '/field', 'inspector');

    await page.getByRole('button', { name: /巡查任务/ }).first().click();
    const map = page.locator('.patrol-map');
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    expect(await map.getAttribute('data-stop-count')).toBe(String(stops.length));
    await page.getByText('已定位 · 精度 ±12 米').first().waitFor();

    await context.setOffline(true);
    await page.getByText('离线', { exact: true }).waitFor();

    // Stop 1: a through crack in a wall, photographed.
    await page.getByRole('button', { name: new RegExp(`^第 1 户`) }).click();
    await page.getByLabel('墙体贯通裂缝').check();
    await page.getByLabel('备注').fill('东墙贯通裂缝约2米');
    const jpeg = await sharp({ create: { width: 96, height: 72, channels: 3, background: '#8b5a2b' } }).jpeg().toBuffer();
    await page.getByLabel('拍照').setInputFiles({ name: 'wall.jpg', mimeType: 'image/jpeg', buffer: jpeg });
    await page.getByRole('img', { name: '现场照片 1' }).waitFor();
    await page.getByRole('button', { name: '存在隐患', exact: true }).click();

    // The sheet moves on to stop 2: one tap records it safe.
    await page.locator('.stop-sheet[data-stop-id="' + stops[1]!.id + '"]').waitFor();
    await page.getByRole('button', { name: '安全', exact: true }).click();
    await page.locator('.stop-sheet[data-stop-id="' + stops[2]!.id + '"]').waitFor();
    await page.getByRole('button', { name: '关闭' }).click();

    const unsent = page.getByTestId('unsent');
    await expect.poll(() => unsent.textContent()).toBe('未上传 2 条');
    expect(await page.locator('.stop-list li[data-state="unsent"]').count()).toBe(2);
    await expect.poll(() => map.getAttribute('data-ready')).toBe('true');
    await screenshot(page, 'field-route-phone');

    await context.setOffline(false);
    await expect.poll(() => unsent.getAttribute('data-count'), { timeout: 20_000 }).toBe('0');
    await expect.poll(() => page.locator('.stop-list li[data-state="done"]').count(), { timeout: 10_000 }).toBe(2);

    // What arrived, read from the database: one result each, one photo, no duplicate audit rows.
    const db = new Database(e.dbPath, { readonly: true });
    try {
      const rows = db
        .prepare('SELECT id, result, hazards, notes, gps_lon, observed_at, idempotency_key FROM patrol_stops WHERE task_id = ? ORDER BY seq')
        .all(taskId) as any[];
      expect(rows[0]).toMatchObject({ result: 'hazard', hazards: '["wall_crack"]', notes: '东墙贯通裂缝约2米' });
      expect(rows[0].gps_lon).toBeCloseTo(stops[0]!.lon + 0.0002, 6);
      expect(rows[0].observed_at).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d[+-]\d\d:\d\d$/);
      expect(rows[1]).toMatchObject({ result: 'safe', hazards: '[]' });
      expect(rows.slice(2).every((r) => r.result === null)).toBe(true);
      expect(new Set([rows[0].idempotency_key, rows[1].idempotency_key]).size).toBe(2);
      const photos = db.prepare('SELECT stop_id, sha256 FROM stop_photos WHERE stop_id IN (?, ?)').all(rows[0].id, rows[1].id) as any[];
      expect(photos).toEqual([{ stop_id: rows[0].id, sha256: expect.stringMatching(/^[0-9a-f]{64}$/) }]);
      expect((db.prepare('SELECT count(*) AS n FROM photos').get() as any).n).toBe(1);
      const audits = db
        .prepare("SELECT entity_id, count(*) AS n FROM audit_log WHERE action = 'patrol.report' AND entity_id IN (?, ?) GROUP BY entity_id")
        .all(String(rows[0].id), String(rows[1].id)) as any[];
      expect(audits.map((a) => a.n)).toEqual([1, 1]);
      expect((db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'house.suspected' AND entity_id = ?").get(String(stops[0]!.houseId)) as any).n).toBe(1);
      expect((db.prepare('SELECT status FROM houses WHERE id = ?').get(stops[0]!.houseId) as any).status).toBe('suspected');
      expect((db.prepare('SELECT status FROM houses WHERE id = ?').get(stops[1]!.houseId) as any).status).toBe('monitoring');
    } finally {
      db.close();
    }
    await signOut(page);
    expect(unexpected(p, [OFFLINE_FETCH, OFFLINE_FONT])).toEqual([]);
    expect(p.outsideRequests).toEqual([]);
    await p.close();
  }, 120_000);

  it('records a house that could not be visited (未入户) with its reason, a note required for “other”', async () => {
    const p = await e.newPage(PHONE, { mobile: true });
    const { page } = p;
    await signIn(page, e.url, '/field', 'inspector');
    await page.getByRole('button', { name: /巡查任务/ }).first().click();
    await page.getByRole('button', { name: new RegExp(`^第 3 户`) }).click();
    const sheet = page.locator('.stop-sheet[data-stop-id="' + stops[2]!.id + '"]');
    await sheet.getByText('未能入户？').click();
    const choice = sheet.locator('.not-visited');
    await choice.getByLabel('其他', { exact: true }).check();
    await choice.getByRole('button', { name: '记录为未入户' }).click();
    await sheet.getByRole('alert').getByText('选择“其他”时请写明原因').waitFor();
    await choice.getByLabel('说明').fill('道路塌方，改日再去');
    await screenshot(page, 'field-not-visited-phone');
    await choice.getByRole('button', { name: '记录为未入户' }).click();

    // On to stop 4: nobody home.
    const next = page.locator('.stop-sheet[data-stop-id="' + stops[3]!.id + '"]');
    await next.getByText('未能入户？').click();
    await next.locator('.not-visited').getByLabel('不在家').check();
    await next.locator('.not-visited').getByRole('button', { name: '记录为未入户' }).click();
    await page.locator('.stop-sheet[data-stop-id="' + stops[4]!.id + '"]').waitFor();
    await page.getByRole('button', { name: '关闭' }).click();

    await expect.poll(() => page.getByTestId('unsent').getAttribute('data-count'), { timeout: 20_000 }).toBe('0');
    await page.locator('.stop-list li[data-state="done"]').getByText('未入户 · 其他').waitFor();
    await page.locator('.stop-list li[data-state="done"]').getByText('未入户 · 不在家').waitFor();
    // Two stops still to check: the task cannot be completed yet.
    expect(await page.getByRole('button', { name: '完成任务', exact: true }).isDisabled()).toBe(true);

    const db = new Database(e.dbPath, { readonly: true });
    try {
      const rows = db.prepare('SELECT result, not_visited_reason, not_visited_note FROM patrol_stops WHERE id IN (?, ?) ORDER BY seq').all(stops[2]!.id, stops[3]!.id);
      expect(rows).toEqual([
        { result: null, not_visited_reason: 'other', not_visited_note: '道路塌方，改日再去' },
        { result: null, not_visited_reason: 'not_home', not_visited_note: null },
      ]);
    } finally {
      db.close();
    }
    await signOut(page);
    expect(unexpected(p)).toEqual([]);
    await p.close();
  }, 120_000);
});

describe('dispatch board (/dispatch) for the township', () => {
  it('shows tasks by status with the overdue in red, alert coverage, flagged houses, and offers only the township’s trained people for reassignment', async () => {
    const county = await apiAs(e, 'county');
    const township = await apiAs(e, 'township');
    // A warning over the inspector's village and its neighbours, dispatched by the township.
    const villages = (await township.get('/api/basemap/villages')).features as any[];
    const ring = villages.find((f) => f.properties.code === villageCode).geometry;
    const pts: number[][] = (ring.type === 'Polygon' ? ring.coordinates : ring.coordinates.flat()).flat();
    const lons = pts.map((c) => c[0]!);
    const lats = pts.map((c) => c[1]!);
    const [w, s, ee, n] = [Math.min(...lons) - 0.03, Math.min(...lats) - 0.03, Math.max(...lons) + 0.03, Math.max(...lats) + 0.03];
    const alert = await county.post('/api/alerts', {
      type: 'rainstorm',
      level: 'orange',
      headline: '暴雨橙色预警（测试）',
      expiresAt: new Date(Date.now() + 24 * 3600_000).toISOString(),
      geometry: { type: 'Polygon', coordinates: [[[w, s], [ee, s], [ee, n], [w, n], [w, s]]] },
    });
    await township.post(`/api/alerts/${alert.id}/dispatch`, {});
    // A task already past due: due in a second.
    const late = (await township.get(`/api/households?region=${villageCode}&limit=9`)).features.slice(6).map((f: any) => f.id);
    await township.post('/api/dispatch/manual', { householdIds: late, dueHours: 0.0003, idempotencyKey: 'e2e-overdue-01' });
    await new Promise((r) => setTimeout(r, 1200));

    const p = await e.newPage(DESKTOP);
    const { page } = p;
    await signIn(page, e.url, '/dispatch', 'township');
    const map = page.locator('.patrol-map');
    await expect.poll(() => map.getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    await page.getByTestId('overdue-banner').waitFor();
    const overdueRows = page.locator('.task-table tbody tr[data-overdue="true"]');
    expect(await overdueRows.count()).toBeGreaterThanOrEqual(1);
    expect(await overdueRows.first().evaluate((tr) => getComputedStyle(tr).backgroundColor)).toBe('rgb(254, 242, 242)');
    await page.getByTestId('coverage').waitFor();
    const coverage = await page.getByTestId('coverage').textContent();
    expect(coverage).toMatch(/应查\s*\d+/);
    // The house the inspector found dangerous is on the 待鉴定 list.
    const flagged = page.getByTestId('flagged-suspected');
    await expect.poll(() => flagged.locator('li').count()).toBeGreaterThanOrEqual(1);
    await screenshot(page, 'dispatch-board-desktop');

    // The reassign list is the server's: trained people of the township only, each with their load.
    await page.locator(`.task-table tbody tr[data-task-id="${taskId}"] .link-button`).click();
    const drawer = page.locator('.task-drawer');
    await drawer.getByText('巡查农户').waitFor();
    const select = drawer.getByLabel('改派给');
    const candidates = (await township.get(`/api/tasks/${taskId}/candidates`)).candidates as { id: number; current: boolean }[];
    await expect.poll(() => select.locator('option').count()).toBe(candidates.filter((c) => !c.current).length + 1);
    const offered = (await select.locator('option').evaluateAll((opts) => opts.map((o) => (o as HTMLOptionElement).value).filter(Boolean))).map(Number);
    const outsider = (await county.get('/api/users')).users.find((u: any) => u.role === 'inspector' && !candidates.some((c) => c.id === u.id));
    expect(outsider).toBeDefined();
    expect(offered).not.toContain(outsider.id);
    expect(offered.every((id) => candidates.some((c) => c.id === id))).toBe(true);
    expect(await drawer.getByTestId('task-assignee').textContent()).toBe('村巡查员');

    await signOut(page);
    expect(unexpected(p)).toEqual([]);
    expect(p.outsideRequests).toEqual([]);
    await p.close();
  }, 120_000);

  it('marks the suspected house on the household map', async () => {
    const p = await e.newPage(DESKTOP);
    const { page } = p;
    await signIn(page, e.url, `/?h=${stops[0]!.householdId}`, 'township');
    await waitForHouses(page);
    await page.locator('.drawer').getByText('疑似危房').first().waitFor();
    // The map flies to the house; wait for it to settle, then the mark must be drawn there.
    await page.waitForFunction(() => !window.__anju?.map.isMoving(), undefined, { timeout: 10_000 });
    await page.waitForTimeout(1500);
    const marked = await page.evaluate(
      (id) => window.__anju!.map.queryRenderedFeatures({ layers: ['household-suspected'] }).some((f) => Number(f.properties.id) === id),
      stops[0]!.householdId,
    );
    expect(marked).toBe(true);
    await screenshot(page, 'suspected-house-desktop');
    expect(unexpected(p)).toEqual([]);
    expect(p.outsideRequests).toEqual([]);
    await p.close();
  }, 120_000);
});

describe('lasso dispatch on the household map (/) for the township', () => {
  it('dispatches exactly the houses inside a drawn polygon, once, even when the answer is lost and 派发 is pressed again', async () => {
    const township = await apiAs(e, 'township');
    const p = await e.newPage(DESKTOP);
    const { page } = p;
    // The test before leaves the shared cookie jar signed in as the township: start signed out.
    await page.goto(e.url + '/');
    const signOutButton = page.getByRole('button', { name: '退出', exact: true });
    await signOutButton.or(page.getByLabel(/用户名|Username/)).first().waitFor();
    if (await signOutButton.isVisible()) await signOut(page);
    await signIn(page, e.url, '/', 'township');
    await waitForHouses(page);

    // The inspector's village, centred in the part of the map the cards leave free, at house level.
    const village = (await township.get(`/api/households?region=${villageCode}`)).features as any[];
    const centre = [0, 1].map((i) => village.reduce((sum, f) => sum + f.geometry.coordinates[i], 0) / village.length) as [number, number];
    const free = await page.evaluate((center) => {
      const stage = document.querySelector('.stage')!.getBoundingClientRect();
      let left = stage.left;
      let right = stage.right;
      for (const el of document.querySelectorAll('.stage > .panel')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0) continue;
        if (r.left + r.width / 2 < stage.left + stage.width / 2) left = Math.max(left, r.right);
        else right = Math.min(right, r.left);
      }
      const x = (left + right) / 2;
      const y = stage.top + stage.height / 2;
      const map = window.__anju!.map;
      map.jumpTo({ center, zoom: 15 });
      map.panBy([stage.left + stage.width / 2 - x, 0], { animate: false });
      return { x, y, width: right - left };
    }, centre);
    expect(free.width).toBeGreaterThan(400);
    await waitForMapIdle(page);

    await page.getByRole('button', { name: '圈选派发巡查' }).click();
    await page.locator('.draw-hint').getByText(/逐点单击、单击起点闭合/).waitFor();
    // Four corners around the centre (more room left: the dialog stands to the right), then the first
    // again to close the ring (terra-draw's polygon mode).
    const corners = [[-200, -120], [90, -140], [100, 130], [-180, 150]].map(([dx, dy]) => [free.x + dx!, free.y + dy!] as [number, number]);
    for (const [x, y] of [...corners, corners[0]!]) {
      await page.mouse.move(x, y, { steps: 4 });
      await page.mouse.click(x, y);
    }
    const dialog = page.getByRole('dialog', { name: '圈选派发巡查' });
    await dialog.waitFor();
    await page.locator('.draw-hint').waitFor({ state: 'detached' });

    // What should be selected: the township's houses inside the same ring, by turf in the test.
    const ring = await page.evaluate(
      (pts) => {
        const map = window.__anju!.map;
        const box = map.getCanvas().getBoundingClientRect();
        const lngLats = pts.map(([x, y]) => map.unproject([x - box.left, y - box.top]).toArray());
        return [...lngLats, lngLats[0]!];
      },
      corners,
    );
    const all = (await township.get('/api/households')).features as any[];
    const inside = pointsWithinPolygon(
      { type: 'FeatureCollection', features: all.map((f) => point(f.geometry.coordinates, { id: f.id })) },
      polygon([ring]),
    );
    const expected = inside.features.map((f) => f.properties!.id as number).sort((a, b) => a - b);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(all.length);
    await expect.poll(() => page.locator('.map').getAttribute('data-highlighted')).toBe(String(expected.length));
    expect(await dialog.getByTestId('lasso-count').getAttribute('data-count')).toBe(String(expected.length));
    await dialog.getByText(`已圈选 ${expected.length} 户`).waitFor();

    // The first answer is lost on the way back (the server did the work); 派发 again sends the same key.
    const sent: { householdIds: number[]; dueHours: number; idempotencyKey: string }[] = [];
    let lose = true;
    await page.route('**/api/dispatch/manual', async (route) => {
      sent.push(route.request().postDataJSON());
      if (!lose) return route.continue();
      lose = false;
      await route.fetch();
      await route.abort('failed');
    });
    await dialog.getByRole('radio', { name: '6 小时内' }).check();
    await dialog.getByRole('button', { name: '派发', exact: true }).click();
    await dialog.getByTestId('lasso-error').getByText('网络连接失败').waitFor();
    await dialog.getByText('再次点击“派发”不会重复创建任务').waitFor();
    await dialog.getByRole('button', { name: '派发', exact: true }).click();
    const result = dialog.getByTestId('lasso-result');
    await result.waitFor();
    expect(await result.getAttribute('data-created')).toBe('0');
    await result.getByText(/已派发过，未重复创建/).waitFor();
    await page.unroute('**/api/dispatch/manual');

    expect(sent).toHaveLength(2);
    expect(sent[1]!.idempotencyKey).toBe(sent[0]!.idempotencyKey);
    expect(sent[0]!.idempotencyKey).toMatch(/^[\w-]{8,64}$/);
    expect(sent[0]!.dueHours).toBe(6);
    expect([...sent[0]!.householdIds].sort((a, b) => a - b)).toEqual(expected);

    // Through the API: the batch's tasks hold exactly the selected houses, each once, with an inspector each.
    const batchKey = `manual:${sent[0]!.idempotencyKey}`;
    const batchTasks = () => township.get('/api/tasks').then((r) => (r.tasks as any[]).filter((t) => t.batchKey === batchKey));
    const tasks = await batchTasks();
    expect(tasks.length).toBeGreaterThan(0);
    expect(await result.getAttribute('data-tasks')).toBe(String(tasks.length));
    const stopIds = (await Promise.all(tasks.map((t) => township.get(`/api/tasks/${t.id}`)))).flatMap((d) => d.stops.map((s: any) => s.householdId as number));
    expect(stopIds.sort((a, b) => a - b)).toEqual(expected);
    // The village's least-busy trained inspector (the demo one already has tasks, so possibly its colleague).
    const own = tasks.find((t) => t.villageCode === villageCode);
    expect(own?.assignee?.username).toMatch(/^insp/);
    await result.locator(`li[data-task-id="${own.id}"]`).getByText(own.assignee.displayName, { exact: true }).waitFor();
    await screenshot(page, 'lasso-dispatch-desktop');

    // Sending the same selection once more (a double click that got through) creates nothing either.
    const again = await township.post('/api/dispatch/manual', sent[0]);
    expect(again.created).toEqual([]);
    expect((again.tasks as any[]).map((t) => t.id).sort()).toEqual(tasks.map((t) => t.id).sort());
    expect((await batchTasks()).length).toBe(tasks.length);

    // 完成: the dialog, the polygon and the rings go.
    await dialog.getByRole('button', { name: '完成', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await expect.poll(() => page.locator('.map').getAttribute('data-highlighted')).toBe('0');

    const lost = /^Failed to load resource: net::ERR_FAILED @ http:\/\/127\.0\.0\.1:\d+\/api\/dispatch\/manual$/;
    await signOut(page);
    expect(unexpected(p, [lost])).toEqual([]);
    expect(p.outsideRequests).toEqual([]);
    await p.close();
  }, 60_000);
});
