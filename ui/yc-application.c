/* yc-application.c: the application: opens the store; app-wide actions, accelerators, settings. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>
#include <stdio.h>

#include "yc-application.h"
#include "yc-font-warmup.h"
#include "yc-intake-form.h"
#include "yc-lazy-lib.h"
#include "yc-preferences-window.h"
#include "yc-printing.h"
#include "yc-scan-settings.h"
#include "yc-window.h"

/* How long quitting waits for draft writes still running (a healthy disk needs milliseconds). */
#define DRAFT_WRITE_WAIT_S 5
/* The store opens after the first window's first frame; this late at most if no frame comes (a
 * window started minimised). */
#define STORE_OPEN_LATEST_S 2

struct _YcApplication
{
  AdwApplication  parent_instance;

  GSettings      *settings;
  GCancellable   *cancellable;
  YcStore        *store;
  YcFileStore    *file_store;
  YcPrinting     *printing;
  YcScanner      *scanner;
  GError         *store_error;
  GError         *catalogue_error;
  gboolean        store_opening;
  guint           store_open_id;
  gboolean        bench_done;
};

G_DEFINE_FINAL_TYPE (YcApplication, yc_application, ADW_TYPE_APPLICATION)

enum {
  PROP_0,
  PROP_STORE,
  N_PROPS
};

enum {
  STORE_READY,
  STORE_FAILED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* Every accelerator of the application; the shortcuts window (gtk/help-overlay.ui) lists them. */
static const struct {
  const char *action;
  const char *accels[3];
} app_accels[] = {
  { "app.quit", { "<Control>q", NULL } },
  { "app.preferences", { "<Control>comma", NULL } },
  { "win.new-intake", { "<Control>n", NULL } },
  { "win.search", { "<Control>f", NULL } },
  { "win.show-page::intake", { "<Alt>1", NULL } },
  { "win.show-page::cases", { "<Alt>2", NULL } },
  { "win.show-page::approvals", { "<Alt>3", NULL } },
  { "win.show-page::sync", { "<Alt>4", NULL } },
  /* What GtkApplication sets for a gtk/help-overlay.ui resource; the window builds its shortcuts
   * window itself (yc-window.c), on first use. */
  { "win.show-help-overlay", { "<Control>question", "<Control>F1", NULL } },
};

static void
mark_overdue_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GError) error = NULL;
  int marked = yc_store_mark_overdue_cases_finish (YC_STORE (source), result, &error);

  if (marked < 0 && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("Could not mark overdue cases: %s", error->message);
  else if (marked > 0)
    g_debug ("%d tolerance case(s) marked overdue", marked);
}

static void
preload_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  /* Printing or previewing says so again, translated, when the clerk tries it. */
  if (!yc_lazy_libs_preload_finish (result, &error)
      && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_warning ("%s", error->message);
}

static void
yc_application_set_store (YcApplication *self,
                          YcStore       *store)
{
  if (g_set_object (&self->store, store))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_STORE]);
  /* Print jobs an earlier run left unfinished are followed again, so their cases show the end. */
  if (store != NULL && self->file_store != NULL)
    yc_printing_resume (yc_application_get_printing (self));
  if (store != NULL)
    g_signal_emit (self, signals[STORE_READY], 0);
  /* CUPS and poppler are not linked (yc-lazy-lib.h): load them now, in a worker, so the first
   * receipt and the first preview do not wait for them. */
  if (store != NULL)
    yc_lazy_libs_preload_async (self->cancellable, preload_cb, NULL);
  /* Tolerance cases whose supplement deadline passed while the workstation was off become overdue
   * (the Cases page does it again whenever it lists the cases). */
  if (store != NULL)
    yc_store_mark_overdue_cases_async (store, NULL, YC_STORE_SYSTEM_ACTOR, self->cancellable,
                                       mark_overdue_cb, NULL);
}

static void
file_store_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  g_autofree char *root = yc_file_store_default_root ();
  YcFileStore *file_store;
  GError *error = NULL;

  /* Creates the directories: disk I/O, so not on the main thread. */
  file_store = yc_file_store_new (root, &error);
  if (file_store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, file_store, g_object_unref);
}

static void
file_store_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  YcApplication *self = YC_APPLICATION (source);
  g_autoptr(YcStore) store = user_data;
  g_autoptr(GError) error = NULL;
  YcFileStore *file_store;

  file_store = g_task_propagate_pointer (G_TASK (result), &error);
  if (file_store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* Cases still work; importing scanned files does not, and says so when tried. */
      g_warning ("Could not open the file store: %s", error->message);
    }
  g_clear_object (&self->file_store);
  self->file_store = file_store;

  yc_application_set_store (self, store);
}

static void
open_file_store (YcApplication *self,
                 YcStore       *store)
{
  g_autoptr(GTask) task = g_task_new (self, self->cancellable, file_store_cb, g_object_ref (store));

  g_task_set_source_tag (task, open_file_store);
  g_task_run_in_thread (task, file_store_thread);
}

static void
ensure_catalogue_cb (GObject      *source,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(YcApplication) self = user_data;
  YcStore *store = YC_STORE (source);
  g_autoptr(GError) error = NULL;

  if (!yc_store_ensure_catalogue_finish (store, result, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      /* The store itself works: cases can still be kept. The window tells the clerk the catalogue
       * is missing. */
      g_warning ("Could not import the sample catalogue: %s", error->message);
      g_clear_error (&self->catalogue_error);
      self->catalogue_error = g_steal_pointer (&error);
    }

  open_file_store (self, store);
}

static void
store_open_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(YcApplication) self = user_data;
  g_autoptr(YcStore) store = NULL;
  g_autoptr(GError) error = NULL;

  store = yc_store_open_finish (result, &error);
  if (store == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not open the store: %s", error->message);
      g_clear_error (&self->store_error);
      self->store_error = g_steal_pointer (&error);
      g_signal_emit (self, signals[STORE_FAILED], 0, self->store_error);
      return;
    }

  yc_store_ensure_catalogue_async (store, self->cancellable,
                                   ensure_catalogue_cb, g_object_ref (self));
}

static void
update_large_text (YcApplication *self)
{
  gboolean large = g_settings_get_boolean (self->settings, "large-text");

  for (GList *l = gtk_application_get_windows (GTK_APPLICATION (self)); l != NULL; l = l->next)
    {
      if (large)
        gtk_widget_add_css_class (GTK_WIDGET (l->data), "large-text");
      else
        gtk_widget_remove_css_class (GTK_WIDGET (l->data), "large-text");
    }
}

static void
large_text_changed_cb (GSettings     *settings,
                       const char    *key,
                       YcApplication *self)
{
  update_large_text (self);
}

static void
quit_action (GSimpleAction *action,
             GVariant      *parameter,
             gpointer       user_data)
{
  YcApplication *self = user_data;
  g_autoptr(GList) windows = g_list_copy (gtk_application_get_windows (GTK_APPLICATION (self)));

  /* Closing (rather than destroying) lets each window save its size. */
  for (GList *l = windows; l != NULL; l = l->next)
    gtk_window_close (GTK_WINDOW (l->data));
  g_application_quit (G_APPLICATION (self));
}

static void
preferences_action (GSimpleAction *action,
                    GVariant      *parameter,
                    gpointer       user_data)
{
  YcApplication *self = user_data;
  YcPreferencesWindow *prefs = yc_preferences_window_new (self->settings);
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  YcScanner *scanner = yc_application_get_scanner (self);

  /* Scanner: which device, its source, mode and resolution (needs the file store's scanner). */
  if (scanner != NULL)
    adw_preferences_window_add (ADW_PREFERENCES_WINDOW (prefs),
                                ADW_PREFERENCES_PAGE (yc_scan_settings_page_new (scanner,
                                                                                self->settings)));

  gtk_window_set_transient_for (GTK_WINDOW (prefs), parent);
  gtk_window_set_modal (GTK_WINDOW (prefs), TRUE);
  gtk_window_set_application (GTK_WINDOW (prefs), GTK_APPLICATION (self));
  gtk_window_present (GTK_WINDOW (prefs));
}

static void
about_action (GSimpleAction *action,
              GVariant      *parameter,
              gpointer       user_data)
{
  YcApplication *self = user_data;
  const char *developers[] = { _("Yichuang developers"), NULL };
  GtkWindow *parent = gtk_application_get_active_window (GTK_APPLICATION (self));
  GtkWidget *about;

  about = g_object_new (ADW_TYPE_ABOUT_WINDOW,
                        "transient-for", parent,
                        "modal", TRUE,
                        "application", self,
                        /* Translators: the application's name; 一窗 in Chinese */
                        "application-name", _("Yichuang"),
                        "application-icon", APP_ID,
                        "version", PACKAGE_VERSION,
                        "developer-name", _("Yichuang developers"),
                        "developers", developers,
                        "comments", _("The comprehensive service window of a government service "
                                      "centre: find the service item, check the materials, decide "
                                      "and issue the documents, online or offline."),
                        "license-type", GTK_LICENSE_GPL_3_0,
                        "translator-credits", _("translator-credits"),
                        NULL);
  gtk_window_present (GTK_WINDOW (about));
}

static const GActionEntry app_actions[] = {
  { "quit", quit_action },
  { "preferences", preferences_action },
  { "about", about_action },
};

static void
window_added_cb (GtkApplication *app,
                 GtkWindow      *window,
                 gpointer        user_data)
{
  update_large_text (YC_APPLICATION (app));
}

static void
release_scanner (YcApplication *self)
{
  /* The scanner's worker closes the device and exits SANE once its last job has finished. */
  if (self->scanner != NULL)
    yc_scanner_cancel (self->scanner, yc_scanner_get_current_job (self->scanner));
  g_clear_object (&self->scanner);
}

static void
window_removed_cb (GtkApplication *app,
                   GtkWindow      *window,
                   gpointer        user_data)
{
  /* No window left: nobody can scan, so the device is let go at once (another program may use it);
   * a new window creates the scanner again when it needs one. */
  if (gtk_application_get_windows (app) == NULL)
    release_scanner (YC_APPLICATION (app));
}

/* Opens the store, then the catalogue check and the file store; "store-ready" at the end. Once. */
static void
open_store (YcApplication *self)
{
  g_autofree char *path = NULL;
  const char *env_path;

  g_clear_handle_id (&self->store_open_id, g_source_remove);
  if (self->store_opening)
    return;
  self->store_opening = TRUE;

  /* Tests and benchmarks point at their own database. */
  env_path = g_getenv ("YC_DATABASE");
  path = (env_path != NULL && *env_path != '\0') ? g_strdup (env_path) : yc_store_default_path ();
  yc_store_open_async (path, self->cancellable, store_open_cb, g_object_ref (self));
}

static gboolean
open_store_cb (gpointer user_data)
{
  YcApplication *self = user_data;

  self->store_open_id = 0;
  open_store (self);
  return G_SOURCE_REMOVE;
}

static void
first_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  YcApplication *self = user_data;

  g_signal_handlers_disconnect_by_func (clock, first_paint_cb, self);
  /* The frame is out: the store, the catalogue check, the drafts, the printers and the overdue
   * marking come after it. Not from a low-priority idle: while the catalogue's spinner turns, a
   * slow renderer (llvmpipe on a counter PC without a GPU) keeps the frame clock busy, and such an
   * idle would never run. Opening only starts a worker, so it goes before the next frame. */
  if (!self->store_opening)
    {
      g_clear_handle_id (&self->store_open_id, g_source_remove);
      self->store_open_id = g_idle_add_full (G_PRIORITY_DEFAULT, open_store_cb, self, NULL);
    }
}

static void
window_map_cb (GtkWidget *window,
               gpointer   user_data)
{
  GdkFrameClock *clock = gdk_surface_get_frame_clock (gtk_native_get_surface (GTK_NATIVE (window)));

  g_signal_handlers_disconnect_by_func (window, window_map_cb, user_data);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (first_paint_cb), user_data, 0);
}

/* Yichuang's additions to Adwaita, at the priority AdwApplication would give them; once per display
 * (tests start several application objects in one process). */
static void
load_style (void)
{
  GdkDisplay *display = gdk_display_get_default ();
  g_autoptr(GtkCssProvider) provider = NULL;

  if (display == NULL || g_object_get_data (G_OBJECT (display), "yc-style") != NULL)
    return;
  provider = gtk_css_provider_new ();
  gtk_css_provider_load_from_resource (provider, "/org/yichuang/Yichuang/style.css");
  gtk_style_context_add_provider_for_display (display, GTK_STYLE_PROVIDER (provider),
                                              GTK_STYLE_PROVIDER_PRIORITY_APPLICATION);
  g_object_set_data_full (G_OBJECT (display), "yc-style", g_steal_pointer (&provider),
                          g_object_unref);
}

static void
yc_application_startup (GApplication *app)
{
  YcApplication *self = YC_APPLICATION (app);

  /* No resource base path: GtkApplication would add its icons/ to the icon theme, which makes GTK
   * read the theme's index and caches a second time (after the thread it reads them in as the
   * display opens), on the main thread as the window is realized: 15 ms of a start under Xvfb.
   * Yichuang has no icons there, builds its shortcuts window when asked (yc-window.c) rather than
   * for every window, and loads its style sheet itself. */
  g_application_set_resource_base_path (app, NULL);
  G_APPLICATION_CLASS (yc_application_parent_class)->startup (app);
  load_style ();

  /* Once per process: GLib warns if it is set again (a second application object, in tests). */
  if (g_strcmp0 (g_get_application_name (), _("Yichuang")) != 0)
    g_set_application_name (_("Yichuang"));
  gtk_window_set_default_icon_name (APP_ID);

  self->settings = g_settings_new (APP_ID);
  g_signal_connect_object (self->settings, "changed::large-text",
                           G_CALLBACK (large_text_changed_cb), self, 0);
  g_signal_connect (self, "window-added", G_CALLBACK (window_added_cb), NULL);
  g_signal_connect (self, "window-removed", G_CALLBACK (window_removed_cb), NULL);

  g_action_map_add_action_entries (G_ACTION_MAP (self),
                                   app_actions, G_N_ELEMENTS (app_actions), self);
  for (guint i = 0; i < G_N_ELEMENTS (app_accels); i++)
    gtk_application_set_accels_for_action (GTK_APPLICATION (self),
                                           app_accels[i].action, app_accels[i].accels);

  /* Nothing else here: the store opens after the first frame (window_map_cb), so that its threads
   * do not compete with the window for the CPU. */
}

static void
after_paint_cb (GdkFrameClock *clock,
                gpointer       user_data)
{
  YcApplication *self = user_data;

  if (self->bench_done)
    return;
  self->bench_done = TRUE;
  g_signal_handlers_disconnect_by_func (clock, after_paint_cb, self);

  /* The startup benchmark reads exactly this line. */
  fputs ("first-frame\n", stdout);
  fflush (stdout);
  g_application_quit (G_APPLICATION (self));
}

static void
bench_window_map_cb (GtkWidget *window,
                     gpointer   user_data)
{
  GdkSurface *surface = gtk_native_get_surface (GTK_NATIVE (window));
  GdkFrameClock *clock = gdk_surface_get_frame_clock (surface);

  g_signal_handlers_disconnect_by_func (window, bench_window_map_cb, user_data);
  g_signal_connect_object (clock, "after-paint", G_CALLBACK (after_paint_cb), user_data, 0);
}

static void
yc_application_activate (GApplication *app)
{
  YcApplication *self = YC_APPLICATION (app);
  GtkWindow *window;

  window = gtk_application_get_active_window (GTK_APPLICATION (self));
  if (window == NULL)
    {
      window = GTK_WINDOW (yc_window_new (self));
      /* Its fonts load on another core while GTK realizes it. */
      yc_font_warmup_start (window);
      if (!self->store_opening && self->store_open_id == 0)
        {
          g_signal_connect (window, "map", G_CALLBACK (window_map_cb), self);
          self->store_open_id = g_timeout_add_seconds (STORE_OPEN_LATEST_S, open_store_cb, self);
        }
      if (g_getenv ("YC_BENCH_FIRST_FRAME") != NULL)
        g_signal_connect (window, "map", G_CALLBACK (bench_window_map_cb), self);
    }

  gtk_window_present (window);
}

static void
yc_application_shutdown (GApplication *app)
{
  YcApplication *self = YC_APPLICATION (app);
  gint64 give_up = g_get_monotonic_time () + DRAFT_WRITE_WAIT_S * G_USEC_PER_SEC;

  /* Closing a window writes its unfinished intake: let the writer finish it before the process ends
   * (a transaction cut off by exit would be rolled back, losing the last edits). */
  while (yc_intake_form_get_pending_draft_writes () > 0 && g_get_monotonic_time () < give_up)
    g_main_context_iteration (NULL, TRUE);

  g_cancellable_cancel (self->cancellable);
  g_clear_handle_id (&self->store_open_id, g_source_remove);
  /* Stops following print jobs; the store keeps their records for the next start. */
  g_clear_object (&self->printing);
  release_scanner (self);

  G_APPLICATION_CLASS (yc_application_parent_class)->shutdown (app);
}

static void
yc_application_finalize (GObject *object)
{
  YcApplication *self = YC_APPLICATION (object);

  g_clear_handle_id (&self->store_open_id, g_source_remove);
  g_clear_object (&self->settings);
  g_clear_object (&self->cancellable);
  release_scanner (self);
  g_clear_object (&self->printing);
  g_clear_object (&self->store);
  g_clear_object (&self->file_store);
  g_clear_error (&self->store_error);
  g_clear_error (&self->catalogue_error);

  G_OBJECT_CLASS (yc_application_parent_class)->finalize (object);
}

static void
yc_application_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  YcApplication *self = YC_APPLICATION (object);

  switch (prop_id)
    {
    case PROP_STORE:
      g_value_set_object (value, self->store);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yc_application_class_init (YcApplicationClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GApplicationClass *app_class = G_APPLICATION_CLASS (klass);

  object_class->finalize = yc_application_finalize;
  object_class->get_property = yc_application_get_property;

  app_class->startup = yc_application_startup;
  app_class->activate = yc_application_activate;
  app_class->shutdown = yc_application_shutdown;

  properties[PROP_STORE] =
    g_param_spec_object ("store", NULL, NULL,
                         YC_TYPE_STORE,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /* Emitted once the store is open and the catalogue is in place. */
  signals[STORE_READY] =
    g_signal_new ("store-ready",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
  /* Emitted when the store cannot be opened, with the error. */
  signals[STORE_FAILED] =
    g_signal_new ("store-failed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_ERROR);
}

static void
yc_application_init (YcApplication *self)
{
  self->cancellable = g_cancellable_new ();
}

YcApplication *
yc_application_new (void)
{
  return g_object_new (YC_TYPE_APPLICATION,
                       "application-id", APP_ID,
                       "flags", G_APPLICATION_DEFAULT_FLAGS,
                       NULL);
}

YcStore *
yc_application_get_store (YcApplication *self)
{
  g_return_val_if_fail (YC_IS_APPLICATION (self), NULL);

  return self->store;
}

const GError *
yc_application_get_store_error (YcApplication *self)
{
  g_return_val_if_fail (YC_IS_APPLICATION (self), NULL);

  return self->store_error;
}

const GError *
yc_application_get_catalogue_error (YcApplication *self)
{
  g_return_val_if_fail (YC_IS_APPLICATION (self), NULL);

  return self->catalogue_error;
}

GSettings *
yc_application_get_settings (YcApplication *self)
{
  g_return_val_if_fail (YC_IS_APPLICATION (self), NULL);

  return self->settings;
}

YcFileStore *
yc_application_get_file_store (YcApplication *self)
{
  g_return_val_if_fail (YC_IS_APPLICATION (self), NULL);

  return self->file_store;
}

YcScanner *
yc_application_get_scanner (YcApplication *self)
{
  g_return_val_if_fail (YC_IS_APPLICATION (self), NULL);

  /* Lazily: starting SANE loads every backend, which a counter that never scans need not pay for. */
  if (self->scanner == NULL && self->file_store != NULL)
    self->scanner = yc_scanner_new (self->file_store);
  return self->scanner;
}

YcPrinting *
yc_application_get_printing (YcApplication *self)
{
  g_return_val_if_fail (YC_IS_APPLICATION (self), NULL);

  /* Lazily, once the store and the file store are open: documents need both. */
  if (self->printing == NULL && self->store != NULL && self->file_store != NULL)
    self->printing = yc_printing_new (self->store, self->file_store, self->settings);
  return self->printing;
}
