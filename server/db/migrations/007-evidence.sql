-- Accounts and evidence (issue 9).

-- Failed sign-ins, counted per (account, address) pair and per address, in the database so that a
-- restart neither forgets nor doubles them. A pair that keeps failing is slowed down; no account is
-- ever locked for everyone (server/auth/rate-limit.ts holds the policy).
CREATE TABLE login_failures (
  kind         TEXT NOT NULL CHECK (kind IN ('pair', 'address')),
  key          TEXT NOT NULL,                -- 'username address' (username lower-cased) or the address
  failures     INTEGER NOT NULL,
  window_start INTEGER NOT NULL,             -- epoch ms of the first failure counted
  last_at      INTEGER NOT NULL,             -- epoch ms of the last attempt counted
  PRIMARY KEY (kind, key)
) WITHOUT ROWID;
CREATE INDEX login_failures_last ON login_failures(last_at); -- expired counts are swept by it

-- A stop that could not be visited says why (不在家 / 无法到达 / 其他 with a note), so the task can be
-- completed with every stop accounted for. A later visit's result clears it.
ALTER TABLE patrol_stops ADD COLUMN not_visited_reason TEXT
  CHECK (not_visited_reason IN ('not_home', 'unreachable', 'other'));
ALTER TABLE patrol_stops ADD COLUMN not_visited_note TEXT;

-- Everyone who uploaded a photo's bytes: only they may attach it to a result (photos.uploaded_by
-- kept only the first). Knowing a hash is not having the photo.
CREATE TABLE photo_uploads (
  sha256      TEXT NOT NULL REFERENCES photos(sha256),
  user_id     INTEGER NOT NULL REFERENCES users(id),
  uploaded_at TEXT NOT NULL,
  PRIMARY KEY (sha256, user_id)
) WITHOUT ROWID;
INSERT INTO photo_uploads (sha256, user_id, uploaded_at)
  SELECT sha256, uploaded_by, created_at FROM photos WHERE uploaded_by IS NOT NULL;

-- The audit log becomes a hash chain: each row's hash is SHA-256 over its content and the previous
-- row's hash (server/domain/audit-chain.ts), so an edit, a replaced or a removed row breaks the chain
-- where it happened. audit_hash() is that same function, registered on every connection by
-- openDatabase; here it seals the rows written before the chain existed.
ALTER TABLE audit_log ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_log ADD COLUMN hash TEXT;

DROP TRIGGER audit_log_no_update;
WITH RECURSIVE chain (id, prev, hash) AS (
  SELECT id, '0000000000000000000000000000000000000000000000000000000000000000',
         audit_hash('0000000000000000000000000000000000000000000000000000000000000000',
                    id, at, user_id, username, action, entity, entity_id, before_json, after_json, reason, ip)
    FROM audit_log WHERE id = (SELECT min(id) FROM audit_log)
  UNION ALL
  SELECT a.id, chain.hash,
         audit_hash(chain.hash, a.id, a.at, a.user_id, a.username, a.action, a.entity, a.entity_id,
                    a.before_json, a.after_json, a.reason, a.ip)
    FROM chain JOIN audit_log a ON a.id = (SELECT min(id) FROM audit_log WHERE id > chain.id)
)
UPDATE audit_log SET prev_hash = chain.prev, hash = chain.hash FROM chain WHERE chain.id = audit_log.id;
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;

-- INSERT OR REPLACE on an existing id deletes the old row without firing the DELETE trigger: refuse
-- any row that does not extend the chain at its head (a new id, hashed, linked to the last row).
CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
  WHEN NEW.hash IS NULL
    OR NEW.id IS NULL
    OR NEW.id <= (SELECT coalesce(max(id), 0) FROM audit_log)
    OR NEW.prev_hash IS NOT coalesce((SELECT hash FROM audit_log ORDER BY id DESC LIMIT 1),
                                     '0000000000000000000000000000000000000000000000000000000000000000')
  BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END;
