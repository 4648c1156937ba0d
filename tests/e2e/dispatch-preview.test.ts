// Issue 10 §3–4 in the browser: dispatching a warning shows the plan first (rule, houses per village
// and grade, who goes, who is short), then confirms; the riskiest house opens its village's round; a
// village with more houses than one inspector can visit before the due time is split or flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DESKTOP, PHONE, apiAs, screenshot, signIn, signOut, startE2E, type E2E, type TestPage } from './harness.ts';

let e: E2E;
let alertId: number;
let villageCode: string;

const unexpected = (p: TestPage) => p.consoleErrors;
const BANDS = ['severe', 'high', 'medium', 'low'];

beforeAll(async () => {
  e = await startE2E({ households: 4000, seed: 13 });
  const county = await apiAs(e, 'county');
  const inspector = await apiAs(e, 'inspector');
  villageCode = (await inspector.get('/api/auth/me')).user.region.code;
  // A red rainstorm over the demo village and its neighbours: two hours to see every fragile house.
  const villages = (await county.get('/api/basemap/villages')).features as any[];
  const ring = villages.find((f) => f.properties.code === villageCode).geometry;
  const pts: number[][] = (ring.type === 'Polygon' ? ring.coordinates : ring.coordinates.flat()).flat();
  const [w, s, ee, n] = [Math.min(...pts.map((c) => c[0]!)) - 0.03, Math.min(...pts.map((c) => c[1]!)) - 0.03, Math.max(...pts.map((c) => c[0]!)) + 0.03, Math.max(...pts.map((c) => c[1]!)) + 0.03];
  const alert = await county.post('/api/alerts', {
    type: 'rainstorm',
    level: 'red',
    headline: '暴雨红色预警：3 小时内降雨将达 100 毫米以上',
    instruction: '立即转移 C、D 级危房和土坯房内人员，危房不进人、人不进危房',
    expiresAt: new Date(Date.now() + 12 * 3600_000).toISOString(),
    geometry: { type: 'Polygon', coordinates: [[[w, s], [ee, s], [ee, n], [w, n], [w, s]]] },
  });
  alertId = alert.id;
}, 120_000);

afterAll(async () => {
  await e?.close();
});

async function openPreview(p: TestPage) {
  const { page } = p;
  await signIn(page, e.url, `/?alert=${alertId}`, 'township');
  const detail = page.locator(`.alert-detail[data-alert-id="${alertId}"]`);
  // On a phone the warnings panel opens from its button at the bottom of the map.
  const panelButton = page.getByRole('button', { name: '预警', exact: true });
  await Promise.race([detail.waitFor({ timeout: 30_000 }), panelButton.waitFor({ timeout: 30_000 })]);
  if (!(await detail.isVisible())) await panelButton.click();
  await detail.getByRole('button', { name: '派发巡查任务' }).click();
  const dialog = page.getByRole('dialog');
  await dialog.getByTestId('preview-rule').waitFor({ timeout: 30_000 });
  return dialog;
}

describe('dispatch preview, then confirm', () => {
  it('shows the rule, the houses per village and grade, who goes and who is short — on a phone, writing nothing', async () => {
    const p = await e.newPage(PHONE, { mobile: true });
    const dialog = await openPreview(p);
    expect(await dialog.getByTestId('preview-rule').textContent()).toBe('派发规则：C级、D级房屋；土木、土坯结构房屋；全部重点房屋，2 小时内查完');
    expect(await dialog.getByTestId('preview-village').count()).toBeGreaterThan(1);
    await screenshot(p.page, 'dispatch-preview-phone');
    await dialog.getByRole('button', { name: '取消' }).click();
    const township = await apiAs(e, 'township');
    expect((await township.get(`/api/tasks?alertId=${alertId}`)).tasks).toEqual([]);
    await signOut(p.page);
    expect(unexpected(p)).toEqual([]);
    await p.close();
  }, 120_000);

  it('creates what it showed when confirmed, splitting or flagging a village one inspector cannot finish in two hours', async () => {
    const p = await e.newPage(DESKTOP);
    const { page } = p;
    const dialog = await openPreview(p);
    const totals = await dialog.getByTestId('preview-totals').textContent();
    const [houses, , tasks] = totals!.match(/\d+/g)!.map(Number);
    // The demo village: more houses than one person can see in two hours, so more than one task — each
    // with someone else, or with nobody and said so in red.
    const village = dialog.getByTestId('preview-village').filter({ hasText: '河东社区' });
    const parts = village.locator('.preview-tasks > li');
    expect(await parts.count()).toBeGreaterThan(1);
    const who = await village.getByTestId('preview-assignee').allTextContents();
    const nobody = await village.getByTestId('preview-nobody').count();
    expect(new Set(who.map((w) => w.split(' · ')[0])).size + nobody).toBeGreaterThan(1);
    if (nobody > 0) await dialog.getByTestId('preview-over-capacity').waitFor();
    await screenshot(page, 'dispatch-preview-desktop');

    await dialog.getByTestId('confirm-dispatch').click();
    await dialog.getByTestId('dispatch-result').waitFor({ timeout: 30_000 });
    const township = await apiAs(e, 'township');
    const made = (await township.get(`/api/tasks?alertId=${alertId}`)).tasks as any[];
    expect(made).toHaveLength(tasks!);
    expect(made.reduce((n, t) => n + t.stopCount, 0)).toBe(houses);
    await dialog.locator('.dialog__actions').getByRole('button', { name: '关闭' }).click();
    await signOut(page);
    expect(unexpected(p)).toEqual([]);
    await p.close();
  }, 120_000);
});

describe('the dispatch board after a red rainstorm', () => {
  it('puts a high-risk house first, shows the warning’s instruction and risk per stop, and says who is short', async () => {
    const township = await apiAs(e, 'township');
    const mine = ((await township.get(`/api/tasks?alertId=${alertId}`)).tasks as any[]).filter((t) => t.villageCode === villageCode).sort((a, b) => a.part - b.part);
    const p = await e.newPage(DESKTOP);
    const { page } = p;
    await signIn(page, e.url, `/dispatch?alert=${alertId}`, 'township');
    await expect.poll(() => page.locator('.patrol-map').getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    if ((await township.get(`/api/tasks?alertId=${alertId}`)).tasks.some((t: any) => !t.assignee)) await page.getByTestId('capacity-note').waitFor();
    await screenshot(page, 'dispatch-board-capacity-desktop');
    await page.locator(`.task-table tbody tr[data-task-id="${mine[0].id}"] .link-button`).click();
    const drawer = page.locator('.task-drawer');
    await drawer.getByTestId('task-alert').getByText('危房不进人、人不进危房', { exact: false }).waitFor();
    const risks = drawer.getByTestId('stop-risk');
    await expect.poll(() => risks.count()).toBe(mine[0].stopCount);
    const bands = await risks.evaluateAll((els) => els.map((el) => el.getAttribute('data-band')!));
    expect(['severe', 'high']).toContain(bands[0]);
    expect(bands.map((b) => BANDS.indexOf(b))).toEqual([...bands.map((b) => BANDS.indexOf(b))].sort((a, b) => a - b));
    await screenshot(page, 'dispatch-board-risk-desktop');
    await signOut(page);
    expect(unexpected(p)).toEqual([]);
    await p.close();

    const phone = await e.newPage(PHONE, { mobile: true });
    await signIn(phone.page, e.url, `/dispatch?alert=${alertId}`, 'township');
    await phone.page.getByTestId('capacity-note').waitFor({ timeout: 20_000 });
    await expect.poll(() => phone.page.locator('.patrol-map').getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    await screenshot(phone.page, 'dispatch-board-capacity-phone');
    await phone.page.goto(`${e.url}/dispatch?alert=${alertId}&task=${mine[0].id}`);
    await phone.page.locator('.task-drawer').getByTestId('task-alert').waitFor({ timeout: 20_000 });
    await screenshot(phone.page, 'dispatch-board-risk-phone');
    await signOut(phone.page);
    expect(unexpected(phone)).toEqual([]);
    await phone.close();

    // The inspector's own task on the phone: the warning and what to do on top, the risk on each stop.
    const own = mine.find((t) => t.assignee?.username === 'inspector');
    expect(own).toBeDefined();
    const field = await e.newPage(PHONE, { mobile: true });
    await signIn(field.page, e.url, `/field?task=${own.id}`, 'inspector');
    await field.page.getByTestId('task-alert').getByText('危房不进人', { exact: false }).waitFor({ timeout: 20_000 });
    const fieldBands = await field.page.locator('.stop-list').getByTestId('stop-risk').evaluateAll((els) => els.map((el) => el.getAttribute('data-band')!));
    expect(fieldBands).toHaveLength(own.stopCount);
    expect(['severe', 'high']).toContain(fieldBands[0]);
    await expect.poll(() => field.page.locator('.patrol-map').getAttribute('data-ready'), { timeout: 20_000 }).toBe('true');
    await screenshot(field.page, 'field-task-risk-phone');
    await signOut(field.page);
    expect(unexpected(field)).toEqual([]);
    await field.close();
  }, 180_000);
});
