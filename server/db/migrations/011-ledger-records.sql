-- What the ledger's routes record beyond 010 (issue 11, server/db/ledger*.ts):
--   - an emergency assessment (应急评估) says 可以居住 / 不可以居住 and need not grade the house, so
--     appraisals.grade may be empty for kind 'emergency' alone. SQLite cannot drop a NOT NULL in place:
--     the table is rebuilt with every column and index it had after 010. appraisal_photos references
--     appraisals(id): deferred foreign keys let the rows go and come back within this transaction.
--   - every save of a rectification plan, not only the latest (the household timeline tells them all);
--   - the photos of an idle-house check (看、拍: is it still empty, is the sign still up?).
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE appraisals_before_011 AS SELECT * FROM appraisals;
DROP TABLE appraisals;

CREATE TABLE appraisals (
  id           INTEGER PRIMARY KEY,
  house_id     INTEGER NOT NULL REFERENCES houses(id),
  appraised_on TEXT NOT NULL,                  -- China-time day
  grade        TEXT CHECK (grade IN ('A', 'B', 'C', 'D')),
  kind         TEXT NOT NULL,                  -- initial | formal | emergency | review (older: periodic, post_renovation)
  appraiser    TEXT,                           -- the appraiser's name as recorded (older rows: free text)
  org          TEXT,
  case_id      INTEGER REFERENCES ledger_cases(id),
  appraiser_id INTEGER REFERENCES users(id),
  components   TEXT,                           -- JSON {foundation: 'a'..'d', walls: …}
  habitable    INTEGER CHECK (habitable IN (0, 1)),
  notes        TEXT,
  recorded_by  INTEGER REFERENCES users(id),
  recorded_at  TEXT,
  CHECK (grade IS NOT NULL OR kind = 'emergency')
);
INSERT INTO appraisals (id, house_id, appraised_on, grade, kind, appraiser, org, case_id, appraiser_id, components, habitable,
                        notes, recorded_by, recorded_at)
SELECT id, house_id, appraised_on, grade, kind, appraiser, org, case_id, appraiser_id, components, habitable,
       notes, recorded_by, recorded_at
  FROM appraisals_before_011;
DROP TABLE appraisals_before_011;
CREATE INDEX appraisals_house ON appraisals(house_id, appraised_on);
CREATE INDEX appraisals_case ON appraisals(case_id);

-- Each save of a case's plan (rectification_plans holds the one in force).
CREATE TABLE plan_saves (
  id       INTEGER PRIMARY KEY,
  case_id  INTEGER NOT NULL REFERENCES ledger_cases(id),
  house_id INTEGER NOT NULL REFERENCES houses(id),
  plan     TEXT NOT NULL,                      -- JSON: the plan as saved
  saved_on TEXT NOT NULL,                      -- China-time day
  saved_at TEXT NOT NULL,
  saved_by INTEGER REFERENCES users(id)
);
CREATE INDEX plan_saves_house ON plan_saves(house_id, id);
CREATE TRIGGER plan_saves_append_only_u BEFORE UPDATE ON plan_saves
BEGIN SELECT RAISE(ABORT, 'plan saves are append-only'); END;
CREATE TRIGGER plan_saves_append_only_d BEFORE DELETE ON plan_saves
BEGIN SELECT RAISE(ABORT, 'plan saves are append-only'); END;

CREATE TABLE idle_check_photos (
  check_id INTEGER NOT NULL REFERENCES idle_house_checks(id),
  sha256   TEXT NOT NULL REFERENCES photos(sha256),
  PRIMARY KEY (check_id, sha256)
);
