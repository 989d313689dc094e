/* yc-scan-panel-scanning.c: the scan panel's scanning: the scanner of Preferences (or the first one
 * found), a job's progress and pages as they arrive, Cancel, and the errors that end a job. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-application.h"
#include "yc-scan-panel-private.h"

/* --- scanning --- */

static void
set_progress (YcScanPanel *self,
              const char  *text,
              double       fraction)
{
  gtk_label_set_text (self->progress_label, text);
  if (fraction < 0)
    gtk_progress_bar_pulse (self->progress_bar);
  else
    gtk_progress_bar_set_fraction (self->progress_bar, CLAMP (fraction, 0, 1));
  gtk_revealer_set_reveal_child (self->progress_revealer, TRUE);
}

static void
progress_cb (YcScanner   *scanner,
             guint        job,
             guint        page_index,
             double       fraction,
             YcScanPanel *self)
{
  g_autofree char *text = NULL;

  if (job != self->job_id || self->flow_box == NULL)
    return;
  /* Translators: while scanning; %u is the page's number in this batch */
  text = g_strdup_printf (_("Scanning page %u…"), page_index + 1);
  set_progress (self, text, fraction);
}

static void
page_done_cb (YcScanner     *scanner,
              guint          job,
              YcScannedPage *page,
              YcScanPanel   *self)
{
  if (job != self->job_id)
    return;
  self->pages_this_job++;
  /* Stored in the file store already: attached to the material right away, so a jam or a crash
   * later in the batch costs nothing scanned so far. */
  _yc_scan_panel_add_scanned_page (self, page);
}

void
_yc_scan_panel_set_scanner (YcScanPanel *self,
             YcScanner   *scanner)
{
  if (!g_set_object (&self->scanner, scanner) || scanner == NULL)
    return;
  g_signal_connect_object (scanner, "progress", G_CALLBACK (progress_cb), self, 0);
  g_signal_connect_object (scanner, "page-done", G_CALLBACK (page_done_cb), self, 0);
}

static YcScanner *
get_scanner (YcScanPanel *self)
{
  GtkApplication *app;

  if (self->scanner != NULL)
    return self->scanner;
  app = gtk_window_get_application (GTK_WINDOW (self));
  if (YC_IS_APPLICATION (app))
    _yc_scan_panel_set_scanner (self, yc_application_get_scanner (YC_APPLICATION (app)));
  return self->scanner;
}

typedef struct {
  YcScanPanel *self;
  guint        job_id;
} JobData;

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      user_data)
{
  JobData *data = user_data;
  g_autoptr(YcScanPanel) self = data->self;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  guint job_id = data->job_id;
  gboolean ok;

  g_free (data);
  ok = yc_scanner_scan_finish (YC_SCANNER (source), result, &pages, &error);
  if (job_id != self->job_id)
    return;
  self->job_id = 0;
  if (self->flow_box == NULL)
    return;

  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  if (!ok)
    {
      guint kept = pages != NULL ? pages->len : 0;

      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          g_autofree char *text = NULL;

          /* Translators: a toast after Cancel; the pages scanned before it stay */
          text = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                               "Scanning stopped; %u page kept",
                                               "Scanning stopped; %u pages kept", kept), kept);
          _yc_scan_panel_show_toast (self, text);
        }
      else
        {
          /* The core's message says what to do, and how many pages were kept. */
          g_message ("Scan job %u failed after %u pages: %s", job_id, kept, error->message);
          _yc_scan_panel_show_error (self, error->message);
        }
    }
  _yc_scan_panel_update_actions (self);
}

static void
start_job (YcScanPanel *self,
           const char  *device)
{
  g_autoptr(YcScanSettings) settings = NULL;
  g_auto(GStrv) extra = NULL;
  JobData *data;

  /* The source, mode and resolution chosen in Preferences, remembered per device by the core. */
  settings = yc_scanner_dup_last_settings (self->scanner, device);
  if (settings == NULL)
    settings = yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, YC_SCAN_MODE_COLOR, 300);
  extra = g_settings_get_strv (self->settings, "scanner-extra-options");
  for (guint i = 0; extra[i] != NULL; i++)
    {
      const char *equals = strchr (extra[i], '=');
      g_autofree char *name = NULL;

      if (equals == NULL || equals == extra[i])
        {
          g_warning ("Ignoring the scanner option “%s”: not name=value", extra[i]);
          continue;
        }
      name = g_strndup (extra[i], equals - extra[i]);
      yc_scan_settings_add_extra (settings, name, equals + 1);
    }

  _yc_scan_panel_show_error (self, NULL);
  self->pages_this_job = 0;
  data = g_new0 (JobData, 1);
  data->self = g_object_ref (self);
  self->job_id = yc_scanner_scan_async (self->scanner, device, settings, NULL, scan_done_cb, data);
  data->job_id = self->job_id;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_progress (self, settings->source == YC_SCAN_SOURCE_FLATBED
                      ? _("Scanning…") : _("Scanning from the feeder…"), 0);
  _yc_scan_panel_update_actions (self);
}

static void
list_devices_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(YcScanPanel) self = user_data;
  g_autoptr(GPtrArray) devices = NULL;
  g_autoptr(GError) error = NULL;
  YcScanDevice *device;

  devices = yc_scanner_list_devices_finish (YC_SCANNER (source), result, &error);
  self->listing_devices = FALSE;
  if (self->flow_box == NULL || g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  gtk_revealer_set_reveal_child (self->progress_revealer, FALSE);
  _yc_scan_panel_update_actions (self);
  if (devices == NULL)
    {
      _yc_scan_panel_show_error (self, error->message);
      return;
    }
  if (devices->len == 0)
    {
      _yc_scan_panel_show_error (self, _("No scanner was found. Check that it is connected and switched on, then "
                          "scan again."));
      return;
    }

  /* The first scanner found is the one; Preferences can choose another. */
  device = g_ptr_array_index (devices, 0);
  g_settings_set_string (self->settings, "scanner-device", device->name);
  start_job (self, device->name);
}

void
yc_scan_panel_scan (YcScanPanel *self)
{
  g_autofree char *device = NULL;

  g_return_if_fail (YC_IS_SCAN_PANEL (self));

  if (!self->editable || self->job_id != 0 || self->listing_devices)
    return;
  if (get_scanner (self) == NULL)
    {
      _yc_scan_panel_show_error (self, _("Scanning is not available: the store for scanned files could not be "
                          "opened. Restart Yichuang; if this persists, call technical support."));
      return;
    }

  device = g_settings_get_string (self->settings, "scanner-device");
  if (*device == '\0')
    {
      /* Off the main thread: SANE may take seconds to probe the network. */
      self->listing_devices = TRUE;
      _yc_scan_panel_show_error (self, NULL);
      set_progress (self, _("Looking for scanners…"), -1);
      _yc_scan_panel_update_actions (self);
      yc_scanner_list_devices_async (self->scanner, self->cancellable, list_devices_cb,
                                     g_object_ref (self));
      return;
    }
  start_job (self, device);
}

void
_yc_scan_panel_cancel_scan (YcScanPanel *self)
{
  if (self->job_id != 0 && self->scanner != NULL)
    yc_scanner_cancel (self->scanner, self->job_id);
}

static void
scan_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  yc_scan_panel_scan (YC_SCAN_PANEL (widget));
}

static void
cancel_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  _yc_scan_panel_cancel_scan (YC_SCAN_PANEL (widget));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);

  /* Escape stops a scan first; once nothing runs, it closes the panel. */
  if (self->job_id != 0)
    _yc_scan_panel_cancel_scan (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}


void
_yc_scan_panel_class_init_scanning (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pages.scan", NULL, scan_action);
  gtk_widget_class_install_action (widget_class, "pages.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "pages.escape", NULL, escape_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "pages.scan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pages.escape", NULL);
}
