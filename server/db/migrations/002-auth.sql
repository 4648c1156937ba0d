-- Accounts: every user is bound to a region node and sees only that subtree.
CREATE TABLE users (
  id            INTEGER PRIMARY KEY,
  username      TEXT NOT NULL UNIQUE COLLATE NOCASE,
  display_name  TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN
                  ('county_admin', 'county_staff', 'township_staff', 'township_leader', 'inspector', 'viewer')),
  region_code   TEXT NOT NULL REFERENCES regions(code),
  password_hash TEXT NOT NULL,               -- scrypt$N$r$p$salt$hash
  active        INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
  created_at    TEXT NOT NULL
);

-- Sessions: the cookie carries a random token; only its SHA-256 is stored, so a copied
-- database cannot be used to ride a session.
CREATE TABLE sessions (
  token_hash   BLOB PRIMARY KEY,
  user_id      INTEGER NOT NULL REFERENCES users(id),
  csrf_token   TEXT NOT NULL,
  created_at   INTEGER NOT NULL,             -- epoch ms
  expires_at   INTEGER NOT NULL,             -- absolute limit
  last_seen_at INTEGER NOT NULL,             -- idle limit counts from here
  revoked_at   INTEGER
);
CREATE INDEX sessions_user ON sessions(user_id);

-- Append-only audit log of every change and every unmasking (who, when, what, before/after, why).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,                 -- ISO timestamp
  user_id     INTEGER REFERENCES users(id),
  username    TEXT,
  action      TEXT NOT NULL,                 -- e.g. login, logout, unmask, user.create, alert.create
  entity      TEXT,                          -- e.g. household, user, alert
  entity_id   TEXT,
  before_json TEXT,
  after_json  TEXT,
  reason      TEXT,
  ip          TEXT
);
CREATE INDEX audit_at ON audit_log(at);
CREATE INDEX audit_action ON audit_log(action, at);
CREATE INDEX audit_entity ON audit_log(entity, entity_id);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
