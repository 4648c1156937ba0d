-- Complaints (举报投诉, seeds 000, 001, 003): the public line, the mailbox, visits and the public form.
-- Every complaint is investigated, answered and tracked (server/domain/complaint-states.ts).
CREATE TABLE complaints (
  id                   INTEGER PRIMARY KEY,
  receipt_no           TEXT NOT NULL UNIQUE,        -- TS + year + 8 random base32 (domain/complaint-receipt.ts)
  channel              TEXT NOT NULL CHECK (channel IN ('public_form', 'phone', 'mailbox', 'visit', 'staff')),
  received_on          TEXT NOT NULL,               -- China-time day it reached us: the answer's clock starts here
  received_at          TEXT NOT NULL,               -- instant it was entered
  township_code        TEXT REFERENCES regions(code), -- NULL: not placed yet (the county's to triage)
  village_code         TEXT REFERENCES regions(code),
  house_id             INTEGER REFERENCES houses(id),
  place                TEXT,                        -- where, in the complainant's words
  subject              TEXT NOT NULL CHECK (subject IN ('dangerous_house', 'people_in_danger', 'renovation_quality', 'subsidy', 'appraisal_dispute', 'other')),
  content              TEXT NOT NULL,
  -- The complainant's name and phone are personal data: sealed like a household's (db/personal-data.ts),
  -- with the masked form for display. Both optional: a complaint may be anonymous.
  contact_name_enc     BLOB,
  contact_name_masked  TEXT,
  contact_phone_enc    BLOB,
  contact_phone_hash   BLOB,
  contact_phone_masked TEXT,
  status               TEXT NOT NULL DEFAULT 'received'
                       CHECK (status IN ('received', 'assigned', 'investigating', 'answered', 'closed')),
  assignee_id          INTEGER REFERENCES users(id),
  due_on               TEXT NOT NULL,               -- received_on + ANJU_COMPLAINT_DAYS
  answer               TEXT,
  answered_on          TEXT,
  answered_at          TEXT,
  answered_by          INTEGER REFERENCES users(id),
  closed_at            TEXT,
  created_by           INTEGER REFERENCES users(id), -- NULL for the public form
  CHECK ((answer IS NULL) = (answered_at IS NULL)),
  CHECK (status NOT IN ('answered', 'closed') OR answer IS NOT NULL),
  CHECK (status = 'received' OR assignee_id IS NOT NULL),
  CHECK ((status = 'closed') = (closed_at IS NOT NULL)),
  CHECK ((channel = 'public_form') = (created_by IS NULL))
);
CREATE INDEX complaints_township ON complaints(township_code, status);
CREATE INDEX complaints_open_due ON complaints(due_on) WHERE status NOT IN ('answered', 'closed');
CREATE INDEX complaints_assignee ON complaints(assignee_id);
CREATE INDEX complaints_phone_hash ON complaints(contact_phone_hash);

-- What happened to a complaint: who, when, what, with their note. Append-only.
CREATE TABLE complaint_events (
  id           INTEGER PRIMARY KEY,
  complaint_id INTEGER NOT NULL REFERENCES complaints(id),
  at           TEXT NOT NULL,
  by_user      INTEGER REFERENCES users(id),     -- NULL: the public form
  action       TEXT NOT NULL CHECK (action IN ('receive', 'assign', 'investigate', 'answer', 'close')),
  from_status  TEXT,
  to_status    TEXT NOT NULL,
  assignee_id  INTEGER REFERENCES users(id),
  note         TEXT
);
CREATE INDEX complaint_events_complaint ON complaint_events(complaint_id, id);
CREATE TRIGGER complaint_events_append_only_u BEFORE UPDATE ON complaint_events
BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;
CREATE TRIGGER complaint_events_append_only_d BEFORE DELETE ON complaint_events
BEGIN SELECT RAISE(ABORT, 'complaint events are append-only'); END;

-- Hits on the public (signed-out) routes per address, for their rate limit (auth/public-limit.ts). The
-- address is kept only as a keyed hash, and only for a day.
CREATE TABLE public_hits (
  purpose      TEXT NOT NULL CHECK (purpose IN ('complaint', 'lookup')),
  address_hash BLOB NOT NULL,
  at           INTEGER NOT NULL                 -- epoch ms
);
CREATE INDEX public_hits_address ON public_hits(purpose, address_hash, at);
CREATE INDEX public_hits_at ON public_hits(at);
