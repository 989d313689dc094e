/* bench-scan.c: a 10-page 300 dpi colour feeder batch from SANE's test backend, then its PDF: added
 * peak RSS (VmHWM before and after) and the time from the last page to the PDF being stored. */
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <glib/gstdio.h>

#include "yc-scanner.h"
#include "yc-page-pdf.h"

#define RSS_BUDGET_MB 150.0
#define PDF_BUDGET_S 2.0
#define PAGES 10
#define DPI 300
#define TIMEOUT_S 300

typedef struct {
  YcScanner  *scanner;
  YcFileStore *files;
  gint64      last_page_at;
  gint64      pdf_at;
  guint       pages_seen;
  guint64     stored_bytes;
  guint64     raw_bytes;
  GPtrArray  *pages;
  GError     *error;
  char       *pdf;
  gboolean    done;
  gint64      hwm_scan;   /* peak when the batch has finished, before the PDF */
} Bench;

/* Peak resident set size of this process so far, in kB, from /proc/self/status. */
static gint64
read_vm_hwm_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmHWM:");
  if (line == NULL)
    return -1;
  return g_ascii_strtoll (line + strlen ("VmHWM:"), NULL, 10);
}

static gint64
read_vm_rss_kb (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL))
    return -1;
  line = strstr (status, "VmRSS:");
  return line ? g_ascii_strtoll (line + strlen ("VmRSS:"), NULL, 10) : -1;
}

static gboolean
timeout_cb (gpointer data)
{
  g_printerr ("bench-scan: timed out after %d s\n", TIMEOUT_S);
  exit (2);
}

static void
wait_for (gboolean *flag)
{
  guint id = g_timeout_add_seconds (TIMEOUT_S, timeout_cb, NULL);

  while (!*flag)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (id);
}

static void
page_done_cb (YcScanner     *scanner,
              guint          job,
              YcScannedPage *page,
              Bench         *b)
{
  b->last_page_at = g_get_monotonic_time ();
  b->pages_seen++;
  b->stored_bytes += page->size;
  b->raw_bytes += (guint64) page->width * page->height * 3;
}

static void
pdf_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      data)
{
  Bench *b = data;

  b->pdf = yc_page_pdf_assemble_finish (result, &b->error);
  b->pdf_at = g_get_monotonic_time ();
  b->done = TRUE;
}

/* As the window does: the PDF is assembled as soon as the batch has finished. */
static void
scan_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  Bench *b = data;
  g_autofree YcPdfPage *pdf_pages = NULL;

  b->hwm_scan = read_vm_hwm_kb ();
  if (!yc_scanner_scan_finish (YC_SCANNER (source), result, &b->pages, &b->error))
    {
      b->done = TRUE;
      return;
    }
  pdf_pages = g_new0 (YcPdfPage, b->pages->len);
  for (guint i = 0; i < b->pages->len; i++)
    {
      YcScannedPage *page = g_ptr_array_index (b->pages, i);

      pdf_pages[i].sha256 = page->sha256;
      pdf_pages[i].dpi = page->dpi;
    }
  yc_page_pdf_assemble_async (b->files, pdf_pages, b->pages->len, "bench", NULL, pdf_done_cb, b);
}

static void
list_done_cb (GObject      *source,
              GAsyncResult *result,
              gpointer      data)
{
  g_autoptr(GPtrArray) devices = yc_scanner_list_devices_finish (YC_SCANNER (source), result, NULL);

  *(gboolean *) data = TRUE;
}

static void
remove_tree (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

int
main (int    argc,
      char **argv)
{
  g_autofree char *work = NULL;
  g_autofree char *root = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YcScanSettings) settings = NULL;
  Bench b = { 0 };
  gboolean listed = FALSE;
  gint64 hwm_before, hwm_after, rss_before, started, finished;
  double added_mb, pdf_s, batch_s, distinct_s = 0, distinct_mb = 0;
  goffset distinct_size = 0;
  gboolean rss_ok, pdf_ok;
  GStatBuf st;

  setlocale (LC_ALL, "");
  work = g_dir_make_tmp ("yc-bench-scan-XXXXXX", &error);
  if (work == NULL)
    {
      g_printerr ("bench-scan: %s\n", error->message);
      return 2;
    }
  /* Private settings and SANE's test backend, unless dev.sh already set one up. */
  {
    g_autofree char *config = g_build_filename (work, "config", NULL);

    g_setenv ("XDG_CONFIG_HOME", config, TRUE);
  }
  if (g_getenv ("SANE_CONFIG_DIR") == NULL)
    {
      g_autofree char *sane = g_build_filename (work, "sane.d", NULL);
      g_autofree char *dll = g_build_filename (sane, "dll.conf", NULL);

      g_mkdir_with_parents (sane, 0700);
      g_file_set_contents (dll, "test\n", -1, NULL);
      g_setenv ("SANE_CONFIG_DIR", sane, TRUE);
    }

  root = g_build_filename (work, "files", NULL);
  b.files = yc_file_store_new (root, &error);
  if (b.files == NULL)
    {
      g_printerr ("bench-scan: %s\n", error->message);
      return 2;
    }
  b.scanner = yc_scanner_new (b.files);
  g_signal_connect (b.scanner, "page-done", G_CALLBACK (page_done_cb), &b);

  /* SANE loaded and the devices known before the baseline: only the batch and its PDF count. */
  yc_scanner_list_devices_async (b.scanner, NULL, list_done_cb, &listed);
  wait_for (&listed);
  hwm_before = read_vm_hwm_kb ();
  rss_before = read_vm_rss_kb ();

  settings = yc_scan_settings_new (YC_SCAN_SOURCE_ADF, YC_SCAN_MODE_COLOR, DPI);
  yc_scan_settings_add_extra (settings, "test-picture", "Color pattern");
  started = g_get_monotonic_time ();
  yc_scanner_scan_async (b.scanner, "test:0", settings, NULL, scan_done_cb, &b);
  wait_for (&b.done);
  finished = g_get_monotonic_time ();
  hwm_after = read_vm_hwm_kb ();

  if (b.error != NULL)
    {
      g_printerr ("bench-scan: %s\n", b.error->message);
      return 1;
    }
  if (b.pages == NULL || b.pages->len != PAGES || b.pages_seen != PAGES)
    {
      g_printerr ("bench-scan: expected %d pages, got %u\n", PAGES, b.pages ? b.pages->len : 0);
      return 1;
    }
  if (hwm_before < 0 || hwm_after < 0)
    {
      g_printerr ("bench-scan: cannot read VmHWM from /proc/self/status\n");
      return 1;
    }

  pdf_s = (b.pdf_at - b.last_page_at) / (double) G_USEC_PER_SEC;
  batch_s = (b.last_page_at - started) / (double) G_USEC_PER_SEC;
  {
    g_autofree char *pdf_path = yc_file_store_get_path (b.files, b.pdf);

    if (g_stat (pdf_path, &st) != 0)
      {
        g_printerr ("bench-scan: the PDF %s is not in the store\n", b.pdf);
        return 1;
      }
  }

  /* The test backend's sheets are identical, and the PDF embeds one file once: assemble again from
   * ten different files (the scan with a comment segment naming its page), as real paper gives. */
  {
    YcScannedPage *first = g_ptr_array_index (b.pages, 0);
    g_autoptr(GBytes) jpeg = yc_file_store_load_bytes (b.files, first->sha256, FALSE, &error);
    g_autofree YcPdfPage *distinct = g_new0 (YcPdfPage, PAGES);
    gint64 hwm_pdf_before;

    if (jpeg == NULL)
      {
        g_printerr ("bench-scan: %s\n", error->message);
        return 1;
      }
    for (guint i = 0; i < PAGES; i++)
      {
        gsize len;
        const guint8 *data = g_bytes_get_data (jpeg, &len);
        g_autofree char *comment = g_strdup_printf ("page %u", i + 1);
        guint16 seg = strlen (comment) + 2;
        GByteArray *copy = g_byte_array_sized_new (len + seg + 2);
        g_autoptr(GBytes) bytes = NULL;
        guint8 marker[4] = { 0xff, 0xfe, seg >> 8, seg & 0xff };   /* COM, after SOI */

        g_byte_array_append (copy, data, 2);
        g_byte_array_append (copy, marker, 4);
        g_byte_array_append (copy, (const guint8 *) comment, strlen (comment));
        g_byte_array_append (copy, data + 2, len - 2);
        bytes = g_byte_array_free_to_bytes (copy);
        distinct[i].sha256 = yc_file_store_put_bytes (b.files, bytes, &error);
        distinct[i].dpi = DPI;
        if (distinct[i].sha256 == NULL)
          {
            g_printerr ("bench-scan: %s\n", error->message);
            return 1;
          }
      }
    hwm_pdf_before = read_vm_hwm_kb ();
    b.done = FALSE;
    g_clear_pointer (&b.pdf, g_free);
    b.last_page_at = g_get_monotonic_time ();
    yc_page_pdf_assemble_async (b.files, distinct, PAGES, "bench", NULL, pdf_done_cb, &b);
    wait_for (&b.done);
    if (b.error != NULL)
      {
        g_printerr ("bench-scan: %s\n", b.error->message);
        return 1;
      }
    distinct_s = (b.pdf_at - b.last_page_at) / (double) G_USEC_PER_SEC;
    distinct_mb = (read_vm_hwm_kb () - hwm_pdf_before) / 1024.0;
    hwm_after = MAX (hwm_after, read_vm_hwm_kb ());
    {
      g_autofree char *distinct_path = yc_file_store_get_path (b.files, b.pdf);
      GStatBuf dst;

      distinct_size = g_stat (distinct_path, &dst) == 0 ? dst.st_size : 0;
    }
    for (guint i = 0; i < PAGES; i++)
      g_free ((char *) distinct[i].sha256);
  }
  added_mb = (hwm_after - hwm_before) / 1024.0;
  rss_ok = added_mb <= RSS_BUDGET_MB;
  pdf_ok = pdf_s <= PDF_BUDGET_S && distinct_s <= PDF_BUDGET_S;

  g_print ("bench-scan: %d pages, %d dpi colour, %u × %u px each, from SANE's test backend "
           "(feeder)\n",
           PAGES, DPI, ((YcScannedPage *) g_ptr_array_index (b.pages, 0))->width,
           ((YcScannedPage *) g_ptr_array_index (b.pages, 0))->height);
  g_print ("  raw pixels of the batch: %.1f MB; stored JPEG: %.1f MB; PDF: %.1f MB\n",
           b.raw_bytes / 1048576.0, b.stored_bytes / 1048576.0, st.st_size / 1048576.0);
  g_print ("  batch: %.2f s (%.2f s per page); whole run %.2f s\n", batch_s, batch_s / PAGES,
           (finished - started) / (double) G_USEC_PER_SEC);
  g_print ("  RSS before: %.1f MB; peak before: %.1f MB, after the batch: %.1f MB, after the PDF: "
           "%.1f MB\n",
           rss_before / 1024.0, hwm_before / 1024.0, b.hwm_scan / 1024.0, hwm_after / 1024.0);
  g_print ("  PDF of the batch as scanned (identical sheets, one embedded JPEG): %.1f MB in %.3f "
           "s\n",
           st.st_size / 1048576.0, pdf_s);
  g_print ("  PDF of ten different pages: %.1f MB in %.3f s, %.1f MB added peak\n",
           distinct_size / 1048576.0, distinct_s, distinct_mb);
  g_print ("added peak RSS: %.1f MB (budget %.0f MB): %s\n", added_mb, RSS_BUDGET_MB,
           rss_ok ? "PASS" : "FAIL");
  g_print ("PDF ready after the last page: %.3f s (ten different pages: %.3f s; budget %.1f s): "
           "%s\n", pdf_s,
           distinct_s, PDF_BUDGET_S, pdf_ok ? "PASS" : "FAIL");

  g_ptr_array_unref (b.pages);
  g_clear_object (&b.scanner);
  g_clear_object (&b.files);
  g_free (b.pdf);
  remove_tree (work);
  /* Figures over budget are reported, not failed: only errors fail the run. */
  return 0;
}
