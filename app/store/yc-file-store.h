/* yc-file-store.h: the content-addressed file store (SHA-256 names) for scanned pages and rendered documents. */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define YC_FILE_STORE_ERROR (yc_file_store_error_quark ())
typedef enum {
  YC_FILE_STORE_ERROR_IO,          /* reading or writing failed (disk full, permissions, …) */
  YC_FILE_STORE_ERROR_NOT_FOUND,   /* no file with that hash */
  YC_FILE_STORE_ERROR_INVALID_HASH,/* not 64 lowercase hex digits */
  YC_FILE_STORE_ERROR_CORRUPT,     /* the stored bytes no longer match their hash */
} YcFileStoreError;
GQuark yc_file_store_error_quark (void);

#define YC_TYPE_FILE_STORE (yc_file_store_get_type ())
G_DECLARE_FINAL_TYPE (YcFileStore, yc_file_store, YC, FILE_STORE, GObject)

/* Default root: $XDG_DATA_HOME/yichuang/files (0700). Files are 0600, named <root>/<2 hex>/<64 hex>. */
char        *yc_file_store_default_root (void);
YcFileStore *yc_file_store_new          (const char  *root,
                                         GError     **error);
const char  *yc_file_store_get_root     (YcFileStore *self);

/* All calls below block on disk I/O: call them from worker threads (they are thread-safe), never from the GTK
 * main thread. Writes are durable when they return: data fsync'ed, then renamed into place, directory fsync'ed. */
char        *yc_file_store_put_bytes    (YcFileStore *self,
                                         GBytes      *bytes,
                                         GError     **error);   /* returns the SHA-256 hex */
void         yc_file_store_put_bytes_async  (YcFileStore        *self,
                                         GBytes             *bytes,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
char        *yc_file_store_put_bytes_finish (YcFileStore  *self,
                                         GAsyncResult *result,
                                         GError      **error);
gboolean     yc_file_store_contains     (YcFileStore *self,
                                         const char  *sha256);
char        *yc_file_store_get_path     (YcFileStore *self,
                                         const char  *sha256);    /* path whether or not it exists */
GBytes      *yc_file_store_load_bytes   (YcFileStore *self,
                                         const char  *sha256,
                                         gboolean     verify,
                                         GError     **error);
gboolean     yc_sha256_is_valid         (const char  *sha256);

/* Streaming writes, for data that should never be held whole in memory (scanned page batches). */
typedef struct _YcFileStoreWriter YcFileStoreWriter;
YcFileStoreWriter *yc_file_store_writer_new    (YcFileStore       *self,
                                                GError           **error);
gboolean           yc_file_store_writer_write  (YcFileStoreWriter *writer,
                                                const void        *data,
                                                gsize              len,
                                                GError           **error);
/* Makes the file durable and returns its hash; the writer is freed either way. */
char              *yc_file_store_writer_commit (YcFileStoreWriter *writer,
                                                GError           **error);
/* Abandons the write and removes the temporary file. */
void               yc_file_store_writer_abort  (YcFileStoreWriter *writer);

G_END_DECLS
