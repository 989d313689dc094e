/* yc-store-cases.c: the case repository's writes: deciding a draft (number, case, audit and outbox
 * in one transaction) and later events. Reading cases back is in yc-store-queries.c. */
#define G_LOG_DOMAIN "yc-store"

#include <glib/gi18n.h>

#include "yc-store-case-record.h"
#include "yc-case-number.h"
#include "yc-case-state.h"
#include "yc-decision.h"

/* --- writing --- */

static gboolean
insert_party (YcStoreConn *conn,
              const char  *case_uuid,
              const char  *role,
              YcPartyRecord *party,
              GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  g_autofree char *id_key = NULL;
  g_autofree char *phone_key = NULL;

  if (party == NULL)
    return TRUE;

  /* fields[1] is the ID number, fields[2] the phone (_yc_party_fields). */
  id_key = _yc_store_id_key (party->fields[1]);
  phone_key = _yc_store_phone_key (party->fields[2]);
  stmt = _yc_store_prepare (conn,
    "INSERT INTO case_parties (case_uuid, role, kind, name, id_number, phone, address, "
    "  legal_representative, contact, relation, authorisation, id_key, phone_key) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, case_uuid);
  _yc_store_bind_text (stmt, 2, role);
  _yc_store_bind_text (stmt, 3, party->kind == YC_PARTY_ORGANISATION ? "organisation" : "person");
  for (guint i = 0; i < YC_N_PARTY_FIELDS; i++)
    _yc_store_bind_text (stmt, 4 + i, party->fields[i]);
  _yc_store_bind_text (stmt, 12, id_key);
  _yc_store_bind_text (stmt, 13, phone_key);
  return _yc_store_step_done (conn, stmt, error);
}

/* Hands out the next number of the window's day. Runs inside the caller's transaction: if that
 * rolls back, the number was never issued; once it commits, the sequence never goes back (a trigger
 * refuses it). */
static gboolean
next_case_number (YcStoreConn *conn,
                  const char  *window_code,
                  GDateTime   *at,
                  char       **case_no,
                  GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  g_autofree char *day = g_date_time_format (at, "%Y%m%d");
  int rc;

  stmt = _yc_store_prepare (conn,
                            "INSERT INTO case_number_sequences (window_code, day, last_seq) "
                            "VALUES (?1, ?2, 1) "
                            "ON CONFLICT (window_code, day) DO UPDATE SET last_seq = last_seq + 1 "
                            "RETURNING last_seq",
                            error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, window_code);
  _yc_store_bind_text (stmt, 2, day);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    return _yc_store_set_error (conn, rc, error);

  *case_no = yc_case_number_format (window_code, at, (guint) sqlite3_column_int64 (stmt, 0), error);
  return *case_no != NULL;
}

static gboolean
insert_case (YcStoreConn *conn,
             YcCaseRecord  *record,
             gint64       now,
             GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;

  g_autoptr(YcStoreStmt) clear_parties = NULL;
  g_autoptr(YcStoreStmt) clear_materials = NULL;

  /* A reopened case (one-time notice, then the applicant came back) is decided again: its row is
   * updated in place, keeping its creation time, and its parties and checklist are replaced. The
   * caller has checked that such a row is a draft. */
  stmt = _yc_store_prepare (conn,
    "INSERT INTO cases (uuid, case_no, query_password, item_code, item_name, department, state, "
    "  window_code, clerk, created_at, decided_at, legal_deadline, promised_deadline, reason, "
    "  version, updated_at, applicant_flags, legal_basis, refer_department) "
    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19) "
    "ON CONFLICT (uuid) DO UPDATE SET case_no = excluded.case_no, item_code = excluded.item_code, "
    "  item_name = excluded.item_name, department = excluded.department, state = excluded.state, "
    "  window_code = excluded.window_code, clerk = excluded.clerk, "
    "  decided_at = excluded.decided_at, "
    "  legal_deadline = excluded.legal_deadline, promised_deadline = excluded.promised_deadline, "
    "  reason = excluded.reason, version = cases.version + 1, updated_at = excluded.updated_at, "
    "  applicant_flags = excluded.applicant_flags, legal_basis = excluded.legal_basis, "
    "  refer_department = excluded.refer_department", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, record->uuid);
  _yc_store_bind_text (stmt, 2, record->case_no);
  _yc_store_bind_text (stmt, 3, record->query_password);
  _yc_store_bind_text (stmt, 4, record->item_code);
  _yc_store_bind_text (stmt, 5, record->item_name);
  _yc_store_bind_text (stmt, 6, record->department);
  _yc_store_bind_text (stmt, 7, yc_case_state_to_string (record->state));
  _yc_store_bind_text (stmt, 8, record->window_code);
  _yc_store_bind_text (stmt, 9, record->clerk);
  sqlite3_bind_int64 (stmt, 10, record->created_at);
  sqlite3_bind_int64 (stmt, 11, record->decided_at);
  _yc_store_bind_text (stmt, 12, record->legal_deadline);
  _yc_store_bind_text (stmt, 13, record->promised_deadline);
  _yc_store_bind_text (stmt, 14, record->reason);
  sqlite3_bind_int64 (stmt, 15, record->version);
  sqlite3_bind_int64 (stmt, 16, now);
  sqlite3_bind_int64 (stmt, 17, record->applicant_flags);
  _yc_store_bind_text (stmt, 18, record->legal_basis);
  _yc_store_bind_text (stmt, 19, record->refer_department);
  if (!_yc_store_step_done (conn, stmt, error))
    return FALSE;

  clear_parties = _yc_store_prepare (conn, "DELETE FROM case_parties WHERE case_uuid = ?1", error);
  if (clear_parties == NULL)
    return FALSE;
  _yc_store_bind_text (clear_parties, 1, record->uuid);
  clear_materials = _yc_store_prepare (conn, "DELETE FROM case_materials WHERE case_uuid = ?1",
                                       error);
  if (clear_materials == NULL)
    return FALSE;
  _yc_store_bind_text (clear_materials, 1, record->uuid);
  if (!_yc_store_step_done (conn, clear_parties, error) ||
      !_yc_store_step_done (conn, clear_materials, error))
    return FALSE;

  if (!insert_party (conn, record->uuid, "applicant", record->applicant, error) ||
      !insert_party (conn, record->uuid, "agent", record->agent, error))
    return FALSE;

  for (guint i = 0; i < record->materials->len; i++)
    {
      YcMaterialRecord *m = &g_array_index (record->materials, YcMaterialRecord, i);
      g_autoptr(YcStoreStmt) insert = NULL;

      insert = _yc_store_prepare (conn,
        "INSERT INTO case_materials (case_uuid, position, spec_code, name, state, originals, "
        "  copies, note, supplement_deadline, attachment) "
        "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        error);
      if (insert == NULL)
        return FALSE;
      _yc_store_bind_text (insert, 1, record->uuid);
      sqlite3_bind_int (insert, 2, m->position);
      _yc_store_bind_text (insert, 3, m->spec_code);
      _yc_store_bind_text (insert, 4, m->name);
      _yc_store_bind_text (insert, 5, yc_material_state_to_string (m->state));
      sqlite3_bind_int (insert, 6, m->originals);
      sqlite3_bind_int (insert, 7, m->copies);
      _yc_store_bind_text (insert, 8, m->note);
      _yc_store_bind_text (insert, 9, m->supplement_deadline);
      _yc_store_bind_text (insert, 10, m->attachment);
      if (!_yc_store_step_done (conn, insert, error))
        return FALSE;
    }

  return TRUE;
}

void
_yc_store_create_data_free (YcCreateData *data)
{
  g_clear_pointer (&data->record, _yc_case_record_free);
  g_clear_pointer (&data->audit, g_ptr_array_unref);
  g_free (data->actor);
  g_free (data);
}

/* The documents the decision makes due, state "due". Deciding a reopened case again with the same
 * kind (a second one-time notice) makes that document due again, to be rendered afresh. */
static gboolean
insert_documents_due (YcStoreConn *conn,
                      const char  *case_uuid,
                      YcCaseEvent  decision,
                      gint64       now,
                      GError     **error)
{
  YcDecisionOutcome outcome;
  const YcDocDue *docs;
  guint n_docs = 0;

  if (!yc_decision_outcome_from_event (decision, &outcome))
    return TRUE;
  docs = yc_decision_outcome_get_documents (outcome, &n_docs);

  for (guint i = 0; i < n_docs; i++)
    {
      g_autoptr(YcStoreStmt) stmt = NULL;

      stmt = _yc_store_prepare (conn,
        "INSERT INTO case_documents (case_uuid, kind, copies, state, file_hash, created_at, "
        "  updated_at) "
        "VALUES (?1, ?2, ?3, 'due', NULL, ?4, ?4) "
        "ON CONFLICT (case_uuid, kind) DO UPDATE SET copies = excluded.copies, state = 'due', "
        "  file_hash = NULL, updated_at = excluded.updated_at", error);
      if (stmt == NULL)
        return FALSE;
      _yc_store_bind_text (stmt, 1, case_uuid);
      _yc_store_bind_text (stmt, 2, yc_doc_kind_to_string (docs[i].kind));
      sqlite3_bind_int (stmt, 3, docs[i].copies);
      sqlite3_bind_int64 (stmt, 4, now);
      if (!_yc_store_step_done (conn, stmt, error))
        return FALSE;
    }
  return TRUE;
}

/* A case decided before is stored; a reopened one is stored as a draft and may carry the number
 * printed on its one-time notice. Sets *exists and *case_no (NULL when new or never numbered). */
static gboolean
read_existing (YcStoreConn *conn,
               const char  *uuid,
               gboolean    *exists,
               char       **case_no,
               GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;
  YcCaseState state;
  int rc;

  *exists = FALSE;
  *case_no = NULL;
  stmt = _yc_store_prepare (conn, "SELECT state, case_no FROM cases WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, uuid);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  if (rc != SQLITE_ROW)
    return _yc_store_set_error (conn, rc, error);

  if (!yc_case_state_from_string (_yc_store_column_text (stmt, 0), &state) ||
      state != YC_CASE_STATE_DRAFT)
    {
      /* Only a reopened case (a draft again) may be decided twice under its uuid. */
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_CONSTRAINT,
                   _("A case with this identifier is already stored and decided (%s)."),
                   _yc_store_column_text (stmt, 0));
      return FALSE;
    }
  *exists = TRUE;
  *case_no = g_strdup (_yc_store_column_text (stmt, 1));
  return TRUE;
}

static gboolean
delete_draft (YcStoreConn *conn,
              const char  *uuid,
              GError     **error)
{
  g_autoptr(YcStoreStmt) stmt = NULL;

  stmt = _yc_store_prepare (conn, "DELETE FROM drafts WHERE uuid = ?1", error);
  if (stmt == NULL)
    return FALSE;
  _yc_store_bind_text (stmt, 1, uuid);
  return _yc_store_step_done (conn, stmt, error);
}

/* One transaction: the number (kept if the case already has one), the case with its parties and
 * checklist, the documents due, the audit entries, the outbox entry, and the end of its draft. */
gboolean
_yc_store_create_case_func (YcStoreConn *conn,
                            gpointer     user_data,
                            GError     **error)
{
  YcCreateData *data = user_data;
  YcCaseRecord *record = data->record;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *case_no = NULL;
  g_autofree char *payload = NULL;
  g_autofree char *detail = NULL;
  gboolean exists = FALSE;
  YcCaseState to;

  if (!yc_case_state_transition (record->state, data->decision, &to, error))
    return FALSE;

  if (!_yc_store_begin (conn, error) ||
      !read_existing (conn, record->uuid, &exists, &case_no, error))
    return FALSE;
  if (case_no == NULL && !next_case_number (conn, record->window_code, now, &case_no, error))
    return FALSE;

  /* The record is the writer's own copy: fill in what the decision settles. */
  g_free (record->case_no);
  record->case_no = g_steal_pointer (&case_no);
  record->state = to;
  record->decided_at = _yc_store_to_usec (now);

  payload = _yc_case_record_to_json (record);
  detail = g_strdup_printf ("%s → %s, %s", yc_case_event_to_string (data->decision),
                            yc_case_state_to_string (to), record->case_no);

  if (!insert_case (conn, record, record->decided_at, error) ||
      !insert_documents_due (conn, record->uuid, data->decision, record->decided_at, error) ||
      !_yc_store_insert_audit (conn, record->decided_at, data->actor,
                               exists ? "case.decide" : "case.create", record->uuid, detail, error))
    return FALSE;

  for (guint i = 0; data->audit != NULL && i + 1 < data->audit->len; i += 2)
    if (!_yc_store_insert_audit (conn, record->decided_at, data->actor,
                                 g_ptr_array_index (data->audit, i), record->uuid,
                                 g_ptr_array_index (data->audit, i + 1), error))
      return FALSE;

  if (!_yc_store_insert_outbox (conn, record->decided_at, "case.put", record->uuid, payload,
                                error) ||
      !delete_draft (conn, record->uuid, error))
    return FALSE;

  if (data->fail_before_commit)
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_FAILED,
                           "Failure injected before COMMIT");
      return FALSE;
    }

  return _yc_store_commit (conn, error);
}

static gboolean
is_decision (YcCaseEvent event)
{
  switch (event)
    {
    case YC_CASE_EVENT_ACCEPT:
    case YC_CASE_EVENT_TOLERANCE_ACCEPT:
    case YC_CASE_EVENT_COMMITMENT_ACCEPT:
    case YC_CASE_EVENT_ISSUE_NOTICE:
    case YC_CASE_EVENT_REFUSE:
    case YC_CASE_EVENT_REFER:
      return TRUE;
    default:
      return FALSE;
    }
}

/* Checks on the caller's thread what can be checked without the database, and copies the case. */
YcCreateData *
_yc_store_create_data_new (YcCase      *kase,
                 YcCaseEvent  decision,
                 const char  *actor,
                 GError     **error)
{
  g_autoptr(YcCreateData) data = g_new0 (YcCreateData, 1);

  if (!is_decision (decision))
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                   _("“%s” is not a decision on a new case: accept, accept with tolerance, "
                     "accept on commitment, issue a one-time notice, refuse or refer."),
                   yc_case_event_to_string (decision));
      return NULL;
    }
  if (yc_case_get_state (kase) != YC_CASE_STATE_DRAFT)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                   _("This case has already been decided (%s)."),
                   yc_case_state_get_label (yc_case_get_state (kase)));
      return NULL;
    }
  if (yc_case_event_needs_reason (decision) && _yc_store_is_blank (yc_case_get_reason (kase)))
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("Enter the reason for this decision: it is printed on the notice."));
      return NULL;
    }
  if (yc_case_get_uuid (kase) == NULL || yc_case_get_item_code (kase) == NULL ||
      yc_case_get_item_name (kase) == NULL || yc_case_get_query_password (kase) == NULL)
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("The case has no service item. Choose the item before deciding."));
      return NULL;
    }
  if (actor == NULL || *actor == '\0' || yc_case_get_clerk (kase) == NULL)
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("No clerk is logged in at this window. Log in before deciding "
                             "cases."));
      return NULL;
    }
  if (!yc_window_code_is_valid (yc_case_get_window_code (kase)))
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                   _("The window code “%s” is not valid. Set this window's code in Preferences."),
                   yc_case_get_window_code (kase) ? yc_case_get_window_code (kase) : "");
      return NULL;
    }

  data->record = _yc_case_record_from_case (kase);
  data->decision = decision;
  data->actor = g_strdup (actor);
  return g_steal_pointer (&data);
}

void
_yc_store_apply_decision (YcCase       *kase,
                          YcCaseRecord *record)
{
  g_autoptr(GDateTime) decided_at = _yc_store_local_from_usec (record->decided_at);
  GListModel *materials = yc_case_get_materials (kase);

  g_object_set (kase,
                "case-no", record->case_no,
                "decided-at", decided_at,
                "legal-deadline", record->legal_deadline,
                "promised-deadline", record->promised_deadline,
                "applicant-flags", (YcApplicantFlags) record->applicant_flags,
                "state", record->state,
                NULL);

  /* Supplement deadlines the decision settled, line by line (the record is in checklist order). */
  for (guint i = 0; i < record->materials->len && i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (materials, i);
      YcMaterialRecord *m = &g_array_index (record->materials, YcMaterialRecord, i);

      g_object_set (material, "supplement-deadline", m->supplement_deadline, NULL);
    }
}


gboolean
_yc_store_create_case_full (YcStore     *self,
                            YcCase      *kase,
                            YcCaseEvent  decision,
                            const char  *actor,
                            gboolean     fail_before_commit,
                            GError     **error)
{
  g_autoptr(YcCreateData) data = NULL;

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (YC_IS_CASE (kase), FALSE);

  data = _yc_store_create_data_new (kase, decision, actor, error);
  if (data == NULL)
    return FALSE;
  data->fail_before_commit = fail_before_commit;

  if (!_yc_store_write_sync (self, _yc_store_create_case_func, data, NULL, error))
    return FALSE;

  _yc_store_apply_decision (kase, data->record);
  return TRUE;
}

gboolean
yc_store_create_case (YcStore     *self,
                      YcCase      *kase,
                      YcCaseEvent  decision,
                      const char  *actor,
                      GError     **error)
{
  return _yc_store_create_case_full (self, kase, decision, actor, FALSE, error);
}

void
yc_store_create_case_async (YcStore            *self,
                            YcCase             *kase,
                            YcCaseEvent         decision,
                            const char         *actor,
                            GCancellable       *cancellable,
                            GAsyncReadyCallback callback,
                            gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;
  GError *error = NULL;
  YcCreateData *data;

  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (YC_IS_CASE (kase));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_create_case_async);

  data = _yc_store_create_data_new (kase, decision, actor, &error);
  _yc_store_decide_task (self, task, kase, data, error);
}

gboolean
yc_store_create_case_finish (YcStore      *self,
                             GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_create_case_async,
                        FALSE);

  return _yc_store_decide_task_finish (result, error);
}

void
_yc_store_decide_task (YcStore      *self,
                       GTask        *task,
                       YcCase       *kase,
                       YcCreateData *data,
                       GError       *error)
{
  /* Kept alive until finish, which writes the number and state back on the caller's thread. */
  g_object_set_data_full (G_OBJECT (task), "yc-case", g_object_ref (kase), g_object_unref);
  _yc_store_write_task (self, task, _yc_store_create_case_func, data,
                        (GDestroyNotify) _yc_store_create_data_free, error);
}

gboolean
_yc_store_decide_task_finish (GAsyncResult *result,
                              GError      **error)
{
  YcCreateData *data;

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  _yc_store_apply_decision (g_object_get_data (G_OBJECT (result), "yc-case"), data->record);
  return TRUE;
}
