/* yc-store-documents.c: rendered documents on case_documents, and print_jobs (migration 006). */
#define G_LOG_DOMAIN "yc-store"

#include <glib/gi18n.h>

#include "yc-store-case-record.h"
#include "yc-store-documents.h"

/* --- boxed rows --- */

YcDocumentRecord *
yc_document_record_copy (const YcDocumentRecord *record)
{
  YcDocumentRecord *copy = g_memdup2 (record, sizeof *record);

  copy->state = g_strdup (record->state);
  copy->file_hash = g_strdup (record->file_hash);
  copy->format = g_strdup (record->format);
  copy->language = g_strdup (record->language);
  copy->rendered_at = record->rendered_at ? g_date_time_ref (record->rendered_at) : NULL;
  return copy;
}

void
yc_document_record_free (YcDocumentRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->state);
  g_free (record->file_hash);
  g_free (record->format);
  g_free (record->language);
  g_clear_pointer (&record->rendered_at, g_date_time_unref);
  g_free (record);
}

G_DEFINE_BOXED_TYPE (YcDocumentRecord, yc_document_record, yc_document_record_copy,
                     yc_document_record_free)

YcPrintJobRecord *
yc_print_job_record_copy (const YcPrintJobRecord *record)
{
  YcPrintJobRecord *copy = g_memdup2 (record, sizeof *record);

  copy->case_uuid = g_strdup (record->case_uuid);
  copy->file_hash = g_strdup (record->file_hash);
  copy->destination = g_strdup (record->destination);
  copy->media = g_strdup (record->media);
  copy->state = g_strdup (record->state);
  copy->error_code = g_strdup (record->error_code);
  copy->error_message = g_strdup (record->error_message);
  copy->created_at = record->created_at ? g_date_time_ref (record->created_at) : NULL;
  copy->updated_at = record->updated_at ? g_date_time_ref (record->updated_at) : NULL;
  return copy;
}

void
yc_print_job_record_free (YcPrintJobRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->case_uuid);
  g_free (record->file_hash);
  g_free (record->destination);
  g_free (record->media);
  g_free (record->state);
  g_free (record->error_code);
  g_free (record->error_message);
  g_clear_pointer (&record->created_at, g_date_time_unref);
  g_clear_pointer (&record->updated_at, g_date_time_unref);
  g_free (record);
}

G_DEFINE_BOXED_TYPE (YcPrintJobRecord, yc_print_job_record, yc_print_job_record_copy,
                     yc_print_job_record_free)

/* --- rendered documents --- */

typedef struct {
  char      *case_uuid;
  YcDocKind  kind;
  char      *file_hash;
  char      *format;
  char      *language;
  guint      pages;
  gint64     render_us;
  char      *actor;
} RecordData;

static void
record_data_free (RecordData *data)
{
  g_free (data->case_uuid);
  g_free (data->file_hash);
  g_free (data->format);
  g_free (data->language);
  g_free (data->actor);
  g_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RecordData, record_data_free)

static gboolean
record_document_func (YcStoreConn *conn,
                      gpointer     user_data,
                      GError     **error)
{
  RecordData *data = user_data;
  gint64 now = g_get_real_time ();
  g_autofree char *detail = NULL;

  if (!_yc_store_begin (conn, error))
    return FALSE;
  {
    g_autoptr(YcStoreStmt) stmt = _yc_store_prepare (conn,
      "INSERT INTO case_documents (case_uuid, kind, copies, state, file_hash, created_at, "
      "  updated_at, format, language, pages, rendered_at, render_us) "
      "VALUES (?1, ?2, 1, 'rendered', ?3, ?4, ?4, ?5, ?6, ?7, ?4, ?8) "
      "ON CONFLICT (case_uuid, kind) DO UPDATE SET state = 'rendered', "
      "  file_hash = excluded.file_hash, updated_at = excluded.updated_at, "
      "  format = excluded.format, language = excluded.language, pages = excluded.pages, "
      "  rendered_at = excluded.rendered_at, render_us = excluded.render_us",
      error);

    if (stmt == NULL)
      goto fail;
    _yc_store_bind_text (stmt, 1, data->case_uuid);
    _yc_store_bind_text (stmt, 2, yc_doc_kind_to_string (data->kind));
    _yc_store_bind_text (stmt, 3, data->file_hash);
    sqlite3_bind_int64 (stmt, 4, now);
    _yc_store_bind_text (stmt, 5, data->format);
    _yc_store_bind_text (stmt, 6, data->language);
    sqlite3_bind_int (stmt, 7, (int) data->pages);
    sqlite3_bind_int64 (stmt, 8, data->render_us);
    if (!_yc_store_step_done (conn, stmt, error))
      goto fail;
  }
  detail = g_strdup_printf ("%s %s %s", yc_doc_kind_to_string (data->kind), data->format,
                            data->file_hash);
  if (!_yc_store_insert_audit (conn, now, data->actor, "document.render", data->case_uuid, detail,
                               error))
    goto fail;
  return _yc_store_commit (conn, error);

fail:
  _yc_store_rollback (conn);
  return FALSE;
}

gboolean
yc_store_record_document (YcStore    *self,
                          const char *case_uuid,
                          YcDocKind   kind,
                          const char *file_hash,
                          const char *format,
                          const char *language,
                          guint       pages,
                          gint64      render_us,
                          const char *actor,
                          GError    **error)
{
  g_autoptr(RecordData) data = g_new0 (RecordData, 1);

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL && file_hash != NULL && actor != NULL, FALSE);

  data->case_uuid = g_strdup (case_uuid);
  data->kind = kind;
  data->file_hash = g_strdup (file_hash);
  data->format = g_strdup (format);
  data->language = g_strdup (language);
  data->pages = pages;
  data->render_us = render_us;
  data->actor = g_strdup (actor);
  return _yc_store_write_sync (self, record_document_func, data, NULL, error);
}

YcDocumentRecord *
yc_store_get_document (YcStore    *self,
                       const char *case_uuid,
                       YcDocKind   kind,
                       GError    **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  g_autoptr(YcDocumentRecord) record = NULL;
  YcStoreConn *conn;
  int rc;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;
  stmt = _yc_store_prepare (conn,
                            "SELECT copies, state, file_hash, format, language, pages, "
                            "  render_us, rendered_at "
                            "FROM case_documents WHERE case_uuid = ?1 AND kind = ?2", error);
  if (stmt != NULL)
    {
      _yc_store_bind_text (stmt, 1, case_uuid);
      _yc_store_bind_text (stmt, 2, yc_doc_kind_to_string (kind));
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        {
          record = g_new0 (YcDocumentRecord, 1);
          record->kind = kind;
          record->copies = sqlite3_column_int (stmt, 0);
          record->state = g_strdup (_yc_store_column_text (stmt, 1));
          record->file_hash = g_strdup (_yc_store_column_text (stmt, 2));
          record->format = g_strdup (_yc_store_column_text (stmt, 3));
          record->language = g_strdup (_yc_store_column_text (stmt, 4));
          record->pages = sqlite3_column_int (stmt, 5);
          record->render_us = sqlite3_column_int64 (stmt, 6);
          if (sqlite3_column_type (stmt, 7) != SQLITE_NULL)
            record->rendered_at = _yc_store_local_from_usec (sqlite3_column_int64 (stmt, 7));
        }
      else if (rc == SQLITE_DONE)
        g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND,
                     _("The case has no %s yet"), yc_doc_kind_get_label (kind));
      else
        _yc_store_set_error (conn, rc, error);
    }
  g_clear_pointer (&stmt, _yc_store_stmt_release);
  _yc_store_release_reader (self, conn);
  return g_steal_pointer (&record);
}

/* --- print jobs --- */

typedef struct {
  char      *case_uuid;
  YcDocKind  kind;
  char      *file_hash;
  char      *destination;
  char      *media;
  guint      copies;
  gint64     replaces;
  char      *actor;
  gint64     id;           /* out */
} AddJobData;

static void
add_job_data_free (AddJobData *data)
{
  g_free (data->case_uuid);
  g_free (data->file_hash);
  g_free (data->destination);
  g_free (data->media);
  g_free (data->actor);
  g_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AddJobData, add_job_data_free)

static gboolean
add_job_func (YcStoreConn *conn,
              gpointer     user_data,
              GError     **error)
{
  AddJobData *data = user_data;
  gint64 now = g_get_real_time ();
  g_autofree char *detail = NULL;

  if (!_yc_store_begin (conn, error))
    return FALSE;
  {
    g_autoptr(YcStoreStmt) stmt = _yc_store_prepare (conn,
      "INSERT INTO print_jobs (case_uuid, kind, file_hash, destination, media, copies, state, "
      "  replaces, created_at, updated_at) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, 'submitting', ?7, ?8, ?8)", error);

    if (stmt == NULL)
      goto fail;
    _yc_store_bind_text (stmt, 1, data->case_uuid);
    _yc_store_bind_text (stmt, 2, yc_doc_kind_to_string (data->kind));
    _yc_store_bind_text (stmt, 3, data->file_hash);
    _yc_store_bind_text (stmt, 4, data->destination);
    _yc_store_bind_text (stmt, 5, data->media);
    sqlite3_bind_int (stmt, 6, (int) MAX (data->copies, 1));
    if (data->replaces > 0)
      sqlite3_bind_int64 (stmt, 7, data->replaces);
    else
      sqlite3_bind_null (stmt, 7);
    sqlite3_bind_int64 (stmt, 8, now);
    if (!_yc_store_step_done (conn, stmt, error))
      goto fail;
    data->id = sqlite3_last_insert_rowid (conn->db);
  }
  detail = g_strdup_printf ("%s on %s, job %" G_GINT64_FORMAT "%s",
                            yc_doc_kind_to_string (data->kind), data->destination, data->id,
                            data->replaces > 0 ? " (again)" : "");
  if (!_yc_store_insert_audit (conn, now, data->actor, "document.print", data->case_uuid, detail,
                               error))
    goto fail;
  return _yc_store_commit (conn, error);

fail:
  _yc_store_rollback (conn);
  return FALSE;
}

gint64
yc_store_add_print_job (YcStore    *self,
                        const char *case_uuid,
                        YcDocKind   kind,
                        const char *file_hash,
                        const char *destination,
                        const char *media,
                        guint       copies,
                        gint64      replaces,
                        const char *actor,
                        GError    **error)
{
  g_autoptr(AddJobData) data = g_new0 (AddJobData, 1);

  g_return_val_if_fail (YC_IS_STORE (self), 0);
  g_return_val_if_fail (case_uuid != NULL && file_hash != NULL && destination != NULL
                        && actor != NULL, 0);

  data->case_uuid = g_strdup (case_uuid);
  data->kind = kind;
  data->file_hash = g_strdup (file_hash);
  data->destination = g_strdup (destination);
  data->media = g_strdup (media);
  data->copies = copies;
  data->replaces = replaces;
  data->actor = g_strdup (actor);
  if (!_yc_store_write_sync (self, add_job_func, data, NULL, error))
    return 0;
  return data->id;
}

typedef struct {
  gint64  id;
  int     cups_job_id;
  char   *state;
  char   *error_code;
  char   *error_message;
} UpdateJobData;

static void
update_job_data_free (UpdateJobData *data)
{
  g_free (data->state);
  g_free (data->error_code);
  g_free (data->error_message);
  g_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (UpdateJobData, update_job_data_free)

static gboolean
update_job_func (YcStoreConn *conn,
                 gpointer     user_data,
                 GError     **error)
{
  UpdateJobData *data = user_data;
  gint64 now = g_get_real_time ();

  if (!_yc_store_begin (conn, error))
    return FALSE;
  {
    g_autoptr(YcStoreStmt) stmt = _yc_store_prepare (conn,
      "UPDATE print_jobs SET cups_job_id = coalesce (?2, cups_job_id), state = ?3, "
      "  error_code = ?4, error_message = ?5, updated_at = ?6 WHERE id = ?1", error);

    if (stmt == NULL)
      goto fail;
    sqlite3_bind_int64 (stmt, 1, data->id);
    if (data->cups_job_id > 0)
      sqlite3_bind_int (stmt, 2, data->cups_job_id);
    else
      sqlite3_bind_null (stmt, 2);
    _yc_store_bind_text (stmt, 3, data->state);
    _yc_store_bind_text (stmt, 4, data->error_code);
    _yc_store_bind_text (stmt, 5, data->error_message);
    sqlite3_bind_int64 (stmt, 6, now);
    if (!_yc_store_step_done (conn, stmt, error))
      goto fail;
    if (sqlite3_changes (conn->db) == 0)
      {
        g_autofree char *id = g_strdup_printf ("%" G_GINT64_FORMAT, data->id);

        g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND,
                     _("Print job %s is not recorded"), id);
        goto fail;
      }
  }
  if (g_strcmp0 (data->state, "completed") == 0)
    {
      g_autoptr(YcStoreStmt) stmt = _yc_store_prepare (conn,
        "UPDATE case_documents SET state = 'printed', updated_at = ?2 "
        "WHERE (case_uuid, kind, file_hash) = "
        "  (SELECT case_uuid, kind, file_hash FROM print_jobs WHERE id = ?1)", error);

      if (stmt == NULL)
        goto fail;
      sqlite3_bind_int64 (stmt, 1, data->id);
      sqlite3_bind_int64 (stmt, 2, now);
      if (!_yc_store_step_done (conn, stmt, error))
        goto fail;
    }
  return _yc_store_commit (conn, error);

fail:
  _yc_store_rollback (conn);
  return FALSE;
}

static UpdateJobData *
update_job_data_new (gint64      id,
                     int         cups_job_id,
                     const char *state,
                     const char *error_code,
                     const char *error_message)
{
  UpdateJobData *data = g_new0 (UpdateJobData, 1);

  data->id = id;
  data->cups_job_id = cups_job_id;
  data->state = g_strdup (state);
  data->error_code = g_strdup (error_code);
  data->error_message = g_strdup (error_message);
  return data;
}

gboolean
yc_store_update_print_job (YcStore    *self,
                           gint64      id,
                           int         cups_job_id,
                           const char *state,
                           const char *error_code,
                           const char *error_message,
                           GError    **error)
{
  g_autoptr(UpdateJobData) data = NULL;

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (state != NULL, FALSE);

  data = update_job_data_new (id, cups_job_id, state, error_code, error_message);
  return _yc_store_write_sync (self, update_job_func, data, NULL, error);
}

void
yc_store_update_print_job_async (YcStore            *self,
                                 gint64              id,
                                 int                 cups_job_id,
                                 const char         *state,
                                 const char         *error_code,
                                 const char         *error_message,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (state != NULL);

  _yc_store_start_write (self, yc_store_update_print_job_async, update_job_func,
                         update_job_data_new (id, cups_job_id, state, error_code, error_message),
                         (GDestroyNotify) update_job_data_free, cancellable, callback, user_data);
}

gboolean
yc_store_update_print_job_finish (YcStore      *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_update_print_job_async,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}

#define PRINT_JOB_COLUMNS \
  "id, case_uuid, kind, file_hash, destination, media, copies, cups_job_id, state, error_code, " \
  "error_message, replaces, created_at, updated_at"

static YcPrintJobRecord *
print_job_from_row (sqlite3_stmt *stmt)
{
  YcPrintJobRecord *record = g_new0 (YcPrintJobRecord, 1);

  record->id = sqlite3_column_int64 (stmt, 0);
  record->case_uuid = g_strdup (_yc_store_column_text (stmt, 1));
  if (!yc_doc_kind_from_string (_yc_store_column_text (stmt, 2), &record->kind))
    record->kind = YC_DOC_RECEIPT;
  record->file_hash = g_strdup (_yc_store_column_text (stmt, 3));
  record->destination = g_strdup (_yc_store_column_text (stmt, 4));
  record->media = g_strdup (_yc_store_column_text (stmt, 5));
  record->copies = sqlite3_column_int (stmt, 6);
  record->cups_job_id = sqlite3_column_int (stmt, 7);
  record->state = g_strdup (_yc_store_column_text (stmt, 8));
  record->error_code = g_strdup (_yc_store_column_text (stmt, 9));
  record->error_message = g_strdup (_yc_store_column_text (stmt, 10));
  record->replaces = sqlite3_column_int64 (stmt, 11);
  record->created_at = _yc_store_local_from_usec (sqlite3_column_int64 (stmt, 12));
  record->updated_at = _yc_store_local_from_usec (sqlite3_column_int64 (stmt, 13));
  return record;
}

YcPrintJobRecord *
yc_store_get_print_job (YcStore *self,
                        gint64   id,
                        GError **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  YcPrintJobRecord *record = NULL;
  YcStoreConn *conn;
  int rc;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;
  stmt = _yc_store_prepare (conn, "SELECT " PRINT_JOB_COLUMNS " FROM print_jobs WHERE id = ?1",
                            error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, id);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        record = print_job_from_row (stmt);
      else if (rc == SQLITE_DONE)
        {
          g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT, id);

          g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND,
                       _("Print job %s is not recorded"), number);
        }
      else
        _yc_store_set_error (conn, rc, error);
    }
  g_clear_pointer (&stmt, _yc_store_stmt_release);
  _yc_store_release_reader (self, conn);
  return record;
}

GPtrArray *
yc_store_list_print_jobs (YcStore    *self,
                          const char *case_uuid,
                          gboolean    unfinished_only,
                          GError    **error)
{
  g_autoptr(GPtrArray) jobs = NULL;
  g_autoptr(YcStoreStmt) stmt = NULL;
  YcStoreConn *conn;
  int rc;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;
  jobs = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_print_job_record_free);
  stmt = _yc_store_prepare (conn,
                            "SELECT " PRINT_JOB_COLUMNS " FROM print_jobs "
                            "WHERE (?1 IS NULL OR case_uuid = ?1) "
                            "  AND (?2 = 0 OR state IN ('submitting', 'pending', 'processing', "
                            "                           'stopped')) "
                            "ORDER BY id", error);
  if (stmt == NULL)
    {
      _yc_store_release_reader (self, conn);
      return NULL;
    }
  _yc_store_bind_text (stmt, 1, case_uuid);
  sqlite3_bind_int (stmt, 2, unfinished_only ? 1 : 0);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (jobs, print_job_from_row (stmt));
  if (rc != SQLITE_DONE)
    {
      _yc_store_set_error (conn, rc, error);
      g_clear_pointer (&jobs, g_ptr_array_unref);
    }
  g_clear_pointer (&stmt, _yc_store_stmt_release);
  _yc_store_release_reader (self, conn);
  return g_steal_pointer (&jobs);
}

typedef struct {
  char     *case_uuid;
  gboolean  unfinished_only;
} ListJobsData;

static void
list_jobs_data_free (ListJobsData *data)
{
  g_free (data->case_uuid);
  g_free (data);
}

static void
list_jobs_thread (GTask        *task,
                  gpointer      source_object,
                  gpointer      task_data,
                  GCancellable *cancellable)
{
  ListJobsData *data = task_data;
  GError *error = NULL;
  GPtrArray *jobs = yc_store_list_print_jobs (source_object, data->case_uuid, data->unfinished_only,
                                              &error);

  _yc_store_return_pointer (task, jobs, (GDestroyNotify) g_ptr_array_unref, error);
}

void
yc_store_list_print_jobs_async (YcStore            *self,
                                const char         *case_uuid,
                                gboolean            unfinished_only,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  ListJobsData *data;

  g_return_if_fail (YC_IS_STORE (self));

  data = g_new0 (ListJobsData, 1);
  data->case_uuid = g_strdup (case_uuid);
  data->unfinished_only = unfinished_only;
  _yc_store_run_in_thread (self, yc_store_list_print_jobs_async, data,
                           (GDestroyNotify) list_jobs_data_free, list_jobs_thread, cancellable,
                           callback, user_data);
}

GPtrArray *
yc_store_list_print_jobs_finish (YcStore      *self,
                                 GAsyncResult *result,
                                 GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_list_print_jobs_async,
                        NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}
