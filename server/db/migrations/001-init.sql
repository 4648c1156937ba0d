-- Regions: county → township (镇/街道) → village (村/社区) → group (组).
-- Codes are 12-digit statistical codes; groups extend their village's code by 3 digits.
CREATE TABLE regions (
  code        TEXT PRIMARY KEY,
  parent_code TEXT REFERENCES regions(code),
  level       TEXT NOT NULL CHECK (level IN ('county', 'township', 'village', 'group')),
  name        TEXT NOT NULL,
  -- GeoJSON geometry (Polygon | MultiPolygon) in WGS84; NULL for groups, which have no surveyed boundary.
  boundary    TEXT,
  center_lon  REAL,
  center_lat  REAL
);
CREATE INDEX regions_parent ON regions(parent_code);

-- The county's own basemap lines, so the map works with no internet.
CREATE TABLE basemap_features (
  id       INTEGER PRIMARY KEY,
  kind     TEXT NOT NULL CHECK (kind IN ('river', 'road')),
  subkind  TEXT NOT NULL,          -- river: main | tributary; road: national | provincial | county
  name     TEXT,
  geometry TEXT NOT NULL           -- GeoJSON LineString
);

-- A monitored household (监测对象), the unit of monitoring ("以家庭为单位").
CREATE TABLE households (
  id             INTEGER PRIMARY KEY,
  household_no   TEXT NOT NULL UNIQUE,
  township_code  TEXT NOT NULL REFERENCES regions(code),
  village_code   TEXT NOT NULL REFERENCES regions(code),
  group_code     TEXT NOT NULL REFERENCES regions(code),
  head_name      TEXT NOT NULL,
  -- Personal data (个人信息保护法 art. 28): AES-256-GCM ciphertext, a keyed hash for exact lookup,
  -- and the masked form for display. The clear value is never stored.
  id_card_enc    BLOB NOT NULL,
  id_card_hash   BLOB NOT NULL,
  id_card_masked TEXT NOT NULL,
  phone_enc      BLOB,
  phone_hash     BLOB,
  phone_masked   TEXT,
  members        INTEGER NOT NULL CHECK (members >= 1),
  elderly        INTEGER NOT NULL DEFAULT 0,   -- members aged 65+
  disabled       INTEGER NOT NULL DEFAULT 0,
  children       INTEGER NOT NULL DEFAULT 0,   -- members under 14
  category       TEXT NOT NULL,                -- 监测对象类别 code
  guarantee_mode TEXT NOT NULL,                -- 住房保障方式 code
  living_away    INTEGER NOT NULL DEFAULT 0    -- 长期在外务工/投亲靠友
);
CREATE INDEX households_village ON households(village_code);
CREATE INDEX households_township ON households(township_code);
CREATE INDEX households_group ON households(group_code);
CREATE INDEX households_id_card_hash ON households(id_card_hash);
CREATE INDEX households_head_name ON households(head_name);

-- The house a household lives in. One current house per household; a relocated household gets a new one.
CREATE TABLE houses (
  id             INTEGER PRIMARY KEY,
  household_id   INTEGER NOT NULL REFERENCES households(id),
  is_current     INTEGER NOT NULL DEFAULT 1 CHECK (is_current IN (0, 1)),
  lon            REAL NOT NULL CHECK (lon BETWEEN -180 AND 180),
  lat            REAL NOT NULL CHECK (lat BETWEEN -90 AND 90),
  structure      TEXT NOT NULL,                -- 结构形式 snake_case code
  storeys        INTEGER NOT NULL DEFAULT 1,
  built_year     INTEGER,
  floor_area     REAL,
  elevation_m    REAL,                         -- above sea level
  river_dist_m   REAL,                         -- to the nearest river line
  -- Current appraisal, denormalised from appraisals for filtering; NULL = never appraised.
  grade          TEXT CHECK (grade IN ('A', 'B', 'C', 'D')),
  appraised_on   TEXT,
  repaired_c     INTEGER NOT NULL DEFAULT 0,   -- once C, strengthened (修缮加固) since
  key_house      INTEGER NOT NULL DEFAULT 0,   -- 重点房屋, derived by domain/housing.ts
  -- The one state of a house; later issues add ledger states.
  status         TEXT NOT NULL DEFAULT 'normal'
);
CREATE UNIQUE INDEX houses_current ON houses(household_id) WHERE is_current = 1;
CREATE INDEX houses_grade ON houses(grade);
CREATE INDEX houses_structure ON houses(structure);

-- Appraisal history (鉴定). The house's grade is the latest one.
CREATE TABLE appraisals (
  id          INTEGER PRIMARY KEY,
  house_id    INTEGER NOT NULL REFERENCES houses(id),
  appraised_on TEXT NOT NULL,                  -- ISO date
  grade       TEXT NOT NULL CHECK (grade IN ('A', 'B', 'C', 'D')),
  kind        TEXT NOT NULL,                   -- initial | periodic | emergency | post_renovation
  appraiser   TEXT,
  org         TEXT
);
CREATE INDEX appraisals_house ON appraisals(house_id, appraised_on);

-- Renovations (危房改造): what was done to a dangerous house.
CREATE TABLE renovations (
  id           INTEGER PRIMARY KEY,
  house_id     INTEGER NOT NULL REFERENCES houses(id),
  method       TEXT NOT NULL,                  -- repair_strengthen | rebuild | new_site | other
  year         INTEGER NOT NULL,
  completed_on TEXT
);
CREATE INDEX renovations_house ON renovations(house_id);

-- Spatial index of current house locations. R*Tree stores float32, so a bbox hit is a candidate:
-- queries confirm exact coordinates against houses.lon/lat.
CREATE VIRTUAL TABLE house_rtree USING rtree(id, min_lon, max_lon, min_lat, max_lat);
