// The demo county's rectification ledger (整改台账), written after its households and accounts: every
// house the generator found dangerous gets the cases its history implies — the repaired and rebuilt
// ones closed out years ago (解决一户，销号一户), the ones found in the last fourteen months somewhere
// between listed and closed out as of the demo's reference day — plus a few fresh suspicions from
// patrols, some cleared by an appraisal, and a few closed-out houses suspected again. Deterministic
// for the seed: the stories are drawn per house from a stream named by seed and house id.
import type { Db } from '../server/db/connection.ts';
import { prepared } from '../server/db/statements.ts';
import { addDays } from '../server/domain/deadlines.ts';
import { FRAGILE_STRUCTURES, type Grade } from '../server/domain/housing.ts';
import { EMPTY_HOUSE_STATES, LEDGER_STATES, type LedgerState } from '../server/domain/ledger-states.ts';
import { DEMO_AS_OF } from './houses.ts';
import { clearedEpisode, chooseMode, pastEpisode, recentEpisode, suspicionEpisode, type AppraisalOnRecord, type Cast, type IdleFate } from './ledger-episodes.ts';
import { writeHouseLedger, type Episode, type PlanMode } from './ledger-writer.ts';
import { COUNTY_NAME } from './names.ts';
import { Random } from './random.ts';

export interface LedgerSeedResult {
  /** Current houses per ledger state. */
  byState: Record<LedgerState, number>;
  cases: number;
  ms: number;
}

interface HouseRow {
  id: number;
  household_id: number;
  is_current: number;
  grade: Grade | null;
  village_code: string;
  township_code: string;
  members: number;
}

type Appraisal = AppraisalOnRecord & { kind: string };
const dangerous = (g: Grade | null): boolean => g === 'C' || g === 'D';

/** Writes the ledger of a freshly seeded county; needs its accounts (seedDemoUsers, seedDemoInspectors) to name who did what. */
export function seedDemoLedger(db: Db, opts: { seed: number }): LedgerSeedResult {
  const started = performance.now();
  if (prepared(db, 'SELECT 1 FROM ledger_cases LIMIT 1').get()) throw new Error('refusing to seed the ledger: it has cases already');
  const asOf = DEMO_AS_OF;
  const households = (prepared(db, 'SELECT count(*) AS n FROM households').get() as { n: number }).n;
  const castOf = casting(db);
  const appraisalsOf = (houseId: number): Appraisal[] =>
    prepared(db, 'SELECT id, appraised_on AS "on", grade, kind FROM appraisals WHERE house_id = ? ORDER BY appraised_on, id').all(houseId) as Appraisal[];
  const rngOf = (houseId: number, part: string) => new Random(`anju-ledger:${opts.seed}:${part}:${houseId}`);
  const touched = new Set<number>();

  db.transaction(() => {
    // Houses with a dangerous past or present: C/D now, a renovation on record, or the old house of a rebuild.
    const houses = prepared(
      db,
      `SELECT o.id, o.household_id, o.is_current, o.grade, h.village_code, h.township_code, h.members
         FROM houses o JOIN households h ON h.id = o.household_id
        WHERE o.grade IN ('C', 'D') OR o.is_current = 0 OR EXISTS (SELECT 1 FROM renovations r WHERE r.house_id = o.id)
        ORDER BY o.id`,
    ).all() as HouseRow[];
    const recent = houses.filter((o) => o.is_current === 1 && dangerous(o.grade));
    const modes = new Map(recent.map((o) => [o.id, chooseMode(rngOf(o.id, 'mode'), o.grade!)]));
    const fates = idleFates(recent.filter((o) => modes.get(o.id) === 'guarantee').map((o) => ({ id: o.id, found: appraisalsOf(o.id).at(-1)!.on })));

    for (const o of houses) {
      const rng = rngOf(o.id, 'story');
      const ctx = { asOf, members: o.members, cast: castOf(o.village_code, o.township_code) };
      const appraisals = appraisalsOf(o.id);
      const renovations = prepared(db, 'SELECT method, completed_on AS completedOn FROM renovations WHERE house_id = ? AND completed_on IS NOT NULL ORDER BY completed_on').all(o.id) as {
        method: Exclude<PlanMode, 'guarantee'>;
        completedOn: string;
      }[];
      const episodes: Episode[] = [];
      let after: string | null = null;
      for (const r of renovations) {
        const found = appraisals.filter((a) => dangerous(a.grade) && a.on <= r.completedOn && (after === null || a.on > after)).at(-1);
        if (!found) continue;
        const reviewed = appraisals.find((a) => a.on > r.completedOn && !dangerous(a.grade)) ?? null;
        const past = pastEpisode(rng, ctx, { found, done: r.completedOn, mode: r.method, reviewed });
        episodes.push(past);
        after = past.steps.at(-1)!.on;
      }
      const last = appraisals.at(-1);
      if (o.is_current === 1 && last && dangerous(last.grade) && (after === null || last.on > after)) {
        const mode = modes.get(o.id)!;
        // A patrol's suspicion before the appraisal comes after whatever happened before it.
        const before = [appraisals.at(-2)?.on ?? null, after].reduce((m, d) => (d !== null && (m === null || d > m) ? d : m), null);
        episodes.push(recentEpisode(rng, ctx, { found: last, after: before, mode, fate: fates.get(o.id) ?? 'sealed', suspectedFirst: rng.chance(0.35) }));
      }
      if (episodes.length === 0) continue;
      const { state } = writeHouseLedger(db, o.id, episodes);
      touched.add(o.id);
      // 住房保障方式 (seed 004): a household housed elsewhere is 保障安全.
      if (EMPTY_HOUSE_STATES.includes(state)) prepared(db, "UPDATE households SET guarantee_mode = 'secured_elsewhere' WHERE id = ?").run(o.household_id);
    }

    suspectAgain(db, asOf, households, touched, castOf, rngOf);
    freshSuspicions(db, asOf, households, touched, castOf, rngOf);
    clearedSuspicions(db, asOf, households, touched, castOf, rngOf, appraisalsOf);
  })();

  const byState = Object.fromEntries(LEDGER_STATES.map((s) => [s, 0])) as Record<LedgerState, number>;
  for (const r of prepared(db, 'SELECT status, count(*) AS n FROM houses WHERE is_current = 1 GROUP BY status').all() as { status: LedgerState; n: number }[]) {
    byState[r.status] = r.n;
  }
  const cases = (prepared(db, 'SELECT count(*) AS n FROM ledger_cases').get() as { n: number }).n;
  return { byState, cases, ms: Math.round(performance.now() - started) };
}

/**
 * How the empty houses of guaranteed households end: the ones found first have had time to be
 * demolished (拆除) and their cases closed — a few of each — a quarter are still waiting for their
 * seal, the rest are sealed (封存).
 */
function idleFates(guaranteed: { id: number; found: string }[]): Map<number, IdleFate> {
  const sorted = [...guaranteed].sort((a, b) => a.found.localeCompare(b.found) || a.id - b.id);
  const k = Math.max(1, Math.round(sorted.length * 0.01));
  return new Map(sorted.map((g, i): [number, IdleFate] => [g.id, i < k ? 'closed' : i < 2 * k ? 'demolished' : i % 4 === 0 ? 'idle' : 'sealed']));
}

type CastOf = (village: string, township: string) => Cast;
type RngOf = (houseId: number, part: string) => Random;

/** A handful of closed-out houses suspected again on a patrol: a second case, the first never edited. */
function suspectAgain(db: Db, asOf: string, households: number, touched: Set<number>, castOf: CastOf, rngOf: RngOf): void {
  const closedOut = prepared(
    db,
    `SELECT o.id, h.village_code, h.township_code, h.members FROM houses o JOIN households h ON h.id = o.household_id
      WHERE o.is_current = 1 AND o.status = 'closed_out' AND o.appraised_on < @before
        AND NOT EXISTS (SELECT 1 FROM house_transitions x WHERE x.house_id = o.id AND x.on_date >= @before)
      ORDER BY o.id`,
  ).all({ before: addDays(asOf, -60) }) as HouseRow[];
  const picked = new Random(`anju-ledger-again:${asOf}:${households}`).shuffle(closedOut).slice(0, Math.max(1, Math.round(households * 0.0002)));
  for (const o of picked) {
    const rng = rngOf(o.id, 'again');
    writeHouseLedger(db, o.id, [suspicionEpisode(rng, { asOf, members: o.members, cast: castOf(o.village_code, o.township_code) }, addDays(asOf, -rng.int(0, 40)))]);
    touched.add(o.id);
  }
}

/** Fresh suspicions from patrols in the last eight weeks, awaiting appraisal: fragile B houses, mostly. */
function freshSuspicions(db: Db, asOf: string, households: number, touched: Set<number>, castOf: CastOf, rngOf: RngOf): void {
  const fragile = FRAGILE_STRUCTURES.map((s) => `'${s}'`).join(', ');
  const candidates = (
    prepared(
      db,
      `SELECT o.id, h.village_code, h.township_code, h.members FROM houses o JOIN households h ON h.id = o.household_id
        WHERE o.is_current = 1 AND o.status = 'monitoring' AND o.grade = 'B' AND o.structure IN (${fragile}) AND o.appraised_on < @before
        ORDER BY o.id`,
    ).all({ before: addDays(asOf, -70) }) as HouseRow[]
  ).filter((o) => !touched.has(o.id));
  const picked = new Random(`anju-ledger-suspect:${asOf}:${households}`).shuffle(candidates).slice(0, Math.max(2, Math.round(households * 0.0015)));
  for (const o of picked) {
    const rng = rngOf(o.id, 'suspect');
    writeHouseLedger(db, o.id, [suspicionEpisode(rng, { asOf, members: o.members, cast: castOf(o.village_code, o.township_code) }, addDays(asOf, -rng.int(0, 55)))]);
    touched.add(o.id);
  }
}

/** Suspicions an appraisal cleared: houses whose last appraisal, after a rain in the last year and a half, found them A or B. */
function clearedSuspicions(
  db: Db,
  asOf: string,
  households: number,
  touched: Set<number>,
  castOf: CastOf,
  rngOf: RngOf,
  appraisalsOf: (houseId: number) => Appraisal[],
): void {
  const candidates = (
    prepared(
      db,
      `SELECT o.id, h.village_code, h.township_code, h.members FROM houses o JOIN households h ON h.id = o.household_id
        WHERE o.is_current = 1 AND o.status = 'monitoring' AND o.grade IN ('A', 'B') AND o.appraised_on >= @since
          AND EXISTS (SELECT 1 FROM appraisals a WHERE a.house_id = o.id AND a.appraised_on = o.appraised_on AND a.kind = 'emergency')
        ORDER BY o.id`,
    ).all({ since: addDays(asOf, -540) }) as HouseRow[]
  ).filter((o) => !touched.has(o.id));
  const picked = new Random(`anju-ledger-cleared:${asOf}:${households}`).shuffle(candidates).slice(0, Math.max(2, Math.round(households * 0.001)));
  for (const o of picked) {
    const appraisals = appraisalsOf(o.id);
    const last = appraisals.at(-1)!;
    const episode = clearedEpisode(rngOf(o.id, 'cleared'), { asOf, members: o.members, cast: castOf(o.village_code, o.township_code) }, last);
    // The suspicion must come after the appraisal before it.
    const before = appraisals.at(-2);
    if (before && before.on >= episode.steps[0]!.on) continue;
    writeHouseLedger(db, o.id, [episode]);
    touched.add(o.id);
  }
}

/** Who the ledger names: the village's inspector, the township's staff (the demo township's account), the county's. */
function casting(db: Db): CastOf {
  const user = (username: string) =>
    (prepared(db, 'SELECT id, display_name AS name, region_code AS region FROM users WHERE username = ?').get(username) as
      | { id: number; name: string; region: string }
      | undefined) ?? null;
  const admin = user('county');
  const staff = user('staff');
  const township = user('township');
  const inspectors = new Map(
    (prepared(db, "SELECT id, display_name AS name, region_code AS region FROM users WHERE role = 'inspector' AND username LIKE 'insp-%'").all() as {
      id: number;
      name: string;
      region: string;
    }[]).map((u) => [u.region, { id: u.id, name: u.name }]),
  );
  const technicians = prepared(
    db,
    `SELECT u.id, u.display_name AS name, t.trained_on AS trainedOn, coalesce(t.valid_until, '9999-12-31') AS validUntil
       FROM trainings t JOIN users u ON u.id = t.user_id
      WHERE t.kind = 'appraisal' AND u.role = 'county_staff' AND u.password_hash = '!' ORDER BY u.id`,
  ).all() as { id: number; name: string; trainedOn: string; validUntil: string }[];
  const org = `${COUNTY_NAME}住房和城乡建设局`;
  const appraiserOn = (day: string) => {
    const t = technicians.find((x) => x.trainedOn <= day && day <= x.validUntil);
    return t ? { id: t.id, name: t.name.replace(/（.*）$/, ''), org } : null;
  };
  const plain = (u: { id: number; name: string } | null) => (u ? { id: u.id, name: u.name } : null);
  return (village, townshipCode) => ({
    inspector: inspectors.get(village) ?? null,
    township: township && township.region === townshipCode ? plain(township) : null,
    staff: plain(staff),
    admin: plain(admin),
    appraiserOn,
  });
}
