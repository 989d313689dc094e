/* yc-store-queries.c: reading cases back: one case, the newest ones, the Cases page's filters and
 * search, and the audited reveal of an ID number. */
#define G_LOG_DOMAIN "yc-store"

#include <string.h>
#include <glib/gi18n.h>

#include "yc-store-counter.h"
#include "yc-store-case-record.h"

/* States whose case still runs against its promised deadline. */
#define RUNNING_STATES \
  "('accepted', 'tolerance_accepted', 'commitment_accepted', 'supplemented', 'in_review')"

/* Each filter is a WHERE clause over cases c, with these parameters: ?1 clerk, ?2 today (ISO), ?3
 * first day no longer yellow (ISO), ?4 and ?5 today's local bounds (µs), ?6 search text, ?7 its ID
 * key, ?8 its phone key, ?9 the limit. */
static const char *
filter_clause (YcCaseFilter filter)
{
  switch (filter)
    {
    case YC_CASE_FILTER_TODAY:
      return "c.decided_at >= ?4 AND c.decided_at < ?5";
    case YC_CASE_FILTER_MINE:
      return "c.clerk = ?1";
    case YC_CASE_FILTER_TOLERANCE_PENDING:
      return "c.state = 'tolerance_accepted'";
    case YC_CASE_FILTER_NEAR_DEADLINE:
      return "c.state IN " RUNNING_STATES
             " AND c.promised_deadline >= ?2 AND c.promised_deadline < ?3";
    case YC_CASE_FILTER_OVERDUE:
      return "(c.state IN " RUNNING_STATES " AND c.promised_deadline < ?2) OR c.state = 'overdue'";
    case YC_CASE_FILTER_AWAITING_APPROVAL:
      return "c.state = 'in_review'";
    case YC_CASE_FILTER_NOTICE_ISSUED:
      return "c.state = 'notice_issued'";
    case YC_CASE_FILTER_ALL:
    default:
      return "1";
    }
}

/* Names and case numbers match in part; ID numbers and phones only whole, through their keys, so
 * that typing part of an ID never lists whose it might be. */
#define SEARCH_CLAUSE \
  "(?6 IS NULL OR instr (upper (c.case_no), upper (?6)) > 0 " \
  " OR EXISTS (SELECT 1 FROM case_parties p WHERE p.case_uuid = c.uuid " \
  "            AND (instr (p.name, ?6) > 0 OR p.id_key = ?7 OR p.phone_key = ?8)))"

static char *
date_iso (const GDate *date)
{
  return yc_date_to_iso (date);
}

static gint64
local_midnight_usec (const GDate *date)
{
  g_autoptr(GDateTime) midnight = g_date_time_new_local (
    g_date_get_year (date), g_date_get_month (date), g_date_get_day (date), 0, 0, 0);

  return g_date_time_to_unix (midnight) * G_USEC_PER_SEC;
}

GPtrArray *
yc_store_query_cases (YcStore      *self,
                      YcCaseFilter  filter,
                      const char   *clerk,
                      const char   *search,
                      const GDate  *today,
                      YcCalendar   *calendar,
                      guint         yellow_days,
                      guint         limit,
                      GCancellable *cancellable,
                      GError      **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GDate) local_today = NULL;
  g_autoptr(GDate) tomorrow = NULL;
  g_autoptr(GDate) not_yellow = NULL;
  g_autofree char *sql = NULL;
  g_autofree char *today_iso = NULL;
  g_autofree char *not_yellow_iso = NULL;
  g_autofree char *text = NULL;
  g_autofree char *id_key = NULL;
  g_autofree char *phone_key = NULL;
  g_autoptr(YcStoreStmt) stmt = NULL;
  YcStoreConn *conn;
  gboolean ok = FALSE;
  int rc;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);
  g_return_val_if_fail (YC_IS_CALENDAR (calendar), NULL);

  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      local_today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                    g_date_time_get_year (now));
      today = local_today;
    }
  tomorrow = g_date_copy (today);
  g_date_add_days (tomorrow, 1);
  /* Yellow while at most @yellow_days working days are left: the deadline falls before the day on
   * which yellow_days + 1 of them would be (yc_calendar_working_days_between is monotonic). */
  not_yellow = yc_calendar_add_working_days (calendar, today, yellow_days + 1);
  today_iso = date_iso (today);
  not_yellow_iso = date_iso (not_yellow);

  if (search != NULL)
    {
      text = g_strstrip (g_strdup (search));
      if (*text == '\0')
        g_clear_pointer (&text, g_free);
    }
  if (text != NULL)
    {
      id_key = _yc_store_id_key (text);
      phone_key = _yc_store_phone_key (text);
    }

  sql = g_strdup_printf ("SELECT c.uuid FROM cases c WHERE (%s) AND " SEARCH_CLAUSE " "
                         "ORDER BY c.created_at DESC, c.rowid DESC LIMIT ?9",
                         filter_clause (filter));

  conn = _yc_store_acquire_reader (self, cancellable, error);
  if (conn == NULL)
    return NULL;

  /* The list and every case in it from one snapshot. */
  if (!_yc_store_exec (conn, "BEGIN", error))
    goto out;
  stmt = _yc_store_prepare (conn, sql, error);
  if (stmt == NULL)
    goto out;
  _yc_store_bind_text (stmt, 1, clerk);
  _yc_store_bind_text (stmt, 2, today_iso);
  _yc_store_bind_text (stmt, 3, not_yellow_iso);
  sqlite3_bind_int64 (stmt, 4, local_midnight_usec (today));
  sqlite3_bind_int64 (stmt, 5, local_midnight_usec (tomorrow));
  _yc_store_bind_text (stmt, 6, text);
  _yc_store_bind_text (stmt, 7, id_key);
  _yc_store_bind_text (stmt, 8, phone_key);
  sqlite3_bind_int64 (stmt, 9, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup (_yc_store_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    {
      _yc_store_set_error (conn, rc, error);
      goto out;
    }
  g_clear_pointer (&stmt, _yc_store_stmt_release);

  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(YcCaseRecord) record
        = _yc_store_read_case (conn, g_ptr_array_index (uuids, i), error);

      if (record == NULL)
        goto out;
      g_ptr_array_add (cases, _yc_case_record_to_case (record));
    }
  ok = TRUE;

out:
  g_clear_pointer (&stmt, _yc_store_stmt_release);
  _yc_store_release_reader (self, conn);
  return ok ? g_steal_pointer (&cases) : NULL;
}

typedef struct {
  YcCaseFilter filter;
  char        *clerk;
  char        *search;
  GDate        today;
  YcCalendar  *calendar;
  guint        yellow_days;
  guint        limit;
} QueryData;

static void
query_data_free (QueryData *data)
{
  g_free (data->clerk);
  g_free (data->search);
  g_clear_object (&data->calendar);
  g_free (data);
}

static void
query_cases_thread (GTask        *task,
                    gpointer      source_object,
                    gpointer      task_data,
                    GCancellable *cancellable)
{
  QueryData *data = task_data;
  GError *error = NULL;
  GPtrArray *cases;

  cases
    = yc_store_query_cases (source_object, data->filter, data->clerk, data->search, &data->today,
                            data->calendar, data->yellow_days, data->limit, cancellable, &error);
  /* YcCase objects made on this worker have no signal handlers. */
  _yc_store_return_model (task, YC_TYPE_CASE, cases, error);
}

void
yc_store_query_cases_async (YcStore            *self,
                            YcCaseFilter        filter,
                            const char         *clerk,
                            const char         *search,
                            const GDate        *today,
                            YcCalendar         *calendar,
                            guint               yellow_days,
                            guint               limit,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  QueryData *data;

  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (YC_IS_CALENDAR (calendar));

  data = g_new0 (QueryData, 1);
  data->filter = filter;
  data->clerk = g_strdup (clerk);
  data->search = g_strdup (search);
  if (today != NULL)
    data->today = *today;
  else
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      /* Today as the caller sees it when asking, not when a worker gets to it. */
      g_date_clear (&data->today, 1);
      g_date_set_dmy (&data->today, g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                      g_date_time_get_year (now));
    }
  data->calendar = g_object_ref (calendar);
  data->yellow_days = yellow_days;
  data->limit = limit;

  _yc_store_run_in_thread (self, yc_store_query_cases_async, data, (GDestroyNotify) query_data_free,
                           query_cases_thread, cancellable, callback, user_data);
}

GListModel *
yc_store_query_cases_finish (YcStore      *self,
                             GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_query_cases_async,
                        NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

/* --- revealing an ID number --- */

typedef struct {
  char *uuid;
  char *role;
  char *actor;
  char *id_number;   /* the result */
} RevealData;

static void
reveal_data_free (RevealData *data)
{
  g_free (data->uuid);
  g_free (data->role);
  g_free (data->actor);
  if (data->id_number != NULL)
    memset (data->id_number, 0, strlen (data->id_number));
  g_free (data->id_number);
  g_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (RevealData, reveal_data_free)

static gboolean
reveal_func (YcStoreConn *conn,
             gpointer     user_data,
             GError     **error)
{
  RevealData *data = user_data;
  g_autoptr(YcStoreStmt) stmt = NULL;
  int rc;

  if (!_yc_store_begin (conn, error))
    return FALSE;
  stmt = _yc_store_prepare (conn,
                            "SELECT id_number FROM case_parties WHERE case_uuid = ?1 AND role = ?2",
                            error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, data->uuid);
  _yc_store_bind_text (stmt, 2, data->role);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW && _yc_store_column_text (stmt, 0) != NULL)
    data->id_number = g_strdup (_yc_store_column_text (stmt, 0));
  else if (rc == SQLITE_ROW || rc == SQLITE_DONE)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND,
                   g_str_equal (data->role, "agent")
                   ? _("This case has no agent ID number to show.")
                   : _("This case has no applicant ID number to show."));
      return FALSE;
    }
  else
    return _yc_store_set_error (conn, rc, error);
  g_clear_pointer (&stmt, _yc_store_stmt_release);

  /* Who saw whose number, and when; the number itself stays out of the log. */
  return _yc_store_insert_audit (conn, g_get_real_time (), data->actor, "id.revealed", data->uuid,
                                 data->role, error) &&
         _yc_store_commit (conn, error);
}

static RevealData *
reveal_data_new (const char *uuid,
                 const char *role,
                 const char *actor,
                 GError    **error)
{
  RevealData *data;

  if (g_strcmp0 (role, "applicant") != 0 && g_strcmp0 (role, "agent") != 0)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                   "“%s” is not a party of a case (applicant or agent)", role ? role : "");
      return NULL;
    }
  if (_yc_store_is_blank (actor))
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("No clerk is logged in at this window. Log in to see ID numbers."));
      return NULL;
    }
  data = g_new0 (RevealData, 1);
  data->uuid = g_strdup (uuid);
  data->role = g_strdup (role);
  data->actor = g_strdup (actor);
  return data;
}

char *
yc_store_reveal_id (YcStore    *self,
                    const char *case_uuid,
                    const char *role,
                    const char *actor,
                    GError    **error)
{
  g_autoptr(RevealData) data = NULL;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  data = reveal_data_new (case_uuid, role, actor, error);
  if (data == NULL || !_yc_store_write_sync (self, reveal_func, data, NULL, error))
    return NULL;
  return g_steal_pointer (&data->id_number);
}

void
yc_store_reveal_id_async (YcStore            *self,
                          const char         *case_uuid,
                          const char         *role,
                          const char         *actor,
                          GCancellable       *cancellable,
                          GAsyncReadyCallback callback,
                          gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  RevealData *data;

  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_reveal_id_async);
  data = reveal_data_new (case_uuid, role, actor, &error);
  _yc_store_write_task (self, task, reveal_func, data, (GDestroyNotify) reveal_data_free, error);
}

char *
yc_store_reveal_id_finish (YcStore      *self,
                           GAsyncResult *result,
                           GError      **error)
{
  RevealData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_reveal_id_async, NULL);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return NULL;
  data = g_task_get_task_data (G_TASK (result));
  return g_steal_pointer (&data->id_number);
}

/* --- single cases and the newest ones --- */

YcCase *
yc_store_get_case (YcStore    *self,
                   const char *uuid,
                   GError    **error)
{
  g_autoptr(YcCaseRecord) record = NULL;
  YcStoreConn *conn;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);
  g_return_val_if_fail (uuid != NULL, NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;
  /* The case, its parties and its checklist from one snapshot. */
  if (_yc_store_exec (conn, "BEGIN", error))
    record = _yc_store_read_case (conn, uuid, error);
  _yc_store_release_reader (self, conn);

  return record ? _yc_case_record_to_case (record) : NULL;
}

GPtrArray *
yc_store_list_cases (YcStore *self,
                     guint    limit,
                     GError **error)
{
  g_autoptr(GPtrArray) cases = g_ptr_array_new_with_free_func (g_object_unref);
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  YcStoreConn *conn;
  gboolean ok = FALSE;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;

  if (_yc_store_exec (conn, "BEGIN", error))
    {
      g_autoptr(YcStoreStmt) stmt = NULL;
      int rc = SQLITE_DONE;

      stmt = _yc_store_prepare (conn,
                                "SELECT uuid FROM cases ORDER BY created_at DESC, rowid DESC "
                                "LIMIT ?1",
                                error);
      if (stmt != NULL)
        {
          sqlite3_bind_int64 (stmt, 1, limit);
          while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
            g_ptr_array_add (uuids, g_strdup (_yc_store_column_text (stmt, 0)));
          ok = rc == SQLITE_DONE || _yc_store_set_error (conn, rc, error);
        }

      for (guint i = 0; ok && i < uuids->len; i++)
        {
          const char *uuid = g_ptr_array_index (uuids, i);
          g_autoptr(YcCaseRecord) record = _yc_store_read_case (conn, uuid, error);

          if (record == NULL)
            ok = FALSE;
          else
            g_ptr_array_add (cases, _yc_case_record_to_case (record));
        }
    }

  _yc_store_release_reader (self, conn);
  return ok ? g_steal_pointer (&cases) : NULL;
}

static void
get_case_thread (GTask        *task,
                 gpointer      source_object,
                 gpointer      task_data,
                 GCancellable *cancellable)
{
  GError *error = NULL;
  YcCase *kase = yc_store_get_case (source_object, task_data, &error);

  _yc_store_return_pointer (task, kase, g_object_unref, error);
}

void
yc_store_get_case_async (YcStore            *self,
                         const char         *uuid,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (uuid != NULL);

  _yc_store_run_in_thread (self, yc_store_get_case_async, g_strdup (uuid), g_free, get_case_thread,
                           cancellable, callback, user_data);
}

YcCase *
yc_store_get_case_finish (YcStore      *self,
                          GAsyncResult *result,
                          GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_get_case_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}

static void
list_cases_thread (GTask        *task,
                   gpointer      source_object,
                   gpointer      task_data,
                   GCancellable *cancellable)
{
  GError *error = NULL;
  GPtrArray *cases = yc_store_list_cases (source_object, GPOINTER_TO_UINT (task_data), &error);

  _yc_store_return_model (task, YC_TYPE_CASE, cases, error);
}

void
yc_store_list_cases_async (YcStore            *self,
                           guint               limit,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_return_if_fail (YC_IS_STORE (self));

  _yc_store_run_in_thread (self, yc_store_list_cases_async, GUINT_TO_POINTER (limit), NULL,
                           list_cases_thread, cancellable, callback, user_data);
}

GListModel *
yc_store_list_cases_finish (YcStore      *self,
                            GAsyncResult *result,
                            GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_list_cases_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
