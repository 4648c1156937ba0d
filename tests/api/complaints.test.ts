// Complaints (举报投诉, issue 11): the public form without login — rate-limited per address, size-limited,
// a honeypot, nothing personal echoed — and the staff's assign → investigate → answer → close, in
// their jurisdiction, with overdue complaints flagged.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../server/app.ts';
import { loadDataKey } from '../../server/config.ts';
import { addDays, chinaDay } from '../../server/domain/deadlines.ts';
import { RECEIPT_PATTERN } from '../../server/domain/complaint-receipt.ts';
import { seededApp } from './harness.ts';

let clock = Date.parse('2026-07-12T02:00:00Z'); // 10:00 in Beijing
let t: ReturnType<typeof seededApp>;
let township: string; // the demo township (the `township` account's)
let otherTownship: string;
let village: string; // a village of the demo township

beforeAll(async () => {
  t = seededApp(600, 5, { now: () => clock });
  township = (await t.json('/api/auth/me', { as: 'township' })).body.user.region.code;
  otherTownship = (t.db.prepare("SELECT code FROM regions WHERE level = 'township' AND code <> ? ORDER BY code LIMIT 1").get(township) as { code: string }).code;
  village = (t.db.prepare("SELECT code FROM regions WHERE level = 'village' AND parent_code = ? ORDER BY code LIMIT 1").get(township) as { code: string }).code;
});
afterAll(() => t.close());

type App = { request: (typeof t)['app']['request'] };

/** Moves the clock; sessions idle past 2 h end, so the demo accounts sign in afresh. */
function setClock(at: number) {
  clock = at;
  t.forgetSessions();
}

/** A request from `address` without a session: the env's socket is what getConnInfo reads (cf. login-throttle.test.ts). */
function fromAddress(address: string, path: string, init: { method?: string; body?: unknown; raw?: string } = {}, app: App = t.app) {
  const body = init.raw ?? (init.body === undefined ? undefined : JSON.stringify(init.body));
  return app.request(
    path,
    { method: init.method ?? 'GET', ...(body !== undefined ? { body, headers: { 'content-type': 'application/json' } } : {}) },
    { incoming: { socket: { remoteAddress: address, remotePort: 40000, remoteFamily: 'IPv4' } } },
  );
}
const submit = (body: unknown, address = '198.51.100.1') => fromAddress(address, '/api/public/complaints', { method: 'POST', body });
const lookUp = (receipt: string, address = '198.51.100.1') => fromAddress(address, `/api/public/complaints/${encodeURIComponent(receipt)}`);
const count = (table = 'complaints') => (t.db.prepare(`SELECT count(*) AS n FROM ${table}`).get() as { n: number }).n;

const report = (extra: Record<string, unknown> = {}) => ({
  subject: 'dangerous_house',
  content: '村口王家老屋墙体开裂，下雨后更严重，还有老人住在里面。',
  township,
  village,
  place: '三组村口第二户',
  contactName: '张三',
  contactPhone: '138 1234 5678',
  ...extra,
});

describe('the public form', () => {
  it('takes a complaint without login and answers only the receipt number and the due day', async () => {
    const before = count();
    const res = await submit(report());
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(Object.keys(body).sort()).toEqual(['dueOn', 'receiptNo']);
    expect(body.receiptNo).toMatch(RECEIPT_PATTERN);
    expect(body.receiptNo.slice(2, 6)).toBe('2026');
    expect(body.dueOn).toBe(addDays(chinaDay(new Date(clock)), 15));
    expect(JSON.stringify(body)).not.toMatch(/张三|1381234|5678|王家/);
    expect(count()).toBe(before + 1);

    const row = t.db.prepare('SELECT * FROM complaints WHERE receipt_no = ?').get(body.receiptNo) as any;
    expect(row).toMatchObject({ channel: 'public_form', status: 'received', created_by: null, township_code: township, village_code: village, contact_phone_masked: '138****5678', contact_name_masked: '张*' });
    // Sealed at rest: the clear phone and name are nowhere in the row.
    expect(JSON.stringify(row, (_, v) => (v?.type === 'Buffer' ? Buffer.from(v.data).toString('latin1') : v))).not.toMatch(/13812345678|张三/);
    const events = t.db.prepare('SELECT action, by_user, to_status FROM complaint_events WHERE complaint_id = ?').all(row.id);
    expect(events).toEqual([{ action: 'receive', by_user: null, to_status: 'received' }]);
    // Audited without an account and without the complainant's address.
    const audit = t.db.prepare("SELECT user_id, ip, after_json FROM audit_log WHERE action = 'complaint.receive' AND entity_id = ?").get(String(row.id)) as any;
    expect(audit).toMatchObject({ user_id: null, ip: null });
    expect(audit.after_json).not.toMatch(/张三|138|王家/);
  });

  it('looks a receipt up with only status, days and the answer', async () => {
    const { receiptNo } = (await (await submit(report(), '198.51.100.2')).json()) as any;
    const res = await lookUp(receiptNo, '198.51.100.2');
    expect(res.status).toBe(200);
    const body = (await res.json()) as any;
    expect(body).toEqual({ receiptNo, status: 'received', receivedOn: chinaDay(new Date(clock)), dueOn: addDays(chinaDay(new Date(clock)), 15), answer: null, answeredOn: null });
    // As people type it: lower case, a space, O for zero.
    const typed = `${receiptNo.slice(0, 6).toLowerCase()} ${receiptNo.slice(6).toLowerCase().replace(/0/g, 'o')}`;
    expect((await lookUp(typed, '198.51.100.2')).status).toBe(200);
    const unknown = await lookUp('TS2026ZZZZZZZZ', '198.51.100.2');
    expect(unknown.status).toBe(404);
    expect(((await unknown.json()) as any).error.code).toBe('receipt_not_found');
    const malformed = await lookUp('12345', '198.51.100.2');
    expect(malformed.status).toBe(400);
    expect(((await malformed.json()) as any).error.field).toBe('receiptNo');
  });

  it('answers a filled honeypot exactly like a success and stores nothing', async () => {
    const before = [count(), count('complaint_events'), count('audit_log')];
    const res = await submit(report({ website: 'http://spam.example' }), '198.51.100.3');
    expect(res.status).toBe(201);
    const body = (await res.json()) as any;
    expect(Object.keys(body).sort()).toEqual(['dueOn', 'receiptNo']);
    expect(body.receiptNo).toMatch(RECEIPT_PATTERN);
    expect(body.dueOn).toBe(addDays(chinaDay(new Date(clock)), 15));
    expect([count(), count('complaint_events'), count('audit_log')]).toEqual(before);
    expect((await lookUp(body.receiptNo, '198.51.100.3')).status).toBe(404);
  });

  it('stops a flood from one address with 429 and Retry-After, stores nothing more, and lets others through', async () => {
    const flooder = '203.0.113.50';
    const before = count();
    for (let i = 0; i < 5; i++) expect((await submit(report({ content: `第 ${i} 条：房屋墙体开裂，请派人查看。` }), flooder)).status).toBe(201);
    const stopped = await submit(report(), flooder);
    expect(stopped.status).toBe(429);
    expect(Number(stopped.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(stopped.headers.get('retry-after'))).toBeLessThanOrEqual(3600);
    const error = ((await stopped.json()) as any).error;
    expect(error.code).toBe('too_many_requests');
    expect(error.field).toBeUndefined();
    for (let i = 0; i < 10; i++) expect((await submit(report(), flooder)).status).toBe(429);
    expect(count()).toBe(before + 5);
    // A honeypot from the flooder is refused the same way: the limit comes first.
    expect((await submit(report({ website: 'x' }), flooder)).status).toBe(429);
    // Another address is not held up.
    expect((await submit(report(), '203.0.113.51')).status).toBe(201);
    // The counts are in the database: a restarted app still refuses the flooder.
    const restarted = createApp({ db: t.db, dataKey: loadDataKey(t.dbPath), now: () => clock });
    try {
      expect((await fromAddress(flooder, '/api/public/complaints', { method: 'POST', body: report() }, restarted.app)).status).toBe(429);
    } finally {
      await restarted.pool.close();
    }
    // An hour later the address may send again.
    setClock(clock + 3600_000);
    expect((await submit(report(), flooder)).status).toBe(201);
  });

  it('caps receipt lookups per address, so receipts cannot be enumerated', async () => {
    const prober = '203.0.113.60';
    let limited: Response | null = null;
    for (let i = 0; i < 40 && !limited; i++) {
      const res = await lookUp(`TS2026${String(i).padStart(8, '0')}`, prober);
      if (res.status === 429) limited = res;
      else expect(res.status).toBe(404);
    }
    expect(limited?.status).toBe(429);
    expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('refuses a body over 8 KiB with 413 JSON and stores nothing, but takes 2,000 Chinese characters', async () => {
    const before = count();
    const big = await submit(report({ content: '墙'.repeat(3000) }), '198.51.100.4');
    expect(big.status).toBe(413);
    expect(((await big.json()) as any).error.code).toBe('payload_too_large');
    expect(count()).toBe(before);
    expect((await submit(report({ content: '墙'.repeat(2000), place: '村'.repeat(200) }), '198.51.100.4')).status).toBe(201);
  });

  it('names the bad field with 400 and stores nothing', async () => {
    const before = count();
    const cases: [Record<string, unknown>, string][] = [
      [{ content: '太短了' }, 'content'],
      [{ content: '墙'.repeat(2001) }, 'content'],
      [{ subject: 'noise' }, 'subject'],
      [{ township: '61' }, 'township'],
      [{ township: village }, 'township'],
      [{ township: otherTownship }, 'village'],
      [{ village: township }, 'village'],
      [{ contactPhone: 'call me maybe' }, 'contactPhone'],
      [{ houseId: 1 }, 'houseId'],
      [{ contactName: '名'.repeat(41) }, 'contactName'],
    ];
    for (const [extra, field] of cases) {
      const res = await submit(report(extra), '198.51.100.5');
      expect(res.status, JSON.stringify(extra)).toBe(400);
      expect(((await res.json()) as any).error.field, JSON.stringify(extra)).toBe(field);
    }
    const { subject: _, ...noSubject } = report();
    const missing = await submit(noSubject, '198.51.100.5');
    expect(((await missing.json()) as any).error.field).toBe('subject');
    expect(count()).toBe(before);
    // Refused input does not use up the address's allowance.
    expect((await submit(report(), '198.51.100.5')).status).toBe(201);
  });

  it('offers the county’s townships and villages to the signed-out form, names only', async () => {
    const res = await t.app.request('/api/public/places');
    expect(res.status).toBe(200);
    const { townships } = (await res.json()) as any;
    const demo = townships.find((x: any) => x.code === township);
    expect(demo.villages.map((v: any) => v.code)).toContain(village);
    expect(Object.keys(demo).sort()).toEqual(['code', 'name', 'villages']);
    expect(Object.keys(demo.villages[0]).sort()).toEqual(['code', 'name']);
    expect(townships.length).toBe((t.db.prepare("SELECT count(*) AS n FROM regions WHERE level = 'township'").get() as { n: number }).n);
  });

  it('places a complaint by its village alone, and leaves one that names no place to the county', async () => {
    const byVillage = (await (await submit(report({ township: undefined }), '198.51.100.6')).json()) as any;
    expect(t.db.prepare('SELECT township_code FROM complaints WHERE receipt_no = ?').get(byVillage.receiptNo)).toEqual({ township_code: township });
    const nowhere = (await (await submit(report({ township: '', village: '', contactName: '', contactPhone: '' }), '198.51.100.6')).json()) as any;
    expect(t.db.prepare('SELECT township_code, village_code, contact_phone_enc FROM complaints WHERE receipt_no = ?').get(nowhere.receiptNo)).toEqual({
      township_code: null,
      village_code: null,
      contact_phone_enc: null,
    });
  });
});

describe('staff work a complaint', () => {
  const idOf = (receiptNo: string) => (t.db.prepare('SELECT id FROM complaints WHERE receipt_no = ?').get(receiptNo) as { id: number }).id;
  const userId = (username: string) => (t.db.prepare('SELECT id FROM users WHERE username = ?').get(username) as { id: number }).id;

  it('assigns, investigates, answers and closes, each move in the history and the audit log, and the public reads the answer', async () => {
    const { receiptNo } = (await (await submit(report(), '198.51.100.10')).json()) as any;
    const id = idOf(receiptNo);
    const seen = await t.json(`/api/complaints/${id}`, { as: 'township' });
    expect(seen.status).toBe(200);
    expect(seen.body.complaint).toMatchObject({ status: 'received', contactPhone: '138****5678', contactName: '张*', overdue: false, standing: 'due_soon' });
    expect(JSON.stringify(seen.body)).not.toMatch(/13812345678|张三/);
    expect(seen.body.actions).toEqual(['assign']);
    expect(seen.body.mayUnmask).toBe(false);

    // Answering before any investigation: 409 with what is allowed.
    const early = await t.json(`/api/complaints/${id}/answer`, { method: 'POST', as: 'township', body: { answer: '已经处理完毕。' } });
    expect(early.status).toBe(409);
    expect(early.body.error).toMatchObject({ code: 'illegal_transition', field: 'action', allowed: ['assign'] });

    // Not staff of that township: refused, naming the field.
    const elsewhere = t.db.prepare("SELECT id FROM users WHERE role = 'inspector' LIMIT 1").get() as { id: number };
    const wrong = await t.json(`/api/complaints/${id}/assign`, { method: 'POST', as: 'township', body: { assigneeId: elsewhere.id } });
    expect([wrong.status, wrong.body.error.code, wrong.body.error.field]).toEqual([400, 'assignee_out_of_area', 'assigneeId']);

    const assignees = (await t.json(`/api/complaints/${id}/assignees`, { as: 'township' })).body.assignees.map((u: any) => u.username);
    expect(assignees).toEqual(expect.arrayContaining(['township', 'county', 'staff']));
    expect(assignees).not.toContain('leader');

    const assigned = await t.json(`/api/complaints/${id}/assign`, { method: 'POST', as: 'township', body: { assigneeId: userId('township'), note: '本镇处理' } });
    expect(assigned.status).toBe(200);
    expect(assigned.body.complaint).toMatchObject({ status: 'assigned', assignee: { username: 'township' } });
    expect(assigned.body.actions).toEqual(['assign', 'investigate']);
    for (const [path, body, status] of [
      ['investigate', { note: '已到现场查看，东墙有贯通裂缝。' }, 'investigating'],
      ['investigate', { note: '已请县住建局安排鉴定。' }, 'investigating'],
      ['answer', { answer: '经现场核查，该房屋已列入危房改造，住户已转移到亲戚家。' }, 'answered'],
      ['close', {}, 'closed'],
    ] as const) {
      const res = await t.json(`/api/complaints/${id}/${path}`, { method: 'POST', as: 'township', body });
      expect(res.status, `${path} ${JSON.stringify(res.body)}`).toBe(200);
      expect(res.body.complaint.status).toBe(status);
    }
    const done = (await t.json(`/api/complaints/${id}`, { as: 'township' })).body;
    expect(done.events.map((e: any) => [e.action, e.fromStatus, e.toStatus])).toEqual([
      ['receive', null, 'received'],
      ['assign', 'received', 'assigned'],
      ['investigate', 'assigned', 'investigating'],
      ['investigate', 'investigating', 'investigating'],
      ['answer', 'investigating', 'answered'],
      ['close', 'answered', 'closed'],
    ]);
    expect(done.events[2]).toMatchObject({ by: { username: 'township' }, note: '已到现场查看，东墙有贯通裂缝。' });
    expect(done.actions).toEqual([]);
    expect(done.complaint).toMatchObject({ answeredBy: { username: 'township' }, standing: 'met', overdue: false });
    const audited = t.db.prepare("SELECT action FROM audit_log WHERE entity = 'complaint' AND entity_id = ? ORDER BY id").all(String(id)).map((r: any) => r.action);
    expect(audited).toEqual(['complaint.receive', 'complaint.assign', 'complaint.investigate', 'complaint.investigate', 'complaint.answer', 'complaint.close']);
    // Closed: nothing moves it any more.
    const again = await t.json(`/api/complaints/${id}/assign`, { method: 'POST', as: 'county', body: { assigneeId: userId('staff') } });
    expect([again.status, again.body.error.allowed]).toEqual([409, []]);

    const publicView = (await (await lookUp(receiptNo, '198.51.100.10')).json()) as any;
    expect(publicView).toEqual({
      receiptNo,
      status: 'closed',
      receivedOn: done.complaint.receivedOn,
      dueOn: done.complaint.dueOn,
      answer: '经现场核查，该房屋已列入危房改造，住户已转移到亲戚家。',
      answeredOn: chinaDay(new Date(clock)),
    });
    // The history is append-only.
    expect(() => t.db.prepare('UPDATE complaint_events SET note = NULL WHERE complaint_id = ?').run(id)).toThrow(/append-only/);
    expect(() => t.db.prepare('DELETE FROM complaint_events WHERE complaint_id = ?').run(id)).toThrow(/append-only/);
  });

  it('keeps each township to its own complaints; an unplaced one is the county’s until assigned to a township', async () => {
    const mine = idOf(((await (await submit(report(), '198.51.100.11')).json()) as any).receiptNo);
    const theirs = idOf(((await (await submit(report({ township: otherTownship, village: '' }), '198.51.100.11')).json()) as any).receiptNo);
    const unplaced = idOf(((await (await submit(report({ township: '', village: '' }), '198.51.100.11')).json()) as any).receiptNo);
    const listed = (as: 'township' | 'county' | 'leader' | 'viewer') =>
      t.json('/api/complaints?pageSize=200', { as }).then((r) => r.body.rows.map((x: any) => x.id) as number[]);

    for (const user of ['township', 'leader'] as const) {
      const ids = await listed(user);
      expect(ids, user).toContain(mine);
      expect(ids, user).not.toContain(theirs);
      expect(ids, user).not.toContain(unplaced);
      expect((await t.json(`/api/complaints/${theirs}`, { as: user })).status).toBe(404);
      expect((await t.json(`/api/complaints/${unplaced}`, { as: user })).status).toBe(404);
    }
    expect(await listed('county')).toEqual(expect.arrayContaining([mine, theirs, unplaced]));
    expect(await listed('viewer')).toEqual(expect.arrayContaining([mine, theirs, unplaced]));
    expect((await t.json(`/api/complaints?township=${otherTownship}`, { as: 'township' })).status).toBe(404);
    expect((await t.json(`/api/complaints/${theirs}/investigate`, { method: 'POST', as: 'township', body: { note: '看一看' } })).status).toBe(404);
    // Inspectors work patrols, viewers and leaders only read.
    expect((await t.json('/api/complaints', { as: 'inspector' })).status).toBe(403);
    expect((await t.json(`/api/complaints/${mine}/assign`, { method: 'POST', as: 'leader', body: { assigneeId: userId('township') } })).status).toBe(403);
    expect((await t.json(`/api/complaints/${mine}`, { as: 'viewer' })).body.actions).toEqual([]);

    // The county hands the unplaced one to the demo township's staff: now it is that township's.
    const placed = await t.json(`/api/complaints/${unplaced}/assign`, { method: 'POST', as: 'county', body: { assigneeId: userId('township') } });
    expect(placed.status).toBe(200);
    expect(placed.body.complaint.township.code).toBe(township);
    expect(await listed('township')).toContain(unplaced);
    // A township may send its complaint on to the county, but not to another township's staff.
    const otherStaff = t.db
      .prepare("INSERT INTO users (username, display_name, role, region_code, password_hash, active, created_at) VALUES ('other.staff', '邻镇', 'township_staff', ?, '!', 1, '2026-01-01') RETURNING id")
      .get(otherTownship) as { id: number };
    expect((await t.json(`/api/complaints/${mine}/assign`, { method: 'POST', as: 'township', body: { assigneeId: otherStaff.id } })).body.error?.code).toBe('assignee_out_of_area');
    expect((await t.json(`/api/complaints/${mine}/assign`, { method: 'POST', as: 'township', body: { assigneeId: userId('staff') } })).status).toBe(200);
  });

  it('flags a complaint not answered by its due day as overdue (China-time days), and one answered late as late', async () => {
    setClock(Date.parse('2026-08-01T15:30:00Z')); // 23:30 on 1 August in Beijing
    const { receiptNo, dueOn } = (await (await submit(report(), '198.51.100.12')).json()) as any;
    expect(dueOn).toBe('2026-08-16'); // received on 1 August (China), not 31 July or 2 August: + 15 days
    const id = idOf(receiptNo);
    const overdueIds = async () => (await t.json('/api/complaints?overdue=true&pageSize=200', { as: 'county' })).body.rows.map((r: any) => r.id);
    setClock(Date.parse('2026-08-16T15:59:00Z')); // 23:59 on the due day: still in time
    expect(await overdueIds()).not.toContain(id);
    setClock(Date.parse('2026-08-16T16:00:00Z')); // 00:00 on 17 August in Beijing
    expect(await overdueIds()).toContain(id);
    const listed = (await t.json('/api/complaints?pageSize=200', { as: 'county' })).body;
    expect(listed.rows.find((r: any) => r.id === id)).toMatchObject({ overdue: true, standing: 'overdue' });
    expect(listed.counts.overdue).toBeGreaterThanOrEqual(1);
    // Answered late: no longer overdue, but late.
    const staff = userId('staff');
    for (const [path, body] of [['assign', { assigneeId: staff }], ['investigate', { note: '已核查' }], ['answer', { answer: '已安排鉴定，结果将电话告知。' }]] as const) {
      expect((await t.json(`/api/complaints/${id}/${path}`, { method: 'POST', as: 'staff', body })).status).toBe(200);
    }
    expect(await overdueIds()).not.toContain(id);
    expect((await t.json(`/api/complaints/${id}`, { as: 'staff' })).body.complaint).toMatchObject({ standing: 'late', overdue: false, answeredOn: '2026-08-17' });
    // Filters by status and assignee.
    const answered = (await t.json('/api/complaints?status=answered&assignee=me', { as: 'staff' })).body;
    expect(answered.rows.map((r: any) => r.id)).toContain(id);
    expect(answered.rows.every((r: any) => r.status === 'answered' && r.assignee.username === 'staff')).toBe(true);
    expect((await t.json('/api/complaints?status=lost', { as: 'staff' })).body.error.field).toBe('status');
  });
});

describe('staff intake', () => {
  it('takes a call for a house: placed at the house, contact masked, clear only by a county role with a reason, audited', async () => {
    const house = t.db.prepare('SELECT o.id, h.township_code, h.village_code FROM houses o JOIN households h ON h.id = o.household_id WHERE h.township_code = ? LIMIT 1').get(township) as any;
    const made = await t.json('/api/complaints', {
      method: 'POST',
      as: 'township',
      body: { channel: 'phone', subject: 'people_in_danger', content: '来电反映：该户房屋已开裂，老人仍在居住。', houseId: house.id, contactName: '李四', contactPhone: '13900001111', receivedOn: '2026-08-16' },
    });
    expect(made.status, JSON.stringify(made.body)).toBe(201);
    expect(made.body.complaint).toMatchObject({
      channel: 'phone',
      township: { code: house.township_code },
      village: { code: house.village_code },
      house: { id: house.id },
      contactPhone: '139****1111',
      contactName: '李*',
      receivedOn: '2026-08-16',
      dueOn: '2026-08-31',
      createdBy: { username: 'township' },
    });
    const id = made.body.complaint.id;
    // The house's timeline tells of the complaint — receipt, subject, status — and nothing of what was said or by whom.
    const story = (await t.json(`/api/houses/${house.id}/timeline`, { as: 'township' })).body.events as any[];
    const told = story.filter((e) => e.kind === 'complaint');
    expect(told).toEqual([expect.objectContaining({ complaintId: id, subject: 'people_in_danger', status: 'received', on: '2026-08-16' })]);
    expect(JSON.stringify(told)).not.toMatch(/李|1390000|开裂/);
    expect((await t.json(`/api/complaints/${id}/unmask`, { method: 'POST', as: 'township', body: { reason: '回访投诉人' } })).status).toBe(403);
    const clear = await t.json(`/api/complaints/${id}/unmask`, { method: 'POST', as: 'county', body: { reason: '回访投诉人' } });
    expect(clear.body).toEqual({ id, contactName: '李四', contactPhone: '13900001111' });
    expect(t.db.prepare("SELECT username, reason FROM audit_log WHERE action = 'complaint.unmask' AND entity_id = ?").get(String(id))).toEqual({ username: 'county', reason: '回访投诉人' });
    expect((await t.json(`/api/complaints/${id}/unmask`, { method: 'POST', as: 'county', body: { reason: 'x' } })).body.error.field).toBe('reason');
  });

  it('puts the house a danger complaint names into the ledger as suspected, once; refuses other subjects and readers', async () => {
    const house = t.db.prepare("SELECT o.id FROM houses o JOIN households h ON h.id = o.household_id WHERE h.township_code = ? AND o.status = 'monitoring' ORDER BY o.id DESC LIMIT 1").get(township) as any;
    const call = (subject: string) =>
      t.json('/api/complaints', { method: 'POST', as: 'township', body: { channel: 'phone', subject, content: '来电反映：该户房屋墙体开裂，仍有人居住。', houseId: house.id, receivedOn: '2026-08-16' } });
    const danger = (await call('dangerous_house')).body;
    expect(danger.maySuspectHouse).toBe(true);
    const subsidy = (await call('subsidy')).body;
    expect(subsidy.maySuspectHouse).toBe(false);
    const refused = await t.json(`/api/complaints/${subsidy.complaint.id}/suspect-house`, { method: 'POST', as: 'township' });
    expect([refused.status, refused.body.error.field]).toEqual([409, 'subject']);
    expect((await t.json(`/api/complaints/${danger.complaint.id}/suspect-house`, { method: 'POST', as: 'viewer' })).status).toBe(403);
    expect((t.db.prepare('SELECT status FROM houses WHERE id = ?').get(house.id) as any).status).toBe('monitoring');

    const opened = await t.json(`/api/complaints/${danger.complaint.id}/suspect-house`, { method: 'POST', as: 'township' });
    expect(opened.status, JSON.stringify(opened.body)).toBe(200);
    expect(opened.body).toMatchObject({ houseId: house.id, opened: true, maySuspectHouse: false });
    expect(t.db.prepare('SELECT o.status, c.source FROM houses o JOIN ledger_cases c ON c.id = o.case_id WHERE o.id = ?').get(house.id)).toEqual({ status: 'suspected', source: 'complaint' });
    const again = await t.json(`/api/complaints/${danger.complaint.id}/suspect-house`, { method: 'POST', as: 'township' });
    expect(again.body).toMatchObject({ opened: false });
    expect((t.db.prepare('SELECT count(*) AS n FROM ledger_cases WHERE house_id = ?').get(house.id) as any).n).toBe(1);
  });

  it('refuses a day in the future, a place outside the jurisdiction, the public channel, and a viewer', async () => {
    const before = count();
    const base = { channel: 'visit', subject: 'subsidy', content: '来访反映补助资金没有按时发放到户。' };
    const bad: [string, Record<string, unknown>, number, string][] = [
      ['township', { ...base, receivedOn: '2099-01-01' }, 400, 'receivedOn'],
      ['township', { ...base, receivedOn: '2026-02-30' }, 400, 'receivedOn'],
      ['township', { ...base, township: otherTownship }, 400, 'township'],
      ['township', { ...base, channel: 'public_form' }, 400, 'channel'],
      ['county', { ...base, houseId: 99_999_999 }, 400, 'houseId'],
      ['county', { ...base, houseId: 1, village: '610999999999' }, 400, 'village'],
    ];
    for (const [as, body, status, field] of bad) {
      const res = await t.json('/api/complaints', { method: 'POST', as: as as any, body });
      expect([res.status, res.body.error?.field], JSON.stringify(body)).toEqual([status, field]);
    }
    expect((await t.json('/api/complaints', { method: 'POST', as: 'viewer', body: base })).status).toBe(403);
    expect(count()).toBe(before);
    // A township's complaint without a place is placed in that township.
    const own = await t.json('/api/complaints', { method: 'POST', as: 'township', body: base });
    expect(own.body.complaint.township.code).toBe(township);
  });
});
