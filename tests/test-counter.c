/* test-counter.c: the counter workflow in the store, on real SQLite files: deciding each outcome in
 * one transaction, follow-ups (supplement, overdue, withdraw, void, reopen), the Cases filters and
 * search, the audited reveal of an ID, drafts. */
#include <string.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#include "yc-store.h"
#include "yc-store-private.h"
#include "yc-store-case-record.h"
#include "yc-case-json.h"
#include "yc-case-state.h"
#include "yc-case-number.h"

/* --- fixtures --- */

static const char *catalogue_json =
  "{\"version\": \"t1\", \"region\": \"北方市\","
  " \"code_lists\": {\"item_type\": [{\"code\": \"XK\", \"label\": \"行政许可\"},"
  "                                  {\"code\": \"QR\", \"label\": \"行政确认\"}]},"
  " \"items\": ["
  "  {\"code\": \"HOUSE\", \"name\": \"不动产转移登记\","
  "   \"department\": \"北方市不动产登记中心\", \"item_type\": \"XK\","
  "   \"case_type\": \"promised\", \"legal_days\": 20, \"promised_days\": 10,"
  "   \"commitment_allowed\": true, \"legal_basis\": \"《不动产登记暂行条例》\","
  "   \"materials\": ["
  "     {\"code\": \"M1\", \"name\": \"身份证明\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true, \"licence_type\": \"居民身份证\"},"
  "     {\"code\": \"M2\", \"name\": \"购房合同\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true},"
  "     {\"code\": \"M3\", \"name\": \"完税证明\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true, \"tolerable\": true, \"supplement_days\": 5},"
  "     {\"code\": \"M4\", \"name\": \"婚姻证明\", \"originals\": 1, \"form\": \"either\","
  "      \"required\": true, \"tolerable\": true, \"supplement_days\": 15,"
  "      \"licence_type\": \"结婚证\"}]},"
  "  {\"code\": \"BIRTH\", \"name\": \"出生登记\", \"department\": \"北方市公安局\","
  "   \"item_type\": \"QR\", \"case_type\": \"immediate\", \"legal_days\": 20,"
  "   \"promised_days\": 0, \"legal_basis\": \"《中华人民共和国户口登记条例》第七条\","
  "   \"materials\": ["
  "     {\"code\": \"M1\", \"name\": \"出生医学证明\", \"originals\": 1, \"form\": \"paper\","
  "      \"required\": true}]}"
  " ]}";

#define APPLICANT_ID "11010519491231002X"
#define AGENT_ID     "360426199101010071"

static char *
db_path (const char *name)
{
  return g_build_filename (g_get_user_data_dir (), "counter-test", name, NULL);
}

static YcStore *
open_store (const char *path)
{
  g_autoptr(GError) error = NULL;
  YcStore *store = yc_store_open (path, &error);

  g_assert_no_error (error);
  return store;
}

static YcStore *
new_store (const char *name)
{
  g_autofree char *path = db_path (name);
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = g_bytes_new_static (catalogue_json, strlen (catalogue_json));
  g_autoptr(YcCatalogue) catalogue = yc_catalogue_parse (bytes, &error);
  YcStore *store;

  g_assert_no_error (error);
  store = open_store (path);
  g_assert_true (yc_store_import_catalogue (store, catalogue, &error));
  g_assert_no_error (error);
  return store;
}

static YcCalendar *
calendar (void)
{
  static YcCalendar *cal;

  if (cal == NULL)
    {
      g_autoptr(GError) error = NULL;

      cal = yc_calendar_new_default (&error);
      g_assert_no_error (error);
    }
  return cal;
}

static GDate *
local_today (void)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();

  return g_date_new_dmy (g_date_time_get_day_of_month (now), g_date_time_get_month (now),
                         g_date_time_get_year (now));
}

static YcItem *
get_item (YcStore    *store,
          const char *code)
{
  g_autoptr(GError) error = NULL;
  YcItem *item = yc_store_get_item (store, code, &error);

  g_assert_no_error (error);
  return item;
}

static YcMaterialState
state_of (char c)
{
  switch (c)
    {
    case 'O': return YC_MATERIAL_STATE_ORIGINAL_CHECKED;
    case 'C': return YC_MATERIAL_STATE_COPY_RECEIVED;
    case 'S': return YC_MATERIAL_STATE_SCANNED;
    case 'L': return YC_MATERIAL_STATE_LICENCE;
    case 'T': return YC_MATERIAL_STATE_TOLERATED;
    case 'K': return YC_MATERIAL_STATE_COMMITMENT;
    case 'P': return YC_MATERIAL_STATE_PENDING;
    default: g_assert_not_reached ();
    }
}

/* A draft for @item_code with one state letter per material (see state_of), an applicant with the
 * test ID and phone, and an agent. */
static YcCase *
new_draft (YcStore    *store,
           const char *item_code,
           const char *states,
           const char *clerk,
           const char *applicant_name)
{
  g_autoptr(YcItem) item = get_item (store, item_code);
  g_autoptr(YcParty) applicant = yc_party_new (YC_PARTY_PERSON);
  g_autoptr(YcParty) agent = yc_party_new (YC_PARTY_PERSON);
  YcCase *kase = yc_case_new_for_item (item);
  GListModel *materials = yc_case_get_materials (kase);

  g_object_set (applicant, "name", applicant_name, "id-number", APPLICANT_ID, "phone",
                "13800138000", "address", "北方市北城区幸福路1号", NULL);
  g_object_set (agent, "name", "李四", "id-number", AGENT_ID, "relation", "子女",
                "authorisation", "书面委托书", NULL);
  g_object_set (kase, "applicant", applicant, "agent", agent, "window-code", "W01", "clerk", clerk,
                NULL);

  g_assert_cmpuint (strlen (states), ==, g_list_model_get_n_items (materials));
  for (guint i = 0; states[i] != '\0'; i++)
    {
      g_autoptr(YcCaseMaterial) m = g_list_model_get_item (materials, i);

      yc_case_material_set_state (m, state_of (states[i]));
    }
  return kase;
}

static YcCase *
decide (YcStore          *store,
        const char       *item_code,
        const char       *states,
        YcDecisionOutcome outcome,
        const char       *clerk,
        const char       *applicant_name)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = get_item (store, item_code);
  YcCase *kase = new_draft (store, item_code, states, clerk, applicant_name);

  if (outcome == YC_DECISION_REFUSE)
    g_object_set (kase, "reason", "申请事项依法不属于本行政机关职权范围",
                  "legal-basis", "《中华人民共和国行政许可法》第三十二条第一款第（二）项", NULL);
  if (outcome == YC_DECISION_REFER)
    g_object_set (kase, "reason", "不属于本中心职权范围", "refer-department", "北方市税务局", NULL);
  g_assert_true (yc_store_decide_case (store, kase, item, outcome, calendar (), clerk, &error));
  g_assert_no_error (error);
  return kase;
}

static guint
case_seq (YcCase *kase)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *window = NULL;
  g_autoptr(GDate) date = NULL;
  guint seq = 0;

  g_assert_true (yc_case_number_parse (yc_case_get_case_no (kase), &window, &date, &seq, &error));
  g_assert_no_error (error);
  return seq;
}

/* "receipt×1 tolerance×2" */
static char *
documents_of (YcStore    *store,
              const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) docs = yc_store_list_case_documents (store, uuid, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < docs->len; i++)
    {
      YcCaseDocument *doc = g_ptr_array_index (docs, i);

      g_assert_cmpstr (doc->state, ==, "due");
      g_assert_null (doc->file_hash);
      g_string_append_printf (text, "%s%s×%u", i ? " " : "", yc_doc_kind_to_string (doc->kind),
                              doc->copies);
    }
  return g_string_free (text, FALSE);
}

/* "case.create applicant.uscc_override …": the actions of a case's audit entries, oldest first. */
static char *
audit_of (YcStore    *store,
          const char *uuid)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = yc_store_list_audit (store, uuid, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    g_string_append_printf (text, "%s%s", i ? " " : "",
                            ((YcAuditEntry *) g_ptr_array_index (entries, i))->action);
  return g_string_free (text, FALSE);
}

/* The kinds of the unsent outbox entries of a case, oldest first, and the last payload. */
static char *
outbox_of (YcStore    *store,
           const char *uuid,
           JsonNode  **last_payload)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) entries = yc_store_outbox_pending (store, 1000, &error);
  GString *text = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < entries->len; i++)
    {
      YcOutboxEntry *entry = g_ptr_array_index (entries, i);

      if (g_strcmp0 (entry->key, uuid) != 0)
        continue;
      g_string_append_printf (text, "%s%s", text->len ? " " : "", entry->kind);
      if (last_payload != NULL)
        {
          g_clear_pointer (last_payload, json_node_unref);
          *last_payload = json_from_string (entry->payload, &error);
          g_assert_no_error (error);
        }
    }
  return g_string_free (text, FALSE);
}

static YcCase *
reload (YcStore *store,
        YcCase  *kase)
{
  g_autoptr(GError) error = NULL;
  YcCase *stored = yc_store_get_case (store, yc_case_get_uuid (kase), &error);

  g_assert_no_error (error);
  return stored;
}

static char *
material_deadline (YcCase *kase,
                   guint   index)
{
  g_autoptr(YcCaseMaterial) m = g_list_model_get_item (yc_case_get_materials (kase), index);

  return g_strdup (yc_case_material_get_supplement_deadline (m));
}

static char *
iso_after (guint days)
{
  g_autoptr(GDate) today = local_today ();
  g_autoptr(GDate) date = yc_calendar_add_working_days (calendar (), today, days);

  return yc_date_to_iso (date);
}

/* --- deciding --- */

static void
test_decide_accept (void)
{
  g_autoptr(YcStore) store = new_store ("accept.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = get_item (store, "HOUSE");
  g_autoptr(YcCase) kase = new_draft (store, "HOUSE", "LCSO", "clerk-wang", "张三");
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(JsonNode) payload = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autofree char *promised = iso_after (10);
  g_autofree char *legal = iso_after (20);
  g_autofree char *docs = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *outbox = NULL;
  JsonObject *object;

  /* The clerk's draft exists until the decision. */
  g_assert_true (yc_store_save_draft (store, kase, "accept", NULL, &error));
  g_assert_no_error (error);

  g_assert_true (yc_store_decide_case (store, kase, item, YC_DECISION_ACCEPT, calendar (),
                                       "clerk-wang", &error));
  g_assert_no_error (error);

  /* Written back on the object … */
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_ACCEPTED);
  g_assert_cmpuint (case_seq (kase), ==, 1);
  g_assert_cmpstr (yc_case_get_promised_deadline (kase), ==, promised);
  g_assert_cmpstr (yc_case_get_legal_deadline (kase), ==, legal);

  /* … and stored, with everything that goes with it. */
  stored = reload (store, kase);
  g_assert_cmpstr (yc_case_get_case_no (stored), ==, yc_case_get_case_no (kase));
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_ACCEPTED);
  g_assert_cmpstr (yc_case_get_promised_deadline (stored), ==, promised);
  g_assert_cmpstr (yc_case_get_legal_deadline (stored), ==, legal);
  docs = documents_of (store, yc_case_get_uuid (kase));
  g_assert_cmpstr (docs, ==, "receipt×1");
  audit = audit_of (store, yc_case_get_uuid (kase));
  g_assert_cmpstr (audit, ==, "case.create");
  outbox = outbox_of (store, yc_case_get_uuid (kase), &payload);
  g_assert_cmpstr (outbox, ==, "case.put");
  object = json_node_get_object (payload);
  g_assert_cmpstr (json_object_get_string_member (object, "case_no"), ==,
                   yc_case_get_case_no (kase));
  g_assert_cmpstr (json_object_get_string_member (object, "state"), ==, "accepted");
  g_assert_cmpstr (json_object_get_string_member (object, "promised_deadline"), ==, promised);

  /* The draft ended with the decision, in the same transaction. */
  drafts = yc_store_list_drafts (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 0);
}

static void
test_decide_tolerance (void)
{
  g_autoptr(YcStore) store = new_store ("tolerance.db");
  g_autoptr(YcCase) kase
    = decide (store, "HOUSE", "OOTT", YC_DECISION_TOLERANCE_ACCEPT, "clerk-wang", "张三");
  g_autoptr(YcCase) stored = reload (store, kase);
  g_autofree char *m3 = iso_after (5);
  g_autofree char *m4 = iso_after (10);   /* 15 allowed by the spec, 10 promised by the item */
  g_autofree char *docs = documents_of (store, yc_case_get_uuid (kase));
  g_autofree char *d3 = material_deadline (stored, 2);
  g_autofree char *d4 = material_deadline (stored, 3);
  g_autofree char *d1 = material_deadline (stored, 0);
  g_autofree char *k3 = material_deadline (kase, 2);

  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  g_assert_cmpstr (docs, ==, "receipt×1 tolerance×2");
  g_assert_cmpstr (d3, ==, m3);
  g_assert_cmpstr (d4, ==, m4);
  g_assert_null (d1);
  g_assert_cmpstr (k3, ==, m3);   /* also on the clerk's object, for the printed notice */
}

static void
test_decide_commitment (void)
{
  g_autoptr(YcStore) store = new_store ("commitment.db");
  g_autoptr(YcCase) kase
    = decide (store, "HOUSE", "OOKO", YC_DECISION_COMMITMENT_ACCEPT, "clerk-wang", "张三");
  g_autofree char *docs = documents_of (store, yc_case_get_uuid (kase));

  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_COMMITMENT_ACCEPTED);
  g_assert_cmpstr (docs, ==, "receipt×1 commitment×1");
}

static void
test_decide_notice_refuse_refer (void)
{
  g_autoptr(YcStore) store = new_store ("notice.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = get_item (store, "HOUSE");
  g_autoptr(YcCase) notice
    = decide (store, "HOUSE", "OPPO", YC_DECISION_ISSUE_NOTICE, "clerk-wang", "张三");
  g_autoptr(YcCase) refused
    = decide (store, "HOUSE", "PPPP", YC_DECISION_REFUSE, "clerk-wang", "王五");
  g_autoptr(YcCase) referred
    = decide (store, "HOUSE", "PPPP", YC_DECISION_REFER, "clerk-wang", "赵六");
  g_autoptr(YcCase) no_basis = new_draft (store, "HOUSE", "PPPP", "clerk-wang", "钱七");
  g_autoptr(YcCase) no_department = new_draft (store, "HOUSE", "PPPP", "clerk-wang", "孙八");
  g_autoptr(YcCase) stored = NULL;
  g_autofree char *notice_docs = documents_of (store, yc_case_get_uuid (notice));
  g_autofree char *refused_docs = documents_of (store, yc_case_get_uuid (refused));
  g_autofree char *referred_docs = documents_of (store, yc_case_get_uuid (referred));

  /* A notice, refusal or referral ends at the window: no deadlines run. */
  g_assert_cmpint (yc_case_get_state (notice), ==, YC_CASE_STATE_NOTICE_ISSUED);
  g_assert_null (yc_case_get_promised_deadline (notice));
  g_assert_null (yc_case_get_legal_deadline (notice));
  g_assert_cmpstr (notice_docs, ==, "notice_once×1");
  g_assert_cmpint (yc_case_get_state (refused), ==, YC_CASE_STATE_REFUSED);
  g_assert_cmpstr (refused_docs, ==, "refusal×1");
  g_assert_cmpint (yc_case_get_state (referred), ==, YC_CASE_STATE_REFERRED);
  g_assert_cmpstr (referred_docs, ==, "");

  stored = reload (store, refused);
  g_assert_cmpstr (yc_case_get_legal_basis (stored), ==, "《中华人民共和国行政许可法》第三十二条第一款第（二）项");
  g_clear_object (&stored);
  stored = reload (store, referred);
  g_assert_cmpstr (yc_case_get_refer_department (stored), ==, "北方市税务局");

  /* A refusal without its legal basis, a referral without the department: refused, no number
   * spent. */
  g_object_set (no_basis, "reason", "不属于本机关职权范围", NULL);
  g_assert_false (yc_store_decide_case (store, no_basis, item, YC_DECISION_REFUSE, calendar (),
                                        "clerk-wang", &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_object_set (no_department, "reason", "不属于本机关职权范围", NULL);
  g_assert_false (yc_store_decide_case (store, no_department, item, YC_DECISION_REFER, calendar (),
                                        "clerk-wang", &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_null (yc_case_get_case_no (no_basis));

  g_object_set (no_department, "refer-department", "北方市税务局", NULL);
  g_assert_true (yc_store_decide_case (store, no_department, item, YC_DECISION_REFER, calendar (),
                                       "clerk-wang", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (case_seq (no_department), ==, case_seq (referred) + 1);
}

static void
test_decide_unlawful (void)
{
  g_autoptr(YcStore) store = new_store ("unlawful.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) house = get_item (store, "HOUSE");
  g_autoptr(YcItem) birth = get_item (store, "BIRTH");
  g_autoptr(YcCase) missing = new_draft (store, "HOUSE", "OOPO", "clerk-wang", "张三");
  g_autoptr(YcCase) bad_licence = new_draft (store, "HOUSE", "OLOO", "clerk-wang", "张三");
  g_autoptr(YcCase) flagged = new_draft (store, "HOUSE", "OOKO", "clerk-wang", "张三");
  g_autoptr(YcCase) ok = NULL;
  g_autoptr(GPtrArray) audit = NULL;

  /* Accepting with a required material missing is not lawful; the reason names it. */
  g_assert_false (yc_store_decide_case (store, missing, house, YC_DECISION_ACCEPT, calendar (),
                                        "clerk-wang", &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_UNAVAILABLE);
  g_assert_nonnull (strstr (error->message, "完税证明"));
  g_clear_error (&error);
  g_assert_cmpint (yc_case_get_state (missing), ==, YC_CASE_STATE_DRAFT);

  /* An e-licence where none can replace the material. */
  g_assert_false (yc_store_decide_case (store, bad_licence, house, YC_DECISION_ACCEPT, calendar (),
                                        "clerk-wang", &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_NO_LICENCE_TYPE);
  g_clear_error (&error);

  /* A commitment from an applicant listed for bad credit. */
  g_object_set (flagged, "applicant-flags", YC_APPLICANT_FLAG_BAD_CREDIT, NULL);
  g_assert_false (yc_store_decide_case (store, flagged, house, YC_DECISION_COMMITMENT_ACCEPT,
                                        calendar (), "clerk-wang", &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_APPLICANT_FLAGGED);
  g_clear_error (&error);

  /* The checklist is the item's. */
  g_assert_false (yc_store_decide_case (store, missing, birth, YC_DECISION_ISSUE_NOTICE,
                                        calendar (), "clerk-wang", &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* Nothing was written, no number spent. */
  audit = yc_store_list_audit (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit->len, ==, 0);
  ok = decide (store, "HOUSE", "OOOO", YC_DECISION_ACCEPT, "clerk-wang", "张三");
  g_assert_cmpuint (case_seq (ok), ==, 1);
}

static void
test_decide_flags_audited (void)
{
  g_autoptr(YcStore) store = new_store ("flags.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = get_item (store, "HOUSE");
  g_autoptr(YcCase) kase = new_draft (store, "HOUSE", "OOOO", "clerk-wang", "北方示例有限公司");
  g_autoptr(YcParty) org = yc_party_new (YC_PARTY_ORGANISATION);
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autofree char *audit = NULL;
  g_autofree char *outbox = NULL;
  g_autoptr(JsonNode) payload = NULL;
  JsonArray *flags;

  /* Code with a wrong check character (an early pilot region's), overridden by the clerk. */
  g_object_set (org, "name", "北方示例有限公司", "id-number", "91350100M000100Y44", NULL);
  g_object_set (kase, "applicant", org, "applicant-flags",
                YC_APPLICANT_FLAG_USCC_OVERRIDE | YC_APPLICANT_FLAG_FALSE_PROMISE, NULL);
  g_assert_true (yc_store_decide_case (store, kase, item, YC_DECISION_ACCEPT, calendar (),
                                       "clerk-wang", &error));
  g_assert_no_error (error);

  audit = audit_of (store, yc_case_get_uuid (kase));
  g_assert_cmpstr (audit, ==, "case.create applicant.false_promise applicant.uscc_override");
  entries = yc_store_list_audit (store, yc_case_get_uuid (kase), &error);
  g_assert_nonnull (
    strstr (((YcAuditEntry *) g_ptr_array_index (entries, 2))->detail, "91350100M000100Y44"));
  g_assert_cmpstr (((YcAuditEntry *) g_ptr_array_index (entries, 2))->actor, ==, "clerk-wang");

  stored = reload (store, kase);
  g_assert_cmpint (yc_case_get_applicant_flags (stored), ==,
                   YC_APPLICANT_FLAG_USCC_OVERRIDE | YC_APPLICANT_FLAG_FALSE_PROMISE);
  outbox = outbox_of (store, yc_case_get_uuid (kase), &payload);
  flags = json_object_get_array_member (json_node_get_object (payload), "applicant_flags");
  g_assert_cmpuint (json_array_get_length (flags), ==, 2);
  g_assert_cmpstr (json_array_get_string_element (flags, 0), ==, "false_promise");
}

static void
test_decide_failure_leaves_nothing (void)
{
  g_autoptr(YcStore) store = new_store ("failure.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = get_item (store, "HOUSE");
  g_autoptr(YcCase) kase = new_draft (store, "HOUSE", "OOTO", "clerk-wang", "张三");
  g_autoptr(GDate) today = local_today ();
  g_autoptr(GPtrArray) audit = NULL;
  g_autoptr(GPtrArray) outbox = NULL;
  g_autoptr(GPtrArray) docs = NULL;
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(YcCase) next = NULL;

  g_object_set (kase, "applicant-flags", YC_APPLICANT_FLAG_USCC_OVERRIDE, NULL);
  g_assert_true (yc_store_save_draft (store, kase, "tolerance_accept", NULL, &error));
  g_assert_no_error (error);

  /* Every row written (case, parties, checklist, documents, audit, outbox, draft deleted), then the
   * transaction fails before COMMIT. */
  g_assert_false (_yc_store_decide_case_full (store, kase, item, YC_DECISION_TOLERANCE_ACCEPT,
                                              calendar (), today, "clerk-wang", TRUE, &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_FAILED);
  g_clear_error (&error);

  g_assert_null (yc_case_get_case_no (kase));
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_DRAFT);
  stored = yc_store_get_case (store, yc_case_get_uuid (kase), &error);
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);
  docs = yc_store_list_case_documents (store, yc_case_get_uuid (kase), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (docs->len, ==, 0);
  audit = yc_store_list_audit (store, NULL, &error);
  g_assert_cmpuint (audit->len, ==, 0);
  outbox = yc_store_outbox_pending (store, 100, &error);
  g_assert_cmpuint (outbox->len, ==, 0);
  drafts = yc_store_list_drafts (store, NULL, &error);
  g_assert_cmpuint (drafts->len, ==, 1);   /* the clerk's work is still there */

  /* The number was not spent. */
  next = decide (store, "HOUSE", "OOOO", YC_DECISION_ACCEPT, "clerk-wang", "李四");
  g_assert_cmpuint (case_seq (next), ==, 1);
}

static void
async_done_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  *(GAsyncResult **) user_data = g_object_ref (result);
}

static GAsyncResult *
wait_for (GAsyncResult **slot)
{
  while (*slot == NULL)
    g_main_context_iteration (NULL, TRUE);
  return *slot;
}

static void
test_decide_async (void)
{
  g_autoptr(YcStore) store = new_store ("async.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = get_item (store, "HOUSE");
  g_autoptr(YcCase) kase = new_draft (store, "HOUSE", "OOOT", "clerk-wang", "张三");
  g_autoptr(YcCase) bad = new_draft (store, "HOUSE", "OOOP", "clerk-wang", "张三");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GAsyncResult) bad_result = NULL;

  yc_store_decide_case_async (store, kase, item, YC_DECISION_TOLERANCE_ACCEPT, calendar (),
                              "clerk-wang", NULL, async_done_cb, &result);
  /* Nothing changes on the object before the result is taken on this thread. */
  g_assert_null (yc_case_get_case_no (kase));
  g_assert_true (yc_store_decide_case_finish (store, wait_for (&result), &error));
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  g_assert_cmpuint (case_seq (kase), ==, 1);

  yc_store_decide_case_async (store, bad, item, YC_DECISION_ACCEPT, calendar (), "clerk-wang", NULL,
                              async_done_cb, &bad_result);
  g_assert_false (yc_store_decide_case_finish (store, wait_for (&bad_result), &error));
  g_assert_error (error, YC_DECISION_ERROR, YC_DECISION_ERROR_UNAVAILABLE);
}

/* --- follow-ups --- */

static void
test_supplement (void)
{
  g_autoptr(YcStore) store = new_store ("supplement.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) kase
    = decide (store, "HOUSE", "OOTT", YC_DECISION_TOLERANCE_ACCEPT, "clerk-wang", "张三");
  const char *uuid = yc_case_get_uuid (kase);
  YcSupplement wrong_material[] = { { "M1", YC_MATERIAL_STATE_ORIGINAL_CHECKED, NULL, NULL } };
  YcSupplement not_received[] = { { "M3", YC_MATERIAL_STATE_PENDING, NULL, NULL } };
  YcSupplement first[] = { { "M3", YC_MATERIAL_STATE_SCANNED, "补交扫描件", "ab12" } };
  YcSupplement second[] = { { "M4", YC_MATERIAL_STATE_LICENCE, NULL, NULL } };
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(YcCaseMaterial) m3 = NULL;
  g_autoptr(YcCaseMaterial) m4 = NULL;
  g_autofree char *audit_partial = NULL;
  g_autofree char *audit_done = NULL;
  g_autofree char *outbox = NULL;
  YcCaseState state = YC_CASE_STATE_DRAFT;

  g_assert_false (
    yc_store_supplement_case (store, uuid, wrong_material, 1, "clerk-li", &state, &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (
    yc_store_supplement_case (store, uuid, not_received, 1, "clerk-li", &state, &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  /* One of two: the case still waits. */
  g_assert_true (yc_store_supplement_case (store, uuid, first, 1, "clerk-li", &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  stored = reload (store, kase);
  m3 = g_list_model_get_item (yc_case_get_materials (stored), 2);
  g_assert_cmpint (yc_case_material_get_state (m3), ==, YC_MATERIAL_STATE_SCANNED);
  g_assert_cmpstr (yc_case_material_get_note (m3), ==, "补交扫描件");
  g_assert_cmpstr (yc_case_material_get_attachment (m3), ==, "ab12");
  audit_partial = audit_of (store, uuid);
  g_assert_cmpstr (audit_partial, ==, "case.create case.supplement.partial");

  /* The last one: supplemented, and on to review as a fully accepted case, in one transaction. */
  g_assert_true (yc_store_supplement_case (store, uuid, second, 1, "clerk-li", &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, YC_CASE_STATE_IN_REVIEW);
  g_clear_object (&stored);
  stored = reload (store, kase);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_IN_REVIEW);
  m4 = g_list_model_get_item (yc_case_get_materials (stored), 3);
  g_assert_cmpint (yc_case_material_get_state (m4), ==, YC_MATERIAL_STATE_LICENCE);
  audit_done = audit_of (store, uuid);
  g_assert_cmpstr (audit_done, ==,
                   "case.create case.supplement.partial case.supplement case.start_review");
  outbox = outbox_of (store, uuid, NULL);
  g_assert_cmpstr (outbox, ==, "case.put case.put case.event case.event case.put");

  /* Nothing left to supplement. */
  g_assert_false (yc_store_supplement_case (store, uuid, second, 1, "clerk-li", &state, &error));
  g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION);
}

static void
test_mark_overdue (void)
{
  g_autoptr(YcStore) store = new_store ("overdue.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) late
    = decide (store, "HOUSE", "OOTO", YC_DECISION_TOLERANCE_ACCEPT, "clerk-wang", "张三");
  g_autoptr(YcCase) later
    = decide (store, "HOUSE", "OOOT", YC_DECISION_TOLERANCE_ACCEPT, "clerk-wang", "李四");
  g_autoptr(YcCase) accepted
    = decide (store, "HOUSE", "OOOO", YC_DECISION_ACCEPT, "clerk-wang", "王五");
  g_autofree char *deadline = material_deadline (late, 2);
  g_autoptr(GDate) day = yc_date_from_iso (deadline);
  g_autoptr(YcCase) stored = NULL;
  g_autofree char *audit = NULL;

  /* On the deadline itself nothing is late yet. */
  g_assert_cmpint (yc_store_mark_overdue_cases (store, day, "system", &error), ==, 0);
  g_assert_no_error (error);

  /* The day after, the 5-day supplement is late; the 10-day one is not. */
  g_date_add_days (day, 1);
  g_assert_cmpint (yc_store_mark_overdue_cases (store, day, "system", &error), ==, 1);
  g_assert_no_error (error);
  stored = reload (store, late);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_OVERDUE);
  audit = audit_of (store, yc_case_get_uuid (late));
  g_assert_cmpstr (audit, ==, "case.create case.mark_overdue");
  g_clear_object (&stored);
  stored = reload (store, later);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);

  /* Marked once only. */
  g_assert_cmpint (yc_store_mark_overdue_cases (store, day, "system", &error), ==, 0);
  g_date_add_days (day, 30);
  g_assert_cmpint (yc_store_mark_overdue_cases (store, day, "system", &error), ==, 1);
  g_clear_object (&stored);
  stored = reload (store, accepted);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_ACCEPTED);
}

/* The async form: the same marking on the writer thread, the count back on the caller's; no actor
 * fails before anything is written. */
static void
test_mark_overdue_async (void)
{
  g_autoptr(YcStore) store = new_store ("overdue-async.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) late
    = decide (store, "HOUSE", "OOTO", YC_DECISION_TOLERANCE_ACCEPT, "clerk-wang", "张三");
  g_autofree char *deadline = material_deadline (late, 2);
  g_autoptr(GDate) day = yc_date_from_iso (deadline);
  g_autoptr(GAsyncResult) no_actor = NULL;
  g_autoptr(GAsyncResult) on_time = NULL;
  g_autoptr(GAsyncResult) marked = NULL;
  g_autoptr(GAsyncResult) again = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autofree char *audit = NULL;

  yc_store_mark_overdue_cases_async (store, day, " ", NULL, async_done_cb, &no_actor);
  g_assert_cmpint (yc_store_mark_overdue_cases_finish (store, wait_for (&no_actor), &error), ==, -1);
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  yc_store_mark_overdue_cases_async (store, day, "system", NULL, async_done_cb, &on_time);
  g_assert_cmpint (yc_store_mark_overdue_cases_finish (store, wait_for (&on_time), &error), ==, 0);
  g_assert_no_error (error);

  g_date_add_days (day, 1);
  yc_store_mark_overdue_cases_async (store, day, "system", NULL, async_done_cb, &marked);
  g_assert_cmpint (yc_store_mark_overdue_cases_finish (store, wait_for (&marked), &error), ==, 1);
  g_assert_no_error (error);
  stored = reload (store, late);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_OVERDUE);
  audit = audit_of (store, yc_case_get_uuid (late));
  g_assert_cmpstr (audit, ==, "case.create case.mark_overdue");

  /* Today's date (NULL): nothing more, the late case is marked already. */
  yc_store_mark_overdue_cases_async (store, NULL, "system", NULL, async_done_cb, &again);
  g_assert_cmpint (yc_store_mark_overdue_cases_finish (store, wait_for (&again), &error), ==, 0);
  g_assert_no_error (error);
}

static void
test_withdraw_void (void)
{
  g_autoptr(YcStore) store = new_store ("withdraw.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) withdrawn
    = decide (store, "HOUSE", "OOOO", YC_DECISION_ACCEPT, "clerk-wang", "张三");
  g_autoptr(YcCase) voided
    = decide (store, "HOUSE", "OOTO", YC_DECISION_TOLERANCE_ACCEPT, "clerk-wang", "李四");
  g_autoptr(YcCase) stored = NULL;
  g_autofree char *audit = NULL;
  YcCaseState state;

  /* Both need a reason. */
  g_assert_false (yc_store_apply_case_event (store, yc_case_get_uuid (withdrawn),
                                             YC_CASE_EVENT_WITHDRAW, "  ", "clerk-wang", &state,
                                             &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
  g_clear_error (&error);

  g_assert_true (yc_store_apply_case_event (store, yc_case_get_uuid (withdrawn),
                                            YC_CASE_EVENT_WITHDRAW, "申请人书面申请撤回",
                                            "clerk-wang", &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, YC_CASE_STATE_WITHDRAWN);
  g_assert_true (yc_store_apply_case_event (store, yc_case_get_uuid (voided), YC_CASE_EVENT_VOID,
                                            "录入错误，重新受理", "clerk-wang", &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, YC_CASE_STATE_VOIDED);

  stored = reload (store, withdrawn);
  g_assert_cmpstr (yc_case_get_reason (stored), ==, "申请人书面申请撤回");
  audit = audit_of (store, yc_case_get_uuid (voided));
  g_assert_cmpstr (audit, ==, "case.create case.void");

  /* Closed for good: a voided case takes no supplement. */
  {
    YcSupplement line[] = { { "M3", YC_MATERIAL_STATE_ORIGINAL_CHECKED, NULL, NULL } };

    g_assert_false (yc_store_supplement_case (store, yc_case_get_uuid (voided), line, 1,
                                              "clerk-wang", NULL, &error));
    g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_TERMINAL);
  }
}

static void
test_reopen_notice (void)
{
  g_autoptr(YcStore) store = new_store ("reopen.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcItem) item = get_item (store, "HOUSE");
  g_autoptr(YcCase) notice
    = decide (store, "HOUSE", "OPPO", YC_DECISION_ISSUE_NOTICE, "clerk-wang", "张三");
  g_autoptr(YcCase) returned = NULL;
  g_autoptr(YcCase) stored = NULL;
  g_autoptr(YcCase) other = NULL;
  g_autofree char *number = g_strdup (yc_case_get_case_no (notice));
  g_autofree char *docs = NULL;
  g_autofree char *audit = NULL;
  GListModel *materials;
  YcCaseState state;

  /* The applicant comes back with everything: the case opens again as a draft with its checklist
   * … */
  g_assert_true (yc_store_apply_case_event (store, yc_case_get_uuid (notice), YC_CASE_EVENT_REOPEN,
                                            NULL, "clerk-li", &state, &error));
  g_assert_no_error (error);
  g_assert_cmpint (state, ==, YC_CASE_STATE_DRAFT);
  returned = reload (store, notice);
  g_assert_cmpint (yc_case_get_state (returned), ==, YC_CASE_STATE_DRAFT);
  g_assert_cmpstr (yc_case_get_case_no (returned), ==, number);
  materials = yc_case_get_materials (returned);
  g_assert_cmpuint (g_list_model_get_n_items (materials), ==, 4);

  /* … the clerk checks the missing materials and decides again. */
  for (guint i = 1; i <= 2; i++)
    {
      g_autoptr(YcCaseMaterial) m = g_list_model_get_item (materials, i);

      g_assert_cmpint (yc_case_material_get_state (m), ==, YC_MATERIAL_STATE_PENDING);
      yc_case_material_set_state (m, YC_MATERIAL_STATE_ORIGINAL_CHECKED);
    }
  g_object_set (returned, "clerk", "clerk-li", NULL);
  g_assert_true (yc_store_decide_case (store, returned, item, YC_DECISION_ACCEPT, calendar (),
                                       "clerk-li", &error));
  g_assert_no_error (error);

  /* Same uuid, same number as printed on the notice; the notice stays on record beside the
   * receipt. */
  g_assert_cmpstr (yc_case_get_case_no (returned), ==, number);
  stored = reload (store, notice);
  g_assert_cmpint (yc_case_get_state (stored), ==, YC_CASE_STATE_ACCEPTED);
  g_assert_cmpstr (yc_case_get_case_no (stored), ==, number);
  g_assert_cmpstr (yc_case_get_clerk (stored), ==, "clerk-li");
  g_assert_nonnull (yc_case_get_promised_deadline (stored));
  docs = documents_of (store, yc_case_get_uuid (notice));
  g_assert_cmpstr (docs, ==, "notice_once×1 receipt×1");
  audit = audit_of (store, yc_case_get_uuid (notice));
  g_assert_cmpstr (audit, ==, "case.create case.reopen case.decide");

  /* No number was spent on the second decision. */
  other = decide (store, "HOUSE", "OOOO", YC_DECISION_ACCEPT, "clerk-wang", "李四");
  g_assert_cmpuint (case_seq (other), ==, 2);

  /* A decided case cannot be decided again under its uuid. */
  g_assert_false (yc_store_decide_case (store, returned, item, YC_DECISION_ACCEPT, calendar (),
                                        "clerk-li", &error));
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_INVALID);
}

/* --- the Cases page --- */

static guint
count (YcStore      *store,
       YcCaseFilter  filter,
       const char   *search,
       const GDate  *today)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GPtrArray) cases
    = yc_store_query_cases (store, filter, "clerk-wang", search, today, calendar (),
                            YC_CALENDAR_DEFAULT_YELLOW_DAYS, 100, NULL, &error);

  g_assert_no_error (error);
  return cases->len;
}

static void
test_queries (void)
{
  g_autoptr(YcStore) store = new_store ("queries.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) accepted
    = decide (store, "HOUSE", "OOOO", YC_DECISION_ACCEPT, "clerk-wang", "张三");
  g_autoptr(YcCase) tolerance
    = decide (store, "HOUSE", "OOTO", YC_DECISION_TOLERANCE_ACCEPT, "clerk-wang", "李小龙");
  g_autoptr(YcCase) notice
    = decide (store, "HOUSE", "OPPO", YC_DECISION_ISSUE_NOTICE, "clerk-li", "王五");
  g_autoptr(YcCase) review = decide (store, "HOUSE", "OOOO", YC_DECISION_ACCEPT, "clerk-li", "赵六");
  g_autoptr(YcCase) immediate = decide (store, "BIRTH", "O", YC_DECISION_ACCEPT, "clerk-li", "孙八");
  g_autoptr(GDate) today = local_today ();
  g_autoptr(GDate) deadline = yc_date_from_iso (yc_case_get_promised_deadline (accepted));
  g_autoptr(GDate) before = NULL;
  g_autoptr(GDate) after = g_date_copy (deadline);
  g_autoptr(GDate) tomorrow = g_date_copy (today);
  g_autoptr(GPtrArray) newest = NULL;
  g_autofree char *part = NULL;
  YcCaseState state;

  g_assert_true (yc_store_apply_case_event (store, yc_case_get_uuid (review),
                                            YC_CASE_EVENT_START_REVIEW, NULL, "clerk-li", &state,
                                            &error));
  g_assert_no_error (error);

  /* Filters. */
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, NULL, today), ==, 5);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_TODAY, NULL, today), ==, 5);
  g_date_add_days (tomorrow, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_TODAY, NULL, tomorrow), ==, 0);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_MINE, NULL, today), ==, 2);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_TOLERANCE_PENDING, NULL, today), ==, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_AWAITING_APPROVAL, NULL, today), ==, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_NOTICE_ISSUED, NULL, today), ==, 1);

  /* Deadlines, seen from different days. Today the 10-day cases are green; the immediate case's
   * promised deadline is today: yellow. */
  g_assert_cmpuint (count (store, YC_CASE_FILTER_NEAR_DEADLINE, NULL, today), ==, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_OVERDUE, NULL, today), ==, 0);
  /* Two working days before the deadline: yellow (accepted, tolerance, review); the immediate one
   * red. */
  before = g_date_copy (deadline);
  while (yc_calendar_working_days_between (calendar (), before, deadline) < 2)
    g_date_subtract_days (before, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_NEAR_DEADLINE, NULL, before), ==, 3);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_OVERDUE, NULL, before), ==, 1);
  /* One more working day before: green again. */
  g_date_subtract_days (before, 1);
  while (!yc_calendar_is_working_day (calendar (), before))
    g_date_subtract_days (before, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_NEAR_DEADLINE, NULL, before), ==, 0);
  /* The day after: every running case red; the notice never was running. */
  g_date_add_days (after, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_OVERDUE, NULL, after), ==, 4);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_NEAR_DEADLINE, NULL, after), ==, 0);

  /* Search: case number whole or part, names whole or part, phone, whole ID. */
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, yc_case_get_case_no (notice), today), ==, 1);
  part = g_strdup (yc_case_get_case_no (notice) + strlen (yc_case_get_case_no (notice)) - 4);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, part, today), ==, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "w01-", today), ==, 5);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "李小龙", today), ==, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "小龙", today), ==, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "李四", today), ==,
                    5); /* every case's agent */
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "13800138000", today), ==, 5);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "+86 138 0013 8000", today), ==, 5);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, APPLICANT_ID, today), ==, 5);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, " 110105 19491231 002x ", today), ==, 5);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, AGENT_ID, today), ==, 5);
  /* Never part of an ID or phone. */
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "110105194912", today), ==, 0);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "1949", today), ==, 0);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "002X", today), ==, 0);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "0013800", today), ==, 0);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "钱九", today), ==, 0);
  /* Search and filter together. */
  g_assert_cmpuint (count (store, YC_CASE_FILTER_MINE, "王五", today), ==, 0);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_NOTICE_ISSUED, "王五", today), ==, 1);

  /* Newest first, limited. */
  newest = yc_store_query_cases (store, YC_CASE_FILTER_ALL, NULL, NULL, today, calendar (), 2, 2,
                                 NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (newest->len, ==, 2);
  g_assert_cmpstr (yc_case_get_uuid (g_ptr_array_index (newest, 0)), ==,
                   yc_case_get_uuid (immediate));
  g_assert_cmpstr (yc_case_get_uuid (g_ptr_array_index (newest, 1)), ==, yc_case_get_uuid (review));
}

static void
test_queries_async (void)
{
  g_autoptr(YcStore) store = new_store ("queries-async.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) kase = decide (store, "HOUSE", "OOOO", YC_DECISION_ACCEPT, "clerk-wang", "张三");
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GListModel) model = NULL;
  g_autoptr(YcCase) first = NULL;

  yc_store_query_cases_async (store, YC_CASE_FILTER_MINE, "clerk-wang", APPLICANT_ID, NULL,
                              calendar (), YC_CALENDAR_DEFAULT_YELLOW_DAYS, 10, NULL, async_done_cb,
                              &result);
  model = yc_store_query_cases_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  first = g_list_model_get_item (model, 0);
  g_assert_cmpstr (yc_case_get_case_no (first), ==, yc_case_get_case_no (kase));
}

/* Cases written before version 4 have no lookup keys of their own: the migration gives them. */
static void
test_search_after_migration (void)
{
  g_autofree char *path = db_path ("v3.db");
  g_autofree char *dir = g_path_get_dirname (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(YcStore) store = NULL;
  g_autoptr(GDate) today = local_today ();
  sqlite3 *db = NULL;

  g_assert_cmpint (g_mkdir_with_parents (dir, 0700), ==, 0);
  g_assert_cmpint (sqlite3_open (path, &db), ==, SQLITE_OK);
  g_assert_true (_yc_store_migrate_to (db, 3, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db,
    "INSERT INTO cases (uuid, case_no, query_password, item_code, item_name, state, window_code, "
    "  clerk, created_at, decided_at, version, updated_at) VALUES ('c-1', 'W01-20250102-0001', "
    "  '123456', 'HOUSE', '不动产转移登记', 'accepted', 'W01', 'clerk-wang', 1735786800000000, "
    "  1735787000000000, 1, 1);"
    "INSERT INTO case_parties (case_uuid, role, kind, name, id_number, phone) VALUES "
    "  ('c-1', 'applicant', 'person', '张三', '11010519491231002x', '138 0013 8000');",
    NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);

  store = open_store (path);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, APPLICANT_ID, today), ==, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "13800138000", today), ==, 1);
  g_assert_cmpuint (count (store, YC_CASE_FILTER_ALL, "11010519491231", today), ==, 0);
}

static void
test_reveal_id (void)
{
  g_autoptr(YcStore) store = new_store ("reveal.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) kase = decide (store, "HOUSE", "OOOO", YC_DECISION_ACCEPT, "clerk-wang", "张三");
  g_autoptr(GPtrArray) entries = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autofree char *id = NULL;
  g_autofree char *agent_id = NULL;
  g_autofree char *none = NULL;
  g_autofree char *audit = NULL;
  YcAuditEntry *entry;

  id = yc_store_reveal_id (store, yc_case_get_uuid (kase), "applicant", "clerk-li", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (id, ==, APPLICANT_ID);

  yc_store_reveal_id_async (store, yc_case_get_uuid (kase), "agent", "clerk-li", NULL,
                            async_done_cb, &result);
  agent_id = yc_store_reveal_id_finish (store, wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_cmpstr (agent_id, ==, AGENT_ID);

  none = yc_store_reveal_id (store, "no-such-case", "applicant", "clerk-li", &error);
  g_assert_null (none);
  g_assert_error (error, YC_STORE_ERROR, YC_STORE_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* Each reveal is in the log: who, whose, and never the number itself. */
  audit = audit_of (store, yc_case_get_uuid (kase));
  g_assert_cmpstr (audit, ==, "case.create id.revealed id.revealed");
  entries = yc_store_list_audit (store, yc_case_get_uuid (kase), &error);
  entry = g_ptr_array_index (entries, 1);
  g_assert_cmpstr (entry->actor, ==, "clerk-li");
  g_assert_cmpstr (entry->detail, ==, "applicant");
  entry = g_ptr_array_index (entries, 2);
  g_assert_cmpstr (entry->detail, ==, "agent");
  for (guint i = 0; i < entries->len; i++)
    {
      entry = g_ptr_array_index (entries, i);
      g_assert_null (entry->detail ? strstr (entry->detail, "19491231") : NULL);
    }
}

/* --- drafts --- */

static void
test_drafts (void)
{
  g_autofree char *path = db_path ("drafts.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcStore) setup = new_store ("drafts.db");
  g_autoptr(YcCase) kase = new_draft (setup, "HOUSE", "OTPK", "clerk-wang", "张三");
  g_autoptr(YcCase) other = new_draft (setup, "BIRTH", "P", "clerk-li", "李四");
  g_autoptr(YcCaseMaterial) m2 = g_list_model_get_item (yc_case_get_materials (kase), 1);
  g_autoptr(JsonNode) extra = json_from_string ("{\"refusal\": \"not_competent\"}", NULL);
  g_autoptr(GPtrArray) drafts = NULL;
  g_autoptr(GPtrArray) mine = NULL;
  g_autoptr(YcCase) back = NULL;
  g_autoptr(JsonNode) extra_back = NULL;
  g_autofree char *outcome = NULL;
  g_autofree char *original_json = NULL;
  g_autofree char *back_json = NULL;
  YcDraftInfo *info;
  YcStore *store;

  g_object_set (m2, "note", "原件在银行抵押", "supplement-deadline", "2026-03-01", NULL);
  g_assert_true (yc_store_save_draft (setup, kase, NULL, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (yc_store_save_draft (setup, other, NULL, NULL, &error));
  /* Saved again after the clerk typed on: one draft, the newest text. */
  g_object_set (yc_case_get_applicant (kase), "phone", "13900139000", NULL);
  g_assert_true (yc_store_save_draft (setup, kase, "tolerance_accept", extra, &error));
  g_assert_no_error (error);
  g_clear_object (&setup);

  /* Closed and opened again, as after a restart. */
  store = open_store (path);
  drafts = yc_store_list_drafts (store, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  info = g_ptr_array_index (drafts, 0);   /* newest first */
  g_assert_cmpstr (info->uuid, ==, yc_case_get_uuid (kase));
  g_assert_cmpstr (info->clerk, ==, "clerk-wang");
  g_assert_cmpstr (info->item_code, ==, "HOUSE");
  g_assert_cmpstr (info->summary, ==, "张三 · 不动产转移登记");
  g_assert_true (g_date_time_compare (info->updated_at, info->created_at) >= 0);

  back = yc_draft_new_from_json (info->payload, -1, &outcome, &extra_back, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (outcome, ==, "tolerance_accept");
  g_assert_true (json_node_equal (extra, extra_back));
  original_json = yc_case_to_json (kase);
  back_json = yc_case_to_json (back);
  g_assert_cmpstr (back_json, ==, original_json);   /* complete, to the last field */
  g_assert_cmpstr (yc_party_get_phone (yc_case_get_applicant (back)), ==, "13900139000");

  mine = yc_store_list_drafts (store, "clerk-li", &error);
  g_assert_cmpuint (mine->len, ==, 1);
  g_assert_cmpstr (((YcDraftInfo *) g_ptr_array_index (mine, 0))->summary, ==, "李四 · 出生登记");

  /* Discarded, also twice. */
  g_assert_true (yc_store_discard_draft (store, yc_case_get_uuid (other), &error));
  g_assert_true (yc_store_discard_draft (store, yc_case_get_uuid (other), &error));
  g_assert_no_error (error);
  g_clear_pointer (&drafts, g_ptr_array_unref);
  drafts = yc_store_list_drafts (store, NULL, &error);
  g_assert_cmpuint (drafts->len, ==, 1);
  g_object_unref (store);
}

static void
test_drafts_async (void)
{
  g_autoptr(YcStore) store = new_store ("drafts-async.db");
  g_autoptr(GError) error = NULL;
  g_autoptr(YcCase) kase = new_draft (store, "HOUSE", "OOOO", "clerk-wang", "张三");
  g_autoptr(YcCase) nameless = yc_case_new ();
  g_autoptr(GAsyncResult) saved = NULL;
  g_autoptr(GAsyncResult) listed = NULL;
  g_autoptr(GAsyncResult) discarded = NULL;
  g_autoptr(GPtrArray) drafts = NULL;

  yc_store_save_draft_async (store, kase, NULL, NULL, NULL, async_done_cb, &saved);
  g_assert_true (yc_store_save_draft_finish (store, wait_for (&saved), &error));
  g_assert_no_error (error);
  g_clear_object (&saved);
  yc_store_save_draft_async (store, nameless, NULL, NULL, NULL, async_done_cb, &saved);
  g_assert_true (yc_store_save_draft_finish (store, wait_for (&saved), &error));

  yc_store_list_drafts_async (store, NULL, NULL, async_done_cb, &listed);
  drafts = yc_store_list_drafts_finish (store, wait_for (&listed), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (drafts->len, ==, 2);
  g_assert_cmpstr (((YcDraftInfo *) g_ptr_array_index (drafts, 0))->summary, ==,
                   "(no applicant yet) · (no item yet)");

  yc_store_discard_draft_async (store, yc_case_get_uuid (kase), NULL, async_done_cb, &discarded);
  g_assert_true (yc_store_discard_draft_finish (store, wait_for (&discarded), &error));
  g_assert_no_error (error);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/counter/decide/accept", test_decide_accept);
  g_test_add_func ("/yc/counter/decide/tolerance", test_decide_tolerance);
  g_test_add_func ("/yc/counter/decide/commitment", test_decide_commitment);
  g_test_add_func ("/yc/counter/decide/notice-refuse-refer", test_decide_notice_refuse_refer);
  g_test_add_func ("/yc/counter/decide/unlawful", test_decide_unlawful);
  g_test_add_func ("/yc/counter/decide/flags-audited", test_decide_flags_audited);
  g_test_add_func ("/yc/counter/decide/failure-leaves-nothing", test_decide_failure_leaves_nothing);
  g_test_add_func ("/yc/counter/decide/async", test_decide_async);
  g_test_add_func ("/yc/counter/supplement", test_supplement);
  g_test_add_func ("/yc/counter/mark-overdue", test_mark_overdue);
  g_test_add_func ("/yc/counter/mark-overdue-async", test_mark_overdue_async);
  g_test_add_func ("/yc/counter/withdraw-void", test_withdraw_void);
  g_test_add_func ("/yc/counter/reopen-notice", test_reopen_notice);
  g_test_add_func ("/yc/counter/queries", test_queries);
  g_test_add_func ("/yc/counter/queries-async", test_queries_async);
  g_test_add_func ("/yc/counter/search-after-migration", test_search_after_migration);
  g_test_add_func ("/yc/counter/reveal-id", test_reveal_id);
  g_test_add_func ("/yc/counter/drafts", test_drafts);
  g_test_add_func ("/yc/counter/drafts-async", test_drafts_async);

  return g_test_run ();
}
