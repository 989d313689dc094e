/* yc-test-cupsd.c: the CUPS scheduler of the printing tests and benchmark: dev.sh's, or our own. */
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <gio/gio.h>

#include "yc-test-cupsd.h"

struct _YcTestCupsd {
  char        *dir;        /* our private scheduler's directory, or NULL when dev.sh runs it */
  char        *output;     /* where the file: printers write */
  GSubprocess *process;
};

static const char * const printers[][2] = {
  { "receipt", "X80mm" },
  { "a4", "A4" },
};

static char *
ppd_path (void)
{
  return g_build_filename (YC_TEST_DATADIR, "receipt-pdf.ppd", NULL);
}

static gboolean
run_argv (const char * const *argv,
          char              **output,
          GError            **error)
{
  g_autofree char *err = NULL;
  int status;

  if (!g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, output, &err,
                     &status, error))
    return FALSE;
  if (!g_spawn_check_wait_status (status, NULL))
    {
      g_set_error (error, G_SPAWN_ERROR, G_SPAWN_ERROR_FAILED, "%s failed: %s", argv[0], err);
      return FALSE;
    }
  return TRUE;
}

void
yc_test_cupsd_run (const char *first,
                   ...)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  va_list args;

  va_start (args, first);
  for (const char *arg = first; arg != NULL; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  run_argv ((const char * const *) argv->pdata, NULL, &error);
  g_assert_no_error (error);
}

static gboolean
scheduler_running (void)
{
  const char *argv[] = { "lpstat", "-r", NULL };
  g_autofree char *out = NULL;

  /* "scheduler is running", not "scheduler is not running". */
  return run_argv (argv, &out, NULL) && strstr (out, "is running") != NULL
         && strstr (out, "not") == NULL;
}

void
yc_test_cupsd_reset_printers (YcTestCupsd *cupsd)
{
  g_autofree char *ppd = ppd_path ();

  for (guint i = 0; i < G_N_ELEMENTS (printers); i++)
    {
      g_autofree char *file = yc_test_cupsd_output (cupsd, printers[i][0]);
      g_autofree char *uri = g_strconcat ("file://", file, NULL);
      g_autofree char *media = g_strconcat ("media=", printers[i][1], NULL);
      const char *argv[] = { "lpadmin", "-p", printers[i][0], "-E", "-v", uri, "-P", ppd,
                             "-o", media, NULL };
      g_autoptr(GError) error = NULL;

      run_argv (argv, NULL, &error);
      g_assert_no_error (error);
      yc_test_cupsd_run ("cupsenable", printers[i][0], NULL);
      yc_test_cupsd_run ("cupsaccept", printers[i][0], NULL);
    }
}

static gboolean
write_config (const char  *dir,
              GError     **error)
{
  g_autofree char *files = g_strdup_printf ("ServerRoot %s\n"
                                            "RequestRoot %s/spool\n"
                                            "TempDir %s/tmp\n"
                                            "CacheDir %s/cache\n"
                                            "StateDir %s/state\n"
                                            "AccessLog %s/log/access_log\n"
                                            "ErrorLog %s/log/error_log\n"
                                            "PageLog %s/log/page_log\n"
                                            "FileDevice Yes\n",
                                            dir, dir, dir, dir, dir, dir, dir, dir);
  g_autofree char *conf = g_strdup_printf ("Listen %s/run/cups.sock\n"
                                           "Browsing No\n"
                                           "WebInterface No\n"
                                           "DefaultAuthType None\n"
                                           "PreserveJobHistory Yes\n"
                                           "<Location />\n"
                                           "  Order allow,deny\n  Allow all\n"
                                           "</Location>\n"
                                           "<Policy default>\n  <Limit All>\n    Order deny,allow\n"
                                           "  </Limit>\n</Policy>\n",
                                           dir);
  g_autofree char *files_path = g_build_filename (dir, "cups-files.conf", NULL);
  g_autofree char *conf_path = g_build_filename (dir, "cupsd.conf", NULL);
  static const char * const subdirs[] = { "run", "spool", "cache", "state", "log", "tmp", "out" };

  for (guint i = 0; i < G_N_ELEMENTS (subdirs); i++)
    {
      g_autofree char *sub = g_build_filename (dir, subdirs[i], NULL);

      /* Filters run as the scheduler's unprivileged user: they must reach the PPD, temp and
       * output directories. */
      int mode = g_str_equal (subdirs[i], "tmp") ? 01777 : 0755;

      if (g_mkdir_with_parents (sub, 0755) != 0 || g_chmod (sub, mode) != 0)
        {
          g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "cannot create %s", sub);
          return FALSE;
        }
    }
  return g_file_set_contents (files_path, files, -1, error)
         && g_file_set_contents (conf_path, conf, -1, error);
}

/* A test that fails an assertion aborts without stopping anything: the scheduler goes with it. */
static void
die_with_parent (gpointer user_data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

YcTestCupsd *
yc_test_cupsd_start (GError **error)
{
  YcTestCupsd *cupsd = g_new0 (YcTestCupsd, 1);
  g_autofree char *socket = NULL;
  g_autofree char *conf = NULL;
  g_autofree char *files = NULL;
  g_autofree char *program = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  gint64 deadline;

  if (g_getenv ("CUPS_SERVER") != NULL && g_getenv ("YC_TEST_CUPS_OUT") != NULL)
    {
      cupsd->output = g_strdup (g_getenv ("YC_TEST_CUPS_OUT"));
      if (!scheduler_running ())
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_CONNECTED, "cupsd at %s is not running",
                       g_getenv ("CUPS_SERVER"));
          yc_test_cupsd_stop (cupsd);
          return NULL;
        }
      yc_test_cupsd_reset_printers (cupsd);
      return cupsd;
    }

  program = g_find_program_in_path ("cupsd");
  if (program == NULL && g_file_test ("/usr/sbin/cupsd", G_FILE_TEST_IS_EXECUTABLE))
    program = g_strdup ("/usr/sbin/cupsd");
  if (program == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_FOUND, "cupsd is not installed");
      yc_test_cupsd_stop (cupsd);
      return NULL;
    }
  cupsd->dir = g_dir_make_tmp ("yc-cupsd-XXXXXX", error);
  if (cupsd->dir == NULL || g_chmod (cupsd->dir, 0755) != 0 || !write_config (cupsd->dir, error))
    {
      yc_test_cupsd_stop (cupsd);
      return NULL;
    }
  cupsd->output = g_build_filename (cupsd->dir, "out", NULL);
  conf = g_build_filename (cupsd->dir, "cupsd.conf", NULL);
  files = g_build_filename (cupsd->dir, "cups-files.conf", NULL);
  socket = g_build_filename (cupsd->dir, "run", "cups.sock", NULL);
  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_SILENCE
                                        | G_SUBPROCESS_FLAGS_STDERR_SILENCE);
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  cupsd->process = g_subprocess_launcher_spawn (launcher, error, program, "-f", "-c", conf,
                                                "-s", files, NULL);
  if (cupsd->process == NULL)
    {
      yc_test_cupsd_stop (cupsd);
      return NULL;
    }
  /* Before any thread of this process talks to CUPS: libcups reads it once per thread. */
  g_setenv ("CUPS_SERVER", socket, TRUE);

  deadline = g_get_monotonic_time () + 20 * G_USEC_PER_SEC;
  while (!scheduler_running ())
    {
      if (g_get_monotonic_time () > deadline
          || g_subprocess_get_identifier (cupsd->process) == NULL)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_TIMED_OUT, "cupsd did not start (see %s/log)",
                       cupsd->dir);
          yc_test_cupsd_stop (cupsd);
          return NULL;
        }
      g_usleep (20 * 1000);
    }
  yc_test_cupsd_reset_printers (cupsd);
  return cupsd;
}

char *
yc_test_cupsd_output (YcTestCupsd *cupsd,
                      const char  *printer)
{
  g_autofree char *name = g_strconcat (printer, ".pdf", NULL);

  return g_build_filename (cupsd->output, name, NULL);
}

void
yc_test_remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  if (dir != NULL)
    while ((name = g_dir_read_name (dir)) != NULL)
      {
        g_autofree char *child = g_build_filename (path, name, NULL);

        if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
          yc_test_remove_tree (child);
        else
          g_unlink (child);
      }
  g_rmdir (path);
}

void
yc_test_cupsd_stop (YcTestCupsd *cupsd)
{
  if (cupsd == NULL)
    return;
  if (cupsd->process != NULL)
    {
      g_subprocess_send_signal (cupsd->process, SIGTERM);
      g_subprocess_wait (cupsd->process, NULL, NULL);
      g_object_unref (cupsd->process);
    }
  if (cupsd->dir != NULL)
    yc_test_remove_tree (cupsd->dir);
  g_free (cupsd->dir);
  g_free (cupsd->output);
  g_free (cupsd);
}
