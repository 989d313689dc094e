/* yc-store.c: the database file, its connections (a writer thread, pooled readers, a checkpointer). */
#define G_LOG_DOMAIN "yc-store"

#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>

#include "yc-store-private.h"

/* Another process (a second copy, a backup tool) may hold the lock briefly: wait this long before
 * giving up. */
#define BUSY_TIMEOUT_MS 5000
/* Two cores: more readers than this would only queue inside SQLite. */
#define MAX_READERS 4
/* The progress handler runs every this many virtual machine steps: cancellation is noticed within
 * microseconds. */
#define PROGRESS_STEPS 1000
/* A checkpoint is asked for once the WAL holds this many pages (SQLite's own automatic threshold). */
#define CHECKPOINT_FRAMES 1000

G_DEFINE_QUARK (yc-store-error-quark, yc_store_error)

G_DEFINE_FINAL_TYPE (YcStore, yc_store, G_TYPE_OBJECT)

typedef struct {
  YcStoreWriteFunc func;     /* NULL: stop the writer */
  gpointer         data;
  GCancellable    *cancellable;
  GTask           *task;     /* async jobs: completed by the writer */
  /* Sync jobs: the caller waits until done. */
  GMutex           lock;
  GCond            cond;
  gboolean         done;
  gboolean         ok;
  GError          *error;
} WriteJob;

/* --- errors --- */

gboolean
_yc_store_set_error_from_code (sqlite3 *db,
                               int      rc,
                               GError **error)
{
  const char *detail = db ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_BUSY,
                   _("The database is in use by another program. Close other copies of "
                     "Yichuang and try again (%s)."),
                   detail);
      break;
    case SQLITE_FULL:
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_FULL,
                   _("The disk is full, so nothing was saved. Free some disk space and try "
                     "again (%s)."),
                   detail);
      break;
    case SQLITE_NOTADB:
    case SQLITE_CORRUPT:
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_CORRUPT,
                   _("The database file is damaged or is not a Yichuang database. Ask your "
                     "support staff to restore it from a backup (%s)."),
                   detail);
      break;
    case SQLITE_CONSTRAINT:
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_CONSTRAINT,
                   _("The record conflicts with one already saved or breaks a rule of the "
                     "database, so it was not saved (%s)."),
                   detail);
      break;
    case SQLITE_CANTOPEN:
    case SQLITE_PERM:
    case SQLITE_READONLY:
    case SQLITE_AUTH:
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_OPEN,
                   _("Cannot open or write the database file. Check that the disk is "
                     "available and that you may write to it (%s)."),
                   detail);
      break;
    case SQLITE_IOERR:
    case SQLITE_NOLFS:
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_IO,
                   _("The disk reported an error while reading or writing the database. "
                     "Check the disk and try again (%s)."),
                   detail);
      break;
    case SQLITE_INTERRUPT:
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                           _("The operation was cancelled"));
      break;
    default:
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_FAILED,
                   _("The database reported an error (%s)."), detail);
      break;
    }

  return FALSE;
}

gboolean
_yc_store_set_error (YcStoreConn *conn,
                     int          rc,
                     GError     **error)
{
  if (conn->cancellable != NULL && g_cancellable_set_error_if_cancelled (conn->cancellable, error))
    return FALSE;

  return _yc_store_set_error_from_code (conn->db, rc, error);
}

/* --- connections --- */

static void
finalize_statement (gpointer stmt)
{
  sqlite3_finalize (stmt);
}

static int
progress_cb (void *user_data)
{
  YcStoreConn *conn = user_data;

  /* Non-zero interrupts the running statement with SQLITE_INTERRUPT. */
  return conn->cancellable != NULL && g_cancellable_is_cancelled (conn->cancellable);
}

void
_yc_store_conn_close (YcStoreConn *conn)
{
  if (conn == NULL)
    return;

  /* Statements must be finalized before the connection closes. */
  g_clear_pointer (&conn->statements, g_hash_table_unref);
  if (sqlite3_close (conn->db) != SQLITE_OK)
    g_warning ("Closing the database left statements open: %s", sqlite3_errmsg (conn->db));
  g_free (conn);
}

gboolean
_yc_store_exec (YcStoreConn *conn,
                const char  *sql,
                GError     **error)
{
  int rc = sqlite3_exec (conn->db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    return _yc_store_set_error (conn, rc, error);
  return TRUE;
}

sqlite3_stmt *
_yc_store_prepare (YcStoreConn *conn,
                   const char  *sql,
                   GError     **error)
{
  sqlite3_stmt *stmt = g_hash_table_lookup (conn->statements, sql);
  int rc;

  if (stmt != NULL)
    {
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }

  rc = sqlite3_prepare_v3 (conn->db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      _yc_store_set_error (conn, rc, error);
      return NULL;
    }

  g_hash_table_insert (conn->statements, g_strdup (sql), stmt);
  return stmt;
}

gboolean
_yc_store_step_done (YcStoreConn  *conn,
                     sqlite3_stmt *stmt,
                     GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc == SQLITE_DONE || rc == SQLITE_ROW)
    return TRUE;
  return _yc_store_set_error (conn, rc, error);
}

gboolean
_yc_store_begin (YcStoreConn *conn,
                 GError     **error)
{
  /* IMMEDIATE takes the write lock now, so the transaction cannot fail later on a lock upgrade. */
  return _yc_store_exec (conn, "BEGIN IMMEDIATE", error);
}

gboolean
_yc_store_commit (YcStoreConn *conn,
                  GError     **error)
{
  return _yc_store_exec (conn, "COMMIT", error);
}

void
_yc_store_rollback (YcStoreConn *conn)
{
  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
}

YcStoreConn *
_yc_store_conn_open (const char *path,
                     gboolean    read_only,
                     GError    **error)
{
  YcStoreConn *conn;
  sqlite3 *db = NULL;
  int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX | (read_only ? 0 : SQLITE_OPEN_CREATE);
  int rc;

  rc = sqlite3_open_v2 (path, &db, flags, NULL);
  if (rc != SQLITE_OK)
    {
      _yc_store_set_error_from_code (db, rc, error);
      sqlite3_close (db);
      return NULL;
    }

  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);

  conn = g_new0 (YcStoreConn, 1);
  conn->db = db;
  conn->statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, finalize_statement);
  sqlite3_progress_handler (db, PROGRESS_STEPS, progress_cb, conn);

  /* The first statement reads the file header: a file that is not a database fails here with
   * SQLITE_NOTADB. FULL: a case the clerk saw saved survives a power cut, also in WAL mode. */
  if (!_yc_store_exec (conn, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL;", error))
    goto fail;

  if (read_only)
    {
      if (!_yc_store_exec (conn, "PRAGMA query_only = ON", error))
        goto fail;
    }
  else
    {
      g_autoptr(YcStoreStmt) stmt = NULL;

      /* A catalogue import writes a few hundred thousand index rows in one transaction: with
       * SQLite's default 2 MB cache, dirty pages spill to the WAL again and again. */
      if (!_yc_store_exec (conn, "PRAGMA cache_size = -65536", error))
        goto fail;

      /* WAL lets the readers search while the writer commits. The mode is stored in the file. */
      stmt = _yc_store_prepare (conn, "PRAGMA journal_mode = WAL", error);
      if (stmt == NULL)
        goto fail;
      rc = sqlite3_step (stmt);
      if (rc != SQLITE_ROW)
        {
          _yc_store_set_error (conn, rc, error);
          goto fail;
        }
      if (g_ascii_strcasecmp (_yc_store_column_text (stmt, 0), "wal") != 0)
        {
          g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_OPEN,
                       _("The database cannot use write-ahead logging on this disk (journal "
                         "mode “%s”). Keep the database on a local disk."),
                       _yc_store_column_text (stmt, 0));
          goto fail;
        }
    }

  return conn;

fail:
  _yc_store_conn_close (conn);
  return NULL;
}

int
_yc_store_get_user_version (sqlite3 *db,
                            GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc, version = -1;

  rc = sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  else
    _yc_store_set_error_from_code (db, rc, error);
  sqlite3_finalize (stmt);

  return version;
}

/* --- readers --- */

YcStoreConn *
_yc_store_acquire_reader (YcStore      *self,
                          GCancellable *cancellable,
                          GError      **error)
{
  YcStoreConn *conn = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  g_mutex_lock (&self->readers_lock);
  while (self->idle_readers->len == 0 && self->n_readers >= MAX_READERS)
    g_cond_wait (&self->readers_cond, &self->readers_lock);
  if (self->idle_readers->len > 0)
    conn = g_ptr_array_steal_index_fast (self->idle_readers, self->idle_readers->len - 1);
  else
    self->n_readers++;
  g_mutex_unlock (&self->readers_lock);

  if (conn == NULL)
    {
      conn = _yc_store_conn_open (self->path, TRUE, error);
      if (conn == NULL)
        {
          g_mutex_lock (&self->readers_lock);
          self->n_readers--;
          g_cond_signal (&self->readers_cond);
          g_mutex_unlock (&self->readers_lock);
          return NULL;
        }
    }

  conn->cancellable = cancellable;
  return conn;
}

void
_yc_store_release_reader (YcStore     *self,
                          YcStoreConn *conn)
{
  /* A statement left stepping or a read transaction left open would pin the WAL and stop
   * checkpoints. */
  for (sqlite3_stmt *stmt = sqlite3_next_stmt (conn->db, NULL);
       stmt != NULL;
       stmt = sqlite3_next_stmt (conn->db, stmt))
    if (sqlite3_stmt_busy (stmt))
      sqlite3_reset (stmt);
  if (!sqlite3_get_autocommit (conn->db))
    sqlite3_exec (conn->db, "ROLLBACK", NULL, NULL, NULL);
  conn->cancellable = NULL;

  g_mutex_lock (&self->readers_lock);
  g_ptr_array_add (self->idle_readers, conn);
  g_cond_signal (&self->readers_cond);
  g_mutex_unlock (&self->readers_lock);
}

/* --- the writer --- */

static gboolean
complete_async_job (gpointer data)
{
  WriteJob *job = data;

  if (job->ok)
    g_task_return_boolean (job->task, TRUE);
  else
    g_task_return_error (job->task, g_steal_pointer (&job->error));
  g_object_unref (job->task);
  g_free (job);

  return G_SOURCE_REMOVE;
}

static void
run_job (YcStore  *self,
         WriteJob *job)
{
  YcStoreConn *conn = self->writer_conn;
  GError *local_error = NULL;
  gboolean ok;

  if (g_cancellable_set_error_if_cancelled (job->cancellable, &local_error))
    ok = FALSE;
  else
    {
      conn->cancellable = job->cancellable;
      ok = job->func (conn, job->data, &local_error);
      conn->cancellable = NULL;
      /* A job that failed half-way must not leave its transaction to the next one. */
      _yc_store_rollback (conn);
      g_assert (ok || local_error != NULL);
    }

  if (job->task != NULL)
    {
      GSource *source;

      /* The task holds a reference to the store. Dropping it here could finalize the store on this
       * thread, which would then wait for itself: the result and the reference go back to the
       * task's context. */
      job->ok = ok;
      job->error = local_error;
      source = g_idle_source_new ();
      g_source_set_priority (source, G_PRIORITY_DEFAULT);
      g_source_set_callback (source, complete_async_job, job, NULL);
      g_source_set_static_name (source, "[yc-store] write done");
      g_source_attach (source, g_task_get_context (job->task));
      g_source_unref (source);
      return;
    }

  g_mutex_lock (&job->lock);
  job->ok = ok;
  job->error = local_error;
  job->done = TRUE;
  g_cond_signal (&job->cond);
  g_mutex_unlock (&job->lock);
}

static gpointer
writer_thread_func (gpointer data)
{
  YcStore *self = data;

  for (;;)
    {
      WriteJob *job = g_async_queue_pop (self->jobs);

      if (job->func == NULL)
        {
          g_free (job);
          break;
        }
      run_job (self, job);
    }

  return NULL;
}

gboolean
_yc_store_write_sync (YcStore         *self,
                      YcStoreWriteFunc func,
                      gpointer         data,
                      GCancellable    *cancellable,
                      GError         **error)
{
  WriteJob job = { 0 };

  g_return_val_if_fail (g_thread_self () != self->writer_thread, FALSE);

  job.func = func;
  job.data = data;
  job.cancellable = cancellable;
  g_mutex_init (&job.lock);
  g_cond_init (&job.cond);

  g_async_queue_push (self->jobs, &job);

  g_mutex_lock (&job.lock);
  while (!job.done)
    g_cond_wait (&job.cond, &job.lock);
  g_mutex_unlock (&job.lock);

  g_mutex_clear (&job.lock);
  g_cond_clear (&job.cond);

  if (!job.ok)
    {
      g_propagate_error (error, job.error);
      return FALSE;
    }
  return TRUE;
}

void
_yc_store_write_async (YcStore         *self,
                       YcStoreWriteFunc func,
                       gpointer         data,
                       GTask           *task)
{
  WriteJob *job = g_new0 (WriteJob, 1);

  job->func = func;
  job->data = data;
  job->cancellable = g_task_get_cancellable (task);
  job->task = g_object_ref (task);
  /* Once committed, a write has happened: report it, even if the caller cancelled meanwhile. */
  g_task_set_check_cancellable (task, FALSE);
  g_async_queue_push (self->jobs, job);
}

/* --- checkpoints --- */

/* SQLite checkpoints a WAL database from the committing connection once the log is long enough:
 * copying the pages into the database and syncing it made one decision in sixty wait several
 * milliseconds (bench-decide's p99). The hook replaces that automatic checkpoint; it runs on the
 * writer thread after each commit. */
static int
wal_hook_cb (void       *user_data,
             sqlite3    *db,
             const char *name,
             int         n_frames)
{
  YcStore *self = user_data;

  g_mutex_lock (&self->checkpoint_lock);
  self->wal_frames = n_frames;
  if (n_frames >= CHECKPOINT_FRAMES && !self->checkpoint_wanted)
    {
      self->checkpoint_wanted = TRUE;
      g_cond_signal (&self->checkpoint_cond);
    }
  g_mutex_unlock (&self->checkpoint_lock);

  return SQLITE_OK;
}

/* PASSIVE: copies what no reader still needs, never waits for the writer or the readers. Once
 * every page is back in the database, the writer's next transaction starts the log again. */
static gpointer
checkpoint_thread_func (gpointer data)
{
  YcStore *self = data;

  g_mutex_lock (&self->checkpoint_lock);
  for (;;)
    {
      int rc, n_log = 0, n_done = 0;

      while (!self->checkpoint_stopping && (!self->checkpoint_wanted || self->checkpoint_held))
        g_cond_wait (&self->checkpoint_cond, &self->checkpoint_lock);
      if (self->checkpoint_stopping)
        break;
      self->checkpoint_wanted = FALSE;
      g_mutex_unlock (&self->checkpoint_lock);

      rc = sqlite3_wal_checkpoint_v2 (self->checkpoint_conn->db, NULL, SQLITE_CHECKPOINT_PASSIVE,
                                      &n_log, &n_done);
      if (rc != SQLITE_OK)
        g_debug ("Background checkpoint of %s: %s", self->path,
                 sqlite3_errmsg (self->checkpoint_conn->db));

      g_mutex_lock (&self->checkpoint_lock);
      if (rc == SQLITE_OK)
        self->n_checkpoints++;
      g_cond_broadcast (&self->checkpoint_cond);
    }
  g_mutex_unlock (&self->checkpoint_lock);

  return NULL;
}

static gboolean
start_checkpoints (YcStore *self,
                   GError **error)
{
  self->checkpoint_conn = _yc_store_conn_open (self->path, FALSE, error);
  if (self->checkpoint_conn == NULL)
    return FALSE;
  self->checkpoint_thread = g_thread_try_new ("yc-store-checkpoint", checkpoint_thread_func, self,
                                              error);
  if (self->checkpoint_thread == NULL)
    return FALSE;
  /* Replaces SQLite's automatic checkpoint on the writer (sqlite3_wal_autocheckpoint() is a hook
   * too). Readers never commit. */
  sqlite3_wal_hook (self->writer_conn->db, wal_hook_cb, self);
  return TRUE;
}

static void
stop_checkpoints (YcStore *self)
{
  if (self->checkpoint_thread != NULL)
    {
      g_mutex_lock (&self->checkpoint_lock);
      self->checkpoint_stopping = TRUE;
      g_cond_broadcast (&self->checkpoint_cond);
      g_mutex_unlock (&self->checkpoint_lock);
      g_thread_join (g_steal_pointer (&self->checkpoint_thread));
    }
  g_clear_pointer (&self->checkpoint_conn, _yc_store_conn_close);
}

guint
_yc_store_get_checkpoints (YcStore *self)
{
  guint n;

  g_mutex_lock (&self->checkpoint_lock);
  n = self->n_checkpoints;
  g_mutex_unlock (&self->checkpoint_lock);
  return n;
}

int
_yc_store_get_wal_frames (YcStore *self)
{
  int n;

  g_mutex_lock (&self->checkpoint_lock);
  n = self->wal_frames;
  g_mutex_unlock (&self->checkpoint_lock);
  return n;
}

void
_yc_store_hold_checkpoints (YcStore  *self,
                            gboolean  hold)
{
  g_mutex_lock (&self->checkpoint_lock);
  self->checkpoint_held = hold;
  g_cond_broadcast (&self->checkpoint_cond);
  g_mutex_unlock (&self->checkpoint_lock);
}

/* --- the object --- */

static void
yc_store_finalize (GObject *object)
{
  YcStore *self = YC_STORE (object);

  if (self->writer_thread != NULL)
    {
      g_async_queue_push (self->jobs, g_new0 (WriteJob, 1));
      g_thread_join (self->writer_thread);
    }
  g_clear_pointer (&self->jobs, g_async_queue_unref);
  /* Before the writer's connection: the last connection to close checkpoints what is left and
   * removes the WAL. */
  stop_checkpoints (self);
  g_clear_pointer (&self->writer_conn, _yc_store_conn_close);

  /* Every reader is idle: a running read holds a reference to the store through its task. */
  g_warn_if_fail (self->idle_readers->len == self->n_readers);
  g_ptr_array_free (self->idle_readers, TRUE);
  g_mutex_clear (&self->readers_lock);
  g_cond_clear (&self->readers_cond);
  g_mutex_clear (&self->checkpoint_lock);
  g_cond_clear (&self->checkpoint_cond);

  g_free (self->path);

  G_OBJECT_CLASS (yc_store_parent_class)->finalize (object);
}

static void
yc_store_class_init (YcStoreClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = yc_store_finalize;
}

static void
yc_store_init (YcStore *self)
{
  g_mutex_init (&self->readers_lock);
  g_cond_init (&self->readers_cond);
  g_mutex_init (&self->checkpoint_lock);
  g_cond_init (&self->checkpoint_cond);
  self->idle_readers = g_ptr_array_new_with_free_func ((GDestroyNotify) _yc_store_conn_close);
}

char *
yc_store_default_path (void)
{
  return g_build_filename (g_get_user_data_dir (), "yichuang", "yichuang.db", NULL);
}

/* The database holds personal data: only the workstation user may read it.
 *
 * Never through a descriptor of its own on a file that already exists: closing any descriptor of a
 * file drops every POSIX lock this process holds on it (fcntl(2)), also those SQLite's connections
 * hold through theirs. Without its lock on the -shm file, a store still mapping it looks gone, and
 * the next process to open the database (a second copy, a restarted one, a backup tool) takes
 * the file for abandoned, truncates it and rebuilds it under our map: SIGBUS on the next read, or
 * readers and writer working from a reset WAL index. chmod() by name touches no lock. */
static gboolean
restrict_file (const char *path,
               gboolean    create,
               GError    **error)
{
  GStatBuf st;

  if (create)
    {
      /* Only a file created here and now: nobody can hold a lock on it yet. */
      int fd = g_open (path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0600);

      if (fd >= 0)
        {
          close (fd);
          return TRUE;
        }
      if (errno != EEXIST)
        {
          int saved_errno = errno;

          g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_OPEN,
                       _("Cannot open the database file “%s”: %s"), path,
                       g_strerror (saved_errno));
          return FALSE;
        }
    }

  /* SQLite would open a file it may not write read-only, and fail later, less clearly. */
  if (g_stat (path, &st) != 0 || (S_ISREG (st.st_mode) && g_access (path, R_OK | W_OK) != 0))
    {
      int saved_errno = errno;

      if (!create && saved_errno == ENOENT)
        return TRUE;
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_OPEN,
                   _("Cannot open the database file “%s”: %s"), path, g_strerror (saved_errno));
      return FALSE;
    }

  /* Anything but a regular file is left for SQLite to refuse. */
  if (S_ISREG (st.st_mode) && st.st_uid == getuid () && (st.st_mode & 0777) != 0600 &&
      g_chmod (path, 0600) != 0)
    g_warning ("Cannot restrict the permissions of %s: %s", path, g_strerror (errno));

  return TRUE;
}

static gboolean
prepare_location (const char *path,
                  GError    **error)
{
  g_autofree char *dir = g_path_get_dirname (path);
  g_autofree char *default_path = yc_store_default_path ();
  g_autofree char *wal = NULL, *shm = NULL;

  if (g_mkdir_with_parents (dir, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_OPEN,
                   _("Cannot create the folder “%s” for the database: %s"),
                   dir, g_strerror (saved_errno));
      return FALSE;
    }

  /* Our own folder is private even if something else created it first; a folder the caller chose is
   * theirs. */
  if (g_strcmp0 (path, default_path) == 0 && g_chmod (dir, 0700) != 0)
    g_warning ("Cannot restrict the permissions of %s: %s", dir, g_strerror (errno));

  /* SQLite creates new files 0644 and gives the -wal and -shm files the mode of the database file:
   * create the database 0600 first, and tighten files left by an older run. */
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  return restrict_file (path, TRUE, error) &&
         restrict_file (wal, FALSE, error) &&
         restrict_file (shm, FALSE, error);
}

YcStore *
yc_store_open (const char *path,
               GError    **error)
{
  g_autoptr(YcStore) self = NULL;
  YcStoreConn *conn;
  g_autofree char *wal = NULL, *shm = NULL;
  int version;

  g_return_val_if_fail (path != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  if (!prepare_location (path, error))
    return NULL;

  conn = _yc_store_conn_open (path, FALSE, error);
  if (conn == NULL)
    return NULL;

  if (!_yc_store_migrate_to (conn->db, yc_store_get_latest_schema_version (), error) ||
      (version = _yc_store_get_user_version (conn->db, error)) < 0)
    {
      _yc_store_conn_close (conn);
      return NULL;
    }

  /* WAL mode has created the companion files by now; SQLite gave them the database's mode, but be
   * sure. */
  wal = g_strconcat (path, "-wal", NULL);
  shm = g_strconcat (path, "-shm", NULL);
  if (!restrict_file (wal, FALSE, error) || !restrict_file (shm, FALSE, error))
    {
      _yc_store_conn_close (conn);
      return NULL;
    }

  self = g_object_new (YC_TYPE_STORE, NULL);
  self->path = g_strdup (path);
  self->schema_version = version;
  self->writer_conn = conn;
  if (!start_checkpoints (self, error))
    return NULL;
  self->jobs = g_async_queue_new ();
  self->writer_thread = g_thread_try_new ("yc-store-writer", writer_thread_func, self, error);
  if (self->writer_thread == NULL)
    return NULL;

  return g_steal_pointer (&self);
}

static void
open_thread (GTask        *task,
             gpointer      source_object,
             gpointer      task_data,
             GCancellable *cancellable)
{
  GError *error = NULL;
  YcStore *store = yc_store_open (task_data, &error);

  if (store == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, store, g_object_unref);
}

void
yc_store_open_async (const char         *path,
                     GCancellable       *cancellable,
                     GAsyncReadyCallback callback,
                     gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (path != NULL);

  task = g_task_new (NULL, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_open_async);
  g_task_set_task_data (task, g_strdup (path), g_free);
  g_task_run_in_thread (task, open_thread);
}

YcStore *
yc_store_open_finish (GAsyncResult *result,
                      GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, NULL), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_open_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

const char *
yc_store_get_path (YcStore *self)
{
  g_return_val_if_fail (YC_IS_STORE (self), NULL);
  return self->path;
}

int
yc_store_get_schema_version (YcStore *self)
{
  g_return_val_if_fail (YC_IS_STORE (self), -1);
  return self->schema_version;
}
