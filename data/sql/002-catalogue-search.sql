-- 002-catalogue-search.sql: catalogue search: an FTS5 trigram index for 3+ character queries and a
-- gram table for 1-2 character queries, both kept current by triggers on items.

-- A row here pauses the triggers of this file. Only a large catalogue import adds one, inside its
-- transaction, and rebuilds items_fts and item_grams (from item_grams_source) before it commits:
-- thousands of items' grams inserted in key order, instead of one item at a time all over the
-- B-tree.
CREATE TABLE search_index_paused (paused INTEGER NOT NULL);

-- Trigram full-text index over the searchable columns, its content read from items (external
-- content, so the text is stored once). Its rowid is items.id, the search order key (see 001), so
-- "ORDER BY rowid LIMIT n" returns the best n matches without ranking every match. Trigram matching
-- folds case.
CREATE VIRTUAL TABLE items_fts USING fts5 (
  name, department, code, keywords,
  content = 'items',
  content_rowid = 'id',
  tokenize = 'trigram'
);

CREATE TRIGGER items_fts_after_insert AFTER INSERT ON items
  WHEN NOT EXISTS (SELECT 1 FROM search_index_paused)
BEGIN
  INSERT INTO items_fts (rowid, name, department, code, keywords)
    VALUES (new.id, new.name, new.department, new.code, new.keywords);
END;

CREATE TRIGGER items_fts_after_delete AFTER DELETE ON items
  WHEN NOT EXISTS (SELECT 1 FROM search_index_paused)
BEGIN
  INSERT INTO items_fts (items_fts, rowid, name, department, code, keywords)
    VALUES ('delete', old.id, old.name, old.department, old.code, old.keywords);
END;

-- Re-indexing only when searchable text or the order key changed keeps re-imports of a catalogue
-- cheap.
CREATE TRIGGER items_fts_after_update AFTER UPDATE OF id, name, department, code, keywords ON items
  WHEN (old.id != new.id OR old.name != new.name OR old.department != new.department
        OR old.code != new.code OR old.keywords != new.keywords)
       AND NOT EXISTS (SELECT 1 FROM search_index_paused)
BEGIN
  INSERT INTO items_fts (items_fts, rowid, name, department, code, keywords)
    VALUES ('delete', old.id, old.name, old.department, old.code, old.keywords);
  INSERT INTO items_fts (rowid, name, department, code, keywords)
    VALUES (new.id, new.name, new.department, new.code, new.keywords);
END;

INSERT INTO items_fts (items_fts) VALUES ('rebuild');

-- Trigrams cannot match 1-2 character queries, and LIKE on the FTS table is broken in SQLite 3.40,
-- so short queries use grams: every distinct 1- and 2-character substring of an item's name,
-- department and keywords (ASCII lower-cased, never spanning two fields), plus char(1) followed by
-- the first 1 and 2 characters of the name for prefix matches. Codes are left out: one or two
-- characters of a 20-digit code match nearly every item, and their grams would be a third of the
-- table; codes are found by 3+ characters and whole. The primary key (gram, item_id) lists an item
-- set in search order, so a LIMIT stops early.
CREATE TABLE item_grams (
  gram    TEXT NOT NULL,
  item_id INTEGER NOT NULL,
  PRIMARY KEY (gram, item_id)
) WITHOUT ROWID;

-- Character positions, for splitting text into grams inside triggers (which cannot use recursive
-- queries). Searchable text longer than this is indexed for short queries up to this length only.
CREATE TABLE search_positions (n INTEGER PRIMARY KEY);
WITH RECURSIVE p (n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM p WHERE n < 4096)
  INSERT INTO search_positions (n) SELECT n FROM p;

-- Every gram of every item: fills the table here, and again after a large catalogue import.
CREATE VIEW item_grams_source (gram, item_id) AS
  SELECT g.gram, g.id FROM (
    SELECT substr (s.t, p.n, 1) AS gram, s.id AS id
      FROM (SELECT id, lower (name || char (10) || department || char (10) || keywords) AS t
              FROM items LIMIT -1 OFFSET 0) AS s
      JOIN search_positions AS p ON p.n <= length (s.t)
    UNION ALL
    SELECT substr (s.t, p.n, 2), s.id
      FROM (SELECT id, lower (name || char (10) || department || char (10) || keywords) AS t
              FROM items LIMIT -1 OFFSET 0) AS s
      JOIN search_positions AS p ON p.n < length (s.t)
    UNION ALL
    SELECT char (1) || substr (lower (name), 1, 1), id FROM items
    UNION ALL
    SELECT char (1) || substr (lower (name), 1, 2), id FROM items WHERE length (name) >= 2
  ) AS g
  WHERE instr (g.gram, char (10)) = 0 AND instr (g.gram, ' ') = 0 AND length (g.gram) > 0;

-- In key order, the B-tree is written once, page after page.
INSERT OR IGNORE INTO item_grams (gram, item_id)
  SELECT gram, item_id FROM item_grams_source ORDER BY gram, item_id;


-- The triggers keep item_grams current row by row. Views cannot take parameters, so the expansion
-- of item_grams_source is written out again for new and old rows: keep them identical. DISTINCT,
-- not only OR IGNORE: a trigger's conflict clause yields to that of the statement firing it (the
-- import's upsert), so the grams inserted must never collide. "LIMIT -1 OFFSET 0" keeps SQLite
-- from flattening the subquery, which would lower-case the whole text again for every gram.
CREATE TRIGGER item_grams_after_insert AFTER INSERT ON items
  WHEN NOT EXISTS (SELECT 1 FROM search_index_paused)
BEGIN
  INSERT OR IGNORE INTO item_grams (gram, item_id)
    SELECT DISTINCT g.gram, new.id FROM (
      SELECT substr (s.t, p.n, 1) AS gram
        FROM (SELECT lower (new.name || char (10) || new.department || char (10)
                            || new.keywords) AS t LIMIT -1 OFFSET 0) AS s
        JOIN search_positions AS p ON p.n <= length (s.t)
      UNION ALL
      SELECT substr (s.t, p.n, 2)
        FROM (SELECT lower (new.name || char (10) || new.department || char (10)
                            || new.keywords) AS t LIMIT -1 OFFSET 0) AS s
        JOIN search_positions AS p ON p.n < length (s.t)
      UNION ALL
      SELECT char (1) || substr (lower (new.name), 1, 1)
      UNION ALL
      SELECT char (1) || substr (lower (new.name), 1, 2) WHERE length (new.name) >= 2
    ) AS g
    WHERE instr (g.gram, char (10)) = 0 AND instr (g.gram, ' ') = 0 AND length (g.gram) > 0;
END;

CREATE TRIGGER item_grams_after_delete AFTER DELETE ON items
  WHEN NOT EXISTS (SELECT 1 FROM search_index_paused)
BEGIN
  DELETE FROM item_grams WHERE item_id = old.id AND gram IN (
    SELECT substr (s.t, p.n, 1)
      FROM (SELECT lower (old.name || char (10) || old.department || char (10)
                          || old.keywords) AS t LIMIT -1 OFFSET 0) AS s
      JOIN search_positions AS p ON p.n <= length (s.t)
    UNION ALL
    SELECT substr (s.t, p.n, 2)
      FROM (SELECT lower (old.name || char (10) || old.department || char (10)
                          || old.keywords) AS t LIMIT -1 OFFSET 0) AS s
      JOIN search_positions AS p ON p.n < length (s.t)
    UNION ALL
    SELECT char (1) || substr (lower (old.name), 1, 1)
    UNION ALL
    SELECT char (1) || substr (lower (old.name), 1, 2));
END;

-- An update is a delete of the old grams and an insert of the new ones.
CREATE TRIGGER item_grams_after_update AFTER UPDATE OF id, name, department, keywords ON items
  WHEN (old.id != new.id OR old.name != new.name OR old.department != new.department
        OR old.keywords != new.keywords)
       AND NOT EXISTS (SELECT 1 FROM search_index_paused)
BEGIN
  DELETE FROM item_grams WHERE item_id = old.id AND gram IN (
    SELECT substr (s.t, p.n, 1)
      FROM (SELECT lower (old.name || char (10) || old.department || char (10)
                          || old.keywords) AS t LIMIT -1 OFFSET 0) AS s
      JOIN search_positions AS p ON p.n <= length (s.t)
    UNION ALL
    SELECT substr (s.t, p.n, 2)
      FROM (SELECT lower (old.name || char (10) || old.department || char (10)
                          || old.keywords) AS t LIMIT -1 OFFSET 0) AS s
      JOIN search_positions AS p ON p.n < length (s.t)
    UNION ALL
    SELECT char (1) || substr (lower (old.name), 1, 1)
    UNION ALL
    SELECT char (1) || substr (lower (old.name), 1, 2));
  INSERT OR IGNORE INTO item_grams (gram, item_id)
    SELECT DISTINCT g.gram, new.id FROM (
      SELECT substr (s.t, p.n, 1) AS gram
        FROM (SELECT lower (new.name || char (10) || new.department || char (10)
                            || new.keywords) AS t LIMIT -1 OFFSET 0) AS s
        JOIN search_positions AS p ON p.n <= length (s.t)
      UNION ALL
      SELECT substr (s.t, p.n, 2)
        FROM (SELECT lower (new.name || char (10) || new.department || char (10)
                            || new.keywords) AS t LIMIT -1 OFFSET 0) AS s
        JOIN search_positions AS p ON p.n < length (s.t)
      UNION ALL
      SELECT char (1) || substr (lower (new.name), 1, 1)
      UNION ALL
      SELECT char (1) || substr (lower (new.name), 1, 2) WHERE length (new.name) >= 2
    ) AS g
    WHERE instr (g.gram, char (10)) = 0 AND instr (g.gram, ' ') = 0 AND length (g.gram) > 0;
END;
