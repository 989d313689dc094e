/* yc-store-page-list.c: the pages on a case's materials as boxed rows, and reading them and the
 * material PDFs back. */
#define G_LOG_DOMAIN "yc-store"

#include "yc-store-case-record.h"
#include "yc-store-pages.h"

/* --- the boxed row --- */

YcCasePage *
yc_case_page_new (const char *case_uuid,
                  guint       material,
                  const char *sha256,
                  const char *content_type)
{
  YcCasePage *page = g_new0 (YcCasePage, 1);

  page->case_uuid = g_strdup (case_uuid);
  page->material = material;
  page->sha256 = g_strdup (sha256);
  page->content_type = g_strdup (content_type);
  page->page_count = 1;
  return page;
}

YcCasePage *
yc_case_page_copy (const YcCasePage *page)
{
  YcCasePage *copy = g_new0 (YcCasePage, 1);

  *copy = *page;
  copy->case_uuid = g_strdup (page->case_uuid);
  copy->sha256 = g_strdup (page->sha256);
  copy->content_type = g_strdup (page->content_type);
  copy->mode = g_strdup (page->mode);
  copy->created_at = page->created_at ? g_date_time_ref (page->created_at) : NULL;
  return copy;
}

void
yc_case_page_free (YcCasePage *page)
{
  if (page == NULL)
    return;
  g_free (page->case_uuid);
  g_free (page->sha256);
  g_free (page->content_type);
  g_free (page->mode);
  g_clear_pointer (&page->created_at, g_date_time_unref);
  g_free (page);
}

G_DEFINE_BOXED_TYPE (YcCasePage, yc_case_page, yc_case_page_copy, yc_case_page_free)

/* --- reads --- */

GPtrArray *
yc_store_list_pages (YcStore    *self,
                     const char *case_uuid,
                     int         material,
                     GError    **error)
{
  g_autoptr(GPtrArray) pages = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_case_page_free);
  g_autoptr(YcStoreStmt) stmt = NULL;
  YcStoreConn *conn;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;

  stmt = _yc_store_prepare (conn,
                            "SELECT id, case_uuid, material, page_order, sha256, content_type, "
                            "width, height, dpi, mode, page_count, rotation, created_at "
                            "FROM case_pages WHERE case_uuid = ?1 AND (?2 < 0 OR material = ?2) "
                            "ORDER BY material, page_order",
                            error);
  if (stmt != NULL)
    {
      _yc_store_bind_text (stmt, 1, case_uuid);
      sqlite3_bind_int (stmt, 2, material);
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          YcCasePage *page = g_new0 (YcCasePage, 1);

          page->id = sqlite3_column_int64 (stmt, 0);
          page->case_uuid = g_strdup (_yc_store_column_text (stmt, 1));
          page->material = sqlite3_column_int (stmt, 2);
          page->page_order = sqlite3_column_int (stmt, 3);
          page->sha256 = g_strdup (_yc_store_column_text (stmt, 4));
          page->content_type = g_strdup (_yc_store_column_text (stmt, 5));
          page->width = sqlite3_column_int (stmt, 6);
          page->height = sqlite3_column_int (stmt, 7);
          page->dpi = sqlite3_column_int (stmt, 8);
          page->mode = g_strdup (_yc_store_column_text (stmt, 9));
          page->page_count = sqlite3_column_int (stmt, 10);
          page->rotation = sqlite3_column_int (stmt, 11);
          page->created_at = _yc_store_local_from_usec (sqlite3_column_int64 (stmt, 12));
          g_ptr_array_add (pages, page);
        }
      ok = rc == SQLITE_DONE || _yc_store_set_error (conn, rc, error);
    }
  g_clear_pointer (&stmt, _yc_store_stmt_release);

  _yc_store_release_reader (self, conn);
  return ok ? g_steal_pointer (&pages) : NULL;
}

typedef struct {
  char *case_uuid;
  int   material;
} ListData;

static void
list_data_free (ListData *data)
{
  g_free (data->case_uuid);
  g_free (data);
}

static void
list_pages_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  ListData *data = task_data;
  GError *error = NULL;
  GPtrArray *pages = yc_store_list_pages (source_object, data->case_uuid, data->material, &error);

  _yc_store_return_pointer (task, pages, (GDestroyNotify) g_ptr_array_unref, error);
}

void
yc_store_list_pages_async (YcStore            *self,
                           const char         *case_uuid,
                           int                 material,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  ListData *data;

  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL);

  data = g_new0 (ListData, 1);
  data->case_uuid = g_strdup (case_uuid);
  data->material = material;
  _yc_store_run_in_thread (self, yc_store_list_pages_async, data, (GDestroyNotify) list_data_free,
                           list_pages_thread, cancellable, callback, user_data);
}

GPtrArray *
yc_store_list_pages_finish (YcStore      *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_list_pages_async, NULL);
  return g_task_propagate_pointer (G_TASK (result), error);
}

char *
yc_store_get_material_pdf (YcStore    *self,
                           const char *case_uuid,
                           guint       material,
                           GError    **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  g_autoptr(GError) local_error = NULL;
  YcStoreConn *conn;
  char *sha256 = NULL;
  int rc;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;

  stmt = _yc_store_prepare (conn,
                            "SELECT sha256 FROM case_material_pdfs "
                            "WHERE case_uuid = ?1 AND material = ?2",
                            &local_error);
  if (stmt != NULL)
    {
      _yc_store_bind_text (stmt, 1, case_uuid);
      sqlite3_bind_int (stmt, 2, material);
      rc = sqlite3_step (stmt);
      if (rc == SQLITE_ROW)
        sha256 = g_strdup (_yc_store_column_text (stmt, 0));
      else if (rc != SQLITE_DONE)
        _yc_store_set_error (conn, rc, &local_error);
    }
  g_clear_pointer (&stmt, _yc_store_stmt_release);
  _yc_store_release_reader (self, conn);

  if (local_error != NULL)
    g_propagate_error (error, g_steal_pointer (&local_error));
  return sha256;
}
