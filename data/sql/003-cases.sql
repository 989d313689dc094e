-- 003-cases.sql: cases (办件) with their parties and material checklists, case number sequences, the
-- append-only audit log and the outbox of records waiting for the platform.

-- Times are microseconds since the Unix epoch, UTC.
CREATE TABLE cases (
  uuid              TEXT PRIMARY KEY,
  case_no           TEXT UNIQUE,
  query_password    TEXT NOT NULL,
  item_code         TEXT NOT NULL,  -- no foreign key: a case outlives its item in the catalogue
  item_name         TEXT NOT NULL,
  department        TEXT,
  state             TEXT NOT NULL,
  window_code       TEXT NOT NULL,
  clerk             TEXT NOT NULL,
  created_at        INTEGER NOT NULL,
  decided_at        INTEGER,
  legal_deadline    TEXT,
  promised_deadline TEXT,
  reason            TEXT,
  version           INTEGER NOT NULL DEFAULT 1,  -- bumped on each change sent to the platform
  updated_at        INTEGER NOT NULL
);

CREATE INDEX cases_newest_first ON cases (created_at DESC);

-- The applicant and the optional agent (帮办代办) of a case.
CREATE TABLE case_parties (
  case_uuid            TEXT NOT NULL REFERENCES cases (uuid) ON DELETE CASCADE,
  role                 TEXT NOT NULL CHECK (role IN ('applicant', 'agent')),
  kind                 TEXT NOT NULL CHECK (kind IN ('person', 'organisation')),
  name                 TEXT,
  id_number            TEXT,
  phone                TEXT,
  address              TEXT,
  legal_representative TEXT,
  contact              TEXT,
  relation             TEXT,
  authorisation        TEXT,
  PRIMARY KEY (case_uuid, role)
) WITHOUT ROWID;

-- A case's checklist, in order.
CREATE TABLE case_materials (
  case_uuid           TEXT NOT NULL REFERENCES cases (uuid) ON DELETE CASCADE,
  position            INTEGER NOT NULL,
  spec_code           TEXT,
  name                TEXT NOT NULL,
  state               TEXT NOT NULL,
  originals           INTEGER NOT NULL DEFAULT 0,
  copies              INTEGER NOT NULL DEFAULT 0,
  note                TEXT,
  supplement_deadline TEXT,
  attachment          TEXT,  -- SHA-256 of a file in the content-addressed store
  PRIMARY KEY (case_uuid, position)
) WITHOUT ROWID;

-- The last sequence number issued per window and local day. Only ever incremented, inside the
-- transaction that inserts the case: a number is never issued twice, and a rolled-back transaction
-- issues nothing.
CREATE TABLE case_number_sequences (
  window_code TEXT NOT NULL,
  day         TEXT NOT NULL,  -- yyyymmdd, local date
  last_seq    INTEGER NOT NULL CHECK (last_seq > 0),
  PRIMARY KEY (window_code, day)
) WITHOUT ROWID;

CREATE TRIGGER case_number_sequences_only_up BEFORE UPDATE ON case_number_sequences
  WHEN new.last_seq <= old.last_seq
BEGIN
  SELECT RAISE (ABORT, 'case number sequences never go back');
END;

CREATE TRIGGER case_number_sequences_no_delete BEFORE DELETE ON case_number_sequences BEGIN
  SELECT RAISE (ABORT, 'case number sequences are never deleted');
END;

-- Who did what, when. Append-only: rows can be neither changed nor removed.
CREATE TABLE audit_log (
  id        INTEGER PRIMARY KEY AUTOINCREMENT,
  at        INTEGER NOT NULL,
  actor     TEXT NOT NULL,
  action    TEXT NOT NULL,
  case_uuid TEXT,
  detail    TEXT
);

CREATE INDEX audit_log_by_case ON audit_log (case_uuid, id);

CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN
  SELECT RAISE (ABORT, 'the audit log is append-only');
END;

-- Records waiting for the platform, in the order they were written. "key" is what the record is
-- about (a case uuid). Sent rows stay until the platform's acknowledgement has been processed.
CREATE TABLE outbox (
  id              INTEGER PRIMARY KEY AUTOINCREMENT,
  kind            TEXT NOT NULL,
  key             TEXT NOT NULL,
  payload         TEXT NOT NULL CHECK (json_valid (payload)),
  created_at      INTEGER NOT NULL,
  attempts        INTEGER NOT NULL DEFAULT 0,
  last_error      TEXT,
  next_attempt_at INTEGER NOT NULL,
  sent_at         INTEGER
);

CREATE INDEX outbox_unsent ON outbox (id) WHERE sent_at IS NULL;
