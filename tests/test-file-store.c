/* test-file-store.c: the content-addressed file store on a real directory. */
#include <glib/gstdio.h>
#include <sys/stat.h>

#include "yc-file-store.h"

static YcFileStore *
new_store (void)
{
  g_autofree char *root = g_build_filename (g_get_user_data_dir (), "files", NULL);
  GError *error = NULL;
  YcFileStore *store = yc_file_store_new (root, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static void
test_put_and_load (void)
{
  g_autoptr(YcFileStore) store = new_store ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("受理凭证", strlen ("受理凭证"));
  g_autoptr(GBytes) loaded = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *again = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *path = NULL;
  g_autoptr(GError) error = NULL;
  GStatBuf st;

  sha = yc_file_store_put_bytes (store, bytes, &error);
  g_assert_no_error (error);
  expected = g_compute_checksum_for_bytes (G_CHECKSUM_SHA256, bytes);
  g_assert_cmpstr (sha, ==, expected);
  g_assert_true (yc_file_store_contains (store, sha));

  path = yc_file_store_get_path (store, sha);
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  g_assert_cmpint (g_stat (yc_file_store_get_root (store), &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0700);

  /* Storing the same content twice gives the same name and leaves no temporary files behind. */
  again = yc_file_store_put_bytes (store, bytes, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (again, ==, sha);

  loaded = yc_file_store_load_bytes (store, sha, TRUE, &error);
  g_assert_no_error (error);
  g_assert_true (g_bytes_equal (loaded, bytes));
}

static void
test_streaming_writer (void)
{
  g_autoptr(YcFileStore) store = new_store ();
  g_autoptr(GChecksum) checksum = g_checksum_new (G_CHECKSUM_SHA256);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *tmpdir = NULL;
  g_autoptr(GDir) dir = NULL;
  YcFileStoreWriter *writer;
  guint8 chunk[4096];

  writer = yc_file_store_writer_new (store, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < 64; i++)
    {
      memset (chunk, i, sizeof chunk);
      g_checksum_update (checksum, chunk, sizeof chunk);
      g_assert_true (yc_file_store_writer_write (writer, chunk, sizeof chunk, &error));
      g_assert_no_error (error);
    }
  sha = yc_file_store_writer_commit (writer, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (sha, ==, g_checksum_get_string (checksum));

  /* An aborted write leaves nothing in tmp/. */
  writer = yc_file_store_writer_new (store, &error);
  g_assert_no_error (error);
  g_assert_true (yc_file_store_writer_write (writer, "x", 1, &error));
  yc_file_store_writer_abort (writer);

  tmpdir = g_build_filename (yc_file_store_get_root (store), "tmp", NULL);
  dir = g_dir_open (tmpdir, 0, &error);
  g_assert_no_error (error);
  g_assert_null (g_dir_read_name (dir));
}

static void
test_errors (void)
{
  g_autoptr(YcFileStore) store = new_store ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("abc", 3);
  g_autoptr(GError) error = NULL;
  g_autofree char *sha = NULL;
  g_autofree char *path = NULL;
  GBytes *loaded;

  loaded = yc_file_store_load_bytes (store, "not-a-hash", FALSE, &error);
  g_assert_null (loaded);
  g_assert_error (error, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_INVALID_HASH);
  g_clear_error (&error);

  loaded = yc_file_store_load_bytes (store,
                                     "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad",
                                     FALSE, &error);
  g_assert_null (loaded);
  g_assert_error (error, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A file damaged on disk is detected when verified. */
  sha = yc_file_store_put_bytes (store, bytes, &error);
  g_assert_no_error (error);
  path = yc_file_store_get_path (store, sha);
  g_assert_true (g_file_set_contents (path, "abd", 3, &error));
  loaded = yc_file_store_load_bytes (store, sha, TRUE, &error);
  g_assert_null (loaded);
  g_assert_error (error, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_CORRUPT);
}

static void
put_done_cb (GObject      *source,
             GAsyncResult *result,
             gpointer      user_data)
{
  char **out = user_data;
  g_autoptr(GError) error = NULL;

  *out = yc_file_store_put_bytes_finish (YC_FILE_STORE (source), result, &error);
  g_assert_no_error (error);
}

static void
test_async (void)
{
  g_autoptr(YcFileStore) store = new_store ();
  g_autoptr(GBytes) bytes = g_bytes_new_static ("一次性告知书", strlen ("一次性告知书"));
  g_autofree char *sha = NULL;

  yc_file_store_put_bytes_async (store, bytes, NULL, put_done_cb, &sha);
  while (sha == NULL)
    g_main_context_iteration (NULL, TRUE);
  g_assert_true (yc_file_store_contains (store, sha));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);
  g_test_add_func ("/yc/file-store/put-and-load", test_put_and_load);
  g_test_add_func ("/yc/file-store/streaming-writer", test_streaming_writer);
  g_test_add_func ("/yc/file-store/errors", test_errors);
  g_test_add_func ("/yc/file-store/async", test_async);
  return g_test_run ();
}
