-- 004-counter.sql: the counter workflow: applicant flags and decision details on cases, exact-match
-- keys for looking cases up by ID or phone, the documents each decision makes due, and drafts of
-- unfinished intakes.

-- YcApplicantFlags bits (bad credit, earlier false commitment, overridden credit code check).
ALTER TABLE cases ADD COLUMN applicant_flags INTEGER NOT NULL DEFAULT 0;
-- The legal basis of a refusal, and the department a referred applicant should apply to.
ALTER TABLE cases ADD COLUMN legal_basis TEXT;
ALTER TABLE cases ADD COLUMN refer_department TEXT;

CREATE INDEX cases_by_clerk ON cases (clerk, created_at DESC);
CREATE INDEX cases_by_state ON cases (state, created_at DESC);
CREATE INDEX cases_by_promised_deadline ON cases (promised_deadline)
  WHERE promised_deadline IS NOT NULL;
CREATE INDEX cases_by_decided_at ON cases (decided_at) WHERE decided_at IS NOT NULL;

-- Lookups match the WHOLE canonical ID or phone number, never a part of it: id_key is the ID in
-- canonical form (18 characters, upper case), phone_key the canonical phone ("13812341234",
-- "0571-87654321"). The program fills them on insert; rows written before this version get the same
-- canonical forms for numbers typed without full-width characters.
ALTER TABLE case_parties ADD COLUMN id_key TEXT;
ALTER TABLE case_parties ADD COLUMN phone_key TEXT;
UPDATE case_parties
   SET id_key = upper (replace (replace (id_number, ' ', ''), '-', ''))
 WHERE id_number IS NOT NULL AND id_number != '';
UPDATE case_parties
   SET phone_key = replace (replace (phone, ' ', ''), '+86', '')
 WHERE phone IS NOT NULL AND phone != '';
CREATE INDEX case_parties_by_id_key ON case_parties (id_key) WHERE id_key IS NOT NULL;
CREATE INDEX case_parties_by_phone_key ON case_parties (phone_key) WHERE phone_key IS NOT NULL;
CREATE INDEX case_parties_by_name ON case_parties (name) WHERE name IS NOT NULL;

-- The documents a decision makes due (YcDocKind codes: receipt, notice_once, refusal, tolerance,
-- commitment, handover, guidance). Written in the decision's transaction with state "due"; the
-- documents layer later records the rendered file (SHA-256 in the file store) and its own states.
CREATE TABLE case_documents (
  case_uuid  TEXT NOT NULL REFERENCES cases (uuid) ON DELETE CASCADE,
  kind       TEXT NOT NULL,
  copies     INTEGER NOT NULL DEFAULT 1 CHECK (copies > 0),
  state      TEXT NOT NULL DEFAULT 'due',
  file_hash  TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (case_uuid, kind)
) WITHOUT ROWID;

CREATE INDEX case_documents_due ON case_documents (state) WHERE state = 'due';

-- Unfinished intakes, saved as the clerk types (the whole intake as JSON, see yc-case-json.h), so
-- nothing is lost to a crash or a page switch. The uuid is the case's: deciding the case deletes
-- its draft in the same transaction.
CREATE TABLE drafts (
  uuid       TEXT PRIMARY KEY,
  clerk      TEXT,
  item_code  TEXT,
  summary    TEXT,   -- applicant name · item name, for the "resume" list
  payload    TEXT NOT NULL CHECK (json_valid (payload)),
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
) WITHOUT ROWID;

CREATE INDEX drafts_newest_first ON drafts (updated_at DESC);
