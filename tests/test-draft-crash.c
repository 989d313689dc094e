/* test-draft-crash.c: a child process types an intake, saving the draft at every keystroke; it is
 * killed with SIGKILL mid-typing; the draft it last saved must come back complete, from an intact
 * database. */
#include <signal.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>
#include <glib.h>
#include <glib/gstdio.h>
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

/* Whether this process holds a POSIX lock on bytes @start to @end of @path, as /proc/locks lists
 * it. Read from there because opening @path to ask fcntl() would drop those very locks on close. */
static gboolean
holds_lock (const char *path,
            guint64     start,
            guint64     end)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *locks = NULL;
  g_autofree char *file_id = NULL;
  g_auto(GStrv) lines = NULL;
  GStatBuf st;

  g_assert_cmpint (g_stat (path, &st), ==, 0);
  file_id = g_strdup_printf ("%02x:%02x:%" G_GUINT64_FORMAT, major (st.st_dev), minor (st.st_dev),
                             (guint64) st.st_ino);
  g_file_get_contents ("/proc/locks", &locks, NULL, &error);
  g_assert_no_error (error);

  lines = g_strsplit (locks, "\n", -1);
  for (guint i = 0; lines[i] != NULL; i++)
    {
      /* "1: POSIX  ADVISORY  READ 1234 fe:01:5678 128 128"; waiters ("1: -> POSIX …") hold
       * nothing. */
      g_autofree char *kind = NULL, *type = NULL, *file = NULL, *first = NULL, *last = NULL;
      int pid;

      if (sscanf (lines[i], "%*u: %ms %*s %ms %d %ms %ms %ms", &kind, &type, &pid, &file, &first,
                  &last) != 6)
        continue;
      if (g_str_equal (kind, "POSIX") && pid == getpid () && g_str_equal (file, file_id) &&
          g_ascii_strtoull (first, NULL, 10) == start && g_ascii_strtoull (last, NULL, 10) == end)
        return TRUE;
    }
  return FALSE;
}

/* SQLite's unix VFS marks a -shm file as in use with a read lock on its byte 128, held for as long
 * as the process maps it; a process that finds it unlocked takes the file for abandoned and
 * truncates it, under the map of the first: a SIGBUS there on its next read. The database file
 * itself carries the shared lock of every open connection (bytes 2^30 + 2 to 2^30 + 511). The
 * store must never drop either while it is open: not when it opens, not when a reader joins, not
 * when another store opens and closes the same file. */
static void
keeps_locks (void)
{
  g_autofree char *path = g_build_filename (g_get_user_data_dir (), "crash", "locks.db", NULL);
  g_autofree char *shm = g_strconcat (path, "-shm", NULL);
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(YcStore) store = NULL;
  YcStore *second;
  const guint64 shm_dms = 128;
  const guint64 shared_first = G_GUINT64_CONSTANT (1073741826);
  const guint64 shared_last = shared_first + 509;

  if (!g_file_test ("/proc/locks", G_FILE_TEST_EXISTS))
    {
      g_test_skip ("No /proc/locks to read the locks from");
      return;
    }

  store = yc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (holds_lock (shm, shm_dms, shm_dms));
  g_assert_true (holds_lock (path, shared_first, shared_last));

  /* A read opens a reader connection beside the writer's. */
  drafts = yc_store_list_drafts (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 0);
  g_assert_true (holds_lock (shm, shm_dms, shm_dms));
  g_assert_true (holds_lock (path, shared_first, shared_last));

  /* Another store on the same file, opened (its files exist already) and closed again. */
  second = yc_store_open (path, &error);
  g_assert_no_error (error);
  g_assert_true (holds_lock (shm, shm_dms, shm_dms));
  g_assert_true (holds_lock (path, shared_first, shared_last));
  g_object_unref (second);
  g_assert_true (holds_lock (shm, shm_dms, shm_dms));
  g_assert_true (holds_lock (path, shared_first, shared_last));

  g_clear_object (&store);
  g_assert_false (holds_lock (path, shared_first, shared_last));
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

  g_test_add_func ("/yc/draft-crash/keeps-locks", keeps_locks);
  /* Killed early, mid-way and late in the typing, each on its own database. */
  g_test_add_data_func ("/yc/draft-crash/kill-9/early", GUINT_TO_POINTER (5), kill_mid_intake);
  g_test_add_data_func ("/yc/draft-crash/kill-9/mid", GUINT_TO_POINTER (60), kill_mid_intake);
  g_test_add_data_func ("/yc/draft-crash/kill-9/late", GUINT_TO_POINTER (200), kill_mid_intake);

  return g_test_run ();
}
