// What the audit log records for each kind of change: who (the signed-in user), what, and — for the
// account and personal-data actions, never the others — from which address. Routes write these rows
// through one helper (server/http/audit-trail.ts); this pins the rows it must keep writing.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { defaultDispatchRules } from '../../server/domain/dispatch-rules.ts';
import { seededApp } from './harness.ts';

let t: ReturnType<typeof seededApp>;
beforeAll(() => {
  t = seededApp(300, 7);
});
afterAll(() => t.close());

type Row = { user_id: number | null; username: string; action: string; entity: string | null; entity_id: string | null; reason: string | null; ip: string | null };
const lastRow = (action: string) =>
  t.db.prepare('SELECT user_id, username, action, entity, entity_id, reason, ip FROM audit_log WHERE action = ? ORDER BY id DESC LIMIT 1').get(action) as Row;
const countyId = () => (t.db.prepare("SELECT id FROM users WHERE username = 'county'").get() as { id: number }).id;
const square = (x0: number, y0: number, x1: number, y1: number) => ({ type: 'Polygon', coordinates: [[[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]] });

describe('audit rows', () => {
  it('records the address of account and personal-data actions', async () => {
    const household = (await t.json('/api/households?limit=1')).body.features[0].id;
    expect((await t.json(`/api/households/${household}/unmask`, { method: 'POST', body: { reason: '核实住房安全' } })).status).toBe(200);
    expect(lastRow('unmask')).toEqual({ user_id: countyId(), username: 'county', action: 'unmask', entity: 'household', entity_id: String(household), reason: '核实住房安全', ip: 'local' });

    const village = (await t.json('/api/regions')).body.county.children[0].children[0].code;
    const made = await t.json('/api/users', {
      method: 'POST',
      body: { username: 'wang.wu', displayName: '王五', role: 'inspector', regionCode: village, password: 'long-enough-pass' },
    });
    expect(made.status).toBe(201);
    expect(lastRow('user.create')).toMatchObject({ user_id: countyId(), username: 'county', entity: 'user', entity_id: String(made.body.user.id), ip: 'local' });
  });

  it('records who changed operational data, without an address', async () => {
    const alert = await t.json('/api/alerts', {
      method: 'POST',
      body: { type: 'rainstorm', level: 'yellow', headline: '暴雨黄色预警', expiresAt: new Date(Date.now() + 86_400_000).toISOString(), geometry: square(108.6, 33.0, 108.8, 33.2) },
    });
    expect(alert.status).toBe(201);
    expect(lastRow('alert.create')).toEqual({ user_id: countyId(), username: 'county', action: 'alert.create', entity: 'alert', entity_id: String(alert.body.id), reason: null, ip: null });

    const rule = defaultDispatchRules().find((r) => r.alertType === 'rainstorm' && r.level === 'yellow')!;
    expect((await t.json('/api/dispatch-rules', { method: 'PUT', body: rule, as: 'staff' })).status).toBe(200);
    expect(lastRow('dispatch_rule.update')).toMatchObject({ username: 'staff', entity: 'dispatch_rule', entity_id: 'rainstorm:yellow', ip: null });
  });

  it('records a sign-out with its address', async () => {
    expect((await t.json('/api/auth/logout', { method: 'POST', as: 'viewer' })).status).toBe(200);
    expect(lastRow('logout')).toMatchObject({ username: 'viewer', entity: null, ip: 'local' });
  });
});
