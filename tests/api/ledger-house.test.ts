// One house's ledger through the API (issue 11): from suspected to close-out and back, every move
// audited and in the timeline; and every refusal of the "Bad input" section, each changing nothing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp, type DemoUser } from './harness.ts';

// China time 2027-03-01 10:00: after every seeded appraisal (the demo county is as of 2026-10-31).
let clock = Date.parse('2027-03-01T10:00:00+08:00');
let t: ReturnType<typeof seededApp>;
let staffId: number;
let villageHouses: number[];

beforeAll(async () => {
  t = seededApp(1200, 7, { now: () => clock });
  const staff = (await t.json('/api/auth/me', { as: 'staff' })).body.user;
  staffId = staff.id;
  // The county's technician holds an appraisal training (seed 001); the demo township account only a patrol one.
  const trained = await t.json('/api/trainings', {
    method: 'POST',
    body: { userId: staffId, kind: 'appraisal', course: '农村住房安全性鉴定', trainedOn: '2026-01-10', validUntil: '2029-01-10' },
  });
  expect(trained.status, JSON.stringify(trained.body)).toBe(201);
  const village = (await t.json('/api/auth/me', { as: 'inspector' })).body.user.region.code as string;
  villageHouses = (
    t.db
      .prepare(
        `SELECT o.id FROM houses o JOIN households h ON h.id = o.household_id
          WHERE h.village_code = ? AND o.is_current = 1 AND o.status = 'monitoring' ORDER BY o.id`,
      )
      .all(village) as { id: number }[]
  ).map((r) => r.id);
  expect(villageHouses.length).toBeGreaterThan(8);
});
afterAll(() => t.close());

const post = (path: string, body: unknown, as: DemoUser = 'county', method = 'POST') => t.json(path, { method, as, body });
const move = (house: number, action: string, date: string, as: DemoUser = 'county', extra: object = {}) =>
  post(`/api/houses/${house}/transitions`, { action, date, ...extra }, as);
const appraise = (house: number, body: object, as: DemoUser = 'staff') =>
  post(`/api/houses/${house}/appraisals`, { kind: 'formal', appraiserId: staffId, ...body }, as);
const count = (table: string) => (t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

/** Everything a refused request must leave as it was. */
function snapshot(house: number) {
  return {
    house: t.db.prepare('SELECT status, case_id, grade, appraised_on, move_out_required, built_year, structure FROM houses WHERE id = ?').get(house),
    cases: t.db.prepare('SELECT * FROM ledger_cases WHERE house_id = ? ORDER BY id').all(house),
    counts: ['ledger_cases', 'house_transitions', 'appraisals', 'appraisal_photos', 'audit_log', 'rectification_plans', 'plan_saves', 'relocations', 'idle_house_checks', 'case_photos'].map(
      (n) => [n, count(n)],
    ),
  };
}

describe('a house from suspected to close-out', () => {
  it('goes suspected → D → planned → works → completed → failed acceptance → works → completed → accepted → closed out, each move audited and in the timeline', async () => {
    const house = villageHouses[0]!;
    const ok = async (res: Promise<{ status: number; body: any }>, state: string) => {
      const r = await res;
      expect(r.status, JSON.stringify(r.body)).toBeLessThan(300);
      expect(r.body.ledger.state).toBe(state);
      return r.body.ledger;
    };
    // The village inspector finds it suspect (an inspector may do nothing else).
    let ledger = await ok(move(house, 'suspect', '2027-01-05', 'inspector'), 'suspected');
    expect(ledger.case).toMatchObject({ source: 'patrol', openedOn: '2027-01-05', dangerousOn: null, worksDueOn: null });
    const firstCase = ledger.case.id as number;

    // Appraised D in January: works due 30 November (seed 001), and the people must move out now.
    const appraisal = await appraise(house, { date: '2027-01-10', grade: 'D', components: { foundation: 'c', walls: 'd' }, notes: '承重墙严重开裂' });
    expect(appraisal.status, JSON.stringify(appraisal.body)).toBe(201);
    expect(appraisal.body.appraisal).toMatchObject({ kind: 'formal', grade: 'D', appraiserId: staffId, caseId: firstCase, components: { walls: 'd' } });
    ledger = appraisal.body.ledger;
    expect(ledger).toMatchObject({ state: 'listed', grade: 'D', mustMoveOut: true });
    expect(ledger.case).toMatchObject({ id: firstCase, grade: 'D', dangerousOn: '2027-01-10', worksDueOn: '2027-11-30', worksStanding: 'open' });
    const hh = (t.db.prepare('SELECT household_id AS id FROM houses WHERE id = ?').get(house) as { id: number }).id;
    expect((await t.json(`/api/households?moveOut=true`)).body.features.map((f: any) => f.id)).toContain(hh);
    expect((await t.json(`/api/households/${hh}`)).body.house).toMatchObject({ grade: 'D', status: 'listed', moveOutRequired: true });

    // People first: moved to relatives, the flag drops.
    const moved = await post(`/api/houses/${house}/relocations`, { place: '同村亲戚家', placeKind: 'relatives', movedOn: '2027-01-11', people: 1 });
    expect(moved.status, JSON.stringify(moved.body)).toBe(201);
    expect(moved.body.ledger).toMatchObject({ mustMoveOut: false, relocation: { place: '同村亲戚家', people: 1, returnedOn: null } });

    // The plan (四清一责任): the first save plans the house, a second one only records itself.
    const plan = { mode: 'rebuild', responsible: { works: { name: '李工' }, acceptance: { name: '县住建局', userId: staffId } }, fundsCentral: 35000 };
    await ok(post(`/api/houses/${house}/plan`, { ...plan, date: '2027-01-15' }, 'township', 'PUT'), 'planned');
    ledger = await ok(post(`/api/houses/${house}/plan`, { ...plan, fundsLocal: 5000 }, 'township', 'PUT'), 'planned');
    expect(ledger.plan).toMatchObject({ mode: 'rebuild', fundsCentral: 35000, fundsLocal: 5000, responsible: { works: { name: '李工' } } });

    await ok(move(house, 'start_works', '2027-02-01', 'township'), 'under_works');
    await ok(move(house, 'complete_works', '2027-02-10', 'township'), 'completed');
    // Acceptance is the county's: a failed one goes back to works, and needs a reason.
    const noReason = await move(house, 'fail_acceptance', '2027-02-12', 'staff');
    expect([noReason.status, noReason.body.error.field]).toEqual([400, 'reason']);
    await ok(move(house, 'fail_acceptance', '2027-02-12', 'staff', { reason: '屋面防水不合格' }), 'under_works');
    await ok(move(house, 'complete_works', '2027-02-20', 'township'), 'completed');
    ledger = await ok(move(house, 'accept', '2027-02-22', 'staff'), 'accepted');
    expect(ledger.plan).toMatchObject({ worksStartedOn: '2027-02-01', worksCompletedOn: '2027-02-20', acceptedOn: '2027-02-22' });
    // Close-out (销号) is the county admin's alone.
    ledger = await ok(move(house, 'close_out', '2027-02-25', 'county'), 'closed_out');
    expect(ledger.case).toBeNull();
    const closed = t.db.prepare('SELECT * FROM ledger_cases WHERE id = ?').get(firstCase) as any;
    expect(closed).toMatchObject({ outcome: 'closed_out', closed_on: '2027-02-25' });
    // The rebuild is in the house's renovation history now.
    expect(t.db.prepare('SELECT method, completed_on FROM renovations WHERE house_id = ? ORDER BY id DESC LIMIT 1').get(house)).toEqual({ method: 'rebuild', completed_on: '2027-02-20' });

    const actions = ['suspect', 'appraise', 'plan', 'start_works', 'complete_works', 'fail_acceptance', 'complete_works', 'accept', 'close_out'];
    const audited = (t.db.prepare("SELECT action FROM audit_log WHERE entity = 'house' AND entity_id = ? AND action LIKE 'house.%' ORDER BY id").all(String(house)) as { action: string }[]).map(
      (r) => r.action,
    );
    expect(audited).toEqual(actions.map((a) => (a === 'suspect' ? 'house.suspected' : `house.${a}`)));
    const timeline = (await t.json(`/api/houses/${house}/timeline`, { as: 'leader' })).body.events as any[];
    expect(timeline.filter((e) => e.kind === 'transition').map((e) => e.action)).toEqual(actions);
    expect(timeline.filter((e) => e.kind === 'transition').map((e) => e.to)).toEqual([
      'suspected', 'listed', 'planned', 'under_works', 'completed', 'under_works', 'completed', 'accepted', 'closed_out',
    ]);
    expect(timeline.find((e) => e.kind === 'appraisal' && e.appraisalKind === 'formal' && e.on === '2027-01-10')).toMatchObject({ grade: 'D', by: 'staff' });
    expect(timeline.filter((e) => e.kind === 'plan')).toHaveLength(2);
    expect(timeline.find((e) => e.kind === 'relocation')).toMatchObject({ place: '同村亲戚家', movedOn: '2027-01-11' });
    expect(timeline.find((e) => e.action === 'fail_acceptance')).toMatchObject({ reason: '屋面防水不合格', by: 'staff', from: 'completed', to: 'under_works' });
    const days = timeline.map((e) => e.on);
    expect(days).toEqual([...days].sort());

    // Suspect again: a NEW case; the closed one is untouched and cannot be edited.
    ledger = await ok(move(house, 'suspect', '2027-02-27', 'county'), 'suspected');
    expect(ledger.case.id).not.toBe(firstCase);
    expect(ledger.case.source).toBe('staff');
    expect(t.db.prepare('SELECT * FROM ledger_cases WHERE id = ?').get(firstCase)).toEqual(closed);
    expect(() => t.db.prepare("UPDATE ledger_cases SET outcome = 'cleared' WHERE id = ?").run(firstCase)).toThrow(/never edited/);
    expect(() => t.db.prepare('DELETE FROM house_transitions WHERE house_id = ?').run(house)).toThrow(/append-only/);
  });

  it('clears a suspected house appraised A or B: back to monitoring, its case closed as cleared', async () => {
    const house = villageHouses[1]!;
    const suspected = await move(house, 'suspect', '2027-01-20', 'township');
    const caseId = suspected.body.ledger.case.id;
    const res = await appraise(house, { date: '2027-01-25', grade: 'B' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.ledger).toMatchObject({ state: 'monitoring', grade: 'B', case: null, mustMoveOut: false });
    expect(t.db.prepare('SELECT outcome, grade, dangerous_on FROM ledger_cases WHERE id = ?').get(caseId)).toEqual({ outcome: 'cleared', grade: 'B', dangerous_on: null });
    // B is a key house (重点房屋, seeds 000/001).
    expect(t.db.prepare('SELECT key_house FROM houses WHERE id = ?').get(house)).toEqual({ key_house: 1 });
  });

  it('offers each user the actions their role may take now; the viewer and the leader none', async () => {
    const house = villageHouses[2]!;
    const actionsOf = async (as: DemoUser) => (await t.json(`/api/houses/${house}/ledger`, { as })).body.actions;
    expect(await actionsOf('inspector')).toEqual(['suspect']);
    expect(await actionsOf('township')).toEqual(['suspect', 'appraise']);
    expect(await actionsOf('viewer')).toEqual([]);
    expect(await actionsOf('leader')).toEqual([]);
    await move(house, 'suspect', '2027-01-20', 'township');
    await appraise(house, { date: '2027-01-21', grade: 'C' });
    expect(await actionsOf('township')).toEqual(['appraise', 'plan', 'guarantee']);
    expect(await actionsOf('inspector')).toEqual([]);
  });
});

describe('bad input: refused with the field named, nothing changed', () => {
  const refused = async (house: number, req: Promise<{ status: number; body: any }>, status: number, code: string, field: string) => {
    const before = snapshot(house);
    const res = await req;
    expect([res.status, res.body.error?.code, res.body.error?.field], JSON.stringify(res.body)).toEqual([status, code, field]);
    expect(snapshot(house)).toEqual(before);
    return res.body.error;
  };

  it('an illegal transition: 409 with the allowed actions listed', async () => {
    const house = villageHouses[3]!;
    const error = await refused(house, move(house, 'start_works', '2027-02-01'), 409, 'illegal_transition', 'action');
    expect(error.allowed).toEqual(['suspect', 'appraise']);
    await refused(house, move(house, 'appraise', '2027-02-01'), 400, 'invalid_input', 'action');
    await refused(house, move(house, 'seal', '2027-02-01'), 400, 'invalid_input', 'detail.signPosted');
  });

  it('dates in the future, not real, or before the house existed or its last move', async () => {
    const house = villageHouses[4]!;
    await refused(house, move(house, 'suspect', '2027-03-02'), 400, 'date_in_future', 'date');
    await refused(house, move(house, 'suspect', '2027-02-30'), 400, 'invalid_input', 'date');
    await refused(house, appraise(house, { date: '2027-03-02', grade: 'C' }), 400, 'date_in_future', 'date');
    // Built in the year of its first appraisal: nothing can be dated before 1 January of that year.
    const built = Number((t.db.prepare('SELECT min(appraised_on) FROM appraisals WHERE house_id = ?').pluck().get(house) as string).slice(0, 4));
    await refused(house, post(`/api/houses/${house}`, { builtYear: built + 1 }, 'township', 'PATCH'), 400, 'date_before_house', 'builtYear');
    const edit = await post(`/api/houses/${house}`, { builtYear: built }, 'township', 'PATCH');
    expect([edit.status, edit.body.house?.builtYear]).toEqual([200, built]);
    await refused(house, appraise(house, { date: `${built - 1}-06-01`, grade: 'C' }), 400, 'date_before_house', 'date');
    await refused(house, move(house, 'suspect', `${built - 1}-12-31`), 400, 'date_before_house', 'date');
    expect((await move(house, 'suspect', '2027-02-10')).status).toBe(200);
    await refused(house, appraise(house, { date: '2027-02-09', grade: 'C' }), 400, 'date_out_of_order', 'date');
  });

  it('unknown, untrained and lapsed appraisers', async () => {
    const house = villageHouses[5]!;
    await refused(house, appraise(house, { date: '2027-02-01', grade: 'D', appraiserId: 999999 }), 400, 'unknown_appraiser', 'appraiserId');
    const township = (await t.json('/api/auth/me', { as: 'township' })).body.user.id;
    // Trained to patrol, not to appraise.
    await refused(house, appraise(house, { date: '2027-02-01', grade: 'D', appraiserId: township }), 422, 'appraiser_untrained', 'appraiserId');
    const made = await post('/api/users', { username: 'old.tech', displayName: '老技术员', role: 'county_staff', regionCode: t.db.prepare("SELECT code FROM regions WHERE level = 'county'").pluck().get(), password: 'long-enough-pass' });
    expect(made.status).toBe(201);
    await post('/api/trainings', { userId: made.body.user.id, kind: 'appraisal', course: '农村住房安全性鉴定', trainedOn: '2023-03-01', validUntil: '2026-12-31' });
    const lapsed = await refused(house, appraise(house, { date: '2027-02-01', grade: 'D', appraiserId: made.body.user.id }), 422, 'appraiser_untrained', 'appraiserId');
    expect(lapsed.message).toMatch(/lapsed/);
    // On a day the training still held, the same person may appraise.
    expect((await appraise(house, { date: '2026-12-20', grade: 'B', appraiserId: made.body.user.id })).status).toBe(201);
  });

  it('a grade or a state edited outside an appraisal or a transition', async () => {
    const house = villageHouses[6]!;
    await refused(house, post(`/api/houses/${house}`, { grade: 'A' }, 'county', 'PATCH'), 400, 'grade_via_appraisal', 'grade');
    await refused(house, post(`/api/houses/${house}`, { storeys: 2, appraisedOn: '2027-01-01' }, 'county', 'PATCH'), 400, 'grade_via_appraisal', 'appraisedOn');
    await refused(house, post(`/api/houses/${house}`, { status: 'closed_out' }, 'county', 'PATCH'), 400, 'state_via_transition', 'status');
    await refused(house, post(`/api/houses/${house}`, { colour: 'red' }, 'county', 'PATCH'), 400, 'invalid_input', 'colour');
    await refused(house, post(`/api/houses/${house}`, { builtYear: 2030 }, 'county', 'PATCH'), 400, 'invalid_input', 'builtYear');
  });

  it('close-out by a township role or by county staff: 403 naming the action', async () => {
    const house = villageHouses[7]!;
    for (const [action, date, as] of [
      ['suspect', '2027-01-02', 'township'],
      ['start_works', '2027-01-05', 'township'],
    ] as const) {
      if (action === 'start_works') {
        expect((await appraise(house, { date: '2027-01-03', grade: 'C' })).status).toBe(201);
        expect((await post(`/api/houses/${house}/plan`, { mode: 'repair_strengthen', responsible: {}, date: '2027-01-04' }, 'township', 'PUT')).status).toBe(200);
      }
      expect((await move(house, action, date, as)).status).toBe(200);
    }
    await move(house, 'complete_works', '2027-01-20', 'township');
    // Acceptance is the county's: a township account is refused before the state is even asked.
    await refused(house, move(house, 'accept', '2027-01-21', 'township'), 403, 'forbidden', 'action');
    expect((await move(house, 'accept', '2027-01-21', 'staff')).status).toBe(200);
    await refused(house, move(house, 'close_out', '2027-01-22', 'township'), 403, 'forbidden', 'action');
    await refused(house, move(house, 'close_out', '2027-01-22', 'staff'), 403, 'forbidden', 'action');
    // An inspector only suspects.
    await refused(house, move(house, 'close_out', '2027-01-22', 'inspector'), 403, 'forbidden', 'action');
    expect((await move(house, 'close_out', '2027-01-22', 'county')).body.ledger.state).toBe('closed_out');
  });

  it('an emergency assessment with no alert covering the house: 409 no_alert; under one, 不可以居住 makes it suspect and moves people out', async () => {
    const house = villageHouses[8]!;
    const emergency = { kind: 'emergency', date: '2027-02-28', habitable: false };
    await refused(house, appraise(house, emergency), 409, 'no_alert', 'kind');
    await refused(house, appraise(house, { ...emergency, habitable: undefined }), 400, 'invalid_input', 'habitable');
    await refused(house, appraise(house, { ...emergency, grade: 'D' }), 400, 'invalid_input', 'grade');

    const { lon, lat } = t.db.prepare('SELECT lon, lat FROM houses WHERE id = ?').get(house) as { lon: number; lat: number };
    const d = 0.01;
    const alert = await post('/api/alerts', {
      type: 'rainstorm',
      level: 'red',
      headline: '暴雨红色预警',
      expiresAt: new Date(clock + 24 * 3600_000).toISOString(),
      geometry: { type: 'Polygon', coordinates: [[[lon - d, lat - d], [lon + d, lat - d], [lon + d, lat + d], [lon - d, lat + d], [lon - d, lat - d]]] },
    });
    expect(alert.status, JSON.stringify(alert.body)).toBe(201);
    expect((await t.json(`/api/houses/${house}/ledger`, { as: 'township' })).body).toMatchObject({ alertCovers: true, actions: ['suspect', 'appraise', 'emergency_assess'] });
    const res = await appraise(house, emergency);
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(res.body.appraisal).toMatchObject({ kind: 'emergency', grade: null, habitable: false });
    expect(res.body.ledger).toMatchObject({ state: 'suspected', mustMoveOut: true, case: { source: 'appraisal', habitable: false } });
    // No grade given, none changed; the household record lists graded appraisals only.
    const hh = (t.db.prepare('SELECT household_id AS id FROM houses WHERE id = ?').get(house) as { id: number }).id;
    const detail = (await t.json(`/api/households/${hh}`)).body;
    expect(detail.house.grade).toBe(t.db.prepare('SELECT grade FROM appraisals WHERE house_id = ? AND grade IS NOT NULL ORDER BY appraised_on DESC, id DESC LIMIT 1').pluck().get(house));
    expect(detail.appraisals.every((a: any) => a.grade !== null)).toBe(true);
  });
});
