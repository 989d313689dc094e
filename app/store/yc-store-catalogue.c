/* yc-store-catalogue.c: the catalogue repository: importing the implementation list, reading it. */
#define G_LOG_DOMAIN "yc-store"

#include <string.h>
#include <glib/gi18n.h>

#include "yc-store-private.h"

/* --- rows to objects --- */

static char **
split_keywords (const char *text)
{
  if (text == NULL || *text == '\0')
    return g_new0 (char *, 1);
  return g_strsplit (text, "\n", -1);
}

/* Keywords are stored one per line, so a line break inside one would split it. */
static char *
join_keywords (const char * const *keywords)
{
  GString *joined = g_string_new (NULL);

  for (guint i = 0; keywords != NULL && keywords[i] != NULL; i++)
    {
      g_autofree char *keyword = g_strdup (keywords[i]);

      g_strdelimit (keyword, "\r\n", ' ');
      g_strstrip (keyword);
      if (*keyword == '\0')
        continue;
      if (joined->len > 0)
        g_string_append_c (joined, '\n');
      g_string_append (joined, keyword);
    }

  return g_string_free (joined, FALSE);
}

YcItem *
_yc_store_item_from_row (sqlite3_stmt *stmt)
{
  g_auto(GStrv) keywords = split_keywords (_yc_store_column_text (stmt, 13));
  YcCaseType case_type = YC_CASE_TYPE_PROMISED;

  if (!yc_case_type_from_string (_yc_store_column_text (stmt, 5), &case_type))
    g_warning ("Item %s has an unknown case type “%s”", _yc_store_column_text (stmt, 0),
               _yc_store_column_text (stmt, 5));

  return g_object_new (YC_TYPE_ITEM,
                       "code", _yc_store_column_text (stmt, 0),
                       "name", _yc_store_column_text (stmt, 1),
                       "department", _yc_store_column_text (stmt, 2),
                       "item-type", _yc_store_column_text (stmt, 3),
                       "item-type-label", _yc_store_column_text (stmt, 4),
                       "case-type", case_type,
                       "legal-days", (guint) sqlite3_column_int (stmt, 6),
                       "promised-days", (guint) sqlite3_column_int (stmt, 7),
                       "commitment-allowed", sqlite3_column_int (stmt, 8) != 0,
                       "legal-basis", _yc_store_column_text (stmt, 9),
                       "conditions", _yc_store_column_text (stmt, 10),
                       "fees", _yc_store_column_text (stmt, 11),
                       "result", _yc_store_column_text (stmt, 12),
                       "keywords", keywords,
                       NULL);
}

static YcMaterialSpec *
material_from_row (sqlite3_stmt *stmt)
{
  YcMaterialForm form = YC_MATERIAL_FORM_PAPER;

  if (!yc_material_form_from_string (_yc_store_column_text (stmt, 5), &form))
    g_warning ("Material %s has an unknown form “%s”", _yc_store_column_text (stmt, 0),
               _yc_store_column_text (stmt, 5));

  return g_object_new (YC_TYPE_MATERIAL_SPEC,
                       "code", _yc_store_column_text (stmt, 0),
                       "name", _yc_store_column_text (stmt, 1),
                       "position", (guint) sqlite3_column_int (stmt, 2),
                       "originals", (guint) sqlite3_column_int (stmt, 3),
                       "copies", (guint) sqlite3_column_int (stmt, 4),
                       "form", form,
                       "required", sqlite3_column_int (stmt, 6) != 0,
                       "tolerable", sqlite3_column_int (stmt, 7) != 0,
                       "supplement-days", (guint) sqlite3_column_int (stmt, 8),
                       "licence-type", _yc_store_column_text (stmt, 9),
                       "notes", _yc_store_column_text (stmt, 10),
                       NULL);
}

/* --- import --- */

static gboolean
import_items (YcStoreConn *conn,
              YcCatalogue *catalogue,
              GError     **error)
{
  GPtrArray *code_lists = yc_catalogue_get_code_lists (catalogue);
  GPtrArray *items = yc_catalogue_get_items (catalogue);
  gboolean bulk = items->len >= YC_STORE_BULK_IMPORT_ITEMS;
  sqlite3_stmt *stmt;
  gint64 next_serial;

  stmt = _yc_store_prepare (conn,
                            "INSERT INTO catalogue_meta (key, value) "
                            "VALUES ('region', ?1), ('version', ?2) "
                            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                            error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, yc_catalogue_get_region (catalogue));
  _yc_store_bind_text (stmt, 2, yc_catalogue_get_version (catalogue));
  if (!_yc_store_step_done (conn, stmt, error))
    return FALSE;

  for (guint i = 0; code_lists != NULL && i < code_lists->len; i++)
    {
      YcCodeListEntry *entry = g_ptr_array_index (code_lists, i);
      g_autoptr(YcStoreStmt) insert = NULL;

      insert = _yc_store_prepare (conn,
                                  "INSERT INTO code_lists (list, code, label) VALUES (?1, ?2, ?3) "
                                  "ON CONFLICT (list, code) DO UPDATE SET label = excluded.label",
                                  error);
      if (insert == NULL)
        return FALSE;
      _yc_store_bind_text (insert, 1, entry->list);
      _yc_store_bind_text (insert, 2, entry->code);
      _yc_store_bind_text (insert, 3, entry->label);
      if (!_yc_store_step_done (conn, insert, error))
        return FALSE;
    }

  /* A large import pauses the search index triggers and rebuilds both indexes at the end, in key
   * order (data/sql/002-catalogue-search.sql). */
  if (bulk && !_yc_store_exec (conn, "INSERT INTO search_index_paused (paused) VALUES (1)", error))
    return FALSE;

  /* New items go after every item ever imported; an existing item keeps its serial, so its place in
   * search results does not move when the catalogue is refreshed. */
  stmt = _yc_store_prepare (conn, "SELECT coalesce (max (serial), 0) + 1 FROM items", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW)
    return _yc_store_set_error (conn, sqlite3_errcode (conn->db), error);
  next_serial = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);

  for (guint i = 0; i < items->len; i++)
    {
      YcItem *item = g_ptr_array_index (items, i);
      GListModel *materials = yc_item_get_materials (item);
      g_autofree char *keywords = join_keywords (yc_item_get_keywords (item));
      g_autoptr(YcStoreStmt) upsert = NULL;
      g_autoptr(YcStoreStmt) clear = NULL;
      guint n_materials;

      upsert = _yc_store_prepare (conn,
        "INSERT INTO items (id, serial, code, name, department, item_type, case_type, "
        "  legal_days, promised_days, commitment_allowed, legal_basis, conditions, fees, result, "
        "  keywords) "
        "VALUES ((length (?2) << 32) | ?1, ?1, ?3, ?2, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, "
        "  ?14) "
        "ON CONFLICT (code) DO UPDATE SET "
        "  id = (length (excluded.name) << 32) | items.serial, name = excluded.name, "
        "  department = excluded.department, item_type = excluded.item_type, "
        "  case_type = excluded.case_type, "
        "  legal_days = excluded.legal_days, promised_days = excluded.promised_days, "
        "  commitment_allowed = excluded.commitment_allowed, legal_basis = excluded.legal_basis, "
        "  conditions = excluded.conditions, fees = excluded.fees, result = excluded.result, "
        "  keywords = excluded.keywords", error);
      if (upsert == NULL)
        return FALSE;
      sqlite3_bind_int64 (upsert, 1, next_serial++);
      _yc_store_bind_text (upsert, 2, yc_item_get_name (item));
      _yc_store_bind_text (upsert, 3, yc_item_get_code (item));
      _yc_store_bind_text (upsert, 4, yc_item_get_department (item));
      _yc_store_bind_text (upsert, 5, yc_item_get_item_type (item));
      _yc_store_bind_text (upsert, 6, yc_case_type_to_string (yc_item_get_case_type (item)));
      sqlite3_bind_int (upsert, 7, yc_item_get_legal_days (item));
      sqlite3_bind_int (upsert, 8, yc_item_get_promised_days (item));
      sqlite3_bind_int (upsert, 9, yc_item_get_commitment_allowed (item));
      _yc_store_bind_text (upsert, 10, yc_item_get_legal_basis (item));
      _yc_store_bind_text (upsert, 11, yc_item_get_conditions (item));
      _yc_store_bind_text (upsert, 12, yc_item_get_fees (item));
      _yc_store_bind_text (upsert, 13, yc_item_get_result (item));
      _yc_store_bind_text (upsert, 14, keywords);
      if (!_yc_store_step_done (conn, upsert, error))
        return FALSE;

      /* The catalogue is the authority on an item's checklist: replace it whole. */
      clear = _yc_store_prepare (conn, "DELETE FROM materials WHERE item_code = ?1", error);
      if (clear == NULL)
        return FALSE;
      _yc_store_bind_text (clear, 1, yc_item_get_code (item));
      if (!_yc_store_step_done (conn, clear, error))
        return FALSE;

      n_materials = g_list_model_get_n_items (materials);
      for (guint j = 0; j < n_materials; j++)
        {
          g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (materials, j);
          g_autoptr(YcStoreStmt) insert = NULL;

          insert = _yc_store_prepare (conn,
            "INSERT INTO materials (item_code, code, position, name, originals, copies, form, "
            "  required, tolerable, supplement_days, licence_type, notes) "
            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
          if (insert == NULL)
            return FALSE;
          _yc_store_bind_text (insert, 1, yc_item_get_code (item));
          _yc_store_bind_text (insert, 2, yc_material_spec_get_code (spec));
          sqlite3_bind_int (insert, 3, yc_material_spec_get_position (spec));
          _yc_store_bind_text (insert, 4, yc_material_spec_get_name (spec));
          sqlite3_bind_int (insert, 5, yc_material_spec_get_originals (spec));
          sqlite3_bind_int (insert, 6, yc_material_spec_get_copies (spec));
          _yc_store_bind_text (insert, 7,
                               yc_material_form_to_string (yc_material_spec_get_form (spec)));
          sqlite3_bind_int (insert, 8, yc_material_spec_get_required (spec));
          sqlite3_bind_int (insert, 9, yc_material_spec_get_tolerable (spec));
          sqlite3_bind_int (insert, 10, yc_material_spec_get_supplement_days (spec));
          _yc_store_bind_text (insert, 11, yc_material_spec_get_licence_type (spec));
          _yc_store_bind_text (insert, 12, yc_material_spec_get_notes (spec));
          if (!_yc_store_step_done (conn, insert, error))
            return FALSE;
        }
    }

  if (bulk && !_yc_store_exec (conn,
                               "DELETE FROM search_index_paused; "
                               "INSERT INTO items_fts (items_fts) VALUES ('rebuild'); "
                               "DELETE FROM item_grams; "
                               "INSERT OR IGNORE INTO item_grams (gram, item_id) "
                               "  SELECT gram, item_id FROM item_grams_source ORDER BY gram, item_id",
                               error))
    return FALSE;

  return TRUE;
}

static gboolean
import_func (YcStoreConn *conn,
             gpointer     data,
             GError     **error)
{
  YcCatalogue *catalogue = data;

  /* One transaction: a failed or cancelled import leaves the previous catalogue untouched. */
  return _yc_store_begin (conn, error) &&
         import_items (conn, catalogue, error) &&
         _yc_store_commit (conn, error);
}

gboolean
yc_store_import_catalogue (YcStore     *self,
                           YcCatalogue *catalogue,
                           GError     **error)
{
  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (catalogue != NULL, FALSE);

  return _yc_store_write_sync (self, import_func, catalogue, NULL, error);
}

void
yc_store_import_catalogue_async (YcStore            *self,
                                 YcCatalogue        *catalogue,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (catalogue != NULL);

  _yc_store_start_write (self, yc_store_import_catalogue_async, import_func, catalogue, NULL,
                         cancellable, callback, user_data);
}

gboolean
yc_store_import_catalogue_finish (YcStore      *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        yc_store_import_catalogue_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

static gboolean
ensure_func (YcStoreConn *conn,
             gpointer     data,
             GError     **error)
{
  g_autoptr(YcStoreStmt) count = NULL;
  g_autoptr(GBytes) json = NULL;
  g_autoptr(YcCatalogue) catalogue = NULL;
  gboolean empty;

  /* Checked on the writer, so two racing first starts import once. */
  count = _yc_store_prepare (conn, "SELECT NOT EXISTS (SELECT 1 FROM items)", error);
  if (count == NULL)
    return FALSE;
  if (sqlite3_step (count) != SQLITE_ROW)
    return _yc_store_set_error (conn, sqlite3_errcode (conn->db), error);
  empty = sqlite3_column_int (count, 0) != 0;
  sqlite3_reset (count);

  if (!empty)
    return TRUE;

  json = yc_catalogue_load_sample (error);
  if (json == NULL)
    return FALSE;
  catalogue = yc_catalogue_parse (json, error);
  if (catalogue == NULL)
    return FALSE;

  return import_func (conn, catalogue, error);
}

void
yc_store_ensure_catalogue_async (YcStore            *self,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));

  _yc_store_start_write (self, yc_store_ensure_catalogue_async, ensure_func, NULL, NULL,
                         cancellable, callback, user_data);
}

gboolean
yc_store_ensure_catalogue_finish (YcStore      *self,
                                  GAsyncResult *result,
                                  GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        yc_store_ensure_catalogue_async, FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

gboolean
yc_store_ensure_catalogue (YcStore *self,
                           GError **error)
{
  g_return_val_if_fail (YC_IS_STORE (self), FALSE);

  return _yc_store_write_sync (self, ensure_func, NULL, NULL, error);
}

/* --- reading --- */

guint
yc_store_count_items (YcStore *self,
                      GError **error)
{
  YcStoreConn *conn;
  guint count = 0;

  g_return_val_if_fail (YC_IS_STORE (self), 0);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return 0;

  {
    g_autoptr(YcStoreStmt) stmt = _yc_store_prepare (conn, "SELECT count (*) FROM items", error);
    int rc;

    if (stmt != NULL)
      {
        rc = sqlite3_step (stmt);
        if (rc == SQLITE_ROW)
          count = sqlite3_column_int (stmt, 0);
        else
          _yc_store_set_error (conn, rc, error);
      }
  }

  _yc_store_release_reader (self, conn);
  return count;
}

static YcItem *
get_item (YcStoreConn *conn,
          const char  *code,
          GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  g_autoptr(YcStoreStmt) materials = NULL;
  g_autoptr(YcItem) item = NULL;
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_object_unref);
  int rc;

  /* Item and materials from one snapshot: an import committing in between must not mix two
   * versions. */
  if (!_yc_store_exec (conn, "BEGIN", error))
    return NULL;

  stmt = _yc_store_prepare (conn, "SELECT " YC_STORE_ITEM_COLUMNS " FROM items WHERE code = ?1",
                            error);
  if (stmt == NULL)
    return NULL;
  _yc_store_bind_text (stmt, 1, code);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND,
                   _("No service item has the code “%s”. The catalogue may have changed: "
                     "search for the item again."),
                   code);
      return NULL;
    }
  if (rc != SQLITE_ROW)
    {
      _yc_store_set_error (conn, rc, error);
      return NULL;
    }
  item = _yc_store_item_from_row (stmt);

  materials = _yc_store_prepare (conn,
                                 "SELECT code, name, position, originals, copies, form, required, "
                                 "       tolerable, supplement_days, licence_type, notes "
                                 "FROM materials WHERE item_code = ?1 ORDER BY position, code",
                                 error);
  if (materials == NULL)
    return NULL;
  _yc_store_bind_text (materials, 1, code);
  while ((rc = sqlite3_step (materials)) == SQLITE_ROW)
    g_ptr_array_add (specs, material_from_row (materials));
  if (rc != SQLITE_DONE)
    {
      _yc_store_set_error (conn, rc, error);
      return NULL;
    }

  yc_item_set_materials (item, specs);
  return g_steal_pointer (&item);
}

YcItem *
yc_store_get_item (YcStore    *self,
                   const char *code,
                   GError    **error)
{
  YcStoreConn *conn;
  YcItem *item;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);
  g_return_val_if_fail (code != NULL, NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;
  item = get_item (conn, code, error);
  _yc_store_release_reader (self, conn);

  return item;
}

static void
get_item_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  YcStore *self = source_object;
  GError *error = NULL;
  YcStoreConn *conn;
  YcItem *item;

  conn = _yc_store_acquire_reader (self, cancellable, &error);
  if (conn == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  item = get_item (conn, task_data, &error);
  _yc_store_release_reader (self, conn);

  _yc_store_return_pointer (task, item, g_object_unref, error);
}

void
yc_store_get_item_async (YcStore            *self,
                         const char         *code,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (code != NULL);

  _yc_store_run_in_thread (self, yc_store_get_item_async, g_strdup (code), g_free, get_item_thread,
                           cancellable, callback, user_data);
}

YcItem *
yc_store_get_item_finish (YcStore      *self,
                          GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_get_item_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
