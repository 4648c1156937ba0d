import { hashPasswordSync } from '../auth/passwords.ts';
import type { Role } from '../domain/roles.ts';
import { seedDemoComplaints } from '../../data/complaints-seed.ts';
import type { Db } from './connection.ts';

/** Demo accounts, listed in README. Demo only: every one has the password below. */
export const DEMO_PASSWORD = 'anju2026';

const DEMO: { username: string; displayName: string; role: Role; level: 'county' | 'township' | 'village' }[] = [
  { username: 'county', displayName: '县住建局管理员', role: 'county_admin', level: 'county' },
  { username: 'staff', displayName: '县住建局工作人员', role: 'county_staff', level: 'county' },
  { username: 'township', displayName: '镇工作人员', role: 'township_staff', level: 'township' },
  { username: 'leader', displayName: '镇领导', role: 'township_leader', level: 'township' },
  { username: 'inspector', displayName: '村巡查员', role: 'inspector', level: 'village' },
  { username: 'viewer', displayName: '只读用户', role: 'viewer', level: 'county' },
];

/** Binds the demo accounts to the county, its first township and that township's first village. */
export function seedDemoUsers(db: Db, now = new Date()): void {
  const first = (level: string, parent?: string): string =>
    (
      db
        .prepare(`SELECT code FROM regions WHERE level = ? ${parent ? 'AND parent_code = ?' : ''} ORDER BY code LIMIT 1`)
        .get(...(parent ? [level, parent] : [level])) as { code: string }
    ).code;
  const county = first('county');
  const township = first('township', county);
  const village = first('village', township);
  const region = { county, township, village };
  const insert = db.prepare(
    `INSERT OR IGNORE INTO users (username, display_name, role, region_code, password_hash, active, created_at)
     VALUES (?, ?, ?, ?, ?, 1, ?)`,
  );
  db.transaction(() => {
    for (const u of DEMO) insert.run(u.username, u.displayName, u.role, region[u.level], hashPasswordSync(DEMO_PASSWORD), now.toISOString());
  })();
}

const COURSE = '农村住房安全隐患排查培训';

/**
 * A village inspector for every village (they cannot sign in: no password), and the training
 * ledger: the demo inspector and township staff are trained; one village in twenty has an
 * inspector whose training lapsed, so the dispatch board shows what happens then; and the county's
 * appraisal technicians (seedDemoAppraisers). Idempotent: a second run adds no users and no
 * training records.
 */
export function seedDemoInspectors(db: Db, now = new Date()): void {
  const villages = db.prepare("SELECT code, name FROM regions WHERE level = 'village' ORDER BY code").all() as {
    code: string;
    name: string;
  }[];
  const insertUser = db.prepare(
    `INSERT OR IGNORE INTO users (username, display_name, role, region_code, password_hash, active, created_at)
     VALUES (?, ?, 'inspector', ?, '!', 1, ?)`,
  );
  const train = db.prepare(
    `INSERT INTO trainings (user_id, course, trained_on, valid_until, recorded_by, recorded_at)
     SELECT id, '${COURSE}', ?, ?, NULL, ? FROM users WHERE username = ?
       AND NOT EXISTS (SELECT 1 FROM trainings t WHERE t.user_id = users.id AND t.course = '${COURSE}')`,
  );
  const at = now.toISOString();
  db.transaction(() => {
    villages.forEach((v, i) => {
      const username = `insp-${v.code}`;
      insertUser.run(username, `${v.name}巡查员`, v.code, at);
      if (i % 20 === 7) train.run('2022-03-10', '2024-03-10', at, username); // lapsed
      else train.run('2026-03-15', '2028-03-15', at, username);
    });
    train.run('2026-03-15', '2028-03-15', at, 'inspector');
    train.run('2026-03-15', '2028-03-15', at, 'township');
  })();
  seedDemoComplaints(db, now);
  seedDemoAppraisers(db, now);
}

const APPRAISAL_COURSE = '农村住房安全性鉴定技术培训';

/**
 * Appraisal technicians of the county bureau (seed 001: only trained technicians appraise). They
 * cannot sign in (no password); the ledger names them on its appraisals. The third one's training
 * lapsed, so naming him is refused.
 */
export const DEMO_APPRAISERS = [
  { username: 'jianding-wang', displayName: '王建军（鉴定技术员）', trainedOn: '2024-03-18', validUntil: '2027-03-18' },
  { username: 'jianding-li', displayName: '李秀兰（鉴定技术员）', trainedOn: '2025-03-20', validUntil: '2028-03-20' },
  { username: 'jianding-zhao', displayName: '赵文斌（鉴定技术员）', trainedOn: '2020-05-20', validUntil: '2023-05-20' },
] as const;

/**
 * The appraisal side of the training ledger (trainings.kind = 'appraisal'): the technicians above, and
 * the demo county staff account, so the demo can record an appraisal naming itself. Idempotent.
 */
export function seedDemoAppraisers(db: Db, now = new Date()): void {
  const county = (db.prepare("SELECT code FROM regions WHERE level = 'county' ORDER BY code LIMIT 1").get() as { code: string }).code;
  const insertUser = db.prepare(
    `INSERT OR IGNORE INTO users (username, display_name, role, region_code, password_hash, active, created_at)
     VALUES (?, ?, 'county_staff', ?, '!', 1, ?)`,
  );
  const train = db.prepare(
    `INSERT INTO trainings (user_id, course, trained_on, valid_until, recorded_by, recorded_at, kind)
     SELECT id, '${APPRAISAL_COURSE}', ?, ?, NULL, ?, 'appraisal' FROM users WHERE username = ?
       AND NOT EXISTS (SELECT 1 FROM trainings t WHERE t.user_id = users.id AND t.kind = 'appraisal')`,
  );
  const at = now.toISOString();
  db.transaction(() => {
    for (const a of DEMO_APPRAISERS) {
      insertUser.run(a.username, a.displayName, county, at);
      train.run(a.trainedOn, a.validUntil, at, a.username);
    }
    train.run('2026-03-20', '2029-03-20', at, 'staff');
  })();
}
