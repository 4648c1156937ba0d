// The ledger screen's view in the URL (a link reproduces it) and the buttons its drawer section offers.
import { describe, expect, it } from 'vitest';
import type { HouseLedger } from '../../client/api/ledger.ts';
import { ledgerParams } from '../../client/api/ledger.ts';
import { ledgerButtons } from '../../client/features/ledger/ledger-actions.ts';
import { appraisersOn } from '../../client/features/ledger/AppraisalDialog.tsx';
import { DEFAULT_LEDGER_QUERY, parseLedgerUrl, serializeLedgerUrl, withQuery } from '../../client/features/ledger/ledger-url.ts';

describe('the ledger view in the URL', () => {
  it('reads back every filter, the sort, the page and the open household from the link it wrote', () => {
    const search = 'state=listed,planned&township=610999001000&village=610999001001&grade=C,D&standing=overdue&mode=rebuild&moveOut=1&q=王&sort=village&dir=desc&page=3&h=42';
    const s = parseLedgerUrl(`?${search}`);
    expect(s).toEqual({
      query: {
        states: ['listed', 'planned'],
        township: '610999001000',
        village: '610999001001',
        grades: ['C', 'D'],
        standing: ['overdue'],
        mode: 'rebuild',
        mustMoveOut: true,
        q: '王',
        sort: 'village',
        dir: 'desc',
        page: 3,
        pageSize: DEFAULT_LEDGER_QUERY.pageSize,
      },
      selectedId: 42,
    });
    expect(parseLedgerUrl(`?${serializeLedgerUrl(s)}`)).toEqual(s);
  });

  it('writes nothing for the default view, and drops what it does not know', () => {
    expect(serializeLedgerUrl({ query: DEFAULT_LEDGER_QUERY, selectedId: null })).toBe('');
    const s = parseLedgerUrl('?state=listed,nonsense,listed&grade=E&standing=soonish&mode=magic&sort=name&page=-2&township=12&h=x');
    expect(s.query).toEqual({ ...DEFAULT_LEDGER_QUERY, states: ['listed'] });
    expect(s.selectedId).toBeNull();
  });

  it('starts at page 1 again when a filter or the sort changes, not when paging', () => {
    const s = parseLedgerUrl('?page=4&grade=D');
    expect(withQuery(s, { mustMoveOut: true }).query.page).toBe(1);
    expect(withQuery(s, { sort: 'grade' }).query.page).toBe(1);
    expect(withQuery(s, { page: 5 }).query.page).toBe(5);
  });

  it('asks the API with the contract parameter names', () => {
    const q = parseLedgerUrl('?state=listed&grade=C,D&standing=overdue,due_soon&moveOut=1&q=%20李%20').query;
    expect(ledgerParams(q)).toEqual({
      state: 'listed',
      grade: 'C,D',
      standing: 'overdue,due_soon',
      mustMoveOut: 'true',
      q: '李',
      sort: 'due',
      dir: 'asc',
      page: '1',
      pageSize: '50',
    });
  });
});

const ledger = (over: Partial<HouseLedger>): HouseLedger => ({
  houseId: 1,
  householdId: 1,
  state: 'listed',
  grade: 'D',
  alertCovers: false,
  actions: [],
  case: null,
  plan: null,
  relocation: null,
  mustMoveOut: false,
  lastIdleCheck: null,
  ...over,
});

describe('the buttons of a house in the ledger', () => {
  it('offers exactly the moves the server allows this user, the forward step first', () => {
    const b = ledgerButtons(ledger({ state: 'completed', actions: ['fail_acceptance', 'accept'] }), 'county_admin');
    expect(b.map((x) => x.key)).toEqual(['accept', 'fail_acceptance']);
    expect(b[0]).toMatchObject({ primary: true, form: { kind: 'transition', action: 'accept' } });
  });

  it('puts the move-out first when people still live in the house, and never offers it to a read-only role', () => {
    const l = ledger({ state: 'listed', mustMoveOut: true, actions: ['plan', 'guarantee'] });
    expect(ledgerButtons(l, 'county_staff').map((x) => x.key)).toEqual(['relocate', 'plan', 'guarantee']);
    expect(ledgerButtons({ ...l, actions: [] }, 'viewer')).toEqual([]);
  });

  it('offers the return home while a relocation is open, an idle check for idle houses, and plan edits once a plan exists', () => {
    const relocation = { id: 3, place: '村委会', placeKind: 'village_room' as const, movedOn: '2026-03-01', people: 2, returnedOn: null };
    const plan = { mode: 'rebuild' as const, guaranteeMode: null, responsible: {}, plannedStartOn: null, plannedFinishOn: null, fundsCentral: null, fundsLocal: null, fundsSelf: null, notes: null, worksStartedOn: null, worksCompletedOn: null, acceptedOn: null, closedOutOn: null, updatedAt: '2026-03-02T08:00:00Z', updatedBy: null };
    expect(ledgerButtons(ledger({ state: 'under_works', relocation, plan, actions: ['complete_works'] }), 'township_staff').map((x) => x.key)).toEqual([
      'complete_works',
      'edit_plan',
      'return',
    ]);
    expect(ledgerButtons(ledger({ state: 'sealed', grade: 'C', actions: ['demolish'] }), 'county_staff').map((x) => x.key)).toEqual(['demolish', 'idle_check']);
    // Closed out while the household is still away: its return is still recorded.
    expect(ledgerButtons(ledger({ state: 'closed_out', relocation, actions: [] }), 'county_staff').map((x) => x.key)).toEqual(['return']);
    expect(ledgerButtons(ledger({ state: 'closed_out', relocation, actions: [] }), 'township_leader')).toEqual([]);
    // A closed-out house: nothing but what the server allows, and a new appraisal is a re-check, not the next step.
    expect(ledgerButtons(ledger({ state: 'closed_out', grade: 'D', plan, actions: [] }), 'county_admin')).toEqual([]);
    const reopen = ledgerButtons(ledger({ state: 'closed_out', grade: 'D', actions: ['suspect', 'appraise'] }), 'county_admin');
    expect(reopen.map((b) => [b.key, b.primary])).toEqual([
      ['suspect', false],
      ['appraise', false],
    ]);
    expect(ledgerButtons(ledger({ state: 'suspected', grade: null, actions: ['appraise'] }), 'county_staff')[0]!.primary).toBe(true);
  });
});

describe('the appraisers a form offers', () => {
  const tr = (userId: number, username: string, kind: 'patrol' | 'appraisal', trainedOn: string, validUntil: string | null) => ({
    id: userId * 10 + trainedOn.length,
    userId,
    username,
    kind,
    course: 'x',
    trainedOn,
    validUntil,
  });
  const ledger = [
    tr(1, 'wang', 'appraisal', '2024-01-10', '2027-01-10'),
    tr(2, 'li', 'patrol', '2024-01-10', null), // trained to patrol, not to appraise
    tr(3, 'zhao', 'appraisal', '2022-01-10', '2024-01-10'), // lapsed
    tr(3, 'zhao', 'appraisal', '2026-06-01', null), // renewed later
    tr(4, 'chen', 'appraisal', '2027-01-01', null), // not yet taken
  ];

  it('are the people whose appraisal training stands on the day, by the server\'s rule', () => {
    expect(appraisersOn(ledger, '2025-05-01').map((a) => a.username)).toEqual(['wang']);
    expect(appraisersOn(ledger, '2026-07-01').map((a) => a.username)).toEqual(['wang', 'zhao']);
    expect(appraisersOn(ledger, '2027-02-01').map((a) => a.username)).toEqual(['chen', 'zhao']);
  });
});
