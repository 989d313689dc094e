-- 001-catalogue.sql: the service catalogue (实施清单): items, their required materials, configurable
-- code lists.

-- Region and version of the last imported catalogue.
CREATE TABLE catalogue_meta (
  key   TEXT PRIMARY KEY,
  value TEXT
) WITHOUT ROWID;

-- Code lists ("item_type" → XK = 行政许可, …) come with the catalogue: labels are data, not code.
CREATE TABLE code_lists (
  list  TEXT NOT NULL,
  code  TEXT NOT NULL,
  label TEXT NOT NULL,
  PRIMARY KEY (list, code)
) WITHOUT ROWID;

-- The rowid doubles as the search order key: (name length in characters << 32) | serial, where
-- serial is the catalogue position at which the item was first imported and never changes. Any
-- index or full-text scan in rowid order therefore yields shorter names first, then catalogue
-- order, and a LIMIT can stop the scan early instead of sorting every match. Items are identified
-- everywhere else by their code.
CREATE TABLE items (
  id                 INTEGER PRIMARY KEY,
  serial             INTEGER NOT NULL UNIQUE CHECK (serial > 0 AND serial < 4294967296),
  code               TEXT NOT NULL UNIQUE,
  name               TEXT NOT NULL,
  department         TEXT NOT NULL,
  item_type          TEXT NOT NULL,
  case_type          TEXT NOT NULL,
  legal_days         INTEGER NOT NULL DEFAULT 0 CHECK (legal_days >= 0),
  promised_days      INTEGER NOT NULL DEFAULT 0 CHECK (promised_days >= 0),
  commitment_allowed INTEGER NOT NULL DEFAULT 0,
  legal_basis        TEXT,
  conditions         TEXT,
  fees               TEXT,
  result             TEXT,
  keywords           TEXT NOT NULL DEFAULT '',  -- one keyword per line
  CHECK (id = ((length (name) << 32) | serial))
);

-- Exact and prefix matches on names, and exact codes, ignoring ASCII case.
CREATE INDEX items_name_nocase ON items (name COLLATE NOCASE);
CREATE INDEX items_code_nocase ON items (code COLLATE NOCASE);

CREATE TABLE materials (
  item_code       TEXT NOT NULL REFERENCES items (code) ON DELETE CASCADE ON UPDATE CASCADE,
  code            TEXT NOT NULL,
  position        INTEGER NOT NULL,
  name            TEXT NOT NULL,
  originals       INTEGER NOT NULL DEFAULT 0 CHECK (originals >= 0),
  copies          INTEGER NOT NULL DEFAULT 0 CHECK (copies >= 0),
  form            TEXT NOT NULL DEFAULT 'paper',
  required        INTEGER NOT NULL DEFAULT 1,
  tolerable       INTEGER NOT NULL DEFAULT 0,
  supplement_days INTEGER NOT NULL DEFAULT 0 CHECK (supplement_days >= 0),
  licence_type    TEXT,
  notes           TEXT,
  PRIMARY KEY (item_code, code)
) WITHOUT ROWID;

CREATE INDEX materials_in_order ON materials (item_code, position);
