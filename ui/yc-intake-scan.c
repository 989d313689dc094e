/* yc-intake-scan.c: joins the checklist rows of an intake to their pages: Scan and the page count on
 * each row, the scan panel, the "scanned" state, and the material PDFs.
 *
 * When the PDFs are made: each time a scan panel closes (the clerk is done with that material's
 * pages), and again when the case is decided, for any material whose pages changed since or whose
 * PDF was never made (a crash with the panel open). The store drops a material's PDF whenever its
 * pages change, so "no PDF" always means "assemble it". */
#define G_LOG_DOMAIN "yc-ui"

#include <glib/gi18n.h>

#include "yc-application.h"
#include "yc-intake-scan.h"
#include "yc-material-row.h"
#include "yc-page-pdf.h"
#include "yc-page-viewer.h"
#include "yc-store-pages.h"

#define DATA_KEY "yc-material-pages"

/* Kept on the checklist (the GtkListBox of YcMaterialRow), for the case it shows. */
typedef struct {
  GtkListBox   *list;           /* (weak) owns this */
  YcStore      *store;
  YcCase       *kase;
  GCancellable *cancellable;
  YcScanPanel  *panel;          /* (weak) */
  guint         counts_pending;
  guint         pdfs_pending;
  guint         imports_pending;
} MaterialPages;

static void
material_pages_free (MaterialPages *d)
{
  g_cancellable_cancel (d->cancellable);
  g_clear_object (&d->cancellable);
  g_clear_object (&d->store);
  g_clear_object (&d->kase);
  g_clear_weak_pointer (&d->panel);
  g_free (d);
}

static void install_actions (GtkListBox *list);

static MaterialPages *
get_data (GtkListBox *list)
{
  MaterialPages *d = list != NULL ? g_object_get_data (G_OBJECT (list), DATA_KEY) : NULL;

  if (d == NULL && list != NULL)
    {
      d = g_new0 (MaterialPages, 1);
      d->list = list;
      d->cancellable = g_cancellable_new ();
      g_object_set_data_full (G_OBJECT (list), DATA_KEY, d, (GDestroyNotify) material_pages_free);
      install_actions (list);
    }
  return d;
}

static YcApplication *
get_application (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root)) : NULL;

  if (app == NULL)
    app = GTK_APPLICATION (g_application_get_default ());
  return YC_IS_APPLICATION (app) ? YC_APPLICATION (app) : NULL;
}

static char *
dup_actor (YcApplication *app)
{
  g_autofree char *clerk = g_settings_get_string (yc_application_get_settings (app), "clerk-name");

  g_strstrip (clerk);
  return *clerk != '\0' ? g_steal_pointer (&clerk) : g_strdup ("workstation");
}

static YcMaterialRow *
row_at (GtkListBox *list,
        guint       position)
{
  GtkListBoxRow *row = list != NULL ? gtk_list_box_get_row_at_index (list, (int) position) : NULL;

  return YC_IS_MATERIAL_ROW (row) ? YC_MATERIAL_ROW (row) : NULL;
}

/* --- page counts and the "scanned" state --- */

static void
update_row (YcMaterialRow *row,
            guint          n_pages)
{
  YcCaseMaterial *material = yc_material_row_get_material (row);
  YcMaterialState state = yc_case_material_get_state (material);
  const char *attachment = yc_case_material_get_attachment (material);

  yc_material_row_set_page_count (row, n_pages);
  /* Pages make a material scanned, unless the clerk said it was provided otherwise (original
   * checked, …); a tolerated one being supplemented is received by its pages. The row's rules
   * still apply: a read-only row or a state not allowed changes nothing. */
  if (n_pages > 0 &&
      (state == YC_MATERIAL_STATE_PENDING || state == YC_MATERIAL_STATE_TOLERATED))
    yc_material_row_choose_state (row, YC_MATERIAL_STATE_SCANNED, NULL);
  /* Its last page gone, a material scanned here is pending again (an imported attachment keeps
   * it scanned). */
  else if (n_pages == 0 && state == YC_MATERIAL_STATE_SCANNED &&
           (attachment == NULL || *attachment == '\0'))
    yc_material_row_choose_state (row, YC_MATERIAL_STATE_PENDING, NULL);
}

typedef struct {
  GtkListBox *list;
  char       *case_uuid;
} CountsData;

static void
counts_cb (GObject      *source,
           GAsyncResult *result,
           gpointer      user_data)
{
  CountsData *data = user_data;
  g_autoptr(GtkListBox) list = data->list;
  g_autofree char *case_uuid = data->case_uuid;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GArray) counts = g_array_new (FALSE, TRUE, sizeof (guint));
  MaterialPages *d = get_data (list);
  YcMaterialRow *row;

  g_free (data);
  d->counts_pending--;
  pages = yc_store_list_pages_finish (YC_STORE (source), result, &error);
  if (pages == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_warning ("Could not read the pages of the case: %s", error->message);
      return;
    }
  /* The checklist may show another case meanwhile. */
  if (d->kase == NULL || g_strcmp0 (yc_case_get_uuid (d->kase), case_uuid) != 0)
    return;

  for (guint i = 0; i < pages->len; i++)
    {
      YcCasePage *page = g_ptr_array_index (pages, i);

      if (page->material >= counts->len)
        g_array_set_size (counts, page->material + 1);
      /* Paper pages, as the material's PDF will have them: an imported PDF brings all its pages. */
      g_array_index (counts, guint, page->material) += MAX (page->page_count, 1);
    }
  for (guint i = 0; (row = row_at (list, i)) != NULL; i++)
    update_row (row, i < counts->len ? g_array_index (counts, guint, i) : 0);
}

static void
refresh_counts (GtkListBox *list)
{
  MaterialPages *d = get_data (list);
  CountsData *data;

  if (d->kase == NULL || d->store == NULL)
    return;
  data = g_new0 (CountsData, 1);
  data->list = g_object_ref (list);
  data->case_uuid = g_strdup (yc_case_get_uuid (d->kase));
  d->counts_pending++;
  yc_store_list_pages_async (d->store, data->case_uuid, -1, d->cancellable, counts_cb, data);
}

/* --- material PDFs --- */

static void
ensure_pdfs_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GtkListBox) list = user_data;
  g_autoptr(GError) error = NULL;
  guint written;

  written = yc_material_pdfs_ensure_finish (result, &error);
  get_data (list)->pdfs_pending--;
  if (error != NULL)
    g_warning ("Could not make the materials' PDFs: %s", error->message);
  else if (written > 0)
    g_debug ("%u material PDF(s) recorded", written);
}

static void
ensure_pdfs (GtkListBox *list)
{
  MaterialPages *d = get_data (list);
  YcApplication *app = get_application (GTK_WIDGET (list));
  g_autoptr(GPtrArray) titles = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *actor = NULL;
  GListModel *materials;

  if (d->kase == NULL || d->store == NULL || app == NULL ||
      yc_application_get_file_store (app) == NULL)
    return;

  materials = yc_case_get_materials (d->kase);
  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (materials, i);

      g_ptr_array_add (titles, g_strdup (yc_case_material_get_name (material)));
    }
  g_ptr_array_add (titles, NULL);
  actor = dup_actor (app);
  d->pdfs_pending++;
  /* Not cancelled with the checklist: the archive copy is made even if the window closes. */
  yc_material_pdfs_ensure_async (d->store, yc_application_get_file_store (app),
                                 yc_case_get_uuid (d->kase), (const char * const *) titles->pdata,
                                 actor, NULL, ensure_pdfs_cb, g_object_ref (list));
}

static void
decided_cb (YcIntakeForm *form,
            YcCase       *kase)
{
  ensure_pdfs (yc_intake_form_get_materials_list (form));
}

/* --- the panel and the viewer --- */

static void
pages_changed_cb (YcScanPanel *panel,
                  guint        material,
                  GtkListBox  *list)
{
  refresh_counts (list);
}

static void
panel_destroy_cb (GtkWidget  *panel,
                  GtkListBox *list)
{
  guint position = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (panel), "yc-position"));
  YcMaterialRow *row = row_at (list, position);

  refresh_counts (list);
  ensure_pdfs (list);
  /* Back to the material, where the checklist's keys work. */
  if (row != NULL)
    gtk_widget_grab_focus (GTK_WIDGET (row));
}

static void
open_pages (GtkListBox *list,
            guint       position,
            gboolean    editable,
            gboolean    scan)
{
  MaterialPages *d = get_data (list);
  YcApplication *app = get_application (GTK_WIDGET (list));
  YcScanPanel *panel;
  GtkRoot *root;

  if (d->kase == NULL || d->store == NULL || app == NULL)
    return;
  if (yc_application_get_file_store (app) == NULL)
    {
      g_warning ("No file store: pages cannot be scanned or shown");
      return;
    }

  if (!editable)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (yc_case_get_materials (d->kase),
                                                                  position);
      g_autofree char *title = NULL;

      /* Nothing to change: straight to the pages, to read them. */
      /* Translators: the page viewer's title: a checklist line's number and name */
      title = g_strdup_printf (_("%u. %s"), position + 1,
                               material != NULL ? yc_case_material_get_name (material) : "");
      yc_page_viewer_present_material (GTK_WIDGET (list), d->store,
                                       yc_application_get_file_store (app),
                                       yc_case_get_uuid (d->kase), position, title);
      return;
    }

  if (d->panel != NULL)
    {
      if (yc_scan_panel_get_material (d->panel) == position &&
          g_strcmp0 (yc_scan_panel_get_case_uuid (d->panel), yc_case_get_uuid (d->kase)) == 0)
        {
          gtk_window_present (GTK_WINDOW (d->panel));
          if (scan)
            yc_scan_panel_scan (d->panel);
          return;
        }
      gtk_window_destroy (GTK_WINDOW (d->panel));
    }

  panel = yc_scan_panel_new (NULL, d->store, yc_application_get_file_store (app),
                             yc_application_get_settings (app), yc_case_get_uuid (d->kase),
                             yc_case_get_materials (d->kase), position, TRUE);
  g_set_weak_pointer (&d->panel, panel);
  g_object_set_data (G_OBJECT (panel), "yc-position", GUINT_TO_POINTER (position));
  root = gtk_widget_get_root (GTK_WIDGET (list));
  if (GTK_IS_WINDOW (root))
    gtk_window_set_transient_for (GTK_WINDOW (panel), GTK_WINDOW (root));
  gtk_window_set_modal (GTK_WINDOW (panel), TRUE);
  gtk_window_set_application (GTK_WINDOW (panel), GTK_APPLICATION (app));
  g_signal_connect_object (panel, "pages-changed", G_CALLBACK (pages_changed_cb), list, 0);
  g_signal_connect_object (panel, "destroy", G_CALLBACK (panel_destroy_cb), list, 0);
  gtk_window_present (GTK_WINDOW (panel));
  if (scan)
    yc_scan_panel_scan (panel);
}

static void
row_scan_cb (YcMaterialRow *row,
             GtkListBox    *list)
{
  open_pages (list, (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)), TRUE, TRUE);
}

static void
row_show_pages_cb (YcMaterialRow *row,
                   GtkListBox    *list)
{
  open_pages (list, (guint) gtk_list_box_row_get_index (GTK_LIST_BOX_ROW (row)),
              yc_material_row_get_editable (row), FALSE);
}

/* --- importing, from the checklist's rows --- */

/* material-pages.import (u): Import Files… on a row opens the material's pages with the panel's
 * file dialog, so a file comes in one way wherever the clerk starts. */
static void
import_activated (GSimpleAction *action,
                  GVariant      *parameter,
                  gpointer       user_data)
{
  GtkListBox *list = user_data;
  MaterialPages *d = get_data (list);
  guint position = g_variant_get_uint32 (parameter);
  YcMaterialRow *row = row_at (list, position);
  YcApplication *app;
  gboolean was_open;

  if (row == NULL || !yc_material_row_get_editable (row))
    return;
  /* Without a file store nothing can be kept: the row's owner says so, as for a given file. */
  app = get_application (GTK_WIDGET (list));
  if (app != NULL && yc_application_get_file_store (app) == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                                                     _("Files cannot be kept on this workstation: "
                                                       "the file store could not be opened."));

      g_signal_emit_by_name (row, "import-failed", error);
      return;
    }
  was_open = d->panel != NULL && yc_scan_panel_get_material (d->panel) == position;
  open_pages (list, position, TRUE, FALSE);
  if (d->panel != NULL && yc_scan_panel_get_material (d->panel) == position)
    yc_scan_panel_choose_files (d->panel, !was_open);
}

typedef struct {
  GtkListBox *list;
  YcStore    *store;
  char       *case_uuid;
  guint       position;
  char       *actor;
} ImportData;

static void
import_data_free (ImportData *data)
{
  get_data (data->list)->imports_pending--;
  g_object_unref (data->list);
  g_object_unref (data->store);
  g_free (data->case_uuid);
  g_free (data->actor);
  g_free (data);
}

/* The row of the import, if the checklist still shows its case. */
static YcMaterialRow *
import_row (ImportData *data)
{
  MaterialPages *d = get_data (data->list);

  if (d->kase == NULL || g_strcmp0 (yc_case_get_uuid (d->kase), data->case_uuid) != 0)
    return NULL;
  return row_at (data->list, data->position);
}

static void
import_done (ImportData   *data,
             const GError *error)
{
  YcMaterialRow *row = import_row (data);

  if (error != NULL)
    {
      g_message ("Import into material %u refused: %s", data->position, error->message);
      if (row != NULL)
        g_signal_emit_by_name (row, "import-failed", error);
    }
  else
    {
      refresh_counts (data->list);
      /* On to the next material, as after any state the clerk sets. */
      if (row != NULL)
        g_signal_emit_by_name (row, "advance");
    }
  import_data_free (data);
}

static void
import_page_added_cb (GObject      *source,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  yc_store_add_page_finish (YC_STORE (source), result, &error);
  import_done (user_data, error);
}

static void
import_file_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  ImportData *data = user_data;
  g_autoptr(YcScannedPage) scanned = NULL;
  g_autoptr(YcCasePage) page = NULL;
  g_autoptr(GError) error = NULL;

  scanned = yc_scan_import_file_finish (result, &error);
  if (scanned == NULL)
    {
      import_done (data, error);
      return;
    }
  page = yc_scanned_page_to_case_page (scanned, data->case_uuid, data->position);
  /* Not cancellable: the file is stored already. */
  yc_store_add_page_async (data->store, page, data->actor, NULL, import_page_added_cb, data);
}

/* material-pages.import-file (us): a file given by the program (yc_material_row_import_file), stored
 * and added to the material's pages as the panel does, without showing them. */
static void
import_file_activated (GSimpleAction *action,
                       GVariant      *parameter,
                       gpointer       user_data)
{
  GtkListBox *list = user_data;
  MaterialPages *d = get_data (list);
  YcApplication *app = get_application (GTK_WIDGET (list));
  g_autoptr(GFile) file = NULL;
  YcMaterialRow *row;
  ImportData *data;
  const char *uri;
  guint32 position;

  g_variant_get (parameter, "(u&s)", &position, &uri);
  row = row_at (list, position);
  if (row == NULL || !yc_material_row_get_editable (row))
    return;
  if (d->kase == NULL || d->store == NULL || app == NULL ||
      yc_application_get_file_store (app) == NULL)
    {
      g_autoptr(GError) error = g_error_new_literal (G_IO_ERROR, G_IO_ERROR_NOT_INITIALIZED,
                                                     _("Files cannot be kept on this workstation: "
                                                       "the file store could not be opened."));

      g_signal_emit_by_name (row, "import-failed", error);
      return;
    }

  data = g_new0 (ImportData, 1);
  data->list = g_object_ref (list);
  data->store = g_object_ref (d->store);
  data->case_uuid = g_strdup (yc_case_get_uuid (d->kase));
  data->position = position;
  data->actor = dup_actor (app);
  d->imports_pending++;
  file = g_file_new_for_uri (uri);
  yc_scan_import_file_async (yc_application_get_file_store (app), file, NULL, import_file_cb,
                             data);
}

static void
install_actions (GtkListBox *list)
{
  static const GActionEntry entries[] = {
    { "import", import_activated, "u", NULL, NULL, { 0 } },
    { "import-file", import_file_activated, "(us)", NULL, NULL, { 0 } },
  };
  g_autoptr(GSimpleActionGroup) group = g_simple_action_group_new ();

  /* The group lives as long as the checklist: the list itself is the actions' data. */
  g_action_map_add_action_entries (G_ACTION_MAP (group), entries, G_N_ELEMENTS (entries), list);
  gtk_widget_insert_action_group (GTK_WIDGET (list), "material-pages", G_ACTION_GROUP (group));
}

void
yc_material_pages_attach (GtkListBox *list,
                          YcStore    *store,
                          YcCase     *kase)
{
  MaterialPages *d;
  YcMaterialRow *row;

  g_return_if_fail (GTK_IS_LIST_BOX (list));
  g_return_if_fail (store == NULL || YC_IS_STORE (store));
  g_return_if_fail (kase == NULL || YC_IS_CASE (kase));

  d = get_data (list);
  g_set_object (&d->store, store);
  g_set_object (&d->kase, kase);
  /* Counts read for the rows before are of no use now (their callbacks still come, cancelled, and
   * are counted out then). */
  g_cancellable_cancel (d->cancellable);
  g_clear_object (&d->cancellable);
  d->cancellable = g_cancellable_new ();
  if (d->panel != NULL)
    gtk_window_destroy (GTK_WINDOW (d->panel));

  for (guint i = 0; (row = row_at (list, i)) != NULL; i++)
    {
      g_signal_connect_object (row, "scan", G_CALLBACK (row_scan_cb), list, 0);
      g_signal_connect_object (row, "show-pages", G_CALLBACK (row_show_pages_cb), list, 0);
    }
  refresh_counts (list);
}

void
yc_intake_scan_rows_built (YcIntakeForm *form,
                           YcStore      *store)
{
  g_return_if_fail (YC_IS_INTAKE_FORM (form));

  /* Once per form: the PDFs are made again when the case is decided. */
  if (g_object_get_data (G_OBJECT (form), DATA_KEY) == NULL)
    {
      g_object_set_data (G_OBJECT (form), DATA_KEY, GINT_TO_POINTER (1));
      g_signal_connect (form, "decided", G_CALLBACK (decided_cb), NULL);
    }
  yc_material_pages_attach (yc_intake_form_get_materials_list (form), store,
                            yc_intake_form_get_case (form));
}

void
yc_intake_scan_open (YcIntakeForm *form,
                     guint         position,
                     gboolean      scan)
{
  g_return_if_fail (YC_IS_INTAKE_FORM (form));

  open_pages (yc_intake_form_get_materials_list (form), position,
              !yc_intake_form_get_decided (form), scan);
}

YcScanPanel *
yc_intake_scan_get_panel (YcIntakeForm *form)
{
  g_return_val_if_fail (YC_IS_INTAKE_FORM (form), NULL);

  return get_data (yc_intake_form_get_materials_list (form))->panel;
}

gboolean
yc_intake_scan_get_busy (YcIntakeForm *form)
{
  g_return_val_if_fail (YC_IS_INTAKE_FORM (form), FALSE);

  return yc_material_pages_get_busy (yc_intake_form_get_materials_list (form));
}

gboolean
yc_material_pages_get_busy (GtkListBox *list)
{
  MaterialPages *d;

  g_return_val_if_fail (GTK_IS_LIST_BOX (list), FALSE);

  d = get_data (list);
  return d->counts_pending > 0 || d->pdfs_pending > 0 || d->imports_pending > 0;
}

/* --- assembling the PDFs, in a worker thread --- */

typedef struct {
  YcStore     *store;
  YcFileStore *files;
  char        *case_uuid;
  char       **titles;
  char        *actor;
} PdfData;

static void
pdf_data_free (PdfData *data)
{
  g_clear_object (&data->store);
  g_clear_object (&data->files);
  g_free (data->case_uuid);
  g_strfreev (data->titles);
  g_free (data->actor);
  g_free (data);
}

static gboolean
is_pdf (const YcCasePage *page)
{
  return g_strcmp0 (page->content_type, "application/pdf") == 0;
}

/* Same pages, same order, same turns. */
static gboolean
same_pages (GPtrArray *a,
            GPtrArray *b)
{
  if (a->len != b->len)
    return FALSE;
  for (guint i = 0; i < a->len; i++)
    {
      YcCasePage *x = g_ptr_array_index (a, i), *y = g_ptr_array_index (b, i);

      if (x->id != y->id || x->rotation != y->rotation || g_strcmp0 (x->sha256, y->sha256) != 0)
        return FALSE;
    }
  return TRUE;
}

/* Records material @material's PDF unless it has one; returns FALSE with @error on failure. */
static gboolean
ensure_material_pdf (PdfData      *data,
                     guint         material,
                     guint        *written,
                     GCancellable *cancellable,
                     GError      **error)
{
  const char *title = data->titles != NULL && material < g_strv_length (data->titles)
                      ? data->titles[material] : NULL;

  /* A page changed while its PDF was made means making it again; three tries are plenty at a
   * counter. */
  for (guint attempt = 0; attempt < 3; attempt++)
    {
      g_autoptr(GPtrArray) pages = NULL;
      g_autoptr(GPtrArray) again = NULL;
      g_autoptr(GArray) pdf_pages = g_array_new (FALSE, TRUE, sizeof (YcPdfPage));
      g_autofree char *existing = NULL;
      g_autofree char *sha256 = NULL;
      guint n_pages = 0;

      existing = yc_store_get_material_pdf (data->store, data->case_uuid, material, error);
      if (existing != NULL)
        return TRUE;
      if (error != NULL && *error != NULL)
        return FALSE;
      pages = yc_store_list_pages (data->store, data->case_uuid, (int) material, error);
      if (pages == NULL)
        return FALSE;

      if (pages->len == 0)
        return TRUE;
      if (pages->len == 1 && is_pdf (g_ptr_array_index (pages, 0)) &&
          ((YcCasePage *) g_ptr_array_index (pages, 0))->rotation == 0)
        {
          YcCasePage *only = g_ptr_array_index (pages, 0);

          /* A single imported PDF, not turned, is the material's PDF byte for byte. */
          if (!yc_store_set_material_pdf (data->store, data->case_uuid, material, only->sha256,
                                          only->page_count, data->actor, error))
            return FALSE;
          (*written)++;
          return TRUE;
        }
      /* Scanned pages and imported files in the clerk's order; an imported PDF brings all its
       * pages in its place. */
      for (guint i = 0; i < pages->len; i++)
        {
          YcCasePage *page = g_ptr_array_index (pages, i);
          YcPdfPage pdf_page = { page->sha256, page->dpi, page->rotation };

          g_array_append_val (pdf_pages, pdf_page);
          n_pages += is_pdf (page) ? page->page_count : 1;
        }

      sha256 = yc_page_pdf_assemble (data->files, (YcPdfPage *) pdf_pages->data, pdf_pages->len,
                                     title, cancellable, error);
      if (sha256 == NULL)
        return FALSE;

      again = yc_store_list_pages (data->store, data->case_uuid, (int) material, error);
      if (again == NULL)
        return FALSE;
      if (!same_pages (pages, again))
        continue;
      if (!yc_store_set_material_pdf (data->store, data->case_uuid, material, sha256,
                                      n_pages, data->actor, error))
        return FALSE;
      (*written)++;
      return TRUE;
    }
  return TRUE;
}

static void
pdfs_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  PdfData *data = task_data;
  g_autoptr(GPtrArray) pages = NULL;
  g_autoptr(GHashTable) done = g_hash_table_new (NULL, NULL);
  GError *error = NULL;
  guint written = 0;

  pages = yc_store_list_pages (data->store, data->case_uuid, -1, &error);
  if (pages == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  for (guint i = 0; i < pages->len; i++)
    {
      guint material = ((YcCasePage *) g_ptr_array_index (pages, i))->material;

      if (g_hash_table_contains (done, GUINT_TO_POINTER (material + 1)))
        continue;
      g_hash_table_add (done, GUINT_TO_POINTER (material + 1));
      if (!ensure_material_pdf (data, material, &written, cancellable, &error))
        {
          g_task_return_error (task, error);
          return;
        }
    }
  g_task_return_int (task, written);
}

void
yc_material_pdfs_ensure_async (YcStore            *store,
                               YcFileStore        *files,
                               const char         *case_uuid,
                               const char * const *titles,
                               const char         *actor,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  PdfData *data;

  g_return_if_fail (YC_IS_STORE (store));
  g_return_if_fail (YC_IS_FILE_STORE (files));
  g_return_if_fail (case_uuid != NULL);
  g_return_if_fail (actor != NULL);

  data = g_new0 (PdfData, 1);
  data->store = g_object_ref (store);
  data->files = g_object_ref (files);
  data->case_uuid = g_strdup (case_uuid);
  data->titles = g_strdupv ((char **) titles);
  data->actor = g_strdup (actor);
  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_material_pdfs_ensure_async);
  g_task_set_task_data (task, data, (GDestroyNotify) pdf_data_free);
  g_task_run_in_thread (task, pdfs_thread);
}

guint
yc_material_pdfs_ensure_finish (GAsyncResult *result,
                                GError      **error)
{
  gssize written;

  g_return_val_if_fail (g_task_is_valid (result, NULL), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_material_pdfs_ensure_async,
                        0);

  written = g_task_propagate_int (G_TASK (result), error);
  return written > 0 ? (guint) written : 0;
}
