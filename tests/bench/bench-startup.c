/* bench-startup.c: spawn-to-first-frame time of yichuang against an empty libadwaita window. */
#define G_LOG_DOMAIN "yc-bench"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>
#include <stdlib.h>

/* Yichuang may take this much longer than an empty window to show its first frame. */
#define TARGET_RATIO 1.3
/* The locale both programs start in. */
#define BENCH_LOCALE "zh_CN.UTF-8"
/* A start that takes longer than this is hung, not slow. */
#define RUN_TIMEOUT_SECONDS 60

typedef struct
{
  GMainLoop *loop;
  GSubprocess *process;
  GDataInputStream *out;
  gint64 first_frame_us;   /* -1 until the "first-frame" line arrives */
  guint timeout_id;
  gboolean timed_out;
} Run;

static void
wait_cb (GObject      *source,
         GAsyncResult *result,
         gpointer      user_data)
{
  Run *run = user_data;

  g_subprocess_wait_finish (G_SUBPROCESS (source), result, NULL);
  g_main_loop_quit (run->loop);
}

/* Reads stdout to the end: the line is timed when it arrives, and draining until EOF keeps the
 * child from blocking on a full pipe if it prints more. */
static void
read_line_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  Run *run = user_data;
  g_autofree char *line = NULL;

  line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result,
                                                    NULL, NULL);
  if (line == NULL)
    {
      g_subprocess_wait_async (run->process, NULL, wait_cb, run);
      return;
    }

  if (run->first_frame_us < 0 && g_str_equal (line, "first-frame"))
    run->first_frame_us = g_get_monotonic_time ();

  g_data_input_stream_read_line_async (run->out, G_PRIORITY_DEFAULT, NULL, read_line_cb, run);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Run *run = user_data;

  run->timed_out = TRUE;
  run->timeout_id = 0;
  g_subprocess_force_exit (run->process);
  return G_SOURCE_REMOVE;
}

/* Starts PROGRAM and returns the milliseconds until it printed "first-frame", waiting for it to
 * exit before returning: yichuang is a unique application, and a second instance started while the
 * first is still alive would only forward "activate" to it. */
static gboolean
time_one_start (GSubprocessLauncher *launcher,
                const char          *program,
                double              *out_ms,
                GError             **error)
{
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  g_autoptr(GSubprocess) process = NULL;
  g_autoptr(GDataInputStream) out = NULL;
  Run run = { loop, NULL, NULL, -1, 0, FALSE };
  gint64 start_us;

  start_us = g_get_monotonic_time ();
  process = g_subprocess_launcher_spawn (launcher, error, program, NULL);
  if (process == NULL)
    return FALSE;

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (process));
  run.process = process;
  run.out = out;
  run.timeout_id = g_timeout_add_seconds (RUN_TIMEOUT_SECONDS, timeout_cb, &run);
  g_data_input_stream_read_line_async (out, G_PRIORITY_DEFAULT, NULL, read_line_cb, &run);
  g_main_loop_run (loop);
  g_clear_handle_id (&run.timeout_id, g_source_remove);

  if (run.first_frame_us < 0)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   run.timed_out ? "%s did not show a frame within %d s"
                                 : "%s exited without reporting its first frame (exit status %d)",
                   program,
                   run.timed_out ? RUN_TIMEOUT_SECONDS : g_subprocess_get_status (process));
      return FALSE;
    }

  *out_ms = (run.first_frame_us - start_us) / 1000.0;
  return TRUE;
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static double
median (GArray *sorted)
{
  guint n = sorted->len;

  if (n % 2 == 1)
    return g_array_index (sorted, double, n / 2);
  return (g_array_index (sorted, double, n / 2 - 1) + g_array_index (sorted, double, n / 2)) / 2;
}

/* Nearest-rank percentile: the smallest sample with at least P% of the samples at or below it. */
static double
percentile (GArray *sorted,
            double  p)
{
  guint rank = (guint) ceil (p / 100.0 * sorted->len);

  return g_array_index (sorted, double, MAX (rank, 1) - 1);
}

static void
report (const char *name,
        GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  g_print ("  %-18s median %7.1f ms   p90 %7.1f ms   min %7.1f ms   max %7.1f ms\n", name,
           median (samples), percentile (samples, 90), g_array_index (samples, double, 0),
           g_array_index (samples, double, samples->len - 1));
}

static void
remove_tree (GFile *dir)
{
  g_autoptr(GFileEnumerator) children = NULL;
  GFileInfo *info;
  GFile *child;

  /* iterate()'s child needs the name attribute */
  children = g_file_enumerate_children (dir,
                                        G_FILE_ATTRIBUTE_STANDARD_NAME ","
                                        G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL
         && g_file_enumerator_iterate (children, &info, &child, NULL, NULL)
         && info != NULL)
    {
      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
    }
  g_file_delete (dir, NULL, NULL);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GTestDBus) bus = NULL;
  g_autoptr(GSubprocessLauncher) launcher = NULL;
  g_autoptr(GArray) bare = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GArray) app = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr(GFile) workdir_file = NULL;
  g_autofree char *workdir = NULL;
  g_autofree char *database = NULL;
  g_autofree char *display = NULL;
  g_autofree char *runtime_dir = NULL;
  const char *bare_path, *app_path;
  double cold_ms, ms, ratio;
  int runs = 25;
  int status = EXIT_SUCCESS;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Warm starts of each program (default 25)", "N" },
    { NULL }
  };

  context = g_option_context_new ("BARE-WINDOW YICHUANG - time from spawn to first frame");
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || argc != 3 || runs < 1)
    {
      g_printerr ("%s\n", error != NULL ? error->message
                                        : "usage: bench-startup [--runs N] BARE-WINDOW YICHUANG");
      return 2;
    }
  bare_path = argv[1];
  app_path = argv[2];

  if (g_getenv ("DISPLAY") == NULL && g_getenv ("WAYLAND_DISPLAY") == NULL)
    {
      g_print ("startup: skipped, no display (DISPLAY and WAYLAND_DISPLAY are unset)\n");
      return 77;  /* meson's "skipped" */
    }

  workdir = g_dir_make_tmp ("yc-bench-startup-XXXXXX", &error);
  if (workdir == NULL)
    {
      g_printerr ("startup: %s\n", error->message);
      return EXIT_FAILURE;
    }
  workdir_file = g_file_new_for_path (workdir);
  database = g_build_filename (workdir, "yichuang.db", NULL);

  /* A private session bus: a yichuang already running in the developer's session must not answer
   * our starts, and both programs pay for the same bus registration. g_test_dbus_up() unsets
   * DISPLAY and XDG_RUNTIME_DIR, which the programs need to reach the display: keep them. */
  display = g_strdup (g_getenv ("DISPLAY"));
  runtime_dir = g_strdup (g_getenv ("XDG_RUNTIME_DIR"));
  bus = g_test_dbus_new (G_TEST_DBUS_NONE);
  g_test_dbus_up (bus);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  if (display != NULL)
    g_subprocess_launcher_setenv (launcher, "DISPLAY", display, TRUE);
  if (runtime_dir != NULL)
    g_subprocess_launcher_setenv (launcher, "XDG_RUNTIME_DIR", runtime_dir, TRUE);
  g_subprocess_launcher_setenv (launcher, "YC_BENCH_FIRST_FRAME", "1", TRUE);
  /* The private bus offers no accessibility bus; GTK would only warn about it on every start. */
  g_subprocess_launcher_setenv (launcher, "GTK_A11Y", "none", TRUE);
  g_subprocess_launcher_setenv (launcher, "YC_DATABASE", database, TRUE);
  /* Timed in the clerks' language: Chinese text needs the CJK fonts, which Latin text would not
   * load. Both programs get it, though only Yichuang has text to show. */
  g_subprocess_launcher_setenv (launcher, "LC_ALL", BENCH_LOCALE, TRUE);
  g_subprocess_launcher_unsetenv (launcher, "LANGUAGE");
  /* Whatever else the app writes goes to the scratch directory, not the developer's home. */
  for (guint i = 0; i < 3; i++)
    {
      const char *vars[] = { "XDG_DATA_HOME", "XDG_CONFIG_HOME", "XDG_STATE_HOME" };
      g_autofree char *dir = g_build_filename (workdir, vars[i], NULL);

      g_mkdir_with_parents (dir, 0700);
      g_subprocess_launcher_setenv (launcher, vars[i], dir, TRUE);
    }

  /* The first start creates the database and imports the catalogue: reported apart. */
  if (!time_one_start (launcher, app_path, &cold_ms, &error))
    goto spawn_failed;

  for (int i = 0; i < runs; i++)
    {
      if (!time_one_start (launcher, bare_path, &ms, &error))
        goto spawn_failed;
      g_array_append_val (bare, ms);
      if (!time_one_start (launcher, app_path, &ms, &error))
        goto spawn_failed;
      g_array_append_val (app, ms);
    }

  g_print ("startup: spawn to first frame, %d warm starts of each, alternating (%s, %s)\n", runs,
           display != NULL ? display : "Wayland", BENCH_LOCALE);
  report ("bare window", bare);
  report ("yichuang (warm)", app);
  g_print ("  %-18s %7.1f ms (first start: creates the database, imports the catalogue)\n",
           "yichuang (cold)", cold_ms);
  ratio = median (app) / median (bare);
  g_print ("  ratio yichuang/bare (medians) %.2f, target <= %.1f: %s\n", ratio, TARGET_RATIO,
           ratio <= TARGET_RATIO ? "met" : "NOT met");
  goto out;

spawn_failed:
  g_printerr ("startup: %s\n", error->message);
  status = EXIT_FAILURE;

out:
  g_test_dbus_down (bus);
  remove_tree (workdir_file);
  return status;
}
