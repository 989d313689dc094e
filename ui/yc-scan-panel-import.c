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
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = NULL;

      /* Translators: importing a file failed: its name and why */
      text = g_strdup_printf (_("Could not import “%s”: %s"), name, error->message);
      _yc_scan_panel_show_toast (self, text);
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
    import_next (self);
}

static void
chooser_response_cb (GtkNativeDialog *chooser,
                     int              response,
                     YcScanPanel     *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) files = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));

      /* In the order chosen. */
      for (guint i = 0; i < g_list_model_get_n_items (files); i++)
        {
          g_autoptr(GFile) file = g_list_model_get_item (files, i);

          yc_scan_panel_import_file (self, file);
        }
    }
  g_object_unref (chooser);
}

static void
import_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  g_autoptr(GtkFileFilter) filter = gtk_file_filter_new ();
  g_autofree char *label = _yc_scan_panel_dup_material_label (self, self->material);
  g_autofree char *title = NULL;
  GtkFileChooserNative *chooser;

  /* Translators: title of the file chooser; %s is the material */
  title = g_strdup_printf (_("Import Pages into “%s”"), label);
  chooser = gtk_file_chooser_native_new (title, GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                         _("_Import"), _("_Cancel"));
  gtk_file_filter_set_name (filter, _("Scanned documents (PDF, JPEG, PNG)"));
  gtk_file_filter_add_mime_type (filter, "application/pdf");
  gtk_file_filter_add_mime_type (filter, "image/jpeg");
  gtk_file_filter_add_mime_type (filter, "image/png");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), filter);
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  g_signal_connect_object (chooser, "response", G_CALLBACK (chooser_response_cb), self, 0);
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}


void
_yc_scan_panel_class_init_import (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pages.import", NULL, import_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "pages.import", NULL);
}
