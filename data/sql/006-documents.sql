-- 006-documents.sql: rendered documents (the file in the content-addressed store, how and how
-- fast it was rendered) and the print jobs sent to CUPS, so "print again" works after a restart
-- and nothing is lost.

-- A case_documents row goes 'due' → 'rendered' (file_hash set) → 'printed' (a print job completed).
ALTER TABLE case_documents ADD COLUMN format TEXT;       -- "a4" or "receipt"
ALTER TABLE case_documents ADD COLUMN language TEXT;     -- "zh_CN", "en", "ru"
ALTER TABLE case_documents ADD COLUMN pages INTEGER;
ALTER TABLE case_documents ADD COLUMN rendered_at INTEGER;
ALTER TABLE case_documents ADD COLUMN render_us INTEGER;  -- rendering time, microseconds

-- One row per job sent (or tried) to a printer; "print again" adds a row that replaces the
-- earlier one. States: submitting, pending, processing, stopped, completed, cancelled, aborted,
-- failed (yc-printer.h).
CREATE TABLE print_jobs (
  id            INTEGER PRIMARY KEY AUTOINCREMENT,
  case_uuid     TEXT NOT NULL REFERENCES cases (uuid) ON DELETE CASCADE,
  kind          TEXT NOT NULL,
  file_hash     TEXT NOT NULL,
  destination   TEXT NOT NULL,
  media         TEXT,
  copies        INTEGER NOT NULL DEFAULT 1 CHECK (copies > 0),
  cups_job_id   INTEGER,         -- NULL until CUPS accepted the document
  state         TEXT NOT NULL,
  error_code    TEXT,            -- YcPrintError code ("printer_stopped", …) or NULL
  error_message TEXT,            -- what the clerk was told
  replaces      INTEGER REFERENCES print_jobs (id),
  created_at    INTEGER NOT NULL,
  updated_at    INTEGER NOT NULL
);

CREATE INDEX print_jobs_by_case ON print_jobs (case_uuid, id);
-- Jobs to follow again after a restart.
CREATE INDEX print_jobs_unfinished ON print_jobs (id)
  WHERE state IN ('submitting', 'pending', 'processing', 'stopped');
