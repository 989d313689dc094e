/* yc-decision.h: the lawful outcomes of a decision at the counter, from item, checklist and
 * applicant flags. */
#pragma once

#include <gio/gio.h>
#include "yc-types.h"
#include "yc-item.h"
#include "yc-case.h"
#include "yc-calendar.h"

G_BEGIN_DECLS

#define YC_DECISION_ERROR (yc_decision_error_quark ())
typedef enum {
  YC_DECISION_ERROR_NOT_TOLERABLE,          /* the material's spec does not allow 容缺 */
  YC_DECISION_ERROR_NO_SUPPLEMENT_PERIOD,   /* immediate item, or no time limit to supplement in */
  YC_DECISION_ERROR_COMMITMENT_NOT_ALLOWED, /* the item does not allow 告知承诺 */
  YC_DECISION_ERROR_APPLICANT_FLAGGED,      /* bad credit or an earlier false commitment */
  YC_DECISION_ERROR_NO_LICENCE_TYPE,        /* no e-licence can replace this material */
  YC_DECISION_ERROR_UNAVAILABLE,            /* the outcome is not lawful for this checklist */
} YcDecisionError;
GQuark yc_decision_error_quark (void);

/* The six outcomes, in the order the decision column lists them. Codes are those of the matching
 * case events ("accept", "tolerance_accept", "commitment_accept", "issue_notice", "refuse",
 * "refer"). */
typedef enum {
  YC_DECISION_ACCEPT,             /* 受理 */
  YC_DECISION_TOLERANCE_ACCEPT,   /* 容缺受理 */
  YC_DECISION_COMMITMENT_ACCEPT,  /* 告知承诺受理 */
  YC_DECISION_ISSUE_NOTICE,       /* 一次性告知 */
  YC_DECISION_REFUSE,             /* 不予受理 */
  YC_DECISION_REFER,              /* 告知向有关机关申请 */
  YC_DECISION_N_OUTCOMES
} YcDecisionOutcome;

GType        yc_decision_outcome_get_type   (void) G_GNUC_CONST;
#define YC_TYPE_DECISION_OUTCOME (yc_decision_outcome_get_type ())
const char  *yc_decision_outcome_to_string  (YcDecisionOutcome outcome);
gboolean     yc_decision_outcome_from_string (const char *code, YcDecisionOutcome *out);
const char  *yc_decision_outcome_get_label  (YcDecisionOutcome outcome);   /* translated */
YcCaseEvent  yc_decision_outcome_to_event   (YcDecisionOutcome outcome);
gboolean     yc_decision_outcome_from_event (YcCaseEvent event, YcDecisionOutcome *out);

/* Documents due on a decision (printed at the counter; rendering is the documents layer's). */
typedef struct {
  YcDocKind kind;
  guint     copies;
} YcDocDue;
/* A static array of @n_docs entries (possibly 0: referral prints nothing). */
const YcDocDue *yc_decision_outcome_get_documents (YcDecisionOutcome outcome,
                                                   guint            *n_docs);

/* 不予受理 grounds to choose from: a stable code, the ground and its legal basis, both translated. The
 * clerk adds free text. The list is fixed; the last entry ("other") has an empty basis the clerk
 * must fill in. */
typedef struct {
  const char *code;
  const char *reason;
  const char *legal_basis;
} YcRefusalReason;
const YcRefusalReason *yc_refusal_reasons    (guint      *n_reasons);
const YcRefusalReason *yc_refusal_reason_find (const char *code);

/* One line of the checklist as the decision sees it. */
typedef struct {
  char           *spec_code;
  char           *name;
  guint           position;
  YcMaterialState state;
  char           *supplement_deadline;   /* ISO date, tolerated materials only; else NULL */
} YcDecisionMaterial;

/* Can @state be chosen for a material of @spec in @item for an applicant with @flags? Tolerated
 * needs a tolerable spec and a supplement period; commitment needs an item allowing 告知承诺 and an
 * applicant not flagged BAD_CREDIT or FALSE_PROMISE; licence needs a licence type. Other states are
 * always allowed. */
gboolean     yc_material_state_allowed      (YcMaterialSpec   *spec,
                                             YcItem           *item,
                                             YcApplicantFlags  flags,
                                             YcMaterialState   state,
                                             GError          **error);

/* Working days a tolerated material of @spec may take to arrive: min (spec's supplement days,
 * item's promised limit); 0 when nothing can be supplemented later (immediate items, tolerable
 * specs of items without limits). */
guint        yc_decision_supplement_days    (YcMaterialSpec   *spec,
                                             YcItem           *item);

#define YC_TYPE_DECISION (yc_decision_get_type ())
G_DECLARE_FINAL_TYPE (YcDecision, yc_decision, YC, DECISION, GObject)

/* The pure decision: no I/O, the same answer for the same inputs. @checklist is a GListModel of
 * YcCaseMaterial (yc_case_get_materials()); @today the decision day; @calendar for working days. */
YcDecision  *yc_decision_evaluate           (YcItem           *item,
                                             GListModel       *checklist,
                                             YcApplicantFlags  flags,
                                             const GDate      *today,
                                             YcCalendar       *calendar);

gboolean     yc_decision_is_available       (YcDecision        *self,
                                             YcDecisionOutcome  outcome);
/* Why @outcome is not available (translated, naming the materials concerned), or NULL when it
 * is. */
const char  *yc_decision_get_reason         (YcDecision        *self,
                                             YcDecisionOutcome  outcome);
/* Sets @error (YC_DECISION_ERROR_UNAVAILABLE, with the reason) unless @outcome is available. */
gboolean     yc_decision_check              (YcDecision        *self,
                                             YcDecisionOutcome  outcome,
                                             GError           **error);
/* Required materials not provided (pending, not applicable without a reason, tolerated, committed):
 * what a one-time notice lists. (element-type YcDecisionMaterial) (transfer none) */
GPtrArray   *yc_decision_get_missing        (YcDecision *self);
/* Tolerated materials with their supplement deadlines (the clerk's date if set and lawful, else the
 * latest lawful one). (element-type YcDecisionMaterial) (transfer none) */
GPtrArray   *yc_decision_get_tolerated      (YcDecision *self);
/* Deadlines of an accepted case (NULL when the item has no such limit). Immediate items: the
 * promised deadline is the decision day. */
const GDate *yc_decision_get_legal_deadline    (YcDecision *self);
const GDate *yc_decision_get_promised_deadline (YcDecision *self);
/* Translated warnings, e.g. a deadline in a year the holiday calendar does not cover. (transfer
 * none) */
const char * const *yc_decision_get_warnings (YcDecision *self);

/* ISO date "YYYY-MM-DD" of @date (NULL gives NULL), and back (NULL if not a valid date). */
char        *yc_date_to_iso                 (const GDate *date);
GDate       *yc_date_from_iso               (const char  *iso);

G_END_DECLS
