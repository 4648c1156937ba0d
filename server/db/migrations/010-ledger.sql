-- The rectification ledger (整改台账, issue 11): from suspected house to close-out (销号).
-- houses.status becomes the one state of the machine in server/domain/ledger-states.ts; a ledger case
-- (one per episode: suspected → … → closed out) carries the facts of that episode. Closed cases and
-- the transition log are never edited.

UPDATE houses SET status = 'monitoring' WHERE status = 'normal';

-- SQLite cannot add a CHECK in place (and rebuilding houses would rebuild its R*Tree companions), so
-- triggers keep the state inside the machine's vocabulary.
CREATE TRIGGER houses_status_insert BEFORE INSERT ON houses
WHEN NEW.status NOT IN ('monitoring', 'suspected', 'listed', 'planned', 'under_works', 'completed', 'accepted',
                        'closed_out', 'guaranteed', 'idle', 'sealed', 'demolished', 'closed')
BEGIN SELECT RAISE(ABORT, 'houses.status is not a ledger state'); END;
CREATE TRIGGER houses_status_update BEFORE UPDATE OF status ON houses
WHEN NEW.status NOT IN ('monitoring', 'suspected', 'listed', 'planned', 'under_works', 'completed', 'accepted',
                        'closed_out', 'guaranteed', 'idle', 'sealed', 'demolished', 'closed')
BEGIN SELECT RAISE(ABORT, 'houses.status is not a ledger state'); END;

-- The day a household entered the monitored list: seed 003 wants its house appraised within one month.
ALTER TABLE households ADD COLUMN listed_on TEXT;

-- Which trainings make an appraiser (seed 001: only trained technicians appraise). Older rows are patrol courses.
ALTER TABLE trainings ADD COLUMN kind TEXT NOT NULL DEFAULT 'patrol' CHECK (kind IN ('patrol', 'appraisal'));

-- One episode of a house in the ledger. Opened when the house turns suspect (or an appraisal finds it
-- C/D); closed as cleared (appraised A/B), closed_out (销号 after accepted works) or closed (demolished).
CREATE TABLE ledger_cases (
  id            INTEGER PRIMARY KEY,
  house_id      INTEGER NOT NULL REFERENCES houses(id),
  household_id  INTEGER NOT NULL REFERENCES households(id),
  source        TEXT NOT NULL CHECK (source IN ('patrol', 'appraisal', 'complaint', 'disaster', 'staff', 'import', 'seed')),
  opened_on     TEXT NOT NULL,                 -- China-time day
  opened_at     TEXT NOT NULL,                 -- instant recorded
  opened_by     INTEGER REFERENCES users(id),
  grade         TEXT CHECK (grade IN ('A', 'B', 'C', 'D')),
  dangerous_on  TEXT,                          -- day of the appraisal that found it C/D: starts the works deadline
  works_due_on  TEXT,                          -- domain/deadlines.ts worksDueOn(dangerous_on)
  habitable     INTEGER CHECK (habitable IN (0, 1)), -- latest verdict (patrol or 应急评估); NULL = none given
  closed_on     TEXT,
  closed_at     TEXT,
  outcome       TEXT CHECK (outcome IN ('cleared', 'closed_out', 'closed')),
  CHECK ((closed_at IS NULL) = (outcome IS NULL))
);
CREATE UNIQUE INDEX ledger_cases_open ON ledger_cases(house_id) WHERE closed_at IS NULL;
CREATE INDEX ledger_cases_due ON ledger_cases(works_due_on) WHERE closed_at IS NULL;
CREATE INDEX ledger_cases_household ON ledger_cases(household_id);
CREATE TRIGGER ledger_cases_closed_frozen BEFORE UPDATE ON ledger_cases WHEN OLD.closed_at IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'a closed ledger case is never edited'); END;
CREATE TRIGGER ledger_cases_no_delete BEFORE DELETE ON ledger_cases
BEGIN SELECT RAISE(ABORT, 'ledger cases are never deleted'); END;

-- The open case of a house (NULL when none): the state's facts, found without a scan.
ALTER TABLE houses ADD COLUMN case_id INTEGER REFERENCES ledger_cases(id);

-- Every move of the machine: who, when, why. Append-only.
CREATE TABLE house_transitions (
  id         INTEGER PRIMARY KEY,
  house_id   INTEGER NOT NULL REFERENCES houses(id),
  case_id    INTEGER REFERENCES ledger_cases(id),
  action     TEXT NOT NULL,
  from_state TEXT NOT NULL,
  to_state   TEXT NOT NULL,
  on_date    TEXT NOT NULL,                    -- China-time day it happened (may be before it was entered)
  at         TEXT NOT NULL,                    -- instant recorded
  by_user    INTEGER REFERENCES users(id),
  reason     TEXT,
  detail     TEXT NOT NULL DEFAULT '{}'        -- JSON: the action's own facts (grade, verdict, sign posted …)
);
CREATE INDEX house_transitions_house ON house_transitions(house_id, id);
CREATE INDEX house_transitions_case ON house_transitions(case_id);
CREATE TRIGGER house_transitions_append_only_u BEFORE UPDATE ON house_transitions
BEGIN SELECT RAISE(ABORT, 'house transitions are append-only'); END;
CREATE TRIGGER house_transitions_append_only_d BEFORE DELETE ON house_transitions
BEGIN SELECT RAISE(ABORT, 'house transitions are append-only'); END;

-- Appraisals gain who did them (a trained user), what they found, and the episode they belong to.
-- kind: initial 初判 | formal 正式鉴定 | emergency 应急评估 | review 复核 (older rows: periodic, post_renovation).
ALTER TABLE appraisals ADD COLUMN case_id INTEGER REFERENCES ledger_cases(id);
ALTER TABLE appraisals ADD COLUMN appraiser_id INTEGER REFERENCES users(id);
ALTER TABLE appraisals ADD COLUMN components TEXT;              -- JSON {foundation: 'a'..'d', walls: …}
ALTER TABLE appraisals ADD COLUMN habitable INTEGER CHECK (habitable IN (0, 1)); -- 应急评估: 可以居住 / 不可以居住
ALTER TABLE appraisals ADD COLUMN notes TEXT;
ALTER TABLE appraisals ADD COLUMN recorded_by INTEGER REFERENCES users(id);
ALTER TABLE appraisals ADD COLUMN recorded_at TEXT;
CREATE TABLE appraisal_photos (
  appraisal_id INTEGER NOT NULL REFERENCES appraisals(id),
  sha256       TEXT NOT NULL REFERENCES photos(sha256),
  PRIMARY KEY (appraisal_id, sha256)
);

-- The rectification plan of a case (one per case), with 四清一责任: a responsible person per stage.
CREATE TABLE rectification_plans (
  case_id          INTEGER PRIMARY KEY REFERENCES ledger_cases(id),
  house_id         INTEGER NOT NULL REFERENCES houses(id),
  mode             TEXT NOT NULL CHECK (mode IN ('repair_strengthen', 'rebuild', 'new_site', 'guarantee')),
  guarantee_mode   TEXT CHECK (guarantee_mode IN ('public_rental', 'happiness_yard', 'relatives', 'rental', 'idle_public', 'elder_care', 'other')),
  responsible      TEXT NOT NULL DEFAULT '{}', -- JSON {problem, appraisal, works, acceptance}: {name, userId?}
  planned_start_on TEXT,
  planned_finish_on TEXT,
  funds_central    REAL CHECK (funds_central >= 0),  -- yuan
  funds_local      REAL CHECK (funds_local >= 0),
  funds_self       REAL CHECK (funds_self >= 0),
  works_started_on TEXT,
  works_completed_on TEXT,
  accepted_on      TEXT,
  closed_out_on    TEXT,
  notes            TEXT,
  updated_at       TEXT NOT NULL,
  updated_by       INTEGER REFERENCES users(id),
  CHECK ((mode = 'guarantee') = (guarantee_mode IS NOT NULL))
);
CREATE INDEX rectification_plans_house ON rectification_plans(house_id);

-- Photos of a case by stage: before/after works, the posted warning sign, the sealed house.
CREATE TABLE case_photos (
  case_id  INTEGER NOT NULL REFERENCES ledger_cases(id),
  sha256   TEXT NOT NULL REFERENCES photos(sha256),
  stage    TEXT NOT NULL CHECK (stage IN ('before', 'during', 'after', 'acceptance', 'sign', 'sealed', 'demolished')),
  added_at TEXT NOT NULL,
  added_by INTEGER REFERENCES users(id),
  PRIMARY KEY (case_id, sha256)
);

-- People first (过渡安置): a household moved out of a D or 不可以居住 house, tracked until it is home safe.
CREATE TABLE relocations (
  id           INTEGER PRIMARY KEY,
  house_id     INTEGER NOT NULL REFERENCES houses(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  case_id      INTEGER REFERENCES ledger_cases(id),
  place        TEXT NOT NULL,                  -- where they live now
  place_kind   TEXT NOT NULL CHECK (place_kind IN ('relatives', 'public_rental', 'happiness_yard', 'rental', 'village_room', 'tent', 'other')),
  moved_on     TEXT NOT NULL,
  people       INTEGER NOT NULL CHECK (people >= 1),
  returned_on  TEXT,                           -- back in a safe house; NULL = still away
  recorded_at  TEXT NOT NULL,
  recorded_by  INTEGER REFERENCES users(id)
);
CREATE INDEX relocations_house ON relocations(house_id);
CREATE UNIQUE INDEX relocations_open ON relocations(household_id) WHERE returned_on IS NULL;

-- Idle dangerous houses (闲置危房, seed 001): sealed, sign posted, looked at regularly — is it still empty?
CREATE TABLE idle_house_checks (
  id           INTEGER PRIMARY KEY,
  house_id     INTEGER NOT NULL REFERENCES houses(id),
  case_id      INTEGER REFERENCES ledger_cases(id),
  checked_on   TEXT NOT NULL,
  checked_by   INTEGER NOT NULL REFERENCES users(id),
  still_empty  INTEGER NOT NULL CHECK (still_empty IN (0, 1)),
  sign_present INTEGER NOT NULL CHECK (sign_present IN (0, 1)),
  notes        TEXT,
  recorded_at  TEXT NOT NULL
);
CREATE INDEX idle_house_checks_house ON idle_house_checks(house_id, checked_on);
