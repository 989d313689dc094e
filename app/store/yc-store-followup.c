/* yc-store-followup.c: after the counter: later events on a case, receiving tolerated materials,
 * marking overdue supplements. */
#define G_LOG_DOMAIN "yc-store"

#include <glib/gi18n.h>

#include "yc-store-counter.h"
#include "yc-store-case-record.h"
#include "yc-case-state.h"

/* --- later events: one transition with its reason, audited and sent --- */

typedef struct {
  char        *uuid;
  YcCaseEvent  event;
  char        *reason;
  char        *actor;
  YcCaseState  new_state;
} EventData;

static void
event_data_free (EventData *data)
{
  g_free (data->uuid);
  g_free (data->reason);
  g_free (data->actor);
  g_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (EventData, event_data_free)

static gboolean
apply_event_func (YcStoreConn *conn,
                  gpointer     user_data,
                  GError     **error)
{
  EventData *data = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(YcStoreStmt) select = NULL;
  g_autoptr(YcStoreStmt) update = NULL;
  g_autofree char *action = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *payload = NULL;
  YcCaseState from, to;
  gint64 at = _yc_store_to_usec (now);
  int rc;

  if (!_yc_store_begin (conn, error))
    return FALSE;

  select = _yc_store_prepare (conn, "SELECT state FROM cases WHERE uuid = ?1", error);
  if (select == NULL)
    return FALSE;
  _yc_store_bind_text (select, 1, data->uuid);
  rc = sqlite3_step (select);
  if (rc == SQLITE_DONE)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND,
                   _("The case %s is not stored on this workstation."), data->uuid);
      return FALSE;
    }
  if (rc != SQLITE_ROW)
    return _yc_store_set_error (conn, rc, error);
  if (!yc_case_state_from_string (_yc_store_column_text (select, 0), &from))
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_CORRUPT,
                   _("The case %s has an unknown state “%s”. Update Yichuang on this workstation."),
                   data->uuid, _yc_store_column_text (select, 0));
      return FALSE;
    }
  sqlite3_reset (select);

  if (!yc_case_state_transition (from, data->event, &to, error))
    return FALSE;

  update = _yc_store_prepare (conn,
                              "UPDATE cases SET state = ?2, reason = coalesce (?3, reason), "
                              "  version = version + 1, updated_at = ?4 "
                              "WHERE uuid = ?1",
                              error);
  if (update == NULL)
    return FALSE;
  _yc_store_bind_text (update, 1, data->uuid);
  _yc_store_bind_text (update, 2, yc_case_state_to_string (to));
  _yc_store_bind_text (update, 3, data->reason);
  sqlite3_bind_int64 (update, 4, at);
  if (!_yc_store_step_done (conn, update, error))
    return FALSE;

  action = g_strconcat ("case.", yc_case_event_to_string (data->event), NULL);
  detail = g_strdup_printf ("%s → %s%s%s", yc_case_state_to_string (from),
                            yc_case_state_to_string (to), data->reason ? ": " : "",
                            data->reason ? data->reason : "");
  payload = _yc_store_event_to_json (data->uuid, data->event, from, to, data->reason, data->actor,
                                     now);

  if (!_yc_store_insert_audit (conn, at, data->actor, action, data->uuid, detail, error) ||
      !_yc_store_insert_outbox (conn, at, "case.event", data->uuid, payload, error) ||
      !_yc_store_commit (conn, error))
    return FALSE;

  data->new_state = to;
  return TRUE;
}

static EventData *
event_data_new (const char  *uuid,
                YcCaseEvent  event,
                const char  *reason,
                const char  *actor,
                GError     **error)
{
  EventData *data;

  if (yc_case_event_needs_reason (event) && _yc_store_is_blank (reason))
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("Enter the reason for this change: it is kept with the case."));
      return NULL;
    }
  if (_yc_store_is_blank (actor))
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("No clerk is logged in at this window. Log in before changing "
                             "cases."));
      return NULL;
    }

  data = g_new0 (EventData, 1);
  data->uuid = g_strdup (uuid);
  data->event = event;
  data->reason = _yc_store_is_blank (reason) ? NULL : g_strdup (reason);
  data->actor = g_strdup (actor);
  return data;
}

gboolean
yc_store_apply_case_event (YcStore     *self,
                           const char  *uuid,
                           YcCaseEvent  event,
                           const char  *reason,
                           const char  *actor,
                           YcCaseState *new_state,
                           GError     **error)
{
  g_autoptr(EventData) data = NULL;

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (uuid != NULL, FALSE);

  data = event_data_new (uuid, event, reason, actor, error);
  if (data == NULL || !_yc_store_write_sync (self, apply_event_func, data, NULL, error))
    return FALSE;

  if (new_state != NULL)
    *new_state = data->new_state;
  return TRUE;
}

void
yc_store_apply_case_event_async (YcStore            *self,
                                 const char         *uuid,
                                 YcCaseEvent         event,
                                 const char         *reason,
                                 const char         *actor,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  EventData *data;

  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (uuid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_apply_case_event_async);

  data = event_data_new (uuid, event, reason, actor, &error);
  _yc_store_write_task (self, task, apply_event_func, data, (GDestroyNotify) event_data_free,
                        error);
}

gboolean
yc_store_apply_case_event_finish (YcStore      *self,
                                  GAsyncResult *result,
                                  YcCaseState  *new_state,
                                  GError      **error)
{
  EventData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        yc_store_apply_case_event_async, FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  if (new_state != NULL)
    *new_state = data->new_state;
  return TRUE;
}

/* --- supplements --- */

/*
 * The supplement path, as the state machine (yc-case-state.c) reads the issue: a tolerance-accepted
 * case receives its missing materials, possibly over several visits. Each visit updates the lines
 * received and sends the case again ("case.put"); the case stays tolerance_accepted while anything
 * is still missing. The visit that completes it applies "supplement" (→ supplemented) and, in the
 * same transaction, "start_review" (→ in_review): from then on it is handled exactly like a case
 * accepted with everything, which is what 容缺受理 promises. A case whose deadline passed first is
 * marked overdue instead (yc_store_mark_overdue_cases) and can then only be terminated or voided.
 */

static gboolean
update_state (YcStoreConn  *conn,
              YcCaseRecord *record,
              gint64        now,
              GError      **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;

  stmt = _yc_store_prepare (
    conn, "UPDATE cases SET state = ?2, version = ?3, updated_at = ?4 WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, record->uuid);
  _yc_store_bind_text (stmt, 2, yc_case_state_to_string (record->state));
  sqlite3_bind_int64 (stmt, 3, record->version);
  sqlite3_bind_int64 (stmt, 4, now);
  return _yc_store_step_done (conn, stmt, error);
}

/* One state change of @record by @event: the row, an audit entry "case.<event>" and a "case.event"
 * in the outbox. */
static gboolean
apply_event (YcStoreConn  *conn,
             YcCaseRecord *record,
             YcCaseEvent   event,
             const char   *actor,
             const char   *detail,
             GDateTime    *now,
             GError      **error)
{
  g_autofree char *action = g_strconcat ("case.", yc_case_event_to_string (event), NULL);
  g_autofree char *full_detail = NULL;
  g_autofree char *payload = NULL;
  gint64 at = _yc_store_to_usec (now);
  YcCaseState from = record->state;
  YcCaseState to;

  if (!yc_case_state_transition (from, event, &to, error))
    return FALSE;
  record->state = to;
  record->version++;
  full_detail
    = g_strdup_printf ("%s → %s%s%s", yc_case_state_to_string (from), yc_case_state_to_string (to),
                       detail ? ": " : "", detail ? detail : "");
  payload = _yc_store_event_to_json (record->uuid, event, from, to, NULL, actor, now);

  return update_state (conn, record, at, error) &&
         _yc_store_insert_audit (conn, at, actor, action, record->uuid, full_detail, error) &&
         _yc_store_insert_outbox (conn, at, "case.event", record->uuid, payload, error);
}

/* --- supplement --- */

typedef struct {
  char           *spec_code;
  YcMaterialState state;
  char           *note;
  char           *attachment;
} Line;

typedef struct {
  char        *uuid;
  char        *actor;
  GArray      *lines;   /* Line */
  YcCaseState  new_state;
} SupplementData;

static void
line_clear (Line *line)
{
  g_free (line->spec_code);
  g_free (line->note);
  g_free (line->attachment);
}

static void
supplement_data_free (SupplementData *data)
{
  g_free (data->uuid);
  g_free (data->actor);
  g_clear_pointer (&data->lines, g_array_unref);
  g_free (data);
}
G_DEFINE_AUTOPTR_CLEANUP_FUNC (SupplementData, supplement_data_free)

static gboolean
provides (YcMaterialState state,
          const char     *note)
{
  switch (state)
    {
    case YC_MATERIAL_STATE_ORIGINAL_CHECKED:
    case YC_MATERIAL_STATE_COPY_RECEIVED:
    case YC_MATERIAL_STATE_SCANNED:
    case YC_MATERIAL_STATE_LICENCE:
      return TRUE;
    case YC_MATERIAL_STATE_NOT_APPLICABLE:
      return !_yc_store_is_blank (note);
    default:
      return FALSE;
    }
}

static char *
join_names (GPtrArray *names)
{
  g_ptr_array_add (names, NULL);
  /* Translators: separator between material names in a list; Chinese uses "、" */
  return g_strjoinv (C_("list separator", ", "), (char **) names->pdata);
}

static gboolean
supplement_func (YcStoreConn *conn,
                 gpointer     user_data,
                 GError     **error)
{
  SupplementData *data = user_data;
  g_autoptr(YcCaseRecord) record = NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) received = g_ptr_array_new ();
  g_autoptr(GPtrArray) missing = g_ptr_array_new ();
  g_autofree char *received_text = NULL;
  g_autofree char *payload = NULL;
  gint64 at = _yc_store_to_usec (now);

  if (!_yc_store_begin (conn, error))
    return FALSE;
  record = _yc_store_read_case (conn, data->uuid, error);
  if (record == NULL)
    return FALSE;
  /* Only a tolerance-accepted case waits for materials; the state machine words the refusal. */
  if (record->state != YC_CASE_STATE_TOLERANCE_ACCEPTED &&
      !yc_case_state_transition (record->state, YC_CASE_EVENT_SUPPLEMENT, NULL, error))
    return FALSE;

  for (guint i = 0; i < data->lines->len; i++)
    {
      Line *line = &g_array_index (data->lines, Line, i);
      YcMaterialRecord *m = NULL;
      g_autoptr(YcStoreStmt) stmt = NULL;

      for (guint j = 0; j < record->materials->len && m == NULL; j++)
        {
          YcMaterialRecord *candidate = &g_array_index (record->materials, YcMaterialRecord, j);

          if (g_strcmp0 (candidate->spec_code, line->spec_code) == 0 &&
              candidate->state == YC_MATERIAL_STATE_TOLERATED)
            m = candidate;
        }
      if (m == NULL)
        {
          g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                       _("The material %s of this case is not waiting for a supplement."),
                       line->spec_code);
          return FALSE;
        }
      if (!provides (line->state, line->note))
        {
          g_set_error (
            error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
            _("“%s” is not received yet: check the original, take a copy, scan it, fetch the "
               "e-licence, or give the reason it is not applicable."),
            m->name);
          return FALSE;
        }

      m->state = line->state;
      if (line->note != NULL)
        {
          g_free (m->note);
          m->note = g_strdup (line->note);
        }
      if (line->attachment != NULL)
        {
          g_free (m->attachment);
          m->attachment = g_strdup (line->attachment);
        }
      g_ptr_array_add (received, m->name);

      stmt = _yc_store_prepare (conn,
                                "UPDATE case_materials SET state = ?3, note = ?4, attachment = ?5 "
                                "WHERE case_uuid = ?1 AND position = ?2", error);
      if (stmt == NULL)
        return FALSE;
      _yc_store_bind_text (stmt, 1, record->uuid);
      sqlite3_bind_int (stmt, 2, m->position);
      _yc_store_bind_text (stmt, 3, yc_material_state_to_string (m->state));
      _yc_store_bind_text (stmt, 4, m->note);
      _yc_store_bind_text (stmt, 5, m->attachment);
      if (!_yc_store_step_done (conn, stmt, error))
        return FALSE;
    }

  for (guint j = 0; j < record->materials->len; j++)
    {
      YcMaterialRecord *m = &g_array_index (record->materials, YcMaterialRecord, j);

      if (m->state == YC_MATERIAL_STATE_TOLERATED)
        g_ptr_array_add (missing, m->name);
    }

  received_text = join_names (received);
  if (missing->len == 0)
    {
      if (!apply_event (conn, record, YC_CASE_EVENT_SUPPLEMENT, data->actor, received_text, now,
                        error)
          || !apply_event (conn, record, YC_CASE_EVENT_START_REVIEW, data->actor, NULL, now, error))
        return FALSE;
    }
  else
    {
      g_autofree char *missing_text = join_names (missing);
      g_autofree char *detail
        = g_strdup_printf ("%s; still missing: %s", received_text, missing_text);

      record->version++;
      if (!update_state (conn, record, at, error)
          || !_yc_store_insert_audit (conn, at, data->actor, "case.supplement.partial",
                                      record->uuid, detail, error))
        return FALSE;
    }

  /* The platform gets the checklist as it now is, whatever the state. */
  payload = _yc_case_record_to_json (record);
  if (!_yc_store_insert_outbox (conn, at, "case.put", record->uuid, payload, error) ||
      !_yc_store_commit (conn, error))
    return FALSE;

  data->new_state = record->state;
  return TRUE;
}

static SupplementData *
supplement_data_new (const char         *uuid,
                     const YcSupplement *lines,
                     guint               n_lines,
                     const char         *actor,
                     GError            **error)
{
  SupplementData *data;

  if (n_lines == 0)
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("Choose the materials the applicant brought."));
      return NULL;
    }
  if (_yc_store_is_blank (actor))
    {
      g_set_error_literal (
        error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
        _("No clerk is logged in at this window. Log in before changing cases."));
      return NULL;
    }

  data = g_new0 (SupplementData, 1);
  data->uuid = g_strdup (uuid);
  data->actor = g_strdup (actor);
  data->lines = g_array_sized_new (FALSE, TRUE, sizeof (Line), n_lines);
  g_array_set_clear_func (data->lines, (GDestroyNotify) line_clear);
  for (guint i = 0; i < n_lines; i++)
    {
      Line line = {
        .spec_code = g_strdup (lines[i].spec_code),
        .state = lines[i].state,
        .note = g_strdup (lines[i].note),
        .attachment = g_strdup (lines[i].attachment),
      };

      g_array_append_val (data->lines, line);
    }
  return data;
}

gboolean
yc_store_supplement_case (YcStore            *self,
                          const char         *case_uuid,
                          const YcSupplement *lines,
                          guint               n_lines,
                          const char         *actor,
                          YcCaseState        *new_state,
                          GError            **error)
{
  g_autoptr(SupplementData) data = NULL;

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (case_uuid != NULL, FALSE);

  data = supplement_data_new (case_uuid, lines, n_lines, actor, error);
  if (data == NULL || !_yc_store_write_sync (self, supplement_func, data, NULL, error))
    return FALSE;
  if (new_state != NULL)
    *new_state = data->new_state;
  return TRUE;
}

void
yc_store_supplement_case_async (YcStore            *self,
                                const char         *case_uuid,
                                const YcSupplement *lines,
                                guint               n_lines,
                                const char         *actor,
                                GCancellable       *cancellable,
                                GAsyncReadyCallback callback,
                                gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  SupplementData *data;

  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (case_uuid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_supplement_case_async);
  data = supplement_data_new (case_uuid, lines, n_lines, actor, &error);
  _yc_store_write_task (self, task, supplement_func, data,
                        (GDestroyNotify) supplement_data_free, error);
}

gboolean
yc_store_supplement_case_finish (YcStore      *self,
                                 GAsyncResult *result,
                                 YcCaseState  *new_state,
                                 GError      **error)
{
  SupplementData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_supplement_case_async,
                        FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;
  data = g_task_get_task_data (G_TASK (result));
  if (new_state != NULL)
    *new_state = data->new_state;
  return TRUE;
}

/* --- overdue supplements --- */

typedef struct {
  char *today;   /* ISO */
  char *actor;
  int   count;
} OverdueData;

static gboolean
mark_overdue_func (YcStoreConn *conn,
                   gpointer     user_data,
                   GError     **error)
{
  OverdueData *data = user_data;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autoptr(GPtrArray) uuids = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(YcStoreStmt) stmt = NULL;
  int rc;

  if (!_yc_store_begin (conn, error))
    return FALSE;

  /* ISO dates compare as text. */
  stmt = _yc_store_prepare (
    conn,
    "SELECT DISTINCT c.uuid FROM cases c JOIN case_materials m ON m.case_uuid = c.uuid "
    "WHERE c.state = 'tolerance_accepted' AND m.state = 'tolerated' "
    "  AND m.supplement_deadline < ?1 ORDER BY c.created_at",
    error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, data->today);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (uuids, g_strdup (_yc_store_column_text (stmt, 0)));
  if (rc != SQLITE_DONE)
    return _yc_store_set_error (conn, rc, error);
  g_clear_pointer (&stmt, _yc_store_stmt_release);

  for (guint i = 0; i < uuids->len; i++)
    {
      g_autoptr(YcCaseRecord) record
        = _yc_store_read_case (conn, g_ptr_array_index (uuids, i), error);
      g_autoptr(GPtrArray) late = g_ptr_array_new ();
      g_autofree char *detail = NULL;

      if (record == NULL)
        return FALSE;
      for (guint j = 0; j < record->materials->len; j++)
        {
          YcMaterialRecord *m = &g_array_index (record->materials, YcMaterialRecord, j);

          if (m->state == YC_MATERIAL_STATE_TOLERATED
              && g_strcmp0 (m->supplement_deadline, data->today) < 0)
            g_ptr_array_add (late, m->name);
        }
      detail = join_names (late);
      if (!apply_event (conn, record, YC_CASE_EVENT_MARK_OVERDUE, data->actor, detail, now, error))
        return FALSE;
    }

  if (!_yc_store_commit (conn, error))
    return FALSE;
  data->count = (int) uuids->len;
  return TRUE;
}

static void
overdue_data_free (OverdueData *data)
{
  g_free (data->today);
  g_free (data->actor);
  g_free (data);
}

/* Checks the actor and fixes the day on the caller's thread (so "today" is the caller's local date
 * when it asked, not when the writer got to it); NULL with @error set if there is no actor. */
static OverdueData *
overdue_data_new (const GDate *today,
                  const char  *actor,
                  GError     **error)
{
  OverdueData *data;
  g_autoptr(GDate) local_today = NULL;

  if (_yc_store_is_blank (actor))
    {
      g_set_error_literal (
        error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
        _("No clerk is logged in at this window. Log in before changing cases."));
      return NULL;
    }
  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      local_today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                    g_date_time_get_year (now));
      today = local_today;
    }

  data = g_new0 (OverdueData, 1);
  data->today = yc_date_to_iso (today);
  data->actor = g_strdup (actor);
  return data;
}

int
yc_store_mark_overdue_cases (YcStore     *self,
                             const GDate *today,
                             const char  *actor,
                             GError     **error)
{
  OverdueData *data;
  gboolean ok;
  int count;

  g_return_val_if_fail (YC_IS_STORE (self), -1);

  data = overdue_data_new (today, actor, error);
  if (data == NULL)
    return -1;
  ok = _yc_store_write_sync (self, mark_overdue_func, data, NULL, error);
  count = data->count;
  overdue_data_free (data);
  return ok ? count : -1;
}

void
yc_store_mark_overdue_cases_async (YcStore            *self,
                                   const GDate        *today,
                                   const char         *actor,
                                   GCancellable       *cancellable,
                                   GAsyncReadyCallback callback,
                                   gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  OverdueData *data;

  g_return_if_fail (YC_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_mark_overdue_cases_async);
  data = overdue_data_new (today, actor, &error);
  _yc_store_write_task (self, task, mark_overdue_func, data, (GDestroyNotify) overdue_data_free,
                        error);
}

int
yc_store_mark_overdue_cases_finish (YcStore      *self,
                                    GAsyncResult *result,
                                    GError      **error)
{
  OverdueData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), -1);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_mark_overdue_cases_async,
                        -1);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return -1;
  data = g_task_get_task_data (G_TASK (result));
  return data->count;
}
