/* yc-document-row.c: one document of a case and its print state, kept current from the item. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-document-row.h"

struct _YcDocumentRow
{
  GtkListBoxRow  parent_instance;

  YcPrintItem  *item;

  /* template children */
  GtkLabel     *title_label;
  GtkLabel     *details_label;
  GtkLabel     *message_label;
  GtkSpinner   *spinner;
  GtkLabel     *status_label;
  GtkWidget    *preview_button;
  GtkWidget    *print_dialog_button;
  GtkWidget    *print_again_button;
};

G_DEFINE_FINAL_TYPE (YcDocumentRow, yc_document_row, GTK_TYPE_LIST_BOX_ROW)

enum {
  PREVIEW,
  PRINT_AGAIN,
  PRINT_DIALOG,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static const char *
format_label (const char *format)
{
  YcDocFormat value;

  if (format == NULL || !yc_doc_format_from_string (format, &value))
    return NULL;
  /* Translators: the paper a document was rendered for */
  return value == YC_DOC_FORMAT_RECEIPT ? _("80 mm receipt") : _("A4");
}

static const char *
language_label (const char *language)
{
  /* Each language in its own words: the applicant picks it. */
  if (language == NULL)
    return NULL;
  if (g_str_has_prefix (language, "zh"))
    return "中文";
  if (g_str_has_prefix (language, "en"))
    return "English";
  if (g_str_has_prefix (language, "ru"))
    return "Русский";
  return language;
}

static char *
details_text (YcPrintItem *item)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  GDateTime *when = yc_print_item_get_updated_at (item);
  guint pages = yc_print_item_get_pages (item);
  guint copies = yc_print_item_get_copies (item);
  const char *format = format_label (yc_print_item_get_format (item));
  const char *language = NULL;

  if (yc_print_item_get_kind (item) == YC_DOC_GUIDANCE)
    language = language_label (yc_print_item_get_language (item));
  if (when != NULL)
    g_ptr_array_add (parts, g_date_time_format (when, "%Y-%m-%d %H:%M"));
  if (pages > 0)
    /* Translators: how many pages a document has */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u page", "%u pages", pages),
                                             pages));
  if (format != NULL)
    g_ptr_array_add (parts, g_strdup (format));
  if (language != NULL)
    g_ptr_array_add (parts, g_strdup (language));
  if (copies > 1)
    /* Translators: how many copies of a document are printed */
    g_ptr_array_add (parts, g_strdup_printf (ngettext ("%u copy", "%u copies", copies),
                                             copies));
  if (yc_print_item_get_destination (item) != NULL && *yc_print_item_get_destination (item) != '\0')
    /* Translators: the printer a document was sent to */
    g_ptr_array_add (parts, g_strdup_printf (_("on %s"), yc_print_item_get_destination (item)));
  g_ptr_array_add (parts, NULL);
  /* Translators: separates the facts about a document: date · pages · paper */
  return g_strjoinv (_(" · "), (char **) parts->pdata);
}

static void
update (YcDocumentRow *self)
{
  YcPrintItem *item = self->item;
  YcPrintStatus status = yc_print_item_get_status (item);
  const char *message = yc_print_item_get_message (item);
  g_autofree char *details = details_text (item);
  GtkWidget *status_widget = GTK_WIDGET (self->status_label);
  gboolean attention = yc_print_status_needs_attention (status);
  gboolean has_file = yc_print_item_get_file_hash (item) != NULL;

  gtk_label_set_text (self->title_label, yc_print_item_get_title (item));
  gtk_label_set_text (self->details_label, details);
  /* Why it stopped or failed, in the core's words; the printer's own message while printing. */
  gtk_label_set_text (self->message_label, message);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label),
                          message != NULL && *message != '\0' && status != YC_PRINT_STATUS_PRINTED);
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "error");
  gtk_widget_remove_css_class (GTK_WIDGET (self->message_label), "warning");
  if (status == YC_PRINT_STATUS_STOPPED)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "warning");
  else if (attention)
    gtk_widget_add_css_class (GTK_WIDGET (self->message_label), "error");

  gtk_label_set_text (self->status_label, yc_print_status_get_label (status));
  gtk_widget_remove_css_class (status_widget, "success");
  gtk_widget_remove_css_class (status_widget, "warning");
  gtk_widget_remove_css_class (status_widget, "error");
  gtk_widget_remove_css_class (status_widget, "dim-label");
  if (status == YC_PRINT_STATUS_PRINTED)
    gtk_widget_add_css_class (status_widget, "success");
  else if (status == YC_PRINT_STATUS_STOPPED)
    gtk_widget_add_css_class (status_widget, "warning");
  else if (attention)
    gtk_widget_add_css_class (status_widget, "error");
  else if (status == YC_PRINT_STATUS_DUE || status == YC_PRINT_STATUS_RENDERED)
    gtk_widget_add_css_class (status_widget, "dim-label");

  gtk_widget_set_visible (GTK_WIDGET (self->spinner), yc_print_item_get_busy (item));
  gtk_spinner_set_spinning (self->spinner, yc_print_item_get_busy (item));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.preview", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.print-dialog", has_file);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "row.print-again",
                                 yc_print_item_get_can_print_again (item));
  /* What the clerk should do next stands out. */
  if (attention)
    gtk_widget_add_css_class (self->print_again_button, "suggested-action");
  else
    gtk_widget_remove_css_class (self->print_again_button, "suggested-action");

  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, yc_print_item_get_title (item),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  yc_print_status_get_label (status),
                                  -1);
}

static void
row_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  YcDocumentRow *self = YC_DOCUMENT_ROW (widget);

  if (g_str_equal (action_name, "row.preview"))
    g_signal_emit (self, signals[PREVIEW], 0);
  else if (g_str_equal (action_name, "row.print-again"))
    g_signal_emit (self, signals[PRINT_AGAIN], 0);
  else
    g_signal_emit (self, signals[PRINT_DIALOG], 0);
}

static void
yc_document_row_dispose (GObject *object)
{
  YcDocumentRow *self = YC_DOCUMENT_ROW (object);

  if (self->item != NULL)
    g_signal_handlers_disconnect_by_data (self->item, self);
  g_clear_object (&self->item);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_DOCUMENT_ROW);

  G_OBJECT_CLASS (yc_document_row_parent_class)->dispose (object);
}

static void
yc_document_row_class_init (YcDocumentRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_document_row_dispose;

  signals[PREVIEW] = g_signal_new ("preview", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0,
                                   NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PRINT_AGAIN] = g_signal_new ("print-again", G_TYPE_FROM_CLASS (klass),
                                       G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);
  signals[PRINT_DIALOG] = g_signal_new ("print-dialog", G_TYPE_FROM_CLASS (klass),
                                        G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL, G_TYPE_NONE, 0);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-document-row.ui");
  gtk_widget_class_bind_template_child (widget_class, YcDocumentRow, title_label);
  gtk_widget_class_bind_template_child (widget_class, YcDocumentRow, details_label);
  gtk_widget_class_bind_template_child (widget_class, YcDocumentRow, message_label);
  gtk_widget_class_bind_template_child (widget_class, YcDocumentRow, spinner);
  gtk_widget_class_bind_template_child (widget_class, YcDocumentRow, status_label);
  gtk_widget_class_bind_template_child (widget_class, YcDocumentRow, preview_button);
  gtk_widget_class_bind_template_child (widget_class, YcDocumentRow, print_dialog_button);
  gtk_widget_class_bind_template_child (widget_class, YcDocumentRow, print_again_button);

  gtk_widget_class_install_action (widget_class, "row.preview", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.print-again", NULL, row_action);
  gtk_widget_class_install_action (widget_class, "row.print-dialog", NULL, row_action);
}

static void
yc_document_row_init (YcDocumentRow *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

GtkWidget *
yc_document_row_new (YcPrintItem *item)
{
  YcDocumentRow *self;

  g_return_val_if_fail (YC_IS_PRINT_ITEM (item), NULL);

  self = g_object_new (YC_TYPE_DOCUMENT_ROW, NULL);
  self->item = g_object_ref (item);
  g_signal_connect_object (item, "notify", G_CALLBACK (update), self, G_CONNECT_SWAPPED);
  update (self);
  return GTK_WIDGET (self);
}

YcPrintItem *
yc_document_row_get_item (YcDocumentRow *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT_ROW (self), NULL);
  return self->item;
}

const char *
yc_document_row_get_status_text (YcDocumentRow *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT_ROW (self), NULL);
  return gtk_label_get_text (self->status_label);
}
