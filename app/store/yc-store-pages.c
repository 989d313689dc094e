/* yc-store-pages.c: changes to the pages on a case's materials (add, reorder, rotate, move,
 * delete) and recording material PDFs. The boxed row and the reads are in yc-store-page-list.c. */
#define G_LOG_DOMAIN "yc-store"

#include <glib/gi18n.h>

#include "yc-file-store.h"
#include "yc-store-case-record.h"
#include "yc-store-pages.h"

/* --- writes --- */

typedef enum {
  OP_ADD,
  OP_MOVE,
  OP_MOVE_TO_MATERIAL,
  OP_ROTATE,
  OP_DELETE,
  OP_SET_PDF,
} OpKind;

typedef struct {
  OpKind      kind;
  YcCasePage *page;        /* ADD */
  gint64      id;          /* the page; ADD: the new page's id */
  guint       value;       /* MOVE: order; TO_MATERIAL: material; ROTATE: angle; SET_PDF: pages */
  char       *case_uuid;   /* SET_PDF */
  guint       material;    /* SET_PDF */
  char       *sha256;      /* SET_PDF */
  char       *actor;
} PageOp;

static void
page_op_free (PageOp *op)
{
  g_clear_pointer (&op->page, yc_case_page_free);
  g_free (op->case_uuid);
  g_free (op->sha256);
  g_free (op->actor);
  g_free (op);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PageOp, page_op_free)

static PageOp *
page_op_new (OpKind      kind,
             const char *actor)
{
  PageOp *op = g_new0 (PageOp, 1);

  op->kind = kind;
  op->actor = g_strdup (actor);
  return op;
}

static gboolean
rotation_is_valid (guint rotation)
{
  return rotation == 0 || rotation == 90 || rotation == 180 || rotation == 270;
}

static gboolean
set_invalid_rotation (guint    rotation,
                      GError **error)
{
  g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
               _("A page can be turned by 0°, 90°, 180° or 270°, not %u°."), rotation);
  return FALSE;
}

typedef struct {
  char  *case_uuid;
  guint  material;
  guint  page_order;
} PagePlace;

static void
page_place_clear (PagePlace *place)
{
  g_clear_pointer (&place->case_uuid, g_free);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PagePlace, page_place_clear)

static gboolean
load_place (YcStoreConn *conn,
            gint64       id,
            PagePlace   *place,
            GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  int rc;

  stmt = _yc_store_prepare (conn,
                            "SELECT case_uuid, material, page_order FROM case_pages WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      place->case_uuid = g_strdup (_yc_store_column_text (stmt, 0));
      place->material = sqlite3_column_int (stmt, 1);
      place->page_order = sqlite3_column_int (stmt, 2);
      return TRUE;
    }
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND,
                   _("The page was not found; it may have been deleted already."));
      return FALSE;
    }
  return _yc_store_set_error (conn, rc, error);
}

static gboolean
next_order (YcStoreConn *conn,
            const char  *case_uuid,
            guint        material,
            guint       *order,
            GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  int rc;

  stmt = _yc_store_prepare (conn,
                            "SELECT COALESCE (MAX (page_order) + 1, 0) FROM case_pages "
                            "WHERE case_uuid = ?1 AND material = ?2", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, case_uuid);
  sqlite3_bind_int (stmt, 2, material);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _yc_store_set_error (conn, rc, error);
  *order = sqlite3_column_int (stmt, 0);
  return TRUE;
}

/* Pages after @order in the material move up one place: the gap a removed page leaves. */
static gboolean
close_gap (YcStoreConn *conn,
           const char  *case_uuid,
           guint        material,
           guint        order,
           GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;

  stmt = _yc_store_prepare (conn,
                            "UPDATE case_pages SET page_order = page_order - 1 "
                            "WHERE case_uuid = ?1 AND material = ?2 AND page_order > ?3", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, case_uuid);
  sqlite3_bind_int (stmt, 2, material);
  sqlite3_bind_int (stmt, 3, order);
  return _yc_store_step_done (conn, stmt, error);
}

/* The material's PDF showed the old pages. */
static gboolean
drop_pdf (YcStoreConn *conn,
          const char  *case_uuid,
          guint        material,
          GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;

  stmt = _yc_store_prepare (conn,
                            "DELETE FROM case_material_pdfs WHERE case_uuid = ?1 AND material = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, case_uuid);
  sqlite3_bind_int (stmt, 2, material);
  return _yc_store_step_done (conn, stmt, error);
}

/* Every change to a material's pages ends alike: the material's PDF showed the old pages, and the
 * change goes into the audit log. */
static gboolean
changed (YcStoreConn *conn,
         gint64       now,
         PageOp      *op,
         const char  *action,
         const char  *case_uuid,
         guint        material,
         const char  *detail,
         GError     **error)
{
  return drop_pdf (conn, case_uuid, material, error) &&
         _yc_store_insert_audit (conn, now, op->actor, action, case_uuid, detail, error);
}

/* Runs @sql on one page: ?1 is its id, ?2 (where the statement has it) @value. */
static gboolean
update_page (YcStoreConn *conn,
             const char  *sql,
             gint64       id,
             guint        value,
             GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = _yc_store_prepare (conn, sql, error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_int (stmt, 2, value);
  return _yc_store_step_done (conn, stmt, error);
}

static gboolean
add_page (YcStoreConn *conn,
          PageOp      *op,
          gint64       now,
          GError     **error)
{
  const YcCasePage *page = op->page;
  g_autoptr(YcStoreStmt) stmt = NULL;
  g_autofree char *detail = NULL;
  guint order;

  if (!next_order (conn, page->case_uuid, page->material, &order, error))
    return FALSE;
  stmt = _yc_store_prepare (conn,
                            "INSERT INTO case_pages (case_uuid, material, page_order, sha256, "
                            "content_type, width, height, dpi, mode, page_count, rotation, "
                            "created_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, page->case_uuid);
  sqlite3_bind_int (stmt, 2, page->material);
  sqlite3_bind_int (stmt, 3, order);
  _yc_store_bind_text (stmt, 4, page->sha256);
  _yc_store_bind_text (stmt, 5, page->content_type);
  sqlite3_bind_int (stmt, 6, page->width);
  sqlite3_bind_int (stmt, 7, page->height);
  sqlite3_bind_int (stmt, 8, page->dpi);
  _yc_store_bind_text (stmt, 9, page->mode);
  sqlite3_bind_int (stmt, 10, page->page_count);
  sqlite3_bind_int (stmt, 11, page->rotation);
  sqlite3_bind_int64 (stmt, 12, now);
  if (!_yc_store_step_done (conn, stmt, error))
    return FALSE;
  op->id = sqlite3_last_insert_rowid (conn->db);

  detail = g_strdup_printf ("page %" G_GINT64_FORMAT " material %u order %u %s %s", op->id,
                            page->material, order, page->content_type, page->sha256);
  return changed (conn, now, op, "page.add", page->case_uuid, page->material, detail, error);
}

static gboolean
move_page (YcStoreConn *conn,
           PageOp      *op,
           gint64       now,
           GError     **error)
{
  g_autoptr(YcStoreStmt) shift = NULL;
  g_autofree char *detail = NULL;
  g_auto(PagePlace) place = { 0 };
  guint last, target;

  if (!load_place (conn, op->id, &place, error) ||
      !next_order (conn, place.case_uuid, place.material, &last, error))
    return FALSE;
  target = MIN (op->value, last - 1);
  if (target == place.page_order)
    return TRUE;

  /* The pages between the old and the new place shift by one towards the old place. */
  shift = _yc_store_prepare (conn,
                             target < place.page_order
                             ? "UPDATE case_pages SET page_order = page_order + 1 "
                               "WHERE case_uuid = ?1 AND material = ?2 "
                               "AND page_order >= ?3 AND page_order < ?4"
                             : "UPDATE case_pages SET page_order = page_order - 1 "
                               "WHERE case_uuid = ?1 AND material = ?2 "
                               "AND page_order > ?4 AND page_order <= ?3", error);
  if (shift == NULL)
    return FALSE;
  _yc_store_bind_text (shift, 1, place.case_uuid);
  sqlite3_bind_int (shift, 2, place.material);
  sqlite3_bind_int (shift, 3, target);
  sqlite3_bind_int (shift, 4, place.page_order);
  if (!_yc_store_step_done (conn, shift, error) ||
      !update_page (conn, "UPDATE case_pages SET page_order = ?2 WHERE id = ?1", op->id, target,
                    error))
    return FALSE;

  detail = g_strdup_printf ("page %" G_GINT64_FORMAT " material %u order %u → %u", op->id,
                            place.material, place.page_order, target);
  return changed (conn, now, op, "page.move", place.case_uuid, place.material, detail, error);
}

static gboolean
move_to_material (YcStoreConn *conn,
                  PageOp      *op,
                  gint64       now,
                  GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  g_autofree char *detail = NULL;
  g_auto(PagePlace) place = { 0 };
  guint order;

  if (!load_place (conn, op->id, &place, error))
    return FALSE;
  if (place.material == op->value)
    return TRUE;
  if (!next_order (conn, place.case_uuid, op->value, &order, error))
    return FALSE;

  stmt = _yc_store_prepare (conn,
                            "UPDATE case_pages SET material = ?2, page_order = ?3 WHERE id = ?1",
                            error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, op->id);
  sqlite3_bind_int (stmt, 2, op->value);
  sqlite3_bind_int (stmt, 3, order);
  if (!_yc_store_step_done (conn, stmt, error) ||
      !close_gap (conn, place.case_uuid, place.material, place.page_order, error))
    return FALSE;

  detail = g_strdup_printf ("page %" G_GINT64_FORMAT " material %u → %u order %u", op->id,
                            place.material, op->value, order);
  return drop_pdf (conn, place.case_uuid, op->value, error) &&
         changed (conn, now, op, "page.move", place.case_uuid, place.material, detail, error);
}

static gboolean
rotate_page (YcStoreConn *conn,
             PageOp      *op,
             gint64       now,
             GError     **error)
{
  g_autofree char *detail = NULL;
  g_auto(PagePlace) place = { 0 };

  if (!load_place (conn, op->id, &place, error))
    return FALSE;
  detail = g_strdup_printf ("page %" G_GINT64_FORMAT " rotation %u", op->id, op->value);
  return update_page (conn, "UPDATE case_pages SET rotation = ?2 WHERE id = ?1", op->id, op->value,
                      error) &&
         changed (conn, now, op, "page.rotate", place.case_uuid, place.material, detail, error);
}

static gboolean
delete_page (YcStoreConn *conn,
             PageOp      *op,
             gint64       now,
             GError     **error)
{
  g_autofree char *detail = NULL;
  g_auto(PagePlace) place = { 0 };

  if (!load_place (conn, op->id, &place, error))
    return FALSE;
  detail = g_strdup_printf ("page %" G_GINT64_FORMAT " material %u order %u", op->id,
                            place.material, place.page_order);
  return update_page (conn, "DELETE FROM case_pages WHERE id = ?1", op->id, 0, error) &&
         close_gap (conn, place.case_uuid, place.material, place.page_order, error) &&
         changed (conn, now, op, "page.delete", place.case_uuid, place.material, detail, error);
}

static gboolean
set_pdf (YcStoreConn *conn,
         PageOp      *op,
         gint64       now,
         GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  g_autofree char *detail = NULL;

  stmt = _yc_store_prepare (conn,
                            "INSERT OR REPLACE INTO case_material_pdfs "
                            "(case_uuid, material, sha256, page_count, created_at) "
                            "VALUES (?1, ?2, ?3, ?4, ?5)", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, op->case_uuid);
  sqlite3_bind_int (stmt, 2, op->material);
  _yc_store_bind_text (stmt, 3, op->sha256);
  sqlite3_bind_int (stmt, 4, op->value);
  sqlite3_bind_int64 (stmt, 5, now);
  detail = g_strdup_printf ("material %u pages %u %s", op->material, op->value, op->sha256);
  return _yc_store_step_done (conn, stmt, error) &&
         _yc_store_insert_audit (conn, now, op->actor, "material.pdf", op->case_uuid, detail, error);
}

typedef gboolean (*OpFunc) (YcStoreConn *conn,
                            PageOp      *op,
                            gint64       now,
                            GError     **error);

static const OpFunc op_funcs[] = {
  [OP_ADD] = add_page,
  [OP_MOVE] = move_page,
  [OP_MOVE_TO_MATERIAL] = move_to_material,
  [OP_ROTATE] = rotate_page,
  [OP_DELETE] = delete_page,
  [OP_SET_PDF] = set_pdf,
};

static gboolean
page_op_func (YcStoreConn *conn,
              gpointer     data,
              GError     **error)
{
  PageOp *op = data;

  g_assert (op->kind < G_N_ELEMENTS (op_funcs));
  /* A failed operation is rolled back by the writer. */
  return _yc_store_begin (conn, error) &&
         op_funcs[op->kind] (conn, op, g_get_real_time (), error) &&
         _yc_store_commit (conn, error);
}

/* Checks what the database cannot say in a clerk's words, before the operation is queued. */
static gboolean
validate (PageOp  *op,
          GError **error)
{
  if (_yc_store_is_blank (op->actor))
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("Changes to scanned pages need the clerk’s name for the audit log."));
      return FALSE;
    }
  switch (op->kind)
    {
    case OP_ADD:
      if (_yc_store_is_blank (op->page->case_uuid) || !yc_sha256_is_valid (op->page->sha256) ||
          op->page->content_type == NULL)
        {
          g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                               _("The page has no case or no stored file, so it was not added."));
          return FALSE;
        }
      if (!rotation_is_valid (op->page->rotation))
        return set_invalid_rotation (op->page->rotation, error);
      return TRUE;
    case OP_ROTATE:
      return rotation_is_valid (op->value) || set_invalid_rotation (op->value, error);
    case OP_SET_PDF:
      if (_yc_store_is_blank (op->case_uuid) || !yc_sha256_is_valid (op->sha256))
        {
          g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                               _("The PDF has no case or no stored file, so it was not recorded."));
          return FALSE;
        }
      return TRUE;
    case OP_MOVE:
    case OP_MOVE_TO_MATERIAL:
    case OP_DELETE:
    default:
      return TRUE;
    }
}

static gboolean
run_sync (YcStore  *self,
          PageOp   *op,
          GError  **error)
{
  return validate (op, error) && _yc_store_write_sync (self, page_op_func, op, NULL, error);
}

static void
run_async (YcStore            *self,
           PageOp             *op,
           gpointer            source_tag,
           GCancellable       *cancellable,
           GAsyncReadyCallback callback,
           gpointer            user_data)
{
  g_autoptr(GTask) task = g_task_new (self, cancellable, callback, user_data);
  GError *error = NULL;

  g_task_set_source_tag (task, source_tag);
  if (!validate (op, &error))
    g_clear_pointer (&op, page_op_free);
  _yc_store_write_task (self, task, page_op_func, op, (GDestroyNotify) page_op_free, error);
}

gint64
yc_store_add_page (YcStore          *self,
                   const YcCasePage *page,
                   const char       *actor,
                   GError          **error)
{
  g_autoptr(PageOp) op = NULL;

  g_return_val_if_fail (YC_IS_STORE (self), 0);
  g_return_val_if_fail (page != NULL, 0);

  op = page_op_new (OP_ADD, actor);
  op->page = yc_case_page_copy (page);
  return run_sync (self, op, error) ? op->id : 0;
}

void
yc_store_add_page_async (YcStore            *self,
                         const YcCasePage   *page,
                         const char         *actor,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  PageOp *op;

  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (page != NULL);

  op = page_op_new (OP_ADD, actor);
  op->page = yc_case_page_copy (page);
  run_async (self, op, yc_store_add_page_async, cancellable, callback, user_data);
}

gint64
yc_store_add_page_finish (YcStore      *self,
                          GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_add_page_async, 0);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return 0;
  return ((PageOp *) g_task_get_task_data (G_TASK (result)))->id;
}

static PageOp *
id_op (OpKind      kind,
       gint64      id,
       guint       value,
       const char *actor)
{
  PageOp *op = page_op_new (kind, actor);

  op->id = id;
  op->value = value;
  return op;
}

static PageOp *
pdf_op (const char *case_uuid,
        guint       material,
        const char *sha256,
        guint       page_count,
        const char *actor)
{
  PageOp *op = page_op_new (OP_SET_PDF, actor);

  op->case_uuid = g_strdup (case_uuid);
  op->material = material;
  op->sha256 = g_strdup (sha256);
  op->value = page_count;
  return op;
}

/* The writes on one page by its id, sync and async. */
static gboolean
write_page (YcStore    *self,
            OpKind      kind,
            gint64      id,
            guint       value,
            const char *actor,
            GError    **error)
{
  g_autoptr(PageOp) op = id_op (kind, id, value, actor);

  return run_sync (self, op, error);
}

static void
write_page_async (YcStore            *self,
                  OpKind              kind,
                  gint64              id,
                  guint               value,
                  const char         *actor,
                  GCancellable       *cancellable,
                  GAsyncReadyCallback callback,
                  gpointer            user_data)
{
  run_async (self, id_op (kind, id, value, actor), yc_store_page_write_finish, cancellable,
             callback, user_data);
}

gboolean
yc_store_move_page (YcStore    *self,
                    gint64      id,
                    guint       new_order,
                    const char *actor,
                    GError    **error)
{
  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  return write_page (self, OP_MOVE, id, new_order, actor, error);
}

gboolean
yc_store_move_page_to_material (YcStore    *self,
                                gint64      id,
                                guint       material,
                                const char *actor,
                                GError    **error)
{
  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  return write_page (self, OP_MOVE_TO_MATERIAL, id, material, actor, error);
}

gboolean
yc_store_rotate_page (YcStore    *self,
                      gint64      id,
                      guint       rotation,
                      const char *actor,
                      GError    **error)
{
  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  return write_page (self, OP_ROTATE, id, rotation, actor, error);
}

gboolean
yc_store_delete_page (YcStore    *self,
                      gint64      id,
                      const char *actor,
                      GError    **error)
{
  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  return write_page (self, OP_DELETE, id, 0, actor, error);
}

gboolean
yc_store_set_material_pdf (YcStore    *self,
                           const char *case_uuid,
                           guint       material,
                           const char *sha256,
                           guint       page_count,
                           const char *actor,
                           GError    **error)
{
  g_autoptr(PageOp) op = pdf_op (case_uuid, material, sha256, page_count, actor);

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  return run_sync (self, op, error);
}

void
yc_store_move_page_async (YcStore            *self,
                          gint64              id,
                          guint               new_order,
                          const char         *actor,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  write_page_async (self, OP_MOVE, id, new_order, actor, cancellable, callback, user_data);
}

void
yc_store_move_page_to_material_async (YcStore            *self,
                                      gint64              id,
                                      guint               material,
                                      const char         *actor,
                                      GCancellable       *cancellable,
                                      GAsyncReadyCallback callback,
                                      gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  write_page_async (self, OP_MOVE_TO_MATERIAL, id, material, actor, cancellable, callback,
                    user_data);
}

void
yc_store_rotate_page_async (YcStore            *self,
                            gint64              id,
                            guint               rotation,
                            const char         *actor,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  write_page_async (self, OP_ROTATE, id, rotation, actor, cancellable, callback, user_data);
}

void
yc_store_delete_page_async (YcStore            *self,
                            gint64              id,
                            const char         *actor,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  write_page_async (self, OP_DELETE, id, 0, actor, cancellable, callback, user_data);
}

void
yc_store_set_material_pdf_async (YcStore            *self,
                                 const char         *case_uuid,
                                 guint               material,
                                 const char         *sha256,
                                 guint               page_count,
                                 const char         *actor,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  run_async (self, pdf_op (case_uuid, material, sha256, page_count, actor),
             yc_store_page_write_finish, cancellable, callback, user_data);
}

gboolean
yc_store_page_write_finish (YcStore      *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_page_write_finish,
                        FALSE);
  return g_task_propagate_boolean (G_TASK (result), error);
}
