/* test-ui-intake.c: whole intakes driven through the real widgets, checked in the SQLite file afterwards;
 * drafts surviving a SIGKILL. */
#define G_LOG_DOMAIN "yc-test-ui-intake"

#include <adwaita.h>
#include <glib/gi18n.h>
#include <sqlite3.h>
#include <signal.h>

#include "yc-applicant-form.h"
#include "yc-case-detail.h"
#include "yc-cases-page.h"
#include "yc-application.h"
#include "yc-decision-pane.h"
#include "yc-document-list.h"
#include "yc-document-row.h"
#include "yc-field.h"
#include "yc-intake-form.h"
#include "yc-intake-page.h"
#include "yc-material-row.h"
#include "yc-test-cupsd.h"
#include "yc-test-documents.h"
#include "yc-test-ui.h"
#include "yc-window.h"

#define ITEM_BIRTH "11139900004512011WQR00101001"       /* 出生登记: immediate */
#define ITEM_COMPANY "1113990000451317XNXK00201001"     /* 有限责任公司设立登记: commitment, tolerable M05 */
#define ITEM_ID_CARD "11139900004512011WQR00103001"     /* 居民身份证换领: promised, four required */

static YcApplication *app;
static YcWindow *window;
static char *tmp_dir;
static char *db_path;
static const char *argv0;

static void
start_app (void)
{
  app = yc_test_ui_start_app (TRUE, &window);
}

static void
ensure_app (void)
{
  if (app == NULL)
    start_app ();
}

static YcIntakePage *
page (void)
{
  return yc_window_get_intake_page (window);
}

static YcIntakeForm *
form (void)
{
  return yc_intake_page_get_form (page ());
}

static YcApplicantForm *
applicant (void)
{
  return yc_intake_form_get_applicant_form (form ());
}

static YcField *
field (const char *name)
{
  return yc_test_ui_field (form (), name);
}

static void
type_into (const char *name,
           const char *text)
{
  yc_test_ui_type_into (form (), name, text);
}

static const char *
entry_text (const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (yc_field_get_entry (field (name))));
}

static YcMaterialRow *
row (guint position)
{
  return yc_test_ui_material_row (form (), position);
}

static YcMaterialState
row_state (guint position)
{
  return yc_test_ui_row_state (form (), position);
}

static void
press_state (guint       position,
             const char *action)
{
  yc_test_ui_press_state (form (), position, action);
}

static YcDecisionPane *
pane (void)
{
  return yc_intake_form_get_decision_pane (form ());
}

static YcDecision *
decision (void)
{
  YcDecision *d = yc_decision_pane_get_decision (pane ());

  g_assert_nonnull (d);
  return d;
}

/* From the search to the intake, as at the counter: type, Enter, Start Intake. */
static void
begin_intake (const char *query,
              const char *code)
{
  yc_test_ui_start_intake (window, query, code);
}

static void
decide_and_wait (void)
{
  yc_test_ui_decide (form ());
}

static AdwMessageDialog *
find_message_dialog (void)
{
  return yc_test_ui_find_toplevel (ADW_TYPE_MESSAGE_DIALOG);
}

static gboolean
audit_has (GPtrArray  *audit,
           const char *action)
{
  for (guint i = 0; i < audit->len; i++)
    if (g_strcmp0 (((YcAuditEntry *) g_ptr_array_index (audit, i))->action, action) == 0)
      return TRUE;
  return FALSE;
}

static guint
outbox_count (YcStore    *store,
              const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = yc_store_outbox_pending (store, 1000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    if (g_strcmp0 (((YcOutboxEntry *) g_ptr_array_index (entries, i))->key, uuid) == 0)
      n++;
  return n;
}

static char *
today_compact (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_time_format (now, "%Y%m%d");
}

static guint
count_drafts (void)
{
  g_autoptr(YcStore) store = yc_test_ui_open_store ();
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) drafts = yc_store_list_drafts (store, NULL, &error);

  g_assert_no_error (error);
  for (guint i = 0; i < drafts->len; i++)
    g_test_message ("draft %s: %s", ((YcDraftInfo *) g_ptr_array_index (drafts, i))->uuid,
                    ((YcDraftInfo *) g_ptr_array_index (drafts, i))->summary);
  return drafts->len;
}

static YcCase *
stored_case (const char *uuid)
{
  g_autoptr(YcStore) store = yc_test_ui_open_store ();
  g_autoptr(GError) error = NULL;
  YcCase *kase = yc_store_get_case (store, uuid, &error);

  g_assert_no_error (error);
  return kase;
}

/* The documents a decision made due on the case @uuid, as stored. */
static GPtrArray *
stored_documents (const char *uuid)
{
  g_autoptr(YcStore) store = yc_test_ui_open_store ();
  g_autoptr(GError) error = NULL;
  GPtrArray *documents = yc_store_list_case_documents (store, uuid, &error);

  g_assert_no_error (error);
  return documents;
}

/* 出生登记 for a person: a wrong ID first, then a valid one; each material set; accepted. */
static void
test_accept (void)
{
  g_autoptr(YcStore) store = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_prefix = NULL;
  g_autofree char *import_path = NULL;
  g_autoptr(GFile) import_file = NULL;
  YcField *id_field;
  YcCase *kase;
  AdwMessageDialog *dialog = NULL;
  const char *uuid;
  GListModel *materials;

  ensure_app ();
  begin_intake ("出生登记", ITEM_BIRTH);
  kase = yc_intake_form_get_case (form ());
  uuid = yc_case_get_uuid (kase);

  /* Nothing entered: accept is not lawful yet, and says why. */
  g_assert_false (yc_decision_is_available (decision (), YC_DECISION_ACCEPT));
  g_assert_nonnull (yc_decision_get_reason (decision (), YC_DECISION_ACCEPT));
  g_assert_true (yc_decision_is_available (decision (), YC_DECISION_ISSUE_NOTICE));
  g_assert_cmpint (yc_decision_pane_get_outcome (pane ()), ==, YC_DECISION_ISSUE_NOTICE);

  type_into ("name_field", "张三");
  g_assert_cmpstr (yc_party_get_name (yc_case_get_applicant (kase)), ==, "张三");

  /* A wrong check digit: an error under the field while typing, as soon as the number is complete. */
  id_field = field ("id_field");
  type_into ("id_field", "11010519");
  g_assert_cmpint (yc_field_get_state (id_field), ==, YC_FIELD_STATE_NONE);   /* still typing */
  type_into ("id_field", "110105194912310021");
  g_assert_cmpint (yc_field_get_state (id_field), ==, YC_FIELD_STATE_ERROR);
  g_assert_nonnull (yc_field_get_message (id_field));
  g_assert_true (gtk_widget_has_css_class (GTK_WIDGET (yc_field_get_entry (id_field)), "error"));
  {
    g_autofree char *problem = yc_applicant_form_get_problem (applicant ());

    g_assert_nonnull (problem);
  }

  /* The right number: no message; leaving the field masks it on screen, the case keeps it whole. */
  type_into ("id_field", "11010519491231002X");
  g_assert_cmpint (yc_field_get_state (id_field), ==, YC_FIELD_STATE_NONE);
  g_assert_false (gtk_widget_has_css_class (GTK_WIDGET (yc_field_get_entry (id_field)), "error"));
  type_into ("phone_field", "138 1234 1234");
  g_assert_true (yc_field_get_masked (id_field));
  g_assert_cmpstr (entry_text ("id_field"), ==, "110105********002X");
  g_assert_cmpstr (yc_field_get_text (id_field), ==, "11010519491231002X");
  g_assert_cmpstr (yc_party_get_id_number (yc_case_get_applicant (kase)), ==, "11010519491231002X");
  /* Revealing is an explicit action (the entry's icon). */
  g_signal_emit_by_name (yc_field_get_entry (id_field), "icon-press", GTK_ENTRY_ICON_SECONDARY);
  g_assert_false (yc_field_get_masked (id_field));
  g_assert_cmpstr (entry_text ("id_field"), ==, "11010519491231002X");
  g_signal_emit_by_name (yc_field_get_entry (id_field), "icon-press", GTK_ENTRY_ICON_SECONDARY);
  g_assert_true (yc_field_get_masked (id_field));

  type_into ("address_field", "北方市东城区和平里街道1号");
  /* A phone number in canonical form once the field is left. */
  g_assert_cmpstr (yc_party_get_phone (yc_case_get_applicant (kase)), ==, "13812341234");
  /* Enter in the last applicant field: on to the first material. */
  g_signal_emit_by_name (yc_field_get_entry (field ("address_field")), "activate");
  yc_test_ui_drain ();
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (row (0))));

  /* Rules: 出生医学证明 is not tolerable, and the item allows no commitment. */
  g_assert_nonnull (yc_material_row_get_disabled_reason (row (0), YC_MATERIAL_STATE_TOLERATED));
  g_assert_nonnull (yc_material_row_get_disabled_reason (row (0), YC_MATERIAL_STATE_COMMITMENT));
  g_assert_false (yc_material_row_choose_state (row (0), YC_MATERIAL_STATE_TOLERATED, NULL));
  g_assert_cmpint (row_state (0), ==, YC_MATERIAL_STATE_PENDING);
  g_assert_null (yc_material_row_get_disabled_reason (row (0), YC_MATERIAL_STATE_LICENCE));
  g_assert_nonnull (yc_material_row_get_disabled_reason (row (4), YC_MATERIAL_STATE_LICENCE));

  /* O on the first: original checked with the copy the item asks for; the focus moves on. */
  press_state (0, "material.original");
  g_assert_cmpint (row_state (0), ==, YC_MATERIAL_STATE_ORIGINAL_CHECKED);
  g_assert_cmpuint (yc_case_material_get_originals (yc_material_row_get_material (row (0))), ==, 1);
  g_assert_cmpuint (yc_case_material_get_copies (yc_material_row_get_material (row (0))), ==, 1);
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (row (1))));
  press_state (1, "material.copy");
  g_assert_cmpint (row_state (1), ==, YC_MATERIAL_STATE_COPY_RECEIVED);
  g_assert_false (yc_decision_is_available (decision (), YC_DECISION_ACCEPT));
  press_state (2, "material.licence");
  g_assert_cmpint (row_state (2), ==, YC_MATERIAL_STATE_LICENCE);

  /* Every required material is in: accept is offered and proposed, the notice no longer. */
  g_assert_true (yc_decision_is_available (decision (), YC_DECISION_ACCEPT));
  g_assert_false (yc_decision_is_available (decision (), YC_DECISION_ISSUE_NOTICE));
  g_assert_false (yc_decision_is_available (decision (), YC_DECISION_TOLERANCE_ACCEPT));
  g_assert_cmpint (yc_decision_pane_get_outcome (pane ()), ==, YC_DECISION_ACCEPT);

  /* N asks why; the reason becomes the material's note. */
  press_state (3, "material.not-applicable");
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  g_assert_cmpint (row_state (3), ==, YC_MATERIAL_STATE_PENDING);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "父母未婚，已签情况说明");
  /* Enter in the reason answers the dialog. */
  g_signal_emit_by_name (adw_message_dialog_get_extra_child (dialog), "activate");
  g_assert_cmpint (row_state (3), ==, YC_MATERIAL_STATE_NOT_APPLICABLE);
  g_assert_cmpstr (yc_case_material_get_note (yc_material_row_get_material (row (3))), ==,
                   "父母未婚，已签情况说明");
  WAIT_FOR (find_message_dialog () == NULL);
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (row (4))));

  /* Backspace undoes a state. */
  press_state (4, "material.original");
  g_assert_cmpint (row_state (4), ==, YC_MATERIAL_STATE_ORIGINAL_CHECKED);
  press_state (4, "material.pending");
  g_assert_cmpint (row_state (4), ==, YC_MATERIAL_STATE_PENDING);

  /* Import: a damaged PDF is refused, and the decision column says why. */
  import_path = g_build_filename (tmp_dir, "consent.pdf", NULL);
  g_assert_true (g_file_set_contents (import_path, "%PDF-1.4\n% 户主同意落户意见\n", -1, NULL));
  import_file = g_file_new_for_path (import_path);
  yc_intake_form_import_file (form (), 4, import_file);
  WAIT_FOR (yc_decision_pane_get_problem (pane ()) != NULL &&
            strstr (yc_decision_pane_get_problem (pane ()), "consent.pdf") != NULL);
  g_assert_cmpint (row_state (4), ==, YC_MATERIAL_STATE_PENDING);
  /* A real PDF becomes the material's page, and the material scanned; after the last material the
   * focus goes to the decision. */
  yc_test_write_pdf (import_path, 1);
  yc_intake_form_import_file (form (), 4, import_file);
  WAIT_FOR (row_state (4) == YC_MATERIAL_STATE_SCANNED);
  g_assert_cmpuint (yc_material_row_get_page_count (row (4)), ==, 1);
  yc_test_ui_drain ();
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (pane ())));

  /* The draft is written after a pause in typing. */
  WAIT_FOR (!yc_intake_form_get_saving (form ()));
  g_assert_cmpuint (count_drafts (), ==, 1);

  decide_and_wait ();
  expected_prefix = g_strdup_printf ("ZH01-%s-", today_compact ());
  g_assert_true (g_str_has_prefix (yc_case_get_case_no (kase), expected_prefix));
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_ACCEPTED);
  g_assert_cmpstr (gtk_label_get_text (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                  "case_no_label")),
                   ==, yc_case_get_case_no (kase));
  /* The result is where the next keystroke belongs: New Intake. */
  g_assert_true (yc_test_ui_focus_is_in (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                    "new_intake_button")));

  /* In the database, from another connection: the case, its checklist, audit and outbox. */
  store = yc_test_ui_open_store ();
  stored = yc_store_get_case (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_ACCEPTED);
  g_assert_cmpstr (yc_case_get_case_no (stored), ==, yc_case_get_case_no (kase));
  g_assert_true (g_str_has_suffix (yc_case_get_case_no (stored), "-0001"));
  g_assert_cmpstr (yc_case_get_clerk (stored), ==, "王芳");
  g_assert_cmpstr (yc_party_get_name (yc_case_get_applicant (stored)), ==, "张三");
  g_assert_cmpstr (yc_party_get_id_number (yc_case_get_applicant (stored)), ==, "11010519491231002X");
  materials = yc_case_get_materials (stored);
  g_assert_cmpuint (g_list_model_get_n_items (materials), ==, 5);
  {
    static const YcMaterialState expected[] = {
      YC_MATERIAL_STATE_ORIGINAL_CHECKED, YC_MATERIAL_STATE_COPY_RECEIVED, YC_MATERIAL_STATE_LICENCE,
      YC_MATERIAL_STATE_NOT_APPLICABLE, YC_MATERIAL_STATE_SCANNED,
    };

    for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
      {
        g_autoptr(YcCaseMaterial) m = g_list_model_get_item (materials, i);

        g_assert_cmpint (yc_case_material_get_state (m), ==, expected[i]);
      }
  }
  audit = yc_store_list_audit (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_true (audit_has (audit, "case.create"));
  g_assert_cmpuint (outbox_count (store, uuid), ==, 1);
  documents = yc_store_list_case_documents (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpint (((YcCaseDocument *) g_ptr_array_index (documents, 0))->kind, ==, YC_DOC_RECEIPT);
  /* Deciding ended the draft. */
  g_assert_cmpuint (count_drafts (), ==, 0);

  /* Ctrl+N: the next applicant, from the item search. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-intake", NULL);
  yc_test_ui_drain ();
  g_assert_cmpstr (yc_intake_page_get_mode (page ()), ==, "choose");
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (yc_intake_page_get_search_entry (page ()))));
}

/* 有限责任公司设立登记 for an organisation whose credit code fails its check (overridden, audited);
 * the business-premises proof tolerated: accepted with tolerance. */
static void
test_tolerance (void)
{
  g_autoptr(YcStore) store = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCaseMaterial) premises = NULL;
  GtkToggleButton *organisation;
  GtkCheckButton *bad_credit;
  YcField *id_field;
  YcCase *kase;
  const char *uuid;

  ensure_app ();
  begin_intake ("有限责任公司设立登记", ITEM_COMPANY);
  kase = yc_intake_form_get_case (form ());
  uuid = yc_case_get_uuid (kase);

  organisation = yc_test_ui_template_child (applicant (), YC_TYPE_APPLICANT_FORM, "organisation_button");
  gtk_toggle_button_set_active (organisation, TRUE);
  g_assert_false (gtk_toggle_button_get_active (yc_test_ui_template_child (applicant (),
                                                                           YC_TYPE_APPLICANT_FORM,
                                                                           "person_button")));
  g_assert_cmpint (yc_party_get_kind (yc_case_get_applicant (kase)), ==, YC_PARTY_ORGANISATION);
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (field ("legal_rep_field"))));

  type_into ("name_field", "北方市云帆科技有限公司");
  /* Well-formed, but the check character does not match: a warning with an override. */
  id_field = field ("id_field");
  type_into ("id_field", "91350100M000100Y44");
  g_assert_cmpint (yc_field_get_state (id_field), ==, YC_FIELD_STATE_WARNING);
  {
    g_autofree char *problem = yc_applicant_form_get_problem (applicant ());

    g_assert_nonnull (problem);
  }
  g_signal_emit_by_name (id_field, "action");
  g_assert_cmpint (yc_field_get_state (id_field), ==, YC_FIELD_STATE_WARNING);
  g_assert_true (yc_case_get_applicant_flags (kase) & YC_APPLICANT_FLAG_USCC_OVERRIDE);
  g_assert_null (yc_applicant_form_get_problem (applicant ()));
  /* Credit codes are public record: not masked. */
  type_into ("legal_rep_field", "李四");
  g_assert_false (yc_field_get_masked (id_field));
  g_assert_cmpstr (entry_text ("id_field"), ==, "91350100M000100Y44");
  type_into ("phone_field", "010-87654321");

  /* Commitment: the item allows it, unless the applicant is listed for bad credit. */
  g_assert_null (yc_material_row_get_disabled_reason (row (0), YC_MATERIAL_STATE_COMMITMENT));
  bad_credit = yc_test_ui_template_child (applicant (), YC_TYPE_APPLICANT_FORM, "bad_credit_check");
  gtk_check_button_set_active (bad_credit, TRUE);
  g_assert_nonnull (yc_material_row_get_disabled_reason (row (0), YC_MATERIAL_STATE_COMMITMENT));
  gtk_check_button_set_active (bad_credit, FALSE);
  g_assert_null (yc_material_row_get_disabled_reason (row (0), YC_MATERIAL_STATE_COMMITMENT));

  for (guint i = 0; i < 4; i++)
    press_state (i, "material.original");
  /* 住所使用证明 may be supplied later. */
  g_assert_null (yc_material_row_get_disabled_reason (row (4), YC_MATERIAL_STATE_TOLERATED));
  press_state (4, "material.tolerated");
  g_assert_cmpint (row_state (4), ==, YC_MATERIAL_STATE_TOLERATED);
  g_assert_nonnull (strstr (yc_material_row_get_state_text (row (4)), "20"));   /* "… by 20yy-mm-dd" */
  press_state (5, "material.copy");

  g_assert_false (yc_decision_is_available (decision (), YC_DECISION_ACCEPT));
  g_assert_nonnull (yc_decision_get_reason (decision (), YC_DECISION_ACCEPT));
  g_assert_true (yc_decision_is_available (decision (), YC_DECISION_TOLERANCE_ACCEPT));
  g_assert_cmpint (yc_decision_pane_get_outcome (pane ()), ==, YC_DECISION_TOLERANCE_ACCEPT);
  yc_test_ui_screenshot (GTK_WIDGET (window), "tolerance");

  decide_and_wait ();
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);

  store = yc_test_ui_open_store ();
  stored = yc_store_get_case (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  g_assert_cmpint (yc_party_get_kind (yc_case_get_applicant (stored)), ==, YC_PARTY_ORGANISATION);
  g_assert_cmpstr (yc_party_get_legal_representative (yc_case_get_applicant (stored)), ==, "李四");
  g_assert_true (yc_case_get_applicant_flags (stored) & YC_APPLICANT_FLAG_USCC_OVERRIDE);
  premises = g_list_model_get_item (yc_case_get_materials (stored), 4);
  g_assert_cmpint (yc_case_material_get_state (premises), ==, YC_MATERIAL_STATE_TOLERATED);
  g_assert_nonnull (yc_case_material_get_supplement_deadline (premises));
  audit = yc_store_list_audit (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_true (audit_has (audit, "case.create"));
  g_assert_true (audit_has (audit, "applicant.uscc_override"));
  g_assert_cmpuint (outbox_count (store, uuid), ==, 1);
  documents = yc_store_list_case_documents (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 2);
  for (guint i = 0; i < documents->len; i++)
    {
      YcCaseDocument *doc = g_ptr_array_index (documents, i);

      if (doc->kind == YC_DOC_TOLERANCE)
        g_assert_cmpuint (doc->copies, ==, 2);
    }
}

/* 居民身份证换领 with the photo missing: only the one-time notice (or refusal, referral) is lawful. */
static void
test_notice (void)
{
  g_autoptr(YcStore) store = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  YcCase *kase;
  const char *reason;

  ensure_app ();
  begin_intake ("居民身份证换领", ITEM_ID_CARD);
  kase = yc_intake_form_get_case (form ());

  type_into ("name_field", "王五");
  type_into ("id_field", "360426199101010071");
  for (guint i = 0; i < 3; i++)
    press_state (i, "material.original");

  g_assert_false (yc_decision_is_available (decision (), YC_DECISION_ACCEPT));
  reason = yc_decision_get_reason (decision (), YC_DECISION_ACCEPT);
  g_assert_nonnull (strstr (reason, "数码相片"));
  /* The reason is shown beside the greyed outcome. */
  g_assert_true (yc_decision_is_available (decision (), YC_DECISION_ISSUE_NOTICE));
  g_assert_true (yc_decision_is_available (decision (), YC_DECISION_REFUSE));
  g_assert_cmpint (yc_decision_pane_get_outcome (pane ()), ==, YC_DECISION_ISSUE_NOTICE);

  /* Choosing refusal needs its legal basis; the ground fills it in. */
  g_assert_true (yc_decision_pane_set_outcome (pane (), YC_DECISION_REFUSE));
  {
    YcField *basis = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "basis_field");
    g_autofree char *blocker = NULL;

    g_assert_cmpstr (yc_field_get_text (basis), !=, "");
    yc_field_set_text (basis, "");
    blocker = yc_decision_pane_get_blocker (pane ());
    g_assert_nonnull (blocker);
  }
  g_assert_true (yc_decision_pane_set_outcome (pane (), YC_DECISION_ISSUE_NOTICE));

  decide_and_wait ();
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_NOTICE_ISSUED);
  store = yc_test_ui_open_store ();
  stored = yc_store_get_case (store, yc_case_get_uuid (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_NOTICE_ISSUED);
  documents = yc_store_list_case_documents (store, yc_case_get_uuid (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpint (((YcCaseDocument *) g_ptr_array_index (documents, 0))->kind, ==, YC_DOC_NOTICE_ONCE);
}

/* The document rows the decision's result lists (what it prints), by kind. */
static guint
result_documents (YcDocKind kind)
{
  YcDocumentList *list = yc_decision_pane_get_document_list (pane ());
  GtkListBox *box = yc_document_list_get_list_box (list);
  guint n = 0;

  if (!gtk_widget_get_visible (GTK_WIDGET (list)))
    return 0;
  for (int i = 0; gtk_list_box_get_row_at_index (box, i) != NULL; i++)
    {
      YcDocumentRow *r = YC_DOCUMENT_ROW (gtk_list_box_get_row_at_index (box, i));

      if (yc_print_item_get_kind (yc_document_row_get_item (r)) == kind)
        n++;
    }
  return n;
}

/* Ctrl+Return (or Ctrl+Enter on the keypad, @accelerator) from where the focus is, through the
 * window's real key routing: the decision starts at once (the pane turns busy) or is refused with the
 * reason shown. */
static void
press_decide_keys (const char *accelerator)
{
  GtkWidget *spinner = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "busy_spinner");

  yc_test_ui_press_keys (GTK_WIDGET (window), accelerator);
  g_assert_true (gtk_widget_get_visible (spinner) || yc_intake_form_get_decided (form ()) ||
                 yc_decision_pane_get_problem (pane ()) != NULL);
}

/* 不予受理 decided through the decision pane alone: the outcome chosen with the keyboard, a ground, the
 * clerk's explanation, Ctrl+Return in it; refused in the store, with the refusal notice due. */
static void
test_refuse (void)
{
  g_autoptr(YcStore) store = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *expected_reason = NULL;
  const YcRefusalReason *reasons;
  YcField *basis, *explanation;
  GtkDropDown *ground;
  YcCase *kase;
  guint n_reasons, chosen = G_MAXUINT;

  ensure_app ();
  begin_intake ("居民身份证换领", ITEM_ID_CARD);
  kase = yc_intake_form_get_case (form ());
  type_into ("name_field", "陈十");
  type_into ("id_field", "110101199003074514");
  press_state (0, "material.original");

  /* Refusal is always lawful; its ground and legal basis show once it is chosen. */
  g_assert_true (yc_decision_is_available (decision (), YC_DECISION_REFUSE));
  g_assert_false (gtk_widget_get_visible (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                     "refuse_box")));
  yc_test_ui_choose_outcome (form (), YC_DECISION_REFUSE);
  g_assert_true (gtk_widget_get_visible (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                    "refuse_box")));
  g_assert_true (gtk_widget_get_visible (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                    "explanation_field")));

  /* The ground: false materials; its legal basis is filled in for the clerk. */
  reasons = yc_refusal_reasons (&n_reasons);
  for (guint i = 0; i < n_reasons; i++)
    if (g_str_equal (reasons[i].code, "false_materials"))
      chosen = i;
  g_assert_cmpuint (chosen, <, n_reasons);
  ground = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "ground_dropdown");
  gtk_drop_down_set_selected (ground, chosen);
  basis = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "basis_field");
  g_assert_cmpstr (yc_field_get_text (basis), ==, reasons[chosen].legal_basis);

  /* The clerk's explanation, and Ctrl+Return where it was typed. */
  explanation = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "explanation_field");
  gtk_widget_grab_focus (GTK_WIDGET (yc_field_get_entry (explanation)));
  gtk_editable_set_text (GTK_EDITABLE (yc_field_get_entry (explanation)), "户口簿与身份证信息不一致");
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (explanation)));
  press_decide_keys ("<Control>Return");
  yc_test_ui_wait_decided (form ());

  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_REFUSED);
  /* A second Ctrl+Return (a double press) decides nothing more, and starts nothing. */
  yc_test_ui_press_keys (GTK_WIDGET (window), "<Control>Return");
  yc_test_ui_drain ();
  g_assert_cmpstr (yc_intake_page_get_mode (page ()), ==, "form");
  g_assert_true (yc_intake_form_get_case (form ()) == kase);
  g_assert_true (yc_decision_pane_get_showing_result (pane ()));
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_REFUSED);
  g_assert_cmpstr (gtk_label_get_text (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                  "result_title")),
                   ==, yc_case_state_get_label (YC_CASE_STATE_REFUSED));
  g_assert_cmpstr (gtk_label_get_text (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                  "case_no_label")),
                   ==, yc_case_get_case_no (kase));
  /* The refusal notice is what the decision prints, and nothing else. */
  g_assert_cmpuint (result_documents (YC_DOC_REFUSAL), ==, 1);
  g_assert_cmpuint (result_documents (YC_DOC_RECEIPT), ==, 0);

  /* In the database: refused, with the ground, the explanation and the legal basis. */
  expected_reason = g_strdup_printf ("%s: %s", reasons[chosen].reason, "户口簿与身份证信息不一致");
  stored = stored_case (yc_case_get_uuid (kase));
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_REFUSED);
  g_assert_cmpstr (yc_case_get_case_no (stored), ==, yc_case_get_case_no (kase));
  g_assert_cmpstr (yc_case_get_reason (stored), ==, expected_reason);
  g_assert_cmpstr (yc_case_get_legal_basis (stored), ==, reasons[chosen].legal_basis);
  g_assert_null (yc_case_get_refer_department (stored));
  g_assert_cmpstr (yc_case_get_clerk (stored), ==, "王芳");
  store = yc_test_ui_open_store ();
  audit = yc_store_list_audit (store, yc_case_get_uuid (kase), &error);
  g_assert_no_error (error);
  g_assert_true (audit_has (audit, "case.create"));
  g_assert_cmpuint (outbox_count (store, yc_case_get_uuid (kase)), ==, 1);
  documents = stored_documents (yc_case_get_uuid (kase));
  g_assert_cmpuint (documents->len, ==, 1);
  g_assert_cmpint (((YcCaseDocument *) g_ptr_array_index (documents, 0))->kind, ==, YC_DOC_REFUSAL);
}

/* A refusal half prepared survives New Intake: offered back as a draft, resumed with its outcome, ground,
 * the clerk's own legal basis and explanation, and decided as it was shown. */
static void
test_refuse_draft (void)
{
  g_autoptr(YcCase) stored = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *expected_reason = NULL;
  const YcRefusalReason *reasons;
  GtkDropDown *ground;
  YcField *basis, *explanation;
  guint n_reasons, chosen = G_MAXUINT;

  ensure_app ();
  begin_intake ("居民身份证换领", ITEM_ID_CARD);
  uuid = g_strdup (yc_case_get_uuid (yc_intake_form_get_case (form ())));
  type_into ("name_field", "郑十三");
  type_into ("id_field", "321083197812162119");
  yc_test_ui_choose_outcome (form (), YC_DECISION_REFUSE);
  reasons = yc_refusal_reasons (&n_reasons);
  for (guint i = 0; i < n_reasons; i++)
    if (g_str_equal (reasons[i].code, "not_eligible"))
      chosen = i;
  g_assert_cmpuint (chosen, <, n_reasons);
  ground = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "ground_dropdown");
  gtk_drop_down_set_selected (ground, chosen);
  basis = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "basis_field");
  explanation = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "explanation_field");
  /* The clerk narrows the legal basis down, and explains. */
  gtk_widget_grab_focus (GTK_WIDGET (yc_field_get_entry (basis)));
  gtk_editable_set_text (GTK_EDITABLE (yc_field_get_entry (basis)), "《居民身份证法》第八条");
  gtk_widget_grab_focus (GTK_WIDGET (yc_field_get_entry (explanation)));
  gtk_editable_set_text (GTK_EDITABLE (yc_field_get_entry (explanation)), "非本市户籍");

  /* The next applicant first: Ctrl+N keeps this one as a draft, offered back. */
  yc_test_ui_press_keys (GTK_WIDGET (window), "<Control>n");
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_offered_draft (page ()), uuid) == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "intake.resume-draft", NULL));
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_mode (page ()), "form") == 0 &&
            yc_intake_form_get_case (form ()) != NULL &&
            g_strcmp0 (yc_case_get_uuid (yc_intake_form_get_case (form ())), uuid) == 0);

  /* Back as it was, and shown so: the Refuse button is the one checked. */
  g_assert_cmpint (yc_decision_pane_get_outcome (pane ()), ==, YC_DECISION_REFUSE);
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (
                   yc_test_ui_outcome_button (form (), YC_DECISION_REFUSE))));
  g_assert_true (gtk_widget_get_visible (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                    "refuse_box")));
  g_assert_cmpuint (gtk_drop_down_get_selected (ground), ==, chosen);
  g_assert_cmpstr (yc_field_get_text (basis), ==, "《居民身份证法》第八条");
  g_assert_cmpstr (yc_field_get_text (explanation), ==, "非本市户籍");

  gtk_widget_grab_focus (GTK_WIDGET (yc_field_get_entry (explanation)));
  press_decide_keys ("<Control>Return");
  yc_test_ui_wait_decided (form ());
  stored = stored_case (uuid);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_REFUSED);
  g_assert_cmpstr (yc_case_get_legal_basis (stored), ==, "《居民身份证法》第八条");
  expected_reason = g_strdup_printf ("%s: %s", reasons[chosen].reason, "非本市户籍");
  g_assert_cmpstr (yc_case_get_reason (stored), ==, expected_reason);
}

/* 告知/转办: not this window's business; the department to apply to is required, Ctrl+Return without it
 * says so; referred in the store, nothing printed. */
static void
test_refer (void)
{
  g_autoptr(YcStore) store = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(GPtrArray) documents = NULL;
  g_autofree char *blocker = NULL;
  YcField *department;
  YcCase *kase;
  GListModel *results;
  const char *details;

  ensure_app ();
  /* Keys only, to the form: Ctrl+N, the search, Ctrl+Return on the result. */
  yc_test_ui_press_keys (GTK_WIDGET (window), "<Control>n");
  yc_test_ui_drain ();
  g_assert_cmpstr (yc_intake_page_get_mode (page ()), ==, "choose");
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (yc_intake_page_get_search_entry (page ()))));
  gtk_editable_set_text (yc_intake_page_get_search_entry (page ()), "出生登记");
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_results_query (page ()), "出生登记") == 0 &&
            g_strcmp0 (yc_intake_page_get_state (page ()), "results") == 0);
  results = yc_intake_page_get_results (page ());
  for (guint i = 0; i < g_list_model_get_n_items (results); i++)
    {
      g_autoptr(YcItem) item = g_list_model_get_item (results, i);

      if (g_strcmp0 (yc_item_get_code (item), ITEM_BIRTH) == 0)
        gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (results), i);
    }
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (yc_intake_page_get_search_entry (page ()))));
  yc_test_ui_press_keys (GTK_WIDGET (window), "<Control>Return");
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_mode (page ()), "form") == 0 &&
            yc_intake_form_get_case (form ()) != NULL &&
            g_strcmp0 (yc_case_get_item_code (yc_intake_form_get_case (form ())), ITEM_BIRTH) == 0);
  kase = yc_intake_form_get_case (form ());
  type_into ("name_field", "周十一");
  type_into ("id_field", "360426199101010071");

  g_assert_true (yc_decision_is_available (decision (), YC_DECISION_REFER));
  yc_test_ui_choose_outcome (form (), YC_DECISION_REFER);
  department = yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE, "department_field");
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (department)));
  g_assert_false (gtk_widget_get_visible (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                     "refuse_box")));

  /* Ctrl+Return with no department: not decided, the reason shown as an error. */
  gtk_widget_grab_focus (GTK_WIDGET (yc_field_get_entry (department)));
  blocker = yc_decision_pane_get_blocker (pane ());
  g_assert_nonnull (blocker);
  press_decide_keys ("<Control>Return");
  yc_test_ui_drain ();
  g_assert_false (yc_intake_form_get_decided (form ()));
  g_assert_cmpstr (yc_decision_pane_get_problem (pane ()), ==, blocker);
  g_assert_true (gtk_widget_has_css_class (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                                      "problem_label"), "error"));

  /* The department, then Ctrl+Return again. */
  gtk_editable_set_text (GTK_EDITABLE (yc_field_get_entry (department)), "北方市公安局出入境管理支队");
  g_assert_true (yc_test_ui_focus_is_in (GTK_WIDGET (department)));
  press_decide_keys ("<Control>KP_Enter");
  yc_test_ui_wait_decided (form ());

  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_REFERRED);
  details = gtk_label_get_text (yc_test_ui_template_child (pane (), YC_TYPE_DECISION_PANE,
                                                           "result_details_label"));
  g_assert_nonnull (strstr (details, "北方市公安局出入境管理支队"));
  /* A referral prints nothing: the clerk tells the applicant where to go. */
  g_assert_cmpuint (result_documents (YC_DOC_REFUSAL), ==, 0);
  g_assert_false (gtk_widget_get_visible (GTK_WIDGET (yc_decision_pane_get_document_list (pane ()))));

  stored = stored_case (yc_case_get_uuid (kase));
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_REFERRED);
  g_assert_cmpstr (yc_case_get_refer_department (stored), ==, "北方市公安局出入境管理支队");
  g_assert_nonnull (strstr (yc_case_get_reason (stored), "北方市公安局出入境管理支队"));
  store = yc_test_ui_open_store ();
  g_assert_cmpuint (outbox_count (store, yc_case_get_uuid (kase)), ==, 1);
  documents = stored_documents (yc_case_get_uuid (kase));
  g_assert_cmpuint (documents->len, ==, 0);
}

/* Switching pages keeps the intake as it was, and writes its draft at once. */
static void
test_page_switch_keeps_intake (void)
{
  YcCase *kase;
  g_autofree char *uuid = NULL;

  ensure_app ();
  begin_intake ("出生登记", ITEM_BIRTH);
  kase = yc_intake_form_get_case (form ());
  uuid = g_strdup (yc_case_get_uuid (kase));
  type_into ("name_field", "赵六");
  press_state (0, "material.original");

  yc_window_show_page (window, "cases");
  /* No pause needed: leaving the page wrote it. */
  g_assert_true (yc_intake_form_get_saving (form ()));
  WAIT_FOR (!yc_intake_form_get_saving (form ()));
  g_assert_cmpuint (count_drafts (), >=, 1);

  yc_window_show_page (window, "intake");
  g_assert_cmpstr (yc_intake_page_get_mode (page ()), ==, "form");
  g_assert_true (yc_intake_form_get_case (form ()) == kase);
  g_assert_cmpstr (yc_field_get_text (field ("name_field")), ==, "赵六");
  g_assert_cmpint (row_state (0), ==, YC_MATERIAL_STATE_ORIGINAL_CHECKED);

  /* Ctrl+F and back: still the same visit. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  g_assert_cmpstr (yc_intake_page_get_mode (page ()), ==, "choose");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "intake.show-form", NULL));
  g_assert_true (yc_intake_form_get_case (form ()) == kase);

  /* Ctrl+N keeps it as a draft, offered back on the page. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-intake", NULL);
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_offered_draft (page ()), uuid) == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "intake.discard-draft", NULL));
  WAIT_FOR (yc_intake_page_get_offered_draft (page ()) == NULL);
}


/* Ctrl+Enter on a search result starts the intake without opening the item first; the applicant of an
 * intake under way comes along to the other item. */
static void
test_ctrl_enter_keeps_applicant (void)
{
  YcIntakePage *p;
  YcCase *kase;
  g_autofree char *uuid = NULL;

  ensure_app ();
  begin_intake ("出生登记", ITEM_BIRTH);
  type_into ("name_field", "钱九");
  type_into ("id_field", "321083197812162119");

  /* The clerk picked the wrong item: Ctrl+F, another search, Ctrl+Enter on the result. */
  g_action_group_activate_action (G_ACTION_GROUP (window), "search", NULL);
  p = page ();
  g_assert_cmpstr (yc_intake_page_get_mode (p), ==, "choose");
  g_assert_true (gtk_revealer_get_reveal_child (yc_test_ui_template_child (p, YC_TYPE_INTAKE_PAGE,
                                                                           "return_revealer")));
  gtk_editable_set_text (yc_intake_page_get_search_entry (p), "居民身份证换领");
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_results_query (p), "居民身份证换领") == 0 &&
            g_strcmp0 (yc_intake_page_get_state (p), "results") == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (p), "intake.start-selected", NULL));
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_mode (p), "form") == 0 &&
            g_strcmp0 (yc_case_get_item_code (yc_intake_form_get_case (form ())), ITEM_ID_CARD) == 0);
  kase = yc_intake_form_get_case (form ());
  g_assert_cmpstr (yc_party_get_name (yc_case_get_applicant (kase)), ==, "钱九");
  g_assert_cmpstr (yc_field_get_text (field ("id_field")), ==, "321083197812162119");
  g_assert_cmpuint (g_list_model_get_n_items (yc_case_get_materials (kase)), ==, 4);

  /* Not wanted after all: New Intake keeps it as a draft, offered back; Discard ends it. */
  uuid = g_strdup (yc_case_get_uuid (kase));
  g_action_group_activate_action (G_ACTION_GROUP (window), "new-intake", NULL);
  WAIT_FOR (g_strcmp0 (yc_intake_page_get_offered_draft (page ()), uuid) == 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "intake.discard-draft", NULL));
  WAIT_FOR (yc_intake_page_get_offered_draft (page ()) == NULL);
  /* The offer goes at once; the discard reaches the disk on the writer thread a little later. */
  WAIT_FOR (count_drafts () == 0);
}

/* --- the Cases page --- */

static YcCasesPage *
cases_page (void)
{
  return yc_window_get_cases_page (window);
}

static guint
show_cases (YcCaseFilter  filter,
            const char   *search)
{
  YcCasesPage *p = cases_page ();

  yc_cases_page_set_filter (p, filter);
  gtk_editable_set_text (yc_cases_page_get_search_entry (p), search != NULL ? search : "");
  yc_cases_page_refresh (p);
  WAIT_FOR (!yc_cases_page_get_loading (p));
  return g_list_model_get_n_items (yc_cases_page_get_cases (p));
}

static YcCase *
shown_case (void)
{
  return yc_case_detail_get_case (yc_cases_page_get_detail (cases_page ()));
}

static void
select_case (guint position)
{
  YcCaseDetail *detail = yc_cases_page_get_detail (cases_page ());

  yc_cases_page_select (cases_page (), position);
  WAIT_FOR (yc_case_detail_get_case (detail) != NULL && yc_case_detail_get_loaded (detail));
}

/* Filters, search, the detail with its history, and the audited reveal of an ID. */
static void
test_cases_list (void)
{
  YcCaseDetail *detail;
  GtkLabel *message;
  g_autoptr(YcStore) store = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;

  ensure_app ();
  yc_window_show_page (window, "cases");
  detail = yc_cases_page_get_detail (cases_page ());

  /* The three decided cases of the tests before. */
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_ALL, NULL), >=, 3);
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_NOTICE_ISSUED, NULL), ==, 1);
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_TOLERANCE_PENDING, NULL), ==, 1);
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_MINE, NULL), >=, 3);

  /* The whole ID finds the case; a part of it never does. */
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_ALL, "11010519491231002X"), ==, 1);
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_ALL, "110105194912"), ==, 0);
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_ALL, "张三"), ==, 1);

  select_case (0);
  uuid = g_strdup (yc_case_get_uuid (shown_case ()));
  g_assert_cmpstr (yc_case_detail_get_shown_id (detail), ==, "110105********002X");
  /* History: the decision, and this view. */
  g_assert_nonnull (gtk_list_box_get_row_at_index (yc_case_detail_get_timeline_list (detail), 1));
  g_assert_nonnull (gtk_list_box_get_row_at_index (yc_case_detail_get_materials_list (detail), 4));

  g_assert_cmpuint (show_cases (YC_CASE_FILTER_ALL, NULL), >=, 3);
  yc_test_ui_screenshot (GTK_WIDGET (window), "cases");
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_ALL, "张三"), ==, 1);
  /* The clerk picks the one row found. The case shown before (the newest by when its intake began)
   * need not be 张三's: other tests' cases share the masked ID, and a filter that leaves out the case
   * on display does not replace it. */
  select_case (0);
  g_assert_cmpstr (yc_party_get_name (yc_case_get_applicant (shown_case ())), ==, "张三");
  message = GTK_LABEL (yc_test_ui_template_child (GTK_WIDGET (detail), YC_TYPE_CASE_DETAIL,
                                                  "message_label"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "case.reveal-id", NULL));
  /* A refused reveal shows why under the detail: fail with that, not with a timeout. */
  WAIT_FOR (g_strcmp0 (yc_case_detail_get_shown_id (detail), "11010519491231002X") == 0 ||
            gtk_widget_get_visible (GTK_WIDGET (message)));
  g_assert_cmpstr (gtk_widget_get_visible (GTK_WIDGET (message)) ? gtk_label_get_text (message) : NULL,
                   ==, NULL);
  store = yc_test_ui_open_store ();
  audit = yc_store_list_audit (store, uuid, &error);
  g_assert_no_error (error);
  g_assert_true (audit_has (audit, "id.revealed"));
  g_assert_true (audit_has (audit, "case.view"));
  /* Hiding it again is not audited: nothing was shown. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "case.reveal-id", NULL));
  g_assert_cmpstr (yc_case_detail_get_shown_id (detail), ==, "110105********002X");
}

/* Supplement a tolerance case; withdraw one; reopen the one-time notice and accept it. */
static void
test_cases_follow_ups (void)
{
  YcCaseDetail *detail;
  AdwMessageDialog *dialog;
  g_autoptr(YcCase) supplemented = NULL;
  g_autoptr(YcCase) withdrawn = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *case_no = NULL;
  GtkListBox *rows;
  YcCase *kase;

  ensure_app ();
  yc_window_show_page (window, "cases");
  detail = yc_cases_page_get_detail (cases_page ());

  /* Supplement: the tolerated premises proof arrives. */
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_TOLERANCE_PENDING, NULL), ==, 1);
  select_case (0);
  uuid = g_strdup (yc_case_get_uuid (shown_case ()));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "case.supplement", NULL));
  rows = yc_case_detail_get_materials_list (detail);
  gtk_widget_grab_focus (GTK_WIDGET (gtk_list_box_get_row_at_index (rows, 4)));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (gtk_list_box_get_row_at_index (rows, 4)),
                                             "material.original", NULL));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "case.confirm-supplement", NULL));
  WAIT_FOR (shown_case () != NULL && g_strcmp0 (yc_case_get_uuid (shown_case ()), uuid) == 0 &&
            yc_case_get_state (shown_case ()) != YC_CASE_STATE_TOLERANCE_ACCEPTED);
  supplemented = stored_case (uuid);
  g_assert_true (yc_case_get_state (supplemented) == YC_CASE_STATE_SUPPLEMENTED ||
                 yc_case_get_state (supplemented) == YC_CASE_STATE_IN_REVIEW);
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_TOLERANCE_PENDING, NULL), ==, 0);

  /* Withdraw the accepted 出生登记 case, with its reason. */
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_ALL, "张三"), ==, 1);
  select_case (0);
  g_free (uuid);
  uuid = g_strdup (yc_case_get_uuid (shown_case ()));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "case.withdraw", NULL));
  dialog = find_message_dialog ();
  g_assert_nonnull (dialog);
  gtk_editable_set_text (GTK_EDITABLE (adw_message_dialog_get_extra_child (dialog)), "申请人主动撤回");
  adw_message_dialog_response (dialog, "apply");
  gtk_window_destroy (GTK_WINDOW (dialog));
  WAIT_FOR (shown_case () != NULL && yc_case_get_state (shown_case ()) == YC_CASE_STATE_WITHDRAWN);
  withdrawn = stored_case (uuid);
  g_assert_cmpint (yc_case_get_state (withdrawn), ==, YC_CASE_STATE_WITHDRAWN);
  g_assert_cmpstr (yc_case_get_reason (withdrawn), ==, "申请人主动撤回");
  /* Closed: nothing more can be done with it. */
  g_assert_false (gtk_widget_is_sensitive (yc_test_ui_template_child (detail, YC_TYPE_CASE_DETAIL,
                                                                      "withdraw_button")));

  /* The one-time notice: the applicant is back with the photo. */
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_NOTICE_ISSUED, NULL), ==, 1);
  select_case (0);
  g_free (uuid);
  uuid = g_strdup (yc_case_get_uuid (shown_case ()));
  case_no = g_strdup (yc_case_get_case_no (shown_case ()));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (detail), "case.reopen", NULL));
  WAIT_FOR (g_strcmp0 (yc_window_get_visible_page (window), "intake") == 0 &&
            yc_intake_form_get_case (form ()) != NULL &&
            g_strcmp0 (yc_case_get_uuid (yc_intake_form_get_case (form ())), uuid) == 0);
  kase = yc_intake_form_get_case (form ());
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_DRAFT);
  g_assert_cmpstr (yc_field_get_text (field ("name_field")), ==, "王五");
  g_assert_cmpint (row_state (0), ==, YC_MATERIAL_STATE_ORIGINAL_CHECKED);
  press_state (3, "material.original");
  g_assert_true (yc_decision_is_available (decision (), YC_DECISION_ACCEPT));
  decide_and_wait ();
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_ACCEPTED);
  yc_test_ui_screenshot (GTK_WIDGET (window), "reopened-accepted");
  /* Same case, same number. */
  g_assert_cmpstr (yc_case_get_case_no (kase), ==, case_no);
}

/* A tolerance case whose supplement deadline passed turns overdue when the Cases page lists the
 * cases: audited, by the workstation. */
static void
test_cases_overdue (void)
{
  g_autoptr(YcStore) store = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *uuid = NULL;
  g_autofree char *sql = NULL;
  sqlite3 *db = NULL;
  gboolean marked = FALSE;

  ensure_app ();
  begin_intake ("有限责任公司设立登记", ITEM_COMPANY);
  uuid = g_strdup (yc_case_get_uuid (yc_intake_form_get_case (form ())));
  gtk_toggle_button_set_active (yc_test_ui_template_child (applicant (), YC_TYPE_APPLICANT_FORM,
                                                           "organisation_button"), TRUE);
  type_into ("name_field", "北方市远航贸易有限公司");
  type_into ("id_field", "91350100M000100Y44");
  g_signal_emit_by_name (field ("id_field"), "action");
  type_into ("legal_rep_field", "赵四");
  type_into ("phone_field", "010-87654322");
  for (guint i = 0; i < 4; i++)
    press_state (i, "material.original");
  press_state (4, "material.tolerated");
  press_state (5, "material.copy");
  g_assert_cmpint (yc_decision_pane_get_outcome (pane ()), ==, YC_DECISION_TOLERANCE_ACCEPT);
  decide_and_wait ();

  /* Not late yet: listing leaves it waiting for the supplement. */
  yc_window_show_page (window, "cases");
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_OVERDUE, NULL), ==, 0);
  stored = stored_case (uuid);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  g_clear_object (&stored);

  /* Time passes: the promised supplement date is behind us. */
  g_assert_cmpint (sqlite3_open (db_path, &db), ==, SQLITE_OK);
  sql = sqlite3_mprintf ("UPDATE case_materials SET supplement_deadline = '2001-02-03' "
                         "WHERE case_uuid = %Q AND state = 'tolerated'", uuid);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (db), ==, 1);
  sqlite3_free (g_steal_pointer (&sql));
  sqlite3_close (db);

  /* A refresh started by the decision's own events may still be in flight: list again until the
   * case shows (bounded by WAIT_FOR's timeout). */
  WAIT_FOR (show_cases (YC_CASE_FILTER_OVERDUE, NULL) == 1);
  {
    g_autoptr(YcCase) listed = g_list_model_get_item (yc_cases_page_get_cases (cases_page ()), 0);

    g_assert_cmpstr (yc_case_get_uuid (listed), ==, uuid);
  }
  stored = stored_case (uuid);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_OVERDUE);
  store = yc_test_ui_open_store ();
  audit = yc_store_list_audit (store, uuid, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->len; i++)
    {
      YcAuditEntry *entry = g_ptr_array_index (audit, i);

      if (g_strcmp0 (entry->action, "case.mark_overdue") == 0)
        {
          g_assert_cmpstr (entry->actor, ==, YC_STORE_SYSTEM_ACTOR);
          marked = TRUE;
        }
    }
  g_assert_true (marked);
  /* Listing again marks nothing twice. */
  g_assert_cmpuint (show_cases (YC_CASE_FILTER_OVERDUE, NULL), ==, 1);
  g_clear_pointer (&audit, g_ptr_array_unref);
  audit = yc_store_list_audit (store, uuid, &error);
  {
    guint n = 0;

    for (guint i = 0; i < audit->len; i++)
      if (g_strcmp0 (((YcAuditEntry *) g_ptr_array_index (audit, i))->action,
                     "case.mark_overdue") == 0)
        n++;
    g_assert_cmpuint (n, ==, 1);
  }
  yc_window_show_page (window, "intake");
}

/* --- a draft through kill -9 --- */

#define DRAFT_NAME "孙七"

/* Runs in a child process: half an intake, then waits for SIGKILL once the draft is on disk. */
static int
draft_fill_child (void)
{
  GtkToggleButton *agent_expander;

  start_app ();
  begin_intake ("出生登记", ITEM_BIRTH);
  type_into ("name_field", DRAFT_NAME);
  type_into ("id_field", "321083197812162119");
  type_into ("phone_field", "0571-87654321");
  type_into ("address_field", "北方市西城区1号");
  agent_expander = yc_test_ui_template_child (applicant (), YC_TYPE_APPLICANT_FORM, "agent_expander");
  gtk_expander_set_expanded (GTK_EXPANDER (agent_expander), TRUE);
  type_into ("agent_name_field", "周八");
  type_into ("agent_id_field", "11010519491231002X");
  type_into ("agent_relation_field", "女儿");
  yc_test_ui_screenshot (GTK_WIDGET (window), "agent");
  gtk_check_button_set_active (yc_test_ui_template_child (applicant (), YC_TYPE_APPLICANT_FORM,
                                                          "false_promise_check"),
                               TRUE);
  press_state (0, "material.original");
  press_state (1, "material.copy");
  /* The note, typed in the material's menu. */
  gtk_editable_set_text (yc_test_ui_template_child (row (1), YC_TYPE_MATERIAL_ROW, "note_entry"),
                         "复印件需加盖公章");
  yc_material_row_choose_state (row (3), YC_MATERIAL_STATE_NOT_APPLICABLE, "非婚生育");

  WAIT_FOR (!yc_intake_form_get_saving (form ()));
  g_print ("draft-saved %s\n", yc_case_get_uuid (yc_intake_form_get_case (form ())));
  fflush (stdout);
  /* Mid-intake, as when the power goes: the parent kills this process. */
  for (;;)
    g_main_context_iteration (NULL, TRUE);
  return 0;
}

static void
test_draft_after_sigkill (void)
{
  if (g_test_subprocess ())
    {
      YcCase *kase;
      YcApplicantForm *form_widget;
      GtkLabel *drafts_label;

      /* Started again: the unfinished intake is offered, and comes back whole. */
      start_app ();
      WAIT_FOR (yc_intake_page_get_offered_draft (page ()) != NULL);
      drafts_label = yc_test_ui_template_child (page (), YC_TYPE_INTAKE_PAGE, "drafts_label");
      g_assert_nonnull (strstr (gtk_label_get_text (drafts_label), DRAFT_NAME));
      g_assert_nonnull (strstr (gtk_label_get_text (drafts_label), "出生登记"));
      g_assert_true (gtk_revealer_get_reveal_child (yc_test_ui_template_child (page (), YC_TYPE_INTAKE_PAGE,
                                                                               "drafts_revealer")));
      g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page ()), "intake.resume-draft", NULL));
      WAIT_FOR (g_strcmp0 (yc_intake_page_get_mode (page ()), "form") == 0 &&
                yc_intake_form_get_case (form ()) != NULL);
      kase = yc_intake_form_get_case (form ());
      g_assert_cmpstr (yc_case_get_uuid (kase), ==, g_getenv ("YC_TEST_DRAFT_UUID"));
      form_widget = applicant ();
      g_assert_cmpstr (yc_field_get_text (field ("name_field")), ==, DRAFT_NAME);
      g_assert_cmpstr (yc_field_get_text (field ("id_field")), ==, "321083197812162119");
      g_assert_true (yc_field_get_masked (field ("id_field")));
      g_assert_cmpstr (yc_field_get_text (field ("phone_field")), ==, "0571-87654321");
      g_assert_cmpstr (yc_field_get_text (field ("address_field")), ==, "北方市西城区1号");
      g_assert_true (gtk_expander_get_expanded (yc_test_ui_template_child (form_widget,
                                                                           YC_TYPE_APPLICANT_FORM,
                                                                           "agent_expander")));
      g_assert_cmpstr (yc_field_get_text (field ("agent_name_field")), ==, "周八");
      g_assert_cmpstr (yc_field_get_text (field ("agent_id_field")), ==, "11010519491231002X");
      g_assert_cmpstr (yc_field_get_text (field ("agent_relation_field")), ==, "女儿");
      g_assert_true (gtk_check_button_get_active (yc_test_ui_template_child (form_widget,
                                                                             YC_TYPE_APPLICANT_FORM,
                                                                             "false_promise_check")));
      g_assert_false (gtk_check_button_get_active (yc_test_ui_template_child (form_widget,
                                                                              YC_TYPE_APPLICANT_FORM,
                                                                              "bad_credit_check")));
      g_assert_cmpint (row_state (0), ==, YC_MATERIAL_STATE_ORIGINAL_CHECKED);
      g_assert_cmpuint (yc_case_material_get_copies (yc_material_row_get_material (row (0))), ==, 1);
      g_assert_cmpint (row_state (1), ==, YC_MATERIAL_STATE_COPY_RECEIVED);
      g_assert_cmpstr (yc_case_material_get_note (yc_material_row_get_material (row (1))), ==,
                       "复印件需加盖公章");
      g_assert_cmpint (row_state (2), ==, YC_MATERIAL_STATE_PENDING);
      g_assert_cmpint (row_state (3), ==, YC_MATERIAL_STATE_NOT_APPLICABLE);
      g_assert_cmpstr (yc_case_material_get_note (yc_material_row_get_material (row (3))), ==, "非婚生育");
      /* And it carries on: the last required material, then accept. */
      press_state (2, "material.original");
      g_assert_true (yc_decision_is_available (decision (), YC_DECISION_ACCEPT));
      decide_and_wait ();
      g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_ACCEPTED);
      return;
    }

  {
    g_autofree char *draft_db = g_build_filename (tmp_dir, "draft.db", NULL);
    g_autoptr(GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
    g_autoptr(GSubprocess) child = NULL;
    g_autoptr(GDataInputStream) out = NULL;
    g_autoptr(GError) error = NULL;
    g_autofree char *line = NULL;
    g_autofree char *saved_db = g_strdup (db_path);
    g_autofree char *child_dir = g_build_filename (tmp_dir, "child", NULL);

    g_subprocess_launcher_setenv (launcher, "YC_DATABASE", draft_db, TRUE);
    g_subprocess_launcher_setenv (launcher, "YC_TEST_DRAFT_FILL", "1", TRUE);
    g_subprocess_launcher_setenv (launcher, "YC_TEST_CHILD_DIR", child_dir, TRUE);
    child = g_subprocess_launcher_spawn (launcher, &error, argv0, NULL);
    g_assert_no_error (error);
    out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));
    /* Blocks until the child says its draft is on disk (or dies: NULL). GTest's own messages come
     * first. */
    do
      {
        g_free (line);
        line = g_data_input_stream_read_line_utf8 (out, NULL, NULL, &error);
        g_assert_no_error (error);
        g_assert_nonnull (line);
      }
    while (!g_str_has_prefix (line, "draft-saved "));

    g_subprocess_force_exit (child);   /* SIGKILL */
    g_subprocess_wait (child, NULL, &error);
    g_assert_no_error (error);
    g_assert_true (g_subprocess_get_if_signaled (child));
    g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);

    g_setenv ("YC_DATABASE", draft_db, TRUE);
    g_setenv ("YC_TEST_DRAFT_UUID", line + strlen ("draft-saved "), TRUE);
    g_test_trap_subprocess (NULL, 120 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_INHERIT_STDERR);
    g_setenv ("YC_DATABASE", saved_db, TRUE);
    g_test_trap_assert_passed ();
  }
}

int
main (int   argc,
      char *argv[])
{
  gboolean fill_child = g_getenv ("YC_TEST_DRAFT_FILL") != NULL;
  int ret;

  argv0 = argv[0];
  if (fill_child)
    {
      /* Outside g_test_run() nothing isolates the XDG directories: point them into the parent's
       * temporary directory before anything reads them. */
      const char *dir = g_getenv ("YC_TEST_CHILD_DIR");

      g_assert_nonnull (dir);
      for (const char * const *var = (const char * const[]) { "XDG_DATA_HOME", "XDG_CONFIG_HOME",
                                                              "XDG_CACHE_HOME", NULL };
           *var != NULL; var++)
        {
          g_autofree char *path = g_build_filename (dir, *var, NULL);

          g_mkdir_with_parents (path, 0700);
          g_setenv (*var, path, TRUE);
        }
    }
  if (!yc_test_ui_init (&argc, &argv, TRUE))
    return 77;

  if (fill_child)
    {
      db_path = g_strdup (g_getenv ("YC_DATABASE"));
      return draft_fill_child ();
    }
  tmp_dir = g_dir_make_tmp ("yc-test-ui-intake-XXXXXX", NULL);
  g_assert_nonnull (tmp_dir);
  if (g_getenv ("YC_DATABASE") != NULL && g_test_subprocess ())
    db_path = g_strdup (g_getenv ("YC_DATABASE"));
  else
    {
      db_path = g_build_filename (tmp_dir, "yichuang.db", NULL);
      g_setenv ("YC_DATABASE", db_path, TRUE);
    }

  g_test_add_func ("/yc/ui-intake/accept", test_accept);
  g_test_add_func ("/yc/ui-intake/tolerance", test_tolerance);
  g_test_add_func ("/yc/ui-intake/notice", test_notice);
  g_test_add_func ("/yc/ui-intake/refuse", test_refuse);
  g_test_add_func ("/yc/ui-intake/refuse-draft", test_refuse_draft);
  g_test_add_func ("/yc/ui-intake/refer", test_refer);
  g_test_add_func ("/yc/ui-intake/page-switch-keeps-intake", test_page_switch_keeps_intake);
  g_test_add_func ("/yc/ui-intake/ctrl-enter-keeps-applicant", test_ctrl_enter_keeps_applicant);
  g_test_add_func ("/yc/ui-intake/cases/list", test_cases_list);
  g_test_add_func ("/yc/ui-intake/cases/follow-ups", test_cases_follow_ups);
  g_test_add_func ("/yc/ui-intake/cases/overdue", test_cases_overdue);
  g_test_add_func ("/yc/ui-intake/draft-after-sigkill", test_draft_after_sigkill);

  ret = g_test_run ();

  yc_test_ui_app_close (&app);
  yc_test_remove_tree (tmp_dir);
  g_free (tmp_dir);
  g_free (db_path);

  return ret;
}
