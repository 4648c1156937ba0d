import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase, type Db } from '../../server/db/connection.ts';
import { seedDemoInspectors, seedDemoUsers } from '../../server/db/demo-users.ts';
import { createPersonalDataCipher } from '../../server/db/personal-data.ts';
import { worksDueOn } from '../../server/domain/deadlines.ts';
import type { Grade } from '../../server/domain/housing.ts';
import { CASE_STATES, LEDGER_STATES, move, type LedgerAction, type LedgerState } from '../../server/domain/ledger-states.ts';
import { seedDemoLedger, type LedgerSeedResult } from '../../data/demo-ledger.ts';
import { DEMO_AS_OF } from '../../data/houses.ts';
import { seedDatabase } from '../../data/seed-db.ts';

const N = 6000;
const SEED = 1;
const cipher = createPersonalDataCipher(Buffer.alloc(32, 5));

function seeded(): { db: Db; ledger: LedgerSeedResult } {
  const db = openDatabase(':memory:');
  seedDatabase(db, cipher, { households: N, seed: SEED });
  seedDemoUsers(db, new Date('2026-11-01T00:00:00Z'));
  seedDemoInspectors(db, new Date('2026-11-01T00:00:00Z'));
  return { db, ledger: seedDemoLedger(db, { seed: SEED }) };
}

let db: Db;
let ledger: LedgerSeedResult;
const all = <T>(sql: string, ...args: unknown[]) => db.prepare(sql).all(...args) as T[];

beforeAll(() => ({ db, ledger } = seeded()), 120_000);
afterAll(() => db.close());

interface Transition {
  id: number;
  house_id: number;
  case_id: number | null;
  action: LedgerAction;
  from_state: LedgerState;
  to_state: LedgerState;
  on_date: string;
  detail: string;
}

describe('the demo county’s ledger', () => {
  it('has houses in every stage of the machine', () => {
    for (const state of LEDGER_STATES) expect(ledger.byState[state], state).toBeGreaterThan(0);
    expect(ledger.byState.monitoring).toBeGreaterThan(N * 0.8);
  });

  it('replays: every house’s transitions chain from monitoring through moves the machine allows, in day order, to its state', () => {
    const byHouse = new Map<number, Transition[]>();
    for (const t of all<Transition>('SELECT * FROM house_transitions ORDER BY house_id, id')) {
      const list = byHouse.get(t.house_id) ?? [];
      list.push(t);
      byHouse.set(t.house_id, list);
    }
    const houses = all<{ id: number; status: LedgerState; case_id: number | null }>('SELECT id, status, case_id FROM houses');
    for (const o of houses) {
      const moves = byHouse.get(o.id) ?? [];
      let state: LedgerState = 'monitoring';
      let day = '';
      for (const t of moves) {
        expect(t.from_state, `house ${o.id} #${t.id}`).toBe(state);
        expect(t.on_date >= day && t.on_date <= DEMO_AS_OF, `house ${o.id} on ${t.on_date}`).toBe(true);
        const detail = JSON.parse(t.detail) as { grade?: Grade; habitable?: boolean };
        const to = move(state, t.action, { grade: detail.grade, habitable: detail.habitable });
        expect(to.ok && to.to, `house ${o.id}: ${t.action} from ${state}`).toBe(t.to_state);
        state = t.to_state;
        day = t.on_date;
      }
      expect(o.status, `house ${o.id}`).toBe(state);
    }
    expect(byHouse.size).toBeGreaterThan(N * 0.05);
  });

  it('keeps houses.case_id and the open cases one to one, and open cases exactly on houses in a case state', () => {
    const open = all<{ id: number; house_id: number }>('SELECT id, house_id FROM ledger_cases WHERE closed_at IS NULL');
    const withCase = all<{ id: number; case_id: number; status: LedgerState }>('SELECT id, case_id, status FROM houses WHERE case_id IS NOT NULL');
    expect(new Map(withCase.map((o) => [o.case_id, o.id]))).toEqual(new Map(open.map((c) => [c.id, c.house_id])));
    for (const o of all<{ status: LedgerState; case_id: number | null }>('SELECT status, case_id FROM houses')) {
      expect(o.case_id !== null, o.status).toBe(CASE_STATES.includes(o.status));
    }
    // Every transition after the opening one belongs to the case that was open then.
    const stray = all('SELECT t.id FROM house_transitions t JOIN ledger_cases c ON c.id = t.case_id WHERE c.house_id <> t.house_id');
    expect(stray).toEqual([]);
  });

  it('dates every works deadline by seed 001 from the day the house was found dangerous, by a C/D appraisal of its case', () => {
    const cases = all<{ id: number; dangerous_on: string | null; works_due_on: string | null }>(
      'SELECT id, dangerous_on, works_due_on FROM ledger_cases',
    );
    let dated = 0;
    for (const c of cases) {
      if (c.dangerous_on === null) {
        expect(c.works_due_on).toBeNull();
        continue;
      }
      dated++;
      expect(c.works_due_on, `case ${c.id}`).toBe(worksDueOn(c.dangerous_on));
      const found = all('SELECT 1 FROM appraisals WHERE case_id = ? AND appraised_on = ? AND grade IN (\'C\', \'D\')', c.id, c.dangerous_on);
      expect(found, `case ${c.id}`).toHaveLength(1);
    }
    expect(dated).toBeGreaterThan(cases.length * 0.8);
  });

  it('links every appraisal a transition records to the house and its case', () => {
    const rows = all<{ house_id: number; case_id: number | null; detail: string }>("SELECT house_id, case_id, detail FROM house_transitions WHERE action = 'appraise'");
    for (const t of rows) {
      const { appraisalId, grade } = JSON.parse(t.detail) as { appraisalId: number; grade: Grade };
      const a = db.prepare('SELECT house_id, case_id, grade FROM appraisals WHERE id = ?').get(appraisalId) as { house_id: number; case_id: number | null; grade: Grade };
      expect(a).toEqual({ house_id: t.house_id, case_id: t.case_id, grade });
    }
  });

  it('gives each plan the mode its path took, and the works dates in order', () => {
    const plans = all<{ mode: string; guarantee_mode: string | null; started: string | null; completed: string | null; accepted: string | null }>(
      'SELECT mode, guarantee_mode, works_started_on AS started, works_completed_on AS completed, accepted_on AS accepted FROM rectification_plans',
    );
    expect(new Set(plans.map((p) => p.mode))).toEqual(new Set(['repair_strengthen', 'rebuild', 'new_site', 'guarantee']));
    expect(new Set(plans.filter((p) => p.mode === 'guarantee').map((p) => p.guarantee_mode)).size).toBeGreaterThanOrEqual(4);
    for (const p of plans) {
      if (p.completed) expect(p.started! <= p.completed).toBe(true);
      if (p.accepted) expect(p.completed! <= p.accepted).toBe(true);
    }
    const guaranteedWithWorks = all("SELECT 1 FROM house_transitions t JOIN rectification_plans p ON p.case_id = t.case_id WHERE p.mode = 'guarantee' AND t.action = 'start_works'");
    expect(guaranteedWithWorks).toEqual([]);
  });

  it('moves households out of danger and home again, flags those still to move, and looks at idle houses', () => {
    // The flag is the app's own rule (mustMoveOut over the open case), never set on a household that has left.
    const flagged = all<{ status: LedgerState; grade: Grade | null; habitable: number | null; relocated: number }>(
      `SELECT o.status, c.grade, c.habitable, EXISTS (SELECT 1 FROM relocations r WHERE r.household_id = o.household_id AND r.returned_on IS NULL) AS relocated
         FROM houses o LEFT JOIN ledger_cases c ON c.id = o.case_id WHERE o.move_out_required = 1`,
    );
    expect(flagged.length).toBeGreaterThan(0);
    for (const f of flagged) expect(f.relocated === 0 && CASE_STATES.includes(f.status) && (f.grade === 'D' || f.habitable === 0), JSON.stringify(f)).toBe(true);
    const open = all<{ status: LedgerState }>('SELECT o.status FROM relocations r JOIN houses o ON o.id = r.house_id WHERE r.returned_on IS NULL');
    expect(open.length).toBeGreaterThan(0);
    for (const o of open) expect(CASE_STATES, o.status).toContain(o.status);
    expect(all('SELECT 1 FROM relocations WHERE returned_on IS NOT NULL').length).toBeGreaterThan(0);
    expect(all('SELECT 1 FROM relocations WHERE returned_on < moved_on OR moved_on > ?', DEMO_AS_OF)).toEqual([]);
    // Two cases on one house: an old one closed out, a new one since.
    expect(all('SELECT house_id FROM ledger_cases GROUP BY house_id HAVING count(*) > 1').length).toBeGreaterThan(0);
    const checked = all<{ status: LedgerState }>('SELECT DISTINCT o.status FROM idle_house_checks k JOIN houses o ON o.id = k.house_id');
    for (const o of checked) expect(['idle', 'sealed', 'demolished', 'closed']).toContain(o.status);
    expect(checked.length).toBeGreaterThan(0);
  });

  it('lists every household, most long ago, and trains the county’s appraisers', () => {
    expect(all('SELECT 1 FROM households WHERE listed_on IS NULL')).toEqual([]);
    const recent = all(`SELECT 1 FROM households WHERE listed_on > date(?, '-42 days')`, DEMO_AS_OF).length;
    expect(recent).toBeGreaterThan(0);
    expect(recent).toBeLessThan(N * 0.05);
    // Appraised within a month of listing, where appraised at all.
    const late = all(
      `SELECT 1 FROM households h JOIN houses o ON o.household_id = h.id
        WHERE (SELECT min(appraised_on) FROM appraisals a WHERE a.house_id = o.id) > date(h.listed_on, '+1 month') AND o.is_current = 1
          AND NOT EXISTS (SELECT 1 FROM houses x WHERE x.household_id = h.id AND x.is_current = 0)`,
    );
    expect(late).toEqual([]);
    const trained = all<{ username: string }>("SELECT u.username FROM trainings t JOIN users u ON u.id = t.user_id WHERE t.kind = 'appraisal' ORDER BY u.username");
    expect(trained.map((u) => u.username)).toEqual(['jianding-li', 'jianding-wang', 'jianding-zhao', 'staff']);
  });

  it('is the same ledger for the same seed', () => {
    const digest = (d: Db) => {
      const h = createHash('sha256');
      for (const table of ['ledger_cases', 'house_transitions', 'rectification_plans', 'relocations', 'idle_house_checks', 'houses', 'households']) {
        const cols = table === 'households' ? 'id, listed_on, guarantee_mode' : '*';
        for (const row of d.prepare(`SELECT ${cols} FROM ${table} ORDER BY rowid`).raw().all()) h.update(JSON.stringify(row, (_, v) => (Buffer.isBuffer(v) ? null : v)));
      }
      return h.digest('hex');
    };
    const again = seeded();
    try {
      expect(digest(again.db)).toBe(digest(db));
    } finally {
      again.db.close();
    }
  }, 120_000);
});
