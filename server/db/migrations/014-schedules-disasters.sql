-- Schedules and disaster damage (issue 11).

-- What a patrol task is for (domain/task-kinds.ts): an alert patrol, a hand-picked one, the quarterly
-- revisit of fragile key houses (seed 003) or the March–April campaign (seed 001). Its batch key says
-- it; the column lets the board filter without parsing keys. Tasks from before are alert or manual.
ALTER TABLE patrol_tasks ADD COLUMN kind TEXT NOT NULL DEFAULT 'manual'
  CHECK (kind IN ('alert', 'manual', 'quarterly', 'campaign'));
UPDATE patrol_tasks SET kind = 'alert' WHERE batch_key LIKE 'alert:%';
CREATE INDEX patrol_tasks_kind ON patrol_tasks(kind, batch_key);

-- A disaster (flood, landslide, earthquake …): its damaged houses are reported to the township within
-- 3 days (seed 002: 受灾情况3日内上报). township_code NULL: a county-wide event.
CREATE TABLE disaster_events (
  id            INTEGER PRIMARY KEY,
  name          TEXT NOT NULL,
  type          TEXT NOT NULL CHECK (type IN ('flood', 'flash_flood', 'landslide', 'debris_flow', 'earthquake', 'snow',
                                              'typhoon', 'gale', 'other')),
  occurred_on   TEXT NOT NULL,                 -- China-time day
  alert_id      INTEGER REFERENCES alerts(id), -- the warning it followed, if any
  township_code TEXT REFERENCES regions(code),
  created_by    INTEGER NOT NULL REFERENCES users(id),
  created_at    TEXT NOT NULL
);
CREATE INDEX disaster_events_occurred ON disaster_events(occurred_on);

-- One damage report of one house after one event. Append-only: a later visit that finds more (or less)
-- damage adds a report; the latest per house counts, the first says whether the house was reported in time.
CREATE TABLE damage_reports (
  id           INTEGER PRIMARY KEY,
  event_id     INTEGER NOT NULL REFERENCES disaster_events(id),
  house_id     INTEGER NOT NULL REFERENCES houses(id),
  household_id INTEGER NOT NULL REFERENCES households(id),
  degree       TEXT NOT NULL CHECK (degree IN ('minor', 'moderate', 'severe', 'collapsed')),
  habitable    INTEGER CHECK (habitable IN (0, 1)),   -- NULL: not judged
  notes        TEXT,
  reported_on  TEXT NOT NULL,                         -- China-time day the village reported it
  reported_at  TEXT NOT NULL,                         -- instant recorded
  reported_by  INTEGER NOT NULL REFERENCES users(id),
  late         INTEGER NOT NULL CHECK (late IN (0, 1)) -- reported_on > damageReportDueOn(occurred_on)
);
CREATE INDEX damage_reports_event_house ON damage_reports(event_id, house_id, reported_on);
CREATE INDEX damage_reports_house ON damage_reports(house_id);
CREATE TRIGGER damage_reports_append_only_u BEFORE UPDATE ON damage_reports
BEGIN SELECT RAISE(ABORT, 'damage reports are append-only'); END;
CREATE TRIGGER damage_reports_append_only_d BEFORE DELETE ON damage_reports
BEGIN SELECT RAISE(ABORT, 'damage reports are append-only'); END;

CREATE TABLE damage_report_photos (
  report_id INTEGER NOT NULL REFERENCES damage_reports(id),
  sha256    TEXT NOT NULL REFERENCES photos(sha256),
  PRIMARY KEY (report_id, sha256)
);
CREATE INDEX damage_report_photos_sha ON damage_report_photos(sha256);
