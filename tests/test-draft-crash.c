/* test-draft-crash.c: a child process types an intake, saving the draft at every keystroke; it is
 * killed with SIGKILL mid-typing; the draft it last saved must come back complete, from an intact
 * database. */
#include <signal.h>
#include <glib.h>
#include <gio/gio.h>
#include <sqlite3.h>

#include "yc-store.h"
#include "draft-crash-common.h"

/* How long the child may take to reach a step: generous, for slow disks under a loaded test run. */
#define TIMEOUT_US (60 * G_USEC_PER_SEC)

/* The step recorded in a draft, or 0. */
static guint
draft_step (YcDraftInfo *info,
            YcCase     **kase,
            char       **outcome)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(JsonNode) extra = NULL;
  g_autoptr(YcCase) parsed = yc_draft_new_from_json (info->payload, -1, outcome, &extra, &error);

  g_assert_no_error (error);
  g_assert_nonnull (extra);
  if (kase != NULL)
    *kase = g_steal_pointer (&parsed);
  return (guint) json_object_get_int_member (json_node_get_object (extra), "step");
}

/* The step of the only draft, 0 while there is none yet. */
static guint
saved_step (YcStore *store)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = yc_store_list_drafts (store, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, <=, 1);
  return drafts->len ? draft_step (g_ptr_array_index (drafts, 0), NULL, NULL) : 0;
}

static void
assert_integrity (const char *path)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL), ==,
                   SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "ok");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
}

static void
exited_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  *(gboolean *) user_data = TRUE;
}

static void
kill_mid_intake (gconstpointer data)
{
  guint wait_for_step = GPOINTER_TO_UINT (data);
  const char *child = g_getenv ("YC_DRAFT_CRASH_CHILD");
  g_autofree char *name = g_strdup_printf ("crash-%u.db", wait_for_step);
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "crash", name, NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(YcCase) back = NULL;
  g_autoptr(YcCase) expected = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *back_json = NULL;
  g_autofree char *expected_json = NULL;
  YcStore *store;
  gint64 deadline;
  gboolean exited = FALSE;
  guint step;

  g_assert_nonnull (child);

  /* The database exists and is migrated before the child starts, as on a workstation. */
  store = yc_store_open (path, &error);
  g_assert_no_error (error);

  process = g_subprocess_new (G_SUBPROCESS_FLAGS_STDERR_PIPE, &error, child, path, NULL);
  g_assert_no_error (error);
  g_subprocess_wait_async (process, NULL, exited_cb, &exited);

  /* Wait until the child has typed (and saved) far enough, then kill it without warning: it is
   * still typing, so the kill lands at an arbitrary point of a save. */
  deadline = g_get_monotonic_time () + TIMEOUT_US;
  while ((step = saved_step (store)) < wait_for_step)
    {
      while (g_main_context_iteration (NULL, FALSE))
        ;
      if (exited)
        g_error ("The child ended before step %u (at %u)", wait_for_step, step);
      if (g_get_monotonic_time () > deadline)
        {
          g_subprocess_force_exit (process);
          g_error ("The child did not reach step %u (at %u)", wait_for_step, step);
        }
      g_usleep (1000);
    }
  g_subprocess_send_signal (process, SIGKILL);
  while (!exited)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (g_subprocess_get_if_signaled (process));
  g_assert_cmpint (g_subprocess_get_term_sig (process), ==, SIGKILL);
  g_object_unref (store);

  /* As after a restart: the file is intact and the draft is offered back. */
  assert_integrity (path);
  store = yc_store_open (path, &error);
  g_assert_no_error (error);
  drafts = yc_store_list_drafts (store, "clerk-wang", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 1);
  step = draft_step (g_ptr_array_index (drafts, 0), &back, &outcome);
  g_test_message ("killed after step %u was saved", step);
  g_assert_cmpuint (step, >=, wait_for_step);

  /* Complete: every field as the child had typed it at that step, nothing half-written. */
  expected = draft_crash_case (step);
  expected_json = yc_case_to_json (expected);
  back_json = yc_case_to_json (back);
  g_assert_cmpstr (back_json, ==, expected_json);
  g_assert_cmpstr (outcome, ==, step % 2 ? "tolerance_accept" : NULL);
  g_assert_cmpstr (((YcDraftInfo *) g_ptr_array_index (drafts, 0))->summary, ==, "张三 · 不动产转移登记");

  g_object_unref (store);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* Killed early, mid-way and late in the typing, each on its own database. */
  g_test_add_data_func ("/yc/draft-crash/kill-9/early", GUINT_TO_POINTER (5), kill_mid_intake);
  g_test_add_data_func ("/yc/draft-crash/kill-9/mid", GUINT_TO_POINTER (60), kill_mid_intake);
  g_test_add_data_func ("/yc/draft-crash/kill-9/late", GUINT_TO_POINTER (200), kill_mid_intake);

  return g_test_run ();
}
