// What a ledger case collects besides its moves (issue 11): patrol findings through the ledger, the
// guarantee path to an idle, sealed, checked and demolished house, photos by stage and who may see
// them, relocations and their return.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { seededApp } from './harness.ts';
import { as, patrolScene, uploadPhoto, type PatrolScene } from './patrol-scene.ts';

let clock = Date.parse('2027-03-01T10:00:00+08:00');
let t: ReturnType<typeof seededApp>;
let scene: PatrolScene;
let staffId: number;
let houses: number[];

beforeAll(async () => {
  t = seededApp(1200, 5, { now: () => clock });
  scene = await patrolScene(t, 'ledger');
  staffId = (await t.json('/api/auth/me', { as: 'staff' })).body.user.id;
  await t.json('/api/trainings', { method: 'POST', body: { userId: staffId, kind: 'appraisal', course: '农村住房安全性鉴定', trainedOn: '2026-01-10', validUntil: null } });
  houses = (
    t.db
      .prepare(
        `SELECT o.id FROM houses o JOIN households h ON h.id = o.household_id
          WHERE h.village_code = ? AND o.is_current = 1 AND o.status = 'monitoring' ORDER BY o.id LIMIT 20 OFFSET 6`,
      )
      .all(scene.villageCode) as { id: number }[]
  ).map((r) => r.id);
});
afterAll(() => t.close());

const houseOf = (householdId: number) => (t.db.prepare('SELECT id FROM houses WHERE household_id = ? AND is_current = 1').get(householdId) as { id: number }).id;
const report = (task: { id: number }, stopId: number, body: object) =>
  t.json(`/api/tasks/${task.id}/stops/${stopId}/result`, { method: 'POST', as: 'inspector', body: { observedAt: '2027-02-20T09:30:00+08:00', ...body } });

describe('patrol findings go through the ledger', () => {
  it('a hazard opens a patrol case; the timeline shows the stop with its photo, then the move it caused', async () => {
    const stop = scene.mine.stops[0]!;
    const house = houseOf(stop.householdId);
    const sha = await uploadPhoto(t, await t.sessionOf('inspector'));
    const res = await report(scene.mine, stop.id, { result: 'hazard', hazards: ['wall_crack'], photos: [sha], idempotencyKey: 'ledger-stop-1' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    const ledger = (await t.json(`/api/houses/${house}/ledger`)).body;
    expect(ledger).toMatchObject({ state: 'suspected', mustMoveOut: false, case: { source: 'patrol', openedOn: '2027-02-20', habitable: null } });
    const events = (await t.json(`/api/houses/${house}/timeline`, { as: 'township' })).body.events as any[];
    const last2 = events.slice(-2);
    expect(last2[0]).toMatchObject({ kind: 'stop', on: '2027-02-20', by: 'inspector', result: 'hazard', hazards: ['wall_crack'], photos: [sha] });
    expect(last2[1]).toMatchObject({ kind: 'transition', action: 'suspect', from: 'monitoring', to: 'suspected', detail: { stopId: stop.id, result: 'hazard' } });
    // A colleague's stops are not the inspector's to see (their task does not exist for them).
    const seenByColleague = (await as(t, scene.colleague, `/api/houses/${house}/timeline`)).body.events as any[];
    expect(seenByColleague.some((e) => e.kind === 'stop')).toBe(false);
  });

  it('不可居住 on a house already in a case: no new move, the verdict kept on its case, the people flagged to move out', async () => {
    const stop = scene.mine.stops[1]!;
    const house = houseOf(stop.householdId);
    await t.json(`/api/houses/${house}/transitions`, { method: 'POST', as: 'township', body: { action: 'suspect', date: '2027-02-01' } });
    await t.json(`/api/houses/${house}/appraisals`, { method: 'POST', as: 'staff', body: { kind: 'initial', date: '2027-02-05', grade: 'C', appraiserId: staffId } });
    const moves = () => (t.db.prepare('SELECT count(*) AS n FROM house_transitions WHERE house_id = ?').get(house) as { n: number }).n;
    const before = moves();
    const res = await report(scene.mine, stop.id, { result: 'uninhabitable', hazards: ['wall_lean'], idempotencyKey: 'ledger-stop-2' });
    expect(res.status, JSON.stringify(res.body)).toBe(201);
    expect(moves()).toBe(before);
    const ledger = (await t.json(`/api/houses/${house}/ledger`)).body;
    expect(ledger).toMatchObject({ state: 'listed', mustMoveOut: true, case: { grade: 'C', habitable: false } });
    expect((await t.json('/api/households?moveOut=true')).body.features.map((f: any) => f.id)).toContain(stop.householdId);
    expect(t.db.prepare("SELECT count(*) AS n FROM audit_log WHERE action = 'house.verdict' AND entity_id = ?").get(String(house))).toEqual({ n: 1 });

    // Moved out, then back: the flag drops, and returns while the house is still unsafe.
    const moved = await t.json(`/api/houses/${house}/relocations`, { method: 'POST', as: 'township', body: { place: '村委会临时安置点', placeKind: 'village_room', movedOn: '2027-02-21', people: 1 } });
    expect(moved.body.ledger.mustMoveOut).toBe(false);
    const again = await t.json(`/api/houses/${house}/relocations`, { method: 'POST', as: 'township', body: { place: '亲戚家', placeKind: 'relatives', movedOn: '2027-02-22', people: 1 } });
    expect([again.status, again.body.error.code]).toEqual([409, 'already_relocated']);
    const tooMany = await t.json(`/api/houses/${houses[0]}/relocations`, { method: 'POST', as: 'township', body: { place: '亲戚家', placeKind: 'relatives', movedOn: '2027-02-22', people: 50 } });
    expect(tooMany.status).toBe(409); // no case: nothing to move out of
    const rid = moved.body.relocation.id;
    const early = await t.json(`/api/houses/${house}/relocations/${rid}/return`, { method: 'POST', as: 'township', body: { returnedOn: '2027-02-20' } });
    expect([early.status, early.body.error.field]).toEqual([400, 'returnedOn']);
    const back = await t.json(`/api/houses/${house}/relocations/${rid}/return`, { method: 'POST', as: 'township', body: { returnedOn: '2027-02-28' } });
    expect(back.body.ledger).toMatchObject({ relocation: null, mustMoveOut: true });
  });
});

describe('the guarantee path: a house left empty, sealed, checked, demolished, closed', () => {
  it('moves listed → planned (guarantee) → guaranteed → idle → sealed → demolished → closed, with checks and photos', async () => {
    const house = houses[0]!;
    const go = async (action: string, date: string, extra: object = {}, who: 'township' | 'county' = 'township') => {
      const res = await t.json(`/api/houses/${house}/transitions`, { method: 'POST', as: who, body: { action, date, ...extra } });
      expect(res.status, `${action} ${JSON.stringify(res.body)}`).toBe(200);
      return res.body.ledger;
    };
    await go('suspect', '2027-01-02');
    await t.json(`/api/houses/${house}/appraisals`, { method: 'POST', as: 'staff', body: { kind: 'formal', date: '2027-01-05', grade: 'D', appraiserId: staffId } });
    const noMode = await t.json(`/api/houses/${house}/plan`, { method: 'PUT', as: 'township', body: { mode: 'guarantee', responsible: {} } });
    expect([noMode.status, noMode.body.error.field]).toEqual([400, 'guaranteeMode']);
    const plan = await t.json(`/api/houses/${house}/plan`, { method: 'PUT', as: 'township', body: { mode: 'guarantee', guaranteeMode: 'happiness_yard', responsible: { problem: { name: '村支书' } }, date: '2027-01-06' } });
    expect(plan.body.ledger.state).toBe('planned');
    expect((await go('guarantee', '2027-01-10')).mustMoveOut).toBe(false);
    await go('leave_idle', '2027-01-11');
    // An idle house is checked; before it is idle there is nothing to check.
    const sha = await uploadPhoto(t, await t.sessionOf('inspector'), '#335577');
    const check = await t.json(`/api/houses/${house}/idle-checks`, { method: 'POST', as: 'inspector', body: { checkedOn: '2027-01-12', stillEmpty: true, signPresent: false, photos: [sha] } });
    expect(check.status, JSON.stringify(check.body)).toBe(201);
    expect(check.body.idleCheck).toMatchObject({ checkedBy: 'inspector', stillEmpty: true, signPresent: false, photos: [sha] });
    const noSign = await t.json(`/api/houses/${house}/transitions`, { method: 'POST', as: 'township', body: { action: 'seal', date: '2027-01-13' } });
    expect([noSign.status, noSign.body.error.field]).toEqual([400, 'detail.signPosted']);
    await go('seal', '2027-01-13', { detail: { signPosted: true } });
    // A case photo is the uploader's to attach: someone else's hash is refused.
    const signPhoto = await t.json(`/api/houses/${house}/photos`, { method: 'POST', as: 'township', body: { sha256: sha, stage: 'sign' } });
    expect([signPhoto.status, signPhoto.body.error.code, signPhoto.body.error.field]).toEqual([403, 'photo_not_yours', 'sha256']);
    const own = await uploadPhoto(t, await t.sessionOf('township'), '#aa3300');
    expect((await t.json(`/api/houses/${house}/photos`, { method: 'POST', as: 'township', body: { sha256: own, stage: 'sign' } })).status).toBe(201);
    expect((await t.json(`/api/houses/${house}/photos`, { method: 'POST', as: 'township', body: { sha256: own, stage: 'sign' } })).status).toBe(409);
    await go('demolish', '2027-01-20');
    const closeByTownship = await t.json(`/api/houses/${house}/transitions`, { method: 'POST', as: 'township', body: { action: 'close', date: '2027-01-21' } });
    expect([closeByTownship.status, closeByTownship.body.error.field]).toEqual([403, 'action']);
    const closed = await go('close', '2027-01-21', {}, 'county');
    expect(closed).toMatchObject({ state: 'closed', case: null });
    const late = await t.json(`/api/houses/${house}/idle-checks`, { method: 'POST', as: 'inspector', body: { checkedOn: '2027-01-22', stillEmpty: true, signPresent: true } });
    expect([late.status, late.body.error.code]).toEqual([409, 'not_in_ledger']);

    const events = (await t.json(`/api/houses/${house}/timeline`, { as: 'viewer' })).body.events as any[];
    expect(events.filter((e) => e.kind === 'transition').map((e) => e.to)).toEqual(['suspected', 'listed', 'planned', 'guaranteed', 'idle', 'sealed', 'demolished', 'closed']);
    expect(events.filter((e) => e.kind !== 'transition' && e.kind !== 'appraisal').map((e) => e.kind)).toEqual(['plan', 'idle_check', 'photo']);
    // Ledger photos are seen by whoever sees the house: here the leader of its township.
    for (const photo of [sha, own]) expect((await t.get(`/api/photos/${photo}/thumb`, 'leader')).status).toBe(200);
  });
});
