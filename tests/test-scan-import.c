/* test-scan-import.c: importing PDF files: pages counted by poppler in classic and compressed
 * (object stream) files, password-protected, cut short and damaged files refused and not stored. */
#include <string.h>
#include <glib/gstdio.h>

#include "yc-scanner.h"
#include "yc-test-documents.h"

typedef struct {
  YcFileStore *files;
  char        *dir;    /* where the files to import are written */
} Fixture;

static void
fixture_set_up (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "files", NULL);
  g_autoptr(GError) error = NULL;

  f->files = yc_file_store_new (root, &error);
  g_assert_no_error (error);
  f->dir = g_build_filename (g_get_user_cache_dir (), "import", NULL);
  g_assert_cmpint (g_mkdir_with_parents (f->dir, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture       *f,
                   gconstpointer  data)
{
  g_clear_object (&f->files);
  g_free (f->dir);
}

static char *
path_in (Fixture    *f,
         const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* A PDF of @n_pages A5 pages written by cairo, each saying "Page N". */
static char *
write_cairo_pdf (Fixture    *f,
                 const char *name,
                 guint       n_pages)
{
  char *path = path_in (f, name);

  yc_test_write_pdf (path, n_pages);
  return path;
}

/* Whether @needle occurs in the binary @data (g_strstr_len stops at a NUL). */
static gboolean
contains (const char *data,
          gsize       len,
          const char *needle)
{
  gsize n = strlen (needle);

  for (gsize i = 0; i + n <= len; i++)
    if (memcmp (data + i, needle, n) == 0)
      return TRUE;
  return FALSE;
}

static gboolean
have_qpdf (void)
{
  g_autofree char *qpdf = g_find_program_in_path ("qpdf");

  if (qpdf != NULL)
    return TRUE;
  g_test_skip ("qpdf is not installed (build-aux/dev.sh installs it)");
  return FALSE;
}

/* Runs qpdf with @args, then the input and output paths. */
static void
qpdf (const char * const *args,
      const char         *in,
      const char         *out)
{
  g_autoptr(GPtrArray) argv = g_ptr_array_new ();
  g_autoptr(GError) error = NULL;
  int status = 0;

  g_ptr_array_add (argv, (gpointer) "qpdf");
  for (guint i = 0; args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, (gpointer) in);
  g_ptr_array_add (argv, (gpointer) out);
  g_ptr_array_add (argv, NULL);
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, NULL, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
}

/* Files in the store (not counting unfinished writes). */
static guint
count_stored (YcFileStore *files)
{
  g_autoptr(GDir) root = g_dir_open (yc_file_store_get_root (files), 0, NULL);
  const char *name;
  guint count = 0;

  if (root == NULL)
    return 0;
  while ((name = g_dir_read_name (root)) != NULL)
    {
      g_autofree char *sub = NULL;
      g_autoptr(GDir) dir = NULL;

      if (strlen (name) != 2)
        continue;
      sub = g_build_filename (yc_file_store_get_root (files), name, NULL);
      dir = g_dir_open (sub, 0, NULL);
      while (dir != NULL && g_dir_read_name (dir) != NULL)
        count++;
    }
  return count;
}

static YcScannedPage *
import (Fixture    *f,
        const char *path,
        GError    **error)
{
  g_autoptr(GFile) file = g_file_new_for_path (path);

  return yc_scan_import_file (f->files, file, NULL, error);
}

static void
assert_stored_as_is (Fixture             *f,
                     const YcScannedPage *page,
                     const char          *path)
{
  g_autofree char *stored = yc_file_store_get_path (f->files, page->sha256);
  g_autofree char *a = NULL, *b = NULL;
  gsize a_len, b_len;

  g_assert_true (g_file_get_contents (path, &a, &a_len, NULL));
  g_assert_true (g_file_get_contents (stored, &b, &b_len, NULL));
  g_assert_cmpmem (a, a_len, b, b_len);
  g_assert_cmpuint (page->size, ==, a_len);
}

static void
test_classic_xref (Fixture       *f,
                   gconstpointer  data)
{
  g_autofree char *path = write_cairo_pdf (f, "cairo.pdf", 3);
  g_autoptr(YcScannedPage) page = NULL;
  g_autoptr(GError) error = NULL;

  page = import (f, path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (page->content_type, ==, "application/pdf");
  g_assert_cmpuint (page->page_count, ==, 3);
  g_assert_cmpuint (page->width, ==, 0);
  assert_stored_as_is (f, page, path);
}

static void
test_object_streams (Fixture       *f,
                     gconstpointer  data)
{
  g_autofree char *plain = NULL;
  g_autofree char *packed = path_in (f, "packed.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(YcScannedPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  if (!have_qpdf ())
    return;
  plain = write_cairo_pdf (f, "plain.pdf", 5);
  /* As office software and phones write PDF 1.5+: objects (the pages among them) inside compressed
   * object streams, and a compressed cross-reference stream. */
  qpdf ((const char *[]) { "--object-streams=generate", "--compress-streams=y", NULL },
        plain, packed);
  g_assert_true (g_file_get_contents (packed, &contents, &len, NULL));
  g_assert_true (contains (contents, len, "/ObjStm"));
  g_assert_true (contains (contents, len, "/XRef"));
  /* No page dictionary is visible in the bytes: only a real PDF reader counts these pages. */
  g_assert_false (contains (contents, len, "/Page "));
  g_assert_false (contains (contents, len, "/Page/"));
  g_assert_false (contains (contents, len, "/Page\n"));

  page = import (f, packed, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (page->content_type, ==, "application/pdf");
  g_assert_cmpuint (page->page_count, ==, 5);
  assert_stored_as_is (f, page, packed);
}

static void
test_encrypted (Fixture       *f,
                gconstpointer  data)
{
  g_autofree char *plain = NULL;
  g_autofree char *locked = path_in (f, "locked.pdf");
  g_autofree char *owner_only = path_in (f, "owner-only.pdf");
  g_autoptr(YcScannedPage) page = NULL;
  g_autoptr(GError) error = NULL;

  if (!have_qpdf ())
    return;
  plain = write_cairo_pdf (f, "plain.pdf", 2);
  qpdf ((const char *[]) { "--encrypt", "user-secret", "owner-secret", "256", "--", NULL },
        plain, locked);

  page = import (f, locked, &error);
  g_assert_null (page);
  g_assert_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_PDF_ENCRYPTED);
  g_assert_nonnull (strstr (error->message, "locked.pdf"));
  g_assert_cmpuint (count_stored (f->files), ==, 0);
  g_clear_error (&error);

  /* Encrypted with an owner password only (an empty user password): it opens without asking, as
   * in any reader, so it is imported. */
  qpdf ((const char *[]) { "--encrypt", "", "owner-secret", "256", "--", NULL }, plain, owner_only);
  page = import (f, owner_only, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->page_count, ==, 2);
  g_assert_cmpuint (count_stored (f->files), ==, 1);
}

static void
test_damaged (Fixture       *f,
              gconstpointer  data)
{
  g_autofree char *whole = write_cairo_pdf (f, "whole.pdf", 4);
  g_autofree char *cut = path_in (f, "cut.pdf");
  g_autofree char *junk = path_in (f, "junk.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(YcScannedPage) page = NULL;
  g_autoptr(GError) error = NULL;
  gsize len;

  /* Cut short halfway, as an interrupted copy leaves it. */
  g_assert_true (g_file_get_contents (whole, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (cut, contents, len / 2, NULL));
  page = import (f, cut, &error);
  g_assert_null (page);
  g_assert_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_PDF_DAMAGED);
  g_assert_nonnull (strstr (error->message, "cut.pdf"));
  g_clear_error (&error);

  /* Looks like a PDF from both ends, but holds nothing a reader can use. */
  g_assert_true (g_file_set_contents (junk, "%PDF-1.4\n% 户主同意落户意见\n%%EOF\n", -1, NULL));
  page = import (f, junk, &error);
  g_assert_null (page);
  g_assert_error (error, YC_SCAN_ERROR, YC_SCAN_ERROR_PDF_DAMAGED);
  g_clear_error (&error);

  /* Neither was stored, nor left half-written. */
  g_assert_cmpuint (count_stored (f->files), ==, 0);
  {
    g_autofree char *tmp = g_build_filename (yc_file_store_get_root (f->files), "tmp", NULL);
    g_autoptr(GDir) dir = g_dir_open (tmp, 0, NULL);

    g_assert_true (dir == NULL || g_dir_read_name (dir) == NULL);
  }

  /* The whole file imports. */
  page = import (f, whole, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (page->page_count, ==, 4);
}

typedef struct {
  YcScannedPage *page;
  GError        *error;
  gboolean       done;
} AsyncResult;

static void
imported_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  AsyncResult *r = user_data;

  r->page = yc_scan_import_file_finish (result, &r->error);
  r->done = TRUE;
}

/* The async form, as the UI calls it: the file is read and checked in a worker thread. */
static void
test_async (Fixture       *f,
            gconstpointer  data)
{
  g_autofree char *path = write_cairo_pdf (f, "async.pdf", 2);
  g_autofree char *cut = path_in (f, "async-cut.pdf");
  g_autofree char *contents = NULL;
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) cut_file = g_file_new_for_path (cut);
  AsyncResult r = { 0 };
  gsize len;

  yc_scan_import_file_async (f->files, file, NULL, imported_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_no_error (r.error);
  g_assert_cmpuint (r.page->page_count, ==, 2);
  g_clear_pointer (&r.page, yc_scanned_page_free);

  g_assert_true (g_file_get_contents (path, &contents, &len, NULL));
  g_assert_true (g_file_set_contents (cut, contents, len - 200, NULL));
  r.done = FALSE;
  yc_scan_import_file_async (f->files, cut_file, NULL, imported_cb, &r);
  while (!r.done)
    g_main_context_iteration (NULL, TRUE);
  g_assert_null (r.page);
  g_assert_error (r.error, YC_SCAN_ERROR, YC_SCAN_ERROR_PDF_DAMAGED);
  g_clear_error (&r.error);
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

#define ADD(name, func) \
  g_test_add ("/yc/scan-import/" name, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("classic-xref", test_classic_xref);
  ADD ("object-streams", test_object_streams);
  ADD ("encrypted", test_encrypted);
  ADD ("damaged", test_damaged);
  ADD ("async", test_async);
#undef ADD

  return g_test_run ();
}
