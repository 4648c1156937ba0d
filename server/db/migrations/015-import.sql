-- Real data in (issue 13): every upload is a batch with its dry-run report, and what it wrote says
-- which batch wrote it.
--   - import_batches: one per uploaded file (households, name list, cross-check, boundaries). The file
--     itself is kept on disk under its SHA-256 (ANJU_IMPORT_DIR) so a commit re-reads exactly what was
--     checked; `report` is the last dry run (JSON), `result` the counts the commit wrote.
--   - houses.source_*: the coordinates as the file gave them and their reference system (GCJ-02 from
--     AMap/Tencent, BD-09 from Baidu …); lon/lat stay WGS84. NULL for generated houses.
--   - houses.location_estimated: a household added from a name list without coordinates is placed at
--     its village's centre until someone surveys it; the map and the drawer say so.
--   - households.delisted_on: the day a name-list sync found the household gone from the list. Nothing
--     is deleted — its house and ledger history stay.
CREATE TABLE import_batches (
  id           INTEGER PRIMARY KEY,
  kind         TEXT NOT NULL CHECK (kind IN ('households', 'namelist', 'crosscheck', 'boundaries')),
  user_id      INTEGER NOT NULL REFERENCES users(id),
  region_code  TEXT NOT NULL REFERENCES regions(code),   -- the uploader's jurisdiction at upload
  file_name    TEXT NOT NULL,
  file_sha256  TEXT NOT NULL,
  file_size    INTEGER NOT NULL CHECK (file_size >= 0),
  options      TEXT NOT NULL DEFAULT '{}',                -- JSON ImportOptions: encoding, crs, mapping, values
  status       TEXT NOT NULL CHECK (status IN ('checking', 'ready', 'invalid', 'committing', 'committed', 'failed')),
  report       TEXT,                                      -- JSON CheckReport of the last check
  result       TEXT,                                      -- JSON counts written by the commit
  error        TEXT,                                      -- JSON {code, message} when status = 'failed'
  created_at   TEXT NOT NULL,
  checked_at   TEXT,
  committed_at TEXT
);
CREATE INDEX import_batches_user ON import_batches(user_id, created_at);
CREATE INDEX import_batches_region ON import_batches(region_code, created_at);

ALTER TABLE houses ADD COLUMN source_crs TEXT CHECK (source_crs IN ('wgs84', 'cgcs2000', 'gcj02', 'bd09'));
ALTER TABLE houses ADD COLUMN source_lon REAL;
ALTER TABLE houses ADD COLUMN source_lat REAL;
ALTER TABLE houses ADD COLUMN location_estimated INTEGER NOT NULL DEFAULT 0 CHECK (location_estimated IN (0, 1));
ALTER TABLE houses ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id);

ALTER TABLE households ADD COLUMN delisted_on TEXT;
ALTER TABLE households ADD COLUMN import_batch_id INTEGER REFERENCES import_batches(id);
