/* yc-store-log.c: the append-only audit log and the outbox of records waiting for the platform. */
#define G_LOG_DOMAIN "yc-store"

#include <glib/gi18n.h>

#include "yc-store-case-record.h"

/* --- boxed rows --- */

YcAuditEntry *
yc_audit_entry_copy (const YcAuditEntry *entry)
{
  YcAuditEntry *copy = g_new0 (YcAuditEntry, 1);

  copy->id = entry->id;
  copy->at = entry->at ? g_date_time_ref (entry->at) : NULL;
  copy->actor = g_strdup (entry->actor);
  copy->action = g_strdup (entry->action);
  copy->case_uuid = g_strdup (entry->case_uuid);
  copy->detail = g_strdup (entry->detail);
  return copy;
}

void
yc_audit_entry_free (YcAuditEntry *entry)
{
  if (entry == NULL)
    return;
  g_clear_pointer (&entry->at, g_date_time_unref);
  g_free (entry->actor);
  g_free (entry->action);
  g_free (entry->case_uuid);
  g_free (entry->detail);
  g_free (entry);
}

G_DEFINE_BOXED_TYPE (YcAuditEntry, yc_audit_entry, yc_audit_entry_copy, yc_audit_entry_free)

YcOutboxEntry *
yc_outbox_entry_copy (const YcOutboxEntry *entry)
{
  YcOutboxEntry *copy = g_new0 (YcOutboxEntry, 1);

  copy->id = entry->id;
  copy->kind = g_strdup (entry->kind);
  copy->key = g_strdup (entry->key);
  copy->payload = g_strdup (entry->payload);
  copy->created_at = entry->created_at ? g_date_time_ref (entry->created_at) : NULL;
  copy->attempts = entry->attempts;
  copy->last_error = g_strdup (entry->last_error);
  copy->next_attempt_at = entry->next_attempt_at ? g_date_time_ref (entry->next_attempt_at) : NULL;
  return copy;
}

void
yc_outbox_entry_free (YcOutboxEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->kind);
  g_free (entry->key);
  g_free (entry->payload);
  g_clear_pointer (&entry->created_at, g_date_time_unref);
  g_free (entry->last_error);
  g_clear_pointer (&entry->next_attempt_at, g_date_time_unref);
  g_free (entry);
}

G_DEFINE_BOXED_TYPE (YcOutboxEntry, yc_outbox_entry, yc_outbox_entry_copy, yc_outbox_entry_free)

/* --- audit log --- */

/* Rows written inside a caller's transaction. */

gboolean
_yc_store_insert_audit (YcStoreConn *conn,
                        gint64       at,
                        const char  *actor,
                        const char  *action,
                        const char  *case_uuid,
                        const char  *detail,
                        GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;

  stmt = _yc_store_prepare (conn,
                            "INSERT INTO audit_log (at, actor, action, case_uuid, detail) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, at);
  _yc_store_bind_text (stmt, 2, actor);
  _yc_store_bind_text (stmt, 3, action);
  _yc_store_bind_text (stmt, 4, case_uuid);
  _yc_store_bind_text (stmt, 5, detail);
  return _yc_store_step_done (conn, stmt, error);
}

gboolean
_yc_store_insert_outbox (YcStoreConn *conn,
                         gint64       at,
                         const char  *kind,
                         const char  *key,
                         const char  *payload,
                         GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;

  stmt = _yc_store_prepare (conn,
                            "INSERT INTO outbox (kind, key, payload, created_at, next_attempt_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?4)", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, kind);
  _yc_store_bind_text (stmt, 2, key);
  _yc_store_bind_text (stmt, 3, payload);
  sqlite3_bind_int64 (stmt, 4, at);
  return _yc_store_step_done (conn, stmt, error);
}

typedef struct {
  char *actor;
  char *action;
  char *case_uuid;
  char *detail;
} AuditData;

static void
audit_data_free (AuditData *data)
{
  g_free (data->actor);
  g_free (data->action);
  g_free (data->case_uuid);
  g_free (data->detail);
  g_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (AuditData, audit_data_free)

static AuditData *
audit_data_new (const char *actor,
                const char *action,
                const char *case_uuid,
                const char *detail)
{
  AuditData *data = g_new0 (AuditData, 1);

  data->actor = g_strdup (actor);
  data->action = g_strdup (action);
  data->case_uuid = g_strdup (case_uuid);
  data->detail = g_strdup (detail);
  return data;
}

static gboolean
append_audit_func (YcStoreConn *conn,
                   gpointer     user_data,
                   GError     **error)
{
  AuditData *data = user_data;

  /* A single INSERT is its own transaction. */
  return _yc_store_insert_audit (conn, g_get_real_time (), data->actor, data->action,
                                 data->case_uuid, data->detail, error);
}

gboolean
yc_store_append_audit (YcStore    *self,
                       const char *actor,
                       const char *action,
                       const char *case_uuid,
                       const char *detail,
                       GError    **error)
{
  g_autoptr(AuditData) data = NULL;

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (actor != NULL && action != NULL, FALSE);

  data = audit_data_new (actor, action, case_uuid, detail);
  return _yc_store_write_sync (self, append_audit_func, data, NULL, error);
}

void
yc_store_append_audit_async (YcStore            *self,
                             const char         *actor,
                             const char         *action,
                             const char         *case_uuid,
                             const char         *detail,
                             GCancellable       *cancellable,
                             GAsyncReadyCallback callback,
                             gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (actor != NULL && action != NULL);

  _yc_store_start_write (self, yc_store_append_audit_async, append_audit_func,
                         audit_data_new (actor, action, case_uuid, detail),
                         (GDestroyNotify) audit_data_free, cancellable, callback, user_data);
}

gboolean
yc_store_append_audit_finish (YcStore      *self,
                              GAsyncResult *result,
                              GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_append_audit_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

GPtrArray *
yc_store_list_audit (YcStore    *self,
                     const char *case_uuid,
                     GError    **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) yc_audit_entry_free);
  g_autoptr(YcStoreStmt) stmt = NULL;
  YcStoreConn *conn;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;

  stmt = _yc_store_prepare (conn,
                            case_uuid != NULL
                            ? "SELECT id, at, actor, action, case_uuid, detail FROM audit_log "
                              "WHERE case_uuid = ?1 ORDER BY id"
                            : "SELECT id, at, actor, action, case_uuid, detail FROM audit_log "
                              "ORDER BY id",
                            error);
  if (stmt != NULL)
    {
      _yc_store_bind_text (stmt, 1, case_uuid);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          YcAuditEntry *entry = g_new0 (YcAuditEntry, 1);

          entry->id = sqlite3_column_int64 (stmt, 0);
          entry->at = _yc_store_local_from_usec (sqlite3_column_int64 (stmt, 1));
          entry->actor = g_strdup (_yc_store_column_text (stmt, 2));
          entry->action = g_strdup (_yc_store_column_text (stmt, 3));
          entry->case_uuid = g_strdup (_yc_store_column_text (stmt, 4));
          entry->detail = g_strdup (_yc_store_column_text (stmt, 5));
          g_ptr_array_add (entries, entry);
        }
      ok = rc == SQLITE_DONE || _yc_store_set_error (conn, rc, error);
      sqlite3_reset (stmt);
    }
  g_clear_pointer (&stmt, _yc_store_stmt_release);

  _yc_store_release_reader (self, conn);
  return ok ? g_steal_pointer (&entries) : NULL;
}

/* --- outbox --- */

GPtrArray *
yc_store_outbox_pending (YcStore *self,
                         guint    limit,
                         GError **error)
{
  g_autoptr(GPtrArray) entries =
    g_ptr_array_new_with_free_func ((GDestroyNotify) yc_outbox_entry_free);
  g_autoptr(YcStoreStmt) stmt = NULL;
  YcStoreConn *conn;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;

  /* In the order written: a case's creation reaches the platform before its later events. */
  stmt = _yc_store_prepare (conn,
                            "SELECT id, kind, key, payload, created_at, attempts, last_error, "
                            "       next_attempt_at "
                            "FROM outbox WHERE sent_at IS NULL ORDER BY id LIMIT ?1",
                            error);
  if (stmt != NULL)
    {
      sqlite3_bind_int64 (stmt, 1, limit);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          YcOutboxEntry *entry = g_new0 (YcOutboxEntry, 1);

          entry->id = sqlite3_column_int64 (stmt, 0);
          entry->kind = g_strdup (_yc_store_column_text (stmt, 1));
          entry->key = g_strdup (_yc_store_column_text (stmt, 2));
          entry->payload = g_strdup (_yc_store_column_text (stmt, 3));
          entry->created_at = _yc_store_local_from_usec (sqlite3_column_int64 (stmt, 4));
          entry->attempts = sqlite3_column_int (stmt, 5);
          entry->last_error = g_strdup (_yc_store_column_text (stmt, 6));
          entry->next_attempt_at = _yc_store_local_from_usec (sqlite3_column_int64 (stmt, 7));
          g_ptr_array_add (entries, entry);
        }
      ok = rc == SQLITE_DONE || _yc_store_set_error (conn, rc, error);
      sqlite3_reset (stmt);
    }
  g_clear_pointer (&stmt, _yc_store_stmt_release);

  _yc_store_release_reader (self, conn);
  return ok ? g_steal_pointer (&entries) : NULL;
}

typedef struct {
  gint64  id;
  gboolean sent;
  char   *error_message;
  gint64  next_attempt_at;
} MarkData;

static gboolean
mark_func (YcStoreConn *conn,
           gpointer     user_data,
           GError     **error)
{
  MarkData *data = user_data;
  g_autoptr(YcStoreStmt) stmt = NULL;

  if (data->sent)
    stmt = _yc_store_prepare (conn,
                              "UPDATE outbox SET sent_at = ?2, attempts = attempts + 1, "
                              "  last_error = NULL "
                              "WHERE id = ?1 AND sent_at IS NULL",
                              error);
  else
    stmt = _yc_store_prepare (conn,
                              "UPDATE outbox SET attempts = attempts + 1, last_error = ?3, "
                              "  next_attempt_at = ?4 "
                              "WHERE id = ?1 AND sent_at IS NULL",
                              error);
  if (stmt == NULL)
    return FALSE;

  sqlite3_bind_int64 (stmt, 1, data->id);
  if (data->sent)
    sqlite3_bind_int64 (stmt, 2, g_get_real_time ());
  else
    {
      _yc_store_bind_text (stmt, 3, data->error_message);
      sqlite3_bind_int64 (stmt, 4, data->next_attempt_at);
    }
  if (!_yc_store_step_done (conn, stmt, error))
    return FALSE;

  if (sqlite3_changes (conn->db) == 0)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND,
                   _("Outbox entry %lld is not waiting to be sent."), (long long) data->id);
      return FALSE;
    }
  return TRUE;
}

gboolean
yc_store_outbox_mark_sent (YcStore *self,
                           gint64   id,
                           GError **error)
{
  MarkData data = { .id = id, .sent = TRUE };

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);

  return _yc_store_write_sync (self, mark_func, &data, NULL, error);
}

gboolean
yc_store_outbox_mark_failed (YcStore    *self,
                             gint64      id,
                             const char *error_message,
                             GDateTime  *next_attempt_at,
                             GError    **error)
{
  MarkData data = { .id = id, .sent = FALSE, .error_message = (char *) error_message };

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (next_attempt_at != NULL, FALSE);

  data.next_attempt_at = _yc_store_to_usec (next_attempt_at);
  return _yc_store_write_sync (self, mark_func, &data, NULL, error);
}
