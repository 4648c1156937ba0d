-- Personal API tokens (issue 13): a desktop GIS (GDAL, QGIS) reads the OGC API under /ogc with
-- `Authorization: Bearer <token>`. Like sessions, only the SHA-256 of the token is stored, so a copied
-- database opens nothing. A token reads /ogc only — never /api, never a write (auth/token-auth.ts).
CREATE TABLE api_tokens (
  id           INTEGER PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  name         TEXT NOT NULL,
  token_hash   BLOB NOT NULL UNIQUE,
  created_at   INTEGER NOT NULL,             -- epoch ms
  expires_at   INTEGER NOT NULL,
  last_used_at INTEGER,                      -- touched at most once a minute
  revoked_at   INTEGER,
  revoked_by   INTEGER REFERENCES users(id)
);
CREATE INDEX api_tokens_user ON api_tokens(user_id, created_at);
