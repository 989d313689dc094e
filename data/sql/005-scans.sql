-- 005-scans.sql: scanned and imported pages attached to a case's materials, and each material's assembled PDF.
-- Keyed by the case uuid, which a draft already has (it becomes the case's), so pages can be attached before
-- the case is decided: no foreign key to cases for that reason. The files are in the content-addressed store.

-- Times are microseconds since the Unix epoch, UTC.
CREATE TABLE case_pages (
  id           INTEGER PRIMARY KEY AUTOINCREMENT,
  case_uuid    TEXT NOT NULL,
  material     INTEGER NOT NULL CHECK (material >= 0),   -- checklist position
  page_order   INTEGER NOT NULL CHECK (page_order >= 0), -- within the material, no gaps
  sha256       TEXT NOT NULL CHECK (length (sha256) = 64),
  content_type TEXT NOT NULL CHECK (content_type IN ('image/jpeg', 'image/png', 'application/pdf')),
  width        INTEGER NOT NULL DEFAULT 0,
  height       INTEGER NOT NULL DEFAULT 0,
  dpi          INTEGER NOT NULL DEFAULT 0,
  mode         TEXT CHECK (mode IN ('color', 'gray', 'lineart')),
  page_count   INTEGER NOT NULL DEFAULT 1,
  rotation     INTEGER NOT NULL DEFAULT 0 CHECK (rotation IN (0, 90, 180, 270)),
  created_at   INTEGER NOT NULL
);

CREATE INDEX case_pages_in_order ON case_pages (case_uuid, material, page_order);

-- The PDF assembled from a material's pages for the archive; removed when the pages change.
CREATE TABLE case_material_pdfs (
  case_uuid  TEXT NOT NULL,
  material   INTEGER NOT NULL,
  sha256     TEXT NOT NULL CHECK (length (sha256) = 64),
  page_count INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (case_uuid, material)
) WITHOUT ROWID;
