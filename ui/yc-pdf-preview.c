/* yc-pdf-preview.c: the preview window of a stored document, drawn by YcPdfView. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-pdf-preview.h"
#include "yc-print-operation.h"

#define ZOOM_STEP 1.25

struct _YcPdfPreview
{
  AdwWindow       parent_instance;

  YcPrinting     *printing;
  YcPrintItem    *item;

  /* template children */
  AdwWindowTitle *window_title;
  GtkLabel       *page_label;
  GtkToggleButton *fit_button;
  GtkStack       *stack;
  YcPdfView      *view;
  AdwStatusPage  *error_page;
};

G_DEFINE_FINAL_TYPE (YcPdfPreview, yc_pdf_preview, ADW_TYPE_WINDOW)

static void
update_actions (YcPdfPreview *self)
{
  guint n_pages = yc_pdf_view_get_n_pages (self->view);
  guint page = yc_pdf_view_get_page (self->view);
  GtkWidget *widget = GTK_WIDGET (self);

  if (self->item == NULL)
    return;
  gtk_widget_action_set_enabled (widget, "preview.previous", page > 0);
  gtk_widget_action_set_enabled (widget, "preview.next", page + 1 < n_pages);
  gtk_widget_action_set_enabled (widget, "preview.print-again",
                                 yc_print_item_get_can_print_again (self->item));
  gtk_widget_action_set_enabled (widget, "preview.print-dialog",
                                 yc_print_item_get_file_hash (self->item) != NULL);
}

static void
update_page (YcPdfPreview *self)
{
  guint n_pages = yc_pdf_view_get_n_pages (self->view);
  const GError *error = yc_pdf_view_get_error (self->view);

  if (error != NULL)
    {
      adw_status_page_set_description (self->error_page, error->message);
      gtk_stack_set_visible_child_name (self->stack, "error");
    }
  else if (yc_pdf_view_get_loaded (self->view))
    gtk_stack_set_visible_child_name (self->stack, "page");
  else
    gtk_stack_set_visible_child_name (self->stack, "loading");

  if (n_pages > 0)
    {
      /* Translators: page %u of %u in the document preview */
      g_autofree char *text = g_strdup_printf (_("%u / %u"), yc_pdf_view_get_page (self->view) + 1,
                                               n_pages);

      gtk_label_set_text (self->page_label, text);
    }
  else
    gtk_label_set_text (self->page_label, "");
  gtk_toggle_button_set_active (self->fit_button, yc_pdf_view_get_fit (self->view));
  update_actions (self);
}

static void
update_subtitle (YcPdfPreview *self)
{
  const char *status = yc_print_status_get_label (yc_print_item_get_status (self->item));
  GString *subtitle = g_string_new (NULL);
  YcCase *kase = yc_print_item_get_case (self->item);

  if (kase != NULL && yc_case_get_case_no (kase) != NULL)
    {
      g_string_append (subtitle, yc_case_get_case_no (kase));
      /* Translators: separates the case number and the print status in a window's subtitle */
      g_string_append (subtitle, _(" · "));
    }
  g_string_append (subtitle, status);
  adw_window_title_set_subtitle (self->window_title, subtitle->str);
  g_string_free (subtitle, TRUE);
  update_actions (self);
}

static void
view_changed_cb (YcPdfPreview *self)
{
  update_page (self);
}

static void
navigate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  YcPdfPreview *self = YC_PDF_PREVIEW (widget);
  guint page = yc_pdf_view_get_page (self->view);

  if (g_str_equal (action_name, "preview.previous") && page > 0)
    yc_pdf_view_set_page (self->view, page - 1);
  else if (g_str_equal (action_name, "preview.next"))
    yc_pdf_view_set_page (self->view, page + 1);
  else if (g_str_equal (action_name, "preview.first"))
    yc_pdf_view_set_page (self->view, 0);
  else if (g_str_equal (action_name, "preview.last"))
    yc_pdf_view_set_page (self->view, G_MAXUINT);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YcPdfPreview *self = YC_PDF_PREVIEW (widget);
  double zoom = yc_pdf_view_get_zoom (self->view);

  if (g_str_equal (action_name, "preview.zoom-in"))
    yc_pdf_view_set_zoom (self->view, zoom * ZOOM_STEP);
  else if (g_str_equal (action_name, "preview.zoom-out"))
    yc_pdf_view_set_zoom (self->view, zoom / ZOOM_STEP);
  else if (g_str_equal (action_name, "preview.zoom-actual"))
    yc_pdf_view_set_zoom (self->view, 1.0);
  else
    yc_pdf_view_set_fit (self->view, TRUE);
  /* The toggle shows the mode, whatever was clicked. */
  gtk_toggle_button_set_active (self->fit_button, yc_pdf_view_get_fit (self->view));
}

static void
print_again_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YcPdfPreview *self = YC_PDF_PREVIEW (widget);

  if (yc_print_item_get_can_print_again (self->item))
    yc_printing_print_item (self->printing, self->item);
}

static void
print_dialog_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  YcPdfPreview *self = YC_PDF_PREVIEW (widget);
  GFile *file = yc_pdf_view_get_file (self->view);

  if (file != NULL)
    yc_print_operation_show_dialog (file, yc_print_item_get_title (self->item), GTK_WINDOW (self));
}

static void
yc_pdf_preview_dispose (GObject *object)
{
  YcPdfPreview *self = YC_PDF_PREVIEW (object);

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_PDF_PREVIEW);
  g_clear_object (&self->item);
  g_clear_object (&self->printing);

  G_OBJECT_CLASS (yc_pdf_preview_parent_class)->dispose (object);
}

static void
yc_pdf_preview_class_init (YcPdfPreviewClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_pdf_preview_dispose;

  g_type_ensure (YC_TYPE_PDF_VIEW);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-pdf-preview.ui");
  gtk_widget_class_bind_template_child (widget_class, YcPdfPreview, window_title);
  gtk_widget_class_bind_template_child (widget_class, YcPdfPreview, page_label);
  gtk_widget_class_bind_template_child (widget_class, YcPdfPreview, fit_button);
  gtk_widget_class_bind_template_child (widget_class, YcPdfPreview, stack);
  gtk_widget_class_bind_template_child (widget_class, YcPdfPreview, view);
  gtk_widget_class_bind_template_child (widget_class, YcPdfPreview, error_page);

  gtk_widget_class_install_action (widget_class, "preview.previous", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "preview.next", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "preview.first", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "preview.last", NULL, navigate_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.zoom-actual", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "preview.print-again", NULL, print_again_action);
  gtk_widget_class_install_action (widget_class, "preview.print-dialog", NULL,
                                   print_dialog_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "preview.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, 0, "preview.previous", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "preview.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, 0, "preview.next", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Home, 0, "preview.first", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_End, 0, "preview.last", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Add, GDK_CONTROL_MASK,
                                       "preview.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK,
                                       "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Subtract, GDK_CONTROL_MASK,
                                       "preview.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK,
                                       "preview.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_1, GDK_CONTROL_MASK,
                                       "preview.zoom-actual", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p, GDK_CONTROL_MASK,
                                       "preview.print-again", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_p,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "preview.print-dialog", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_P,
                                       GDK_CONTROL_MASK | GDK_SHIFT_MASK,
                                       "preview.print-dialog", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
yc_pdf_preview_init (YcPdfPreview *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));

  g_signal_connect_object (self->view, "notify::loaded", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::error", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::page", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->view, "notify::fit", G_CALLBACK (view_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

YcPdfPreview *
yc_pdf_preview_new (YcPrinting  *printing,
                    YcPrintItem *item)
{
  YcPdfPreview *self;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;

  g_return_val_if_fail (YC_IS_PRINTING (printing), NULL);
  g_return_val_if_fail (YC_IS_PRINT_ITEM (item), NULL);
  g_return_val_if_fail (yc_print_item_get_file_hash (item) != NULL, NULL);

  self = g_object_new (YC_TYPE_PDF_PREVIEW, NULL);
  self->printing = g_object_ref (printing);
  self->item = g_object_ref (item);

  gtk_window_set_title (GTK_WINDOW (self), yc_print_item_get_title (item));
  adw_window_title_set_title (self->window_title, yc_print_item_get_title (item));
  g_signal_connect_object (item, "notify::status", G_CALLBACK (update_subtitle), self,
                           G_CONNECT_SWAPPED);
  update_subtitle (self);

  path = yc_file_store_get_path (yc_printing_get_file_store (printing),
                                 yc_print_item_get_file_hash (item));
  file = g_file_new_for_path (path);
  yc_pdf_view_set_file (self->view, file);
  update_page (self);
  return self;
}

YcPdfView *
yc_pdf_preview_get_view (YcPdfPreview *self)
{
  g_return_val_if_fail (YC_IS_PDF_PREVIEW (self), NULL);
  return self->view;
}

YcPrintItem *
yc_pdf_preview_get_item (YcPdfPreview *self)
{
  g_return_val_if_fail (YC_IS_PDF_PREVIEW (self), NULL);
  return self->item;
}
