/* yc-types.c: GTypes, stable string codes and translated labels for the core enumerations. */
#define G_LOG_DOMAIN "yc-domain"

#include <glib/gi18n.h>

#include "yc-types.h"

/* One row per value: the GEnumValue nick is the stable code, so GObject property serialisation, the
 * database and the platform all agree on the same string. The label is an untranslated msgid, translated
 * on demand with _() in the _get_label functions; N_() marks it for xgettext. */
typedef struct {
  int         value;
  const char *name;   /* C identifier, for GEnumValue.value_name */
  const char *code;   /* stable snake-case code, GEnumValue.value_nick */
  const char *label;  /* English msgid, NULL when the enum has no label API */
} YcEnumRow;

static const YcEnumRow case_type_rows[] = {
  { YC_CASE_TYPE_IMMEDIATE, "YC_CASE_TYPE_IMMEDIATE", "immediate", N_("Immediate") },
  { YC_CASE_TYPE_PROMISED,  "YC_CASE_TYPE_PROMISED",  "promised",  N_("Promised") },
  { YC_CASE_TYPE_REPORTED,  "YC_CASE_TYPE_REPORTED",  "reported",  N_("Reported upwards") },
  { YC_CASE_TYPE_JOINT,     "YC_CASE_TYPE_JOINT",     "joint",     N_("Joint") },
};

static const YcEnumRow material_form_rows[] = {
  { YC_MATERIAL_FORM_PAPER,      "YC_MATERIAL_FORM_PAPER",      "paper",      N_("Paper") },
  { YC_MATERIAL_FORM_ELECTRONIC, "YC_MATERIAL_FORM_ELECTRONIC", "electronic", N_("Electronic") },
  { YC_MATERIAL_FORM_EITHER,     "YC_MATERIAL_FORM_EITHER",     "either",     N_("Paper or electronic") },
};

static const YcEnumRow case_state_rows[] = {
  { YC_CASE_STATE_DRAFT,               "YC_CASE_STATE_DRAFT",               "draft",               N_("Draft") },
  { YC_CASE_STATE_ACCEPTED,            "YC_CASE_STATE_ACCEPTED",            "accepted",            N_("Accepted") },
  { YC_CASE_STATE_TOLERANCE_ACCEPTED,  "YC_CASE_STATE_TOLERANCE_ACCEPTED",  "tolerance_accepted",  N_("Tolerance accepted") },
  { YC_CASE_STATE_COMMITMENT_ACCEPTED, "YC_CASE_STATE_COMMITMENT_ACCEPTED", "commitment_accepted", N_("Accepted on commitment") },
  { YC_CASE_STATE_NOTICE_ISSUED,       "YC_CASE_STATE_NOTICE_ISSUED",       "notice_issued",       N_("One-time notice issued") },
  { YC_CASE_STATE_REFUSED,             "YC_CASE_STATE_REFUSED",             "refused",             N_("Refused") },
  { YC_CASE_STATE_REFERRED,            "YC_CASE_STATE_REFERRED",            "referred",            N_("Referred elsewhere") },
  { YC_CASE_STATE_IN_REVIEW,           "YC_CASE_STATE_IN_REVIEW",           "in_review",           N_("In review") },
  { YC_CASE_STATE_APPROVED,            "YC_CASE_STATE_APPROVED",            "approved",            N_("Approved") },
  { YC_CASE_STATE_DENIED,              "YC_CASE_STATE_DENIED",              "denied",              N_("Denied") },
  { YC_CASE_STATE_RESULT_READY,        "YC_CASE_STATE_RESULT_READY",        "result_ready",        N_("Result ready") },
  { YC_CASE_STATE_HANDED_OVER,         "YC_CASE_STATE_HANDED_OVER",         "handed_over",         N_("Result handed over") },
  { YC_CASE_STATE_SUPPLEMENTED,        "YC_CASE_STATE_SUPPLEMENTED",        "supplemented",        N_("Supplemented") },
  { YC_CASE_STATE_OVERDUE,             "YC_CASE_STATE_OVERDUE",             "overdue",             N_("Supplement overdue") },
  { YC_CASE_STATE_TERMINATED,          "YC_CASE_STATE_TERMINATED",          "terminated",          N_("Terminated") },
  { YC_CASE_STATE_WITHDRAWN,           "YC_CASE_STATE_WITHDRAWN",           "withdrawn",           N_("Withdrawn") },
  { YC_CASE_STATE_VOIDED,              "YC_CASE_STATE_VOIDED",              "voided",              N_("Voided") },
};

static const YcEnumRow case_event_rows[] = {
  { YC_CASE_EVENT_ACCEPT,            "YC_CASE_EVENT_ACCEPT",            "accept",            N_("Accept") },
  { YC_CASE_EVENT_TOLERANCE_ACCEPT,  "YC_CASE_EVENT_TOLERANCE_ACCEPT",  "tolerance_accept",  N_("Accept with tolerance") },
  { YC_CASE_EVENT_COMMITMENT_ACCEPT, "YC_CASE_EVENT_COMMITMENT_ACCEPT", "commitment_accept", N_("Accept on commitment") },
  { YC_CASE_EVENT_ISSUE_NOTICE,      "YC_CASE_EVENT_ISSUE_NOTICE",      "issue_notice",      N_("Issue one-time notice") },
  { YC_CASE_EVENT_REFUSE,            "YC_CASE_EVENT_REFUSE",            "refuse",            N_("Refuse") },
  { YC_CASE_EVENT_REFER,             "YC_CASE_EVENT_REFER",             "refer",             N_("Refer elsewhere") },
  { YC_CASE_EVENT_START_REVIEW,      "YC_CASE_EVENT_START_REVIEW",      "start_review",      N_("Start review") },
  { YC_CASE_EVENT_APPROVE,           "YC_CASE_EVENT_APPROVE",           "approve",           N_("Approve") },
  { YC_CASE_EVENT_DENY,              "YC_CASE_EVENT_DENY",              "deny",              N_("Deny") },
  { YC_CASE_EVENT_PRODUCE_RESULT,    "YC_CASE_EVENT_PRODUCE_RESULT",    "produce_result",    N_("Produce result") },
  { YC_CASE_EVENT_HAND_OVER,         "YC_CASE_EVENT_HAND_OVER",         "hand_over",         N_("Hand over result") },
  { YC_CASE_EVENT_SUPPLEMENT,        "YC_CASE_EVENT_SUPPLEMENT",        "supplement",        N_("Supplement materials") },
  { YC_CASE_EVENT_MARK_OVERDUE,      "YC_CASE_EVENT_MARK_OVERDUE",      "mark_overdue",      N_("Mark supplement overdue") },
  { YC_CASE_EVENT_TERMINATE,         "YC_CASE_EVENT_TERMINATE",         "terminate",         N_("Terminate") },
  { YC_CASE_EVENT_WITHDRAW,          "YC_CASE_EVENT_WITHDRAW",          "withdraw",          N_("Withdraw") },
  { YC_CASE_EVENT_VOID,              "YC_CASE_EVENT_VOID",              "void",              N_("Void") },
  { YC_CASE_EVENT_REOPEN,            "YC_CASE_EVENT_REOPEN",            "reopen",            N_("Reopen") },
};

static const YcEnumRow material_state_rows[] = {
  { YC_MATERIAL_STATE_PENDING,          "YC_MATERIAL_STATE_PENDING",          "pending",          N_("Pending") },
  { YC_MATERIAL_STATE_ORIGINAL_CHECKED, "YC_MATERIAL_STATE_ORIGINAL_CHECKED", "original_checked", N_("Original checked") },
  { YC_MATERIAL_STATE_COPY_RECEIVED,    "YC_MATERIAL_STATE_COPY_RECEIVED",    "copy_received",    N_("Copy received") },
  { YC_MATERIAL_STATE_SCANNED,          "YC_MATERIAL_STATE_SCANNED",          "scanned",          N_("Scanned") },
  { YC_MATERIAL_STATE_LICENCE,          "YC_MATERIAL_STATE_LICENCE",          "licence",          N_("From e-licence") },
  { YC_MATERIAL_STATE_TOLERATED,        "YC_MATERIAL_STATE_TOLERATED",        "tolerated",        N_("Tolerated, to supplement") },
  { YC_MATERIAL_STATE_COMMITMENT,       "YC_MATERIAL_STATE_COMMITMENT",       "commitment",       N_("Replaced by commitment") },
  { YC_MATERIAL_STATE_NOT_APPLICABLE,   "YC_MATERIAL_STATE_NOT_APPLICABLE",   "not_applicable",   N_("Not applicable") },
};

static const YcEnumRow party_kind_rows[] = {
  { YC_PARTY_PERSON,       "YC_PARTY_PERSON",       "person",       N_("Person") },
  { YC_PARTY_ORGANISATION, "YC_PARTY_ORGANISATION", "organisation", N_("Organisation") },
};

static const YcEnumRow doc_kind_rows[] = {
  { YC_DOC_RECEIPT,     "YC_DOC_RECEIPT",     "receipt",     N_("Acceptance receipt") },
  { YC_DOC_NOTICE_ONCE, "YC_DOC_NOTICE_ONCE", "notice_once", N_("One-time notice") },
  { YC_DOC_REFUSAL,     "YC_DOC_REFUSAL",     "refusal",     N_("Refusal notice") },
  { YC_DOC_TOLERANCE,   "YC_DOC_TOLERANCE",   "tolerance",   N_("Tolerance acceptance notice") },
  { YC_DOC_COMMITMENT,  "YC_DOC_COMMITMENT",  "commitment",  N_("Commitment form") },
  { YC_DOC_HANDOVER,    "YC_DOC_HANDOVER",    "handover",    N_("Result handover record") },
  { YC_DOC_GUIDANCE,    "YC_DOC_GUIDANCE",    "guidance",    N_("Applicant guidance") },
};

/* Flags are indexed by bit number, not by value. */
static const YcEnumRow applicant_flag_rows[] = {
  { YC_APPLICANT_FLAG_BAD_CREDIT,    "YC_APPLICANT_FLAG_BAD_CREDIT",    "bad_credit",    N_("Listed for bad credit") },
  { YC_APPLICANT_FLAG_FALSE_PROMISE, "YC_APPLICANT_FLAG_FALSE_PROMISE", "false_promise", N_("Earlier false commitment") },
  { YC_APPLICANT_FLAG_USCC_OVERRIDE, "YC_APPLICANT_FLAG_USCC_OVERRIDE", "uscc_override", N_("Credit code check overridden") },
};
G_STATIC_ASSERT (G_N_ELEMENTS (applicant_flag_rows) == YC_APPLICANT_N_FLAGS);

/* The tables are indexed by value, so every lookup by value is O(1); check that once per table in debug
 * builds rather than trusting the order silently. */
static const YcEnumRow *
row_for_value (const YcEnumRow *rows,
               gsize            n_rows,
               int              value)
{
  if (value < 0 || (gsize) value >= n_rows)
    return NULL;
  g_assert (rows[value].value == value);
  return &rows[value];
}

static gboolean
value_for_code (const YcEnumRow *rows,
                gsize            n_rows,
                const char      *code,
                int             *out)
{
  if (code == NULL)
    return FALSE;

  for (gsize i = 0; i < n_rows; i++)
    {
      if (g_str_equal (rows[i].code, code))
        {
          if (out != NULL)
            *out = rows[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

/* Builds a zero-terminated GEnumValue array from a table; it lives for the life of the process, as
 * g_enum_register_static requires. */
static GType
register_enum (const char      *type_name,
               const YcEnumRow *rows,
               gsize            n_rows)
{
  GEnumValue *values = g_new0 (GEnumValue, n_rows + 1);

  for (gsize i = 0; i < n_rows; i++)
    {
      values[i].value = rows[i].value;
      values[i].value_name = rows[i].name;
      values[i].value_nick = rows[i].code;
    }

  return g_enum_register_static (type_name, values);
}

#define YC_DEFINE_ENUM_TYPE(func, TypeName, rows)                              \
  GType                                                                        \
  func (void)                                                                  \
  {                                                                            \
    static gsize type_id = 0;                                                  \
    if (g_once_init_enter (&type_id))                                          \
      {                                                                        \
        GType t = register_enum (TypeName, rows, G_N_ELEMENTS (rows));         \
        g_once_init_leave (&type_id, t);                                       \
      }                                                                        \
    return type_id;                                                            \
  }

YC_DEFINE_ENUM_TYPE (yc_case_type_get_type, "YcCaseType", case_type_rows)
YC_DEFINE_ENUM_TYPE (yc_material_form_get_type, "YcMaterialForm", material_form_rows)
YC_DEFINE_ENUM_TYPE (yc_case_state_get_type, "YcCaseState", case_state_rows)
YC_DEFINE_ENUM_TYPE (yc_case_event_get_type, "YcCaseEvent", case_event_rows)
YC_DEFINE_ENUM_TYPE (yc_material_state_get_type, "YcMaterialState", material_state_rows)
YC_DEFINE_ENUM_TYPE (yc_party_kind_get_type, "YcPartyKind", party_kind_rows)
YC_DEFINE_ENUM_TYPE (yc_doc_kind_get_type, "YcDocKind", doc_kind_rows)

GType
yc_applicant_flags_get_type (void)
{
  static gsize type_id = 0;

  if (g_once_init_enter (&type_id))
    {
      GFlagsValue *values = g_new0 (GFlagsValue, G_N_ELEMENTS (applicant_flag_rows) + 1);
      GType t;

      for (gsize i = 0; i < G_N_ELEMENTS (applicant_flag_rows); i++)
        {
          values[i].value = (guint) applicant_flag_rows[i].value;
          values[i].value_name = applicant_flag_rows[i].name;
          values[i].value_nick = applicant_flag_rows[i].code;
        }
      t = g_flags_register_static ("YcApplicantFlags", values);
      g_once_init_leave (&type_id, t);
    }
  return type_id;
}

static const char *
code_of (const YcEnumRow *rows,
         gsize            n_rows,
         int              value)
{
  const YcEnumRow *row = row_for_value (rows, n_rows, value);

  g_return_val_if_fail (row != NULL, NULL);
  return row->code;
}

static const char *
label_of (const YcEnumRow *rows,
          gsize            n_rows,
          int              value)
{
  const YcEnumRow *row = row_for_value (rows, n_rows, value);

  g_return_val_if_fail (row != NULL, NULL);
  return _(row->label);
}

#define ROWS(rows) rows, G_N_ELEMENTS (rows)

/* from_string writes through an int so that *out stays untouched on failure whatever the enum's size. */
#define YC_FROM_STRING(rows, code, out, Type)                                  \
  G_STMT_START {                                                               \
    int v;                                                                     \
    if (!value_for_code (ROWS (rows), code, &v))                               \
      return FALSE;                                                            \
    if (out != NULL)                                                           \
      *out = (Type) v;                                                         \
    return TRUE;                                                               \
  } G_STMT_END

const char *
yc_case_type_to_string (YcCaseType type)
{
  return code_of (ROWS (case_type_rows), type);
}

gboolean
yc_case_type_from_string (const char *code,
                          YcCaseType *out)
{
  YC_FROM_STRING (case_type_rows, code, out, YcCaseType);
}

const char *
yc_case_type_get_label (YcCaseType type)
{
  return label_of (ROWS (case_type_rows), type);
}

const char *
yc_case_state_to_string (YcCaseState state)
{
  return code_of (ROWS (case_state_rows), state);
}

gboolean
yc_case_state_from_string (const char  *code,
                           YcCaseState *out)
{
  YC_FROM_STRING (case_state_rows, code, out, YcCaseState);
}

const char *
yc_case_state_get_label (YcCaseState state)
{
  return label_of (ROWS (case_state_rows), state);
}

const char *
yc_case_event_to_string (YcCaseEvent event)
{
  return code_of (ROWS (case_event_rows), event);
}

gboolean
yc_case_event_from_string (const char  *code,
                           YcCaseEvent *out)
{
  YC_FROM_STRING (case_event_rows, code, out, YcCaseEvent);
}

const char *
yc_case_event_get_label (YcCaseEvent event)
{
  return label_of (ROWS (case_event_rows), event);
}

const char *
yc_material_state_to_string (YcMaterialState state)
{
  return code_of (ROWS (material_state_rows), state);
}

gboolean
yc_material_state_from_string (const char      *code,
                               YcMaterialState *out)
{
  YC_FROM_STRING (material_state_rows, code, out, YcMaterialState);
}

const char *
yc_material_state_get_label (YcMaterialState state)
{
  return label_of (ROWS (material_state_rows), state);
}

const char *
yc_material_form_to_string (YcMaterialForm form)
{
  return code_of (ROWS (material_form_rows), form);
}

gboolean
yc_material_form_from_string (const char     *code,
                              YcMaterialForm *out)
{
  YC_FROM_STRING (material_form_rows, code, out, YcMaterialForm);
}

const char *
yc_material_form_get_label (YcMaterialForm form)
{
  return label_of (ROWS (material_form_rows), form);
}

const char *
yc_party_kind_to_string (YcPartyKind kind)
{
  return code_of (ROWS (party_kind_rows), kind);
}

gboolean
yc_party_kind_from_string (const char  *code,
                           YcPartyKind *out)
{
  YC_FROM_STRING (party_kind_rows, code, out, YcPartyKind);
}

const char *
yc_party_kind_get_label (YcPartyKind kind)
{
  return label_of (ROWS (party_kind_rows), kind);
}

const char *
yc_doc_kind_to_string (YcDocKind kind)
{
  return code_of (ROWS (doc_kind_rows), kind);
}

gboolean
yc_doc_kind_from_string (const char *code,
                         YcDocKind  *out)
{
  YC_FROM_STRING (doc_kind_rows, code, out, YcDocKind);
}

const char *
yc_doc_kind_get_label (YcDocKind kind)
{
  return label_of (ROWS (doc_kind_rows), kind);
}

static const YcEnumRow *
applicant_flag_row (YcApplicantFlags flag)
{
  for (gsize i = 0; i < G_N_ELEMENTS (applicant_flag_rows); i++)
    if ((YcApplicantFlags) applicant_flag_rows[i].value == flag)
      return &applicant_flag_rows[i];
  return NULL;
}

const char *
yc_applicant_flag_to_string (YcApplicantFlags flag)
{
  const YcEnumRow *row = applicant_flag_row (flag);

  return row ? row->code : NULL;
}

gboolean
yc_applicant_flag_from_string (const char       *code,
                               YcApplicantFlags *out)
{
  YC_FROM_STRING (applicant_flag_rows, code, out, YcApplicantFlags);
}

const char *
yc_applicant_flag_get_label (YcApplicantFlags flag)
{
  const YcEnumRow *row = applicant_flag_row (flag);

  return row ? _(row->label) : NULL;
}
