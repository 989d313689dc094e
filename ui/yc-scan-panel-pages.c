/* yc-scan-panel-pages.c: the scan panel's changes to pages: added, turned, reordered (keys and drag
 * and drop), moved to another material, deleted with Undo; each shown at once, then written. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-scan-panel-private.h"

/* --- writing changes --- */

typedef struct {
  YcScanPanel *self;
  guint        other_material;    /* a page went there too; G_MAXUINT: none */
  YcCasePage  *added;             /* the page being added, or NULL */
  guint        restore_order;     /* an undone delete goes back here; G_MAXUINT: at the end */
  char        *done_message;      /* a toast once written, or NULL */
} WriteData;

static WriteData *
write_data_new (YcScanPanel *self,
                guint        other_material,
                char        *done_message)
{
  WriteData *data = g_new0 (WriteData, 1);

  data->self = g_object_ref (self);
  data->other_material = other_material;
  data->restore_order = G_MAXUINT;
  data->done_message = done_message;
  self->writes_pending++;
  return data;
}

static void
write_done (WriteData    *data,
            const GError *error)
{
  YcScanPanel *self = data->self;
  gboolean alive = self->flow_box != NULL;

  self->writes_pending--;
  if (error != NULL)
    {
      g_warning ("Could not change the pages: %s", error->message);
      if (alive)
        _yc_scan_panel_show_toast (self, error->message);
    }
  else if (data->done_message != NULL && alive)
    _yc_scan_panel_show_toast (self, data->done_message);

  g_signal_emit_by_name (self, "pages-changed", self->material);
  if (data->other_material != G_MAXUINT)
    g_signal_emit_by_name (self, "pages-changed", data->other_material);
  /* Once the last change is written, show exactly what the store holds. */
  if (self->writes_pending == 0 && alive)
    _yc_scan_panel_reload (self);

  g_object_unref (data->self);
  g_clear_pointer (&data->added, yc_case_page_free);
  g_free (data->done_message);
  g_free (data);
}

static void
page_write_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  yc_store_page_write_finish (YC_STORE (source), result, &error);
  write_done (user_data, error);
}

static void
add_page_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  WriteData *data = user_data;
  YcScanPanel *self = data->self;
  g_autoptr(GError) error = NULL;
  gint64 id;

  id = yc_store_add_page_finish (YC_STORE (source), result, &error);
  if (id > 0 && self->flow_box != NULL)
    {
      /* On screen at once, where the store put it (the end); the read that follows confirms it. */
      YcCasePage *shown = g_steal_pointer (&data->added);

      shown->id = id;
      if (data->restore_order != G_MAXUINT)
        {
          g_autofree char *actor = _yc_scan_panel_dup_actor (self);

          /* Undo: the page goes back where it was. */
          g_ptr_array_insert (self->pages, (int) MIN (data->restore_order, self->pages->len), shown);
          yc_store_move_page_async (self->store, id, data->restore_order, actor, NULL,
                                    page_write_cb, write_data_new (self, G_MAXUINT, NULL));
        }
      else
        g_ptr_array_add (self->pages, shown);
      _yc_scan_panel_renumber (self);
      if (self->selected_id == 0 || data->restore_order != G_MAXUINT)
        self->selected_id = id;
      _yc_scan_panel_sync_thumbnails (self);
    }
  write_done (data, error);
}

/* Appends @page to this material (or puts it back at @restore_order, undoing a delete). */
static void
add_page (YcScanPanel      *self,
          const YcCasePage *page,
          guint             restore_order)
{
  g_autofree char *actor = _yc_scan_panel_dup_actor (self);
  WriteData *data = write_data_new (self, G_MAXUINT, NULL);

  data->added = yc_case_page_copy (page);
  data->restore_order = restore_order;
  /* Not cancellable: the file is stored already, and the clerk saw the page arrive. */
  yc_store_add_page_async (self->store, page, actor, NULL, add_page_cb, data);
}

void
_yc_scan_panel_add_scanned_page (YcScanPanel         *self,
                  const YcScannedPage *scanned)
{
  g_autoptr(YcCasePage) page = yc_scanned_page_to_case_page (scanned, self->case_uuid,
                                                             self->material);

  add_page (self, page, G_MAXUINT);
}

/* --- page operations --- */

static void
rotate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  YcCasePage *page = _yc_scan_panel_selected_page (self);
  gboolean left = g_str_equal (action_name, "pages.rotate-left");
  g_autofree char *actor = _yc_scan_panel_dup_actor (self);

  if (page == NULL || !self->editable)
    return;
  page->rotation = (page->rotation + (left ? 270 : 90)) % 360;
  _yc_scan_panel_sync_thumbnails (self);
  yc_store_rotate_page_async (self->store, page->id, page->rotation, actor, NULL, page_write_cb,
                              write_data_new (self, G_MAXUINT, NULL));
}

static void
move_page (YcScanPanel *self,
           gint64       id,
           guint        new_index)
{
  int index = _yc_scan_panel_index_of (self, id);
  g_autofree char *actor = _yc_scan_panel_dup_actor (self);
  YcCasePage *page;

  if (index < 0 || !self->editable || self->pages->len == 0)
    return;
  new_index = MIN (new_index, self->pages->len - 1);
  if ((guint) index == new_index)
    return;
  page = g_ptr_array_steal_index (self->pages, index);
  g_ptr_array_insert (self->pages, (int) new_index, page);
  _yc_scan_panel_renumber (self);
  self->selected_id = id;
  _yc_scan_panel_sync_thumbnails (self);
  yc_store_move_page_async (self->store, id, new_index, actor, NULL, page_write_cb,
                            write_data_new (self, G_MAXUINT, NULL));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  int index = _yc_scan_panel_index_of (self, self->selected_id);

  if (index < 0)
    return;
  if (g_str_equal (action_name, "pages.move-earlier") && index > 0)
    move_page (self, self->selected_id, index - 1);
  else if (g_str_equal (action_name, "pages.move-later"))
    move_page (self, self->selected_id, index + 1);
}

/* Takes the selected page off the screen; the next one (or the one before) is selected. */
static YcCasePage *
take_selected (YcScanPanel *self)
{
  int index = _yc_scan_panel_index_of (self, self->selected_id);
  YcCasePage *page;

  if (index < 0)
    return NULL;
  page = g_ptr_array_steal_index (self->pages, index);
  _yc_scan_panel_renumber (self);
  if (self->pages->len == 0)
    self->selected_id = 0;
  else
    self->selected_id = ((YcCasePage *) g_ptr_array_index (self->pages,
                                                           MIN ((guint) index,
                                                                self->pages->len - 1)))->id;
  _yc_scan_panel_sync_thumbnails (self);
  return page;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  g_autofree char *actor = _yc_scan_panel_dup_actor (self);
  g_autofree char *title = NULL;
  YcCasePage *page;
  AdwToast *toast;

  if (!self->editable || (page = take_selected (self)) == NULL)
    return;

  /* Kept for Undo: the store forgets the record, the file stays in the file store. */
  g_clear_pointer (&self->deleted, yc_case_page_free);
  self->deleted = page;
  yc_store_delete_page_async (self->store, page->id, actor, NULL, page_write_cb,
                              write_data_new (self, G_MAXUINT, NULL));

  /* Translators: a toast after Delete; %u is the page's number */
  title = g_strdup_printf (_("Page %u deleted"), page->page_order + 1);
  toast = adw_toast_new (title);
  adw_toast_set_button_label (toast, _("_Undo"));
  adw_toast_set_action_name (toast, "pages.undo-delete");
  adw_toast_set_priority (toast, ADW_TOAST_PRIORITY_HIGH);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
  _yc_scan_panel_update_actions (self);
}

static void
undo_delete_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  g_autoptr(YcCasePage) page = g_steal_pointer (&self->deleted);

  if (page == NULL || !self->editable)
    return;
  add_page (self, page, page->page_order);
  _yc_scan_panel_update_actions (self);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  guint target = g_variant_get_uint32 (parameter);
  g_autofree char *actor = _yc_scan_panel_dup_actor (self);
  g_autofree char *label = NULL;
  g_autoptr(YcCasePage) page = NULL;
  char *message;

  if (!self->editable || target == self->material ||
      target >= g_list_model_get_n_items (self->materials) ||
      (page = take_selected (self)) == NULL)
    return;

  label = _yc_scan_panel_dup_material_label (self, target);
  /* Translators: a toast after moving a page to another material, e.g. "Page moved to 2. 户口簿" */
  message = g_strdup_printf (_("Page moved to %s"), label);
  yc_store_move_page_to_material_async (self->store, page->id, target, actor, NULL, page_write_cb,
                                        write_data_new (self, target, message));
}

static void
move_menu_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);

  gtk_menu_button_popup (self->move_to_button);
}
/* --- drag and drop between thumbnails --- */

static GdkContentProvider *
drag_prepare_cb (GtkDragSource *source,
                 double         x,
                 double         y,
                 YcScanPanel   *self)
{
  GtkWidget *thumbnail = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));

  return gdk_content_provider_new_typed (G_TYPE_INT64,
                                         yc_page_thumbnail_get_page (YC_PAGE_THUMBNAIL (thumbnail))->id);
}

static void
drag_begin_cb (GtkDragSource *source,
               GdkDrag       *drag,
               YcScanPanel   *self)
{
  GtkWidget *thumbnail = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (source));
  GdkTexture *texture = yc_page_thumbnail_get_texture (YC_PAGE_THUMBNAIL (thumbnail));

  /* The page under the pointer as its thumbnail shows it (a PDF: its first page drawn); one still
   * loading, or a PDF that cannot be drawn, gets GTK's own icon. */
  if (texture != NULL)
    gtk_drag_source_set_icon (source, GDK_PAINTABLE (texture), 0, 0);
}

static gboolean
drop_cb (GtkDropTarget *target,
         const GValue  *value,
         double         x,
         double         y,
         YcScanPanel   *self)
{
  GtkWidget *thumbnail = gtk_event_controller_get_widget (GTK_EVENT_CONTROLLER (target));
  gint64 dragged = g_value_get_int64 (value);
  int onto = _yc_scan_panel_index_of (self, yc_page_thumbnail_get_page (YC_PAGE_THUMBNAIL (thumbnail))->id);

  if (onto < 0 || _yc_scan_panel_index_of (self, dragged) < 0)
    return FALSE;
  /* Dropped on a page: it takes that page's place. */
  move_page (self, dragged, (guint) onto);
  return TRUE;
}

void
_yc_scan_panel_add_drag_and_drop (YcScanPanel *self,
                   GtkWidget   *thumbnail)
{
  GtkDragSource *source = gtk_drag_source_new ();
  GtkDropTarget *target = gtk_drop_target_new (G_TYPE_INT64, GDK_ACTION_MOVE);

  gtk_drag_source_set_actions (source, GDK_ACTION_MOVE);
  g_signal_connect_object (source, "prepare", G_CALLBACK (drag_prepare_cb), self, 0);
  g_signal_connect_object (source, "drag-begin", G_CALLBACK (drag_begin_cb), self, 0);
  gtk_widget_add_controller (thumbnail, GTK_EVENT_CONTROLLER (source));
  g_signal_connect_object (target, "drop", G_CALLBACK (drop_cb), self, 0);
  gtk_widget_add_controller (thumbnail, GTK_EVENT_CONTROLLER (target));
}


void
_yc_scan_panel_class_init_pages (GtkWidgetClass *widget_class)
{
  gtk_widget_class_install_action (widget_class, "pages.rotate-left", NULL, rotate_action);
  gtk_widget_class_install_action (widget_class, "pages.rotate-right", NULL, rotate_action);
  gtk_widget_class_install_action (widget_class, "pages.move-earlier", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pages.move-later", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pages.move-to", "u", move_to_action);
  gtk_widget_class_install_action (widget_class, "pages.move-menu", NULL, move_menu_action);
  gtk_widget_class_install_action (widget_class, "pages.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "pages.undo-delete", NULL, undo_delete_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketleft, GDK_CONTROL_MASK,
                                       "pages.rotate-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_bracketright, GDK_CONTROL_MASK,
                                       "pages.rotate-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_r, 0, "pages.rotate-right", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_R, GDK_SHIFT_MASK,
                                       "pages.rotate-left", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Left, GDK_ALT_MASK,
                                       "pages.move-earlier", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Right, GDK_ALT_MASK,
                                       "pages.move-later", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_m, 0, "pages.move-menu", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Delete, 0, "pages.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_KP_Delete, 0, "pages.delete", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_z, GDK_CONTROL_MASK,
                                       "pages.undo-delete", NULL);
}
