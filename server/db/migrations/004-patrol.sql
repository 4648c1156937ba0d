-- Training ledger (培训台账, seed 001): only trained staff may appraise or inspect.
CREATE TABLE trainings (
  id          INTEGER PRIMARY KEY,
  user_id     INTEGER NOT NULL REFERENCES users(id),
  course      TEXT NOT NULL,                 -- e.g. 农村住房安全隐患排查
  trained_on  TEXT NOT NULL,                 -- ISO date
  valid_until TEXT,                          -- ISO date; NULL = no expiry
  recorded_by INTEGER REFERENCES users(id),
  recorded_at TEXT NOT NULL
);
CREATE INDEX trainings_user ON trainings(user_id, valid_until);

-- Dispatch rules: which alert types and levels require which houses patrolled, and how soon.
CREATE TABLE dispatch_rules (
  id          INTEGER PRIMARY KEY,
  alert_type  TEXT NOT NULL,
  level       TEXT NOT NULL CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
  grades      TEXT NOT NULL DEFAULT '[]',    -- JSON array: houses of these grades
  structures  TEXT NOT NULL DEFAULT '[]',    -- JSON array: houses of these structures
  key_houses  INTEGER NOT NULL DEFAULT 0,    -- and every key house
  key_structures TEXT NOT NULL DEFAULT '[]', -- and key houses of these structures only
  due_hours   REAL NOT NULL CHECK (due_hours > 0),
  updated_at  TEXT NOT NULL,
  UNIQUE (alert_type, level)
);

-- Patrol tasks: one per village and alert (split into parts when too long for one inspector).
-- The UNIQUE constraints make dispatch idempotent in the database itself.
CREATE TABLE patrol_tasks (
  id            INTEGER PRIMARY KEY,
  alert_id      INTEGER,                     -- NULL for a manual dispatch
  batch_key     TEXT NOT NULL,               -- 'alert:<id>' or 'manual:<uuid>'
  village_code  TEXT NOT NULL REFERENCES regions(code),
  part          INTEGER NOT NULL DEFAULT 1,
  assignee_id   INTEGER REFERENCES users(id),
  status        TEXT NOT NULL DEFAULT 'assigned'
                CHECK (status IN ('assigned', 'accepted', 'in_progress', 'completed', 'reviewed', 'cancelled')),
  due_at        TEXT NOT NULL,
  start_lon     REAL NOT NULL,               -- the village committee: start and end of the route
  start_lat     REAL NOT NULL,
  route_length_m REAL NOT NULL DEFAULT 0,
  route_metric  TEXT NOT NULL DEFAULT 'haversine',
  created_at    TEXT NOT NULL,
  created_by    INTEGER REFERENCES users(id),
  updated_at    TEXT NOT NULL,
  UNIQUE (batch_key, village_code, part)
);
CREATE INDEX patrol_tasks_assignee ON patrol_tasks(assignee_id, status);
CREATE INDEX patrol_tasks_alert ON patrol_tasks(alert_id);

-- Stops: one house on one task, in route order, with what the inspector found.
CREATE TABLE patrol_stops (
  id              INTEGER PRIMARY KEY,
  task_id         INTEGER NOT NULL REFERENCES patrol_tasks(id),
  batch_key       TEXT NOT NULL,
  house_id        INTEGER NOT NULL REFERENCES houses(id),
  household_id    INTEGER NOT NULL REFERENCES households(id),
  seq             INTEGER NOT NULL,
  result          TEXT CHECK (result IN ('safe', 'hazard', 'uninhabitable')),
  hazards         TEXT NOT NULL DEFAULT '[]', -- JSON array of checklist item codes
  notes           TEXT,
  gps_lon         REAL,
  gps_lat         REAL,
  gps_accuracy_m  REAL,
  observed_at     TEXT,                       -- when the inspector recorded it (device clock)
  reported_at     TEXT,                       -- when the server received it
  reported_by     INTEGER REFERENCES users(id),
  idempotency_key TEXT UNIQUE,
  UNIQUE (batch_key, house_id)                -- a house is patrolled once per alert
);
CREATE INDEX patrol_stops_task ON patrol_stops(task_id, seq);
CREATE INDEX patrol_stops_house ON patrol_stops(house_id);

-- Photos, stored under data/photos/ by content hash; one photo may serve several stops.
CREATE TABLE photos (
  sha256     TEXT PRIMARY KEY,
  mime       TEXT NOT NULL,
  bytes      INTEGER NOT NULL,
  width      INTEGER NOT NULL,
  height     INTEGER NOT NULL,
  uploaded_by INTEGER REFERENCES users(id),
  created_at TEXT NOT NULL
);
CREATE TABLE stop_photos (
  stop_id INTEGER NOT NULL REFERENCES patrol_stops(id),
  sha256  TEXT NOT NULL REFERENCES photos(sha256),
  PRIMARY KEY (stop_id, sha256)
);

-- The one state of a house grows here: a field report of a hazard makes it suspected (疑似危房),
-- an uninhabitable one also flags its people to be moved out now (危房不进人、人不进危房).
ALTER TABLE houses ADD COLUMN move_out_required INTEGER NOT NULL DEFAULT 0;
ALTER TABLE houses ADD COLUMN suspected_at TEXT;
CREATE INDEX houses_status ON houses(status);
