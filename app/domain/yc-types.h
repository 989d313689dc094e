/* yc-types.h: enumerations shared across the core (case types, case states, material states). */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* 办件类型: how an item is processed. Codes in the catalogue: "immediate", "promised", "reported", "joint". */
typedef enum {
  YC_CASE_TYPE_IMMEDIATE,   /* 即办件 */
  YC_CASE_TYPE_PROMISED,    /* 承诺件 */
  YC_CASE_TYPE_REPORTED,    /* 上报件 */
  YC_CASE_TYPE_JOINT,       /* 联办件 */
} YcCaseType;

/* Form in which a material is accepted. Catalogue codes: "paper", "electronic", "either". */
typedef enum {
  YC_MATERIAL_FORM_PAPER,
  YC_MATERIAL_FORM_ELECTRONIC,
  YC_MATERIAL_FORM_EITHER,
} YcMaterialForm;

/* Case (办件) states, DESIGN.md §1. Persisted by their string codes (yc_case_state_to_string). */
typedef enum {
  YC_CASE_STATE_DRAFT,
  YC_CASE_STATE_ACCEPTED,             /* 受理 */
  YC_CASE_STATE_TOLERANCE_ACCEPTED,   /* 容缺受理 */
  YC_CASE_STATE_COMMITMENT_ACCEPTED,  /* 告知承诺受理 */
  YC_CASE_STATE_NOTICE_ISSUED,        /* 一次性告知 */
  YC_CASE_STATE_REFUSED,              /* 不予受理 */
  YC_CASE_STATE_REFERRED,             /* 移送/告知向其他部门申请 */
  YC_CASE_STATE_IN_REVIEW,            /* 审查中 */
  YC_CASE_STATE_APPROVED,             /* 准予 */
  YC_CASE_STATE_DENIED,               /* 不予许可 */
  YC_CASE_STATE_RESULT_READY,         /* 待出件 */
  YC_CASE_STATE_HANDED_OVER,          /* 已出件 */
  YC_CASE_STATE_SUPPLEMENTED,         /* 已补齐 */
  YC_CASE_STATE_OVERDUE,              /* 补齐逾期 */
  YC_CASE_STATE_TERMINATED,           /* 终止 */
  YC_CASE_STATE_WITHDRAWN,            /* 撤件 */
  YC_CASE_STATE_VOIDED,               /* 作废 */
  YC_CASE_N_STATES
} YcCaseState;

typedef enum {
  YC_CASE_EVENT_ACCEPT,
  YC_CASE_EVENT_TOLERANCE_ACCEPT,
  YC_CASE_EVENT_COMMITMENT_ACCEPT,
  YC_CASE_EVENT_ISSUE_NOTICE,
  YC_CASE_EVENT_REFUSE,
  YC_CASE_EVENT_REFER,
  YC_CASE_EVENT_START_REVIEW,
  YC_CASE_EVENT_APPROVE,
  YC_CASE_EVENT_DENY,
  YC_CASE_EVENT_PRODUCE_RESULT,
  YC_CASE_EVENT_HAND_OVER,
  YC_CASE_EVENT_SUPPLEMENT,
  YC_CASE_EVENT_MARK_OVERDUE,
  YC_CASE_EVENT_TERMINATE,
  YC_CASE_EVENT_WITHDRAW,
  YC_CASE_EVENT_VOID,
  YC_CASE_EVENT_REOPEN,               /* notice-issued → draft, when the applicant returns */
  YC_CASE_N_EVENTS
} YcCaseEvent;

/* State of one material in a case's checklist. */
typedef enum {
  YC_MATERIAL_STATE_PENDING,
  YC_MATERIAL_STATE_ORIGINAL_CHECKED,
  YC_MATERIAL_STATE_COPY_RECEIVED,
  YC_MATERIAL_STATE_SCANNED,
  YC_MATERIAL_STATE_LICENCE,          /* fetched as e-licence (免证办) */
  YC_MATERIAL_STATE_TOLERATED,        /* 容缺 */
  YC_MATERIAL_STATE_COMMITMENT,       /* replaced by 告知承诺 */
  YC_MATERIAL_STATE_NOT_APPLICABLE,
} YcMaterialState;

typedef enum {
  YC_PARTY_PERSON,
  YC_PARTY_ORGANISATION,
} YcPartyKind;

/* Documents a decision makes due (DESIGN.md §7). Codes: "receipt", "notice_once", "refusal",
 * "tolerance", "commitment", "handover", "guidance". The documents layer renders them; the store
 * records which are due. */
typedef enum {
  YC_DOC_RECEIPT,       /* 受理凭证 */
  YC_DOC_NOTICE_ONCE,   /* 一次性告知书 */
  YC_DOC_REFUSAL,       /* 不予受理通知书 */
  YC_DOC_TOLERANCE,     /* 容缺受理通知书 (two copies: applicant and file) */
  YC_DOC_COMMITMENT,    /* 告知承诺书 */
  YC_DOC_HANDOVER,      /* 出件记录 */
  YC_DOC_GUIDANCE,      /* 办事指南 */
  YC_DOC_N_KINDS
} YcDocKind;

/* What the window knows about the applicant that changes which outcomes are lawful. Stored with the
 * case as an integer bit set and exchanged as a list of codes ("bad_credit", "false_promise",
 * "uscc_override"). */
typedef enum /*< flags >*/ {
  YC_APPLICANT_FLAG_NONE          = 0,
  YC_APPLICANT_FLAG_BAD_CREDIT    = 1 << 0,  /* 失信: on the joint-punishment list, no 告知承诺 */
  YC_APPLICANT_FLAG_FALSE_PROMISE = 1 << 1,  /* an earlier 告知承诺 found false: no 告知承诺 */
  YC_APPLICANT_FLAG_USCC_OVERRIDE = 1 << 2,  /* the credit code failed its check; clerk overrode it */
} YcApplicantFlags;
#define YC_APPLICANT_N_FLAGS 3

GType yc_case_type_get_type (void) G_GNUC_CONST;
GType yc_case_state_get_type (void) G_GNUC_CONST;
GType yc_case_event_get_type (void) G_GNUC_CONST;
GType yc_material_state_get_type (void) G_GNUC_CONST;
GType yc_material_form_get_type (void) G_GNUC_CONST;
GType yc_party_kind_get_type (void) G_GNUC_CONST;
GType yc_doc_kind_get_type (void) G_GNUC_CONST;
GType yc_applicant_flags_get_type (void) G_GNUC_CONST;
#define YC_TYPE_CASE_TYPE (yc_case_type_get_type ())
#define YC_TYPE_CASE_STATE (yc_case_state_get_type ())
#define YC_TYPE_CASE_EVENT (yc_case_event_get_type ())
#define YC_TYPE_MATERIAL_STATE (yc_material_state_get_type ())
#define YC_TYPE_MATERIAL_FORM (yc_material_form_get_type ())
#define YC_TYPE_PARTY_KIND (yc_party_kind_get_type ())
#define YC_TYPE_DOC_KIND (yc_doc_kind_get_type ())
#define YC_TYPE_APPLICANT_FLAGS (yc_applicant_flags_get_type ())

/* Stable string codes (persisted and exchanged with the platform) and translated labels for display. */
const char  *yc_case_type_to_string      (YcCaseType type);
gboolean     yc_case_type_from_string    (const char *code, YcCaseType *out);
const char  *yc_case_type_get_label      (YcCaseType type);   /* translated, e.g. "Immediate" / 即办件 */
const char  *yc_case_state_to_string     (YcCaseState state);
gboolean     yc_case_state_from_string   (const char *code, YcCaseState *out);
const char  *yc_case_state_get_label     (YcCaseState state);
const char  *yc_case_event_to_string     (YcCaseEvent event);
gboolean     yc_case_event_from_string   (const char *code, YcCaseEvent *out);
const char  *yc_case_event_get_label     (YcCaseEvent event);  /* translated, e.g. "Accept with tolerance" */
const char  *yc_material_state_to_string (YcMaterialState state);
gboolean     yc_material_state_from_string (const char *code, YcMaterialState *out);
const char  *yc_material_state_get_label (YcMaterialState state);
const char  *yc_material_form_to_string  (YcMaterialForm form);
gboolean     yc_material_form_from_string (const char *code, YcMaterialForm *out);
const char  *yc_material_form_get_label  (YcMaterialForm form);
/* Party kinds: "person", "organisation". */
const char  *yc_party_kind_to_string     (YcPartyKind kind);
gboolean     yc_party_kind_from_string   (const char *code, YcPartyKind *out);
const char  *yc_party_kind_get_label     (YcPartyKind kind);
const char  *yc_doc_kind_to_string       (YcDocKind kind);
gboolean     yc_doc_kind_from_string     (const char *code, YcDocKind *out);
/* Translated, e.g. "Acceptance receipt". */
const char  *yc_doc_kind_get_label       (YcDocKind kind);
/* One flag at a time: the code and label of a single bit; NULL for NONE or several bits. */
const char  *yc_applicant_flag_to_string (YcApplicantFlags flag);
gboolean     yc_applicant_flag_from_string (const char *code, YcApplicantFlags *out);
const char  *yc_applicant_flag_get_label (YcApplicantFlags flag);

G_END_DECLS
