// The one source of numbers (issue 12): the dashboard's figures, the monthly and quarterly reports and
// their XLSX files agree with the screens' own APIs — /api/stats, /api/ledger, /api/ledger/deadlines,
// /api/complaints, /api/tasks, the alert list and coverage — on the demo county's ledger, with two
// warnings in force (one dispatched), a hand-picked patrol gone overdue and stops reported.
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seedDemoLedger } from '../../data/demo-ledger.ts';
import { seedDemoInspectors } from '../../server/db/demo-users.ts';
import { chinaDay } from '../../server/domain/deadlines.ts';
import { LEDGER_STATES } from '../../server/domain/ledger-states.ts';
import { seededApp, type DemoUser } from './harness.ts';
import { monitoredHouses } from './ledger-scene.ts';

// Friday 20 November 2026, 12:00 in Beijing; the demo ledger runs to 31 October.
let clock = Date.parse('2026-11-20T04:00:00Z');
const TODAY = '2026-11-20';
let t: ReturnType<typeof seededApp>;
let county: string;
let demoTownship: string;
let demoVillage: string;
let otherTownship: string;
let rainAlert: number;
let manualTask: number;

type Json = Record<string, any>;
const get = async (path: string, as: DemoUser = 'county') => {
  const res = await t.json<Json>(path, { as });
  expect(res.status, `${path} → ${JSON.stringify(res.body).slice(0, 300)}`).toBe(200);
  return res.body;
};
const sum = (xs: number[]) => xs.reduce((a, b) => a + b, 0);

async function report(taskId: number, stopId: number, as: DemoUser, result: 'safe' | 'hazard') {
  const res = await t.json(`/api/tasks/${taskId}/stops/${stopId}/result`, {
    method: 'POST',
    as,
    body: {
      result,
      ...(result === 'hazard' ? { hazards: ['wall_crack'] } : {}),
      observedAt: new Date(clock).toISOString(),
      idempotencyKey: `figures-${taskId}-${stopId}`,
    },
  });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
}

beforeAll(async () => {
  t = seededApp(2000, 3, { now: () => clock });
  seedDemoInspectors(t.db, new Date(clock));
  seedDemoLedger(t.db, { seed: 3 });
  const code = (sql: string, ...args: unknown[]) => (t.db.prepare(sql).get(...args) as { code: string }).code;
  county = code("SELECT code FROM regions WHERE level = 'county'");
  demoTownship = code("SELECT code FROM regions WHERE level = 'township' ORDER BY code LIMIT 1");
  demoVillage = code("SELECT code FROM regions WHERE parent_code = ? ORDER BY code LIMIT 1", demoTownship);
  otherTownship = code("SELECT code FROM regions WHERE level = 'township' ORDER BY code LIMIT 1 OFFSET 2");

  const [x0, y0, x1, y1] = await t.countyBox();
  const zone = { type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] };
  const alert = async (type: string, level: string) => {
    const res = await t.json('/api/alerts', {
      method: 'POST',
      body: { type, level, headline: `${type} ${level}（测试）`, expiresAt: new Date(clock + 24 * 3600_000).toISOString(), geometry: zone },
    });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    return res.body.id as number;
  };
  rainAlert = await alert('rainstorm', 'yellow'); // C/D and key earth-wood houses, within 6 hours
  await alert('geological', 'yellow'); // in force, not dispatched
  const dispatched = await t.json(`/api/alerts/${rainAlert}/dispatch`, { method: 'POST' });
  expect(dispatched.status, JSON.stringify(dispatched.body)).toBe(201);

  // A hand-picked patrol in the demo village, due in four hours; two of its four houses reported.
  const households = monitoredHouses(t.db, demoVillage, 4).map((h) => h.householdId);
  const manual = await t.json('/api/dispatch/manual', { method: 'POST', as: 'township', body: { householdIds: households, dueHours: 4, idempotencyKey: 'figures-manual' } });
  expect(manual.status, JSON.stringify(manual.body)).toBe(201);
  expect(manual.body.tasks).toHaveLength(1);
  manualTask = manual.body.tasks[0].id;
  const stops = (await get(`/api/tasks/${manualTask}`, 'township')).stops as Json[];
  await report(manualTask, stops[0]!.id, 'township', 'safe');
  await report(manualTask, stops[1]!.id, 'township', 'hazard');
  // And two houses of the warning's patrol in the demo township.
  const alertTask = ((await get(`/api/tasks?alertId=${rainAlert}`, 'township')).tasks as Json[]).find((task) => task.stopCount >= 2)!;
  const alertStops = (await get(`/api/tasks/${alertTask.id}`, 'township')).stops as Json[];
  for (const s of alertStops.slice(0, 2)) await report(alertTask.id, s.id, 'township', 'safe');

  clock += 5 * 3600_000; // 17:00 in Beijing: the hand-picked patrol is overdue, the warning's (6 h) not yet
  t.forgetSessions(); // past the sessions' 2 idle hours
});
afterAll(() => t.close());

describe('GET /api/dashboard agrees with the screens', () => {
  for (const as of ['county', 'township'] as const) {
    it(`gives ${as} the households of /api/stats and the ledger of /api/ledger and its deadlines`, async () => {
      const d = await get('/api/dashboard', as);
      expect(d.region).toEqual({ code: as === 'county' ? county : demoTownship, name: expect.any(String), level: as === 'county' ? 'county' : 'township' });
      expect(d.today).toBe(TODAY);
      expect(d.households).toEqual(await get('/api/stats', as));

      const ledger = await get('/api/ledger?pageSize=1', as);
      for (const state of LEDGER_STATES.filter((s) => s !== 'monitoring')) expect(d.ledger.byState[state], state).toBe(ledger.counts.byState[state]);
      expect(sum(Object.values(d.ledger.byState) as number[])).toBe(d.households.total);
      expect(d.ledger.mustMoveOut).toBe((await get('/api/ledger?pageSize=1&mustMoveOut=true', as)).total);
      expect(d.ledger.inLedger).toBe(
        (await get('/api/ledger?pageSize=1&grade=C,D&state=suspected,listed,planned,under_works,completed,accepted,guaranteed,idle,sealed,demolished', as)).total,
      );
      expect(d.ledger.inLedger).toBeGreaterThan(0);

      const deadlines = await get('/api/ledger/deadlines', as);
      expect(d.overdue.works).toBe(deadlines.works.overdue.total);
      expect(d.overdue.works).toBe((await get('/api/ledger?pageSize=1&standing=overdue', as)).total);
      expect(d.overdue.appraisals).toBe(deadlines.appraisals.overdue.total);
      if (as === 'county') expect(d.overdue.works + d.overdue.appraisals).toBeGreaterThan(0);

      // The children are the townships (villages) of /api/ledger's strip, and add up to the region.
      if (as === 'county') {
        expect(d.children.map((c: Json) => c.code)).toEqual(ledger.counts.byTownship.map((c: Json) => c.code));
        for (const c of ledger.counts.byTownship) {
          const row = d.children.find((x: Json) => x.code === c.code);
          expect([row.overdueWorks, row.mustMoveOut, row.suspected], c.code).toEqual([c.overdue, c.mustMoveOut, c.byState.suspected]);
        }
      }
      expect(sum(d.children.map((c: Json) => c.households))).toBe(d.households.total);
      const child = d.children[0];
      const stats = await get(`/api/stats?region=${child.code}`, as);
      expect([child.households, child.byGrade]).toEqual([stats.total, stats.byGrade]);
    });

    it(`gives ${as} the overdue complaints of /api/complaints and the overdue tasks of /api/tasks`, async () => {
      const d = await get('/api/dashboard', as);
      expect(d.overdue.complaints).toBe((await get('/api/complaints?pageSize=1', as)).counts.overdue);
      const overdueTasks = (await get('/api/tasks?overdue=true', as)).tasks as Json[];
      expect(d.overdue.tasks).toBe(overdueTasks.length);
      expect(overdueTasks.map((task) => task.id)).toContain(manualTask);
    });
  }

  it('gives each warning in force the exposure of the alert list and the stops of the dispatch board', async () => {
    for (const as of ['county', 'township'] as const) {
      const d = await get('/api/dashboard', as);
      const list = (await get('/api/alerts?status=active', as)).features as Json[];
      expect(d.warnings.map((w: Json) => w.alertId).sort()).toEqual(list.map((f) => f.id).sort());
      for (const f of list) {
        const w = d.warnings.find((x: Json) => x.alertId === f.id);
        expect([w.type, w.level, w.title, w.exposed], `${as} alert ${f.id}`).toEqual([f.properties.type, f.properties.level, f.properties.headline, f.properties.exposure.total]);
        const coverage = await get(`/api/alerts/${f.id}/coverage`, as);
        expect([w.dispatched, w.patrolled], `${as} alert ${f.id}`).toEqual([coverage.dispatched, coverage.patrolled]);
      }
      const rain = d.warnings.find((w: Json) => w.alertId === rainAlert);
      expect(rain.dispatched).toBeGreaterThan(0);
      expect(rain.patrolled).toBe(2);
    }
  });

  it('counts the patrols: due and reported in the last 24 hours, the week and the range, and the trend adds up to the range', async () => {
    const d = await get('/api/dashboard');
    const tasks = (await get('/api/tasks')).tasks as Json[];
    // The range ends today (China time): every task falls due today.
    const dueToday = tasks.filter((task) => chinaDay(new Date(task.dueAt)) <= TODAY);
    expect(dueToday).toHaveLength(tasks.length);
    expect(d.patrol.range).toEqual({ due: sum(dueToday.map((task) => task.stopCount)), done: 4 });
    expect(d.patrol.last24h.done).toBe(4);
    expect(d.patrol.last7d.done).toBe(4);
    // Due in the last 24 hours: only the hand-picked patrol's stops are past due by now.
    expect(d.patrol.last24h.due).toBe(tasks.find((task) => task.id === manualTask)!.stopCount);
    expect(d.range).toEqual({ from: '2026-08-31', to: TODAY });
    expect(d.trends.weeks).toHaveLength(12);
    expect(d.trends.weeks.at(-1)).toBe('2026-11-16');
    expect(sum(d.trends.patrolled)).toBe(d.patrol.range.done);
    expect(sum(d.trends.due)).toBe(d.patrol.range.due);
    expect(d.trends.patrolled.at(-1)).toBe(4);
    // Works overdue at the end of this week so far (today) is today's overdue figure, child by child.
    for (const row of d.trends.overdueByChild) expect(row.values.at(-1), row.code).toBe(d.children.find((c: Json) => c.code === row.code).overdueWorks);
    expect(sum(d.trends.toDangerous)).toBeGreaterThan(0);
    expect(sum(d.trends.toSafe)).toBeGreaterThan(0);
    const patrolledByChild = sum(d.children.map((c: Json) => c.patrolled7d));
    expect(patrolledByChild).toBe(4);
  });

  it('clips the trend and the range figures to from/to', async () => {
    const d = await get('/api/dashboard?from=2026-09-09&to=2026-10-20');
    expect(d.range).toEqual({ from: '2026-09-09', to: '2026-10-20' });
    expect(d.trends.weeks).toEqual(['2026-09-07', '2026-09-14', '2026-09-21', '2026-09-28', '2026-10-05', '2026-10-12', '2026-10-19']);
    expect(d.patrol.range).toEqual({ due: 0, done: 0 });
    expect(sum(d.children.map((c: Json) => c.patrolledInRange))).toBe(0);
    // Appraisals are counted by their own day: those of 7–8 September fall before the range.
    const wide = await get('/api/dashboard?from=2026-09-07&to=2026-10-20');
    expect(sum(wide.trends.toDangerous)).toBeGreaterThanOrEqual(sum(d.trends.toDangerous));
  });

  it('tells what changed since a day: a house suspected today counts once', async () => {
    const before = await get(`/api/dashboard?since=${TODAY}`);
    const [house] = monitoredHouses(t.db, otherTownship, 1);
    const moved = await t.json(`/api/houses/${house!.houseId}/transitions`, { method: 'POST', body: { action: 'suspect', date: TODAY, reason: '群众反映墙体开裂' } });
    expect(moved.status, JSON.stringify(moved.body)).toBe(200);
    const after = await get(`/api/dashboard?since=${TODAY}`);
    expect(after.changes).toEqual({ ...before.changes, newSuspected: before.changes.newSuspected + 1 });
    expect(after.ledger.byState.suspected).toBe(before.ledger.byState.suspected + 1);
    const month = await get('/api/dashboard?since=2026-10-01');
    expect(month.changes.since).toBe('2026-10-01');
    expect(month.changes.closedOut).toBeGreaterThan(0);
  });

  it('lists what falls due this week, from today to Sunday', async () => {
    const d = await get('/api/dashboard');
    expect(d.dueThisWeek.length).toBeGreaterThan(0);
    for (const item of d.dueThisWeek) {
      expect(item.dueOn >= TODAY && item.dueOn <= '2026-11-22', JSON.stringify(item)).toBe(true);
      expect(typeof item.label).toBe('string');
    }
    const tasks = (await get('/api/tasks')).tasks as Json[];
    const dueTasks = tasks.filter((task) => !task.overdue && ['assigned', 'accepted', 'in_progress'].includes(task.status)).map((task) => task.id);
    expect(d.dueThisWeek.filter((i: Json) => i.kind === 'task').map((i: Json) => i.taskId).sort()).toEqual(dueTasks.slice(0, 50).sort());
    expect(d.dueThisWeek.some((i: Json) => i.taskId === manualTask)).toBe(false); // overdue, not due
  });
});

describe('the map takes the dashboard’s range', () => {
  it('marks the households patrolled in from/to on /api/households, the houses whose stops were reported then', async () => {
    const patrolledIds = new Set<number>();
    for (const task of (await get('/api/tasks')).tasks as Json[]) {
      for (const stop of (await get(`/api/tasks/${task.id}`)).stops as Json[]) if (stop.result) patrolledIds.add(stop.householdId);
    }
    expect(patrolledIds.size).toBeGreaterThan(0);
    const marked = async (query: string) =>
      ((await get(`/api/households?${query}`)).features as Json[]).filter((f) => f.properties.patrolled).map((f) => f.id as number);
    expect((await marked(`from=${TODAY}&to=${TODAY}`)).sort()).toEqual([...patrolledIds].sort());
    expect(await marked('from=2026-09-01&to=2026-09-30')).toEqual([]);
    const plain = (await get('/api/households?limit=1')).features[0].properties;
    expect('patrolled' in plain).toBe(false);
    for (const [query, field] of [['from=2026-11-31', 'from'], ['from=2026-11-20&to=2026-11-01', 'to']]) {
      const res = await t.json(`/api/households?${query}`);
      expect([res.status, res.body.error.field], query).toEqual([400, field]);
    }
  });
});

describe('GET /api/dashboard: jurisdiction and bad input', () => {
  it('gives township staff and leaders their township only; another township does not exist for them', async () => {
    for (const as of ['township', 'leader'] as const) {
      expect((await get('/api/dashboard', as)).region.code).toBe(demoTownship);
      const village = await get(`/api/dashboard?region=${demoVillage}`, as);
      expect([village.region.level, village.children]).toEqual(['village', []]);
      expect(village.households).toEqual(await get(`/api/stats?region=${demoVillage}`, as));
      for (const region of [otherTownship, county, '610999999999']) {
        const res = await t.json(`/api/dashboard?region=${region}`, { as });
        expect([res.status, res.body.error.code, res.body.error.field], `${as} ${region}`).toEqual([404, 'region_not_found', 'region']);
      }
    }
    const other = await get(`/api/dashboard?region=${otherTownship}`, 'viewer');
    expect(other.households).toEqual(await get(`/api/stats?region=${otherTownship}`, 'viewer'));
    expect((await t.json('/api/dashboard', { as: 'inspector' })).status).toBe(403);
  });

  it('refuses bad parameters with 400 naming the field', async () => {
    const cases: [string, string][] = [
      ['from=2026-02-30', 'from'],
      ['to=20261120', 'to'],
      ['since=yesterday', 'since'],
      ['from=2026-11-01&to=2026-10-01', 'to'],
      ['from=2020-01-01&to=2026-10-01', 'from'],
      ['weeks=0', 'weeks'],
      ['weeks=two', 'weeks'],
      ['region=6109', 'region'],
      ['township=610999001000', 'township'],
    ];
    for (const [query, field] of cases) {
      const res = await t.json(`/api/dashboard?${query}`);
      expect([res.status, res.body.error.code, res.body.error.field], query).toEqual([400, 'invalid_input', field]);
    }
  });
});

async function workbook(path: string, as: DemoUser = 'county') {
  const res = await t.request(path, { as });
  expect(res.status, path).toBe(200);
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load((await res.arrayBuffer()) as ArrayBuffer);
  return { wb, res };
}

/** The values of the row whose first cell is `label`, from column 2 on. */
function rowOf(ws: ExcelJS.Worksheet, label: string): unknown[] {
  let found: unknown[] | null = null;
  ws.eachRow((row) => {
    if (row.getCell(1).value === label) found = (row.values as unknown[]).slice(2);
  });
  expect(found, `${ws.name}: row ${label}`).not.toBeNull();
  return found!;
}

describe('the monthly report (seed 003)', () => {
  it('has the dashboard’s standing in its totals and its townships, and the month’s complaints of /api/complaints', async () => {
    const d = await get('/api/dashboard');
    const m = await get('/api/reports/monthly?month=2026-11');
    expect([m.region.code, m.month, m.issuedOn]).toEqual([county, '2026-11', TODAY]);
    expect(m.totals).toMatchObject({ households: d.households.total, byGrade: d.households.byGrade, byState: d.ledger.byState });
    expect(m.byChild.map((c: Json) => [c.code, c.households, c.byGrade])).toEqual(d.children.map((c: Json) => [c.code, c.households, c.byGrade]));
    for (const state of LEDGER_STATES) expect(sum(m.byChild.map((c: Json) => c.byState[state])), state).toBe(m.totals.byState[state]);
    const complaints = (await get('/api/complaints?pageSize=200')).rows as Json[];
    expect(m.totals.complaintsReceived).toBe(complaints.filter((c) => c.receivedOn.startsWith('2026-11')).length);
    expect(m.totals.complaintsAnswered).toBe(complaints.filter((c) => c.answeredOn?.startsWith('2026-11')).length);
    const october = await get('/api/reports/monthly?month=2026-10');
    expect(october.totals.worksStarted + october.totals.worksCompleted + october.totals.closedOut).toBeGreaterThan(0);
    for (const key of ['worksStarted', 'worksCompleted', 'accepted', 'closedOut', 'relocated'] as const) {
      expect(sum(october.byChild.map((c: Json) => c[key])), key).toBe(october.totals[key]);
    }
  });

  it('as XLSX says what the JSON says: a titled sheet of grades and stages per township with its totals row, and the month’s flow', async () => {
    const m = await get('/api/reports/monthly?month=2026-10');
    const { wb, res } = await workbook('/api/reports/monthly.xlsx?month=2026-10');
    expect(res.headers.get('content-type')).toBe('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
    expect(res.headers.get('content-disposition')).toBe(
      `attachment; filename="anju-monthly-2026-10.xlsx"; filename*=UTF-8''${encodeURIComponent('安居_月报_2026-10.xlsx')}`,
    );
    const [standing, flow] = [wb.worksheets[0]!, wb.worksheets[1]!];
    expect(String(standing.getCell(1, 1).value)).toContain(`${m.region.name}农村住房安全动态监测月报（2026年10月）`);
    expect(String(standing.getCell(2, 1).value)).toContain('填报单位');
    expect(standing.views[0]).toMatchObject({ state: 'frozen', ySplit: 5, xSplit: 1 });
    expect(rowOf(standing, '合计')).toEqual([m.totals.households, ...['A', 'B', 'C', 'D', 'none'].map((g) => m.totals.byGrade[g]), ...LEDGER_STATES.map((s) => m.totals.byState[s])]);
    const first = m.byChild[0];
    expect(rowOf(standing, first.name)[0]).toBe(first.households);
    const { worksStarted, worksCompleted, accepted, closedOut, relocated, complaintsReceived, complaintsAnswered } = m.totals;
    expect(rowOf(flow, '合计')).toEqual([worksStarted, worksCompleted, accepted, closedOut, relocated, complaintsReceived, complaintsAnswered]);
  });

  it('is the township’s own for township staff; another township, a month not begun or a bad month is refused naming the field', async () => {
    const m = await get('/api/reports/monthly?month=2026-11', 'township');
    expect(m.region.code).toBe(demoTownship);
    expect(m.totals.households).toBe((await get('/api/stats', 'township')).total);
    const refused: [string, DemoUser, number, string][] = [
      [`/api/reports/monthly?month=2026-11&region=${otherTownship}`, 'township', 404, 'region'],
      [`/api/reports/monthly.xlsx?month=2026-11&region=${otherTownship}`, 'leader', 404, 'region'],
      ['/api/reports/monthly?month=2026-12', 'county', 400, 'month'],
      ['/api/reports/monthly?month=2026-13', 'county', 400, 'month'],
      ['/api/reports/monthly', 'county', 400, 'month'],
      ['/api/reports/monthly.xlsx?month=11/2026', 'county', 400, 'month'],
    ];
    for (const [path, as, status, field] of refused) {
      const res = await t.json(path, { as });
      expect([res.status, res.body.error.field], path).toEqual([status, field]);
    }
    expect((await t.json('/api/reports/monthly?month=2026-11', { as: 'inspector' })).status).toBe(403);
  });
});

describe('the quarterly warning statistics (seed 002)', () => {
  it('counts the quarter’s warnings by type and level, and per township what they exposed and what patrols found, as the dashboard does', async () => {
    const d = await get('/api/dashboard');
    const q = await get('/api/reports/quarterly-warnings?quarter=2026Q4');
    expect(q.alerts).toEqual([
      { type: 'rainstorm', level: 'yellow', count: 1 },
      { type: 'geological', level: 'yellow', count: 1 },
    ]);
    expect(q.totals.alerts).toBe(2);
    expect(q.totals.exposed).toBe(sum(d.warnings.map((w: Json) => w.exposed)));
    expect(q.totals.patrolled).toBe(sum(d.warnings.map((w: Json) => w.patrolled)));
    for (const key of ['exposed', 'patrolled', 'foundDangerous', 'movedOut'] as const) expect(sum(q.byChild.map((c: Json) => c[key])), key).toBe(q.totals[key]);
    const home = q.byChild.find((c: Json) => c.code === demoTownship);
    expect([home.alerts, home.patrolled]).toEqual([2, 2]);
    expect((await get('/api/reports/quarterly-warnings?quarter=2026Q3')).totals).toMatchObject({ alerts: 0, exposed: 0, patrolled: 0 });
  });

  it('as XLSX has the JSON’s totals', async () => {
    const q = await get('/api/reports/quarterly-warnings?quarter=2026Q4');
    const { wb, res } = await workbook('/api/reports/quarterly-warnings.xlsx?quarter=2026Q4');
    expect(res.headers.get('content-disposition')).toContain(`filename*=UTF-8''${encodeURIComponent('安居_预警季报_2026Q4.xlsx')}`);
    const { alerts, exposed, patrolled, foundDangerous, movedOut } = q.totals;
    expect(rowOf(wb.worksheets[0]!, '合计')).toEqual([alerts, exposed, patrolled, foundDangerous, movedOut]);
    expect(rowOf(wb.worksheets[1]!, '暴雨')).toEqual(['黄色', 1]);
  });

  it('refuses a bad quarter naming it', async () => {
    for (const quarter of ['2026Q5', '2026-Q4', '2027Q1']) {
      const res = await t.json(`/api/reports/quarterly-warnings?quarter=${quarter}`);
      expect([res.status, res.body.error.field], quarter).toEqual([400, 'quarter']);
    }
  });
});

describe('weekly trend buckets', () => {
  it('puts a stop reported at 23:30 on Sunday, Beijing time, in that week, and one at 00:10 on Monday in the next', async () => {
    const reported = t.db.prepare('SELECT id FROM patrol_stops WHERE result IS NOT NULL ORDER BY id LIMIT 2').all() as { id: number }[];
    const setAt = t.db.prepare('UPDATE patrol_stops SET reported_at = ? WHERE id = ?');
    setAt.run('2026-11-15T15:30:00.000Z', reported[0]!.id); // Sunday 15 November, 23:30 in Beijing
    setAt.run('2026-11-15T16:10:00.000Z', reported[1]!.id); // Monday 16 November, 00:10 in Beijing
    const d = await get('/api/dashboard?weeks=2');
    expect(d.trends.weeks).toEqual(['2026-11-09', '2026-11-16']);
    expect(d.trends.patrolled).toEqual([1, 3]);
  });
});
