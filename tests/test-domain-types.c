/* test-domain-types.c: enum codes and labels, YcItem and its materials, YcCase from an item, case events. */
#include <string.h>

#include <glib.h>

#include "yc-case.h"
#include "yc-case-state.h"
#include "yc-item.h"
#include "yc-types.h"

/* ---------------------------------------------------------------------------------------------------------- */
/* String codes: the expected codes are written out here, in enum order, not read from the code under test. */

static const char * const case_type_codes[] = { "immediate", "promised", "reported", "joint" };
static const char * const material_form_codes[] = { "paper", "electronic", "either" };
static const char * const case_state_codes[] = {
  "draft", "accepted", "tolerance_accepted", "commitment_accepted", "notice_issued", "refused", "referred",
  "in_review", "approved", "denied", "result_ready", "handed_over", "supplemented", "overdue", "terminated",
  "withdrawn", "voided",
};
static const char * const case_event_codes[] = {
  "accept", "tolerance_accept", "commitment_accept", "issue_notice", "refuse", "refer", "start_review",
  "approve", "deny", "produce_result", "hand_over", "supplement", "mark_overdue", "terminate", "withdraw",
  "void", "reopen",
};
static const char * const material_state_codes[] = {
  "pending", "original_checked", "copy_received", "scanned", "licence", "tolerated", "commitment",
  "not_applicable",
};
static const char * const party_kind_codes[] = { "person", "organisation" };
static const char * const doc_kind_codes[] = {
  "receipt", "notice_once", "refusal", "tolerance", "commitment", "handover", "guidance",
};

/* Codes that must be rejected by every _from_string: near misses of real codes, case and whitespace. */
static const char * const bad_codes[] = {
  "", "unknown", "Draft", "ACCEPTED", " accepted", "accepted ", "tolerance-accepted", "in review",
  "Immediate", "paper\n", "pending2", "即办件",
};

typedef const char *(*ToString) (int value);
typedef gboolean (*FromString) (const char *code, int *out);
typedef const char *(*GetLabel) (int value);

typedef struct {
  const char         *name;
  GType             (*get_type) (void);
  const char * const *codes;
  gsize               n_codes;
  ToString            to_string;
  FromString          from_string;
  GetLabel            get_label;
} EnumCase;

/* Adapters from each typed API to one int-based signature (no function-pointer casts). */
#define ENUM_ADAPTERS(prefix, Type)                                             \
  static const char *prefix##_to_string_int (int v)                             \
  { return prefix##_to_string ((Type) v); }                                     \
  static gboolean prefix##_from_string_int (const char *code, int *out)         \
  {                                                                             \
    Type t;                                                                     \
    if (!prefix##_from_string (code, out != NULL ? &t : NULL))                  \
      return FALSE;                                                             \
    if (out != NULL)                                                            \
      *out = (int) t;                                                           \
    return TRUE;                                                                \
  }                                                                             \
  static const char *prefix##_get_label_int (int v)                             \
  { return prefix##_get_label ((Type) v); }

ENUM_ADAPTERS (yc_case_type, YcCaseType)
ENUM_ADAPTERS (yc_material_form, YcMaterialForm)
ENUM_ADAPTERS (yc_case_state, YcCaseState)
ENUM_ADAPTERS (yc_case_event, YcCaseEvent)
ENUM_ADAPTERS (yc_material_state, YcMaterialState)
ENUM_ADAPTERS (yc_party_kind, YcPartyKind)
ENUM_ADAPTERS (yc_doc_kind, YcDocKind)

#define ENUM_CASE(n, prefix, codes)                                             \
  { n, prefix##_get_type, codes, G_N_ELEMENTS (codes),                          \
    prefix##_to_string_int, prefix##_from_string_int, prefix##_get_label_int }

static const EnumCase *
enum_cases (gsize *n)
{
  static const EnumCase cases[] = {
    ENUM_CASE ("YcCaseType", yc_case_type, case_type_codes),
    ENUM_CASE ("YcMaterialForm", yc_material_form, material_form_codes),
    ENUM_CASE ("YcCaseState", yc_case_state, case_state_codes),
    ENUM_CASE ("YcCaseEvent", yc_case_event, case_event_codes),
    ENUM_CASE ("YcMaterialState", yc_material_state, material_state_codes),
    ENUM_CASE ("YcPartyKind", yc_party_kind, party_kind_codes),
    ENUM_CASE ("YcDocKind", yc_doc_kind, doc_kind_codes),
  };

  *n = G_N_ELEMENTS (cases);
  return cases;
}

static void
test_codes_round_trip (void)
{
  gsize n_cases;
  const EnumCase *cases = enum_cases (&n_cases);

  g_assert_cmpuint (G_N_ELEMENTS (case_state_codes), ==, YC_CASE_N_STATES);
  g_assert_cmpuint (G_N_ELEMENTS (case_event_codes), ==, YC_CASE_N_EVENTS);
  g_assert_cmpuint (G_N_ELEMENTS (doc_kind_codes), ==, YC_DOC_N_KINDS);

  for (gsize c = 0; c < n_cases; c++)
    {
      const EnumCase *ec = &cases[c];

      for (gsize v = 0; v < ec->n_codes; v++)
        {
          int back = -1;

          g_assert_cmpstr (ec->to_string ((int) v), ==, ec->codes[v]);
          g_assert_true (ec->from_string (ec->codes[v], &back));
          g_assert_cmpint (back, ==, (int) v);
          /* out may be NULL when only validity matters. */
          g_assert_true (ec->from_string (ec->codes[v], NULL));
        }
    }
}

static void
test_codes_unknown_rejected (void)
{
  gsize n_cases;
  const EnumCase *cases = enum_cases (&n_cases);

  for (gsize c = 0; c < n_cases; c++)
    {
      int out = 12345;

      for (gsize b = 0; b < G_N_ELEMENTS (bad_codes); b++)
        {
          g_assert_false (cases[c].from_string (bad_codes[b], &out));
          g_assert_cmpint (out, ==, 12345);   /* untouched on failure */
        }
      g_assert_false (cases[c].from_string (NULL, &out));
      g_assert_cmpint (out, ==, 12345);
    }

  /* A code of one enum is not a code of another. */
  {
    YcCaseState state = YC_CASE_STATE_VOIDED;
    YcCaseEvent event = YC_CASE_EVENT_REOPEN;

    g_assert_false (yc_case_state_from_string ("accept", &state));
    g_assert_false (yc_case_event_from_string ("accepted", &event));
    g_assert_cmpint (state, ==, YC_CASE_STATE_VOIDED);
    g_assert_cmpint (event, ==, YC_CASE_EVENT_REOPEN);
  }
}

static void
test_gtypes (void)
{
  gsize n_cases;
  const EnumCase *cases = enum_cases (&n_cases);

  for (gsize c = 0; c < n_cases; c++)
    {
      const EnumCase *ec = &cases[c];
      GType type = ec->get_type ();
      g_autoptr(GEnumClass) klass = NULL;

      g_assert_true (G_TYPE_IS_ENUM (type));
      g_assert_cmpstr (g_type_name (type), ==, ec->name);
      g_assert_cmpuint (type, ==, ec->get_type ());   /* registered once */

      klass = g_type_class_ref (type);
      g_assert_cmpuint (klass->n_values, ==, ec->n_codes);
      for (gsize v = 0; v < ec->n_codes; v++)
        {
          GEnumValue *ev = g_enum_get_value (klass, (int) v);

          g_assert_nonnull (ev);
          /* The nick is the stable code, so GObject property tools serialise the same strings. */
          g_assert_cmpstr (ev->value_nick, ==, ec->codes[v]);
          g_assert_true (g_str_has_prefix (ev->value_name, "YC_"));
        }
    }
}

static void
test_labels (void)
{
  gsize n_cases;
  const EnumCase *cases = enum_cases (&n_cases);

  for (gsize c = 0; c < n_cases; c++)
    {
      const EnumCase *ec = &cases[c];
      g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);

      for (gsize v = 0; v < ec->n_codes; v++)
        {
          const char *label = ec->get_label ((int) v);

          g_assert_nonnull (label);
          g_assert_cmpstr (label, !=, "");
          /* A label is words for a person, never the code itself. */
          g_assert_cmpstr (label, !=, ec->codes[v]);
          /* Distinct labels, or the clerk could not tell two states apart. */
          g_assert_false (g_hash_table_contains (seen, label));
          g_hash_table_add (seen, (gpointer) label);
        }
    }

  /* A few glossary terms, in the C locale the tests run in. */
  g_assert_cmpstr (yc_case_type_get_label (YC_CASE_TYPE_IMMEDIATE), ==, "Immediate");
  g_assert_cmpstr (yc_case_type_get_label (YC_CASE_TYPE_PROMISED), ==, "Promised");
  g_assert_cmpstr (yc_case_state_get_label (YC_CASE_STATE_ACCEPTED), ==, "Accepted");
  g_assert_cmpstr (yc_case_state_get_label (YC_CASE_STATE_TOLERANCE_ACCEPTED), ==, "Tolerance accepted");
  g_assert_cmpstr (yc_case_state_get_label (YC_CASE_STATE_NOTICE_ISSUED), ==, "One-time notice issued");
}

/* A value outside an enum is a programming error: a critical, and no code (@data 0) or label (1). */
static void
test_codes_out_of_range (gconstpointer data)
{
  if (g_test_subprocess ())
    {
      if (GPOINTER_TO_UINT (data) == 0)
        g_assert_null (yc_case_state_to_string ((YcCaseState) YC_CASE_N_STATES));
      else
        g_assert_null (yc_doc_kind_get_label ((YcDocKind) -1));
      return;
    }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  g_test_trap_assert_stderr ("*CRITICAL*row != NULL*");
}

/* Applicant flags: codes and labels one bit at a time; no bit or several bits have none, quietly. */
static void
test_applicant_flags (void)
{
  static const struct {
    YcApplicantFlags  flag;
    const char       *code;
    const char       *label;
  } flags[] = {
    { YC_APPLICANT_FLAG_BAD_CREDIT, "bad_credit", "Listed for bad credit" },
    { YC_APPLICANT_FLAG_FALSE_PROMISE, "false_promise", "Earlier false commitment" },
    { YC_APPLICANT_FLAG_USCC_OVERRIDE, "uscc_override", "Credit code check overridden" },
  };
  g_autoptr(GFlagsClass) klass = NULL;
  YcApplicantFlags out = YC_APPLICANT_FLAG_NONE;

  g_assert_cmpuint (G_N_ELEMENTS (flags), ==, YC_APPLICANT_N_FLAGS);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      g_assert_cmpstr (yc_applicant_flag_to_string (flags[i].flag), ==, flags[i].code);
      g_assert_cmpstr (yc_applicant_flag_get_label (flags[i].flag), ==, flags[i].label);
      g_assert_true (yc_applicant_flag_from_string (flags[i].code, &out));
      g_assert_cmpint (out, ==, flags[i].flag);
      g_assert_true (yc_applicant_flag_from_string (flags[i].code, NULL));
    }

  g_assert_null (yc_applicant_flag_to_string (YC_APPLICANT_FLAG_NONE));
  g_assert_null (yc_applicant_flag_get_label (YC_APPLICANT_FLAG_NONE));
  g_assert_null (yc_applicant_flag_to_string (YC_APPLICANT_FLAG_BAD_CREDIT |
                                              YC_APPLICANT_FLAG_FALSE_PROMISE));
  g_assert_null (yc_applicant_flag_get_label (YC_APPLICANT_FLAG_BAD_CREDIT |
                                              YC_APPLICANT_FLAG_USCC_OVERRIDE));
  g_assert_null (yc_applicant_flag_to_string (1 << YC_APPLICANT_N_FLAGS));

  out = YC_APPLICANT_FLAG_FALSE_PROMISE;
  for (gsize b = 0; b < G_N_ELEMENTS (bad_codes); b++)
    g_assert_false (yc_applicant_flag_from_string (bad_codes[b], &out));
  g_assert_false (yc_applicant_flag_from_string (NULL, &out));
  g_assert_false (yc_applicant_flag_from_string ("bad_credit|false_promise", &out));
  g_assert_cmpint (out, ==, YC_APPLICANT_FLAG_FALSE_PROMISE);

  /* A flags GType whose nicks are the codes, so a bit set serialises as "bad_credit | …". */
  g_assert_true (G_TYPE_IS_FLAGS (YC_TYPE_APPLICANT_FLAGS));
  g_assert_cmpstr (g_type_name (YC_TYPE_APPLICANT_FLAGS), ==, "YcApplicantFlags");
  klass = g_type_class_ref (YC_TYPE_APPLICANT_FLAGS);
  g_assert_cmpuint (klass->n_values, ==, YC_APPLICANT_N_FLAGS);
  for (guint i = 0; i < G_N_ELEMENTS (flags); i++)
    {
      GFlagsValue *value = g_flags_get_first_value (klass, flags[i].flag);

      g_assert_nonnull (value);
      g_assert_cmpuint (value->value, ==, flags[i].flag);
      g_assert_cmpstr (value->value_nick, ==, flags[i].code);
    }
}

/* ---------------------------------------------------------------------------------------------------------- */
/* Property declarations: every property documented in the headers exists, and every one notifies explicitly. */

static void
check_properties (GType               type,
                  const char * const *expected)
{
  g_autoptr(GTypeClass) klass = g_type_class_ref (type);
  g_autofree GParamSpec **pspecs = NULL;
  guint n_pspecs;

  for (guint i = 0; expected[i] != NULL; i++)
    if (g_object_class_find_property (G_OBJECT_CLASS (klass), expected[i]) == NULL)
      g_error ("%s has no property \"%s\"", g_type_name (type), expected[i]);

  pspecs = g_object_class_list_properties (G_OBJECT_CLASS (klass), &n_pspecs);
  g_assert_cmpuint (n_pspecs, ==, g_strv_length ((char **) expected));
  for (guint i = 0; i < n_pspecs; i++)
    {
      g_assert_true (pspecs[i]->flags & G_PARAM_EXPLICIT_NOTIFY);
      g_assert_true ((pspecs[i]->flags & G_PARAM_STATIC_STRINGS) == G_PARAM_STATIC_STRINGS);
    }
}

static void
test_property_lists (void)
{
  const char * const spec_props[] = {
    "code", "name", "position", "originals", "copies", "form", "tolerable", "supplement-days",
    "licence-type", "notes", "required", NULL,
  };
  const char * const item_props[] = {
    "code", "name", "department", "item-type", "item-type-label", "case-type", "legal-days",
    "promised-days", "commitment-allowed", "legal-basis", "conditions", "fees", "result", "keywords",
    "summary", NULL,
  };
  const char * const party_props[] = {
    "kind", "name", "id-number", "phone", "address", "legal-representative", "contact", "relation",
    "authorisation", NULL,
  };
  const char * const material_props[] = {
    "spec-code", "name", "position", "state", "originals", "copies", "note", "supplement-deadline",
    "attachment", NULL,
  };
  const char * const case_props[] = {
    "uuid", "case-no", "query-password", "item-code", "item-name", "department", "state", "applicant",
    "agent", "window-code", "clerk", "created-at", "decided-at", "legal-deadline", "promised-deadline",
    "reason", "applicant-flags", "legal-basis", "refer-department", NULL,
  };

  check_properties (YC_TYPE_MATERIAL_SPEC, spec_props);
  check_properties (YC_TYPE_ITEM, item_props);
  check_properties (YC_TYPE_PARTY, party_props);
  check_properties (YC_TYPE_CASE_MATERIAL, material_props);
  check_properties (YC_TYPE_CASE, case_props);
}

/* ---------------------------------------------------------------------------------------------------------- */
/* YcItem */

static YcMaterialSpec *
make_spec (const char *code,
           const char *name,
           guint       position)
{
  return g_object_new (YC_TYPE_MATERIAL_SPEC,
                       "code", code,
                       "name", name,
                       "position", position,
                       "originals", 1,
                       "copies", 2,
                       NULL);
}

static YcItem *
make_item (void)
{
  g_autoptr(YcItem) item = NULL;
  g_autoptr(GPtrArray) specs = g_ptr_array_new_with_free_func (g_object_unref);
  const char *keywords[] = { "房产证", "bdcdj", NULL };

  item = g_object_new (YC_TYPE_ITEM,
                       "code", "11330100MB0000000X4000117001000",
                       "name", "不动产登记证明",
                       "department", "不动产登记中心",
                       "item-type", "XK",
                       "item-type-label", "行政许可",
                       "case-type", YC_CASE_TYPE_PROMISED,
                       "legal-days", 20,
                       "promised-days", 5,
                       "commitment-allowed", TRUE,
                       "legal-basis", "《不动产登记暂行条例》",
                       "conditions", "权利人申请",
                       "fees", "80元/件",
                       "result", "不动产登记证明",
                       "keywords", keywords,
                       NULL);

  g_ptr_array_add (specs, make_spec ("M01", "身份证", 1));
  g_ptr_array_add (specs, make_spec ("M02", "购房合同", 2));
  g_ptr_array_add (specs, g_object_new (YC_TYPE_MATERIAL_SPEC,
                                        "code", "M03", "name", "完税证明", "position", 3,
                                        "form", YC_MATERIAL_FORM_EITHER, "tolerable", TRUE,
                                        "supplement-days", 10, "licence-type", "tax-certificate",
                                        "notes", "税务部门出具", "required", FALSE,
                                        NULL));
  yc_item_set_materials (item, specs);

  return g_steal_pointer (&item);
}

static void
test_material_spec (void)
{
  g_autoptr(YcMaterialSpec) spec = make_spec ("M01", "身份证", 1);
  g_autoptr(YcMaterialSpec) full = NULL;

  g_assert_cmpstr (yc_material_spec_get_code (spec), ==, "M01");
  g_assert_cmpstr (yc_material_spec_get_name (spec), ==, "身份证");
  g_assert_cmpuint (yc_material_spec_get_position (spec), ==, 1);
  g_assert_cmpuint (yc_material_spec_get_originals (spec), ==, 1);
  g_assert_cmpuint (yc_material_spec_get_copies (spec), ==, 2);
  /* Defaults: paper, not tolerable, required, no licence. */
  g_assert_cmpint (yc_material_spec_get_form (spec), ==, YC_MATERIAL_FORM_PAPER);
  g_assert_false (yc_material_spec_get_tolerable (spec));
  g_assert_true (yc_material_spec_get_required (spec));
  g_assert_null (yc_material_spec_get_licence_type (spec));

  full = g_object_new (YC_TYPE_MATERIAL_SPEC, "form", YC_MATERIAL_FORM_ELECTRONIC, "tolerable", TRUE,
                       "supplement-days", 7, "licence-type", "marriage", "notes", "原件", "required", FALSE,
                       NULL);
  g_assert_cmpint (yc_material_spec_get_form (full), ==, YC_MATERIAL_FORM_ELECTRONIC);
  g_assert_true (yc_material_spec_get_tolerable (full));
  g_assert_cmpuint (yc_material_spec_get_supplement_days (full), ==, 7);
  g_assert_cmpstr (yc_material_spec_get_licence_type (full), ==, "marriage");
  g_assert_cmpstr (yc_material_spec_get_notes (full), ==, "原件");
  g_assert_false (yc_material_spec_get_required (full));
}

static void
count_cb (GObject    *object,
          GParamSpec *pspec,
          guint      *count)
{
  (*count)++;
}

static void
test_item_properties (void)
{
  g_autoptr(YcItem) item = make_item ();
  const char * const *keywords;
  g_autofree char *code = NULL;
  guint n_dept = 0, n_name = 0;

  g_assert_cmpstr (yc_item_get_code (item), ==, "11330100MB0000000X4000117001000");
  g_assert_cmpstr (yc_item_get_name (item), ==, "不动产登记证明");
  g_assert_cmpstr (yc_item_get_department (item), ==, "不动产登记中心");
  g_assert_cmpstr (yc_item_get_item_type (item), ==, "XK");
  g_assert_cmpstr (yc_item_get_item_type_label (item), ==, "行政许可");
  g_assert_cmpint (yc_item_get_case_type (item), ==, YC_CASE_TYPE_PROMISED);
  g_assert_cmpuint (yc_item_get_legal_days (item), ==, 20);
  g_assert_cmpuint (yc_item_get_promised_days (item), ==, 5);
  g_assert_true (yc_item_get_commitment_allowed (item));
  g_assert_cmpstr (yc_item_get_legal_basis (item), ==, "《不动产登记暂行条例》");
  g_assert_cmpstr (yc_item_get_conditions (item), ==, "权利人申请");
  g_assert_cmpstr (yc_item_get_fees (item), ==, "80元/件");
  g_assert_cmpstr (yc_item_get_result (item), ==, "不动产登记证明");
  keywords = yc_item_get_keywords (item);
  g_assert_nonnull (keywords);
  g_assert_cmpuint (g_strv_length ((char **) keywords), ==, 2);
  g_assert_cmpstr (keywords[1], ==, "bdcdj");

  g_object_get (item, "code", &code, NULL);
  g_assert_cmpstr (code, ==, "11330100MB0000000X4000117001000");

  /* EXPLICIT_NOTIFY: a notification per real change, none for the same value. */
  g_signal_connect (item, "notify::department", G_CALLBACK (count_cb), &n_dept);
  g_signal_connect (item, "notify::name", G_CALLBACK (count_cb), &n_name);
  g_object_set (item, "department", "不动产登记中心", NULL);
  g_assert_cmpuint (n_dept, ==, 0);
  g_object_set (item, "department", "市自然资源局", NULL);
  g_assert_cmpuint (n_dept, ==, 1);
  g_assert_cmpuint (n_name, ==, 0);
}

static void
items_changed_cb (GListModel *model,
                  guint       position,
                  guint       removed,
                  guint       added,
                  guint      *count)
{
  (*count)++;
}

static void
test_item_materials (void)
{
  g_autoptr(YcItem) item = make_item ();
  g_autoptr(YcItem) empty = g_object_new (YC_TYPE_ITEM, NULL);
  g_autoptr(GPtrArray) replacement = g_ptr_array_new_with_free_func (g_object_unref);
  GListModel *model = yc_item_get_materials (item);
  const char *expected[] = { "M01", "M02", "M03" };
  YcMaterialSpec *found;
  guint n_changes = 0;

  g_assert_cmpuint (g_list_model_get_n_items (yc_item_get_materials (empty)), ==, 0);
  g_assert_true (g_list_model_get_item_type (model) == YC_TYPE_MATERIAL_SPEC);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (model, i);

      g_assert_cmpstr (yc_material_spec_get_code (spec), ==, expected[i]);
      g_assert_cmpuint (yc_material_spec_get_position (spec), ==, i + 1);
    }

  found = yc_item_find_material (item, "M03");
  g_assert_nonnull (found);
  g_assert_cmpstr (yc_material_spec_get_name (found), ==, "完税证明");
  g_assert_true (yc_material_spec_get_tolerable (found));
  g_assert_cmpuint (yc_material_spec_get_supplement_days (found), ==, 10);
  g_assert_false (yc_material_spec_get_required (found));
  g_assert_null (yc_item_find_material (item, "M99"));
  g_assert_null (yc_item_find_material (item, NULL));

  /* Replacing the checklist is one change for views, and the old specs are gone. */
  g_signal_connect (model, "items-changed", G_CALLBACK (items_changed_cb), &n_changes);
  g_ptr_array_add (replacement, make_spec ("N01", "营业执照", 1));
  yc_item_set_materials (item, replacement);
  g_assert_cmpuint (n_changes, ==, 1);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 1);
  g_assert_null (yc_item_find_material (item, "M01"));
  g_assert_nonnull (yc_item_find_material (item, "N01"));
  /* The item holds its own references. */
  g_ptr_array_set_size (replacement, 0);
  g_assert_cmpstr (yc_material_spec_get_name (yc_item_find_material (item, "N01")), ==, "营业执照");

  yc_item_set_materials (item, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, 0);
}

static char *
dup_summary (YcItem *item)
{
  char *summary = NULL;

  g_object_get (item, "summary", &summary, NULL);
  return summary;
}

static void
test_item_summary (void)
{
  g_autoptr(YcItem) item = make_item ();
  g_autoptr(YcItem) partial = NULL;
  g_autofree char *s1 = NULL, *s2 = NULL, *s3 = NULL, *s4 = NULL, *s5 = NULL;
  guint n_summary = 0;
  GParamSpec *pspec;

  pspec = g_object_class_find_property (G_OBJECT_GET_CLASS (item), "summary");
  g_assert_nonnull (pspec);
  g_assert_false (pspec->flags & G_PARAM_WRITABLE);

  s1 = dup_summary (item);
  g_assert_cmpstr (s1, ==, "不动产登记中心 · 行政许可 · 5 working days");

  /* The summary follows what it is made of, so list rows bound to it update. */
  g_signal_connect (item, "notify::summary", G_CALLBACK (count_cb), &n_summary);
  g_object_set (item, "promised-days", 3, NULL);
  g_assert_cmpuint (n_summary, ==, 1);
  s2 = dup_summary (item);
  g_assert_cmpstr (s2, ==, "不动产登记中心 · 行政许可 · 3 working days");

  g_object_set (item, "case-type", YC_CASE_TYPE_IMMEDIATE, NULL);
  g_assert_cmpuint (n_summary, ==, 2);
  s3 = dup_summary (item);
  g_assert_cmpstr (s3, ==, "不动产登记中心 · 行政许可 · Immediate");

  /* Unrelated properties leave it alone. */
  g_object_set (item, "fees", "不收费", NULL);
  g_assert_cmpuint (n_summary, ==, 2);

  /* No promise configured: the legal limit stands in. */
  g_object_set (item, "case-type", YC_CASE_TYPE_PROMISED, "promised-days", 0, NULL);
  s4 = dup_summary (item);
  g_assert_cmpstr (s4, ==, "不动产登记中心 · 行政许可 · 20 working days");

  /* Missing parts are left out rather than shown as empty separators. */
  partial = g_object_new (YC_TYPE_ITEM, "department", "公安局", "promised-days", 1, NULL);
  s5 = dup_summary (partial);
  g_assert_cmpstr (s5, ==, "公安局 · 1 working days");
}

/* ---------------------------------------------------------------------------------------------------------- */
/* YcCase */

static void
test_case_from_item (void)
{
  g_autoptr(YcItem) item = make_item ();
  g_autoptr(YcCase) kase = yc_case_new_for_item (item);
  GListModel *materials = yc_case_get_materials (kase);
  GListModel *specs = yc_item_get_materials (item);

  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_DRAFT);
  g_assert_cmpstr (yc_case_get_item_code (kase), ==, yc_item_get_code (item));
  g_assert_cmpstr (yc_case_get_item_name (kase), ==, "不动产登记证明");
  g_assert_cmpstr (yc_case_get_department (kase), ==, "不动产登记中心");
  g_assert_true (g_uuid_string_is_valid (yc_case_get_uuid (kase)));
  g_assert_nonnull (yc_case_get_query_password (kase));
  g_assert_nonnull (yc_case_get_created_at (kase));
  g_assert_null (yc_case_get_case_no (kase));
  g_assert_null (yc_case_get_decided_at (kase));
  g_assert_null (yc_case_get_agent (kase));

  g_assert_true (g_list_model_get_item_type (materials) == YC_TYPE_CASE_MATERIAL);
  g_assert_cmpuint (g_list_model_get_n_items (materials), ==, g_list_model_get_n_items (specs));
  g_assert_cmpuint (g_list_model_get_n_items (materials), ==, 3);
  for (guint i = 0; i < 3; i++)
    {
      g_autoptr(YcCaseMaterial) m = g_list_model_get_item (materials, i);
      g_autoptr(YcMaterialSpec) spec = g_list_model_get_item (specs, i);

      g_assert_cmpstr (yc_case_material_get_spec_code (m), ==, yc_material_spec_get_code (spec));
      g_assert_cmpstr (yc_case_material_get_name (m), ==, yc_material_spec_get_name (spec));
      g_assert_cmpuint (yc_case_material_get_position (m), ==, yc_material_spec_get_position (spec));
      g_assert_cmpint (yc_case_material_get_state (m), ==, YC_MATERIAL_STATE_PENDING);
      /* Nothing received yet, whatever the spec asks for. */
      g_assert_cmpuint (yc_case_material_get_originals (m), ==, 0);
      g_assert_cmpuint (yc_case_material_get_copies (m), ==, 0);
      g_assert_null (yc_case_material_get_attachment (m));
    }

  /* The checklist is the case's own: changing the item later does not change it. */
  yc_item_set_materials (item, NULL);
  g_assert_cmpuint (g_list_model_get_n_items (materials), ==, 3);
}

static void
test_case_material (void)
{
  g_autoptr(YcMaterialSpec) spec = make_spec ("M02", "购房合同", 2);
  g_autoptr(YcCaseMaterial) m = yc_case_material_new_from_spec (spec);
  g_autoptr(YcCase) kase = g_object_new (YC_TYPE_CASE, NULL);
  guint n_state = 0;

  g_signal_connect (m, "notify::state", G_CALLBACK (count_cb), &n_state);
  yc_case_material_set_state (m, YC_MATERIAL_STATE_TOLERATED);
  yc_case_material_set_state (m, YC_MATERIAL_STATE_TOLERATED);
  g_assert_cmpuint (n_state, ==, 1);
  g_object_set (m, "supplement-deadline", "2026-12-14", "note", "补交", "copies", 1, "originals", 1,
                "attachment", "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855", NULL);
  g_assert_cmpint (yc_case_material_get_state (m), ==, YC_MATERIAL_STATE_TOLERATED);
  g_assert_cmpstr (yc_case_material_get_supplement_deadline (m), ==, "2026-12-14");
  g_assert_cmpstr (yc_case_material_get_note (m), ==, "补交");
  g_assert_cmpuint (yc_case_material_get_copies (m), ==, 1);
  g_assert_cmpuint (yc_case_material_get_originals (m), ==, 1);
  g_assert_cmpuint (strlen (yc_case_material_get_attachment (m)), ==, 64);

  /* A bare case (as loaded from the store) starts empty; materials are appended in order. */
  g_assert_cmpuint (g_list_model_get_n_items (yc_case_get_materials (kase)), ==, 0);
  g_assert_null (yc_case_get_uuid (kase));
  yc_case_add_material (kase, m);
  g_assert_cmpuint (g_list_model_get_n_items (yc_case_get_materials (kase)), ==, 1);
}

static void
test_case_parties (void)
{
  g_autoptr(YcCase) kase = yc_case_new ();
  g_autoptr(YcParty) person = yc_party_new (YC_PARTY_PERSON);
  g_autoptr(YcParty) org = yc_party_new (YC_PARTY_ORGANISATION);
  g_autoptr(GDateTime) decided = g_date_time_new_utc (2026, 3, 2, 9, 30, 0);
  g_autoptr(GDateTime) same = g_date_time_new_utc (2026, 3, 2, 9, 30, 0);
  guint n_decided = 0;

  g_object_set (person, "name", "张三", "id-number", "11010519491231002X", "phone", "13800000000",
                "address", "杭州市", "relation", "子女", "authorisation", "委托书 2026-03-01", NULL);
  g_object_set (org, "name", "某某有限公司", "id-number", "91330100MA00000000",
                "legal-representative", "李四", "contact", "王五", NULL);

  g_assert_cmpint (yc_party_get_kind (person), ==, YC_PARTY_PERSON);
  g_assert_cmpint (yc_party_get_kind (org), ==, YC_PARTY_ORGANISATION);
  g_assert_cmpstr (yc_party_get_name (person), ==, "张三");
  g_assert_cmpstr (yc_party_get_id_number (person), ==, "11010519491231002X");
  g_assert_cmpstr (yc_party_get_phone (person), ==, "13800000000");
  g_assert_cmpstr (yc_party_get_address (person), ==, "杭州市");
  g_assert_cmpstr (yc_party_get_relation (person), ==, "子女");
  g_assert_cmpstr (yc_party_get_authorisation (person), ==, "委托书 2026-03-01");
  g_assert_cmpstr (yc_party_get_legal_representative (org), ==, "李四");
  g_assert_cmpstr (yc_party_get_contact (org), ==, "王五");
  g_assert_null (yc_party_get_phone (org));

  g_object_set (kase, "applicant", org, "agent", person, "window-code", "W01", "clerk", "clerk01",
                "case-no", "W01-20260302-0001", "legal-deadline", "2026-03-30",
                "promised-deadline", "2026-03-09", "reason", NULL, NULL);
  g_assert_true (yc_case_get_applicant (kase) == org);
  g_assert_true (yc_case_get_agent (kase) == person);
  g_assert_cmpstr (yc_case_get_window_code (kase), ==, "W01");
  g_assert_cmpstr (yc_case_get_clerk (kase), ==, "clerk01");
  g_assert_cmpstr (yc_case_get_case_no (kase), ==, "W01-20260302-0001");
  g_assert_cmpstr (yc_case_get_legal_deadline (kase), ==, "2026-03-30");
  g_assert_cmpstr (yc_case_get_promised_deadline (kase), ==, "2026-03-09");
  g_assert_null (yc_case_get_reason (kase));

  g_signal_connect (kase, "notify::decided-at", G_CALLBACK (count_cb), &n_decided);
  g_object_set (kase, "decided-at", decided, NULL);
  g_object_set (kase, "decided-at", same, NULL);   /* the same instant is no change */
  g_assert_cmpuint (n_decided, ==, 1);
  g_assert_true (g_date_time_equal (yc_case_get_decided_at (kase), decided));

  g_object_set (kase, "agent", NULL, NULL);
  g_assert_null (yc_case_get_agent (kase));
}

static void
test_case_apply_event (void)
{
  g_autoptr(YcCase) kase = yc_case_new ();
  g_autoptr(GError) error = NULL;
  guint n_state = 0;

  g_signal_connect (kase, "notify::state", G_CALLBACK (count_cb), &n_state);

  g_assert_true (yc_case_apply_event (kase, YC_CASE_EVENT_TOLERANCE_ACCEPT, &error));
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  g_assert_cmpuint (n_state, ==, 1);

  /* An illegal event fails, leaves the state as it was and says nothing changed. */
  g_assert_false (yc_case_apply_event (kase, YC_CASE_EVENT_APPROVE, &error));
  g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION);
  g_clear_error (&error);
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_TOLERANCE_ACCEPTED);
  g_assert_cmpuint (n_state, ==, 1);

  g_assert_true (yc_case_apply_event (kase, YC_CASE_EVENT_SUPPLEMENT, &error));
  g_assert_true (yc_case_apply_event (kase, YC_CASE_EVENT_WITHDRAW, &error));
  g_assert_no_error (error);
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_WITHDRAWN);
  g_assert_cmpuint (n_state, ==, 3);

  g_assert_false (yc_case_apply_event (kase, YC_CASE_EVENT_VOID, &error));
  g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_TERMINAL);
  g_assert_cmpint (yc_case_get_state (kase), ==, YC_CASE_STATE_WITHDRAWN);
  g_assert_cmpuint (n_state, ==, 3);
}

static void
test_case_uuid (void)
{
  g_autoptr(GHashTable) uuids = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_autoptr(GRegex) format = g_regex_new ("^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$",
                                          0, 0, NULL);
  g_autoptr(GRegex) password = g_regex_new ("^[0-9]{6}$", 0, 0, NULL);

  for (guint i = 0; i < 2000; i++)
    {
      g_autoptr(YcCase) kase = yc_case_new ();
      const char *uuid = yc_case_get_uuid (kase);

      /* A random (version 4) UUID, lower case, as the platform expects in PUT /cases/{uuid}. */
      g_assert_true (g_regex_match (format, uuid, 0, NULL));
      g_assert_true (g_regex_match (password, yc_case_get_query_password (kase), 0, NULL));
      g_assert_false (g_hash_table_contains (uuids, uuid));
      g_hash_table_add (uuids, g_strdup (uuid));
    }

  g_assert_cmpuint (g_hash_table_size (uuids), ==, 2000);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/domain/codes/round-trip", test_codes_round_trip);
  g_test_add_func ("/yc/domain/codes/unknown-rejected", test_codes_unknown_rejected);
  g_test_add_func ("/yc/domain/codes/gtypes", test_gtypes);
  g_test_add_func ("/yc/domain/codes/labels", test_labels);
  g_test_add_data_func ("/yc/domain/codes/out-of-range/code", GUINT_TO_POINTER (0),
                        test_codes_out_of_range);
  g_test_add_data_func ("/yc/domain/codes/out-of-range/label", GUINT_TO_POINTER (1),
                        test_codes_out_of_range);
  g_test_add_func ("/yc/domain/codes/applicant-flags", test_applicant_flags);
  g_test_add_func ("/yc/domain/properties", test_property_lists);
  g_test_add_func ("/yc/domain/item/material-spec", test_material_spec);
  g_test_add_func ("/yc/domain/item/properties", test_item_properties);
  g_test_add_func ("/yc/domain/item/materials", test_item_materials);
  g_test_add_func ("/yc/domain/item/summary", test_item_summary);
  g_test_add_func ("/yc/domain/case/from-item", test_case_from_item);
  g_test_add_func ("/yc/domain/case/material", test_case_material);
  g_test_add_func ("/yc/domain/case/parties", test_case_parties);
  g_test_add_func ("/yc/domain/case/apply-event", test_case_apply_event);
  g_test_add_func ("/yc/domain/case/uuid", test_case_uuid);

  return g_test_run ();
}
