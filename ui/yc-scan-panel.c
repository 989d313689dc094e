/* yc-scan-panel.c: one material's pages: a scan job's pages are stored and shown as they arrive;
 * every change is shown at once and written through the store's async page functions, then the
 * pages are read back so the screen always ends up showing what is stored. */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-application.h"
#include "yc-page-viewer.h"
#include "yc-scan-panel.h"

struct _YcScanPanel
{
  AdwWindow         parent_instance;

  YcScanner        *scanner;
  YcStore          *store;
  YcFileStore      *files;
  GSettings        *settings;
  char             *case_uuid;
  GListModel       *materials;
  guint             material;
  gboolean          editable;

  GPtrArray        *pages;            /* (element-type YcCasePage) as shown, in order */
  gint64            selected_id;      /* page the actions act on, 0: none */
  GCancellable     *cancellable;      /* closes with the panel */
  GCancellable     *list_cancellable; /* the newest read of the pages */
  guint             writes_pending;
  guint             lists_pending;

  guint             job_id;           /* the scan under way, 0: none */
  gboolean          listing_devices;
  guint             pages_this_job;
  GQueue            import_queue;     /* (element-type GFile) the head is being imported */
  char             *error_message;
  YcCasePage       *deleted;          /* the last page deleted, for Undo */
  GtkWindow        *viewer;           /* (weak) */

  /* template children */
  AdwToastOverlay  *toast_overlay;
  AdwWindowTitle   *window_title;
  GtkWidget        *scan_button;
  GtkWidget        *import_button;
  GtkInfoBar       *error_bar;
  GtkLabel         *error_label;
  GtkRevealer      *progress_revealer;
  GtkLabel         *progress_label;
  GtkProgressBar   *progress_bar;
  GtkStack         *content_stack;
  AdwStatusPage    *empty_page;
  GtkFlowBox       *flow_box;
  GtkActionBar     *action_bar;
  GtkMenuButton    *move_to_button;
};

G_DEFINE_FINAL_TYPE (YcScanPanel, yc_scan_panel, ADW_TYPE_WINDOW)

enum {
  PAGES_CHANGED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void reload (YcScanPanel *self);

/* --- helpers --- */

static char *
dup_actor (YcScanPanel *self)
{
  g_autofree char *clerk = g_settings_get_string (self->settings, "clerk-name");

  g_strstrip (clerk);
  /* The audit log needs someone; an unnamed workstation writes its own name. */
  return *clerk != '\0' ? g_steal_pointer (&clerk) : g_strdup ("workstation");
}

static char *
dup_material_label (YcScanPanel *self,
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

static int
index_of (YcScanPanel *self,
          gint64       id)
{
  for (guint i = 0; i < self->pages->len; i++)
    if (((YcCasePage *) g_ptr_array_index (self->pages, i))->id == id)
      return (int) i;
  return -1;
}

static YcCasePage *
selected_page (YcScanPanel *self)
{
  int index = index_of (self, self->selected_id);

  return index >= 0 ? g_ptr_array_index (self->pages, index) : NULL;
}

static void
renumber (YcScanPanel *self)
{
  for (guint i = 0; i < self->pages->len; i++)
    ((YcCasePage *) g_ptr_array_index (self->pages, i))->page_order = i;
}

static void
show_toast (YcScanPanel *self,
            const char  *text)
{
  AdwToast *toast = adw_toast_new (text);

  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
show_error (YcScanPanel *self,
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

static void
update_actions (YcScanPanel *self)
{
  YcCasePage *page = selected_page (self);
  int index = page != NULL ? index_of (self, page->id) : -1;
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

  if (self->pages->len > 0)
    subtitle = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "%u page", "%u pages",
                                             self->pages->len), self->pages->len);
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
  int index = index_of (self, self->selected_id);
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

static void add_drag_and_drop (YcScanPanel *self, GtkWidget *thumbnail);

/* Brings the thumbnails in line with self->pages, keeping (not decoding again) those whose file and
 * rotation are unchanged. */
static void
sync_thumbnails (YcScanPanel *self)
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
            add_drag_and_drop (self, thumbnail);
        }
      gtk_flow_box_append (self->flow_box, thumbnail);
    }

  update_title (self);
  select_id (self, had_focus && self->pages->len > 0);
  update_actions (self);
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
      show_toast (self, error->message);
      return;
    }
  /* A change made since this read started will read again when it is written. */
  if (self->writes_pending > 0 || self->flow_box == NULL)
    return;

  g_ptr_array_unref (self->pages);
  self->pages = g_steal_pointer (&pages);
  sync_thumbnails (self);
}

static void
reload (YcScanPanel *self)
{
  g_cancellable_cancel (self->list_cancellable);
  g_clear_object (&self->list_cancellable);
  self->list_cancellable = g_cancellable_new ();
  self->lists_pending++;
  yc_store_list_pages_async (self->store, self->case_uuid, (int) self->material,
                             self->list_cancellable, list_pages_cb, g_object_ref (self));
}


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
        show_toast (self, error->message);
    }
  else if (data->done_message != NULL && alive)
    show_toast (self, data->done_message);

  g_signal_emit (self, signals[PAGES_CHANGED], 0, self->material);
  if (data->other_material != G_MAXUINT)
    g_signal_emit (self, signals[PAGES_CHANGED], 0, data->other_material);
  /* Once the last change is written, show exactly what the store holds. */
  if (self->writes_pending == 0 && alive)
    reload (self);

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
          g_autofree char *actor = dup_actor (self);

          /* Undo: the page goes back where it was. */
          g_ptr_array_insert (self->pages, (int) MIN (data->restore_order, self->pages->len), shown);
          yc_store_move_page_async (self->store, id, data->restore_order, actor, NULL,
                                    page_write_cb, write_data_new (self, G_MAXUINT, NULL));
        }
      else
        g_ptr_array_add (self->pages, shown);
      renumber (self);
      if (self->selected_id == 0 || data->restore_order != G_MAXUINT)
        self->selected_id = id;
      sync_thumbnails (self);
    }
  write_done (data, error);
}

/* Appends @page to this material (or puts it back at @restore_order, undoing a delete). */
static void
add_page (YcScanPanel      *self,
          const YcCasePage *page,
          guint             restore_order)
{
  g_autofree char *actor = dup_actor (self);
  WriteData *data = write_data_new (self, G_MAXUINT, NULL);

  data->added = yc_case_page_copy (page);
  data->restore_order = restore_order;
  /* Not cancellable: the file is stored already, and the clerk saw the page arrive. */
  yc_store_add_page_async (self->store, page, actor, NULL, add_page_cb, data);
}

static void
add_scanned_page (YcScanPanel         *self,
                  const YcScannedPage *scanned)
{
  g_autoptr(YcCasePage) page = yc_scanned_page_to_case_page (scanned, self->case_uuid,
                                                             self->material);

  add_page (self, page, G_MAXUINT);
}

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
  add_scanned_page (self, page);
}

static void
set_scanner (YcScanPanel *self,
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
    set_scanner (self, yc_application_get_scanner (YC_APPLICATION (app)));
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
          show_toast (self, text);
        }
      else
        {
          /* The core's message says what to do, and how many pages were kept. */
          g_message ("Scan job %u failed after %u pages: %s", job_id, kept, error->message);
          show_error (self, error->message);
        }
    }
  update_actions (self);
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

  show_error (self, NULL);
  self->pages_this_job = 0;
  data = g_new0 (JobData, 1);
  data->self = g_object_ref (self);
  self->job_id = yc_scanner_scan_async (self->scanner, device, settings, NULL, scan_done_cb, data);
  data->job_id = self->job_id;
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  set_progress (self, settings->source == YC_SCAN_SOURCE_FLATBED
                      ? _("Scanning…") : _("Scanning from the feeder…"), 0);
  update_actions (self);
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
  update_actions (self);
  if (devices == NULL)
    {
      show_error (self, error->message);
      return;
    }
  if (devices->len == 0)
    {
      show_error (self, _("No scanner was found. Check that it is connected and switched on, then "
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
      show_error (self, _("Scanning is not available: the store for scanned files could not be "
                          "opened. Restart Yichuang; if this persists, call technical support."));
      return;
    }

  device = g_settings_get_string (self->settings, "scanner-device");
  if (*device == '\0')
    {
      /* Off the main thread: SANE may take seconds to probe the network. */
      self->listing_devices = TRUE;
      show_error (self, NULL);
      set_progress (self, _("Looking for scanners…"), -1);
      update_actions (self);
      yc_scanner_list_devices_async (self->scanner, self->cancellable, list_devices_cb,
                                     g_object_ref (self));
      return;
    }
  start_job (self, device);
}

static void
cancel_scan (YcScanPanel *self)
{
  if (self->job_id != 0 && self->scanner != NULL)
    yc_scanner_cancel (self->scanner, self->job_id);
}

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
    add_scanned_page (self, page);
  else if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED) && self->flow_box != NULL)
    {
      g_autofree char *name = g_file_get_basename (file);
      g_autofree char *text = NULL;

      /* Translators: importing a file failed: its name and why */
      text = g_strdup_printf (_("Could not import “%s”: %s"), name, error->message);
      show_toast (self, text);
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
  g_autofree char *label = dup_material_label (self, self->material);
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

/* --- page operations --- */

static void
rotate_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  YcCasePage *page = selected_page (self);
  gboolean left = g_str_equal (action_name, "pages.rotate-left");
  g_autofree char *actor = dup_actor (self);

  if (page == NULL || !self->editable)
    return;
  page->rotation = (page->rotation + (left ? 270 : 90)) % 360;
  sync_thumbnails (self);
  yc_store_rotate_page_async (self->store, page->id, page->rotation, actor, NULL, page_write_cb,
                              write_data_new (self, G_MAXUINT, NULL));
}

static void
move_page (YcScanPanel *self,
           gint64       id,
           guint        new_index)
{
  int index = index_of (self, id);
  g_autofree char *actor = dup_actor (self);
  YcCasePage *page;

  if (index < 0 || !self->editable || self->pages->len == 0)
    return;
  new_index = MIN (new_index, self->pages->len - 1);
  if ((guint) index == new_index)
    return;
  page = g_ptr_array_steal_index (self->pages, index);
  g_ptr_array_insert (self->pages, (int) new_index, page);
  renumber (self);
  self->selected_id = id;
  sync_thumbnails (self);
  yc_store_move_page_async (self->store, id, new_index, actor, NULL, page_write_cb,
                            write_data_new (self, G_MAXUINT, NULL));
}

static void
move_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  int index = index_of (self, self->selected_id);

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
  int index = index_of (self, self->selected_id);
  YcCasePage *page;

  if (index < 0)
    return NULL;
  page = g_ptr_array_steal_index (self->pages, index);
  renumber (self);
  if (self->pages->len == 0)
    self->selected_id = 0;
  else
    self->selected_id = ((YcCasePage *) g_ptr_array_index (self->pages,
                                                           MIN ((guint) index,
                                                                self->pages->len - 1)))->id;
  sync_thumbnails (self);
  return page;
}

static void
delete_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  g_autofree char *actor = dup_actor (self);
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
  update_actions (self);
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
  update_actions (self);
}

static void
move_to_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);
  guint target = g_variant_get_uint32 (parameter);
  g_autofree char *actor = dup_actor (self);
  g_autofree char *label = NULL;
  g_autoptr(YcCasePage) page = NULL;
  char *message;

  if (!self->editable || target == self->material ||
      target >= g_list_model_get_n_items (self->materials) ||
      (page = take_selected (self)) == NULL)
    return;

  label = dup_material_label (self, target);
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

static void
view_page (YcScanPanel *self,
           guint        index)
{
  g_autofree char *label = dup_material_label (self, self->material);
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
  int index = index_of (self, self->selected_id);

  view_page (self, index >= 0 ? (guint) index : 0);
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
  cancel_scan (YC_SCAN_PANEL (widget));
}

static void
escape_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *parameter)
{
  YcScanPanel *self = YC_SCAN_PANEL (widget);

  /* Escape stops a scan first; once nothing runs, it closes the panel. */
  if (self->job_id != 0)
    cancel_scan (self);
  else
    gtk_window_close (GTK_WINDOW (self));
}

static void
selection_changed_cb (YcScanPanel *self)
{
  g_autoptr(GList) selected = gtk_flow_box_get_selected_children (self->flow_box);

  if (selected != NULL)
    self->selected_id = yc_page_thumbnail_get_page (YC_PAGE_THUMBNAIL (selected->data))->id;
  update_actions (self);
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
  cancel_scan (self);
  return FALSE;
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
  int onto = index_of (self, yc_page_thumbnail_get_page (YC_PAGE_THUMBNAIL (thumbnail))->id);

  if (onto < 0 || index_of (self, dragged) < 0)
    return FALSE;
  /* Dropped on a page: it takes that page's place. */
  move_page (self, dragged, (guint) onto);
  return TRUE;
}

static void
add_drag_and_drop (YcScanPanel *self,
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
      label = dup_material_label (self, i);
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

  cancel_scan (self);
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

  gtk_widget_class_install_action (widget_class, "pages.scan", NULL, scan_action);
  gtk_widget_class_install_action (widget_class, "pages.import", NULL, import_action);
  gtk_widget_class_install_action (widget_class, "pages.cancel", NULL, cancel_action);
  gtk_widget_class_install_action (widget_class, "pages.escape", NULL, escape_action);
  gtk_widget_class_install_action (widget_class, "pages.rotate-left", NULL, rotate_action);
  gtk_widget_class_install_action (widget_class, "pages.rotate-right", NULL, rotate_action);
  gtk_widget_class_install_action (widget_class, "pages.move-earlier", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pages.move-later", NULL, move_action);
  gtk_widget_class_install_action (widget_class, "pages.move-to", "u", move_to_action);
  gtk_widget_class_install_action (widget_class, "pages.move-menu", NULL, move_menu_action);
  gtk_widget_class_install_action (widget_class, "pages.delete", NULL, delete_action);
  gtk_widget_class_install_action (widget_class, "pages.undo-delete", NULL, undo_delete_action);
  gtk_widget_class_install_action (widget_class, "pages.view", NULL, view_action);

  /* The shortcuts window (gtk/help-overlay.ui) lists these. */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_s, 0, "pages.scan", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_o, GDK_CONTROL_MASK,
                                       "pages.import", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "pages.escape", NULL);
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

static void
yc_scan_panel_init (YcScanPanel *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_case_page_free);
  self->cancellable = g_cancellable_new ();
  g_queue_init (&self->import_queue);
  show_error (self, NULL);
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
  set_scanner (self, scanner);

  label = dup_material_label (self, material);
  adw_window_title_set_title (self->window_title, label);
  gtk_window_set_title (GTK_WINDOW (self), label);
  gtk_widget_set_visible (self->scan_button, editable);
  gtk_widget_set_visible (self->import_button, editable);
  gtk_widget_set_visible (GTK_WIDGET (self->action_bar), editable);
  adw_status_page_set_description (self->empty_page,
                                   editable ? _("Put the papers on the scanner or in its feeder and "
                                                "press Scan (S), or import files (Ctrl+O).")
                                            : _("Nothing was scanned or imported for this "
                                                "material."));
  build_move_menu (self);
  update_title (self);
  update_actions (self);
  reload (self);
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
  update_actions (self);
}

GtkWindow *
yc_scan_panel_get_viewer (YcScanPanel *self)
{
  g_return_val_if_fail (YC_IS_SCAN_PANEL (self), NULL);

  return self->viewer;
}
