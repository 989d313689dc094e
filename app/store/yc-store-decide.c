/* yc-store-decide.c: deciding a case at the counter by the decision rules, and the documents it
 * makes due. */
#define G_LOG_DOMAIN "yc-store"

#include <glib/gi18n.h>

#include "yc-store-counter.h"
#include "yc-store-case-record.h"

/* Every material state on the checklist must be one the rules allow (a licence only where an
 * e-licence can replace the material, and so on): the UI offers only those, the core makes sure. */
static gboolean
check_material_states (YcCase          *kase,
                       YcItem          *item,
                       GError         **error)
{
  GListModel *materials = yc_case_get_materials (kase);

  for (guint i = 0; i < g_list_model_get_n_items (materials); i++)
    {
      g_autoptr(YcCaseMaterial) material = g_list_model_get_item (materials, i);
      const char *code = yc_case_material_get_spec_code (material);
      YcMaterialSpec *spec = code ? yc_item_find_material (item, code) : NULL;

      if (spec != NULL &&
          !yc_material_state_allowed (spec, item, yc_case_get_applicant_flags (kase),
                                      yc_case_material_get_state (material), error))
        return FALSE;
    }
  return TRUE;
}

static void
add_audit (YcCreateData *data,
           const char   *action,
           const char   *detail)
{
  if (data->audit == NULL)
    data->audit = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (data->audit, g_strdup (action));
  g_ptr_array_add (data->audit, g_strdup (detail));
}

/* What the decision settles goes into the writer's copy: deadlines, supplement deadlines, and the
 * audit entries for the applicant's flags and the decision's warnings. */
static void
fill_record (YcCreateData      *data,
             YcCase            *kase,
             YcDecision        *decision,
             YcDecisionOutcome  outcome)
{
  YcCaseRecord *record = data->record;
  GPtrArray *tolerated = yc_decision_get_tolerated (decision);
  gboolean accepting = outcome == YC_DECISION_ACCEPT || outcome == YC_DECISION_TOLERANCE_ACCEPT ||
                       outcome == YC_DECISION_COMMITMENT_ACCEPT;
  const char * const *warnings = yc_decision_get_warnings (decision);

  g_clear_pointer (&record->legal_deadline, g_free);
  g_clear_pointer (&record->promised_deadline, g_free);
  /* Only an accepted case runs against time limits; a notice, refusal or referral ends at the
   * window. */
  if (accepting)
    {
      record->legal_deadline = yc_date_to_iso (yc_decision_get_legal_deadline (decision));
      record->promised_deadline = yc_date_to_iso (yc_decision_get_promised_deadline (decision));
    }

  for (guint i = 0; i < record->materials->len; i++)
    {
      YcMaterialRecord *m = &g_array_index (record->materials, YcMaterialRecord, i);

      g_clear_pointer (&m->supplement_deadline, g_free);
      if (outcome != YC_DECISION_TOLERANCE_ACCEPT || m->state != YC_MATERIAL_STATE_TOLERATED)
        continue;
      for (guint j = 0; j < tolerated->len; j++)
        {
          YcDecisionMaterial *t = g_ptr_array_index (tolerated, j);

          if (t->position == m->position && g_strcmp0 (t->spec_code, m->spec_code) == 0)
            m->supplement_deadline = g_strdup (t->supplement_deadline);
        }
    }

  for (guint bit = 0; bit < YC_APPLICANT_N_FLAGS; bit++)
    if (record->applicant_flags & (1u << bit))
      {
        g_autofree char *action
          = g_strconcat ("applicant.", yc_applicant_flag_to_string (1u << bit), NULL);
        g_autofree char *detail = NULL;
        YcParty *applicant = yc_case_get_applicant (kase);

        /* A credit code is public record: the overridden one is named, for whoever checks it
         * later. */
        if ((1u << bit) == YC_APPLICANT_FLAG_USCC_OVERRIDE && applicant != NULL)
          detail = g_strdup_printf ("%s: %s", yc_applicant_flag_get_label (1u << bit),
                                    yc_party_get_id_number (applicant)
                                    ? yc_party_get_id_number (applicant) : "");
        else
          detail = g_strdup (yc_applicant_flag_get_label (1u << bit));
        add_audit (data, action, detail);
      }

  for (guint i = 0; warnings[i] != NULL; i++)
    add_audit (data, "case.warning", warnings[i]);
}

static YcCreateData *
decide_data_new (YcCase            *kase,
                 YcItem            *item,
                 YcDecisionOutcome  outcome,
                 YcCalendar        *calendar,
                 const GDate       *today,
                 const char        *actor,
                 GError           **error)
{
  g_autoptr(YcCreateData) data = NULL;
  g_autoptr(YcDecision) decision = NULL;
  g_autoptr(GDate) local_today = NULL;

  g_return_val_if_fail ((guint) outcome < YC_DECISION_N_OUTCOMES, NULL);

  if (g_strcmp0 (yc_case_get_item_code (kase), yc_item_get_code (item)) != 0)
    {
      g_set_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                   _("The case is for another service item (%s). Choose the item again."),
                   yc_case_get_item_code (kase) ? yc_case_get_item_code (kase) : "");
      return NULL;
    }
  if (outcome == YC_DECISION_REFUSE && _yc_store_is_blank (yc_case_get_legal_basis (kase)))
    {
      g_set_error_literal (
        error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
        _("Choose the legal basis of the refusal: it is printed on the notice."));
      return NULL;
    }
  if (outcome == YC_DECISION_REFER && _yc_store_is_blank (yc_case_get_refer_department (kase)))
    {
      g_set_error_literal (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID,
                           _("Enter the department the applicant should apply to."));
      return NULL;
    }

  if (today == NULL)
    {
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();

      local_today = g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                                    g_date_time_get_year (now));
      today = local_today;
    }

  if (!check_material_states (kase, item, error))
    return NULL;
  decision = yc_decision_evaluate (item, yc_case_get_materials (kase),
                                   yc_case_get_applicant_flags (kase), today, calendar);
  if (!yc_decision_check (decision, outcome, error))
    return NULL;

  data = _yc_store_create_data_new (kase, yc_decision_outcome_to_event (outcome), actor, error);
  if (data == NULL)
    return NULL;
  fill_record (data, kase, decision, outcome);
  return g_steal_pointer (&data);
}

gboolean
_yc_store_decide_case_full (YcStore           *self,
                            YcCase            *kase,
                            YcItem            *item,
                            YcDecisionOutcome  outcome,
                            YcCalendar        *calendar,
                            const GDate       *today,
                            const char        *actor,
                            gboolean           fail_before_commit,
                            GError           **error)
{
  g_autoptr(YcCreateData) data = NULL;

  g_return_val_if_fail (YC_IS_STORE (self), FALSE);
  g_return_val_if_fail (YC_IS_CASE (kase), FALSE);
  g_return_val_if_fail (YC_IS_ITEM (item), FALSE);
  g_return_val_if_fail (YC_IS_CALENDAR (calendar), FALSE);

  data = decide_data_new (kase, item, outcome, calendar, today, actor, error);
  if (data == NULL)
    return FALSE;
  data->fail_before_commit = fail_before_commit;
  if (!_yc_store_write_sync (self, _yc_store_create_case_func, data, NULL, error))
    return FALSE;

  _yc_store_apply_decision (kase, data->record);
  return TRUE;
}

gboolean
yc_store_decide_case (YcStore           *self,
                      YcCase            *kase,
                      YcItem            *item,
                      YcDecisionOutcome  outcome,
                      YcCalendar        *calendar,
                      const char        *actor,
                      GError           **error)
{
  return _yc_store_decide_case_full (self, kase, item, outcome, calendar, NULL, actor, FALSE,
                                     error);
}

void
yc_store_decide_case_async (YcStore            *self,
                            YcCase             *kase,
                            YcItem             *item,
                            YcDecisionOutcome   outcome,
                            YcCalendar         *calendar,
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
  g_return_if_fail (YC_IS_ITEM (item));
  g_return_if_fail (YC_IS_CALENDAR (calendar));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, yc_store_decide_case_async);

  data = decide_data_new (kase, item, outcome, calendar, NULL, actor, &error);
  _yc_store_decide_task (self, task, kase, data, error);
}

gboolean
yc_store_decide_case_finish (YcStore      *self,
                             GAsyncResult *result,
                             GError      **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == yc_store_decide_case_async,
                        FALSE);

  return _yc_store_decide_task_finish (result, error);
}

/* --- documents due --- */

void
yc_case_document_free (YcCaseDocument *document)
{
  if (document == NULL)
    return;
  g_free (document->state);
  g_free (document->file_hash);
  g_clear_pointer (&document->updated_at, g_date_time_unref);
  g_free (document);
}

GPtrArray *
yc_store_list_case_documents (YcStore    *self,
                              const char *case_uuid,
                              GError    **error)
{
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(YcStoreStmt) stmt = NULL;
  YcStoreConn *conn;
  int rc;

  g_return_val_if_fail (YC_IS_STORE (self), NULL);
  g_return_val_if_fail (case_uuid != NULL, NULL);

  conn = _yc_store_acquire_reader (self, NULL, error);
  if (conn == NULL)
    return NULL;

  documents = g_ptr_array_new_with_free_func ((GDestroyNotify) yc_case_document_free);
  stmt = _yc_store_prepare (conn,
                            "SELECT kind, copies, state, file_hash, updated_at FROM case_documents "
                            "WHERE case_uuid = ?1 "
                            /* One decision's documents in YcDocKind order (receipt first). */
                            "ORDER BY created_at, instr ('receipt notice_once refusal tolerance "
                            "commitment handover guidance', kind)", error);
  if (stmt == NULL)
    {
      _yc_store_release_reader (self, conn);
      return NULL;
    }
  _yc_store_bind_text (stmt, 1, case_uuid);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YcCaseDocument *document = g_new0 (YcCaseDocument, 1);
      g_autoptr(GDateTime) utc = _yc_store_from_usec (sqlite3_column_int64 (stmt, 4));

      /* A kind this version does not know (written by a newer one) is skipped, not misread. */
      if (!yc_doc_kind_from_string (_yc_store_column_text (stmt, 0), &document->kind))
        {
          yc_case_document_free (document);
          continue;
        }
      document->copies = sqlite3_column_int (stmt, 1);
      document->state = g_strdup (_yc_store_column_text (stmt, 2));
      document->file_hash = g_strdup (_yc_store_column_text (stmt, 3));
      document->updated_at = g_date_time_to_local (utc);
      g_ptr_array_add (documents, document);
    }
  if (rc != SQLITE_DONE)
    {
      _yc_store_set_error (conn, rc, error);
      g_clear_pointer (&documents, g_ptr_array_unref);
    }

  g_clear_pointer (&stmt, _yc_store_stmt_release);
  _yc_store_release_reader (self, conn);
  return g_steal_pointer (&documents);
}
