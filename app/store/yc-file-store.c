/* yc-file-store.c: content-addressed files: written to a temporary file while hashed, fsync'ed, renamed. */
#define G_LOG_DOMAIN "yc-file-store"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <unistd.h>

#include "yc-file-store.h"

G_DEFINE_QUARK (yc-file-store-error-quark, yc_file_store_error)

struct _YcFileStore {
  GObject  parent_instance;
  char    *root;
};

G_DEFINE_FINAL_TYPE (YcFileStore, yc_file_store, G_TYPE_OBJECT)

struct _YcFileStoreWriter {
  YcFileStore *store;
  GChecksum   *checksum;
  char        *tmp_path;
  int          fd;
};

static gboolean
set_errno_error (GError    **error,
                 int         saved_errno,
                 const char *what,
                 const char *path)
{
  /* Translators: the first %s is an action ("write", …), the second a path, the third the system's reason. */
  g_set_error (error, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_IO,
               _("Could not %s the stored file “%s”: %s"), what, path, g_strerror (saved_errno));
  return FALSE;
}

static void
yc_file_store_finalize (GObject *object)
{
  YcFileStore *self = YC_FILE_STORE (object);

  g_free (self->root);
  G_OBJECT_CLASS (yc_file_store_parent_class)->finalize (object);
}

static void
yc_file_store_class_init (YcFileStoreClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yc_file_store_finalize;
}

static void
yc_file_store_init (YcFileStore *self)
{
}

char *
yc_file_store_default_root (void)
{
  return g_build_filename (g_get_user_data_dir (), "yichuang", "files", NULL);
}

YcFileStore *
yc_file_store_new (const char  *root,
                   GError     **error)
{
  g_autoptr(YcFileStore) self = NULL;
  g_autofree char *tmp = NULL;

  g_return_val_if_fail (root != NULL, NULL);

  tmp = g_build_filename (root, "tmp", NULL);
  if (g_mkdir_with_parents (tmp, 0700) != 0)
    {
      set_errno_error (error, errno, _("create"), tmp);
      return NULL;
    }
  /* The root may have existed with looser modes: personal data is for the workstation user alone. */
  g_chmod (root, 0700);
  g_chmod (tmp, 0700);

  self = g_object_new (YC_TYPE_FILE_STORE, NULL);
  self->root = g_strdup (root);
  return g_steal_pointer (&self);
}

const char *
yc_file_store_get_root (YcFileStore *self)
{
  g_return_val_if_fail (YC_IS_FILE_STORE (self), NULL);
  return self->root;
}

gboolean
yc_sha256_is_valid (const char *sha256)
{
  if (sha256 == NULL || strlen (sha256) != 64)
    return FALSE;
  for (const char *p = sha256; *p; p++)
    if (!g_ascii_isdigit (*p) && !(*p >= 'a' && *p <= 'f'))
      return FALSE;
  return TRUE;
}

char *
yc_file_store_get_path (YcFileStore *self,
                        const char  *sha256)
{
  char prefix[3] = { 0 };

  g_return_val_if_fail (YC_IS_FILE_STORE (self), NULL);
  g_return_val_if_fail (yc_sha256_is_valid (sha256), NULL);

  memcpy (prefix, sha256, 2);
  return g_build_filename (self->root, prefix, sha256, NULL);
}

gboolean
yc_file_store_contains (YcFileStore *self,
                        const char  *sha256)
{
  g_autofree char *path = NULL;

  if (!yc_sha256_is_valid (sha256))
    return FALSE;
  path = yc_file_store_get_path (self, sha256);
  return g_file_test (path, G_FILE_TEST_IS_REGULAR);
}

static gboolean
fsync_dir (const char  *dir,
           GError     **error)
{
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);

  if (fd < 0)
    return set_errno_error (error, errno, _("open"), dir);
  if (fsync (fd) != 0)
    {
      int saved = errno;
      close (fd);
      return set_errno_error (error, saved, _("sync"), dir);
    }
  close (fd);
  return TRUE;
}

YcFileStoreWriter *
yc_file_store_writer_new (YcFileStore  *self,
                          GError      **error)
{
  YcFileStoreWriter *writer;
  g_autofree char *tmpl = NULL;
  int fd;

  g_return_val_if_fail (YC_IS_FILE_STORE (self), NULL);

  tmpl = g_build_filename (self->root, "tmp", "part-XXXXXX", NULL);
  fd = g_mkstemp_full (tmpl, O_WRONLY | O_CLOEXEC, 0600);
  if (fd < 0)
    {
      set_errno_error (error, errno, _("create"), tmpl);
      return NULL;
    }

  writer = g_new0 (YcFileStoreWriter, 1);
  writer->store = g_object_ref (self);
  writer->checksum = g_checksum_new (G_CHECKSUM_SHA256);
  writer->tmp_path = g_steal_pointer (&tmpl);
  writer->fd = fd;
  return writer;
}

gboolean
yc_file_store_writer_write (YcFileStoreWriter *writer,
                            const void        *data,
                            gsize              len,
                            GError           **error)
{
  const guint8 *p = data;
  gsize left = len;

  g_return_val_if_fail (writer != NULL && writer->fd >= 0, FALSE);

  g_checksum_update (writer->checksum, data, len);
  while (left > 0)
    {
      gssize n = write (writer->fd, p, left);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        return set_errno_error (error, errno, _("write"), writer->tmp_path);
      p += n;
      left -= n;
    }
  return TRUE;
}

static void
writer_free (YcFileStoreWriter *writer)
{
  if (writer->fd >= 0)
    close (writer->fd);
  if (writer->tmp_path != NULL)
    g_unlink (writer->tmp_path);
  g_checksum_free (writer->checksum);
  g_object_unref (writer->store);
  g_free (writer->tmp_path);
  g_free (writer);
}

void
yc_file_store_writer_abort (YcFileStoreWriter *writer)
{
  if (writer != NULL)
    writer_free (writer);
}

char *
yc_file_store_writer_commit (YcFileStoreWriter *writer,
                             GError           **error)
{
  g_autofree char *sha256 = NULL;
  g_autofree char *path = NULL;
  g_autofree char *dir = NULL;
  int fd;

  g_return_val_if_fail (writer != NULL, NULL);

  fd = writer->fd;
  writer->fd = -1;
  if (fsync (fd) != 0)
    {
      set_errno_error (error, errno, _("sync"), writer->tmp_path);
      close (fd);
      writer_free (writer);
      return NULL;
    }
  if (close (fd) != 0)
    {
      set_errno_error (error, errno, _("close"), writer->tmp_path);
      writer_free (writer);
      return NULL;
    }

  sha256 = g_strdup (g_checksum_get_string (writer->checksum));
  path = yc_file_store_get_path (writer->store, sha256);
  dir = g_path_get_dirname (path);

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      set_errno_error (error, errno, _("create"), dir);
      writer_free (writer);
      return NULL;
    }

  /* Same content, same name: an existing file is already the right one. */
  if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
    {
      writer_free (writer);
      return g_steal_pointer (&sha256);
    }

  if (g_rename (writer->tmp_path, path) != 0)
    {
      set_errno_error (error, errno, _("store"), path);
      writer_free (writer);
      return NULL;
    }
  g_clear_pointer (&writer->tmp_path, g_free);

  if (!fsync_dir (dir, error))
    {
      writer_free (writer);
      return NULL;
    }

  writer_free (writer);
  return g_steal_pointer (&sha256);
}

char *
yc_file_store_put_bytes (YcFileStore  *self,
                         GBytes       *bytes,
                         GError      **error)
{
  YcFileStoreWriter *writer;
  gsize len = 0;
  const void *data;

  g_return_val_if_fail (YC_IS_FILE_STORE (self), NULL);
  g_return_val_if_fail (bytes != NULL, NULL);

  writer = yc_file_store_writer_new (self, error);
  if (writer == NULL)
    return NULL;

  data = g_bytes_get_data (bytes, &len);
  if (!yc_file_store_writer_write (writer, data, len, error))
    {
      yc_file_store_writer_abort (writer);
      return NULL;
    }
  return yc_file_store_writer_commit (writer, error);
}

static void
put_bytes_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  GError *error = NULL;
  char *sha256;

  if (g_task_return_error_if_cancelled (task))
    return;

  sha256 = yc_file_store_put_bytes (source_object, task_data, &error);
  if (sha256 == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, sha256, g_free);
}

void
yc_file_store_put_bytes_async (YcFileStore        *self,
                               GBytes             *bytes,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YC_IS_FILE_STORE (self));
  g_return_if_fail (bytes != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_file_store_put_bytes_async);
  g_task_set_task_data (task, g_bytes_ref (bytes), (GDestroyNotify) g_bytes_unref);
  g_task_run_in_thread (task, put_bytes_thread);
}

char *
yc_file_store_put_bytes_finish (YcFileStore  *self,
                                GAsyncResult *result,
                                GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

GBytes *
yc_file_store_load_bytes (YcFileStore  *self,
                          const char   *sha256,
                          gboolean      verify,
                          GError      **error)
{
  g_autofree char *path = NULL;
  g_autofree char *actual = NULL;
  g_autoptr(GError) local_error = NULL;
  char *contents = NULL;
  gsize len = 0;

  g_return_val_if_fail (YC_IS_FILE_STORE (self), NULL);

  if (!yc_sha256_is_valid (sha256))
    {
      g_set_error (error, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_INVALID_HASH,
                   _("“%s” is not a file reference"), sha256 != NULL ? sha256 : "");
      return NULL;
    }

  path = yc_file_store_get_path (self, sha256);
  if (!g_file_get_contents (path, &contents, &len, &local_error))
    {
      if (g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        g_set_error (error, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_NOT_FOUND,
                     _("The stored file %.12s… is missing"), sha256);
      else
        g_set_error (error, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_IO,
                     _("Could not read the stored file %.12s…: %s"), sha256, local_error->message);
      return NULL;
    }

  if (verify)
    {
      actual = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, len);
      if (g_strcmp0 (actual, sha256) != 0)
        {
          g_free (contents);
          g_set_error (error, YC_FILE_STORE_ERROR, YC_FILE_STORE_ERROR_CORRUPT,
                       _("The stored file %.12s… is damaged"), sha256);
          return NULL;
        }
    }

  return g_bytes_new_take (contents, len);
}
