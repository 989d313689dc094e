/* test-store.c: the SQLite store on real files: opening, permissions, pragmas, catalogue import,
 * cases with their numbers, audit log, outbox, async calls and cancellation. */
#include <string.h>
#include <sys/stat.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yc-store.h"
#include "yc-store-private.h"
#include "yc-case-number.h"
#include "yc-case-state.h"

/* --- helpers --- */

static char *
test_db_path (const char *name)
{
  /* G_TEST_OPTION_ISOLATE_DIRS gives each test its own XDG directories. */
  return g_build_filename (g_get_user_data_dir (), "store-test", name, NULL);
}

static YcStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  YcStore *store = yc_store_open (path, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

/* A small catalogue: two items of two departments, materials deliberately listed out of position
 * order. */
static const char *catalogue_v1 =
  "{\"version\": \"t1\", \"region\": \"北方市\","
  " \"code_lists\": {\"item_type\": [{\"code\": \"QR\", \"label\": \"行政确认\"},"
  "                                  {\"code\": \"XK\", \"label\": \"行政许可\"}]},"
  " \"items\": ["
  "  {\"code\": \"11370100MB0001\", \"name\": \"出生登记\", \"department\": \"北方市公安局\","
  "   \"item_type\": \"QR\", \"case_type\": \"immediate\","
  "   \"legal_days\": 20, \"promised_days\": 0, \"commitment_allowed\": false,"
  "   \"legal_basis\": \"《中华人民共和国户口登记条例》第七条\","
  "   \"conditions\": \"婴儿出生后一个月以内\", \"fees\": \"不收费\", \"result\": \"居民户口簿\","
  "   \"keywords\": [\"上户口\", \"新生儿落户\"],"
  "   \"materials\": ["
  "     {\"code\": \"M01\", \"name\": \"出生医学证明\", \"originals\": 1, \"copies\": 0,"
  "      \"form\": \"paper\", \"required\": true, \"tolerable\": false,"
  "      \"supplement_days\": 0, \"notes\": \"原件\"},"
  "     {\"code\": \"M02\", \"name\": \"父母居民户口簿\", \"originals\": 1, \"copies\": 1,"
  "      \"form\": \"either\", \"required\": true, \"tolerable\": true,"
  "      \"supplement_days\": 5, \"licence_type\": \"居民户口簿\"},"
  "     {\"code\": \"M03\", \"name\": \"父母结婚证\", \"originals\": 0, \"copies\": 1,"
  "      \"form\": \"electronic\", \"required\": false, \"tolerable\": true,"
  "      \"supplement_days\": 10, \"licence_type\": \"结婚证\"}]},"
  "  {\"code\": \"11370100MB0002\", \"name\": \"食品经营许可证核发\","
  "   \"department\": \"北方市市场监督管理局\", \"item_type\": \"XK\", \"case_type\": \"promised\","
  "   \"legal_days\": 20, \"promised_days\": 10, \"commitment_allowed\": true,"
  "   \"legal_basis\": \"《中华人民共和国食品安全法》第三十五条\","
  "   \"keywords\": [\"开饭店\"],"
  "   \"materials\": ["
  "     {\"code\": \"M01\", \"name\": \"食品经营许可申请书\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true}]}"
  " ]}";

/* The same catalogue a year later: the first item renamed with a new checklist, a third added. */
static const char *catalogue_v2 =
  "{\"version\": \"t2\", \"region\": \"北方市\","
  " \"code_lists\": {\"item_type\": [{\"code\": \"QR\", \"label\": \"行政确认\"},"
  "                                  {\"code\": \"XK\", \"label\": \"行政许可\"}]},"
  " \"items\": ["
  "  {\"code\": \"11370100MB0001\", \"name\": \"新生儿出生登记\", \"department\": \"北方市公安局\","
  "   \"item_type\": \"QR\", \"case_type\": \"immediate\","
  "   \"legal_days\": 20, \"promised_days\": 0,"
  "   \"legal_basis\": \"《中华人民共和国户口登记条例》第七条\", \"keywords\": [\"报户口\"],"
  "   \"materials\": ["
  "     {\"code\": \"M09\", \"name\": \"出生医学证明（电子）\", \"originals\": 0, \"copies\": 0,"
  "      \"form\": \"electronic\", \"required\": true}]},"
  "  {\"code\": \"11370100MB0003\", \"name\": \"居民身份证换领\", \"department\": \"北方市公安局\","
  "   \"item_type\": \"QR\", \"case_type\": \"immediate\","
  "   \"legal_days\": 60, \"promised_days\": 0,"
  "   \"legal_basis\": \"《中华人民共和国居民身份证法》第十一条\", \"keywords\": [\"换身份证\"],"
  "   \"materials\": ["
  "     {\"code\": \"M01\", \"name\": \"居民户口簿\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true}]}"
  " ]}";

static YcCatalogue *
parse_catalogue (const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (json, strlen (json));
  YcCatalogue *catalogue = yc_catalogue_parse (bytes, &error);

  g_assert_no_error (error);
  g_assert_nonnull (catalogue);
  return catalogue;
}

static void
import_json (YcStore    *store,
             const char *json)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCatalogue) catalogue = parse_catalogue (json);

  yc_store_import_catalogue (store, catalogue, &error);
  g_assert_no_error (error);
}

static int
file_mode (const char *path)
{
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  return st.st_mode & 0777;
}

static YcCase *
new_draft (YcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = yc_store_get_item (store, "11370100MB0001", &error);
  g_autoptr(YcParty) applicant = yc_party_new (YC_PARTY_PERSON);
  g_autoptr(YcParty) agent = yc_party_new (YC_PARTY_PERSON);
  YcCase *kase;

  g_assert_no_error (error);
  g_object_set (applicant, "name", "张三", "id-number", "11010519491231002X", "phone", "13800138000",
                "address", "北方市北城区幸福路1号", NULL);
  g_object_set (agent, "name", "李四", "id-number", "360426199101010071", "relation", "子女",
                "authorisation", "书面委托书", NULL);

  kase = yc_case_new_for_item (item);
  g_object_set (kase,
                "applicant", applicant,
                "agent", agent,
                "window-code", "W01",
                "clerk", "clerk-wang",
                "legal-deadline", "2026-12-31",
                NULL);
  return kase;
}

static guint
case_seq (YcCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *window = NULL;
  g_autoptr(GDate) date = NULL;
  g_autoptr(GDateTime) decided_local = NULL;
  guint seq = 0;

  g_assert_nonnull (yc_case_get_case_no (kase));
  g_assert_true (yc_case_number_parse (yc_case_get_case_no (kase), &window, &date, &seq, &error));
  g_assert_no_error (error);
  g_assert_cmpstr (window, ==, yc_case_get_window_code (kase));

  /* The number carries the local day of the decision. */
  decided_local = g_date_time_to_local (yc_case_get_decided_at (kase));
  g_assert_cmpint (g_date_get_year (date), ==, g_date_time_get_year (decided_local));
  g_assert_cmpint (g_date_get_month (date), ==, g_date_time_get_month (decided_local));
  g_assert_cmpint (g_date_get_day (date), ==, g_date_time_get_day_of_month (decided_local));
  return seq;
}

static YcCase *
create_case (YcStore    *store,
             YcCaseEvent decision)
{
  g_autoptr(GError) error = NULL;
  YcCase *kase = new_draft (store);

  if (yc_case_event_needs_reason (decision))
    g_object_set (kase, "reason", "不属于本机关职权范围", NULL);
  g_assert_true (yc_store_create_case (store, kase, decision, "clerk-wang", &error));
  g_assert_no_error (error);
  return kase;
}

/* --- opening --- */

static void
test_open_create (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *path = yc_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *wal = g_strconcat (path, "-wal", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(YcStore) store = NULL;

  g_assert_true (g_str_has_prefix (path, g_get_user_data_dir ()));
  g_assert_true (g_str_has_suffix (path, "/yichuang/yichuang.db"));
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));

  store = open_store (path);
  g_assert_cmpstr (yc_store_get_path (store), ==, path);
  g_assert_cmpint (yc_store_get_latest_schema_version (), >=, 3);
  g_assert_cmpint (yc_store_get_schema_version (store), ==, yc_store_get_latest_schema_version ());
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, 0);
  g_assert_no_error (error);

  /* Readable by the workstation user alone. */
  g_assert_cmpint (file_mode (dir), ==, 0700);
  g_assert_cmpint (file_mode (path), ==, 0600);
  g_assert_true (g_file_test (wal, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (shm, G_FILE_TEST_EXISTS));
  g_assert_cmpint (file_mode (wal), ==, 0600);
  g_assert_cmpint (file_mode (shm), ==, 0600);
}

static void
test_open_restricts_existing (void)
{
  g_autofree char *path = yc_store_default_path ();
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(YcStore) store = NULL;

  /* Left world-readable by something else: the store tightens both. */
  g_assert_cmpint (g_mkdir_with_parents (dir, 0755), ==, 0);
  g_assert_cmpint (g_chmod (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (path, "", 0, NULL));
  g_assert_cmpint (g_chmod (path, 0644), ==, 0);

  store = open_store (path);
  g_assert_cmpint (file_mode (dir), ==, 0700);
  g_assert_cmpint (file_mode (path), ==, 0600);
}

typedef struct {
  int synchronous, foreign_keys, busy_timeout;
  char *journal_mode;
} Pragmas;

static void
read_pragmas (sqlite3 *db,
              Pragmas *out)
{
  const char *names[] = { "synchronous", "foreign_keys", "busy_timeout", "journal_mode" };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *sql = g_strdup_printf ("PRAGMA %s", names[i]);
      sqlite3_stmt *stmt = NULL;

      g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      switch (i)
        {
        case 0: out->synchronous = sqlite3_column_int (stmt, 0); break;
        case 1: out->foreign_keys = sqlite3_column_int (stmt, 0); break;
        case 2: out->busy_timeout = sqlite3_column_int (stmt, 0); break;
        default: out->journal_mode = g_strdup ((const char *) sqlite3_column_text (stmt, 0)); break;
        }
      sqlite3_finalize (stmt);
    }
}

static gboolean
read_writer_pragmas (YcStoreConn *conn,
                     gpointer     data,
                     GError     **error)
{
  read_pragmas (conn->db, data);
  return TRUE;
}

static void
test_pragmas (void)
{
  g_autofree char *path = test_db_path ("pragmas.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  Pragmas writer = { 0 }, reader = { 0 };
  YcStoreConn *conn;

  /* The writer's own connection, on the writer thread. */
  g_assert_true (_yc_store_write_sync (store, read_writer_pragmas, &writer, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (writer.synchronous, ==, 2);   /* FULL */
  g_assert_cmpint (writer.foreign_keys, ==, 1);
  g_assert_cmpint (writer.busy_timeout, >, 0);
  g_assert_cmpstr (writer.journal_mode, ==, "wal");

  conn = _yc_store_acquire_reader (store, NULL, &error);
  g_assert_no_error (error);
  read_pragmas (conn->db, &reader);
  _yc_store_release_reader (store, conn);
  g_assert_cmpint (reader.synchronous, ==, 2);
  g_assert_cmpint (reader.foreign_keys, ==, 1);
  g_assert_cmpint (reader.busy_timeout, >, 0);
  g_assert_cmpstr (reader.journal_mode, ==, "wal");

  g_free (writer.journal_mode);
  g_free (reader.journal_mode);
}

static void
test_reopen (void)
{
  g_autofree char *path = test_db_path ("reopen.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = NULL;
  YcStore *store;

  store = open_store (path);
  import_json (store, catalogue_v1);
  g_object_unref (store);

  store = open_store (path);
  g_assert_cmpint (yc_store_get_schema_version (store), ==, yc_store_get_latest_schema_version ());
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, 2);
  item = yc_store_get_item (store, "11370100MB0002", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yc_item_get_name (item), ==, "食品经营许可证核发");
  g_object_unref (store);
}

static void
test_corrupt (void)
{
  g_autofree char *path = test_db_path ("garbage.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GString) garbage = g_string_new (NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcStore) store = NULL;

  for (guint i = 0; i < 1000; i++)
    g_string_append (garbage, "这不是数据库 this is not a database\n");
  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_true (g_file_set_contents (path, garbage->str, garbage->len, NULL));

  store = yc_store_open (path, &error);
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_CORRUPT);
  g_assert_null (store);
  g_assert_cmpuint (strlen (error->message), >, 0);
}

static void
test_too_new (void)
{
  g_autofree char *path = test_db_path ("too-new.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *sql = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YcStore) store = NULL;
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  sql = g_strdup_printf ("CREATE TABLE future (x); PRAGMA user_version = %d",
                         yc_store_get_latest_schema_version () + 1);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = yc_store_open (path, &error);
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_TOO_NEW);
  g_assert_null (store);
}

static void
test_error_mapping (void)
{
  struct { int rc; GQuark domain; int code; } cases[] = {
    { SQLITE_BUSY, YC_STORE_ERROR, YC_STORE_ERROR_BUSY },
    { SQLITE_LOCKED, YC_STORE_ERROR, YC_STORE_ERROR_BUSY },
    { SQLITE_FULL, YC_STORE_ERROR, YC_STORE_ERROR_FULL },
    { SQLITE_NOTADB, YC_STORE_ERROR, YC_STORE_ERROR_CORRUPT },
    { SQLITE_CORRUPT, YC_STORE_ERROR, YC_STORE_ERROR_CORRUPT },
    { SQLITE_CONSTRAINT_UNIQUE, YC_STORE_ERROR, YC_STORE_ERROR_CONSTRAINT },
    { SQLITE_CANTOPEN, YC_STORE_ERROR, YC_STORE_ERROR_OPEN },
    { SQLITE_READONLY, YC_STORE_ERROR, YC_STORE_ERROR_OPEN },
    { SQLITE_IOERR_WRITE, YC_STORE_ERROR, YC_STORE_ERROR_IO },
    { SQLITE_INTERRUPT, G_IO_ERROR, G_IO_ERROR_CANCELLED },
    { SQLITE_ERROR, YC_STORE_ERROR, YC_STORE_ERROR_FAILED },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;

      g_assert_false (_yc_store_set_error_from_code (NULL, cases[i].rc, &error));
      g_assert_error (error, cases[i].domain, cases[i].code);
      g_assert_cmpuint (strlen (error->message), >, 0);
    }
}

/* --- catalogue --- */

static void
test_catalogue_import_upsert (void)
{
  g_autofree char *path = test_db_path ("import.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) renamed = NULL;
  g_autoptr(YcMaterialSpec) material = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  import_json (store, catalogue_v1);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, 2);

  /* Importing the same list again changes nothing. */
  import_json (store, catalogue_v1);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, 2);

  /* Upsert by code: MB0001 replaced (name and checklist), MB0002 kept, MB0003 added. */
  import_json (store, catalogue_v2);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, 3);
  g_assert_no_error (error);

  renamed = yc_store_get_item (store, "11370100MB0001", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yc_item_get_name (renamed), ==, "新生儿出生登记");
  g_assert_cmpuint (g_list_model_get_n_items (yc_item_get_materials (renamed)), ==, 1);
  material = g_list_model_get_item (yc_item_get_materials (renamed), 0);
  g_assert_cmpstr (yc_material_spec_get_code (material), ==, "M09");
  g_assert_cmpstr (yc_item_get_keywords (renamed)[0], ==, "报户口");
  g_assert_null (yc_item_get_keywords (renamed)[1]);

  /* The search index follows: the new name and keyword are found, the old keyword is not. */
  hits = yc_store_search_items (store, "新生儿出生", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (yc_item_get_code (g_ptr_array_index (hits, 0)), ==, "11370100MB0001");
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = yc_store_search_items (store, "落户", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = yc_store_search_items (store, "报户口", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_clear_pointer (&hits, g_ptr_array_unref);
  hits = yc_store_search_items (store, "食品经营", 10, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
}

static void
test_get_item (void)
{
  g_autofree char *path = test_db_path ("get-item.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = NULL;
  g_autoptr(YcItem) missing = NULL;
  GListModel *materials;
  const char *expected[] = { "M01", "M02", "M03" };

  import_json (store, catalogue_v1);
  item = yc_store_get_item (store, "11370100MB0001", &error);
  g_assert_no_error (error);

  g_assert_cmpstr (yc_item_get_code (item), ==, "11370100MB0001");
  g_assert_cmpstr (yc_item_get_name (item), ==, "出生登记");
  g_assert_cmpstr (yc_item_get_department (item), ==, "北方市公安局");
  g_assert_cmpstr (yc_item_get_item_type (item), ==, "QR");
  g_assert_cmpstr (yc_item_get_item_type_label (item), ==, "行政确认");
  g_assert_cmpint (yc_item_get_case_type (item), ==, YC_CASE_TYPE_IMMEDIATE);
  g_assert_cmpuint (yc_item_get_legal_days (item), ==, 20);
  g_assert_cmpuint (yc_item_get_promised_days (item), ==, 0);
  g_assert_false (yc_item_get_commitment_allowed (item));
  g_assert_cmpstr (yc_item_get_legal_basis (item), ==, "《中华人民共和国户口登记条例》第七条");
  g_assert_cmpstr (yc_item_get_conditions (item), ==, "婴儿出生后一个月以内");
  g_assert_cmpstr (yc_item_get_fees (item), ==, "不收费");
  g_assert_cmpstr (yc_item_get_result (item), ==, "居民户口簿");
  g_assert_cmpstr (yc_item_get_keywords (item)[0], ==, "上户口");
  g_assert_cmpstr (yc_item_get_keywords (item)[1], ==, "新生儿落户");
  g_assert_null (yc_item_get_keywords (item)[2]);

  materials = yc_item_get_materials (item);
  g_assert_cmpuint (g_list_model_get_n_items (materials), ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (materials, i);

      g_assert_cmpstr (yc_material_spec_get_code (spec), ==, expected[i]);
      g_assert_cmpuint (yc_material_spec_get_position (spec), ==, i);
    }

  {
    g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (materials, 1);

    g_assert_cmpstr (yc_material_spec_get_name (spec), ==, "父母居民户口簿");
    g_assert_cmpuint (yc_material_spec_get_originals (spec), ==, 1);
    g_assert_cmpuint (yc_material_spec_get_copies (spec), ==, 1);
    g_assert_cmpint (yc_material_spec_get_form (spec), ==, YC_MATERIAL_FORM_EITHER);
    g_assert_true (yc_material_spec_get_required (spec));
    g_assert_true (yc_material_spec_get_tolerable (spec));
    g_assert_cmpuint (yc_material_spec_get_supplement_days (spec), ==, 5);
    g_assert_cmpstr (yc_material_spec_get_licence_type (spec), ==, "居民户口簿");
  }
  {
    g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (materials, 2);

    g_assert_cmpint (yc_material_spec_get_form (spec), ==, YC_MATERIAL_FORM_ELECTRONIC);
    g_assert_false (yc_material_spec_get_required (spec));
  }

  missing = yc_store_get_item (store, "NO-SUCH-CODE", &error);
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND);
  g_assert_null (missing);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

static GAsyncResult *
wait_for_result (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_ensure_catalogue (void)
{
  g_autofree char *path = test_db_path ("ensure.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) sample = yc_catalogue_load_sample (&error);
  g_autoptr(YcCatalogue) catalogue = yc_catalogue_parse (sample, &error);
  GAsyncResult *result = NULL;
  guint n_sample;

  g_assert_no_error (error);
  n_sample = yc_catalogue_get_items (catalogue)->len;
  g_assert_cmpuint (n_sample, >, 0);

  yc_store_ensure_catalogue_async (store, NULL, async_done_cb, &result);
  g_assert_true (yc_store_ensure_catalogue_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, n_sample);

  /* Idempotent: a second start imports nothing more. */
  yc_store_ensure_catalogue_async (store, NULL, async_done_cb, &result);
  g_assert_true (yc_store_ensure_catalogue_finish (store, wait_for_result (&result), &error));
  g_clear_object (&result);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, n_sample);
  g_assert_no_error (error);
}

/* A catalogue of @n generated items, names from a small vocabulary, the first one renamed by
 * @rename. */
static char *
generated_catalogue (guint       n,
                     const char *rename)
{
  static const char *subjects[] = { "不动产", "户口", "营业执照", "社会保障卡", "住房公积金" };
  static const char *actions[] = { "登记", "变更", "注销", "补领", "提取", "查询" };
  GString *json = g_string_new ("{\"version\": \"gen\", \"region\": \"北方市\", \"code_lists\": "
                                "{\"item_type\": [{\"code\": \"QR\", \"label\": \"行政确认\"}]}, "
                                "  \"items\": [");

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *name = g_strdup_printf ("%s%s（%u）", subjects[i % G_N_ELEMENTS (subjects)],
                                               actions[i % G_N_ELEMENTS (actions)], i);

      g_string_append_printf (json,
                              "%s{\"code\": \"GEN%06u\", \"name\": \"%s\", "
                              "\"department\": \"北方市第%u局\", \"item_type\": \"QR\", "
                              "\"case_type\": \"promised\", \"legal_days\": 20, "
                              "\"promised_days\": 10, \"legal_basis\": \"《条例》第%u条\", "
                              "  \"keywords\": [\"关键词%u\", \"Key %u\"], \"materials\": [{\"code\": "
                              "\"M01\", \"name\": \"申请表\", \"originals\": 1, \"form\": \"paper\", "
                              "  \"required\": true}]}",
                              i > 0 ? "," : "", i, i == 0 && rename ? rename : name, i % 7,
                              i % 50 + 1, i % 13, i);
    }
  g_string_append (json, "]}");
  return g_string_free (json, FALSE);
}

static int
count_rows (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  int n;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

/* The gram table holds exactly the grams of the items, and the FTS index matches its content. */
static void
assert_search_index_consistent (const char *path)
{
  sqlite3 *db = NULL;

  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM (SELECT gram, item_id FROM item_grams "
                                   "EXCEPT SELECT gram, item_id FROM item_grams_source)"), ==, 0);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM (SELECT gram, item_id FROM "
                                   "item_grams_source EXCEPT SELECT gram, "
                                   "item_id FROM item_grams)"),
                   ==, 0);
  g_assert_cmpint (count_rows (db, "SELECT count (*) FROM search_index_paused"), ==, 0);
  g_assert_cmpint (sqlite3_exec (db, "INSERT INTO items_fts (items_fts, rank) "
                                     "VALUES ('integrity-check', 1)", NULL, NULL, NULL), ==,
                   SQLITE_OK);
  sqlite3_close (db);
}

static void
test_catalogue_bulk_import (void)
{
  g_autofree char *path = test_db_path ("bulk.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autofree char *big = generated_catalogue (YC_STORE_BULK_IMPORT_ITEMS, NULL);
  g_autofree char *small = generated_catalogue (3, "户口迁移改名");
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;

  /* Above the threshold: the indexes are rebuilt once, at the end of the transaction. */
  import_json (store, big);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, YC_STORE_BULK_IMPORT_ITEMS);
  assert_search_index_consistent (path);
  hits = yc_store_search_items (store, "Key 999", 50, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (yc_item_get_code (g_ptr_array_index (hits, 0)), ==, "GEN000999");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* Below it: the triggers update row by row, and both ways agree. */
  import_json (store, small);
  assert_search_index_consistent (path);
  hits = yc_store_search_items (store, "改名", 50, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits->len, ==, 1);
  g_assert_cmpstr (yc_item_get_code (g_ptr_array_index (hits, 0)), ==, "GEN000000");
  g_clear_pointer (&hits, g_ptr_array_unref);

  /* A re-import of the whole list puts the old name back, through the bulk path again. */
  import_json (store, big);
  assert_search_index_consistent (path);
  hits = yc_store_search_items (store, "改名", 50, NULL, &error);
  g_assert_cmpuint (hits->len, ==, 0);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, YC_STORE_BULK_IMPORT_ITEMS);
  g_assert_no_error (error);
}

static void
test_ensure_catalogue_keeps_existing (void)
{
  g_autofree char *path = test_db_path ("ensure-existing.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;

  import_json (store, catalogue_v1);
  g_assert_true (yc_store_ensure_catalogue (store, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, 2);
}

/* --- cases --- */

static void
test_case_numbers (void)
{
  g_autofree char *path = test_db_path ("numbers.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(YcCase) first = NULL;
  g_autoptr(YcCase) second = NULL;
  g_autoptr(YcCase) third = NULL;

  import_json (store, catalogue_v1);
  first = create_case (store, YC_CASE_EVENT_ACCEPT);
  second = create_case (store, YC_CASE_EVENT_TOLERANCE_ACCEPT);
  third = create_case (store, YC_CASE_EVENT_ISSUE_NOTICE);

  g_assert_cmpuint (case_seq (first), ==, 1);
  g_assert_cmpuint (case_seq (second), ==, 2);
  g_assert_cmpuint (case_seq (third), ==, 3);
  g_assert_true (g_str_has_suffix (yc_case_get_case_no (first), "-0001"));
  g_assert_true (g_str_has_prefix (yc_case_get_case_no (first), "W01-"));
  g_assert_cmpint (yc_case_get_state (first), ==, YC_CASE_STATE_ACCEPTED);
  g_assert_cmpint (yc_case_get_state (second), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  g_assert_cmpint (yc_case_get_state (third), ==, YC_CASE_STATE_NOTICE_ISSUED);
  g_assert_nonnull (yc_case_get_decided_at (first));
}

static void
test_case_numbers_after_void (void)
{
  g_autofree char *path = test_db_path ("void.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) voided = NULL;
  g_autoptr(YcCase) next = NULL;
  g_autoptr(YcCase) stored = NULL;
  YcCaseState state;

  import_json (store, catalogue_v1);
  voided = create_case (store, YC_CASE_EVENT_ACCEPT);
  g_assert_true (yc_store_apply_case_event (store, yc_case_get_uuid (voided), YC_CASE_EVENT_VOID,
                                            "录入错误", "clerk-wang", &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, YC_CASE_STATE_VOIDED);

  next = create_case (store, YC_CASE_EVENT_ACCEPT);
  g_assert_cmpuint (case_seq (voided), ==, 1);
  g_assert_cmpuint (case_seq (next), ==, 2);

  stored = yc_store_get_case (store, yc_case_get_uuid (voided), &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_VOIDED);
  g_assert_cmpstr (yc_case_get_reason (stored), ==, "录入错误");
  g_assert_cmpstr (yc_case_get_case_no (stored), ==, yc_case_get_case_no (voided));
}

static void
test_case_numbers_after_reopen (void)
{
  g_autofree char *path = test_db_path ("numbers-reopen.db");
  g_autoptr(YcCase) first = NULL;
  g_autoptr(YcCase) second = NULL;
  YcStore *store;

  store = open_store (path);
  import_json (store, catalogue_v1);
  first = create_case (store, YC_CASE_EVENT_ACCEPT);
  g_object_unref (store);

  store = open_store (path);
  second = create_case (store, YC_CASE_EVENT_ACCEPT);
  g_object_unref (store);

  g_assert_cmpuint (case_seq (first), ==, 1);
  g_assert_cmpuint (case_seq (second), ==, 2);
}

static void
test_case_rollback (void)
{
  g_autofree char *path = test_db_path ("rollback.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) failed = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(YcCase) next = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) audit = NULL;

  import_json (store, catalogue_v1);
  failed = new_draft (store);

  /* Everything is written, then the transaction fails before COMMIT, as if the power went. */
  g_assert_false (_yc_store_create_case_full (store, failed, YC_CASE_EVENT_ACCEPT, "clerk-wang",
                                              TRUE, &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_FAILED);
  g_clear_error (&error);

  /* Nothing of it remains, and the case object was not touched. */
  g_assert_null (yc_case_get_case_no (failed));
  g_assert_cmpint (yc_case_get_state (failed), ==, YC_CASE_STATE_DRAFT);
  stored = yc_store_get_case (store, yc_case_get_uuid (failed), &error);
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  outbox = yc_store_outbox_pending (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (outbox->len, ==, 0);
  audit = yc_store_list_audit (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 0);

  /* The number was never issued, so the next case gets it; the same draft can be decided again. */
  g_assert_true (yc_store_create_case (store, failed, YC_CASE_EVENT_ACCEPT, "clerk-wang", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (case_seq (failed), ==, 1);
  next = create_case (store, YC_CASE_EVENT_ACCEPT);
  g_assert_cmpuint (case_seq (next), ==, 2);
}

static void
test_case_roundtrip (void)
{
  g_autofree char *path = test_db_path ("roundtrip.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) kase = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(YcCaseMaterial) material = NULL;
  g_autoptr(YcCaseMaterial) stored_material = NULL;
  YcParty *applicant, *agent;

  import_json (store, catalogue_v1);
  kase = new_draft (store);
  material = g_list_model_get_item (yc_case_get_materials (kase), 1);
  g_object_set (material, "state", YC_MATERIAL_STATE_TOLERATED, "supplement-deadline", "2026-12-14",
                "note", "三日内补交", "copies", 1u, NULL);
  g_assert_true (yc_store_create_case (store, kase, YC_CASE_EVENT_TOLERANCE_ACCEPT, "clerk-wang",
                                       &error));
  g_assert_no_error (error);

  stored = yc_store_get_case (store, yc_case_get_uuid (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (yc_case_get_uuid (stored), ==, yc_case_get_uuid (kase));
  g_assert_cmpstr (yc_case_get_case_no (stored), ==, yc_case_get_case_no (kase));
  g_assert_cmpstr (yc_case_get_query_password (stored), ==, yc_case_get_query_password (kase));
  g_assert_cmpstr (yc_case_get_item_code (stored), ==, "11370100MB0001");
  g_assert_cmpstr (yc_case_get_item_name (stored), ==, "出生登记");
  g_assert_cmpstr (yc_case_get_department (stored), ==, "北方市公安局");
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  g_assert_cmpstr (yc_case_get_window_code (stored), ==, "W01");
  g_assert_cmpstr (yc_case_get_clerk (stored), ==, "clerk-wang");
  g_assert_cmpstr (yc_case_get_legal_deadline (stored), ==, "2026-12-31");
  g_assert_null (yc_case_get_promised_deadline (stored));
  g_assert_true (g_date_time_equal (yc_case_get_created_at (stored),
                                    yc_case_get_created_at (kase)));
  g_assert_true (g_date_time_equal (yc_case_get_decided_at (stored),
                                    yc_case_get_decided_at (kase)));

  applicant = yc_case_get_applicant (stored);
  g_assert_nonnull (applicant);
  g_assert_cmpint (yc_party_get_kind (applicant), ==, YC_PARTY_PERSON);
  g_assert_cmpstr (yc_party_get_name (applicant), ==, "张三");
  g_assert_cmpstr (yc_party_get_id_number (applicant), ==, "11010519491231002X");
  g_assert_cmpstr (yc_party_get_phone (applicant), ==, "13800138000");
  g_assert_cmpstr (yc_party_get_address (applicant), ==, "北方市北城区幸福路1号");
  agent = yc_case_get_agent (stored);
  g_assert_nonnull (agent);
  g_assert_cmpstr (yc_party_get_name (agent), ==, "李四");
  g_assert_cmpstr (yc_party_get_relation (agent), ==, "子女");
  g_assert_cmpstr (yc_party_get_authorisation (agent), ==, "书面委托书");

  g_assert_cmpuint (g_list_model_get_n_items (yc_case_get_materials (stored)), ==, 3);
  stored_material = g_list_model_get_item (yc_case_get_materials (stored), 1);
  g_assert_cmpstr (yc_case_material_get_spec_code (stored_material), ==, "M02");
  g_assert_cmpstr (yc_case_material_get_name (stored_material), ==, "父母居民户口簿");
  g_assert_cmpuint (yc_case_material_get_position (stored_material), ==, 1);
  g_assert_cmpint (yc_case_material_get_state (stored_material), ==, YC_MATERIAL_STATE_TOLERATED);
  g_assert_cmpstr (yc_case_material_get_supplement_deadline (stored_material), ==, "2026-12-14");
  g_assert_cmpstr (yc_case_material_get_note (stored_material), ==, "三日内补交");
  g_assert_cmpuint (yc_case_material_get_copies (stored_material), ==, 1);
}

static void
test_case_list (void)
{
  g_autofree char *path = test_db_path ("list.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases = NULL;
  g_autoptr(GPtrArray) two = NULL;
  YcCase *made[3];

  import_json (store, catalogue_v1);
  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    made[i] = create_case (store, YC_CASE_EVENT_ACCEPT);

  cases = yc_store_list_cases (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (cases->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    g_assert_cmpstr (yc_case_get_uuid (g_ptr_array_index (cases, i)), ==,
                     yc_case_get_uuid (made[2 - i]));

  two = yc_store_list_cases (store, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (two->len, ==, 2);
  g_assert_cmpstr (yc_case_get_uuid (g_ptr_array_index (two, 0)), ==, yc_case_get_uuid (made[2]));

  for (guint i = 0; i < G_N_ELEMENTS (made); i++)
    g_object_unref (made[i]);
}

static void
test_case_invalid (void)
{
  g_autofree char *path = test_db_path ("invalid.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) kase = NULL;
  g_autoptr(YcCase) decided = NULL;
  g_autoptr(YcCase) copy = NULL;
  g_autoptr(YcCase) next = NULL;
  YcCaseState state;

  import_json (store, catalogue_v1);
  kase = new_draft (store);

  /* Not a decision on a new case. */
  g_assert_false (yc_store_create_case (store, kase, YC_CASE_EVENT_START_REVIEW, "clerk-wang",
                                        &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A refusal needs its reason. */
  g_assert_false (yc_store_create_case (store, kase, YC_CASE_EVENT_REFUSE, "clerk-wang", &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* A window code that cannot make a case number. */
  g_object_set (kase, "window-code", "w-1", NULL);
  g_assert_false (yc_store_create_case (store, kase, YC_CASE_EVENT_ACCEPT, "clerk-wang", &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (yc_case_get_case_no (kase));

  /* Deciding twice. */
  decided = create_case (store, YC_CASE_EVENT_ACCEPT);
  g_assert_false (yc_store_create_case (store, decided, YC_CASE_EVENT_ACCEPT, "clerk-wang",
                                        &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* The same uuid twice: refused by the database, and it costs no number. */
  copy = new_draft (store);
  g_object_set (copy, "uuid", yc_case_get_uuid (decided), NULL);
  g_assert_false (yc_store_create_case (store, copy, YC_CASE_EVENT_ACCEPT, "clerk-wang", &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_CONSTRAINT);
  g_clear_error (&error);
  next = create_case (store, YC_CASE_EVENT_ACCEPT);
  g_assert_cmpuint (case_seq (next), ==, case_seq (decided) + 1);

  /* Later events: illegal ones are the state machine's errors; voiding needs a reason; unknown
   * cases. */
  g_assert_false (yc_store_apply_case_event (store, yc_case_get_uuid (decided),
                                             YC_CASE_EVENT_HAND_OVER, NULL, "clerk-wang", &state,
                                             &error));
  g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION);
  g_clear_error (&error);
  g_assert_false (yc_store_apply_case_event (store, yc_case_get_uuid (decided), YC_CASE_EVENT_VOID,
                                             "  ", "clerk-wang", &state, &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (yc_store_apply_case_event (store, "00000000-0000-4000-8000-000000000000",
                                             YC_CASE_EVENT_START_REVIEW, NULL, "clerk-wang",
                                             &state, &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND);
}

/* Checkpoints run on the store's own thread: commits never copy the WAL back themselves, and once
 * the checkpointer has, the writer starts the log again. */
static void
test_checkpoint_background (void)
{
  g_autofree char *path = test_db_path ("checkpoint.db");
  g_autoptr(YcStore) store = open_store (path);
  guint n_cases = 0;
  int frames;
  gint64 deadline;

  /* Held back, a checkpoint asked for waits: the log grows well past SQLite's automatic threshold,
   * which a commit checkpointing by itself would never let it. */
  _yc_store_hold_checkpoints (store, TRUE);
  import_json (store, catalogue_v1);
  while (_yc_store_get_wal_frames (store) < 2000)
    {
      g_autoptr(YcCase) kase = create_case (store, YC_CASE_EVENT_ACCEPT);

      n_cases++;
      g_assert_cmpuint (n_cases, <, 5000);
    }
  g_assert_cmpuint (_yc_store_get_checkpoints (store), ==, 0);
  frames = _yc_store_get_wal_frames (store);

  /* Released, the checkpointer copies the log back... */
  _yc_store_hold_checkpoints (store, FALSE);
  deadline = g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
  while (_yc_store_get_checkpoints (store) == 0)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_usleep (1000);
    }

  /* ... and the next commit writes from the start of the log again. */
  {
    g_autoptr(YcCase) kase = create_case (store, YC_CASE_EVENT_ACCEPT);

    n_cases++;
  }
  g_assert_cmpint (_yc_store_get_wal_frames (store), <, frames / 10);

  /* Nothing lost: every case is there after the store is closed and opened again. */
  g_clear_object (&store);
  store = open_store (path);
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GPtrArray) cases = yc_store_list_cases (store, 100000, &error);

    g_assert_no_error (error);
    g_assert_cmpuint (cases->len, ==, n_cases);
  }
}

/* --- audit log and outbox --- */

static void
test_audit_append_only (void)
{
  g_autofree char *path = test_db_path ("audit.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GPtrArray) all = NULL;
  YcAuditEntry *entry;
  sqlite3 *db = NULL;

  g_assert_true (yc_store_append_audit (store, "clerk-wang", "case.view", "case-1",
                                        "opened the detail", &error));
  g_assert_true (yc_store_append_audit (store, "clerk-wang", "id.reveal", "case-1", NULL, &error));
  g_assert_true (yc_store_append_audit (store, "supervisor-li", "session.login", NULL, NULL,
                                        &error));
  g_assert_no_error (error);

  entries = yc_store_list_audit (store, "case-1", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (entries->len, ==, 2);
  entry = g_ptr_array_index (entries, 0);
  g_assert_cmpstr (entry->actor, ==, "clerk-wang");
  g_assert_cmpstr (entry->action, ==, "case.view");
  g_assert_cmpstr (entry->case_uuid, ==, "case-1");
  g_assert_cmpstr (entry->detail, ==, "opened the detail");
  g_assert_nonnull (entry->at);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->action, ==, "id.reveal");
  g_assert_null (entry->detail);

  /* Even with direct SQL access, entries can be neither changed nor removed. */
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, "UPDATE audit_log SET actor = 'someone-else'", NULL, NULL,
                                 NULL), ==,
                   SQLITE_CONSTRAINT);
  g_assert_cmpint (sqlite3_exec (db, "DELETE FROM audit_log", NULL, NULL, NULL), ==,
                   SQLITE_CONSTRAINT);
  sqlite3_close (db);

  all = yc_store_list_audit (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 3);
  g_assert_cmpstr (((YcAuditEntry *) g_ptr_array_index (all, 0))->actor, ==, "clerk-wang");
}

static void
test_outbox_with_case (void)
{
  g_autofree char *path = test_db_path ("outbox.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) kase = NULL;
  g_autoptr(GPtrArray) pending = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GDateTime) later = NULL;
  YcOutboxEntry *entry;
  JsonObject *payload;
  YcCaseState state;

  import_json (store, catalogue_v1);
  kase = create_case (store, YC_CASE_EVENT_ACCEPT);

  /* Written by the same transaction as the case. */
  pending = yc_store_outbox_pending (store, 10, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pending->len, ==, 1);
  entry = g_ptr_array_index (pending, 0);
  g_assert_cmpstr (entry->kind, ==, "case.put");
  g_assert_cmpstr (entry->key, ==, yc_case_get_uuid (kase));
  g_assert_cmpuint (entry->attempts, ==, 0);
  g_assert_true (json_parser_load_from_data (parser, entry->payload, -1, &error));
  g_assert_no_error (error);
  payload = json_node_get_object (json_parser_get_root (parser));
  g_assert_cmpstr (json_object_get_string_member (payload, "uuid"), ==, yc_case_get_uuid (kase));
  g_assert_cmpstr (json_object_get_string_member (payload, "case_no"), ==,
                   yc_case_get_case_no (kase));
  g_assert_cmpstr (json_object_get_string_member (payload, "state"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (json_object_get_object_member (payload,
                                                                               "applicant"),
                                                 "name"), ==, "张三");
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (payload, "materials")), ==,
                    3);

  audit = yc_store_list_audit (store, yc_case_get_uuid (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 1);
  g_assert_cmpstr (((YcAuditEntry *) g_ptr_array_index (audit, 0))->action, ==, "case.create");
  g_assert_cmpstr (((YcAuditEntry *) g_ptr_array_index (audit, 0))->actor, ==, "clerk-wang");

  /* A failed send is counted and scheduled; a sent one leaves the queue. */
  later = g_date_time_new_now_local ();
  g_assert_true (yc_store_outbox_mark_failed (store, entry->id, "HTTP 503", later, &error));
  g_assert_no_error (error);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = yc_store_outbox_pending (store, 10, &error);
  entry = g_ptr_array_index (pending, 0);
  g_assert_cmpuint (entry->attempts, ==, 1);
  g_assert_cmpstr (entry->last_error, ==, "HTTP 503");
  g_assert_cmpint (g_date_time_to_unix (entry->next_attempt_at), ==, g_date_time_to_unix (later));

  /* A later event queues behind the creation. */
  g_assert_true (yc_store_apply_case_event (store, yc_case_get_uuid (kase),
                                            YC_CASE_EVENT_START_REVIEW, NULL,
                                            "clerk-wang", &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, YC_CASE_STATE_IN_REVIEW);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = yc_store_outbox_pending (store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 2);
  g_assert_cmpstr (((YcOutboxEntry *) g_ptr_array_index (pending, 1))->kind, ==, "case.event");

  entry = g_ptr_array_index (pending, 0);
  g_assert_true (yc_store_outbox_mark_sent (store, entry->id, &error));
  g_assert_no_error (error);
  g_assert_false (yc_store_outbox_mark_sent (store, entry->id, &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&pending, g_ptr_array_unref);
  pending = yc_store_outbox_pending (store, 10, &error);
  g_assert_cmpuint (pending->len, ==, 1);
  g_assert_cmpstr (((YcOutboxEntry *) g_ptr_array_index (pending, 0))->kind, ==, "case.event");

  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = yc_store_list_audit (store, yc_case_get_uuid (kase), &error);
  g_assert_cmpuint (audit->len, ==, 2);
  g_assert_cmpstr (((YcAuditEntry *) g_ptr_array_index (audit, 1))->action, ==,
                   "case.start_review");
}

/* --- async and cancellation --- */

static void
test_async (void)
{
  g_autofree char *path = test_db_path ("async.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcStore) store = NULL;
  g_autoptr(YcCatalogue) catalogue = parse_catalogue (catalogue_v1);
  g_autoptr(GListModel) hits = NULL;
  g_autoptr(GListModel) cases = NULL;
  g_autoptr(YcItem) item = NULL;
  g_autoptr(YcItem) hit = NULL;
  g_autoptr(YcCase) kase = NULL;
  g_autoptr(YcCase) stored = NULL;
  GAsyncResult *result = NULL;
  YcCaseState state;

  yc_store_open_async (path, NULL, async_done_cb, &result);
  store = yc_store_open_finish (wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  yc_store_import_catalogue_async (store, catalogue, NULL, async_done_cb, &result);
  g_assert_true (yc_store_import_catalogue_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);

  yc_store_search_items_async (store, "出生", 50, NULL, async_done_cb, &result);
  hits = yc_store_search_items_finish (store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (hits), ==, 1);
  hit = g_list_model_get_item (hits, 0);
  g_assert_cmpstr (yc_item_get_code (hit), ==, "11370100MB0001");

  yc_store_get_item_async (store, "11370100MB0001", NULL, async_done_cb, &result);
  item = yc_store_get_item_finish (store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (yc_item_get_materials (item)), ==, 3);

  kase = new_draft (store);
  yc_store_create_case_async (store, kase, YC_CASE_EVENT_COMMITMENT_ACCEPT, "clerk-wang", NULL,
                              async_done_cb, &result);
  /* Nothing changes on the object before finish, which runs on this thread. */
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_DRAFT);
  g_assert_true (yc_store_create_case_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_COMMITMENT_ACCEPTED);
  g_assert_cmpuint (case_seq (kase), ==, 1);

  yc_store_apply_case_event_async (store, yc_case_get_uuid (kase), YC_CASE_EVENT_START_REVIEW, NULL,
                                   "clerk-wang", NULL, async_done_cb, &result);
  g_assert_true (yc_store_apply_case_event_finish (store, wait_for_result (&result), &state,
                                                   &error));
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (state, ==, YC_CASE_STATE_IN_REVIEW);

  yc_store_get_case_async (store, yc_case_get_uuid (kase), NULL, async_done_cb, &result);
  stored = yc_store_get_case_finish (store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_IN_REVIEW);

  yc_store_list_cases_async (store, 10, NULL, async_done_cb, &result);
  cases = yc_store_list_cases_finish (store, wait_for_result (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);
  g_assert_cmpuint (g_list_model_get_n_items (cases), ==, 1);

  yc_store_append_audit_async (store, "clerk-wang", "case.view", yc_case_get_uuid (kase), NULL,
                               NULL,
                               async_done_cb, &result);
  g_assert_true (yc_store_append_audit_finish (store, wait_for_result (&result), &error));
  g_assert_no_error (error);
  g_clear_object (&result);
}

static void
test_cancel_before_start (void)
{
  g_autofree char *path = test_db_path ("cancel.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(YcCatalogue) catalogue = parse_catalogue (catalogue_v1);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) hits = NULL;
  GAsyncResult *result = NULL;

  g_cancellable_cancel (cancellable);

  /* A cancelled write never starts: nothing is imported. */
  yc_store_import_catalogue_async (store, catalogue, cancellable, async_done_cb, &result);
  g_assert_false (yc_store_import_catalogue_finish (store, wait_for_result (&result), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_clear_object (&result);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, 0);

  import_json (store, catalogue_v1);
  hits = yc_store_search_items (store, "出生登记", 10, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (hits);
}

/* The query below never ends on its own; it calls started() on its first row so the test knows it
 * is running. */
typedef struct {
  GCancellable *cancellable;
  gint          started;
} RunningQuery;

static void
started_func (sqlite3_context *context,
              int              argc,
              sqlite3_value  **argv)
{
  RunningQuery *running = sqlite3_user_data (context);

  if (g_atomic_int_compare_and_exchange (&running->started, 0, 1))
    g_cancellable_cancel (running->cancellable);
  sqlite3_result_int (context, 1);
}

static gboolean
endless_query (YcStoreConn *conn,
               gpointer     data,
               GError     **error)
{
  int rc;

  g_assert_cmpint (sqlite3_create_function (conn->db, "started", 0, SQLITE_UTF8, data, started_func,
                                            NULL, NULL), ==, SQLITE_OK);
  rc = sqlite3_exec (conn->db,
                     "WITH RECURSIVE c (x) AS (SELECT started () UNION ALL SELECT x + 1 FROM c) "
                     "SELECT count (*) FROM c", NULL, NULL, NULL);
  sqlite3_create_function (conn->db, "started", 0, SQLITE_UTF8, NULL, NULL, NULL, NULL);
  g_assert_cmpint (rc, !=, SQLITE_OK);
  return _yc_store_set_error (conn, rc, error);
}

static void
test_cancel_running (void)
{
  g_autofree char *path = test_db_path ("cancel-running.db");
  g_autoptr(YcStore) store = open_store (path);
  g_autoptr(GCancellable) reader_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) writer_cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  RunningQuery reader_query = { reader_cancellable, 0 };
  RunningQuery writer_query = { writer_cancellable, 0 };
  YcStoreConn *conn;

  /* A read connection: the progress handler stops the running statement once it is cancelled. */
  conn = _yc_store_acquire_reader (store, reader_cancellable, &error);
  g_assert_no_error (error);
  g_assert_false (endless_query (conn, &reader_query, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  _yc_store_release_reader (store, conn);
  g_assert_cmpint (reader_query.started, ==, 1);

  /* The writer, the same way, and it stays usable afterwards. */
  g_assert_false (_yc_store_write_sync (store, endless_query, &writer_query, writer_cancellable,
                                        &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_cmpint (writer_query.started, ==, 1);
  import_json (store, catalogue_v1);
  g_assert_cmpuint (yc_store_count_items (store, &error), ==, 2);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/store/open/create", test_open_create);
  g_test_add_func ("/yc/store/open/restricts-existing", test_open_restricts_existing);
  g_test_add_func ("/yc/store/open/pragmas", test_pragmas);
  g_test_add_func ("/yc/store/open/reopen", test_reopen);
  g_test_add_func ("/yc/store/open/corrupt", test_corrupt);
  g_test_add_func ("/yc/store/open/too-new", test_too_new);
  g_test_add_func ("/yc/store/checkpoint-background", test_checkpoint_background);
  g_test_add_func ("/yc/store/errors", test_error_mapping);
  g_test_add_func ("/yc/store/catalogue/import-upsert", test_catalogue_import_upsert);
  g_test_add_func ("/yc/store/catalogue/get-item", test_get_item);
  g_test_add_func ("/yc/store/catalogue/ensure", test_ensure_catalogue);
  g_test_add_func ("/yc/store/catalogue/ensure-keeps-existing",
                   test_ensure_catalogue_keeps_existing);
  g_test_add_func ("/yc/store/catalogue/bulk-import", test_catalogue_bulk_import);
  g_test_add_func ("/yc/store/cases/numbers", test_case_numbers);
  g_test_add_func ("/yc/store/cases/numbers-after-void", test_case_numbers_after_void);
  g_test_add_func ("/yc/store/cases/numbers-after-reopen", test_case_numbers_after_reopen);
  g_test_add_func ("/yc/store/cases/rollback", test_case_rollback);
  g_test_add_func ("/yc/store/cases/roundtrip", test_case_roundtrip);
  g_test_add_func ("/yc/store/cases/list", test_case_list);
  g_test_add_func ("/yc/store/cases/invalid", test_case_invalid);
  g_test_add_func ("/yc/store/audit/append-only", test_audit_append_only);
  g_test_add_func ("/yc/store/outbox/with-case", test_outbox_with_case);
  g_test_add_func ("/yc/store/async", test_async);
  g_test_add_func ("/yc/store/cancel/before-start", test_cancel_before_start);
  g_test_add_func ("/yc/store/cancel/running", test_cancel_running);

  return g_test_run ();
}
