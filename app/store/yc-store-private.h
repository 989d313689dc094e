/* yc-store-private.h: the store's internals: connections, the writer thread, SQLite errors. */
#pragma once

#include <sqlite3.h>
#include "yc-store.h"

G_BEGIN_DECLS

#define YC_STORE_SQL_RESOURCE_DIR "/org/yichuang/Yichuang/core/sql/"
/* From this many items on, an import rebuilds the search indexes once instead of row by row. */
#define YC_STORE_BULK_IMPORT_ITEMS 1000

/* One SQLite connection, used by one thread at a time. While a query runs, the progress handler
 * interrupts it as soon as @cancellable is cancelled. */
typedef struct {
  sqlite3      *db;
  GCancellable *cancellable;
  GHashTable   *statements;  /* SQL text → prepared sqlite3_stmt, kept for the connection's life */
} YcStoreConn;

/* A unit of work for the writer thread. It runs on the writer's connection; it opens its own
 * transaction. */
typedef gboolean (*YcStoreWriteFunc) (YcStoreConn *conn,
                                      gpointer     data,
                                      GError     **error);

struct _YcStore {
  GObject       parent_instance;

  char         *path;
  int           schema_version;

  /* The one writer: a thread owning writer_conn, fed through jobs. */
  GThread      *writer_thread;
  GAsyncQueue  *jobs;
  YcStoreConn  *writer_conn;

  /* Read connections, opened on demand up to a small maximum, shared by worker threads. */
  GMutex        readers_lock;
  GCond         readers_cond;
  GPtrArray    *idle_readers;
  guint         n_readers;

  /* Checkpoints run on a thread and connection of their own, so that no commit waits for one: the
   * writer's WAL hook asks for one once the log is long enough. All under checkpoint_lock. */
  GThread      *checkpoint_thread;
  YcStoreConn  *checkpoint_conn;
  GMutex        checkpoint_lock;
  GCond         checkpoint_cond;
  gboolean      checkpoint_wanted;
  gboolean      checkpoint_held;     /* tests: requests wait until released */
  gboolean      checkpoint_stopping;
  guint         n_checkpoints;       /* completed */
  int           wal_frames;          /* frames in the WAL after the writer's last commit */
};

/* The background checkpointer, for tests: completed checkpoints, the WAL's length after the last
 * commit, and holding requests back (the log then grows past the threshold). */
guint        _yc_store_get_checkpoints  (YcStore      *self);
int          _yc_store_get_wal_frames   (YcStore      *self);
void         _yc_store_hold_checkpoints (YcStore      *self,
                                         gboolean      hold);

/* Opening and configuring connections. */
YcStoreConn *_yc_store_conn_open        (const char   *path,
                                         gboolean      read_only,
                                         GError      **error);
void         _yc_store_conn_close       (YcStoreConn  *conn);

/* Borrowing a read connection; it honours @cancellable until it is released. Blocks while all are
 * busy. */
YcStoreConn *_yc_store_acquire_reader   (YcStore      *self,
                                         GCancellable *cancellable,
                                         GError      **error);
void         _yc_store_release_reader   (YcStore      *self,
                                         YcStoreConn  *conn);

/* Writes: @func runs on the writer thread. The sync form blocks the calling thread until it is done
 * (never call it from the writer thread). The async form completes @task with a boolean; @data
 * should be @task's task data. */
gboolean     _yc_store_write_sync       (YcStore         *self,
                                         YcStoreWriteFunc func,
                                         gpointer         data,
                                         GCancellable    *cancellable,
                                         GError         **error);
void         _yc_store_write_async      (YcStore         *self,
                                         YcStoreWriteFunc func,
                                         gpointer         data,
                                         GTask           *task);

/* Async boilerplate shared by the repositories (yc-store-tasks.c). */
/* Starts a write whose data the caller built and checked on its own thread: @data (freed with
 * @data_free) becomes @task's data and runs through @func; when it is NULL, @error (why it could
 * not be built) completes @task instead. */
void         _yc_store_write_task       (YcStore         *self,
                                         GTask           *task,
                                         YcStoreWriteFunc func,
                                         gpointer         data,
                                         GDestroyNotify   data_free,
                                         GError          *error);
/* A write whose data needs no checks: a task tagged @source_tag, holding @data, through @func. */
void         _yc_store_start_write      (YcStore            *self,
                                         gpointer            source_tag,
                                         YcStoreWriteFunc    func,
                                         gpointer            data,
                                         GDestroyNotify      data_free,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
/* A read on a worker thread: a task tagged @source_tag, holding @data, running @func. */
void         _yc_store_run_in_thread    (YcStore            *self,
                                         gpointer            source_tag,
                                         gpointer            data,
                                         GDestroyNotify      data_free,
                                         GTaskThreadFunc     func,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
/* Completes @task with @result, or with @error when @result is NULL. */
void         _yc_store_return_pointer   (GTask           *task,
                                         gpointer         result,
                                         GDestroyNotify   result_free,
                                         GError          *error);
/* Completes @task with a GListStore of @item_type holding @objects (taken), or with @error when
 * @objects is NULL. The objects were made on a worker and belong to the caller from here on. */
void         _yc_store_return_model     (GTask           *task,
                                         GType            item_type,
                                         GPtrArray       *objects,
                                         GError          *error);

/* SQL helpers. Each returns FALSE with @error set from the connection's last error. */
gboolean     _yc_store_set_error        (YcStoreConn  *conn,
                                         int           rc,
                                         GError      **error);
gboolean     _yc_store_set_error_from_code (sqlite3   *db,
                                         int           rc,
                                         GError      **error);
gboolean     _yc_store_exec             (YcStoreConn  *conn,
                                         const char   *sql,
                                         GError      **error);
/* A cached statement, reset and unbound: release it with g_autoptr (YcStoreStmt), which resets it
 * again. */
sqlite3_stmt *_yc_store_prepare         (YcStoreConn  *conn,
                                         const char   *sql,
                                         GError      **error);
/* Steps a statement that returns no rows. */
gboolean     _yc_store_step_done        (YcStoreConn  *conn,
                                         sqlite3_stmt *stmt,
                                         GError      **error);
gboolean     _yc_store_begin            (YcStoreConn  *conn,
                                         GError      **error);
gboolean     _yc_store_commit           (YcStoreConn  *conn,
                                         GError      **error);
void         _yc_store_rollback         (YcStoreConn  *conn);

typedef sqlite3_stmt YcStoreStmt;
static inline void
_yc_store_stmt_release (YcStoreStmt *stmt)
{
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcStoreStmt, _yc_store_stmt_release)

/* Binding helpers: NULL strings bind SQL NULL. */
static inline int
_yc_store_bind_text (sqlite3_stmt *stmt,
                     int           index,
                     const char   *text)
{
  if (text == NULL)
    return sqlite3_bind_null (stmt, index);
  return sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
}

static inline const char *
_yc_store_column_text (sqlite3_stmt *stmt,
                       int           column)
{
  return (const char *) sqlite3_column_text (stmt, column);
}

static inline gboolean
_yc_store_is_blank (const char *text)
{
  if (text == NULL)
    return TRUE;
  for (; *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;
  return TRUE;
}

/* Rows written inside a caller's transaction (yc-store-log.c). @at in µs since the epoch. */
gboolean     _yc_store_insert_audit     (YcStoreConn  *conn,
                                         gint64        at,
                                         const char   *actor,
                                         const char   *action,
                                         const char   *case_uuid,
                                         const char   *detail,
                                         GError      **error);
gboolean     _yc_store_insert_outbox    (YcStoreConn  *conn,
                                         gint64        at,
                                         const char   *kind,
                                         const char   *key,
                                         const char   *payload,
                                         GError      **error);
/* yc_store_create_case, optionally failing after every row was written and before COMMIT (for
 * tests). */
gboolean     _yc_store_create_case_full (YcStore      *self,
                                         YcCase       *kase,
                                         YcCaseEvent   decision,
                                         const char   *actor,
                                         gboolean      fail_before_commit,
                                         GError      **error);

/* Migrations (yc-store-migrations.c). Applies every migration above the file's version up to
 * @version, each in its own transaction. Exposed for tests, which build databases at each earlier
 * version. */
gboolean     _yc_store_migrate_to       (sqlite3      *db,
                                         int           version,
                                         GError      **error);
int          _yc_store_get_user_version (sqlite3      *db,
                                         GError      **error);

/* Items from rows (yc-store-catalogue.c): the columns of YC_STORE_ITEM_COLUMNS, in that order. */
#define YC_STORE_ITEM_COLUMNS \
  "items.code, items.name, items.department, items.item_type, " \
  "(SELECT label FROM code_lists " \
  "  WHERE list = 'item_type' AND code_lists.code = items.item_type), " \
  "items.case_type, items.legal_days, items.promised_days, items.commitment_allowed, " \
  "items.legal_basis, " \
  "items.conditions, items.fees, items.result, items.keywords"
#define YC_STORE_N_ITEM_COLUMNS 14
YcItem      *_yc_store_item_from_row    (sqlite3_stmt *stmt);

G_END_DECLS
