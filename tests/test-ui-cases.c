/* test-ui-cases.c: the Cases page marks overdue cases (a write) on refresh, when shown and when the
 * date changes, and never while the clerk types a search. */
#define G_LOG_DOMAIN "yc-test-ui"

#include <sqlite3.h>
#include <string.h>

#include "yc-cases-page-private.h"
#include "yc-test-ui.h"

/* One item with a tolerable material: its supplement is due 5 working days after the decision. */
static const char *catalogue_json =
  "{\"version\": \"t1\", \"region\": \"北方市\","
  " \"code_lists\": {\"item_type\": [{\"code\": \"XK\", \"label\": \"行政许可\"}]},"
  " \"items\": ["
  "  {\"code\": \"HOUSE\", \"name\": \"不动产转移登记\","
  "   \"department\": \"北方市不动产登记中心\", \"item_type\": \"XK\","
  "   \"case_type\": \"promised\", \"legal_days\": 20, \"promised_days\": 10,"
  "   \"legal_basis\": \"《不动产登记暂行条例》\","
  "   \"materials\": ["
  "     {\"code\": \"M1\", \"name\": \"身份证明\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true},"
  "     {\"code\": \"M2\", \"name\": \"完税证明\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true, \"tolerable\": true, \"supplement_days\": 5}]}"
  " ]}";

typedef struct {
  char        *path;
  YcStore     *store;
  YcCase      *kase;        /* tolerance-accepted, its second material tolerated */
  sqlite3     *db;          /* another connection, to see commits the page makes */
  GtkWindow   *window;
  YcCasesPage *page;
  guint        n_loads;     /* how many times the page started loading */
} Fixture;

static void
loading_cb (YcCasesPage *page,
            GParamSpec  *pspec,
            Fixture     *fixture)
{
  if (yc_cases_page_get_loading (page))
    fixture->n_loads++;
}

static void
fixture_set_up (Fixture       *fixture,
                gconstpointer  user_data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (catalogue_json, strlen (catalogue_json));
  g_autoptr(YcCatalogue) catalogue = yc_catalogue_parse (bytes, &error);
  g_autoptr(YcCalendar) calendar = yc_calendar_new_default (&error);
  g_autoptr(YcItem) item = NULL;
  g_autoptr(YcParty) applicant = yc_party_new (YC_PARTY_PERSON);
  g_autoptr(YcCaseMaterial) m1 = NULL;
  g_autoptr(YcCaseMaterial) m2 = NULL;

  g_assert_no_error (error);
  fixture->path = g_build_filename (g_get_user_data_dir (), "cases", "cases.db", NULL);
  fixture->store = yc_store_open (fixture->path, &error);
  g_assert_no_error (error);
  g_assert_true (yc_store_import_catalogue (fixture->store, catalogue, &error));
  g_assert_no_error (error);

  item = yc_store_get_item (fixture->store, "HOUSE", &error);
  g_assert_no_error (error);
  fixture->kase = yc_case_new_for_item (item);
  g_object_set (applicant, "name", "张三", "id-number", "11010519491231002X", "phone", "13800138000",
                NULL);
  g_object_set (fixture->kase, "applicant", applicant, "window-code", "W01", "clerk", "王芳", NULL);
  m1 = g_list_model_get_item (yc_case_get_materials (fixture->kase), 0);
  m2 = g_list_model_get_item (yc_case_get_materials (fixture->kase), 1);
  yc_case_material_set_state (m1, YC_MATERIAL_STATE_ORIGINAL_CHECKED);
  yc_case_material_set_state (m2, YC_MATERIAL_STATE_TOLERATED);
  g_assert_true (yc_store_decide_case (fixture->store, fixture->kase, item,
                                       YC_DECISION_TOLERANCE_ACCEPT, calendar, "王芳", &error));
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (fixture->kase), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);

  g_assert_cmpint (sqlite3_open (fixture->path, &fixture->db), ==, SQLITE_OK);
  sqlite3_busy_timeout (fixture->db, 10000);

  fixture->window = GTK_WINDOW (gtk_window_new ());
  gtk_window_set_default_size (fixture->window, 1000, 700);
  fixture->page = g_object_new (YC_TYPE_CASES_PAGE, NULL);
  g_signal_connect (fixture->page, "notify::loading", G_CALLBACK (loading_cb), fixture);
  gtk_window_set_child (fixture->window, GTK_WIDGET (fixture->page));
}

static void
fixture_tear_down (Fixture       *fixture,
                   gconstpointer  user_data)
{
  gtk_window_destroy (fixture->window);
  yc_test_ui_drain ();
  sqlite3_close (fixture->db);
  g_clear_object (&fixture->kase);
  g_clear_object (&fixture->store);
  g_free (fixture->path);
}

/* Changes to the database committed by any connection but the test's own since the last call. */
static gint64
data_version (Fixture *fixture)
{
  sqlite3_stmt *stmt = NULL;
  gint64 version;

  g_assert_cmpint (sqlite3_prepare_v2 (fixture->db, "PRAGMA data_version", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  version = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

/* The tolerated material's supplement date, as stored. */
static GDate *
supplement_deadline (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) stored = yc_store_get_case (fixture->store, yc_case_get_uuid (fixture->kase),
                                                &error);
  g_autoptr(YcCaseMaterial) m2 = NULL;

  g_assert_no_error (error);
  m2 = g_list_model_get_item (yc_case_get_materials (stored), 1);
  g_assert_nonnull (yc_case_material_get_supplement_deadline (m2));
  return yc_date_from_iso (yc_case_material_get_supplement_deadline (m2));
}

/* Moves the supplement date into the past, from the test's own connection. */
static void
make_late (Fixture *fixture)
{
  char *sql = sqlite3_mprintf ("UPDATE case_materials SET supplement_deadline = '2001-02-03' "
                               "WHERE case_uuid = %Q AND state = 'tolerated'",
                               yc_case_get_uuid (fixture->kase));

  g_assert_cmpint (sqlite3_exec (fixture->db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (fixture->db), ==, 1);
  sqlite3_free (sql);
}

static YcCaseState
stored_state (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) stored = yc_store_get_case (fixture->store, yc_case_get_uuid (fixture->kase),
                                                &error);

  g_assert_no_error (error);
  return yc_case_get_state (stored);
}

/* How many times the case was marked overdue, by the workstation. */
static guint
overdue_marks (Fixture *fixture)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) audit = yc_store_list_audit (fixture->store, yc_case_get_uuid (fixture->kase),
                                                    &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      YcAuditEntry *entry = g_ptr_array_index (audit, i);

      if (g_strcmp0 (entry->action, "case.mark_overdue") == 0)
        {
          g_assert_cmpstr (entry->actor, ==, YC_STORE_SYSTEM_ACTOR);
          n++;
        }
    }
  return n;
}

/* The state of the case as the list shows it, or -1 when the list does not show it. */
static int
listed_state (Fixture *fixture)
{
  GListModel *cases = yc_cases_page_get_cases (fixture->page);

  if (yc_cases_page_get_loading (fixture->page) || g_list_model_get_n_items (cases) != 1)
    return -1;
  {
    g_autoptr(YcCase) listed = g_list_model_get_item (cases, 0);

    return yc_case_get_state (listed);
  }
}

/* Types @text (not the text there now) into the search and waits for the list to answer it with
 * @n_expected cases. */
static void
type_search (Fixture    *fixture,
             const char *text,
             guint       n_expected)
{
  GListModel *cases = yc_cases_page_get_cases (fixture->page);
  GtkEditable *entry = yc_cases_page_get_search_entry (fixture->page);
  guint n_loads = fixture->n_loads;

  g_assert_cmpstr (gtk_editable_get_text (entry), !=, text);
  gtk_widget_grab_focus (GTK_WIDGET (entry));
  gtk_editable_set_text (entry, text);
  /* The entry reports the change after a short delay; the page then lists. */
  WAIT_FOR (fixture->n_loads > n_loads && !yc_cases_page_get_loading (fixture->page) &&
            g_list_model_get_n_items (cases) == n_expected);
}

/* Keystrokes, as a clerk looks the case up: each one lists, none writes. */
static void
type_searches (Fixture *fixture)
{
  const char *case_no = yc_case_get_case_no (fixture->kase);
  g_autofree char *part = g_strndup (case_no, strlen (case_no) - 2);

  type_search (fixture, "李", 0);
  type_search (fixture, "张", 1);
  type_search (fixture, "张三", 1);
  type_search (fixture, "13800138000", 1);
  type_search (fixture, part, 1);
  type_search (fixture, case_no, 1);
  type_search (fixture, "W99", 0);
  type_search (fixture, "", 1);
}

static void
show_page (Fixture *fixture)
{
  yc_cases_page_set_store (fixture->page, fixture->store);
  gtk_window_present (fixture->window);
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (fixture->page)) &&
            listed_state (fixture) != -1);
}

/* A case whose supplement date passed: typing does not mark it, a refresh does. */
static void
test_search_does_not_write (Fixture       *fixture,
                            gconstpointer  user_data)
{
  gint64 version;

  show_page (fixture);
  g_assert_cmpint (listed_state (fixture), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);

  make_late (fixture);
  version = data_version (fixture);
  type_searches (fixture);
  yc_cases_page_set_filter (fixture->page, YC_CASE_FILTER_TOLERANCE_PENDING);
  WAIT_FOR (listed_state (fixture) != -1);
  yc_cases_page_set_filter (fixture->page, YC_CASE_FILTER_ALL);
  WAIT_FOR (listed_state (fixture) != -1);

  /* Nothing was committed: not the marking, not even an empty transaction's worth. */
  g_assert_cmpint (data_version (fixture), ==, version);
  g_assert_cmpuint (overdue_marks (fixture), ==, 0);
  g_assert_cmpint (stored_state (fixture), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  g_assert_cmpint (listed_state (fixture), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);

  /* The clerk refreshes: marked once, audited, and listed so. */
  yc_cases_page_refresh (fixture->page);
  WAIT_FOR (listed_state (fixture) == YC_CASE_STATE_OVERDUE);
  g_assert_cmpint (data_version (fixture), !=, version);
  g_assert_cmpuint (overdue_marks (fixture), ==, 1);
  g_assert_cmpint (stored_state (fixture), ==, YC_CASE_STATE_OVERDUE);

  /* Searching an overdue case writes nothing either. */
  version = data_version (fixture);
  type_searches (fixture);
  g_assert_cmpint (data_version (fixture), ==, version);
  g_assert_cmpuint (overdue_marks (fixture), ==, 1);
}

/* The page shown again (the clerk comes back to Cases) marks what became late meanwhile. */
static void
test_shown_marks (Fixture       *fixture,
                  gconstpointer  user_data)
{
  show_page (fixture);
  g_assert_cmpint (listed_state (fixture), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);

  gtk_widget_set_visible (GTK_WIDGET (fixture->page), FALSE);
  WAIT_FOR (!gtk_widget_get_mapped (GTK_WIDGET (fixture->page)));
  make_late (fixture);
  yc_test_ui_drain ();
  g_assert_cmpuint (overdue_marks (fixture), ==, 0);

  gtk_widget_set_visible (GTK_WIDGET (fixture->page), TRUE);
  WAIT_FOR (listed_state (fixture) == YC_CASE_STATE_OVERDUE);
  g_assert_cmpuint (overdue_marks (fixture), ==, 1);
}

/* The page left open overnight: the day after the supplement date, the case turns overdue without
 * a refresh; typing on the same day never does. */
static void
test_date_change_marks (Fixture       *fixture,
                        gconstpointer  user_data)
{
  g_autoptr(GDate) deadline = supplement_deadline (fixture);
  g_autoptr(GDate) day_after = g_date_copy (deadline);
  gint64 version;

  /* On the supplement date itself the case is not late. */
  _yc_cases_page_set_today (fixture->page, deadline);
  show_page (fixture);
  g_assert_cmpint (listed_state (fixture), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);

  version = data_version (fixture);
  type_searches (fixture);
  /* The same date checked again is no change: nothing marked. */
  _yc_cases_page_set_today (fixture->page, deadline);
  yc_test_ui_drain ();
  g_assert_false (yc_cases_page_get_loading (fixture->page));
  g_assert_cmpint (data_version (fixture), ==, version);
  g_assert_cmpuint (overdue_marks (fixture), ==, 0);

  /* Midnight passes. */
  g_date_add_days (day_after, 1);
  _yc_cases_page_set_today (fixture->page, day_after);
  WAIT_FOR (listed_state (fixture) == YC_CASE_STATE_OVERDUE);
  g_assert_cmpuint (overdue_marks (fixture), ==, 1);
  g_assert_cmpint (stored_state (fixture), ==, YC_CASE_STATE_OVERDUE);
}

int
main (int   argc,
      char *argv[])
{
  if (!yc_test_ui_init (&argc, &argv, FALSE))
    return 77;

#define ADD(path, func) \
  g_test_add ("/yc/ui/cases/" path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("search-does-not-write", test_search_does_not_write);
  ADD ("shown-marks", test_shown_marks);
  ADD ("date-change-marks", test_date_change_marks);
#undef ADD

  return g_test_run ();
}
