/* yc-scan-panel.c: one material's pages: a scan job's pages are stored and shown as they arrive;
 * every change is shown at once and written through the store's async page functions, then the
 * pages are read back so the screen always ends up showing what is stored. The scanning, importing
 * and page changes are in yc-scan-panel-scanning.c, -import.c and -pages.c. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-page-viewer.h"
#include "yc-scan-panel-private.h"

G_DEFINE_FINAL_TYPE (YcScanPanel, yc_scan_panel, ADW_TYPE_WINDOW)

enum {
  PAGES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* --- helpers --- */

char *
_yc_scan_panel_dup_actor (YcScanPanel *self)
{
  g_autofree char *clerk = g_settings_get_string (self->settings, "clerk-name");

  g_strstrip (clerk);
  /* The audit log needs someone; an unnamed workstation writes its own name. */
  return *clerk != '\0' ? g_steal_pointer (&clerk) : g_strdup ("workstation");
}

char *
_yc_scan_panel_dup_material_label (YcScanPanel *self,
                    guint        position)
{
  g_autoptr(GObject) item = g_list_model_get_item (self->materials, position);

  if (item == NULL)
    /* Translators: a checklist line known only by its number */
    return g_strdup_printf (_("Material %u"), position + 1);
  /* Translators: a checklist line: its number and name, e.g. "2. 出生医学证明" */
  return g_strdup_printf (_("%u. %s"), position + 1,
                          yc_case_material_get_name (YC_CASE_MATERIAL (item)));
}

int
_yc_scan_panel_index_of (YcScanPanel *self,
          gint64       id)
{
  for (guint i = 0; i < self->pages->len; i++)
    if (((YcCasePage *) g_ptr_array_index (self->pages, i))->id == id)
      return (int) i;
  return -1;
}

YcCasePage *
_yc_scan_panel_selected_page (YcScanPanel *self)
{
  int index = _yc_scan_panel_index_of (self, self->selected_id);

  return index >= 0 ? g_ptr_array_index (self->pages, index) : NULL;
}

void
_yc_scan_panel_renumber (YcScanPanel *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    ((YcCasePage *) g_ptr_array_index (self->pages, i))->page_order = i;
}

void
_yc_scan_panel_show_toast (YcScanPanel *self,
            const char  *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

void
_yc_scan_panel_show_error (YcScanPanel *self,
            const char  *message)
{
  g_free (self->error_message);
  self->error_message = g_strdup (message);
  if (message != NULL)
    gtk_label_set_text (self->error_label, message);
  gtk_info_bar_set_revealed (self->error_bar, message != NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->error_bar), message != NULL);
}

/* --- showing the pages --- */

void
_yc_scan_panel_update_actions (YcScanPanel *self)
{
  YcCasePage *page = _yc_scan_panel_selected_page (self);
  int index = page != NULL ? _yc_scan_panel_index_of (self, page->id) : -1;
  gboolean scanning = self->job_id != 0 || self->listing_devices;
  gboolean can_edit = self->editable && page != NULL;

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.scan", self->editable && !scanning);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.import", self->editable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.cancel", scanning);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.rotate-left", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.rotate-right", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.delete", can_edit);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.move-earlier", can_edit && index > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.move-later",
                                 can_edit && index >= 0 && (guint) index + 1 < self->pages->len);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.move-to",
                                 can_edit && g_list_model_get_n_items (self->materials) > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.move-menu",
                                 can_edit && g_list_model_get_n_items (self->materials) > 1);
  gtk_widget_set_sensitive (GTK_WIDGET (self->move_to_button),
                            can_edit && g_list_model_get_n_items (self->materials) > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.view", self->pages->len > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "pages.undo-delete",
                                 self->editable && self->deleted != NULL);
}

static void
update_title (YcScanPanel *self)
{
  g_autofree char *subtitle = NULL;
  guint n_pages = 0;

  /* Paper pages: an imported PDF counts with all of its pages. */
  for (guint i = 0; i < self->pages->len; i++)
    n_pages += MAX (((YcCasePage *) g_ptr_array_index (self->pages, i))->page_count, 1);
  if (self->pages->len > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages", n_pages),
                                n_pages);
  else
    subtitle = g_strdup (_("No pages"));
  adw_window_title_set_subtitle (self->window_title, subtitle);
  gtk_stack_set_visible_child_name (self->content_stack, self->pages->len > 0 ? "pages" : "empty");
}

static YcPageThumbnail *
thumbnail_at (YcScanPanel *self,
              guint        index)
{
  GtkFlowBoxChild *child = gtk_flow_box_get_child_at_index (self->flow_box, (int) index);

  return child != NULL ? YC_PAGE_THUMBNAIL (child) : NULL;
}

static void
select_id (YcScanPanel *self,
           gboolean     focus)
{
  int index = _yc_scan_panel_index_of (self, self->selected_id);
  YcPageThumbnail *thumbnail;

  if (index < 0 && self->pages->len > 0)
    {
      index = 0;
      self->selected_id = ((YcCasePage *) g_ptr_array_index (self->pages, 0))->id;
    }
  if (index < 0)
    {
      self->selected_id = 0;
      gtk_flow_box_unselect_all (self->flow_box);
      return;
    }
  thumbnail = thumbnail_at (self, index);
  if (thumbnail == NULL)
    return;
  gtk_flow_box_select_child (self->flow_box, GTK_FLOW_BOX_CHILD (thumbnail));
  if (focus)
    gtk_widget_grab_focus (GTK_WIDGET (thumbnail));
}

static gboolean
focus_in_pages (YcScanPanel *self)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  return focus == NULL || focus == GTK_WIDGET (self->flow_box) ||
         gtk_widget_is_ancestor (focus, GTK_WIDGET (self->flow_box));
}

/* Brings the thumbnails in line with self->pages, keeping (not decoding again) those whose file and
 * rotation are unchanged. */
void
_yc_scan_panel_sync_thumbnails (YcScanPanel *self)
{
  g_autoptr(GHashTable) by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                       g_object_unref);
  gboolean had_focus = focus_in_pages (self) && gtk_widget_get_mapped (GTK_WIDGET (self->flow_box));
  guint same = 0;
  GtkWidget *child;

  /* The unchanged start of the list stays in place (a scan only appends). */
  while (same < self->pages->len)
    {
      YcPageThumbnail *thumbnail = thumbnail_at (self, same);
      YcCasePage *page = g_ptr_array_index (self->pages, same);

      if (thumbnail == NULL || yc_page_thumbnail_get_page (thumbnail)->id != page->id)
        break;
      yc_page_thumbnail_set_page (thumbnail, page);
      same++;
    }

  /* The rest is taken out and put back in the new order. */
  while ((child = GTK_WIDGET (thumbnail_at (self, same))) != NULL)
    {
      const YcCasePage *page = yc_page_thumbnail_get_page (YC_PAGE_THUMBNAIL (child));

      g_hash_table_insert (by_id, (gpointer) &page->id, g_object_ref (child));
      gtk_flow_box_remove (self->flow_box, child);
    }
  for (guint i = same; i < self->pages->len; i++)
    {
      YcCasePage *page = g_ptr_array_index (self->pages, i);
      GtkWidget *thumbnail = g_hash_table_lookup (by_id, &page->id);

      if (thumbnail != NULL)
        yc_page_thumbnail_set_page (YC_PAGE_THUMBNAIL (thumbnail), page);
      else
        {
          thumbnail = yc_page_thumbnail_new (self->files, page);
          if (self->editable)
            _yc_scan_panel_add_drag_and_drop (self, thumbnail);
        }
      gtk_flow_box_append (self->flow_box, thumbnail);
    }

  update_title (self);
  select_id (self, had_focus && self->pages->len > 0);
  _yc_scan_panel_update_actions (self);
}

static void
list_pages_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr(YcScanPanel) self = user_data;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;

  pages = yc_store_list_pages_finish (YC_STORE (source), result, &error);
  self->lists_pending--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (pages == NULL)
    {
      g_warning ("Could not read the pages: %s", error->message);
      _yc_scan_panel_show_toast (self, error->message);
      return;
    }
  /* A change made since this read started will read again when it is written. */
  if (self->writes_pending > 0 || self->flow_box == NULL)
    return;

  g_ptr_array_unref (self->pages);
  self->pages = g_steal_pointer (&pages);
  _yc_scan_panel_sync_thumbnails (self);
}

void
_yc_scan_panel_reload (YcScanPanel *self)
{
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  self->lists_pending++;
  yc_store_list_pages_async (self->store, self->case_uuid, (int) self->material,
                             self->list_cancellable, list_pages_cb, g_object_ref (self));
}



static void
view_page (YcScanPanel *self,
           guint        index)
{
  g_autofree char *label = _yc_scan_panel_dup_material_label (self, self->material);
  YcPageViewer *viewer;

  if (self->pages->len == 0)
    return;
  viewer = yc_page_viewer_new (self->files, self->pages, index, label);
  gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (self));
  gtk_window_set_modal (GTK_WINDOW (viewer), TRUE);
  gtk_window_set_application (GTK_WINDOW (viewer), gtk_window_get_application (GTK_WINDOW (self)));
  g_set_weak_pointer (&self->viewer, GTK_WINDOW (viewer));
  gtk_window_present (GTK_WINDOW (viewer));
}

static void
view_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  int index = _yc_scan_panel_index_of (self, self->selected_id);

  view_page (self, index >= 0 ? (guint) index : 0);
}

static void
selection_changed_cb (YcScanPanel *self)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (self->flow_box);

  if (selected != NULL)
    self->selected_id = yc_page_thumbnail_get_page (YC_PAGE_THUMBNAIL (selected->data))->id;
  _yc_scan_panel_update_actions (self);
}

static void
child_activated_cb (YcScanPanel     *self,
                    GtkFlowBoxChild *child)
{
  view_page (self, (guint) gtk_flow_box_child_get_index (child));
}

static gboolean
close_request_cb (YcScanPanel *self)
{
  /* Closing while scanning stops the scanner; the pages it delivered are kept. */
  _yc_scan_panel_cancel_scan (self);
  return FALSE;
}

/* --- the object --- */

static void
build_move_menu (YcScanPanel *self)
{
  g_autoptr(GMenu) menu = g_menu_new ();
  guint n = g_list_model_get_n_items (self->materials);

  for (guint i = 0; i < n; i++)
    {
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (i == self->material)
        continue;
      label = _yc_scan_panel_dup_material_label (self, i);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "pages.move-to", g_variant_new_uint32 (i));
      g_menu_append_item (menu, item);
    }
  gtk_menu_button_set_menu_model (self->move_to_button, G_MENU_MODEL (menu));
}

static void
yc_scan_panel_dispose (GObject *object)
{
  YcScanPanel *self = YC_SCAN_PANEL (object);

  _yc_scan_panel_cancel_scan (self);
  g_cancellable_cancel (self->cancellable);
  g_cancellable_cancel (self->list_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YC_TYPE_SCAN_PANEL);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->list_cancellable);
  g_queue_clear_full (&self->import_queue, g_object_unref);
  g_clear_weak_pointer (&self->viewer);
  g_clear_object (&self->scanner);
  g_clear_object (&self->store);
  g_clear_object (&self->files);
  g_clear_object (&self->settings);
  g_clear_object (&self->materials);

  G_OBJECT_CLASS (yc_scan_panel_parent_class)->dispose (object);
}

static void
yc_scan_panel_finalize (GObject *object)
{
  YcScanPanel *self = YC_SCAN_PANEL (object);

  g_free (self->case_uuid);
  g_free (self->error_message);
  g_clear_pointer (&self->pages, g_ptr_array_unref);
  g_clear_pointer (&self->deleted, yc_case_page_free);

  G_OBJECT_CLASS (yc_scan_panel_parent_class)->finalize (object);
}

static void
yc_scan_panel_class_init (YcScanPanelClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yc_scan_panel_dispose;
  object_class->finalize = yc_scan_panel_finalize;

  signals[PAGES_CHANGED] = g_signal_new ("pages-changed", G_TYPE_FROM_CLASS (klass),
                                         G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                         G_TYPE_NONE, 1, G_TYPE_UINT);

  g_type_ensure (YC_TYPE_PAGE_THUMBNAIL);
  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/yichuang/Yichuang/ui/yc-scan-panel.ui");
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, window_title);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, scan_button);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, import_button);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, error_bar);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, error_label);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, progress_revealer);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, progress_label);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, content_stack);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, empty_page);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, flow_box);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, action_bar);
  gtk_widget_class_bind_template_child (widget_class, YcScanPanel, move_to_button);
  gtk_widget_class_bind_template_callback (widget_class, selection_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, child_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, close_request_cb);

  gtk_widget_class_install_action (widget_class, "pages.view", NULL, view_action);
  /* The shortcuts window (gtk/help-overlay.ui) lists the keys each part binds. */
  _yc_scan_panel_class_init_scanning (widget_class);
  _yc_scan_panel_class_init_import (widget_class);
  _yc_scan_panel_class_init_pages (widget_class);
}

static void
yc_scan_panel_init (YcScanPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_case_page_free);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->import_queue);
  _yc_scan_panel_show_error (self, NULL);
}

YcScanPanel *
yc_scan_panel_new (YcScanner   *scanner,
                   YcStore     *store,
                   YcFileStore *files,
                   GSettings   *settings,
                   const char  *case_uuid,
                   GListModel  *materials,
                   guint        material,
                   gboolean     editable)
{
  YcScanPanel *self;
  g_autofree char *label = NULL;

  g_return_val_if_fail (scanner == NULL || YC_IS_SCANNER (scanner), NULL);
  g_return_val_if_fail (YC_IS_STORE (store), NULL);
  g_return_val_if_fail (YC_IS_FILE_STORE (files), NULL);
  g_return_val_if_fail (G_IS_SETTINGS (settings), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);
  g_return_val_if_fail (G_IS_LIST_MODEL (materials), NULL);

  self = g_object_new (YC_TYPE_SCAN_PANEL, NULL);
  self->store = g_object_ref (store);
  self->files = g_object_ref (files);
  self->settings = g_object_ref (settings);
  self->case_uuid = g_strdup (case_uuid);
  self->materials = g_object_ref (materials);
  self->material = material;
  self->editable = editable;
  _yc_scan_panel_set_scanner (self, scanner);

  label = _yc_scan_panel_dup_material_label (self, material);
  adw_window_title_set_title (self->window_title, label);
  gtk_window_set_title (GTK_WINDOW (self), label);
  gtk_widget_set_visible (self->scan_button, editable);
  gtk_widget_set_visible (self->import_button, editable);
  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), editable);
  adw_status_page_set_description (self->empty_page,
                                   editable ? _("Put the papers on the scanner or in its feeder and "
                                                "press Scan (S), or import files (Ctrl+I).")
                                            : _("Nothing was scanned or imported for this "
                                                "material."));
  build_move_menu (self);
  update_title (self);
  _yc_scan_panel_update_actions (self);
  _yc_scan_panel_reload (self);
  return self;
}

const char *
yc_scan_panel_get_case_uuid (YcScanPanel *self)
{
  g_return_val_if_fail (YC_IS_SCAN_PANEL (self), NULL);

  return self->case_uuid;
}

guint
yc_scan_panel_get_material (YcScanPanel *self)
{
  g_return_val_if_fail (YC_IS_SCAN_PANEL (self), 0);

  return self->material;
}

gboolean
yc_scan_panel_get_scanning (YcScanPanel *self)
{
  g_return_val_if_fail (YC_IS_SCAN_PANEL (self), FALSE);

  return self->job_id != 0 || self->listing_devices;
}

gboolean
yc_scan_panel_get_busy (YcScanPanel *self)
{
  g_return_val_if_fail (YC_IS_SCAN_PANEL (self), FALSE);

  return self->writes_pending > 0 || self->lists_pending > 0;
}

const char *
yc_scan_panel_get_error (YcScanPanel *self)
{
  g_return_val_if_fail (YC_IS_SCAN_PANEL (self), NULL);

  return self->error_message;
}

guint
yc_scan_panel_get_n_pages (YcScanPanel *self)
{
  g_return_val_if_fail (YC_IS_SCAN_PANEL (self), 0);

  return self->pages->len;
}

YcPageThumbnail *
yc_scan_panel_get_thumbnail (YcScanPanel *self,
                             guint        index)
{
  g_return_val_if_fail (YC_IS_SCAN_PANEL (self), NULL);

  return thumbnail_at (self, index);
}

void
yc_scan_panel_select (YcScanPanel *self,
                      guint        index)
{
  g_return_if_fail (YC_IS_SCAN_PANEL (self));

  if (index >= self->pages->len)
    return;
  self->selected_id = ((YcCasePage *) g_ptr_array_index (self->pages, index))->id;
  select_id (self, TRUE);
  _yc_scan_panel_update_actions (self);
}

GtkWindow *
yc_scan_panel_get_viewer (YcScanPanel *self)
{
  g_return_val_if_fail (YC_IS_SCAN_PANEL (self), NULL);

  return self->viewer;
}

