/* test-store-migrations.c: databases built at every earlier schema version open, migrate, keep
 * their rows and find them by search; a failing migration leaves the file at its version. */
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>

#include "yc-store.h"
#include "yc-store-private.h"

/* Rows as a program at each version would have written them, keyed by the version that introduced
 * their tables. */
static const struct {
  int         version;
  const char *sql;
} rows[] = {
  { 1,
    "INSERT INTO catalogue_meta (key, value) VALUES ('region', '北方市'), ('version', '2025.01');"
    "INSERT INTO code_lists (list, code, label) VALUES ('item_type', 'QR', '行政确认'), "
    "  ('item_type', 'XK', '行政许可');"
    "INSERT INTO items (id, serial, code, name, department, item_type, case_type, legal_days, "
    "  promised_days, commitment_allowed, legal_basis, conditions, fees, result, keywords) "
    "VALUES "
    "  ((length ('出生登记') << 32) | 1, 1, '11370100MB0001', '出生登记', '北方市公安局', "
    "   'QR', 'immediate', 20, 0, 0, '《中华人民共和国户口登记条例》第七条', NULL, '不收费', "
    "   '居民户口簿', '上户口' || char (10) || '落户'),"
    "  ((length ('食品经营许可证核发') << 32) | 2, 2, '11370100MB0002', '食品经营许可证核发', "
    "   '北方市市场监督管理局', 'XK', 'promised', 20, 10, 1, "
    "   '《中华人民共和国食品安全法》第三十五条', NULL, '不收费', '食品经营许可证', '开饭店');"
    "INSERT INTO materials (item_code, code, position, name, originals, copies, form, required, "
    "  tolerable, supplement_days, licence_type, notes) VALUES "
    "  ('11370100MB0001', 'M02', 1, '父母居民户口簿', 1, 1, 'either', 1, 1, 5, '居民户口簿', NULL),"
    "  ('11370100MB0001', 'M01', 0, '出生医学证明', 1, 0, 'paper', 1, 0, 0, NULL, '原件'),"
    "  ('11370100MB0002', 'M01', 0, '食品经营许可申请书', 1, 0, 'paper', 1, 0, 0, NULL, NULL);" },
  { 3,
    "INSERT INTO cases (uuid, case_no, query_password, item_code, item_name, department, state, "
    "  window_code, clerk, created_at, decided_at, version, updated_at) VALUES "
    "  ('8e1f5a52-5d0c-4f1e-9d7b-2f6a1c0e7b11', 'W01-20250102-0001', '123456', "
    "   '11370100MB0001', '出生登记', '北方市公安局', 'accepted', 'W01', 'clerk-wang', "
    "   1735786800000000, 1735787000000000, 1, 1735787000000000);"
    "INSERT INTO case_parties (case_uuid, role, kind, name) VALUES "
    "  ('8e1f5a52-5d0c-4f1e-9d7b-2f6a1c0e7b11', 'applicant', 'person', '张三');"
    "INSERT INTO case_materials (case_uuid, position, spec_code, name, state) VALUES "
    "  ('8e1f5a52-5d0c-4f1e-9d7b-2f6a1c0e7b11', 0, 'M01', '出生医学证明', 'original_checked');"
    "INSERT INTO case_number_sequences (window_code, day, last_seq) VALUES ('W01', '20250102', 1);"
    "INSERT INTO audit_log (at, actor, action, case_uuid, detail) VALUES "
    "  (1735787000000000, 'clerk-wang', 'case.create', '8e1f5a52-5d0c-4f1e-9d7b-2f6a1c0e7b11', "
    "   NULL);"
    "INSERT INTO outbox (kind, key, payload, created_at, next_attempt_at) VALUES "
    "  ('case.put', '8e1f5a52-5d0c-4f1e-9d7b-2f6a1c0e7b11', '{\"uuid\": \"8e1f5a52\"}', "
    "   1735787000000000, 1735787000000000);" },
};

static char *
db_path (const char *name)
{
  g_autofree char *dir = g_build_filename (g_get_user_data_dir (), "migrations", NULL);

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  return g_build_filename (dir, name, NULL);
}

/* A database at @version with the rows of every table that version has. */
static void
build_at_version (const char *path,
                  int         version)
{
  g_autoptr(GError) error = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_yc_store_migrate_to (db, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (_yc_store_get_user_version (db, NULL), ==, version);

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    if (rows[i].version <= version)
      {
        char *errmsg = NULL;

        if (sqlite3_exec (db, rows[i].sql, NULL, NULL, &errmsg) != SQLITE_OK)
          g_error ("Rows for version %d: %s", rows[i].version, errmsg);
      }

  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static guint
n_hits (YcStore    *store,
        const char *query)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = yc_store_search_items (store, query, 50, NULL, &error);

  g_assert_no_error (error);
  return hits->len;
}

static void
assert_rows_survived (YcStore *store,
                      int      from_version)
{
  g_autoptr(GError) error = NULL;

  if (from_version >= 1)
    {
      g_autoptr(YcItem) item = yc_store_get_item (store, "11370100MB0001", &error);
      g_autoptr(YcMaterialSpec) first = NULL;
      g_autoptr(GPtrArray) hits = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (yc_item_get_name (item), ==, "出生登记");
      g_assert_cmpstr (yc_item_get_item_type_label (item), ==, "行政确认");
      g_assert_cmpstr (yc_item_get_keywords (item)[1], ==, "落户");
      g_assert_cmpuint (g_list_model_get_n_items (yc_item_get_materials (item)), ==, 2);
      first = g_list_model_get_item (yc_item_get_materials (item), 0);
      g_assert_cmpstr (yc_material_spec_get_code (first), ==, "M01");
      g_assert_cmpuint (yc_store_count_items (store, &error), ==, 2);

      /* Rows written before the search index existed are searchable through every path. */
      g_assert_cmpuint (n_hits (store, "出"), ==, 1);         /* 1 character */
      g_assert_cmpuint (n_hits (store, "落户"), ==, 1);       /* 2 characters, keyword */
      g_assert_cmpuint (n_hits (store, "许可证"), ==, 1);     /* 3+ characters */
      g_assert_cmpuint (n_hits (store, "市场监督"), ==, 1);   /* department */
      g_assert_cmpuint (n_hits (store, "mb0002"), ==, 1);     /* code, ASCII case ignored */
      g_assert_cmpuint (n_hits (store, "北方市"), ==, 2);
      hits = yc_store_search_items (store, "出生登记", 50, NULL, &error);
      g_assert_cmpstr (yc_item_get_code (g_ptr_array_index (hits, 0)), ==, "11370100MB0001");
    }
  else
    g_assert_cmpuint (yc_store_count_items (store, &error), ==, 0);
  g_assert_no_error (error);

  if (from_version >= 3)
    {
      g_autoptr(YcCase) kase = yc_store_get_case (store, "8e1f5a52-5d0c-4f1e-9d7b-2f6a1c0e7b11",
                                                  &error);
      g_autoptr(GPtrArray) audit = NULL;
      g_autoptr(GPtrArray) outbox = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (yc_case_get_case_no (kase), ==, "W01-20250102-0001");
      g_assert_cmpstr (yc_party_get_name (yc_case_get_applicant (kase)), ==, "张三");
      audit = yc_store_list_audit (store, yc_case_get_uuid (kase), &error);
      g_assert_cmpuint (audit->len, ==, 1);
      outbox = yc_store_outbox_pending (store, 10, &error);
      g_assert_cmpuint (outbox->len, ==, 1);
      g_assert_no_error (error);
    }
}

/* The schema as the sorted CREATE statements of sqlite_master. */
static char *
schema_of (const char *path)
{
  g_autoptr(GString) schema = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db,
                                       "SELECT type, name, coalesce (sql, '') FROM sqlite_master "
                                       "ORDER BY type, name", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_string_append_printf (schema, "%s %s %s\n", sqlite3_column_text (stmt, 0),
                            sqlite3_column_text (stmt, 1),
                            sqlite3_column_text (stmt, 2));
  sqlite3_finalize (stmt);
  sqlite3_close (db);

  return g_string_free (g_steal_pointer (&schema), FALSE);
}

static void
test_from_every_version (void)
{
  int latest = yc_store_get_latest_schema_version ();
  g_autofree char *fresh_path = db_path ("fresh.db");
  g_autofree char *fresh_schema = NULL;

  g_assert_cmpint (latest, >=, 3);

  {
    g_autoptr(GError) error = NULL;
    g_autoptr(YcStore) fresh = yc_store_open (fresh_path, &error);

    g_assert_no_error (error);
  }
  fresh_schema = schema_of (fresh_path);

  /* Every earlier version, and the latest itself (opened without migrating). */
  for (int k = 0; k <= latest; k++)
    {
      g_autofree char *name = g_strdup_printf ("from-v%d.db", k);
      g_autofree char *path = db_path (name);
      g_autofree char *schema = NULL;
      g_autoptr(GError) error = NULL;
      g_autoptr(YcStore) store = NULL;

      g_test_message ("Migrating from version %d to %d", k, latest);
      build_at_version (path, k);

      store = yc_store_open (path, &error);
      g_assert_no_error (error);
      g_assert_nonnull (store);
      g_assert_cmpint (yc_store_get_schema_version (store), ==, latest);
      assert_rows_survived (store, k);
      g_clear_object (&store);

      /* Migrating step by step ends with the same schema as a fresh database. */
      schema = schema_of (path);
      g_assert_cmpstr (schema, ==, fresh_schema);
    }
}

/* The tables migration @version creates, in order, read from its SQL. */
static GPtrArray *
tables_created_by_migration (int version)
{
  g_autofree char *prefix = g_strdup_printf ("%03d-", version);
  g_auto(GStrv) names = g_resources_enumerate_children (YC_STORE_SQL_RESOURCE_DIR, 0, NULL);
  g_autoptr(GRegex) regex = g_regex_new ("^CREATE TABLE (\\w+)", G_REGEX_MULTILINE, 0, NULL);
  GPtrArray *tables = g_ptr_array_new_with_free_func (g_free);

  for (guint i = 0; names != NULL && names[i] != NULL; i++)
    if (g_str_has_prefix (names[i], prefix))
      {
        g_autofree char *resource = g_strconcat (YC_STORE_SQL_RESOURCE_DIR, names[i], NULL);
        g_autoptr(GBytes) bytes = g_resources_lookup_data (resource, 0, NULL);
        g_autofree char *sql = g_strndup (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
        g_autoptr(GMatchInfo) match = NULL;

        for (g_regex_match (regex, sql, 0, &match); g_match_info_matches (match);
             g_match_info_next (match, NULL))
          g_ptr_array_add (tables, g_match_info_fetch (match, 1));
      }
  return tables;
}

static void
test_failed_migration (void)
{
  int latest = yc_store_get_latest_schema_version ();
  g_autofree char *path = db_path ("failing.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcStore) store = NULL;
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;
  g_autoptr(GPtrArray) created = NULL;
  g_autofree char *in_the_way = NULL;
  g_autofree char *drop = NULL;
  g_autofree char *count_first = NULL;
  int failing;

  /* A table in the way of the last table a migration creates makes it fail half-way: the newest
   * migration creating at least two tables (003 creates seven), so the first one shows the
   * rollback. */
  for (failing = latest; failing >= 1; failing--)
    {
      g_clear_pointer (&created, g_ptr_array_unref);
      created = tables_created_by_migration (failing);
      if (created->len >= 2)
        break;
    }
  g_assert_cmpint (failing, >=, 1);
  g_test_message ("Failing migration %d by a table %s in the way", failing,
                  (char *) g_ptr_array_index (created, created->len - 1));
  in_the_way = g_strdup_printf ("CREATE TABLE %s (in_the_way INTEGER)",
                                (char *) g_ptr_array_index (created, created->len - 1));
  drop = g_strdup_printf ("DROP TABLE %s", (char *) g_ptr_array_index (created, created->len - 1));
  count_first = g_strdup_printf ("SELECT count (*) FROM sqlite_master WHERE name = '%s'",
                                 (char *) g_ptr_array_index (created, 0));
  build_at_version (path, failing - 1);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, in_the_way, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = yc_store_open (path, &error);
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_MIGRATION);
  g_assert_null (store);
  g_clear_error (&error);

  /* Still at the earlier version, with nothing of the failed migration (its first tables) left
   * behind. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (_yc_store_get_user_version (db, NULL), ==, failing - 1);
  g_assert_cmpint (sqlite3_prepare_v2 (db, count_first, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_exec (db, drop, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  /* Once the obstacle is gone, the migration runs and the rows are all there. */
  store = yc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_store_get_schema_version (store), ==, latest);
  assert_rows_survived (store, failing - 1);
}

static void
test_migrations_are_numbered (void)
{
  g_auto(GStrv) names = g_resources_enumerate_children (YC_STORE_SQL_RESOURCE_DIR, 0, NULL);
  int latest = yc_store_get_latest_schema_version ();

  g_assert_nonnull (names);
  g_assert_cmpuint (g_strv_length (names), ==, (guint) latest);
  for (int v = 1; v <= latest; v++)
    {
      g_autofree char *prefix = g_strdup_printf ("%03d-", v);
      gboolean found = FALSE;

      for (guint i = 0; names[i] != NULL; i++)
        found |= g_str_has_prefix (names[i], prefix) && g_str_has_suffix (names[i], ".sql");
      g_assert_true (found);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/store/migrations/numbered", test_migrations_are_numbered);
  g_test_add_func ("/yc/store/migrations/from-every-version", test_from_every_version);
  g_test_add_func ("/yc/store/migrations/failed", test_failed_migration);

  return g_test_run ();
}
