/* test-page-pdf.c: assembling stored pages into one PDF: JPEG passed through byte for byte, page
 * sizes from the resolution, rotations, line-art, imported PDFs among scanned pages, errors.
 * Checked with poppler's pdfinfo, pdfimages, pdftotext and pdftoppm. */
#include <string.h>
#include <cairo.h>
#include <cairo-pdf.h>
#include <glib/gstdio.h>

#include "yc-page-pdf.h"
#include "yc-scanner-private.h"

/* 300 × 150 pixels at 100 dpi: 216 × 108 pt. Left half red, right half blue (or black / white). */
#define W 300
#define H 150
#define DPI 100

static YcFileStore *
new_files (void)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "files", NULL);
  g_autoptr(GError) error = NULL;
  YcFileStore *files = yc_file_store_new (root, &error);

  g_assert_no_error (error);
  return files;
}

static gboolean
have_poppler (void)
{
  g_autofree char *pdfinfo = g_find_program_in_path ("pdfinfo");
  g_autofree char *pdftoppm = g_find_program_in_path ("pdftoppm");
  g_autofree char *pdfimages = g_find_program_in_path ("pdfimages");

  if (pdfinfo && pdftoppm && pdfimages)
    return TRUE;
  g_test_skip ("poppler-utils (pdfinfo, pdfimages, pdftoppm) are not installed");
  return FALSE;
}

/* A page made the way the scanner makes it: raw lines through the streaming encoder. */
static YcScannedPage *
make_page (YcFileStore *files,
           YcRawFormat  format,
           int          depth)
{
  YcRawPageFormat raw = { format, depth, W, 0, H, DPI };
  g_autoptr(GError) error = NULL;
  g_autofree guint8 *line = NULL;
  YcPageEncoder *encoder;
  YcScannedPage *page;

  raw.bytes_per_line = depth == 1 ? (W + 7) / 8 : W * (format == YC_RAW_RGB ? 3 : 1) * (depth / 8);
  line = g_malloc0 (raw.bytes_per_line);
  for (int x = 0; x < W; x++)
    {
      gboolean left = x < W / 2;

      if (depth == 1)
        line[x / 8] |= left ? 0x80 >> (x % 8) : 0;   /* 1 = black */
      else if (format == YC_RAW_RGB)
        {
          line[3 * x] = left ? 0xff : 0x00;
          line[3 * x + 1] = 0x00;
          line[3 * x + 2] = left ? 0x00 : 0xff;
        }
      else if (depth == 16)
        {
          guint16 sample = left ? 0x0000 : 0xffff;   /* host byte order, as SANE sends it */

          memcpy (line + 2 * x, &sample, 2);
        }
      else
        line[x] = left ? 0x00 : 0xff;
    }

  encoder = _yc_page_encoder_new (files, &raw, &error);
  g_assert_no_error (error);
  /* In uneven chunks, as sane_read delivers them. */
  for (int y = 0; y < H; y++)
    {
      g_assert_true (_yc_page_encoder_write (encoder, line, 7, &error));
      g_assert_true (_yc_page_encoder_write (encoder, line + 7, raw.bytes_per_line - 7, &error));
      g_assert_no_error (error);
    }
  page = _yc_page_encoder_finish (encoder, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->width, ==, W);
  g_assert_cmpuint (page->height, ==, H);
  return page;
}

static char *
run (const char * const *argv)
{
  g_autofree char *out = NULL;
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL,
                NULL, &out, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return g_steal_pointer (&out);
}

/* Renders page @number at 72 dpi (one pixel per point) and returns it. */
static cairo_surface_t *
render (const char *pdf,
        guint       number)
{
  g_autofree char *prefix = g_build_filename (g_get_user_cache_dir (), "render", NULL);
  g_autofree char *png = g_strconcat (prefix, ".png", NULL);
  g_autofree char *n = g_strdup_printf ("%u", number);
  g_autofree char *out = NULL;
  cairo_surface_t *image;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  out = run ((const char *[]) { "pdftoppm", "-r", "72", "-png", "-singlefile", "-f", n, "-l", n,
                                pdf, prefix, NULL });
  image = cairo_image_surface_create_from_png (png);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_unlink (png);
  return image;
}

static guint32
pixel (cairo_surface_t *image,
       int              x,
       int              y)
{
  const guint8 *data = cairo_image_surface_get_data (image);

  gsize offset = (gsize) y * cairo_image_surface_get_stride (image) + 4 * x;

  return *(const guint32 *) (data + offset) & 0xffffff;
}

/* Red, blue, black or white, within JPEG's tolerance. */
static const char *
colour_name (guint32 rgb)
{
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  if (r > 200 && g < 60 && b < 60)
    return "red";
  if (r < 60 && g < 60 && b > 200)
    return "blue";
  if (r < 60 && g < 60 && b < 60)
    return "black";
  if (r > 200 && g > 200 && b > 200)
    return "white";
  return "other";
}

static void
test_rotations (void)
{
  g_autoptr(YcFileStore) files = new_files ();
  g_autoptr(YcScannedPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL, *path = NULL, *info = NULL;
  YcPdfPage pages[4];
  /* Where the left (red) half of the scan ends up on each page: 20 pt in from that edge. */
  static const struct { guint rotation; int w, h; int red_x, red_y, blue_x, blue_y; } expect[4] = {
    { 0,   216, 108, 20, 54, 196, 54 },
    { 90,  108, 216, 54, 20, 54, 196 },   /* clockwise: the left edge is now at the top */
    { 180, 216, 108, 196, 54, 20, 54 },
    { 270, 108, 216, 54, 196, 54, 20 },
  };

  if (!have_poppler ())
    return;

  page = make_page (files, YC_RAW_RGB, 8);
  for (guint i = 0; i < 4; i++)
    {
      pages[i].sha256 = page->sha256;
      pages[i].dpi = 0;   /* from the JPEG's JFIF header */
      pages[i].rotation = expect[i].rotation;
    }
  sha = yc_page_pdf_assemble (files, pages, 4, "营业执照", NULL, &error);
  g_assert_no_error (error);
  g_assert_true (yc_sha256_is_valid (sha));
  path = yc_file_store_get_path (files, sha);

  info = run ((const char *[]) { "pdfinfo", "-f", "1", "-l", "4", path, NULL });
  g_assert_nonnull (strstr (info, "Pages:           4"));
  g_assert_nonnull (strstr (info, "Title:           营业执照"));
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *size = g_strdup_printf ("Page    %u size:  %d x %d pts", i + 1, expect[i].w,
                                               expect[i].h);
      cairo_surface_t *image;

      g_assert_nonnull (strstr (info, size));
      image = render (path, i + 1);
      g_assert_cmpint (cairo_image_surface_get_width (image), ==, expect[i].w);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, expect[i].h);
      /* The JPEG itself is what is shown, at the right place. */
      g_assert_cmpstr (colour_name (pixel (image, expect[i].red_x, expect[i].red_y)), ==, "red");
      g_assert_cmpstr (colour_name (pixel (image, expect[i].blue_x, expect[i].blue_y)), ==, "blue");
      cairo_surface_destroy (image);
    }
}

/* The columns of a "pdfimages -list" line: page num type width height color comp bpc enc interp
 * object … */
static char **
words (const char *line)
{
  g_auto(GStrv) parts = g_strsplit_set (line, " ", -1);
  GPtrArray *out = g_ptr_array_new ();

  for (guint i = 0; parts[i] != NULL; i++)
    if (*parts[i] != '\0')
      g_ptr_array_add (out, g_strdup (parts[i]));
  g_ptr_array_add (out, NULL);
  return (char **) g_ptr_array_free (out, FALSE);
}

static void
test_jpeg_passed_through (void)
{
  g_autoptr(YcFileStore) files = new_files ();
  g_autoptr(YcScannedPage) colour = NULL;
  g_autoptr(YcScannedPage) gray = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL, *path = NULL, *list = NULL, *out = NULL;
  g_autofree char *prefix = g_build_filename (g_get_user_cache_dir (), "img", NULL);
  YcPdfPage pages[3] = { { 0 } };

  if (!have_poppler ())
    return;

  colour = make_page (files, YC_RAW_RGB, 8);
  gray = make_page (files, YC_RAW_GRAY, 16);
  g_assert_cmpint (gray->mode, ==, YC_SCAN_MODE_GRAY);
  pages[0].sha256 = colour->sha256;
  pages[1].sha256 = gray->sha256;
  pages[2].sha256 = colour->sha256;   /* the same file again */
  sha = yc_page_pdf_assemble (files, pages, 3, NULL, NULL, &error);
  g_assert_no_error (error);
  path = yc_file_store_get_path (files, sha);

  list = run ((const char *[]) { "pdfimages", "-list", path, NULL });
  g_assert_nonnull (strstr (list, "jpeg"));
  /* Extracted as stored: the bytes in the PDF are the scanned file's, not a re-encoding. */
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  out = run ((const char *[]) { "pdfimages", "-j", path, prefix, NULL });
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *extracted = g_strdup_printf ("%s-%03u.jpg", prefix, i);
      g_autofree char *stored = yc_file_store_get_path (files, pages[i].sha256);
      g_autofree char *a = NULL, *b = NULL;
      gsize a_len, b_len;

      g_assert_true (g_file_get_contents (extracted, &a, &a_len, NULL));
      g_assert_true (g_file_get_contents (stored, &b, &b_len, NULL));
      g_assert_cmpmem (a, a_len, b, b_len);
      g_unlink (extracted);
    }
  /* Page 3 repeats page 1: the JPEG is in the file once (same object). */
  {
    g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
    g_auto(GStrv) first = NULL;
    g_auto(GStrv) third = NULL;

    g_assert_cmpuint (g_strv_length (lines), >=, 5);
    first = words (lines[2]);
    third = words (lines[4]);
    g_assert_cmpuint (g_strv_length (first), >=, 10);
    g_assert_cmpstr (first[8], ==, "jpeg");
    g_assert_cmpstr (third[0], ==, "3");
    g_assert_cmpstr (third[9], ==, first[9]);
  }
}

static void
test_lineart (void)
{
  g_autoptr(YcFileStore) files = new_files ();
  g_autoptr(YcScannedPage) page = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL, *path = NULL, *list = NULL;
  YcPdfPage pdf_page = { 0 };
  cairo_surface_t *image;

  if (!have_poppler ())
    return;

  page = make_page (files, YC_RAW_GRAY, 1);
  g_assert_cmpstr (page->content_type, ==, "image/png");
  g_assert_cmpint (page->mode, ==, YC_SCAN_MODE_LINEART);
  pdf_page.sha256 = page->sha256;
  pdf_page.dpi = DPI;   /* PNG pages from the scanner carry no resolution of their own */
  sha = yc_page_pdf_assemble (files, &pdf_page, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  path = yc_file_store_get_path (files, sha);

  list = run ((const char *[]) { "pdfimages", "-list", path, NULL });
  /* Lossless (not JPEG), one bit per pixel. */
  {
    g_auto(GStrv) lines = g_strsplit (list, "\n", -1);
    g_auto(GStrv) cols = words (lines[2]);

    g_assert_cmpstr (cols[5], ==, "gray");
    g_assert_cmpstr (cols[7], ==, "1");
    g_assert_cmpstr (cols[8], ==, "image");
  }
  image = render (path, 1);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 216);
  g_assert_cmpstr (colour_name (pixel (image, 20, 54)), ==, "black");
  g_assert_cmpstr (colour_name (pixel (image, 196, 54)), ==, "white");
  cairo_surface_destroy (image);
}

/* A two-page PDF as an applicant brings it, written by cairo and stored as an import would store
 * it: an A5 portrait page and an A5 landscape one, each with a line of text and a green square
 * 100 pt from its top left corner. */
static char *
store_imported_pdf (YcFileStore *files)
{
  g_autofree char *path = g_build_filename (g_get_user_cache_dir (), "imported.pdf", NULL);
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  cairo_surface_t *surface;
  cairo_t *cr;
  char *sha;
  gsize len;

  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  surface = cairo_pdf_surface_create (path, 420, 595);
  cr = cairo_create (surface);
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *text = g_strdup_printf ("Imported page %u of 2", i + 1);

      if (i == 1)
        cairo_pdf_surface_set_size (surface, 595, 420);
      cairo_set_source_rgb (cr, 0, 0.8, 0);
      cairo_rectangle (cr, 100, 100, 60, 60);
      cairo_fill (cr);
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_select_font_face (cr, "sans-serif", CAIRO_FONT_SLANT_NORMAL, CAIRO_FONT_WEIGHT_NORMAL);
      cairo_set_font_size (cr, 20);
      cairo_move_to (cr, 100, 60);
      cairo_show_text (cr, text);
      cairo_show_page (cr);
    }
  cairo_destroy (cr);
  cairo_surface_finish (surface);
  g_assert_cmpint (cairo_surface_status (surface), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  bytes = g_bytes_new_take (g_steal_pointer (&contents), len);
  sha = yc_file_store_put_bytes (files, bytes, &error);
  g_assert_no_error (error);
  g_unlink (path);
  return sha;
}

static gboolean
is_green (guint32 rgb)
{
  int r = (rgb >> 16) & 0xff, g = (rgb >> 8) & 0xff, b = rgb & 0xff;

  return r < 60 && g > 150 && b < 60;
}

/* Scan page, imported two-page PDF, scan page: four pages in that order, each at its own size,
 * the imported text still text. */
static void
test_imported_pdf (void)
{
  g_autoptr(YcFileStore) files = new_files ();
  g_autoptr(YcScannedPage) scan = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *imported = NULL, *sha = NULL, *path = NULL, *info = NULL;
  YcPdfPage pages[3] = { { 0 } };
  static const struct { int w, h; } sizes[4] = { { 216, 108 }, { 420, 595 }, { 595, 420 },
                                                  { 216, 108 } };

  if (!have_poppler ())
    return;

  scan = make_page (files, YC_RAW_RGB, 8);
  imported = store_imported_pdf (files);
  pages[0].sha256 = scan->sha256;
  pages[1].sha256 = imported;
  pages[2].sha256 = scan->sha256;
  sha = yc_page_pdf_assemble (files, pages, 3, "户口簿", NULL, &error);
  g_assert_no_error (error);
  path = yc_file_store_get_path (files, sha);

  info = run ((const char *[]) { "pdfinfo", "-f", "1", "-l", "4", path, NULL });
  g_assert_nonnull (strstr (info, "Pages:           4"));
  for (guint i = 0; i < 4; i++)
    {
      g_autofree char *size = g_strdup_printf ("Page    %u size:  %d x %d pts", i + 1, sizes[i].w,
                                               sizes[i].h);

      g_assert_nonnull (strstr (info, size));
    }

  /* The imported pages' text can be searched and copied: poppler drew it as text. */
  for (guint i = 1; i <= 4; i++)
    {
      g_autofree char *n = g_strdup_printf ("%u", i);
      g_autofree char *text = run ((const char *[]) { "pdftotext", "-f", n, "-l", n, path, "-",
                                                      NULL });
      g_autofree char *expected = g_strdup_printf ("Imported page %u of 2", i - 1);

      if (i == 2 || i == 3)
        g_assert_nonnull (strstr (text, expected));
      else
        g_assert_null (strstr (text, "Imported"));
    }

  /* What is shown: the scans' red and blue halves around the imported pages, whose green squares
   * are where they were drawn. */
  for (guint i = 1; i <= 4; i++)
    {
      cairo_surface_t *image = render (path, i);

      g_assert_cmpint (cairo_image_surface_get_width (image), ==, sizes[i - 1].w);
      g_assert_cmpint (cairo_image_surface_get_height (image), ==, sizes[i - 1].h);
      if (i == 1 || i == 4)
        {
          g_assert_cmpstr (colour_name (pixel (image, 20, 54)), ==, "red");
          g_assert_cmpstr (colour_name (pixel (image, 196, 54)), ==, "blue");
        }
      else
        {
          g_assert_true (is_green (pixel (image, 130, 130)));
          g_assert_cmpstr (colour_name (pixel (image, 130, 200)), ==, "white");
          g_assert_cmpstr (colour_name (pixel (image, 200, 130)), ==, "white");
        }
      cairo_surface_destroy (image);
    }
}

/* An imported PDF turned a quarter clockwise turns each of its pages; the text stays text. */
static void
test_imported_pdf_rotated (void)
{
  g_autoptr(YcFileStore) files = new_files ();
  g_autoptr(GError) error = NULL;
  g_autofree char *imported = NULL, *sha = NULL, *path = NULL, *info = NULL, *text = NULL;
  YcPdfPage page = { 0 };
  cairo_surface_t *image;

  if (!have_poppler ())
    return;

  imported = store_imported_pdf (files);
  page.sha256 = imported;
  page.rotation = 90;
  sha = yc_page_pdf_assemble (files, &page, 1, NULL, NULL, &error);
  g_assert_no_error (error);
  path = yc_file_store_get_path (files, sha);

  info = run ((const char *[]) { "pdfinfo", "-f", "1", "-l", "2", path, NULL });
  g_assert_nonnull (strstr (info, "Pages:           2"));
  g_assert_nonnull (strstr (info, "Page    1 size:  595 x 420 pts"));
  g_assert_nonnull (strstr (info, "Page    2 size:  420 x 595 pts"));
  text = run ((const char *[]) { "pdftotext", path, "-", NULL });
  g_assert_nonnull (strstr (text, "Imported page 2 of 2"));

  /* Page 1 (420 × 595) turned clockwise: its square, 100 to 160 pt from the left and the top, is
   * now 100 to 160 pt from the top and the right. */
  image = render (path, 1);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, 595);
  g_assert_true (is_green (pixel (image, 595 - 130, 130)));
  g_assert_cmpstr (colour_name (pixel (image, 130, 130)), ==, "white");
  cairo_surface_destroy (image);
}

static void
assembled_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GError **error = data;

  g_assert_null (yc_page_pdf_assemble_finish (result, error));
  g_assert_nonnull (*error);
}

static void
test_errors (void)
{
  g_autoptr(YcFileStore) files = new_files ();
  g_autoptr(GBytes) text = g_bytes_new_static ("not an image", 12);
  g_autoptr(YcScannedPage) page = make_page (files, YC_RAW_GRAY, 8);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *text_sha = NULL;
  YcPdfPage pdf_page = { 0 };
  const char *missing = "0000000000000000000000000000000000000000000000000000000000000000";

  g_assert_null (yc_page_pdf_assemble (files, NULL, 0, NULL, NULL, &error));
  g_assert_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_NO_PAGES);
  g_clear_error (&error);

  pdf_page.sha256 = missing;
  g_assert_null (yc_page_pdf_assemble (files, &pdf_page, 1, NULL, NULL, &error));
  g_assert_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_MISSING);
  g_clear_error (&error);

  pdf_page.sha256 = "not a hash";
  g_assert_null (yc_page_pdf_assemble (files, &pdf_page, 1, NULL, NULL, &error));
  g_assert_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_MISSING);
  g_clear_error (&error);

  text_sha = yc_file_store_put_bytes (files, text, &error);
  g_assert_no_error (error);
  pdf_page.sha256 = text_sha;
  g_assert_null (yc_page_pdf_assemble (files, &pdf_page, 1, NULL, NULL, &error));
  g_assert_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_INVALID);
  g_clear_error (&error);

  pdf_page.sha256 = page->sha256;
  pdf_page.rotation = 45;
  g_assert_null (yc_page_pdf_assemble (files, &pdf_page, 1, NULL, NULL, &error));
  g_assert_error (error, YC_PAGE_PDF_ERROR, YC_PAGE_PDF_ERROR_INVALID);
  g_clear_error (&error);

  /* Cancelled: nothing is stored (the store then holds only the page and the text). */
  pdf_page.rotation = 0;
  g_cancellable_cancel (cancellable);
  yc_page_pdf_assemble_async (files, &pdf_page, 1, NULL, cancellable, assembled_cb, &error);
  while (error == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  {
    g_autofree char *tmp = g_build_filename (yc_file_store_get_root (files), "tmp", NULL);
    g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);

    g_assert_null (g_dir_read_name (dir));
  }
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/page-pdf/rotations", test_rotations);
  g_test_add_func ("/yc/page-pdf/jpeg-passed-through", test_jpeg_passed_through);
  g_test_add_func ("/yc/page-pdf/lineart", test_lineart);
  g_test_add_func ("/yc/page-pdf/imported-pdf", test_imported_pdf);
  g_test_add_func ("/yc/page-pdf/imported-pdf-rotated", test_imported_pdf_rotated);
  g_test_add_func ("/yc/page-pdf/errors", test_errors);

  return g_test_run ();
}
