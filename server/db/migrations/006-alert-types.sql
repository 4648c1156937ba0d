-- Real warning feeds (issue 9): three more alert types (gale 大风, earthquake 地震, other — a natural
-- hazard with no type of its own), the sender's own name for the hazard (CAP <event>), and the mark that
-- the message gave no <expires> (expires_at is then our default, domain/alert-validity.ts).
-- SQLite cannot change a CHECK in place, so the table is rebuilt — with every column, index and trigger
-- it had after 005 (owner_region). alert_updates references alerts(id): deferred foreign keys let the old
-- rows go and come back within this transaction, checked at commit.
PRAGMA defer_foreign_keys = ON;

CREATE TEMP TABLE alerts_before_006 AS SELECT * FROM alerts;
DROP TABLE alerts;

CREATE TABLE alerts (
  id              INTEGER PRIMARY KEY,
  type            TEXT NOT NULL CHECK (type IN
                    ('rainstorm', 'flood', 'flash_flood', 'geological', 'cold_wave', 'freeze', 'icing', 'snowstorm', 'typhoon',
                     'gale', 'earthquake', 'other')),
  level           TEXT NOT NULL CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
  event           TEXT,                        -- the hazard as the sender named it (CAP <event>), display language
  issuer          TEXT NOT NULL,
  headline        TEXT NOT NULL,
  description     TEXT NOT NULL DEFAULT '',
  instruction     TEXT,
  language        TEXT,                        -- of headline/description; zh-CN preferred
  issued_at       TEXT NOT NULL,               -- UTC ISO timestamps, so they compare as strings
  effective_at    TEXT NOT NULL,
  expires_at      TEXT NOT NULL,
  no_expiry_given INTEGER NOT NULL DEFAULT 0 CHECK (no_expiry_given IN (0, 1)),
  cancelled_at    TEXT,
  geometry        TEXT NOT NULL,               -- GeoJSON Polygon | MultiPolygon, WGS84 lon/lat
  source          TEXT NOT NULL CHECK (source IN ('drawn', 'geojson', 'cap')),
  -- The CAP message that created it (sender, identifier, sent name a message: CAP 1.2 <references>).
  cap_sender      TEXT,
  cap_identifier  TEXT,
  cap_sent        TEXT,
  infos           TEXT NOT NULL DEFAULT '[]',  -- JSON: every <info> text, all languages
  region_codes    TEXT NOT NULL DEFAULT '[]',  -- JSON: regions the zone was built from (CAP <geocode>)
  owner_region    TEXT REFERENCES regions(code), -- 005: the region of the account that created or imported it
  version         INTEGER NOT NULL DEFAULT 1,
  created_at      TEXT NOT NULL,
  created_by      INTEGER REFERENCES users(id),
  updated_at      TEXT NOT NULL,
  CHECK (expires_at > effective_at)
);

INSERT INTO alerts (id, type, level, event, issuer, headline, description, instruction, language, issued_at, effective_at,
                    expires_at, cancelled_at, geometry, source, cap_sender, cap_identifier, cap_sent, infos, region_codes,
                    owner_region, version, created_at, created_by, updated_at)
SELECT id, type, level,
       -- the event of the <info> shown (its language is the alert's), as cap.ts now stores it
       NULLIF((SELECT json_extract(j.value, '$.event') FROM json_each(a.infos) j
                WHERE json_extract(j.value, '$.language') IS a.language LIMIT 1), ''),
       issuer, headline, description, instruction, language, issued_at, effective_at, expires_at, cancelled_at, geometry,
       source, cap_sender, cap_identifier, cap_sent, infos, region_codes, owner_region, version, created_at, created_by,
       updated_at
  FROM alerts_before_006 a;
DROP TABLE alerts_before_006;

CREATE INDEX alerts_expires ON alerts(expires_at) WHERE cancelled_at IS NULL;
CREATE UNIQUE INDEX alerts_cap ON alerts(cap_sender, cap_identifier) WHERE cap_identifier IS NOT NULL;
CREATE INDEX alerts_owner ON alerts(owner_region);

-- 005's rule, dropped with the old table: every new alert is owned.
CREATE TRIGGER alerts_owner_required BEFORE INSERT ON alerts
WHEN NEW.owner_region IS NULL
BEGIN
  SELECT RAISE(ABORT, 'an alert needs its owner region');
END;
