/* yc-store-drafts.c: drafts of unfinished intakes, saved as the clerk types and offered back on
 * start. */
#define G_LOG_DOMAIN "yc-store"

#include <glib/gi18n.h>

#include "yc-store-counter.h"
#include "yc-store-case-record.h"
#include "yc-case-json.h"

typedef struct {
  char *uuid;
  char *clerk;
  char *item_code;
  char *summary;
  char *payload;
} SaveData;

static void
save_data_free (SaveData *data)
{
  g_free (data->uuid);
  g_free (data->clerk);
  g_free (data->item_code);
  g_free (data->summary);
  g_free (data->payload);
  g_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SaveData, save_data_free)

/* Serialised on the caller's thread: the case belongs to it. */
static SaveData *
save_data_new (YcCase     *kase,
               const char *outcome,
               JsonNode   *extra,
               GError    **error)
{
  SaveData *data;
  YcParty *applicant = yc_case_get_applicant (kase);
  const char *name = applicant ? yc_party_get_name (applicant) : NULL;
  const char *item = yc_case_get_item_name (kase);

  if (yc_case_get_uuid (kase) == NULL)
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("The intake has no identifier, so it cannot be saved as a draft."));
      return NULL;
    }
  if (extra != NULL && !JSON_NODE_HOLDS_OBJECT (extra))
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           "The extra draft data must be a JSON object");
      return NULL;
    }

  data = g_new0 (SaveData, 1);
  data->uuid = g_strdup (yc_case_get_uuid (kase));
  data->clerk = g_strdup (yc_case_get_clerk (kase));
  data->item_code = g_strdup (yc_case_get_item_code (kase));
  /* Translators: a draft in the list offered on start: "张三 · 不动产转移登记" */
  data->summary = g_strdup_printf (_("%s · %s"),
                                   !_yc_store_is_blank (name) ? name : _("(no applicant yet)"),
                                   !_yc_store_is_blank (item) ? item : _("(no item yet)"));
  data->payload = yc_draft_to_json (kase, outcome, extra);
  return data;
}

static gboolean
save_draft_func (YcStoreConn *conn,
                 gpointer     user_data,
                 GError     **error)
{
  SaveData *data = user_data;
  g_autoptr(YcStoreStmt) stmt = NULL;
  gint64 now = g_get_real_time ();

  /* One statement is its own transaction; the connection's synchronous=FULL makes its commit
   * durable before the clerk's next keystroke is saved. */
  stmt = _yc_store_prepare (
    conn,
    "INSERT INTO drafts (uuid, clerk, item_code, summary, payload, created_at, updated_at) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?6) "
    "ON CONFLICT (uuid) DO UPDATE SET clerk = excluded.clerk, item_code = excluded.item_code, "
    "  summary = excluded.summary, payload = excluded.payload, updated_at = excluded.updated_at",
    error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, data->uuid);
  _yc_store_bind_text (stmt, 2, data->clerk);
  _yc_store_bind_text (stmt, 3, data->item_code);
  _yc_store_bind_text (stmt, 4, data->summary);
  _yc_store_bind_text (stmt, 5, data->payload);
  sqlite3_bind_int64 (stmt, 6, now);
  return _yc_store_step_done (conn, stmt, error);
}

gboolean
yc_store_save_draft (YcStore    *self,
                     YcCase     *kase,
                     const char *outcome,
                     JsonNode   *extra,
                     GError    **error)
{
  g_autoptr(SaveData) data = NULL;

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (YC_IS_CASE (kase), FALSE);

  data = save_data_new (kase, outcome, extra, error);
  return data != NULL && _yc_store_write_sync (self, save_draft_func, data, NULL, error);
}

void
yc_store_save_draft_async (YcStore            *self,
                           YcCase             *kase,
                           const char         *outcome,
                           JsonNode           *extra,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SaveData *data;

  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (YC_IS_CASE (kase));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_save_draft_async);
  data = save_data_new (kase, outcome, extra, &error);
  _yc_store_write_task (self, task, save_draft_func, data, (GDestroyNotify) save_data_free, error);
}

gboolean
yc_store_save_draft_finish (YcStore      *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_save_draft_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* --- listing --- */

void
yc_draft_info_free (YcDraftInfo *info)
{
  if (info == NULL)
    return;
  g_free (info->uuid);
  g_free (info->clerk);
  g_free (info->item_code);
  g_free (info->summary);
  g_free (info->payload);
  g_clear_pointer (&info->created_at, g_date_time_unref);
  g_clear_pointer (&info->updated_at, g_date_time_unref);
  g_free (info);
}

static GPtrArray *
list_drafts (YcStore      *self,
             const char   *clerk,
             GCancellable *cancellable,
             GError      **error)
{
  g_autoptr(GPtrArray) drafts
    = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_draft_info_free);
  g_autoptr(YcStoreStmt) stmt = NULL;
  YcStoreConn *conn;
  int rc = SQLITE_ERROR;

  conn = _yc_store_acquire_reader (self, cancellable, error);
  if (conn == NULL)
    return NULL;

  stmt
    = _yc_store_prepare (conn,
                         "SELECT uuid, clerk, item_code, summary, payload, created_at, updated_at "
                         "FROM drafts WHERE ?1 IS NULL OR clerk = ?1 "
                         "ORDER BY updated_at DESC, uuid",
                         error);
  if (stmt != NULL)
    {
      _yc_store_bind_text (stmt, 1, clerk);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          YcDraftInfo *info = g_new0 (YcDraftInfo, 1);

          info->uuid = g_strdup (_yc_store_column_text (stmt, 0));
          info->clerk = g_strdup (_yc_store_column_text (stmt, 1));
          info->item_code = g_strdup (_yc_store_column_text (stmt, 2));
          info->summary = g_strdup (_yc_store_column_text (stmt, 3));
          info->payload = g_strdup (_yc_store_column_text (stmt, 4));
          info->created_at = _yc_store_local_from_usec (sqlite3_column_int64 (stmt, 5));
          info->updated_at = _yc_store_local_from_usec (sqlite3_column_int64 (stmt, 6));
          g_ptr_array_add (drafts, info);
        }
      if (rc != SQLITE_DONE)
        _yc_store_set_error (conn, rc, error);
    }

  g_clear_pointer (&stmt, _yc_store_stmt_release);
  _yc_store_release_reader (self, conn);
  return rc == SQLITE_DONE ? g_steal_pointer (&drafts) : NULL;
}

GPtrArray *
yc_store_list_drafts (YcStore    *self,
                      const char *clerk,
                      GError    **error)
{
  g_return_val_if_fail (YC_IS_STORE (self), NULL);

  return list_drafts (self, clerk, NULL, error);
}

static void
list_drafts_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *drafts = list_drafts (source_object, task_data, cancellable, &error);

  _yc_store_return_pointer (task, drafts, (GDestroyNotify) g_ptr_array_unref, error);
}

void
yc_store_list_drafts_async (YcStore            *self,
                            const char         *clerk,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));

  _yc_store_run_in_thread (self, yc_store_list_drafts_async, g_strdup (clerk), g_free,
                           list_drafts_thread, cancellable, callback, user_data);
}

GPtrArray *
yc_store_list_drafts_finish (YcStore      *self,
                             GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_list_drafts_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- discarding --- */

static gboolean
discard_draft_func (YcStoreConn *conn,
                    gpointer     user_data,
                    GError     **error)
{
  g_autoptr(YcStoreStmt) stmt
    = _yc_store_prepare (conn, "DELETE FROM drafts WHERE uuid = ?1", error);

  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, user_data);
  return _yc_store_step_done (conn, stmt, error);
}

gboolean
yc_store_discard_draft (YcStore    *self,
                        const char *uuid,
                        GError    **error)
{
  g_autofree char *copy = g_strdup (uuid);

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  return _yc_store_write_sync (self, discard_draft_func, copy, NULL, error);
}

void
yc_store_discard_draft_async (YcStore            *self,
                              const char         *uuid,
                              GCancellable       *cancellable,
                              GAsyncReadyCallback callback,
                              gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (uuid != NULL);

  _yc_store_start_write (self, yc_store_discard_draft_async, discard_draft_func, g_strdup (uuid),
                         g_free, cancellable, callback, user_data);
}

gboolean
yc_store_discard_draft_finish (YcStore      *self,
                               GAsyncResult *result,
                               GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_discard_draft_async,
                        FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
