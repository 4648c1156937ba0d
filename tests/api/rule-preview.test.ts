// POST /api/dispatch-rules/preview: before a county editor saves a changed rule, how many houses it
// would select under each active alert of its type and level — counted the way a dispatch selects
// them — next to the rule in force, within the caller's jurisdiction, and nothing written.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDispatchRules } from '../../server/domain/dispatch-rules.ts';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { previewRule } from '../../server/db/rule-preview.ts';
import { seededApp } from './harness.ts';

let t: ReturnType<typeof seededApp>;
let countyBox: [number, number, number, number];
const square = ([x0, y0, x1, y1]: number[]) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });
const redRain = defaultDispatchRules().find((r) => r.alertType === 'rainstorm' && r.level === 'red')!;
const { alertType: _t, level: _l, dueHours: _d, ...redClauses } = redRain;

beforeAll(async () => {
  t = seededApp(2000, 13);
  seedDemoInspectors(t.db);
  const county = (await t.json('/api/basemap/county')).body.features[0];
  const coords = (county.geometry.type === 'Polygon' ? [county.geometry.coordinates] : county.geometry.coordinates).flat(2) as number[][];
  countyBox = [Math.min(...coords.map((c) => c[0]!)), Math.min(...coords.map((c) => c[1]!)), Math.max(...coords.map((c) => c[0]!)), Math.max(...coords.map((c) => c[1]!))];
});
afterAll(() => t.close());

async function alert(level: string, box: number[], type = 'rainstorm') {
  const res = await t.json('/api/alerts', {
    method: 'POST',
    body: { type, level, headline: `${type} ${level}（测试）`, expiresAt: new Date(Date.now() + 6 * 3600_000).toISOString(), geometry: square(box) },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.id as number;
}

const preview = (body: unknown, as: 'county' | 'staff' | 'township' | 'viewer' = 'county') => t.json('/api/dispatch-rules/preview', { method: 'POST', body, as });

describe('POST /api/dispatch-rules/preview', () => {
  it('counts, per active red rainstorm, what the edited rule and the rule in force select — as dispatch does', async () => {
    const [x0, y0, x1, y1] = countyBox;
    const west = await alert('red', [x0, y0, (x0 + x1) / 2, y1]);
    const east = await alert('red', [(x0 + x1) / 2, y0, x1, y1]);
    await alert('yellow', [x0, y0, x1, y1]); // another level: not counted
    await alert('red', [x0, y0, x1, y1], 'snowstorm'); // another type: not counted

    const onlyD = { alertType: 'rainstorm', level: 'red', grades: ['D'], structures: [], keyHouses: false, keyStructures: [] };
    const res = await preview(onlyD);
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.alerts.map((a: { id: number }) => a.id).sort()).toEqual([west, east].sort());
    for (const a of res.body.alerts) {
      // The rule in force is what a dispatch selects: the coverage endpoint counts it the same way.
      const coverage = await t.json(`/api/alerts/${a.id}/coverage`);
      expect(a.selectedNow).toBe(coverage.body.selected);
      // Only D: every exposed D house, counted independently from the exposure list.
      const exposure = await t.json(`/api/alerts/${a.id}/exposure?limit=100000`);
      expect(a.exposed).toBe(exposure.body.total);
      expect(a.selected).toBe(exposure.body.byGrade.D);
      expect(a.selected).toBeLessThan(a.selectedNow);
    }
    expect(res.body.total.selected).toBe(res.body.alerts.reduce((n: number, a: { selected: number }) => n + a.selected, 0));

    // The rule as it stands previews to itself; nothing was written by any of this.
    const same = await preview({ alertType: 'rainstorm', level: 'red', ...redClauses, dueHours: 2 });
    expect(same.body.total.selected).toBe(same.body.total.selectedNow);
    expect((t.db.prepare('SELECT count(*) AS n FROM patrol_tasks').get() as { n: number }).n).toBe(0);
    const stored = (await t.json('/api/dispatch-rules')).body.rules.find((r: any) => r.alertType === 'rainstorm' && r.level === 'red');
    expect(stored.grades).toEqual(['C', 'D']);
  });

  it('counts only the houses of the caller’s jurisdiction (row level, through the scope)', async () => {
    // Only county roles may call the route (township staff and viewers get 403); the scope it passes
    // down is the caller's, so a township scope counts that township's houses — as its coverage does.
    const body = { alertType: 'rainstorm', level: 'red', ...redClauses };
    expect((await preview(body, 'township')).status).toBe(403);
    expect((await preview(body, 'viewer')).status).toBe(403);
    const me = (await t.json('/api/auth/me', { as: 'township' })).body.user.region;
    const now = new Date();
    const current = defaultDispatchRules().find((r) => r.alertType === 'rainstorm' && r.level === 'red')!;
    const county = previewRule(t.db, { alertType: 'rainstorm', level: 'red', rule: redClauses, current }, { code: (await t.json('/api/regions')).body.county.code, level: 'county' }, now);
    const mine = previewRule(t.db, { alertType: 'rainstorm', level: 'red', rule: redClauses, current }, { code: me.code, level: 'township' }, now);
    const inside = mine.filter((a) => a.exposed > 0);
    expect(inside.length).toBeGreaterThan(0);
    for (const a of inside) {
      const coverage = await t.json(`/api/alerts/${a.id}/coverage`, { as: 'township' });
      expect(a.selected).toBe(coverage.body.selected);
      expect(a.selected).toBeLessThan(county.find((c) => c.id === a.id)!.selected);
    }
  });

  it('answers an empty list when no alert of that type and level is active', async () => {
    const res = await preview({ alertType: 'earthquake', level: 'blue', grades: ['C'], structures: [], keyHouses: false });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ alerts: [], total: { exposed: 0, selected: 0, selectedNow: 0 } });
  });

  it('refuses a bad rule naming the field', async () => {
    const good = { alertType: 'rainstorm', level: 'red', grades: ['D'], structures: [], keyHouses: false };
    const cases: [Record<string, unknown>, string][] = [
      [{ ...good, alertType: 'meteor' }, 'alertType'],
      [{ ...good, level: 'purple' }, 'level'],
      [{ ...good, grades: ['E'] }, 'grades.0'],
      [{ ...good, structures: 'adobe' }, 'structures'],
      [{ ...good, keyHouses: 'yes' }, 'keyHouses'],
      [{ ...good, dueHours: -1 }, 'dueHours'],
      [{ ...good, extra: true }, 'extra'],
      [{ level: 'red', grades: [], structures: [], keyHouses: false }, 'alertType'],
    ];
    for (const [body, field] of cases) {
      const res = await preview(body);
      expect([res.status, res.body.error?.field], JSON.stringify(body)).toEqual([400, field]);
    }
  });
});
