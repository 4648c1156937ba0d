-- Alerts (预警): a warning zone with its hazard type and CMA level (issue 5).
-- The status (active / expired / cancelled) is never stored: it is worked out from expires_at and
-- cancelled_at at read time (domain/alerts.ts alertStatus).
CREATE TABLE alerts (
  id             INTEGER PRIMARY KEY,
  type           TEXT NOT NULL CHECK (type IN
                   ('rainstorm', 'flood', 'flash_flood', 'geological', 'cold_wave', 'freeze', 'icing', 'snowstorm', 'typhoon')),
  level          TEXT NOT NULL CHECK (level IN ('blue', 'yellow', 'orange', 'red')),
  issuer         TEXT NOT NULL,
  headline       TEXT NOT NULL,
  description    TEXT NOT NULL DEFAULT '',
  instruction    TEXT,
  language       TEXT,                        -- of headline/description; zh-CN preferred
  issued_at      TEXT NOT NULL,               -- UTC ISO timestamps, so they compare as strings
  effective_at   TEXT NOT NULL,
  expires_at     TEXT NOT NULL,
  cancelled_at   TEXT,
  geometry       TEXT NOT NULL,               -- GeoJSON Polygon | MultiPolygon, WGS84 lon/lat
  source         TEXT NOT NULL CHECK (source IN ('drawn', 'geojson', 'cap')),
  -- The CAP message that created it (sender, identifier, sent name a message: CAP 1.2 <references>).
  cap_sender     TEXT,
  cap_identifier TEXT,
  cap_sent       TEXT,
  infos          TEXT NOT NULL DEFAULT '[]',  -- JSON: every <info> text, all languages
  region_codes   TEXT NOT NULL DEFAULT '[]',  -- JSON: regions the zone was built from (CAP <geocode>)
  version        INTEGER NOT NULL DEFAULT 1,
  created_at     TEXT NOT NULL,
  created_by     INTEGER REFERENCES users(id),
  updated_at     TEXT NOT NULL,
  CHECK (expires_at > effective_at)
);
CREATE INDEX alerts_expires ON alerts(expires_at) WHERE cancelled_at IS NULL;
-- The same CAP message imported twice is one alert.
CREATE UNIQUE INDEX alerts_cap ON alerts(cap_sender, cap_identifier) WHERE cap_identifier IS NOT NULL;

-- Bounding boxes of alert zones: "which alerts cover this house" without reading every geometry.
CREATE VIRTUAL TABLE alert_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);

-- Every version of an alert: creation, CAP Update/Cancel, manual edits. CAP messages that changed an
-- alert are found here by (sender, identifier), so a later Update may reference an Update.
CREATE TABLE alert_updates (
  id             INTEGER PRIMARY KEY,
  alert_id       INTEGER NOT NULL REFERENCES alerts(id),
  version        INTEGER NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('create', 'update', 'cancel', 'edit')),
  at             TEXT NOT NULL,
  user_id        INTEGER REFERENCES users(id),
  cap_sender     TEXT,
  cap_identifier TEXT,
  cap_sent       TEXT,
  changes        TEXT NOT NULL DEFAULT '{}'   -- JSON: the fields that changed, before and after
);
CREATE INDEX alert_updates_alert ON alert_updates(alert_id, version);
CREATE UNIQUE INDEX alert_updates_cap ON alert_updates(cap_sender, cap_identifier) WHERE cap_identifier IS NOT NULL;
