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
  const char *label;  /* English msgid */
} YcEnumRow;

/* The C identifier is the value's own name, so the two cannot drift apart. */
#define ROW(value, code, label) { value, #value, code, label }

static const YcEnumRow case_type_rows[] = {
  ROW (YC_CASE_TYPE_IMMEDIATE, "immediate", N_("Immediate")),
  ROW (YC_CASE_TYPE_PROMISED,  "promised",  N_("Promised")),
  ROW (YC_CASE_TYPE_REPORTED,  "reported",  N_("Reported upwards")),
  ROW (YC_CASE_TYPE_JOINT,     "joint",     N_("Joint")),
};

static const YcEnumRow material_form_rows[] = {
  ROW (YC_MATERIAL_FORM_PAPER,      "paper",      N_("Paper")),
  ROW (YC_MATERIAL_FORM_ELECTRONIC, "electronic", N_("Electronic")),
  ROW (YC_MATERIAL_FORM_EITHER,     "either",     N_("Paper or electronic")),
};

static const YcEnumRow case_state_rows[] = {
  ROW (YC_CASE_STATE_DRAFT,               "draft",               N_("Draft")),
  ROW (YC_CASE_STATE_ACCEPTED,            "accepted",            N_("Accepted")),
  ROW (YC_CASE_STATE_TOLERANCE_ACCEPTED,  "tolerance_accepted",  N_("Tolerance accepted")),
  ROW (YC_CASE_STATE_COMMITMENT_ACCEPTED, "commitment_accepted", N_("Accepted on commitment")),
  ROW (YC_CASE_STATE_NOTICE_ISSUED,       "notice_issued",       N_("One-time notice issued")),
  ROW (YC_CASE_STATE_REFUSED,             "refused",             N_("Refused")),
  ROW (YC_CASE_STATE_REFERRED,            "referred",            N_("Referred elsewhere")),
  ROW (YC_CASE_STATE_IN_REVIEW,           "in_review",           N_("In review")),
  ROW (YC_CASE_STATE_APPROVED,            "approved",            N_("Approved")),
  ROW (YC_CASE_STATE_DENIED,              "denied",              N_("Denied")),
  ROW (YC_CASE_STATE_RESULT_READY,        "result_ready",        N_("Result ready")),
  ROW (YC_CASE_STATE_HANDED_OVER,         "handed_over",         N_("Result handed over")),
  ROW (YC_CASE_STATE_SUPPLEMENTED,        "supplemented",        N_("Supplemented")),
  ROW (YC_CASE_STATE_OVERDUE,             "overdue",             N_("Supplement overdue")),
  ROW (YC_CASE_STATE_TERMINATED,          "terminated",          N_("Terminated")),
  ROW (YC_CASE_STATE_WITHDRAWN,           "withdrawn",           N_("Withdrawn")),
  ROW (YC_CASE_STATE_VOIDED,              "voided",              N_("Voided")),
};

static const YcEnumRow case_event_rows[] = {
  ROW (YC_CASE_EVENT_ACCEPT,            "accept",            N_("Accept")),
  ROW (YC_CASE_EVENT_TOLERANCE_ACCEPT,  "tolerance_accept",  N_("Accept with tolerance")),
  ROW (YC_CASE_EVENT_COMMITMENT_ACCEPT, "commitment_accept", N_("Accept on commitment")),
  ROW (YC_CASE_EVENT_ISSUE_NOTICE,      "issue_notice",      N_("Issue one-time notice")),
  ROW (YC_CASE_EVENT_REFUSE,            "refuse",            N_("Refuse")),
  ROW (YC_CASE_EVENT_REFER,             "refer",             N_("Refer elsewhere")),
  ROW (YC_CASE_EVENT_START_REVIEW,      "start_review",      N_("Start review")),
  ROW (YC_CASE_EVENT_APPROVE,           "approve",           N_("Approve")),
  ROW (YC_CASE_EVENT_DENY,              "deny",              N_("Deny")),
  ROW (YC_CASE_EVENT_PRODUCE_RESULT,    "produce_result",    N_("Produce result")),
  ROW (YC_CASE_EVENT_HAND_OVER,         "hand_over",         N_("Hand over result")),
  ROW (YC_CASE_EVENT_SUPPLEMENT,        "supplement",        N_("Supplement materials")),
  ROW (YC_CASE_EVENT_MARK_OVERDUE,      "mark_overdue",      N_("Mark supplement overdue")),
  ROW (YC_CASE_EVENT_TERMINATE,         "terminate",         N_("Terminate")),
  ROW (YC_CASE_EVENT_WITHDRAW,          "withdraw",          N_("Withdraw")),
  ROW (YC_CASE_EVENT_VOID,              "void",              N_("Void")),
  ROW (YC_CASE_EVENT_REOPEN,            "reopen",            N_("Reopen")),
};

static const YcEnumRow material_state_rows[] = {
  ROW (YC_MATERIAL_STATE_PENDING,          "pending",          N_("Pending")),
  ROW (YC_MATERIAL_STATE_ORIGINAL_CHECKED, "original_checked", N_("Original checked")),
  ROW (YC_MATERIAL_STATE_COPY_RECEIVED,    "copy_received",    N_("Copy received")),
  ROW (YC_MATERIAL_STATE_SCANNED,          "scanned",          N_("Scanned")),
  ROW (YC_MATERIAL_STATE_LICENCE,          "licence",          N_("From e-licence")),
  ROW (YC_MATERIAL_STATE_TOLERATED,        "tolerated",        N_("Tolerated, to supplement")),
  ROW (YC_MATERIAL_STATE_COMMITMENT,       "commitment",       N_("Replaced by commitment")),
  ROW (YC_MATERIAL_STATE_NOT_APPLICABLE,   "not_applicable",   N_("Not applicable")),
};

static const YcEnumRow party_kind_rows[] = {
  ROW (YC_PARTY_PERSON,       "person",       N_("Person")),
  ROW (YC_PARTY_ORGANISATION, "organisation", N_("Organisation")),
};

static const YcEnumRow doc_kind_rows[] = {
  ROW (YC_DOC_RECEIPT,     "receipt",     N_("Acceptance receipt")),
  ROW (YC_DOC_NOTICE_ONCE, "notice_once", N_("One-time notice")),
  ROW (YC_DOC_REFUSAL,     "refusal",     N_("Refusal notice")),
  ROW (YC_DOC_TOLERANCE,   "tolerance",   N_("Tolerance acceptance notice")),
  ROW (YC_DOC_COMMITMENT,  "commitment",  N_("Commitment form")),
  ROW (YC_DOC_HANDOVER,    "handover",    N_("Result handover record")),
  ROW (YC_DOC_GUIDANCE,    "guidance",    N_("Applicant guidance")),
};

/* Flags are indexed by bit number, not by value: row i is 1 << i. */
static const YcEnumRow applicant_flag_rows[] = {
  ROW (YC_APPLICANT_FLAG_BAD_CREDIT,    "bad_credit",    N_("Listed for bad credit")),
  ROW (YC_APPLICANT_FLAG_FALSE_PROMISE, "false_promise", N_("Earlier false commitment")),
  ROW (YC_APPLICANT_FLAG_USCC_OVERRIDE, "uscc_override", N_("Credit code check overridden")),
};
G_STATIC_ASSERT (G_N_ELEMENTS (applicant_flag_rows) == YC_APPLICANT_N_FLAGS);

/* Everything the public functions of one enumeration need: its rows, and whether it is a set of
 * flags (rows[i] is then bit i, and a value of no bit or of several bits has no row). */
typedef struct {
  const char      *type_name;
  const YcEnumRow *rows;
  gsize            n_rows;
  gboolean         flags;
} YcEnumTable;

/* The tables are indexed by value (flags: by bit number), so every lookup by value is O(1); check
 * that in debug builds rather than trusting the order silently. */
static const YcEnumRow *
row_for_value (const YcEnumTable *table,
               int                value)
{
  gsize index;

  if (table->flags)
    {
      if (value <= 0 || (value & (value - 1)) != 0)
        return NULL;
      index = g_bit_nth_lsf ((gulong) value, -1);
    }
  else if (value < 0)
    return NULL;
  else
    index = value;

  if (index >= table->n_rows)
    return NULL;
  g_assert (table->rows[index].value == value);
  return &table->rows[index];
}

/* An enum value without a row is a programming error, hence the critical; a flag set of no bit or
 * of several bits is an ordinary question with the answer NULL. */
static const YcEnumRow *
checked_row (const YcEnumTable *table,
             int                value)
{
  const YcEnumRow *row = row_for_value (table, value);

  if (!table->flags)
    g_return_val_if_fail (row != NULL, NULL);
  return row;
}

static const char *
table_code (const YcEnumTable *table,
            int                value)
{
  const YcEnumRow *row = checked_row (table, value);

  return row != NULL ? row->code : NULL;
}

static const char *
table_label (const YcEnumTable *table,
             int                value)
{
  const YcEnumRow *row = checked_row (table, value);

  return row != NULL ? _(row->label) : NULL;
}

static gboolean
table_value (const YcEnumTable *table,
             const char        *code,
             int               *out)
{
  if (code == NULL)
    return FALSE;

  for (gsize i = 0; i < table->n_rows; i++)
    {
      if (g_str_equal (table->rows[i].code, code))
        {
          *out = table->rows[i].value;
          return TRUE;
        }
    }

  return FALSE;
}

/* Registers the GType from the table. The value array lives for the life of the process, as
 * g_enum_register_static and g_flags_register_static require. */
static GType
table_register (const YcEnumTable *table)
{
  if (table->flags)
    {
      GFlagsValue *values = g_new0 (GFlagsValue, table->n_rows + 1);

      for (gsize i = 0; i < table->n_rows; i++)
        {
          values[i].value = (guint) table->rows[i].value;
          values[i].value_name = table->rows[i].name;
          values[i].value_nick = table->rows[i].code;
        }
      return g_flags_register_static (table->type_name, values);
    }
  else
    {
      GEnumValue *values = g_new0 (GEnumValue, table->n_rows + 1);

      for (gsize i = 0; i < table->n_rows; i++)
        {
          values[i].value = table->rows[i].value;
          values[i].value_name = table->rows[i].name;
          values[i].value_nick = table->rows[i].code;
        }
      return g_enum_register_static (table->type_name, values);
    }
}

/* The public functions of one enumeration, all from its table: the GType, the code of a value, the
 * value of a code (which leaves *out untouched on failure, whatever the enum's size) and the
 * translated label of a value. */
#define YC_DEFINE_ENUM(prefix, get_type_func, Type, TypeName, rows, is_flags)          \
  static const YcEnumTable prefix##_table = {                                          \
    TypeName, rows, G_N_ELEMENTS (rows), is_flags                                      \
  };                                                                                   \
                                                                                       \
  GType                                                                                \
  get_type_func (void)                                                                 \
  {                                                                                    \
    static gsize type_id = 0;                                                          \
                                                                                       \
    if (g_once_init_enter (&type_id))                                                  \
      g_once_init_leave (&type_id, table_register (&prefix##_table));                  \
    return type_id;                                                                    \
  }                                                                                    \
                                                                                       \
  const char *                                                                         \
  prefix##_to_string (Type value)                                                      \
  {                                                                                    \
    return table_code (&prefix##_table, (int) value);                                  \
  }                                                                                    \
                                                                                       \
  gboolean                                                                             \
  prefix##_from_string (const char *code,                                              \
                        Type       *out)                                               \
  {                                                                                    \
    int value;                                                                         \
                                                                                       \
    if (!table_value (&prefix##_table, code, &value))                                  \
      return FALSE;                                                                    \
    if (out != NULL)                                                                   \
      *out = (Type) value;                                                             \
    return TRUE;                                                                       \
  }                                                                                    \
                                                                                       \
  const char *                                                                         \
  prefix##_get_label (Type value)                                                      \
  {                                                                                    \
    return table_label (&prefix##_table, (int) value);                                 \
  }

YC_DEFINE_ENUM (yc_case_type, yc_case_type_get_type, YcCaseType, "YcCaseType", case_type_rows, FALSE)
YC_DEFINE_ENUM (yc_material_form, yc_material_form_get_type, YcMaterialForm, "YcMaterialForm",
                material_form_rows, FALSE)
YC_DEFINE_ENUM (yc_case_state, yc_case_state_get_type, YcCaseState, "YcCaseState", case_state_rows,
                FALSE)
YC_DEFINE_ENUM (yc_case_event, yc_case_event_get_type, YcCaseEvent, "YcCaseEvent", case_event_rows,
                FALSE)
YC_DEFINE_ENUM (yc_material_state, yc_material_state_get_type, YcMaterialState, "YcMaterialState",
                material_state_rows, FALSE)
YC_DEFINE_ENUM (yc_party_kind, yc_party_kind_get_type, YcPartyKind, "YcPartyKind", party_kind_rows,
                FALSE)
YC_DEFINE_ENUM (yc_doc_kind, yc_doc_kind_get_type, YcDocKind, "YcDocKind", doc_kind_rows, FALSE)
/* One flag at a time: the functions take a single bit; the GType is the whole flags type. */
YC_DEFINE_ENUM (yc_applicant_flag, yc_applicant_flags_get_type, YcApplicantFlags, "YcApplicantFlags",
                applicant_flag_rows, TRUE)
