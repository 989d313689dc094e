/* yc-store.h: the workstation's SQLite database: schema migrations, catalogue, cases, audit log, outbox. */
#pragma once

#include <gio/gio.h>
#include "yc-item.h"
#include "yc-case.h"
#include "yc-catalogue.h"

G_BEGIN_DECLS

#define YC_STORE_ERROR (yc_store_error_quark ())
typedef enum {
  YC_STORE_ERROR_OPEN,          /* cannot open or create the file */
  YC_STORE_ERROR_CORRUPT,       /* not a database / malformed */
  YC_STORE_ERROR_TOO_NEW,       /* schema version newer than this program knows */
  YC_STORE_ERROR_MIGRATION,     /* a migration failed; the file is left at the previous version */
  YC_STORE_ERROR_NOT_FOUND,
  YC_STORE_ERROR_CONSTRAINT,    /* e.g. duplicate uuid */
  YC_STORE_ERROR_BUSY,          /* locked by another process */
  YC_STORE_ERROR_FULL,          /* disk full */
  YC_STORE_ERROR_IO,
  YC_STORE_ERROR_FAILED,
} YcStoreError;
GQuark yc_store_error_quark (void);

#define YC_TYPE_STORE (yc_store_get_type ())
G_DECLARE_FINAL_TYPE (YcStore, yc_store, YC, STORE, GObject)

/* Default location: $XDG_DATA_HOME/yichuang/yichuang.db (directory 0700, file 0600). */
char       *yc_store_default_path       (void);

/* Opening blocks (creates, migrates): call it from a worker, or use the async pair from the main thread. */
YcStore    *yc_store_open               (const char *path,
                                         GError    **error);
void        yc_store_open_async         (const char         *path,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
YcStore    *yc_store_open_finish        (GAsyncResult *result,
                                         GError      **error);
const char *yc_store_get_path           (YcStore *self);
int         yc_store_get_schema_version (YcStore *self);
int         yc_store_get_latest_schema_version (void);

/* Catalogue. Importing replaces items by code (upsert) and their materials, in one transaction, and keeps the
 * search index current. The async form reads @catalogue on the writer thread: keep it alive until the callback. */
gboolean    yc_store_import_catalogue   (YcStore      *self,
                                         YcCatalogue  *catalogue,
                                         GError      **error);
void        yc_store_import_catalogue_async (YcStore            *self,
                                         YcCatalogue        *catalogue,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_import_catalogue_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);
/* Imports the shipped sample catalogue if the catalogue is empty (first start). */
void        yc_store_ensure_catalogue_async (YcStore            *self,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_ensure_catalogue_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);
gboolean    yc_store_ensure_catalogue   (YcStore      *self,
                                         GError      **error);
guint       yc_store_count_items        (YcStore *self,
                                         GError **error);

/* Catalogue search: exact name, then name prefix, then substring (FTS5 trigram for 3+ characters, a short-query
 * path for 1-2 characters) over name, department, code and keywords. Items come without materials.
 * Safe from any thread; cancellable (a cancelled search returns G_IO_ERROR_CANCELLED). */
GPtrArray  *yc_store_search_items       (YcStore      *self,
                                         const char   *query,
                                         guint         limit,
                                         GCancellable *cancellable,
                                         GError      **error);   /* (element-type YcItem) */
void        yc_store_search_items_async (YcStore            *self,
                                         const char         *query,
                                         guint               limit,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GListModel *yc_store_search_items_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);   /* GListStore of YcItem */

/* One item with its materials. */
YcItem     *yc_store_get_item           (YcStore      *self,
                                         const char   *code,
                                         GError      **error);
void        yc_store_get_item_async     (YcStore            *self,
                                         const char         *code,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
YcItem     *yc_store_get_item_finish    (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);

G_END_DECLS
