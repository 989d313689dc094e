/* test-scanner.c: scanning through SANE's test backend: devices, flatbed and feeder jobs, clamping,
 * cancel, injected faults, reopening, stale results, PDF assembly and pages recorded on a case. */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <cairo.h>
#include <jpeglib.h>
#include <glib/gstdio.h>

#include "yc-scanner.h"
#include "yc-scanner-private.h"
#include "yc-page-pdf.h"
#include "yc-store.h"
#include "yc-store-pages.h"

/* Each wait fails the test after this long instead of hanging (one ADF run of the test backend once
 * hung). */
#define WAIT_TIMEOUT_S 60

typedef struct {
  YcFileStore *files;
  YcScanner   *scanner;
  GMainLoop   *loop;

  /* What the scanner reported, in order. */
  GPtrArray   *events;        /* "progress J P", "page J P", "finished J" */
  GPtrArray   *pages;         /* YcScannedPage from page-done */
  guint        n_finished;
  double       last_fraction;
  guint        cancel_at_progress_of;   /* job to cancel at its first progress within the page */
  gboolean     stop_helper;             /* stop the driver's helper process, as if it hung, … */
  guint        stop_helper_at_page;     /* … at the first progress within this page */
  GPid         stopped_helper;

  /* A scan's result. */
  gboolean     done;
  gboolean     ok;
  GError      *error;
  GPtrArray   *result_pages;
} Fixture;

static gboolean
timeout_cb (gpointer data)
{
  g_error ("Timed out after %d s waiting for the scanner", WAIT_TIMEOUT_S);
  return G_SOURCE_REMOVE;
}

/* Iterates the main context until *@flag is set. */
static void
wait_for (gboolean *flag)
{
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timeout_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
progress_cb (YcScanner *scanner,
             guint      job,
             guint      page,
             double     fraction,
             Fixture   *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("progress %u %u", job, page));
  f->last_fraction = fraction;
  if (f->stop_helper && page == f->stop_helper_at_page && fraction > 0 && fraction < 1)
    {
      f->stop_helper = FALSE;
      f->stopped_helper = _yc_scanner_get_helper_pid (scanner);
      g_assert_cmpint (f->stopped_helper, >, 0);
      g_assert_cmpint (kill (f->stopped_helper, SIGSTOP), ==, 0);
    }
  if (f->cancel_at_progress_of == job && fraction > 0 && fraction < 1)
    {
      f->cancel_at_progress_of = 0;
      yc_scanner_cancel (scanner, job);
    }
}

static void
page_done_cb (YcScanner     *scanner,
              guint          job,
              YcScannedPage *page,
              Fixture       *f)
{
  g_assert_cmpuint (page->job_id, ==, job);
  g_ptr_array_add (f->events, g_strdup_printf ("page %u %u", job, page->index));
  g_ptr_array_add (f->pages, yc_scanned_page_copy (page));
}

static void
job_finished_cb (YcScanner *scanner,
                 guint      job,
                 GError    *error,
                 GPtrArray *pages,
                 Fixture   *f)
{
  g_ptr_array_add (f->events, g_strdup_printf ("finished %u", job));
  f->n_finished++;
}

static void
fixture_setup (Fixture       *f,
               gconstpointer  data)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "files", NULL);
  g_autoptr(GError) error = NULL;

  f->files = yc_file_store_new (root, &error);
  g_assert_no_error (error);
  f->scanner = yc_scanner_new (f->files);
  f->events = g_ptr_array_new_with_free_func (g_free);
  f->pages = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_scanned_page_free);
  g_signal_connect (f->scanner, "progress", G_CALLBACK (progress_cb), f);
  g_signal_connect (f->scanner, "page-done", G_CALLBACK (page_done_cb), f);
  g_signal_connect (f->scanner, "job-finished", G_CALLBACK (job_finished_cb), f);
}

static void
fixture_teardown (Fixture       *f,
                  gconstpointer  data)
{
  GWeakRef weak;

  g_weak_ref_init (&weak, f->scanner);
  g_clear_object (&f->scanner);
  /* Every task has completed, so nothing else holds the scanner: its worker has stopped and SANE
   * has exited. */
  g_assert_null (g_weak_ref_get (&weak));
  g_weak_ref_clear (&weak);
  g_clear_object (&f->files);
  g_ptr_array_unref (f->events);
  g_ptr_array_unref (f->pages);
  g_clear_pointer (&f->result_pages, g_ptr_array_unref);
  g_clear_error (&f->error);
}

static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Fixture *f = data;

  g_clear_pointer (&f->result_pages, g_ptr_array_unref);
  g_clear_error (&f->error);
  f->ok = yc_scanner_scan_finish (YC_SCANNER (source), result, &f->result_pages, &f->error);
  f->done = TRUE;
}

static guint
start_scan (Fixture              *f,
            const YcScanSettings *settings)
{
  f->done = FALSE;
  return yc_scanner_scan_async (f->scanner, "test:0", settings, NULL, scan_done_cb, f);
}

static void
scan (Fixture              *f,
      const YcScanSettings *settings)
{
  start_scan (f, settings);
  wait_for (&f->done);
}

/* Settings that make the test backend quick: a grey 50 dpi page. */
static YcScanSettings *
quick_settings (YcScanSource source)
{
  YcScanSettings *settings = yc_scan_settings_new (source, YC_SCAN_MODE_GRAY, 50);

  yc_scan_settings_add_extra (settings, "test-picture", "Color pattern");
  yc_scan_settings_add_extra (settings, "read-delay", "no");
  return settings;
}

/* Files in the store, not counting its tmp/ directory (which must be empty). */
static guint
count_stored_files (Fixture *f)
{
  const char *root = yc_file_store_get_root (f->files);
  g_autoptr(GDir) dir = g_dir_open (root, 0, NULL);
  g_autofree char *tmp = g_build_filename (root, "tmp", NULL);
  g_autoptr(GDir) tmp_dir = g_dir_open (tmp, 0, NULL);
  const char *name;
  guint n = 0;

  g_assert_nonnull (tmp_dir);
  g_assert_null (g_dir_read_name (tmp_dir));
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *sub = g_build_filename (root, name, NULL);
      g_autoptr(GDir) subdir = NULL;

      if (strcmp (name, "tmp") == 0)
        continue;
      subdir = g_dir_open (sub, 0, NULL);
      while (subdir != NULL && g_dir_read_name (subdir) != NULL)
        n++;
    }
  return n;
}

typedef struct {
  guint width;
  guint height;
  guint components;
  guint dpi;
  guint8 first_pixel[3];
} JpegFacts;

/* Decodes a stored JPEG completely: proof that the file is whole. */
static JpegFacts
decode_jpeg (Fixture    *f,
             const char *sha256)
{
  g_autofree char *path = yc_file_store_get_path (f->files, sha256);
  struct jpeg_decompress_struct cinfo;
  struct jpeg_error_mgr jerr;
  JpegFacts facts = { 0 };
  g_autofree guint8 *row = NULL;
  FILE *fp = fopen (path, "rb");

  g_assert_nonnull (fp);
  cinfo.err = jpeg_std_error (&jerr);   /* a broken file exits the test: that is a failure */
  jpeg_create_decompress (&cinfo);
  jpeg_stdio_src (&cinfo, fp);
  jpeg_read_header (&cinfo, TRUE);
  jpeg_start_decompress (&cinfo);
  facts.width = cinfo.output_width;
  facts.height = cinfo.output_height;
  facts.components = cinfo.output_components;
  facts.dpi = cinfo.density_unit == 1 ? cinfo.X_density : 0;
  row = g_malloc ((gsize) cinfo.output_width * cinfo.output_components);
  while (cinfo.output_scanline < cinfo.output_height)
    {
      JSAMPROW rows[1] = { row };

      jpeg_read_scanlines (&cinfo, rows, 1);
      if (cinfo.output_scanline == 1)
        memcpy (facts.first_pixel, row, MIN (3u, (guint) cinfo.output_components));
    }
  jpeg_finish_decompress (&cinfo);
  jpeg_destroy_decompress (&cinfo);
  fclose (fp);
  return facts;
}

/* --- devices --- */

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  GPtrArray **out = data;
  g_autoptr(GError) error = NULL;

  *out = yc_scanner_list_devices_finish (YC_SCANNER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_list_devices (Fixture       *f,
                   gconstpointer  data)
{
  GPtrArray *devices = NULL;
  gboolean have0 = FALSE, have1 = FALSE;

  yc_scanner_list_devices_async (f->scanner, NULL, list_done_cb, &devices);
  {
    guint id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timeout_cb, NULL);

    while (devices == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (id);
  }
  for (guint i = 0; i < devices->len; i++)
    {
      YcScanDevice *d = g_ptr_array_index (devices, i);
      g_autofree char *label = yc_scan_device_dup_label (d);

      have0 |= g_strcmp0 (d->name, "test:0") == 0;
      have1 |= g_strcmp0 (d->name, "test:1") == 0;
      g_assert_cmpstr (d->vendor, ==, "Noname");
      g_assert_cmpstr (label, ==, "Noname frontend-tester");
    }
  g_assert_true (have0);
  g_assert_true (have1);
  g_ptr_array_unref (devices);
}

/* --- a flatbed page --- */

static void
test_flatbed (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(YcScanSettings) settings =
    yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, YC_SCAN_MODE_COLOR, 75);
  g_autoptr(YcScanSettings) remembered = NULL;
  YcScannedPage *page;
  JpegFacts facts;
  guint job;

  yc_scan_settings_add_extra (settings, "test-picture", "Color pattern");
  job = start_scan (f, settings);
  g_assert_cmpuint (job, >, 0);
  g_assert_cmpuint (yc_scanner_get_current_job (f->scanner), ==, job);
  wait_for (&f->done);
  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  g_assert_cmpuint (yc_scanner_get_current_job (f->scanner), ==, 0);

  g_assert_cmpuint (f->result_pages->len, ==, 1);
  g_assert_cmpuint (f->pages->len, ==, 1);
  page = g_ptr_array_index (f->result_pages, 0);
  g_assert_cmpstr (page->sha256, ==, ((YcScannedPage *) g_ptr_array_index (f->pages, 0))->sha256);
  g_assert_cmpstr (page->content_type, ==, "image/jpeg");
  g_assert_cmpint (page->mode, ==, YC_SCAN_MODE_COLOR);
  g_assert_cmpuint (page->dpi, ==, 75);
  /* The whole glass of the test backend, 200 mm square, at 75 dpi. */
  g_assert_cmpuint (page->width, ==, (guint) (75 * 200 / 25.4));
  g_assert_cmpuint (page->height, ==, (guint) (75 * 200 / 25.4));
  g_assert_true (yc_file_store_contains (f->files, page->sha256));

  facts = decode_jpeg (f, page->sha256);
  g_assert_cmpuint (facts.width, ==, page->width);
  g_assert_cmpuint (facts.height, ==, page->height);
  g_assert_cmpuint (facts.components, ==, 3);
  g_assert_cmpuint (facts.dpi, ==, 75);
  {
    g_autofree char *path = yc_file_store_get_path (f->files, page->sha256);
    GStatBuf st;

    g_assert_cmpint (g_stat (path, &st), ==, 0);
    g_assert_cmpuint (page->size, ==, st.st_size);
  }

  /* Progress came before the page, the page before the end; the last progress: the whole page. */
  g_assert_cmpuint (f->events->len, >=, 3);
  g_assert_true (g_str_has_prefix (g_ptr_array_index (f->events, 0), "progress"));
  {
    g_autofree char *finished = g_strdup_printf ("finished %u", job);

    g_assert_cmpstr (g_ptr_array_index (f->events, f->events->len - 1), ==, finished);
  }
  g_assert_cmpfloat (f->last_fraction, ==, 1.0);
  g_assert_cmpuint (f->n_finished, ==, 1);

  /* The settings are remembered for the device, in the user's config dir. */
  remembered = yc_scanner_dup_last_settings (f->scanner, "test:0");
  g_assert_nonnull (remembered);
  g_assert_cmpint (remembered->source, ==, YC_SCAN_SOURCE_FLATBED);
  g_assert_cmpint (remembered->mode, ==, YC_SCAN_MODE_COLOR);
  g_assert_cmpuint (remembered->resolution, ==, 75);
  {
    g_autofree char *ini = g_build_filename (g_get_user_config_dir (), "yichuang", "scanner.ini",
                                             NULL);
    g_autoptr(GKeyFile) keyfile = g_key_file_new ();

    g_assert_true (g_key_file_load_from_file (keyfile, ini, G_KEY_FILE_NONE, NULL));
    g_assert_cmpuint (g_key_file_get_uint64 (keyfile, "test:0", "resolution", NULL), ==, 75);
  }
}

/* --- line-art: a lossless 1-bit PNG --- */

static void
test_lineart (Fixture       *f,
              gconstpointer  data)
{
  g_autoptr(YcScanSettings) settings =
    yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, YC_SCAN_MODE_LINEART, 100);
  g_autofree char *path = NULL;
  cairo_surface_t *image;
  YcScannedPage *page;
  guint32 pixel;

  /* The test backend has no line-art mode: it is grey at 1 bit per sample. A grid: black lines on
   * white. */
  yc_scan_settings_add_extra (settings, "test-picture", "Grid");
  scan (f, settings);
  g_assert_no_error (f->error);
  page = g_ptr_array_index (f->result_pages, 0);
  g_assert_cmpstr (page->content_type, ==, "image/png");
  g_assert_cmpint (page->mode, ==, YC_SCAN_MODE_LINEART);

  path = yc_file_store_get_path (f->files, page->sha256);
  image = cairo_image_surface_create_from_png (path);
  g_assert_cmpint (cairo_surface_status (image), ==, CAIRO_STATUS_SUCCESS);
  g_assert_cmpint (cairo_image_surface_get_width (image), ==, page->width);
  g_assert_cmpint (cairo_image_surface_get_height (image), ==, page->height);
  /* The grid's squares are 10 mm (39 pixels at 100 dpi): the first is white, the next one black. */
  pixel = *(guint32 *) cairo_image_surface_get_data (image);
  g_assert_cmphex (pixel & 0xffffff, ==, 0xffffff);
  pixel = *(guint32 *) (cairo_image_surface_get_data (image) + 60 * 4);
  g_assert_cmphex (pixel & 0xffffff, ==, 0x000000);
  cairo_surface_destroy (image);
}

/* --- a page whose length is not known in advance --- */

static void
test_unknown_length (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(YcScanSettings) settings = quick_settings (YC_SCAN_SOURCE_FLATBED);
  YcScannedPage *page;
  JpegFacts facts;

  /* A hand scanner says -1 lines: the page is spooled to disk and compressed at its end. The test
   * backend's is 110 mm wide and 170 mm long. */
  yc_scan_settings_add_extra (settings, "hand-scanner", "yes");
  scan (f, settings);
  g_assert_no_error (f->error);
  g_assert_cmpfloat (f->last_fraction, ==, 1.0);
  page = g_ptr_array_index (f->result_pages, 0);
  g_assert_cmpuint (page->width, ==, (guint) (50 * 110 / 25.4));
  g_assert_cmpuint (page->height, ==, (guint) (50 * 170 / 25.4));
  facts = decode_jpeg (f, page->sha256);
  g_assert_cmpuint (facts.width, ==, page->width);
  g_assert_cmpuint (facts.height, ==, page->height);
  g_assert_cmpuint (count_stored_files (f), ==, 1);
}

/* --- a feeder batch --- */

static void
test_adf_batch (Fixture       *f,
                gconstpointer  data)
{
  g_autoptr(YcScanSettings) settings = quick_settings (YC_SCAN_SOURCE_ADF);
  g_autoptr(GHashTable) hashes = g_hash_table_new (g_str_hash, g_str_equal);

  scan (f, settings);
  g_assert_no_error (f->error);
  g_assert_true (f->ok);
  /* The test backend's feeder holds 10 sheets, then reports SANE_STATUS_NO_DOCS. */
  g_assert_cmpuint (f->result_pages->len, ==, 10);
  for (guint i = 0; i < 10; i++)
    {
      YcScannedPage *page = g_ptr_array_index (f->result_pages, i);

      g_assert_cmpuint (page->index, ==, i);
      g_assert_true (yc_file_store_contains (f->files, page->sha256));
      g_hash_table_add (hashes, page->sha256);
    }
  /* Identical sheets: one file, stored once. */
  g_assert_cmpuint (g_hash_table_size (hashes), ==, 1);
  g_assert_cmpuint (count_stored_files (f), ==, 1);

  /* The feeder refills: the next batch works too. */
  scan (f, settings);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result_pages->len, ==, 10);
}

/* --- clamping --- */

static void
test_clamp_values (void)
{
  const double list[] = { 75, 150, 300, 600 };
  const char * const modes[] = { "Gray", "Color", NULL };
  const char * const wanted[] = { "Colour", "color", NULL };

  g_assert_cmpfloat (_yc_scan_clamp_range (1234, 1, 1200, 1), ==, 1200);
  g_assert_cmpfloat (_yc_scan_clamp_range (0, 50, 1200, 1), ==, 50);
  g_assert_cmpfloat (_yc_scan_clamp_range (170, 75, 600, 75), ==, 150);
  g_assert_cmpfloat (_yc_scan_clamp_range (190, 75, 600, 75), ==, 225);
  /* The top of the range is not on a step: the highest step below it. */
  g_assert_cmpfloat (_yc_scan_clamp_range (1234, 100, 1250, 300), ==, 1000);
  g_assert_cmpfloat (_yc_scan_clamp_list (1234, list, 4), ==, 600);
  g_assert_cmpfloat (_yc_scan_clamp_list (200, list, 4), ==, 150);
  g_assert_cmpfloat (_yc_scan_clamp_list (225, list, 4), ==, 150);   /* a tie goes down */
  g_assert_cmpfloat (_yc_scan_clamp_list (230, list, 4), ==, 300);
  g_assert_cmpstr (_yc_scan_pick_string (modes, wanted), ==, "Color");
  g_assert_cmpint (_yc_scan_source_from_sane ("Automatic Document Feeder"), ==, YC_SCAN_SOURCE_ADF);
  g_assert_cmpint (_yc_scan_source_from_sane ("ADF Duplex"), ==, YC_SCAN_SOURCE_DUPLEX);
  g_assert_cmpint (_yc_scan_source_from_sane ("Rear ADF duplex (vendor)"), ==,
                   YC_SCAN_SOURCE_DUPLEX);
  g_assert_cmpint (_yc_scan_mode_from_sane ("Lineart"), ==, YC_SCAN_MODE_LINEART);
  g_assert_cmpint (_yc_scan_mode_from_sane ("Infrared"), ==, -1);
}

static void
options_done_cb (GObject      *source,
                 GAsyncResult *result,
                 gpointer      data)
{
  YcScanSettings **out = data;
  g_autoptr(GError) error = NULL;

  *out = yc_scanner_set_options_finish (YC_SCANNER (source), result, &error);
  g_assert_no_error (error);
}

static void
caps_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  YcScanCapabilities **out = data;
  g_autoptr(GError) error = NULL;

  *out = yc_scanner_get_capabilities_finish (YC_SCANNER (source), result, &error);
  g_assert_no_error (error);
}

static void
test_resolution_clamped (Fixture       *f,
                         gconstpointer  data)
{
  g_autoptr(YcScanSettings) wanted =
    yc_scan_settings_new (YC_SCAN_SOURCE_DUPLEX, YC_SCAN_MODE_GRAY, 1234);
  g_autoptr(YcScanSettings) remembered = NULL;
  YcScanSettings *used = NULL;
  YcScanCapabilities *caps = NULL;
  guint id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timeout_cb, NULL);

  yc_scanner_get_capabilities_async (f->scanner, "test:1", NULL, caps_done_cb, &caps);
  while (caps == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_cmpuint (caps->sources, ==, (1u << YC_SCAN_SOURCE_FLATBED) | (1u << YC_SCAN_SOURCE_ADF));
  g_assert_cmpuint (caps->modes, ==, (1u << YC_SCAN_MODE_COLOR) | (1u << YC_SCAN_MODE_GRAY) |
                                     (1u << YC_SCAN_MODE_LINEART));
  g_assert_cmpuint (caps->resolution_min, ==, 1);
  g_assert_cmpuint (caps->resolution_max, ==, 1200);
  g_assert_cmpuint (caps->resolution_quant, ==, 1);
  g_assert_null (caps->resolution_list);
  /* Never used: the defaults. */
  g_assert_cmpuint (caps->current->resolution, ==, 300);
  yc_scan_capabilities_free (caps);

  /* 1234 dpi is more than the device's 1200; the feeder has no duplex: the nearest values. */
  yc_scanner_set_options_async (f->scanner, "test:1", wanted, NULL, options_done_cb, &used);
  while (used == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
  g_assert_cmpuint (used->resolution, ==, 1200);
  g_assert_cmpint (used->source, ==, YC_SCAN_SOURCE_ADF);
  g_assert_cmpint (used->mode, ==, YC_SCAN_MODE_GRAY);
  remembered = yc_scanner_dup_last_settings (f->scanner, "test:1");
  g_assert_cmpuint (remembered->resolution, ==, 1200);
  g_assert_cmpint (remembered->source, ==, YC_SCAN_SOURCE_ADF);
  yc_scan_settings_free (used);
}

/* --- cancelling --- */

static void
test_cancel_mid_page (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(YcScanSettings) slow =
    yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, YC_SCAN_MODE_GRAY, 150);
  g_autoptr(YcScanSettings) quick = quick_settings (YC_SCAN_SOURCE_FLATBED);
  guint job;

  /* The backend waits after each buffer it sends: the page takes seconds, so the cancel lands in
   * the middle. */
  yc_scan_settings_add_extra (slow, "read-limit", "yes");
  yc_scan_settings_add_extra (slow, "read-limit-size", "8192");
  yc_scan_settings_add_extra (slow, "read-delay", "yes");
  yc_scan_settings_add_extra (slow, "read-delay-duration", "20000");
  job = start_scan (f, slow);
  f->cancel_at_progress_of = job;
  wait_for (&f->done);

  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_false (f->ok);
  /* It was cancelled in the middle of the page. */
  g_assert_cmpuint (f->cancel_at_progress_of, ==, 0);
  g_assert_cmpuint (f->result_pages->len, ==, 0);
  g_assert_cmpuint (f->pages->len, ==, 0);
  /* No partial page in the store, and nothing left in its tmp/. */
  g_assert_cmpuint (count_stored_files (f), ==, 0);

  /* The next job works. */
  scan (f, quick);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result_pages->len, ==, 1);
  g_assert_cmpuint (count_stored_files (f), ==, 1);
}

static void
test_cancel_with_cancellable (Fixture       *f,
                              gconstpointer  data)
{
  g_autoptr(YcScanSettings) settings = quick_settings (YC_SCAN_SOURCE_ADF);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();

  /* Cancelled before the worker gets to it: it never touches the device. */
  g_cancellable_cancel (cancellable);
  f->done = FALSE;
  yc_scanner_scan_async (f->scanner, "test:0", settings, cancellable, scan_done_cb, f);
  wait_for (&f->done);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->result_pages->len, ==, 0);
  g_assert_cmpuint (_yc_scanner_get_open_count (f->scanner), ==, 0);
}

/* --- faults in the middle of a batch --- */

static void
check_fault (Fixture    *f,
             const char *status,
             guint       at_page,
             int         code,
             const char *in_message)
{
  g_autoptr(YcScanSettings) settings = quick_settings (YC_SCAN_SOURCE_ADF);

  _yc_scanner_inject_option (f->scanner, at_page, "read-return-value", status);
  scan (f, settings);
  g_assert_error (f->error, YC_SCAN_ERROR, code);
  g_assert_false (f->ok);
  g_assert_nonnull (strstr (f->error->message, in_message));
  /* The pages before the fault are kept and were each delivered. */
  g_assert_cmpuint (f->result_pages->len, ==, at_page);
  for (guint i = 0; i < at_page; i++)
    {
      YcScannedPage *page = g_ptr_array_index (f->result_pages, i);

      g_assert_true (yc_file_store_contains (f->files, page->sha256));
    }
  g_assert_cmpuint (count_stored_files (f), ==, at_page > 0 ? 1 : 0);

  /* The fault is gone with the job: the next batch works. */
  scan (f, settings);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result_pages->len, >, 0);
}

static void
test_jammed (Fixture       *f,
             gconstpointer  data)
{
  check_fault (f, "SANE_STATUS_JAMMED", 3, YC_SCAN_ERROR_JAMMED,
               "The document feeder is jammed. Clear it and press Scan to continue; the 3 pages "
               "already scanned are kept.");
}

static void
test_cover_open (Fixture       *f,
                 gconstpointer  data)
{
  check_fault (f, "SANE_STATUS_COVER_OPEN", 1, YC_SCAN_ERROR_COVER_OPEN,
               "the 1 page already scanned is kept");
}

static void
test_busy (Fixture       *f,
           gconstpointer  data)
{
  check_fault (f, "SANE_STATUS_DEVICE_BUSY", 0, YC_SCAN_ERROR_DEVICE_BUSY, "busy");
}

static void
test_no_docs (Fixture       *f,
              gconstpointer  data)
{
  check_fault (f, "SANE_STATUS_NO_DOCS", 0, YC_SCAN_ERROR_NO_DOCS, "The document feeder is empty.");
}

static void
test_access_denied (Fixture       *f,
                    gconstpointer  data)
{
  check_fault (f, "SANE_STATUS_ACCESS_DENIED", 0, YC_SCAN_ERROR_ACCESS_DENIED,
               "may not use the scanner");
}

/* --- a driver that hangs --- */

static gboolean
count_tick_cb (gpointer data)
{
  (*(guint *) data)++;
  return G_SOURCE_CONTINUE;
}

/* Waits until process @pid has gone (ended and reaped). */
static void
wait_process_gone (GPid pid)
{
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  while (kill (pid, 0) == 0 || errno != ESRCH)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

/* The driver stops answering in the middle of a batch (its helper process is stopped, as a backend
 * that deadlocks would leave it): the clerk gets the error and the pages before it within the time
 * limit, the main loop runs all along, Cancel answers too, and the next job works with a new
 * helper. */
static void
test_driver_hangs (Fixture       *f,
                   gconstpointer  data)
{
  g_autoptr(YcScanSettings) slow = quick_settings (YC_SCAN_SOURCE_ADF);
  g_autoptr(YcScanSettings) flatbed = quick_settings (YC_SCAN_SOURCE_FLATBED);
  guint ticks = 0, tick_id, opens, job;
  gint64 start;
  GPid hung;

  /* The backend waits 200 ms before each buffer it sends, 64 KiB of a plain page: a page takes
   * 0.6 s, so the third one is still coming when its first progress arrives. */
  yc_scan_settings_add_extra (slow, "test-picture", "Solid white");
  yc_scan_settings_add_extra (slow, "read-delay", "yes");
  yc_scan_settings_add_extra (slow, "read-delay-duration", "200000");
  _yc_scanner_set_answer_timeout (f->scanner, 2);
  f->stop_helper = TRUE;
  f->stop_helper_at_page = 2;
  tick_id = g_timeout_add (50, count_tick_cb, &ticks);
  scan (f, slow);
  g_source_remove (tick_id);

  hung = f->stopped_helper;
  g_assert_cmpint (hung, >, 0);
  g_assert_error (f->error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE);
  g_assert_nonnull (strstr (f->error->message, "the 2 pages already scanned are kept"));
  g_assert_cmpuint (f->result_pages->len, ==, 2);
  for (guint i = 0; i < 2; i++)
    g_assert_true (yc_file_store_contains (
      f->files, ((YcScannedPage *) g_ptr_array_index (f->result_pages, i))->sha256));
  /* The 2 s the worker waited, and the 1.2 s of the two pages, the main loop went on: 50 ms
   * ticks, with room for a loaded machine. */
  g_assert_cmpuint (ticks, >=, 20);
  /* The hung helper was ended (SIGKILL ends a stopped process too). */
  wait_process_gone (hung);
  g_assert_cmpint (_yc_scanner_get_helper_pid (f->scanner), ==, 0);

  /* Cancel answers while the driver hangs, with the usual (long) time limits. The helper stops in
   * a read, or, on a slow machine, between reads: then the job ends at once and the driver gets
   * the same grace to answer the sane_cancel that tidies up after it. */
  _yc_scanner_set_answer_timeout (f->scanner, 0);
  f->stop_helper = TRUE;
  f->stop_helper_at_page = 0;
  start = g_get_monotonic_time ();
  job = start_scan (f, slow);
  while (f->stop_helper)
    g_main_context_iteration (NULL, TRUE);
  yc_scanner_cancel (f->scanner, job);
  wait_for (&f->done);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->result_pages->len, ==, 0);
  /* Within the grace a cancelled call gets (5 s), far from the 120 s a read may take. */
  g_assert_cmpint (g_get_monotonic_time () - start, <, 30 * G_USEC_PER_SEC);
  wait_process_gone (f->stopped_helper);

  /* The next job starts a new helper, which opens the device again. */
  opens = _yc_scanner_get_open_count (f->scanner);
  scan (f, flatbed);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result_pages->len, ==, 1);
  g_assert_cmpuint (_yc_scanner_get_open_count (f->scanner), ==, opens + 1);
  g_assert_cmpint (_yc_scanner_get_helper_pid (f->scanner), >, 0);
  g_assert_cmpint (_yc_scanner_get_helper_pid (f->scanner), !=, f->stopped_helper);
}

/* --- a device that goes away and comes back --- */

static void
open_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Fixture *f = data;

  g_clear_error (&f->error);
  f->ok = yc_scanner_open_finish (YC_SCANNER (source), result, &f->error);
  f->done = TRUE;
}

static void
test_device_reopened (Fixture       *f,
                      gconstpointer  data)
{
  g_autoptr(YcScanSettings) flatbed = quick_settings (YC_SCAN_SOURCE_FLATBED);
  g_autoptr(YcScanSettings) adf = quick_settings (YC_SCAN_SOURCE_ADF);
  guint opens;

  /* A name that is not there. */
  f->done = FALSE;
  yc_scanner_open_async (f->scanner, "test:7", NULL, open_done_cb, f);
  wait_for (&f->done);
  g_assert_error (f->error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE);

  scan (f, flatbed);
  g_assert_no_error (f->error);
  opens = _yc_scanner_get_open_count (f->scanner);
  /* Kept open between jobs. */
  scan (f, flatbed);
  g_assert_no_error (f->error);
  g_assert_cmpuint (_yc_scanner_get_open_count (f->scanner), ==, opens);

  /* An I/O error in the middle of a batch: the device is gone; the pages before are kept. */
  _yc_scanner_inject_option (f->scanner, 2, "read-return-value", "SANE_STATUS_IO_ERROR");
  scan (f, adf);
  g_assert_error (f->error, YC_SCAN_ERROR, YC_SCAN_ERROR_DEVICE_GONE);
  g_assert_nonnull (strstr (f->error->message, "the 2 pages already scanned are kept"));
  g_assert_cmpuint (f->result_pages->len, ==, 2);

  /* The next job opens it again, without a new scanner object. */
  scan (f, flatbed);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result_pages->len, ==, 1);
  g_assert_cmpuint (_yc_scanner_get_open_count (f->scanner), ==, opens + 1);
}

/* --- stale results --- */

static void
barrier_cb (GObject      *source,
            GAsyncResult *result,
            gpointer      data)
{
  GPtrArray *devices = yc_scanner_list_devices_finish (YC_SCANNER (source), result, NULL);

  g_ptr_array_unref (devices);
  *(gboolean *) data = TRUE;
}

/* Queues a command behind everything sent to the worker and waits for it on a private context,
 * without running the main context: afterwards every result of the earlier jobs is waiting,
 * undelivered, on the main context. */
static void
wait_for_worker_idle (Fixture *f)
{
  GMainContext *private = g_main_context_new ();
  gboolean passed = FALSE;
  gint64 deadline = g_get_monotonic_time () + WAIT_TIMEOUT_S * G_USEC_PER_SEC;

  g_main_context_push_thread_default (private);
  yc_scanner_list_devices_async (f->scanner, NULL, barrier_cb, &passed);
  while (!passed)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (private, TRUE);
    }
  g_main_context_pop_thread_default (private);
  g_main_context_unref (private);
}

static void
test_stale_results_dropped (Fixture       *f,
                            gconstpointer  data)
{
  g_autoptr(YcScanSettings) settings = quick_settings (YC_SCAN_SOURCE_ADF);
  g_autofree char *stale = NULL;
  guint job_a, job_b;

  /* Job A runs to its end on the worker, but nothing of it is delivered before it is cancelled. */
  job_a = start_scan (f, settings);
  wait_for_worker_idle (f);
  g_assert_cmpuint (f->events->len, ==, 0);
  yc_scanner_cancel (f->scanner, job_a);
  wait_for (&f->done);
  g_assert_error (f->error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (f->result_pages->len, ==, 0);
  g_assert_cmpuint (f->pages->len, ==, 0);
  g_assert_cmpuint (f->events->len, ==, 1);
  stale = g_strdup_printf ("finished %u", job_a);
  g_assert_cmpstr (g_ptr_array_index (f->events, 0), ==, stale);

  /* Job B supersedes job A the same way: A's results are dropped, B's delivered. */
  g_ptr_array_set_size (f->events, 0);
  job_a = start_scan (f, settings);
  wait_for_worker_idle (f);
  f->done = FALSE;
  job_b = yc_scanner_scan_async (f->scanner, "test:0", settings, NULL, scan_done_cb, f);
  g_assert_cmpuint (job_b, !=, job_a);
  g_assert_cmpuint (yc_scanner_get_current_job (f->scanner), ==, job_b);
  while (f->n_finished < 3)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (f->error);
  g_assert_cmpuint (f->result_pages->len, ==, 10);
  for (guint i = 0; i < f->events->len; i++)
    {
      const char *event = g_ptr_array_index (f->events, i);
      g_autofree char *finished_a = g_strdup_printf ("finished %u", job_a);
      guint job = 0;

      if (sscanf (event, "progress %u", &job) == 1 || sscanf (event, "page %u", &job) == 1)
        g_assert_cmpuint (job, ==, job_b);
      else if (i == 0)
        g_assert_cmpstr (event, ==, finished_a);
    }
  g_assert_cmpuint (f->pages->len, ==, 10);
}

/* --- the PDF of a material --- */

static char *
run_tool (const char * const *argv)
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

static void
assemble_done_cb (GObject      *source,
                  GAsyncResult *result,
                  gpointer      data)
{
  char **out = data;
  g_autoptr(GError) error = NULL;

  *out = yc_page_pdf_assemble_finish (result, &error);
  g_assert_no_error (error);
}

static void
test_pdf_from_scans (Fixture       *f,
                     gconstpointer  data)
{
  g_autoptr(YcScanSettings) settings =
    yc_scan_settings_new (YC_SCAN_SOURCE_ADF, YC_SCAN_MODE_COLOR, 72);
  g_autoptr(YcScanSettings) lineart =
    yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, YC_SCAN_MODE_LINEART, 72);
  YcPdfPage pages[4];
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  g_autofree char *info = NULL;
  g_autofree char *images = NULL;
  g_auto(GStrv) lines = NULL;
  guint jpeg_images = 0, bilevel_images = 0;

  yc_scan_settings_add_extra (settings, "test-picture", "Color pattern");
  _yc_scanner_inject_option (f->scanner, 3, "read-return-value", "SANE_STATUS_JAMMED");
  scan (f, settings);
  g_assert_error (f->error, YC_SCAN_ERROR, YC_SCAN_ERROR_JAMMED);
  g_assert_cmpuint (f->result_pages->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      YcScannedPage *page = g_ptr_array_index (f->result_pages, i);

      pages[i].sha256 = g_strdup (page->sha256);
      pages[i].dpi = page->dpi;
      pages[i].rotation = i * 90;
    }
  yc_scan_settings_add_extra (lineart, "test-picture", "Grid");
  scan (f, lineart);
  g_assert_no_error (f->error);
  pages[3].sha256 = g_strdup (((YcScannedPage *) g_ptr_array_index (f->result_pages, 0))->sha256);
  pages[3].dpi = 72;
  pages[3].rotation = 0;

  yc_page_pdf_assemble_async (f->files, pages, 4, "身份证", NULL, assemble_done_cb, &sha);
  {
    guint id = g_timeout_add_seconds (WAIT_TIMEOUT_S, timeout_cb, NULL);

    while (sha == NULL)
      g_main_context_iteration (NULL, TRUE);
    g_source_remove (id);
  }
  g_assert_true (yc_file_store_contains (f->files, sha));
  path = yc_file_store_get_path (f->files, sha);

  info = run_tool ((const char *[]) { "pdfinfo", "-f", "1", "-l", "4", path, NULL });
  g_assert_nonnull (strstr (info, "Pages:           4"));
  g_assert_nonnull (strstr (info, "Title:           身份证"));
  /* 200 mm at 72 dpi = 566 px = 566 pt; rotation swaps nothing on a square page, so check the sizes
   * only. */
  g_assert_nonnull (strstr (info, "Page    1 size:  566 x 566 pts"));

  images = run_tool ((const char *[]) { "pdfimages", "-list", path, NULL });
  lines = g_strsplit (images, "\n", -1);
  /* page num type width height color comp bpc enc …, after two header lines */
  for (guint i = 2; lines[i] != NULL; i++)
    {
      g_auto(GStrv) cols = g_strsplit_set (g_strstrip (lines[i]), " ", -1);
      g_autoptr(GPtrArray) words = g_ptr_array_new ();

      for (guint c = 0; cols[c] != NULL; c++)
        if (*cols[c] != '\0')
          g_ptr_array_add (words, cols[c]);
      if (words->len < 9)
        continue;
      if (strcmp (g_ptr_array_index (words, 8), "jpeg") == 0)
        jpeg_images++;
      else if (strcmp (g_ptr_array_index (words, 7), "1") == 0)
        bilevel_images++;
    }
  /* The three colour pages are passed through as JPEG; the line-art page stays a lossless 1-bit
   * image. */
  g_assert_cmpuint (jpeg_images, ==, 3);
  g_assert_cmpuint (bilevel_images, ==, 1);

  for (guint i = 0; i < 4; i++)
    g_free ((char *) pages[i].sha256);
}

/* --- pages recorded on a case --- */

static YcCasePage *
fake_page (const char *case_uuid,
           guint       material,
           const char *sha256)
{
  YcCasePage *page = yc_case_page_new (case_uuid, material, sha256, "image/jpeg");

  page->width = 2480;
  page->height = 3508;
  page->dpi = 300;
  page->mode = g_strdup ("color");
  return page;
}

static void
test_import (Fixture       *f,
             gconstpointer  data)
{
  g_autoptr(YcScanSettings) settings = quick_settings (YC_SCAN_SOURCE_FLATBED);
  g_autofree char *copy = g_build_filename (g_get_user_cache_dir (), "page.jpg", NULL);
  g_autofree char *junk = g_build_filename (g_get_user_cache_dir (), "page.txt", NULL);
  g_autofree char *src = NULL;
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = NULL;
  g_autoptr(GFile) junk_file = NULL;
  g_autoptr(YcScannedPage) imported = NULL;
  g_autoptr(GError) error = NULL;
  YcScannedPage *scanned;
  gsize len;

  scan (f, settings);
  g_assert_no_error (f->error);
  scanned = g_ptr_array_index (f->result_pages, 0);
  src = yc_file_store_get_path (f->files, scanned->sha256);
  g_assert_true (g_file_get_contents (src, &contents, &len, NULL));
  g_mkdir_with_parents (g_get_user_cache_dir (), 0700);
  g_assert_true (g_file_set_contents (copy, contents, len, NULL));

  file = g_file_new_for_path (copy);
  imported = yc_scan_import_file (f->files, file, NULL, &error);
  g_assert_no_error (error);
  /* The same bytes: the same file in the store. */
  g_assert_cmpstr (imported->sha256, ==, scanned->sha256);
  g_assert_cmpstr (imported->content_type, ==, "image/jpeg");
  g_assert_cmpuint (imported->width, ==, scanned->width);
  g_assert_cmpuint (imported->height, ==, scanned->height);
  g_assert_cmpuint (imported->dpi, ==, 50);
  g_assert_cmpint (imported->mode, ==, YC_SCAN_MODE_GRAY);
  g_assert_cmpuint (imported->size, ==, len);

  /* A PDF is stored as an attachment, its pages counted; a PNG as a page. */
  {
    YcPdfPage pdf_pages[3] = {
      { scanned->sha256, 50, 0 }, { scanned->sha256, 50, 90 }, { scanned->sha256, 50, 0 }
    };
    g_autofree char *pdf_sha = yc_page_pdf_assemble (f->files, pdf_pages, 3, NULL, NULL, &error);
    g_autofree char *pdf_path = NULL;
    g_autoptr(GFile) pdf_file = NULL;
    g_autoptr(YcScannedPage) pdf = NULL;
    g_autoptr(YcScanSettings) lineart =
      yc_scan_settings_new (YC_SCAN_SOURCE_FLATBED, YC_SCAN_MODE_LINEART, 100);
    g_autofree char *png_path = NULL;
    g_autoptr(GFile) png_file = NULL;
    g_autoptr(YcScannedPage) png = NULL;
    YcScannedPage *scanned_png;

    g_assert_no_error (error);
    pdf_path = yc_file_store_get_path (f->files, pdf_sha);
    pdf_file = g_file_new_for_path (pdf_path);
    pdf = yc_scan_import_file (f->files, pdf_file, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (pdf->sha256, ==, pdf_sha);
    g_assert_cmpstr (pdf->content_type, ==, "application/pdf");
    g_assert_cmpuint (pdf->page_count, ==, 3);

    scan (f, lineart);
    g_assert_no_error (f->error);
    scanned_png = g_ptr_array_index (f->result_pages, 0);
    png_path = yc_file_store_get_path (f->files, scanned_png->sha256);
    png_file = g_file_new_for_path (png_path);
    png = yc_scan_import_file (f->files, png_file, NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (png->content_type, ==, "image/png");
    g_assert_cmpuint (png->width, ==, (guint) (100 * 200 / 25.4));
    g_assert_cmpuint (png->page_count, ==, 1);
  }

  g_assert_true (g_file_set_contents (junk, "not an image", -1, NULL));
  junk_file = g_file_new_for_path (junk);
  g_assert_null (yc_scan_import_file (f->files, junk_file, NULL, &error));
  g_assert_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_INVALID);
}

static void
test_store_pages (Fixture       *f,
                  gconstpointer  data)
{
  g_autofree char *db = g_build_filename (g_get_user_data_dir (), "yichuang.db", NULL);
  g_autoptr(YcStore) store = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) listed = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  const char *draft = "0b6f3e4c-5d2a-4b8e-9f10-2a3b4c5d6e7f";
  char sha[4][65];
  gint64 ids[4];
  g_autofree char *pdf = NULL;

  store = yc_store_open (db, &error);
  g_assert_no_error (error);

  for (guint i = 0; i < 4; i++)
    {
      g_autoptr(YcCasePage) page = NULL;

      memset (sha[i], 'a' + i, 64);
      sha[i][64] = '\0';
      /* Pages 0-2 on material 1 of the draft, page 3 on material 2. */
      page = fake_page (draft, i < 3 ? 1 : 2, sha[i]);
      ids[i] = yc_store_add_page (store, page, "clerk01", &error);
      g_assert_no_error (error);
      g_assert_cmpint (ids[i], >, 0);
    }

  listed = yc_store_list_pages (store, draft, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (listed->len, ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      YcCasePage *page = g_ptr_array_index (listed, i);

      g_assert_cmpint (page->id, ==, ids[i]);
      g_assert_cmpuint (page->page_order, ==, i);
      g_assert_cmpstr (page->sha256, ==, sha[i]);
      g_assert_cmpuint (page->width, ==, 2480);
      g_assert_cmpuint (page->dpi, ==, 300);
      g_assert_cmpstr (page->mode, ==, "color");
      g_assert_cmpuint (page->rotation, ==, 0);
    }
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* A material's PDF is recorded, and dropped when its pages change. */
  g_assert_true (yc_store_set_material_pdf (store, draft, 1, sha[3], 3, "clerk01", &error));
  g_assert_no_error (error);
  pdf = yc_store_get_material_pdf (store, draft, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pdf, ==, sha[3]);
  g_clear_pointer (&pdf, g_free);

  /* Page 2 first, then 0, then 1. */
  g_assert_true (yc_store_move_page (store, ids[2], 0, "clerk01", &error));
  g_assert_no_error (error);
  pdf = yc_store_get_material_pdf (store, draft, 1, &error);
  g_assert_no_error (error);
  g_assert_null (pdf);
  listed = yc_store_list_pages (store, draft, 1, &error);
  g_assert_cmpint (((YcCasePage *) g_ptr_array_index (listed, 0))->id, ==, ids[2]);
  g_assert_cmpint (((YcCasePage *) g_ptr_array_index (listed, 1))->id, ==, ids[0]);
  g_assert_cmpint (((YcCasePage *) g_ptr_array_index (listed, 2))->id, ==, ids[1]);
  g_clear_pointer (&listed, g_ptr_array_unref);

  g_assert_true (yc_store_rotate_page (store, ids[0], 270, "clerk01", &error));
  g_assert_no_error (error);
  g_assert_false (yc_store_rotate_page (store, ids[0], 45, "clerk01", &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Page 0 moves to the end of material 2; material 1 closes the gap. */
  g_assert_true (yc_store_move_page_to_material (store, ids[0], 2, "clerk01", &error));
  g_assert_no_error (error);
  listed = yc_store_list_pages (store, draft, 2, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpint (((YcCasePage *) g_ptr_array_index (listed, 1))->id, ==, ids[0]);
  g_assert_cmpuint (((YcCasePage *) g_ptr_array_index (listed, 1))->page_order, ==, 1);
  g_assert_cmpuint (((YcCasePage *) g_ptr_array_index (listed, 1))->rotation, ==, 270);
  g_clear_pointer (&listed, g_ptr_array_unref);
  listed = yc_store_list_pages (store, draft, 1, &error);
  g_assert_cmpuint (listed->len, ==, 2);
  g_assert_cmpint (((YcCasePage *) g_ptr_array_index (listed, 0))->id, ==, ids[2]);
  g_assert_cmpuint (((YcCasePage *) g_ptr_array_index (listed, 1))->page_order, ==, 1);
  g_clear_pointer (&listed, g_ptr_array_unref);

  g_assert_true (yc_store_delete_page (store, ids[2], "clerk01", &error));
  g_assert_no_error (error);
  g_assert_false (yc_store_delete_page (store, ids[2], "clerk01", &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  listed = yc_store_list_pages (store, draft, 1, &error);
  g_assert_cmpuint (listed->len, ==, 1);
  g_assert_cmpuint (((YcCasePage *) g_ptr_array_index (listed, 0))->page_order, ==, 0);
  g_clear_pointer (&listed, g_ptr_array_unref);

  /* A scanned page becomes a record as it is. */
  {
    g_autoptr(YcScannedPage) scanned = g_new0 (YcScannedPage, 1);
    g_autoptr(YcCasePage) record = NULL;
    g_autoptr(GPtrArray) on_three = NULL;
    gint64 id;

    scanned->sha256 = g_strdup (sha[3]);
    scanned->content_type = g_strdup ("image/png");
    scanned->width = 1654;
    scanned->height = 2339;
    scanned->dpi = 200;
    scanned->mode = YC_SCAN_MODE_LINEART;
    scanned->page_count = 1;
    record = yc_scanned_page_to_case_page (scanned, draft, 3);
    id = yc_store_add_page (store, record, "clerk01", &error);
    g_assert_no_error (error);
    on_three = yc_store_list_pages (store, draft, 3, &error);
    g_assert_cmpuint (on_three->len, ==, 1);
    g_assert_cmpint (((YcCasePage *) g_ptr_array_index (on_three, 0))->id, ==, id);
    g_assert_cmpstr (((YcCasePage *) g_ptr_array_index (on_three, 0))->mode, ==, "lineart");
    g_assert_cmpstr (((YcCasePage *) g_ptr_array_index (on_three, 0))->content_type, ==,
                     "image/png");
    g_assert_cmpuint (((YcCasePage *) g_ptr_array_index (on_three, 0))->dpi, ==, 200);
    g_assert_true (yc_store_delete_page (store, id, "clerk01", &error));
  }

  /* Every material: -1. */
  listed = yc_store_list_pages (store, draft, -1, &error);
  g_assert_cmpuint (listed->len, ==, 3);

  /* Each write left an audit entry on the draft. */
  audit = yc_store_list_audit (store, draft, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 4 + 1 + 1 + 1 + 1 + 1 + 2);
  g_assert_cmpstr (((YcAuditEntry *) g_ptr_array_index (audit, 0))->action, ==, "page.add");
  g_assert_cmpstr (((YcAuditEntry *) g_ptr_array_index (audit, audit->len - 1))->action, ==,
                   "page.delete");
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *sane_dir = NULL;
  int rc;

  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  /* SANE's test backend only, in a private configuration, unless the caller (dev.sh) gives one. */
  if (g_getenv ("SANE_CONFIG_DIR") == NULL)
    {
      g_autofree char *conf = NULL;
      g_autofree char *dll = NULL;
      g_autoptr(GError) error = NULL;

      sane_dir = g_dir_make_tmp ("yc-sane-XXXXXX", &error);
      g_assert_no_error (error);
      dll = g_build_filename (sane_dir, "dll.conf", NULL);
      conf = g_build_filename (sane_dir, "test.conf", NULL);
      g_assert_true (g_file_set_contents (dll, "test\n", -1, NULL));
      /* The backend's defaults (two devices) are what the tests expect; an empty test.conf keeps
       * them. */
      g_assert_true (g_file_set_contents (conf, "number_of_devices 2\n", -1, NULL));
      g_setenv ("SANE_CONFIG_DIR", sane_dir, TRUE);
    }

  g_test_add_func ("/yc/scanner/clamp-values", test_clamp_values);
#define ADD(path, func) \
  g_test_add ("/yc/scanner/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)
  ADD ("list-devices", test_list_devices);
  ADD ("flatbed", test_flatbed);
  ADD ("lineart", test_lineart);
  ADD ("unknown-length", test_unknown_length);
  ADD ("adf-batch", test_adf_batch);
  ADD ("resolution-clamped", test_resolution_clamped);
  ADD ("cancel-mid-page", test_cancel_mid_page);
  ADD ("cancel-before-start", test_cancel_with_cancellable);
  ADD ("jammed", test_jammed);
  ADD ("cover-open", test_cover_open);
  ADD ("device-busy", test_busy);
  ADD ("no-docs", test_no_docs);
  ADD ("access-denied", test_access_denied);
  ADD ("device-reopened", test_device_reopened);
  ADD ("driver-hangs", test_driver_hangs);
  ADD ("stale-results-dropped", test_stale_results_dropped);
  ADD ("pdf-from-scans", test_pdf_from_scans);
  ADD ("import", test_import);
  ADD ("store-pages", test_store_pages);
#undef ADD

  rc = g_test_run ();

  if (sane_dir != NULL)
    {
      g_autofree char *dll = g_build_filename (sane_dir, "dll.conf", NULL);
      g_autofree char *conf = g_build_filename (sane_dir, "test.conf", NULL);

      g_unlink (dll);
      g_unlink (conf);
      g_rmdir (sane_dir);
    }
  return rc;
}
