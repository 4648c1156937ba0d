import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays } from '../../server/domain/deadlines.ts';
import { LEDGER_STATES } from '../../server/domain/ledger-states.ts';
import { seededApp, type DemoUser } from './harness.ts';
import { appraiseOn, listOn, monitoredHouses, putInLedger, type SceneHouse } from './ledger-scene.ts';

// China day 2026-11-20 (noon): the 30 November deadline of houses found dangerous in January–June is 10 days off.
let clock = Date.parse('2026-11-20T04:00:00Z');
let t: ReturnType<typeof seededApp>;

let demoTownship: string; // the township and village of the demo accounts
let demoVillage: string;
let otherTownship: string;
let home: SceneHouse[]; // in the demo village
let near: SceneHouse[]; // elsewhere in the demo township
let away: SceneHouse[]; // in another township

type Row = Record<string, any>;
const ledger = async (query = '', as: DemoUser = 'county') => t.json<any>(`/api/ledger${query}`, { as });
const ids = (rows: Row[]) => rows.map((r) => r.houseId as number);

beforeAll(() => {
  t = seededApp(2000, 3, { now: () => clock });
  const first = (sql: string, ...args: unknown[]) => (t.db.prepare(sql).get(...args) as { code: string }).code;
  demoTownship = first("SELECT code FROM regions WHERE level = 'township' ORDER BY code LIMIT 1");
  demoVillage = first("SELECT code FROM regions WHERE level = 'village' AND parent_code = ? ORDER BY code LIMIT 1", demoTownship);
  otherTownship = first("SELECT code FROM regions WHERE level = 'township' ORDER BY code LIMIT 1 OFFSET 3");
  // Not appraised since October, so the one-month test below decides what counts as appraised since listing.
  home = monitoredHouses(t.db, demoVillage, 40).filter((h) => (h.appraisedOn ?? '') < '2026-10-01').slice(0, 6);
  near = monitoredHouses(t.db, demoTownship, 120).filter((h) => h.villageCode !== demoVillage && (h.appraisedOn ?? '') < '2026-10-01').slice(0, 8);
  away = monitoredHouses(t.db, otherTownship, 12);
  const at = (h: SceneHouse[], i: number) => h[i]!.houseId;

  // The demo village: one of each early stage.
  putInLedger(t.db, at(home, 0), 'suspected', { on: '2026-11-02', habitable: false }); // must move out
  putInLedger(t.db, at(home, 1), 'listed', { on: '2026-07-01', grade: 'D' }); // due 2027-05-31: open; D, not moved
  putInLedger(t.db, at(home, 2), 'planned', { on: '2026-06-30', grade: 'C', mode: 'rebuild' }); // due 2026-11-30: due soon
  putInLedger(t.db, at(home, 3), 'under_works', { on: '2025-12-31', grade: 'D', relocatedOn: '2026-01-05' }); // due 2026-05-31: overdue, moved
  // Elsewhere in the demo township: the later stages.
  putInLedger(t.db, at(near, 0), 'completed', { on: '2026-01-01', grade: 'C', completedOn: '2026-11-01' }); // met
  putInLedger(t.db, at(near, 1), 'accepted', { on: '2025-08-01', grade: 'C', completedOn: '2026-06-10', mode: 'new_site' }); // late
  putInLedger(t.db, at(near, 2), 'closed_out', { on: '2025-03-01', completedOn: '2025-09-01' });
  putInLedger(t.db, at(near, 3), 'sealed', { on: '2025-10-01', idleChecks: ['2026-01-15', '2026-05-02'] }); // last check > 90 days ago
  putInLedger(t.db, at(near, 4), 'idle', { on: '2026-05-01', idleChecks: ['2026-10-01'] }); // checked recently
  putInLedger(t.db, at(near, 5), 'closed', { on: '2025-02-01' });
  // Another township.
  putInLedger(t.db, at(away, 0), 'under_works', { on: '2026-02-10', grade: 'C' }); // due soon
  putInLedger(t.db, at(away, 1), 'under_works', { on: '2025-09-10', grade: 'D' }); // overdue, not moved
  putInLedger(t.db, at(away, 2), 'listed', { on: '2026-09-01', grade: 'C' });
  putInLedger(t.db, at(away, 3), 'guaranteed', { on: '2026-04-01' });
});
afterAll(() => t.close());

describe('GET /api/ledger', () => {
  it('lists every house with a case running or ended in close-out — none in plain monitoring — with its facts', async () => {
    const { status, body } = await ledger('?pageSize=200');
    expect(status).toBe(200);
    expect(body.today).toBe('2026-11-20');
    expect(body.total).toBe(14);
    expect(body.rows).toHaveLength(14);
    expect(body.rows.some((r: Row) => r.state === 'monitoring')).toBe(false);
    const row = body.rows.find((r: Row) => r.houseId === home[3]!.houseId);
    expect(row).toMatchObject({
      householdId: home[3]!.householdId,
      householdNo: home[3]!.householdNo,
      townshipCode: demoTownship,
      villageCode: demoVillage,
      grade: 'D',
      state: 'under_works',
      openedOn: '2025-12-31',
      dangerousOn: '2025-12-31',
      worksDueOn: '2026-05-31',
      standing: 'overdue',
      planMode: 'repair_strengthen',
      mustMoveOut: false,
      relocated: true,
    });
    expect(typeof row.caseId).toBe('number');
    expect(typeof row.headName).toBe('string');
    expect(typeof row.townshipName).toBe('string');
    // No personal data beyond the head's name.
    expect(Object.keys(row).sort()).toEqual(
      ['houseId', 'householdId', 'householdNo', 'headName', 'townshipCode', 'townshipName', 'villageCode', 'villageName', 'structure',
        'grade', 'state', 'caseId', 'openedOn', 'dangerousOn', 'worksDueOn', 'standing', 'planMode', 'mustMoveOut', 'relocated'].sort(),
    );
  });

  it('gives the works deadline standing by stage: running, then met or late once done, none off the works path', async () => {
    const rows: Row[] = (await ledger('?pageSize=200')).body.rows;
    const standing = (h: SceneHouse) => rows.find((r) => r.houseId === h.houseId)!.standing;
    expect(standing(home[0]!)).toBeNull(); // suspected: no deadline yet
    expect(standing(home[1]!)).toBe('open');
    expect(standing(home[2]!)).toBe('due_soon');
    expect(standing(near[0]!)).toBe('met');
    expect(standing(near[1]!)).toBe('late');
    expect(standing(near[2]!)).toBe('met'); // closed out: the last case's
    expect(standing(near[3]!)).toBeNull(); // sealed
    expect(standing(away[3]!)).toBeNull(); // guaranteed
  });

  it('filters by state, township, village, grade, standing, mode, move-out and name or number', async () => {
    const only = async (query: string) => ids((await ledger(`${query}&pageSize=200`)).body.rows).sort((a, b) => a - b);
    const sorted = (...h: SceneHouse[]) => h.map((x) => x.houseId).sort((a, b) => a - b);
    expect(await only('?state=under_works')).toEqual(sorted(home[3]!, away[0]!, away[1]!));
    expect(await only('?state=listed,planned')).toEqual(sorted(home[1]!, home[2]!, away[2]!));
    expect(await only(`?township=${otherTownship}`)).toEqual(sorted(...away.slice(0, 4)));
    expect(await only(`?village=${demoVillage}`)).toEqual(sorted(...home.slice(0, 4)));
    expect(await only(`?grade=C&township=${otherTownship}`)).toEqual(sorted(away[0]!, away[2]!));
    expect(await only('?standing=overdue')).toEqual(sorted(home[3]!, away[1]!));
    expect(await only('?standing=due_soon,met')).toEqual(sorted(home[2]!, away[0]!, near[0]!, near[2]!));
    expect(await only('?mode=rebuild,new_site')).toEqual(sorted(home[2]!, near[1]!));
    expect(await only('?mode=guarantee')).toEqual(sorted(near[3]!, near[4]!, near[5]!, away[3]!));
    // A D house nobody has left, and a house judged 不可以居住 on patrol; not the relocated one.
    expect(await only('?mustMoveOut=true')).toEqual(sorted(home[0]!, home[1]!, away[1]!));
    expect(await only(`?q=${home[2]!.householdNo}`)).toEqual(sorted(home[2]!));
    expect(await only('?state=under_works&standing=overdue&township=' + otherTownship)).toEqual(sorted(away[1]!));
  });

  it('sorts by due day, stage, village, grade or opening day, either way, nulls last', async () => {
    const all = async (sort: string, dir: string) => (await ledger(`?pageSize=200&sort=${sort}&dir=${dir}`)).body.rows as Row[];
    const check = async (sort: string, key: (r: Row) => string | number | null) => {
      for (const dir of ['asc', 'desc']) {
        const keys = (await all(sort, dir)).map(key);
        const present = keys.filter((k) => k !== null);
        const nulls = keys.length - present.length;
        expect(keys.slice(keys.length - nulls).every((k) => k === null), `${sort} ${dir}: nulls last`).toBe(true);
        const want = [...present].sort((a, b) => (a! < b! ? -1 : a! > b! ? 1 : 0));
        if (dir === 'desc') want.reverse();
        expect(present, `${sort} ${dir}`).toEqual(want);
      }
    };
    for (const dir of ['asc', 'desc']) {
      // Running deadlines first, each group by due day.
      const rows = await all('due', dir);
      const running = rows.map((r) => ['listed', 'planned', 'under_works'].includes(r.state));
      expect(running, dir).toEqual([...running].sort((a, b) => Number(b) - Number(a)));
      for (const group of [rows.filter((_, i) => running[i]), rows.filter((_, i) => !running[i])]) {
        const due = group.map((r) => r.worksDueOn).filter((d) => d !== null);
        expect(group.slice(due.length).every((r) => r.worksDueOn === null)).toBe(true);
        expect(due, dir).toEqual(dir === 'asc' ? [...due].sort() : [...due].sort().reverse());
      }
    }
    await check('state', (r) => LEDGER_STATES.indexOf(r.state));
    await check('village', (r) => r.villageCode);
    await check('grade', (r) => r.grade);
    await check('opened', (r) => r.openedOn);
    // The default: most urgent deadline first (two overdue since 31 May: by house).
    expect(ids((await ledger('')).body.rows).slice(0, 2)).toEqual([home[3]!.houseId, away[1]!.houseId].sort((a, b) => a - b));
  });

  it('pages without overlap or gaps, and says how many there are in all', async () => {
    const whole = ids((await ledger('?pageSize=200&sort=opened')).body.rows);
    const pages: number[] = [];
    for (let page = 1; page <= 4; page++) {
      const { body } = await ledger(`?pageSize=4&page=${page}&sort=opened`);
      expect(body).toMatchObject({ total: 14, page, pageSize: 4 });
      pages.push(...ids(body.rows));
    }
    expect(pages).toEqual(whole);
    expect((await ledger('?pageSize=4&page=5')).body.rows).toEqual([]);
  });

  it('counts per stage and township under the same filters except the stage, so the tabs keep their numbers', async () => {
    const { body } = await ledger('?state=under_works');
    expect(body.total).toBe(3);
    const { byState, byTownship } = body.counts;
    expect(Object.keys(byState).sort()).toEqual([...LEDGER_STATES].sort());
    expect(byState).toMatchObject({ monitoring: 0, suspected: 1, listed: 2, planned: 1, under_works: 3, completed: 1, accepted: 1, closed_out: 1, guaranteed: 1, idle: 1, sealed: 1, closed: 1 });
    const demo = byTownship.find((x: Row) => x.code === demoTownship);
    const other = byTownship.find((x: Row) => x.code === otherTownship);
    expect(demo).toMatchObject({ overdue: 1, mustMoveOut: 2 });
    expect(demo.byState).toMatchObject({ suspected: 1, listed: 1, under_works: 1, completed: 1, closed: 1 });
    expect(other).toMatchObject({ overdue: 1, mustMoveOut: 1 });
    expect(other.byState).toMatchObject({ under_works: 2, listed: 1, guaranteed: 1 });
    // Every township of the county is listed, with zeros where the ledger is empty.
    const townships = t.db.prepare("SELECT count(*) AS n FROM regions WHERE level = 'township'").get() as { n: number };
    expect(byTownship).toHaveLength(townships.n);
    // Filters other than the stage narrow the counts.
    const graded = (await ledger('?grade=C')).body.counts.byState;
    expect(graded).toMatchObject({ planned: 1, under_works: 1, listed: 1, closed_out: 0 });
  });

  it('shows a township only its own ledger: another township’s rows never appear, and asking for them is 404', async () => {
    const mine = await ledger('?pageSize=200', 'township');
    expect(mine.status).toBe(200);
    expect(mine.body.total).toBe(10);
    expect(mine.body.rows.every((r: Row) => r.townshipCode === demoTownship)).toBe(true);
    expect(mine.body.counts.byTownship.map((x: Row) => x.code)).toEqual([demoTownship]);
    expect(mine.body.counts.byState.under_works).toBe(1);
    const asked = await ledger(`?township=${otherTownship}`, 'township');
    expect(asked.status).toBe(404);
    expect(asked.body.error).toMatchObject({ code: 'region_not_found', field: 'township' });
    expect((await ledger(`?q=${away[1]!.householdNo}`, 'township')).body.total).toBe(0);
    // The leader reads the same; the village inspector only the village; the viewer the county.
    expect((await ledger('', 'leader')).body.total).toBe(10);
    const village = await ledger('?pageSize=200', 'inspector');
    expect(ids(village.body.rows).sort((a, b) => a - b)).toEqual(home.slice(0, 4).map((h) => h.houseId).sort((a, b) => a - b));
    expect((await ledger('', 'viewer')).body.total).toBe(14);
  });

  it('refuses bad query parameters with 400 naming the field', async () => {
    const bad: [string, string][] = [
      ['?pageSize=201', 'pageSize'],
      ['?pageSize=0', 'pageSize'],
      ['?page=0', 'page'],
      ['?page=two', 'page'],
      ['?state=monitoring', 'state'],
      ['?state=listed,nowhere', 'state'],
      ['?grade=E', 'grade'],
      ['?standing=soon', 'standing'],
      ['?mode=repair', 'mode'],
      ['?mustMoveOut=maybe', 'mustMoveOut'],
      ['?sort=name', 'sort'],
      ['?dir=up', 'dir'],
      ['?q=', 'q'],
      ['?township=6109', 'township'],
      ['?order=due', 'order'],
    ];
    for (const [query, field] of bad) {
      const { status, body } = await ledger(query);
      expect(status, query).toBe(400);
      expect(body.error.field, query).toBe(field);
    }
    // A village's code where a township is wanted, and the other way round.
    expect((await ledger(`?township=${demoVillage}`)).body.error).toMatchObject({ code: 'invalid_input', field: 'township' });
    expect((await ledger(`?village=${demoTownship}`)).body.error).toMatchObject({ code: 'invalid_input', field: 'village' });
    expect((await ledger('?township=610999999000')).status).toBe(404);
  });
});

describe('GET /api/ledger/deadlines', () => {
  const deadlines = async (as: DemoUser = 'county') => (await t.json<any>('/api/ledger/deadlines', { as })).body;

  it('lists works due soon and overdue (seed 001), most urgent first', async () => {
    const d = await deadlines();
    expect(d.today).toBe('2026-11-20');
    expect(d.works.overdue.total).toBe(2);
    expect(ids(d.works.overdue.rows)).toEqual([home[3]!.houseId, away[1]!.houseId].sort((a, b) => a - b)); // both due 31 May: by house
    expect(d.works.dueSoon.total).toBe(2);
    expect(d.works.dueSoon.rows.every((r: Row) => r.worksDueOn === '2026-11-30')).toBe(true);
    const mine = await deadlines('township');
    expect(ids(mine.works.overdue.rows)).toEqual([home[3]!.houseId]);
  });

  it('moves the 30 November deadline of a house found on 30 June, not of one found on 1 July, at China midnight', async () => {
    try {
      clock = Date.parse('2026-11-30T15:59:59Z'); // 23:59:59 on 30 November in Beijing: the due day is still in time
      t.forgetSessions(); // ten days on, yesterday's sessions have ended
      let rows: Row[] = (await ledger('?pageSize=200')).body.rows;
      expect(rows.find((r) => r.houseId === home[2]!.houseId)!.standing).toBe('due_soon'); // found 2026-06-30
      expect(rows.find((r) => r.houseId === home[1]!.houseId)!.standing).toBe('open'); // found 2026-07-01: 2027-05-31
      clock = Date.parse('2026-11-30T16:00:00Z'); // 00:00 on 1 December in Beijing
      rows = (await ledger('?pageSize=200')).body.rows;
      expect(rows.find((r) => r.houseId === home[2]!.houseId)!.standing).toBe('overdue');
      expect(rows.find((r) => r.houseId === home[1]!.houseId)!.standing).toBe('open');
      expect((await deadlines()).works.overdue.total).toBe(4); // and the other township's February one
    } finally {
      clock = Date.parse('2026-11-20T04:00:00Z');
      t.forgetSessions();
    }
  });

  it('applies the one-month rule (seed 003): listed five weeks ago unappraised is overdue, two weeks ago due soon, appraised since neither', async () => {
    const today = '2026-11-20';
    t.db.prepare('UPDATE households SET listed_on = NULL').run();
    const [fiveWeeks, twoWeeks, appraised, appraisedBefore] = home.slice(4, 6).concat(near.slice(6, 8));
    listOn(t.db, fiveWeeks!.householdId, addDays(today, -35));
    listOn(t.db, twoWeeks!.householdId, addDays(today, -14));
    listOn(t.db, appraised!.householdId, addDays(today, -35));
    appraiseOn(t.db, appraised!.houseId, addDays(today, -20));
    listOn(t.db, appraisedBefore!.householdId, addDays(today, -35)); // appraised only before being listed: still overdue
    appraiseOn(t.db, appraisedBefore!.houseId, addDays(today, -40));
    const d = await deadlines();
    expect(d.appraisals.overdue.rows.map((r: Row) => r.householdId).sort()).toEqual([fiveWeeks!.householdId, appraisedBefore!.householdId].sort());
    expect(d.appraisals.overdue.total).toBe(2);
    expect(d.appraisals.overdue.rows[0]).toMatchObject({ listedOn: '2026-10-16', dueOn: '2026-11-16' });
    expect(d.appraisals.dueSoon.rows).toEqual([
      expect.objectContaining({ householdId: twoWeeks!.householdId, listedOn: '2026-11-06', dueOn: '2026-12-06', houseId: twoWeeks!.houseId }),
    ]);
    // The due day itself is still in time.
    listOn(t.db, twoWeeks!.householdId, '2026-10-20');
    expect((await deadlines()).appraisals.dueSoon.rows.map((r: Row) => r.householdId)).toEqual([twoWeeks!.householdId]);
    listOn(t.db, twoWeeks!.householdId, '2026-10-19');
    expect((await deadlines()).appraisals.overdue.total).toBe(3);
    // Another township's households are not the demo township's business.
    expect((await deadlines('township')).appraisals.overdue.total).toBe(3);
    expect((await deadlines('inspector')).appraisals.overdue.total).toBe(2); // the two of the demo village
  });

  it('flags idle and sealed houses not looked at for more than 90 days', async () => {
    const d = await deadlines();
    expect(d.idleChecks.overdue.total).toBe(1);
    expect(d.idleChecks.overdue.rows[0]).toMatchObject({ houseId: near[3]!.houseId, state: 'sealed', lastCheckedOn: '2026-05-02', dueOn: '2026-07-31' });
    expect((await deadlines('viewer')).idleChecks.overdue.total).toBe(1);
  });

  it('takes no query parameters', async () => {
    const { status, body } = await t.json<any>('/api/ledger/deadlines?limit=5');
    expect(status).toBe(400);
    expect(body.error.field).toBe('limit');
  });
});

describe('the map', () => {
  it('marks overdue houses and those people must still leave, and filters by overdue', async () => {
    const fc = (await t.json<any>('/api/households')).body;
    const props = (h: SceneHouse) => fc.features.find((f: any) => f.id === h.householdId).properties;
    expect(props(home[3]!)).toMatchObject({ status: 'under_works', overdue: true, mustMoveOut: false });
    expect(props(away[1]!)).toMatchObject({ status: 'under_works', overdue: true, mustMoveOut: true });
    expect(props(home[0]!)).toMatchObject({ status: 'suspected', overdue: false, mustMoveOut: true });
    expect(props(home[2]!)).toMatchObject({ status: 'planned', overdue: false });
    expect(fc.features.filter((f: any) => f.properties.overdue)).toHaveLength(2);
    const overdue = (await t.json<any>('/api/households?overdue=true')).body;
    expect(overdue.features.map((f: any) => f.id).sort()).toEqual([home[3]!.householdId, away[1]!.householdId].sort());
    expect((await t.json<any>('/api/households?overdue=false')).body.total).toBe(1998);
    expect((await t.json<any>('/api/stats?overdue=true')).body.total).toBe(2);
    expect((await t.json<any>('/api/households?overdue=true', { as: 'township' })).body.features.map((f: any) => f.id)).toEqual([home[3]!.householdId]);
    expect((await t.json<any>('/api/households?overdue=soon')).body.error.field).toBe('overdue');
  });
});
