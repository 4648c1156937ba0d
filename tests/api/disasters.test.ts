// Disaster damage reports (seed 002: damaged houses reported by the village to the township within
// 3 days): events, reports by editors and by the village's inspector, the 3-day rule across a month
// end, dates refused in the future and before the event, and nothing changed by a refusal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from './harness.ts';
import { uploadPhoto } from './patrol-scene.ts';

// Tuesday 3 February 2026, 10:00 in Beijing (02:00 UTC).
let clock = Date.parse('2026-02-03T02:00:00Z');
let t: ReturnType<typeof seededApp>;
let village: string;
let township: string;
/** Houses of the demo inspector's village, and one of another township. */
let mine: { houseId: number; householdId: number }[];
let elsewhere: { houseId: number; householdId: number };

const houseOf = async (householdId: number) => (await t.json(`/api/households/${householdId}`)).body.house.id as number;
const reportCount = () => (t.db.prepare('SELECT count(*) AS n FROM damage_reports').get() as { n: number }).n;
const houseRow = (id: number) =>
  t.db.prepare('SELECT o.status, o.move_out_required AS moveOut, c.source, c.habitable FROM houses o LEFT JOIN ledger_cases c ON c.id = o.case_id WHERE o.id = ?').get(id);

beforeAll(async () => {
  t = seededApp(1200, 21, { now: () => clock });
  const me = (await t.json('/api/auth/me', { as: 'inspector' })).body.user;
  village = me.region.code;
  township = (await t.json('/api/auth/me', { as: 'township' })).body.user.region.code;
  // Houses under plain monitoring: a serious report is what turns them suspect here.
  const ids = (await t.json(`/api/households?region=${village}&status=monitoring&limit=4`)).body.features.map((f: any) => f.id as number);
  expect(ids).toHaveLength(4);
  mine = await Promise.all(ids.map(async (householdId: number) => ({ householdId, houseId: await houseOf(householdId) })));
  const other = (await t.json('/api/households?limit=2000')).body.features.find((f: any) => !f.properties.regionCode.startsWith(township.slice(0, 9)));
  elsewhere = { householdId: other.id, houseId: await houseOf(other.id) };
});
afterAll(() => t.close());

async function createEvent(body: Record<string, unknown>, as: 'county' | 'township' = 'township') {
  const res = await t.json('/api/disasters', { method: 'POST', as, body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body.event;
}

describe('disaster events', () => {
  it('opens an event of the township, due three days later, seen by its inspector but not by another township', async () => {
    const event = await createEvent({ name: '1月31日山洪', type: 'flash_flood', occurredOn: '2026-01-31' });
    expect(event).toMatchObject({ type: 'flash_flood', occurredOn: '2026-01-31', dueOn: '2026-02-03', townshipCode: township, recent: true });
    expect(event.counts).toEqual({ reported: 0, late: 0, uninhabitable: 0, byDegree: { minor: 0, moderate: 0, severe: 0, collapsed: 0 } });
    const seen = (await t.json('/api/disasters?recent=true', { as: 'inspector' })).body;
    expect(seen.today).toBe('2026-02-03');
    expect(seen.events.map((e: any) => e.id)).toContain(event.id);
    // A leader of another township: the county makes one for the test.
    const otherTownship = (await t.json('/api/regions')).body.county.children.find((c: any) => c.code !== township).code;
    const made = await t.json('/api/users', { method: 'POST', body: { username: 'leader-other', displayName: '他镇领导', role: 'township_leader', regionCode: otherTownship, password: 'leader-other-pass' } });
    expect(made.status).toBe(201);
    const s = await t.login('leader-other', 'leader-other-pass');
    const res = await t.app.request(`/api/disasters/${event.id}`, { headers: { cookie: s.cookie } });
    expect(res.status).toBe(404);
  });

  it('refuses an event in the future, of an unknown type, or of another township — naming the field, writing nothing', async () => {
    const before = (t.db.prepare('SELECT count(*) AS n FROM disaster_events').get() as { n: number }).n;
    const cases: [Record<string, unknown>, string, number][] = [
      [{ name: '明天的洪水', type: 'flood', occurredOn: '2026-02-04' }, 'occurredOn', 400],
      [{ name: '二月三十日', type: 'flood', occurredOn: '2026-02-30' }, 'occurredOn', 400],
      [{ name: '火山', type: 'volcano', occurredOn: '2026-02-01' }, 'type', 400],
      [{ name: '他镇', type: 'flood', occurredOn: '2026-02-01', townshipCode: '610999002000' }, 'townshipCode', 400],
    ];
    for (const [body, field, status] of cases) {
      const res = await t.json('/api/disasters', { method: 'POST', as: 'township', body });
      expect([res.status, res.body.error?.field], JSON.stringify(body)).toEqual([status, field]);
    }
    expect((t.db.prepare('SELECT count(*) AS n FROM disaster_events').get() as { n: number }).n).toBe(before);
  });
});

describe('POST /api/disasters/:id/reports — the 3-day rule (seed 002)', () => {
  it('takes a report on the third day as in time, and the day after — across the month end — as late', async () => {
    // 30 January + 3 days = 2 February; reported 2 February is in time, 3 February one day late.
    const event = await createEvent({ name: '1月30日暴雨洪涝', type: 'flood', occurredOn: '2026-01-30' });
    expect(event.dueOn).toBe('2026-02-02');
    const onTime = await t.json(`/api/disasters/${event.id}/reports`, {
      method: 'POST',
      as: 'inspector',
      body: { houseId: mine[0]!.houseId, degree: 'moderate', habitable: true, notes: '西墙渗水', reportedOn: '2026-02-02' },
    });
    expect(onTime.status, JSON.stringify(onTime.body)).toBe(201);
    expect(onTime.body.report).toMatchObject({ houseId: mine[0]!.houseId, degree: 'moderate', habitable: true, reportedOn: '2026-02-02', late: false, reports: 1 });
    // Moderate and habitable: the house stays under monitoring.
    expect(onTime.body.houseStatus).toBe('monitoring');
    expect(houseRow(mine[0]!.houseId)).toMatchObject({ status: 'monitoring', source: null });

    const late = await t.json(`/api/disasters/${event.id}/reports`, { method: 'POST', as: 'township', body: { houseId: mine[1]!.houseId, degree: 'collapsed', habitable: false } });
    expect(late.status).toBe(201);
    expect(late.body.report).toMatchObject({ reportedOn: '2026-02-03', late: true, habitable: false });
    expect(late.body.event.counts).toEqual({ reported: 2, late: 1, uninhabitable: 1, byDegree: { minor: 0, moderate: 1, severe: 0, collapsed: 1 } });
    // Collapsed and 不可居住: suspected through the ledger — a case from the disaster, its people to move out.
    expect(late.body.houseStatus).toBe('suspected');
    expect(houseRow(mine[1]!.houseId)).toEqual({ status: 'suspected', moveOut: 1, source: 'disaster', habitable: 0 });
    const moved = t.db.prepare("SELECT action, from_state, to_state, on_date, detail FROM house_transitions WHERE house_id = ? ORDER BY id DESC LIMIT 1").get(mine[1]!.houseId) as any;
    expect(moved).toMatchObject({ action: 'suspect', from_state: 'monitoring', to_state: 'suspected', on_date: '2026-02-03' });
    expect(JSON.parse(moved.detail)).toMatchObject({ eventId: event.id, degree: 'collapsed' });

    // A second report of the first house (worse on a later visit) replaces its degree; the house stays in time.
    const again = await t.json(`/api/disasters/${event.id}/reports`, { method: 'POST', as: 'inspector', body: { houseId: mine[0]!.houseId, degree: 'severe' } });
    expect(again.body.report).toMatchObject({ degree: 'severe', late: false, reports: 2, firstReportedOn: '2026-02-02' });
    expect(again.body.houseStatus).toBe('suspected');
    const detail = (await t.json(`/api/disasters/${event.id}`, { as: 'viewer' })).body;
    expect(detail.event.counts).toMatchObject({ reported: 2, late: 1, byDegree: { moderate: 0, severe: 1, collapsed: 1 } });
    // Late ones first.
    expect(detail.reports.map((r: any) => [r.houseId, r.late])).toEqual([
      [mine[1]!.houseId, true],
      [mine[0]!.houseId, false],
    ]);
    expect((t.db.prepare('SELECT count(*) AS n FROM damage_reports WHERE event_id = ?').get(event.id) as { n: number }).n).toBe(3);

    // The house's timeline tells the damage before the suspicion it caused, each report in order.
    const story = (await t.json(`/api/houses/${mine[1]!.houseId}/timeline`, { as: 'township' })).body.events as any[];
    const damage = story.filter((e) => e.kind === 'damage');
    expect(damage).toEqual([expect.objectContaining({ eventId: event.id, degree: 'collapsed', habitable: false, late: true })]);
    expect(story.findIndex((e) => e.kind === 'transition' && e.action === 'suspect')).toBeGreaterThanOrEqual(0);
    const mineStory = (await t.json(`/api/houses/${mine[0]!.houseId}/timeline`, { as: 'inspector' })).body.events as any[];
    expect(mineStory.filter((e) => e.kind === 'damage').map((e) => e.degree)).toEqual(['moderate', 'severe']);
  });

  it('refuses a date in the future or before the event, a bad degree, and an inspector outside their village — naming the field, changing nothing', async () => {
    const event = await createEvent({ name: '2月1日滑坡', type: 'landslide', occurredOn: '2026-02-01' });
    const before = reportCount();
    const house = mine[2]!.houseId;
    const cases: [string, Record<string, unknown>, number, string][] = [
      ['inspector', { houseId: house, degree: 'minor', reportedOn: '2026-02-04' }, 400, 'reportedOn'],
      ['inspector', { houseId: house, degree: 'minor', reportedOn: '2026-01-31' }, 400, 'reportedOn'],
      ['inspector', { houseId: house, degree: 'minor', reportedOn: '2026-02-29' }, 400, 'reportedOn'],
      ['inspector', { houseId: house, degree: 'destroyed' }, 400, 'degree'],
      ['inspector', { houseId: house, degree: 'minor', habitable: 'no' }, 400, 'habitable'],
      ['inspector', { houseId: elsewhere.houseId, degree: 'severe' }, 404, 'houseId'],
      ['township', { houseId: elsewhere.houseId, degree: 'severe' }, 404, 'houseId'],
      ['inspector', { houseId: house, degree: 'minor', photos: ['0'.repeat(64)] }, 400, 'photos'],
    ];
    for (const [as, body, status, field] of cases) {
      const res = await t.json(`/api/disasters/${event.id}/reports`, { method: 'POST', as: as as 'inspector', body });
      expect([res.status, res.body.error?.field], `${as} ${JSON.stringify(body)}`).toEqual([status, field]);
    }
    const leader = await t.json(`/api/disasters/${event.id}/reports`, { method: 'POST', as: 'leader', body: { houseId: house, degree: 'minor' } });
    expect(leader.status).toBe(403);
    expect(reportCount()).toBe(before);
    // The severe reports refused above left the house as it was.
    expect(houseRow(house)).toMatchObject({ status: 'monitoring', source: null });
    const audit = (t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'disaster.report'").get() as { n: number }).n;
    expect(audit).toBe(3);
  });

  it('attaches only photos the reporter uploaded; they are then seen by the township, not by another township', async () => {
    const event = await createEvent({ name: '2月2日大风', type: 'gale', occurredOn: '2026-02-02' });
    const inspector = await t.sessionOf('inspector');
    const township_ = await t.sessionOf('township');
    const theirs = await uploadPhoto(t, township_, '#336699');
    const refused = await t.json(`/api/disasters/${event.id}/reports`, { method: 'POST', as: 'inspector', body: { houseId: mine[3]!.houseId, degree: 'minor', photos: [theirs] } });
    expect([refused.status, refused.body.error.code, refused.body.error.field]).toEqual([403, 'photo_not_yours', 'photos']);
    const own = await uploadPhoto(t, inspector, '#8b4513');
    const ok = await t.json(`/api/disasters/${event.id}/reports`, { method: 'POST', as: 'inspector', body: { houseId: mine[3]!.houseId, degree: 'minor', photos: [own] } });
    expect(ok.status).toBe(201);
    expect(ok.body.report.photos).toEqual([own]);
    expect((await t.get(`/api/photos/${own}/thumb`, 'township')).status).toBe(200);
    const s = await t.login('leader-other', 'leader-other-pass');
    expect((await t.app.request(`/api/photos/${own}/thumb`, { headers: { cookie: s.cookie } })).status).toBe(404);
  });

  it('lists the events with their counts for the caller’s jurisdiction only', async () => {
    const county = (await t.json('/api/disasters')).body.events as any[];
    const flood = county.find((e) => e.name === '1月30日暴雨洪涝');
    expect(flood.counts.reported).toBe(2);
    const inspector = (await t.json('/api/disasters', { as: 'inspector' })).body.events as any[];
    expect(inspector.find((e) => e.id === flood.id).counts.reported).toBe(2);
    // Eight days on, the event is no longer offered to the field view.
    clock = Date.parse('2026-02-08T02:00:00Z');
    t.forgetSessions(); // five days idle ended the sessions
    try {
      const recent = (await t.json('/api/disasters?recent=true', { as: 'inspector' })).body.events as any[];
      expect(recent.map((e) => e.name)).not.toContain('1月30日暴雨洪涝');
      expect(recent.map((e) => e.name)).toContain('2月2日大风');
    } finally {
      clock = Date.parse('2026-02-03T02:00:00Z');
      t.forgetSessions();
    }
  });
});
