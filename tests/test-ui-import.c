/* test-ui-import.c: importing into a material through the real widgets: Import Files… (Ctrl+I) on a
 * checklist row opens GTK's file dialog and cancelling it closes the pages again; an imported PDF's
 * thumbnail shows its first page drawn, with its page count, and the viewer goes through its pages;
 * a damaged PDF keeps a placeholder that says why. */
#define G_LOG_DOMAIN "yc-test-ui-import"

#include <cairo-pdf.h>
#include <glib/gi18n.h>

#include "yc-intake-scan.h"
#include "yc-page-thumbnail.h"
#include "yc-page-viewer.h"
#include "yc-scan-panel.h"
#include "yc-test-cupsd.h"
#include "yc-test-ui.h"

#define ITEM_BIRTH "11139900004512011WQR00101001"       /* 出生登记: five materials */
/* The material imported into: 户主同意落户意见 (the fifth line). */
#define MATERIAL 4

/* The test PDF's pages, in points: A5, so a thumbnail is as tall as its box and narrower. */
#define PDF_WIDTH  420.0
#define PDF_HEIGHT 595.0

static YcApplication *app;
static YcWindow *window;
static char *tmp_dir;

/* Each test its own application and database: the file store lives in the test's isolated data
 * directory, which goes away with the test. */
static void
start_app (const char *name)
{
  g_autofree char *db_name = g_strdup_printf ("%s.db", name);
  g_autofree char *db_path = g_build_filename (tmp_dir, db_name, NULL);

  g_assert_null (app);
  g_setenv ("YC_DATABASE", db_path, TRUE);
  app = yc_test_ui_start_app (TRUE, &window);
}

static YcIntakeForm *
form (void)
{
  return yc_intake_page_get_form (yc_window_get_intake_page (window));
}

static YcMaterialRow *
row (guint position)
{
  return yc_test_ui_material_row (form (), position);
}

/* A visible GTK file dialog (GtkFileChooserNative without a portal shows a GtkFileChooserDialog),
 * or NULL. */
static GtkWidget *
find_file_dialog (void)
{
  g_autoptr(GList) toplevels = gtk_window_list_toplevels ();

  for (GList *l = toplevels; l != NULL; l = l->next)
    if (GTK_IS_FILE_CHOOSER (l->data) && gtk_widget_get_mapped (l->data))
      return l->data;
  return NULL;
}

static YcIntakeForm *
start_birth_intake (const char *name)
{
  start_app (name);
  return yc_test_ui_start_intake (window, "出生登记", ITEM_BIRTH);
}

/* Ctrl+I on a pending material: its pages open with GTK's file dialog; Escape cancels it, and as
 * nothing was imported the pages close again and the focus is back on the material. */
static void
test_file_dialog_cancel (void)
{
  YcScanPanel *panel;
  GtkWidget *dialog;

  start_birth_intake ("file-dialog");
  g_assert_cmpint (yc_test_ui_row_state (form (), MATERIAL), ==, YC_MATERIAL_STATE_PENDING);
  gtk_widget_grab_focus (GTK_WIDGET (row (MATERIAL)));
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (row (MATERIAL))));

  yc_test_ui_press_keys (GTK_WIDGET (row (MATERIAL)), "<Control>i");
  WAIT_FOR ((dialog = find_file_dialog ()) != NULL);
  panel = yc_intake_scan_get_panel (form ());
  g_assert_nonnull (panel);
  g_assert_cmpuint (yc_scan_panel_get_material (panel), ==, MATERIAL);
  /* The one import dialog: its title names the material, it takes several files, over the pages. */
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (dialog)), "Import Files into"));
  g_assert_nonnull (strstr (gtk_window_get_title (GTK_WINDOW (dialog)), "5."));
  g_assert_true (gtk_file_chooser_get_select_multiple (GTK_FILE_CHOOSER (dialog)));
  g_assert_cmpint (gtk_file_chooser_get_action (GTK_FILE_CHOOSER (dialog)), ==,
                   GTK_FILE_CHOOSER_ACTION_OPEN);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (panel));
  {
    g_autoptr(GListModel) filters = gtk_file_chooser_get_filters (GTK_FILE_CHOOSER (dialog));

    g_assert_cmpuint (g_list_model_get_n_items (filters), ==, 4);
  }
  yc_test_ui_screenshot (dialog, "import-file-dialog");

  /* Escape, as a clerk changing their mind: nothing imported, the pages close again. */
  yc_test_ui_press_keys (dialog, "Escape");
  WAIT_FOR (find_file_dialog () == NULL && yc_intake_scan_get_panel (form ()) == NULL);
  WAIT_FOR (!yc_intake_scan_get_busy (form ()));
  g_assert_null (yc_test_ui_find_toplevel (YC_TYPE_SCAN_PANEL));
  g_assert_cmpint (yc_test_ui_row_state (form (), MATERIAL), ==, YC_MATERIAL_STATE_PENDING);
  g_assert_cmpuint (yc_material_row_get_page_count (row (MATERIAL)), ==, 0);
  yc_test_ui_drain ();
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (row (MATERIAL))));
  yc_test_ui_app_stop (&app);
}

/* --- an imported PDF --- */

/* A two-page A5 PDF: a black square in the top left quarter of the first page, in the bottom right
 * quarter of the second. */
static char *
write_two_page_pdf (void)
{
  char *path = g_build_filename (tmp_dir, "household-consent.pdf", NULL);
  cairo_surface_t *surface = cairo_pdf_surface_create (path, PDF_WIDTH, PDF_HEIGHT);
  cairo_t *cr = cairo_create (surface);

  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 20, 20, PDF_WIDTH / 2 - 40, PDF_HEIGHT / 2 - 40);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_rectangle (cr, PDF_WIDTH / 2 + 20, PDF_HEIGHT / 2 + 20, PDF_WIDTH / 2 - 40,
                   PDF_HEIGHT / 2 - 40);
  cairo_fill (cr);
  cairo_show_page (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  return path;
}

/* The grey level (0–255) of the pixel at (@fx, @fy), fractions of @texture's width and height. */
static guint
grey_at (GdkTexture *texture,
         double      fx,
         double      fy)
{
  int width = gdk_texture_get_width (texture);
  int height = gdk_texture_get_height (texture);
  gsize stride = (gsize) width * 4;
  g_autofree guchar *data = g_malloc (stride * height);
  int x = (int) (fx * width), y = (int) (fy * height);
  const guchar *pixel;

  /* GDK_MEMORY_DEFAULT, cairo's ARGB32: B, G, R, A in memory on a little-endian machine. */
  gdk_texture_download (texture, data, stride);
  pixel = data + (gsize) y * stride + (gsize) x * 4;
  return G_BYTE_ORDER == G_LITTLE_ENDIAN ? (pixel[0] + pixel[1] + pixel[2]) / 3
                                         : (pixel[1] + pixel[2] + pixel[3]) / 3;
}

static const char *
viewer_subtitle (YcPageViewer *viewer)
{
  return adw_window_title_get_subtitle (yc_test_ui_template_child (viewer, YC_TYPE_PAGE_VIEWER,
                                                                   "window_title"));
}

static void
viewer_action (YcPageViewer *viewer,
               const char   *action)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (viewer), action, NULL));
  WAIT_FOR (yc_page_viewer_get_loaded (viewer));
}

/* Once the thumbnail's crossfade from its spinner is over. */
static void
screenshot_thumbnail (YcScanPanel     *panel,
                      YcPageThumbnail *thumbnail,
                      const char      *name)
{
  GtkStack *stack = yc_test_ui_template_child (thumbnail, YC_TYPE_PAGE_THUMBNAIL, "stack");

  WAIT_FOR (!gtk_stack_get_transition_running (stack));
  yc_test_ui_screenshot (GTK_WIDGET (panel), name);
}

static void
wait_panel_idle (YcScanPanel *panel)
{
  WAIT_FOR (!yc_scan_panel_get_busy (panel));
}

/* A two-page PDF imported into a material: its thumbnail is its first page drawn (not the
 * placeholder) with "2 pages" on it, turned with the page; the viewer shows both pages. */
static void
test_pdf_thumbnail (void)
{
  g_autofree char *path = write_two_page_pdf ();
  g_autoptr(GFile) file = g_file_new_for_path (path);
  YcPageThumbnail *thumbnail;
  YcPageViewer *viewer;
  YcScanPanel *panel;
  GdkTexture *preview;
  GtkPicture *picture;

  start_birth_intake ("pdf-thumbnail");
  /* Imported as Import Files… does, through the row and the checklist's actions. */
  yc_intake_form_import_file (form (), MATERIAL, file);
  WAIT_FOR (yc_material_row_get_page_count (row (MATERIAL)) == 2);
  g_assert_cmpint (yc_test_ui_row_state (form (), MATERIAL), ==, YC_MATERIAL_STATE_SCANNED);

  /* Its pages: one thumbnail, for the file. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (row (MATERIAL)), "material.show-pages", NULL));
  WAIT_FOR ((panel = yc_intake_scan_get_panel (form ())) != NULL);
  wait_panel_idle (panel);
  WAIT_FOR (yc_scan_panel_get_n_pages (panel) == 1);
  thumbnail = yc_scan_panel_get_thumbnail (panel, 0);
  WAIT_FOR (yc_page_thumbnail_get_loaded (thumbnail));
  g_assert_cmpstr (yc_page_thumbnail_get_page (thumbnail)->content_type, ==, "application/pdf");
  g_assert_cmpuint (yc_page_thumbnail_get_page (thumbnail)->page_count, ==, 2);

  /* The first page drawn, fitted to the box: as tall as it, narrower (A5). */
  preview = yc_page_thumbnail_get_preview (thumbnail);
  g_assert_nonnull (preview);
  g_assert_cmpint (gdk_texture_get_height (preview), ==, YC_PAGE_THUMBNAIL_HEIGHT);
  g_assert_cmpint (gdk_texture_get_width (preview), ==,
                   (int) round (PDF_WIDTH * YC_PAGE_THUMBNAIL_HEIGHT / PDF_HEIGHT));
  /* What the picture shows is that drawing, not the document placeholder. */
  picture = yc_test_ui_template_child (thumbnail, YC_TYPE_PAGE_THUMBNAIL, "picture");
  g_assert_true (gtk_picture_get_paintable (picture) == GDK_PAINTABLE (preview));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (yc_test_ui_template_child (thumbnail,
                                                                                YC_TYPE_PAGE_THUMBNAIL,
                                                                                "stack")),
                   ==, "picture");
  /* The first page's square, top left, on white paper. */
  g_assert_cmpuint (grey_at (preview, 0.25, 0.25), <, 40);
  g_assert_cmpuint (grey_at (preview, 0.75, 0.75), >, 215);
  g_assert_cmpuint (grey_at (preview, 0.02, 0.98), >, 215);
  /* The page count on it, as the checklist says it. */
  g_assert_cmpstr (yc_page_thumbnail_get_badge (thumbnail), ==, "2 pages");
  g_assert_true (gtk_widget_get_mapped (yc_test_ui_template_child (thumbnail, YC_TYPE_PAGE_THUMBNAIL,
                                                                   "count_badge")));
  g_assert_null (gtk_widget_get_tooltip_text (GTK_WIDGET (thumbnail)));
  screenshot_thumbnail (panel, thumbnail, "import-pdf-thumbnail");

  /* The viewer: the PDF's pages one after the other, counted as sheets of paper. */
  yc_scan_panel_select (panel, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "pages.view", NULL));
  viewer = YC_PAGE_VIEWER (yc_scan_panel_get_viewer (panel));
  g_assert_nonnull (viewer);
  WAIT_FOR (yc_page_viewer_get_loaded (viewer));
  g_assert_cmpuint (yc_page_viewer_get_n_pages (viewer), ==, 1);
  g_assert_cmpuint (yc_page_viewer_get_pdf_page (viewer), ==, 0);
  g_assert_cmpstr (viewer_subtitle (viewer), ==, "Page 1 of 2");
  g_assert_nonnull (yc_page_viewer_get_texture (viewer));
  /* At 150 dpi, as a scanned page: 100 % is one pixel per pixel. */
  g_assert_cmpint (gdk_texture_get_width (yc_page_viewer_get_texture (viewer)), ==,
                   (int) round (PDF_WIDTH * 150 / 72));
  g_assert_cmpint (gdk_texture_get_height (yc_page_viewer_get_texture (viewer)), ==,
                   (int) round (PDF_HEIGHT * 150 / 72));
  g_assert_cmpuint (grey_at (yc_page_viewer_get_texture (viewer), 0.25, 0.25), <, 40);
  g_assert_cmpuint (grey_at (yc_page_viewer_get_texture (viewer), 0.75, 0.75), >, 215);
  yc_test_ui_screenshot (GTK_WIDGET (viewer), "import-pdf-viewer-1");

  /* Right, wherever the focus is (a header button at first): the PDF's second page, its square
   * bottom right. */
  WAIT_FOR (gtk_widget_get_mapped (GTK_WIDGET (viewer)));
  g_assert_true (GTK_IS_BUTTON (gtk_root_get_focus (GTK_ROOT (viewer))));
  yc_test_ui_press_keys (GTK_WIDGET (viewer), "Right");
  WAIT_FOR (yc_page_viewer_get_pdf_page (viewer) == 1 && yc_page_viewer_get_loaded (viewer));
  g_assert_cmpuint (yc_page_viewer_get_index (viewer), ==, 0);
  g_assert_cmpstr (viewer_subtitle (viewer), ==, "Page 2 of 2");
  g_assert_nonnull (yc_page_viewer_get_texture (viewer));
  g_assert_cmpuint (grey_at (yc_page_viewer_get_texture (viewer), 0.75, 0.75), <, 40);
  g_assert_cmpuint (grey_at (yc_page_viewer_get_texture (viewer), 0.25, 0.25), >, 215);
  yc_test_ui_screenshot (GTK_WIDGET (viewer), "import-pdf-viewer-2");
  /* The last sheet: Right goes no further; Left back to the first. */
  yc_test_ui_press_keys (GTK_WIDGET (viewer), "Right");
  WAIT_FOR (yc_page_viewer_get_loaded (viewer));
  g_assert_cmpuint (yc_page_viewer_get_pdf_page (viewer), ==, 1);
  yc_test_ui_press_keys (GTK_WIDGET (viewer), "Left");
  WAIT_FOR (yc_page_viewer_get_pdf_page (viewer) == 0 && yc_page_viewer_get_loaded (viewer));
  g_assert_cmpstr (viewer_subtitle (viewer), ==, "Page 1 of 2");
  g_assert_cmpuint (grey_at (yc_page_viewer_get_texture (viewer), 0.25, 0.25), <, 40);
  /* End and Home, as between stored pages. */
  viewer_action (viewer, "viewer.last");
  g_assert_cmpuint (yc_page_viewer_get_pdf_page (viewer), ==, 1);
  viewer_action (viewer, "viewer.first");
  g_assert_cmpuint (yc_page_viewer_get_pdf_page (viewer), ==, 0);
  gtk_window_close (GTK_WINDOW (viewer));
  WAIT_FOR (yc_scan_panel_get_viewer (panel) == NULL);

  /* Turned clockwise, the thumbnail turns too: wider than tall, the square now top right. */
  yc_scan_panel_select (panel, 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (panel), "pages.rotate-right", NULL));
  wait_panel_idle (panel);
  thumbnail = yc_scan_panel_get_thumbnail (panel, 0);
  WAIT_FOR (yc_page_thumbnail_get_loaded (thumbnail) &&
            yc_page_thumbnail_get_page (thumbnail)->rotation == 90 &&
            yc_page_thumbnail_get_preview (thumbnail) != NULL);
  preview = yc_page_thumbnail_get_preview (thumbnail);
  g_assert_cmpint (gdk_texture_get_width (preview), ==, YC_PAGE_THUMBNAIL_WIDTH);
  g_assert_cmpint (gdk_texture_get_height (preview), ==,
                   (int) round (PDF_WIDTH * YC_PAGE_THUMBNAIL_WIDTH / PDF_HEIGHT));
  g_assert_cmpuint (grey_at (preview, 0.75, 0.25), <, 40);
  g_assert_cmpuint (grey_at (preview, 0.25, 0.75), >, 215);
  g_assert_cmpstr (yc_page_thumbnail_get_badge (thumbnail), ==, "2 pages");
  screenshot_thumbnail (panel, thumbnail, "import-pdf-thumbnail-turned");

  gtk_window_close (GTK_WINDOW (panel));
  WAIT_FOR (yc_intake_scan_get_panel (form ()) == NULL);
  WAIT_FOR (!yc_intake_scan_get_busy (form ()));
  yc_test_ui_app_stop (&app);
}

/* A PDF in the file store that poppler cannot open (damaged on disk since it was imported): the
 * thumbnail keeps the document placeholder with its page count, and its tooltip says why. */
static void
test_damaged_pdf_thumbnail (void)
{
  static const char damaged[] = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                                "trailer << /Root 1 0 R >>\n%%EOF\n";
  g_autoptr(GBytes) bytes = g_bytes_new_static (damaged, sizeof damaged - 1);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCasePage) page = NULL;
  g_autofree char *sha256 = NULL;
  g_autofree char *expected = NULL;
  YcFileStore *files;
  YcPageThumbnail *thumbnail;
  GtkWidget *flow_box;
  GtkWidget *test_window;
  GtkStack *stack;

  start_app ("damaged-pdf");
  files = yc_application_get_file_store (app);
  sha256 = yc_file_store_put_bytes (files, bytes, &error);
  g_assert_no_error (error);
  page = yc_case_page_new ("00000000-0000-4000-8000-000000000001", 0, sha256, "application/pdf");
  page->page_count = 3;

  /* In a grid, as the pages panel shows it. */
  test_window = gtk_window_new ();
  flow_box = gtk_flow_box_new ();
  gtk_window_set_child (GTK_WINDOW (test_window), flow_box);
  thumbnail = YC_PAGE_THUMBNAIL (yc_page_thumbnail_new (files, page));
  gtk_flow_box_append (GTK_FLOW_BOX (flow_box), GTK_WIDGET (thumbnail));
  gtk_window_present (GTK_WINDOW (test_window));
  WAIT_FOR (yc_page_thumbnail_get_loaded (thumbnail));

  g_assert_null (yc_page_thumbnail_get_preview (thumbnail));
  g_assert_null (yc_page_thumbnail_get_badge (thumbnail));
  stack = yc_test_ui_template_child (thumbnail, YC_TYPE_PAGE_THUMBNAIL, "stack");
  g_assert_cmpstr (gtk_stack_get_visible_child_name (stack), ==, "document");
  g_assert_cmpstr (gtk_label_get_text (yc_test_ui_template_child (thumbnail, YC_TYPE_PAGE_THUMBNAIL,
                                                                  "document_label")),
                   ==, "PDF, 3 pages");
  /* The reason, in the clerk's words (the msgid here, as the tests run in C.UTF-8). */
  expected = g_strdup_printf (_("This PDF is damaged: its page %u cannot be drawn. Import the file "
                                "again."), 1);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (GTK_WIDGET (thumbnail)), ==, expected);
  WAIT_FOR (!gtk_stack_get_transition_running (stack));
  yc_test_ui_screenshot (test_window, "import-pdf-damaged");
  gtk_window_destroy (GTK_WINDOW (test_window));
  yc_test_ui_app_stop (&app);
}

int
main (int   argc,
      char *argv[])
{
  int ret;

  if (!yc_test_ui_init (&argc, &argv, TRUE))
    return 77;

  tmp_dir = g_dir_make_tmp ("yc-test-ui-import-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);

  g_test_add_func ("/yc/ui-import/file-dialog-cancel", test_file_dialog_cancel);
  g_test_add_func ("/yc/ui-import/pdf-thumbnail", test_pdf_thumbnail);
  g_test_add_func ("/yc/ui-import/damaged-pdf-thumbnail", test_damaged_pdf_thumbnail);

  ret = g_test_run ();

  yc_test_ui_app_close (&app);
  yc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  return ret;
}
