/* yc-store-cases.c: the case repository: deciding a draft (number, case, audit and outbox in one
 * transaction), later events, and reading cases back. */
#define G_LOG_DOMAIN "yc-store"

#include <string.h>
#include <glib/gi18n.h>
#include <json-glib/json-glib.h>

#include "yc-store-case-record.h"
#include "yc-case-number.h"
#include "yc-case-state.h"
#include "yc-decision.h"

/* --- writing --- */

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
  g_autoptr(GDateTime) decided_utc = _yc_store_from_usec (record->decided_at);
  g_autoptr(GDateTime) decided_at = g_date_time_to_local (decided_utc);
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
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) _yc_store_create_data_free);
  /* Kept alive until finish, which writes the number and state back on the caller's thread. */
  g_object_set_data_full (G_OBJECT (task), "yc-case", g_object_ref (kase), g_object_unref);
  _yc_store_write_async (self, _yc_store_create_case_func, data, task);
}

gboolean
yc_store_create_case_finish (YcStore      *self,
                             GAsyncResult *result,
                             GError      **error)
{
  YcCreateData *data;

  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_create_case_async,
                        FALSE);

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  data = g_task_get_task_data (G_TASK (result));
  _yc_store_apply_decision (g_object_get_data (G_OBJECT (result), "yc-case"), data->record);
  return TRUE;
}

/* --- later events --- */

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

char *
_yc_store_event_to_json (const char *case_uuid,
                         YcCaseEvent event,
                         YcCaseState from,
                         YcCaseState to,
                         const char *reason,
                         const char *actor,
                         GDateTime  *at)
{
  g_autoptr(JsonBuilder) builder = json_builder_new ();
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(JsonNode) root = NULL;
  g_autofree char *event_uuid = g_uuid_string_random ();
  g_autofree char *when = g_date_time_format_iso8601 (at);

  /* POST /api/v1/cases/{uuid}/events: each event has its own uuid, so a retried send is recognised.
   */
  json_builder_begin_object (builder);
  json_builder_set_member_name (builder, "uuid");
  json_builder_add_string_value (builder, event_uuid);
  json_builder_set_member_name (builder, "case_uuid");
  json_builder_add_string_value (builder, case_uuid);
  json_builder_set_member_name (builder, "event");
  json_builder_add_string_value (builder, yc_case_event_to_string (event));
  json_builder_set_member_name (builder, "from");
  json_builder_add_string_value (builder, yc_case_state_to_string (from));
  json_builder_set_member_name (builder, "to");
  json_builder_add_string_value (builder, yc_case_state_to_string (to));
  json_builder_set_member_name (builder, "reason");
  if (reason != NULL)
    json_builder_add_string_value (builder, reason);
  else
    json_builder_add_null_value (builder);
  json_builder_set_member_name (builder, "actor");
  json_builder_add_string_value (builder, actor);
  json_builder_set_member_name (builder, "at");
  json_builder_add_string_value (builder, when);
  json_builder_end_object (builder);

  root = json_builder_get_root (builder);
  json_generator_set_root (generator, root);
  return json_generator_to_data (generator, NULL);
}

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
  if (data == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_set_task_data (task, data, (GDestroyNotify) event_data_free);
  _yc_store_write_async (self, apply_event_func, data, task);
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

/* --- reading --- */

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

  if (kase == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_pointer (task, kase, g_object_unref);
}

void
yc_store_get_case_async (YcStore            *self,
                         const char         *uuid,
                         GCancellable       *cancellable,
                         GAsyncReadyCallback callback,
                         gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YC_IS_STORE (self));
  g_return_if_fail (uuid != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_get_case_async);
  g_task_set_task_data (task, g_strdup (uuid), g_free);
  g_task_run_in_thread (task, get_case_thread);
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
  g_autoptr(GPtrArray) cases =
    yc_store_list_cases (source_object, GPOINTER_TO_UINT (task_data), &error);
  GListStore *model;

  if (cases == NULL)
    {
      g_task_return_error (task, error);
      return;
    }
  model = g_list_store_new (YC_TYPE_CASE);
  g_list_store_splice (model, 0, 0, cases->pdata, cases->len);
  g_task_return_pointer (task, model, g_object_unref);
}

void
yc_store_list_cases_async (YcStore            *self,
                           guint               limit,
                           GCancellable       *cancellable,
                           GAsyncReadyCallback callback,
                           gpointer            user_data)
{
  g_autoptr(GTask) task = NULL;

  g_return_if_fail (YC_IS_STORE (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_list_cases_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (limit), NULL);
  g_task_run_in_thread (task, list_cases_thread);
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
