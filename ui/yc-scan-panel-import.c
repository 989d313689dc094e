/* yc-scan-panel-import.c: the scan panel's import: PDF, JPEG and PNG files stored as they are and
 * added as pages, one file at a time in the order given. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-scan-panel-private.h"

/* --- importing --- */

static void import_next (YcScanPanel *self);

static void
import_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(YcScanPanel) self = user_data;
  g_autoptr(GFile) file = g_queue_pop_head (&self->import_queue);
  g_autoptr(YcScannedPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = yc_scan_import_file_finish (result, &error);
  self->writes_pending--;
  if (page != NULL)
    _yc_scan_panel_add_scanned_page (self, page);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->flow_box != NULL)
    {
      /* The core's message names the file and says what to do; it stays above the pages (a toast
       * would be gone before a locked or damaged PDF is dealt with). */
      g_message ("Import of a file refused: %s", error->message);
      _yc_scan_panel_show_error (self, error->message);
    }
  import_next (self);
}

/* One file at a time, so the pages come in the order the files were given. */
static void
import_next (YcScanPanel *self)
{
  GFile *file = g_queue_peek_head (&self->import_queue);

  if (file == NULL || self->cancellable == NULL || g_cancellable_is_cancelled (self->cancellable))
    {
      g_queue_clear_full (&self->import_queue, g_object_unref);
      return;
    }
  /* Counted as a write: the page is added once the file is stored. */
  self->writes_pending++;
  yc_scan_import_file_async (self->files, file, self->cancellable, import_cb, g_object_ref (self));
}

void
yc_scan_panel_import_file (YcScanPanel *self,
                           GFile       *file)
{
  g_return_if_fail (YC_IS_SCAN_PANEL (self));
  g_return_if_fail (G_IS_FILE (file));

  if (!self->editable)
    return;
  g_queue_push_tail (&self->import_queue, g_object_ref (file));
  if (self->import_queue.length == 1)
    {
      /* A new batch: the last one's error no longer applies. */
      _yc_scan_panel_show_error (self, NULL);
      import_next (self);
    }
}

typedef struct {
  YcScanPanel *self;
  gboolean     close_on_cancel;
} ChooserData;

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     ChooserData     *data)
{
  YcScanPanel *self = data->self;

  if (response == GTK_RESPONSE_ACCEPT && self->flow_box != NULL)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      /* In the order chosen. */
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          yc_scan_panel_import_file (self, file);
        }
    }
  /* Opened only to import, and nothing chosen: back to where the clerk was. */
  else if (data->close_on_cancel && self->flow_box != NULL && self->pages->len == 0 &&
           self->writes_pending == 0)
    gtk_window_close (GTK_WINDOW (self));
  g_object_unref (self);
  g_free (data);
  g_object_unref (chooser);
}

/* The one file dialog for importing, wherever Import File… is offered (the checklist's rows open
 * the material's panel and come here): PDF, JPEG and PNG, several at once. */
static GtkFileFilter *
new_filter (const char         *name,
            const char * const *mime_types,
            const char * const *suffixes)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, name);
  for (guint i = 0; mime_types[i] != NULL; i++)
    gtk_file_filter_add_mime_type (filter, mime_types[i]);
  /* Suffixes too: a file on a USB stick or a share may come without a known type. */
  for (guint i = 0; suffixes[i] != NULL; i++)
    gtk_file_filter_add_suffix (filter, suffixes[i]);
  return filter;
}

void
yc_scan_panel_choose_files (YcScanPanel *self,
                            gboolean     close_on_cancel)
{
  static const char * const all_types[] = { "application/pdf", "image/jpeg", "image/png", NULL };
  static const char * const all_suffixes[] = { "pdf", "jpg", "jpeg", "png", NULL };
  g_autofree char *label = NULL;
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;
  GtkFileFilter *filters[4];
  ChooserData *data;

  g_return_if_fail (YC_IS_SCAN_PANEL (self));

  if (!self->editable)
    return;
  label = _yc_scan_panel_dup_material_label (self, self->material);
  /* Translators: title of the file chooser; %s is the material, e.g. "2. 户口簿" */
  title = g_strdup_printf (_("Import Files into “%s”"), label);
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  filters[0] = new_filter (_("PDF, JPEG and PNG files"), all_types, all_suffixes);
  filters[1] = new_filter (_("PDF documents"), (const char *[]) { "application/pdf", NULL },
                           (const char *[]) { "pdf", NULL });
  filters[2] = new_filter (_("JPEG images"), (const char *[]) { "image/jpeg", NULL },
                           (const char *[]) { "jpg", "jpeg", NULL });
  filters[3] = new_filter (_("PNG images"), (const char *[]) { "image/png", NULL },
                           (const char *[]) { "png", NULL });
  for (guint i = 0; i < G_N_ELEMENTS (filters); i++)
    {
      gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filters[i]);
      g_object_unref (filters[i]);
    }
  gtk_file_chooser_set_filter (GTK_FILE_CHOOSER (chooser), filters[0]);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  data = g_new0 (ChooserData, 1);
  data->self = g_object_ref (self);
  data->close_on_cancel = close_on_cancel;
  g_signal_connect (chooser, "response", G_CALLBACK (chooser_response_cb), data);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  yc_scan_panel_choose_files (YC_SCAN_PANEL (widget), FALSE);
}

void
_yc_scan_panel_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pages.import", NULL, import_action);
  /* Ctrl+I, as on a checklist row; Ctrl+O as in any program that opens files. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_i, GDK_CONTROL_MASK,
                                       "pages.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "pages.import", NULL);
}
