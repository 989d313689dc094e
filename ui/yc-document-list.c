/* yc-document-list.c: a case's documents and print jobs, with Preview, Print again and Print…. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-document-list.h"
#include "yc-document-row.h"
#include "yc-print-operation.h"

struct _YcDocumentList
{
  GtkWidget     parent_instance;

  YcPrinting   *printing;          /* set, or NULL for the default */
  YcPrinting   *watched;           /* whose "documents-changed" is connected */
  GListModel   *model;
  YcCase       *kase;              /* shown from the store, or NULL */
  GCancellable *cancellable;       /* the reading of the case's documents */
  gboolean      loading;
  gboolean      reload_pending;

  /* template children */
  GtkListBox   *list_box;
  GtkLabel     *placeholder_label;
};

G_DEFINE_FINAL_TYPE (YcDocumentList, yc_document_list, GTK_TYPE_WIDGET)

enum {
  PROP_0,
  PROP_MODEL,
  PROP_LOADING,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void load_case (YcDocumentList *self);

YcPrinting *
yc_document_list_get_printing (YcDocumentList *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT_LIST (self), NULL);
  return self->printing != NULL ? self->printing : yc_printing_get_default ();
}

static void
set_loading (YcDocumentList *self,
             gboolean        loading)
{
  if (self->loading == loading)
    return;
  self->loading = loading;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LOADING]);
}

/* --- the rows --- */

static void
row_preview_cb (YcDocumentRow  *row,
                YcDocumentList *self)
{
  yc_document_list_preview (self, yc_document_row_get_item (row));
}

static void
row_print_again_cb (YcDocumentRow  *row,
                    YcDocumentList *self)
{
  yc_document_list_print_again (self, yc_document_row_get_item (row));
}

static void
row_print_dialog_cb (YcDocumentRow  *row,
                     YcDocumentList *self)
{
  yc_document_list_print_dialog (self, yc_document_row_get_item (row));
}

static GtkWidget *
create_row (gpointer item,
            gpointer user_data)
{
  YcDocumentList *self = user_data;
  GtkWidget *row = yc_document_row_new (item);

  g_signal_connect_object (row, "preview", G_CALLBACK (row_preview_cb), self, 0);
  g_signal_connect_object (row, "print-again", G_CALLBACK (row_print_again_cb), self, 0);
  g_signal_connect_object (row, "print-dialog", G_CALLBACK (row_print_dialog_cb), self, 0);
  return row;
}

static void
set_model (YcDocumentList *self,
           GListModel     *model)
{
  if (!g_set_object (&self->model, model))
    return;
  gtk_list_box_bind_model (self->list_box, model, create_row, self, NULL);
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_MODEL]);
}

/* --- a case's documents from the store --- */

static void
loaded_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(YcDocumentList) self = user_data;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(GError) error = NULL;

  model = yc_printing_load_case_finish (YC_PRINTING (source), result, &error);
  if (model == NULL)
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        return;
      g_warning ("Could not read the documents of a case: %s", error->message);
      gtk_label_set_text (self->placeholder_label, error->message);
      set_model (self, NULL);
    }
  else
    {
      gtk_label_set_text (self->placeholder_label, _("No documents."));
      set_model (self, model);
    }
  set_loading (self, FALSE);
  if (self->reload_pending)
    {
      self->reload_pending = FALSE;
      load_case (self);
    }
}

static void
load_case (YcDocumentList *self)
{
  YcPrinting *printing = yc_document_list_get_printing (self);

  if (self->kase == NULL)
    return;
  if (printing == NULL)
    {
      gtk_label_set_text (self->placeholder_label, _("Printing is not available yet."));
      set_model (self, NULL);
      return;
    }
  /* One reading at a time; changes meanwhile read once more at the end. */
  if (self->loading)
    {
      self->reload_pending = TRUE;
      return;
    }
  set_loading (self, TRUE);
  yc_printing_load_case_async (printing, self->kase, self->cancellable, loaded_cb,
                               g_object_ref (self));
}

static void
documents_changed_cb (YcPrinting     *printing,
                      const char     *case_uuid,
                      YcDocumentList *self)
{
  if (self->kase != NULL && g_strcmp0 (yc_case_get_uuid (self->kase), case_uuid) == 0)
    load_case (self);
}

static void
watch (YcDocumentList *self,
       YcPrinting     *printing)
{
  if (self->watched == printing)
    return;
  if (self->watched != NULL)
    g_signal_handlers_disconnect_by_data (self->watched, self);
  g_set_object (&self->watched, printing);
  if (printing != NULL)
    g_signal_connect_object (printing, "documents-changed", G_CALLBACK (documents_changed_cb),
                             self, 0);
}

/* --- actions and shortcuts --- */

static YcPrintItem *
item_at (YcDocumentList *self,
         guint           position)
{
  if (self->model == NULL || position >= g_list_model_get_n_items (self->model))
    return NULL;
  return g_list_model_get_item (self->model, position);
}

YcPrintItem *
yc_document_list_get_current (YcDocumentList *self)
{
  GtkRoot *root;
  GtkWidget *focus;
  guint n;

  g_return_val_if_fail (YC_IS_DOCUMENT_LIST (self), NULL);

  if (self->model == NULL)
    return NULL;
  root = gtk_widget_get_root (GTK_WIDGET (self));
  focus = root != NULL ? gtk_root_get_focus (root) : NULL;
  if (focus != NULL && gtk_widget_is_ancestor (focus, GTK_WIDGET (self->list_box)))
    {
      GtkWidget *row = gtk_widget_get_ancestor (focus, YC_TYPE_DOCUMENT_ROW);

      if (row != NULL)
        return yc_document_row_get_item (YC_DOCUMENT_ROW (row));
    }

  n = g_list_model_get_n_items (self->model);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcPrintItem) item = item_at (self, i);

      if (yc_print_status_needs_attention (yc_print_item_get_status (item)))
        return item;
    }
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(YcPrintItem) item = item_at (self, i);

      if (yc_print_item_get_file_hash (item) != NULL)
        return item;
    }
  return NULL;
}

static gboolean
shortcut_cb (GtkWidget *widget,
             GVariant  *args,
             gpointer   user_data)
{
  YcDocumentList *self = YC_DOCUMENT_LIST (widget);
  const char *what = user_data;
  YcPrintItem *item;

  /* The shortcuts are the window's: only the list the clerk sees answers them. */
  if (!gtk_widget_is_drawable (widget))
    return FALSE;
  item = yc_document_list_get_current (self);
  if (item == NULL)
    return FALSE;
  if (g_str_equal (what, "print-again"))
    {
      if (!yc_print_item_get_can_print_again (item))
        return FALSE;
      yc_document_list_print_again (self, item);
    }
  else
    {
      if (yc_print_item_get_file_hash (item) == NULL)
        return FALSE;
      yc_document_list_print_dialog (self, item);
    }
  return TRUE;
}

YcPdfPreview *
yc_document_list_preview (YcDocumentList *self,
                          YcPrintItem    *item)
{
  YcPrinting *printing;
  YcPdfPreview *preview;
  GtkRoot *root;

  g_return_val_if_fail (YC_IS_DOCUMENT_LIST (self), NULL);
  g_return_val_if_fail (YC_IS_PRINT_ITEM (item), NULL);

  printing = yc_document_list_get_printing (self);
  if (printing == NULL || yc_print_item_get_file_hash (item) == NULL)
    return NULL;
  preview = yc_pdf_preview_new (printing, item);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  if (GTK_IS_WINDOW (root))
    {
      gtk_window_set_transient_for (GTK_WINDOW (preview), GTK_WINDOW (root));
      gtk_window_set_modal (GTK_WINDOW (preview), TRUE);
      if (gtk_window_get_application (GTK_WINDOW (root)) != NULL)
        gtk_window_set_application (GTK_WINDOW (preview),
                                    gtk_window_get_application (GTK_WINDOW (root)));
    }
  gtk_window_present (GTK_WINDOW (preview));
  return preview;
}

void
yc_document_list_print_again (YcDocumentList *self,
                              YcPrintItem    *item)
{
  YcPrinting *printing;

  g_return_if_fail (YC_IS_DOCUMENT_LIST (self));
  g_return_if_fail (YC_IS_PRINT_ITEM (item));

  printing = yc_document_list_get_printing (self);
  if (printing != NULL && yc_print_item_get_can_print_again (item))
    yc_printing_print_item (printing, item);
}

void
yc_document_list_print_dialog (YcDocumentList *self,
                               YcPrintItem    *item)
{
  YcPrinting *printing;
  g_autofree char *path = NULL;
  g_autoptr(GFile) file = NULL;
  GtkRoot *root;

  g_return_if_fail (YC_IS_DOCUMENT_LIST (self));
  g_return_if_fail (YC_IS_PRINT_ITEM (item));

  printing = yc_document_list_get_printing (self);
  if (printing == NULL || yc_print_item_get_file_hash (item) == NULL)
    return;
  path = yc_file_store_get_path (yc_printing_get_file_store (printing),
                                 yc_print_item_get_file_hash (item));
  file = g_file_new_for_path (path);
  root = gtk_widget_get_root (GTK_WIDGET (self));
  yc_print_operation_show_dialog (file, yc_print_item_get_title (item),
                                  GTK_IS_WINDOW (root) ? GTK_WINDOW (root) : NULL);
}

/* --- GObject --- */

static void
yc_document_list_dispose (GObject *object)
{
  YcDocumentList *self = YC_DOCUMENT_LIST (object);

  g_cancellable_cancel (self->cancellable);
  watch (self, NULL);
  if (self->list_box != NULL)
    gtk_list_box_bind_model (self->list_box, NULL, NULL, NULL, NULL);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_DOCUMENT_LIST);
  g_clear_object (&self->model);
  g_clear_object (&self->kase);
  g_clear_object (&self->printing);
  g_clear_object (&self->cancellable);

  G_OBJECT_CLASS (yc_document_list_parent_class)->dispose (object);
}

static void
yc_document_list_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YcDocumentList *self = YC_DOCUMENT_LIST (object);

  switch (prop_id)
    {
    case PROP_MODEL:
      g_value_set_object (value, self->model);
      break;
    case PROP_LOADING:
      g_value_set_boolean (value, self->loading);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
add_shortcut (GtkShortcutController *controller,
              guint                  keyval,
              GdkModifierType        modifiers,
              const char            *what)
{
  GtkShortcutTrigger *trigger = gtk_keyval_trigger_new (keyval, modifiers);
  GtkShortcutAction *action = gtk_callback_action_new (shortcut_cb, (gpointer) what, NULL);

  gtk_shortcut_controller_add_shortcut (controller, gtk_shortcut_new (trigger, action));
}

static void
yc_document_list_class_init (YcDocumentListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_document_list_dispose;
  object_class->get_property = yc_document_list_get_property;

  properties[PROP_MODEL] =
    g_param_spec_object ("model", NULL, NULL, G_TYPE_LIST_MODEL,
                         G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  properties[PROP_LOADING] =
    g_param_spec_boolean ("loading", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS | G_PARAM_EXPLICIT_NOTIFY);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-document-list.ui");
  gtk_widget_class_bind_template_child (widget_class, YcDocumentList, list_box);
  gtk_widget_class_bind_template_child (widget_class, YcDocumentList, placeholder_label);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
}

static void
yc_document_list_init (YcDocumentList *self)
{
  GtkEventController *controller;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();

  /* Ctrl+P from anywhere in the window, not only with the focus in the list (a decision leaves the
   * focus on New Intake): the window runs them; the list answers only while it is shown. */
  controller = gtk_shortcut_controller_new ();
  gtk_shortcut_controller_set_scope (GTK_SHORTCUT_CONTROLLER (controller),
                                     GTK_SHORTCUT_SCOPE_GLOBAL);
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_p, GDK_CONTROL_MASK, "print-again");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_p,
                GDK_CONTROL_MASK | GDK_SHIFT_MASK, "print-dialog");
  add_shortcut (GTK_SHORTCUT_CONTROLLER (controller), GDK_KEY_P,
                GDK_CONTROL_MASK | GDK_SHIFT_MASK, "print-dialog");
  gtk_widget_add_controller (GTK_WIDGET (self), controller);
}

GtkWidget *
yc_document_list_new (void)
{
  return g_object_new (YC_TYPE_DOCUMENT_LIST, NULL);
}

void
yc_document_list_set_printing (YcDocumentList *self,
                               YcPrinting     *printing)
{
  g_return_if_fail (YC_IS_DOCUMENT_LIST (self));
  g_return_if_fail (printing == NULL || YC_IS_PRINTING (printing));

  g_set_object (&self->printing, printing);
  watch (self, self->kase != NULL ? yc_document_list_get_printing (self) : NULL);
}

void
yc_document_list_set_model (YcDocumentList *self,
                            GListModel     *model)
{
  g_return_if_fail (YC_IS_DOCUMENT_LIST (self));
  g_return_if_fail (model == NULL || G_IS_LIST_MODEL (model));

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->kase);
  watch (self, NULL);
  self->reload_pending = FALSE;
  set_loading (self, FALSE);
  gtk_label_set_text (self->placeholder_label, _("No documents."));
  set_model (self, model);
}

GListModel *
yc_document_list_get_model (YcDocumentList *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT_LIST (self), NULL);
  return self->model;
}

void
yc_document_list_show_case (YcDocumentList *self,
                            YcCase         *kase)
{
  g_return_if_fail (YC_IS_DOCUMENT_LIST (self));
  g_return_if_fail (kase == NULL || YC_IS_CASE (kase));

  /* The same case again (a fresh copy after the list was read again): the rows stay until the new
   * reading replaces them, so nothing flickers and a focused row keeps the focus meanwhile. */
  if (kase != NULL && self->kase != NULL &&
      g_strcmp0 (yc_case_get_uuid (kase), yc_case_get_uuid (self->kase)) == 0)
    {
      g_set_object (&self->kase, kase);
      load_case (self);
      return;
    }
  yc_document_list_set_model (self, NULL);
  if (kase == NULL)
    return;
  self->kase = g_object_ref (kase);
  watch (self, yc_document_list_get_printing (self));
  load_case (self);
}

gboolean
yc_document_list_get_loading (YcDocumentList *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT_LIST (self), FALSE);
  return self->loading;
}

GtkListBox *
yc_document_list_get_list_box (YcDocumentList *self)
{
  g_return_val_if_fail (YC_IS_DOCUMENT_LIST (self), NULL);
  return self->list_box;
}
