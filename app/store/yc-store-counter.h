/* yc-store-counter.h: the counter workflow in the store: lawful decisions, documents due, drafts,
 * the Cases page's queries, follow-ups (supplement, overdue) and the audited reveal of an ID
 * number. */
#pragma once

#include <json-glib/json-glib.h>
#include "yc-store.h"
#include "yc-decision.h"
#include "yc-calendar.h"

G_BEGIN_DECLS

/* --- deciding --- */

/* Decides a draft at the counter, lawfully: checks on the caller's thread that every material state
 * is allowed (yc_material_state_allowed) and that @outcome is available (yc_decision_evaluate with
 * today's local date), failing with YC_DECISION_ERROR otherwise; a refusal needs the case's
 * "reason" and "legal-basis", a referral its "reason" and "refer-department"
 * (YC_STORE_ERROR_INVALID). Then, in ONE transaction: the case number (kept when a reopened case
 * already has one), state, legal and promised deadlines, the tolerated materials' supplement
 * deadlines, the applicant flags, the documents due (yc_decision_outcome_get_documents, state
 * "due"), an audit entry for the decision plus one per applicant flag ("applicant.bad_credit",
 * "applicant.uscc_override", …) and per warning ("case.warning"), the outbox entry, and the
 * deletion of the case's draft. On success the case gets its number, state, dates and deadlines (in
 * the async form, inside _finish on the caller's thread). */
gboolean    yc_store_decide_case        (YcStore           *self,
                                         YcCase            *kase,
                                         YcItem            *item,
                                         YcDecisionOutcome  outcome,
                                         YcCalendar        *calendar,
                                         const char        *actor,
                                         GError           **error);
void        yc_store_decide_case_async  (YcStore           *self,
                                         YcCase            *kase,
                                         YcItem            *item,
                                         YcDecisionOutcome  outcome,
                                         YcCalendar        *calendar,
                                         const char        *actor,
                                         GCancellable      *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer           user_data);
gboolean    yc_store_decide_case_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);

/* The documents a case's decisions made due, in the order they were made due. */
typedef struct {
  YcDocKind  kind;
  guint      copies;
  char      *state;       /* "due" until the documents layer records more */
  char      *file_hash;   /* SHA-256 of the rendered PDF in the file store, or NULL */
  GDateTime *updated_at;
} YcCaseDocument;
void        yc_case_document_free       (YcCaseDocument *document);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcCaseDocument, yc_case_document_free)
GPtrArray  *yc_store_list_case_documents (YcStore    *self,
                                         const char *case_uuid,
                                         GError    **error);   /* (element-type YcCaseDocument) */

/* --- drafts: never lose the clerk's work --- */

/* Saves the unfinished intake @kase (keyed by its uuid; insert or replace) as yc_draft_to_json
 * (@kase, @outcome, @extra), serialised on the caller's thread, written durably (synchronous=FULL)
 * by the writer. Cheap enough for every change the clerk makes; coalesce bursts of typing in the
 * caller. */
gboolean    yc_store_save_draft         (YcStore      *self,
                                         YcCase       *kase,
                                         const char   *outcome,
                                         JsonNode     *extra,
                                         GError      **error);
void        yc_store_save_draft_async   (YcStore            *self,
                                         YcCase             *kase,
                                         const char         *outcome,
                                         JsonNode           *extra,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_save_draft_finish  (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);

typedef struct {
  char      *uuid;
  char      *clerk;
  char      *item_code;
  char      *summary;      /* "applicant · item", for the list offered on start */
  char      *payload;      /* yc_draft_new_from_json() reads it back */
  GDateTime *created_at;
  GDateTime *updated_at;
} YcDraftInfo;
void        yc_draft_info_free          (YcDraftInfo *info);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YcDraftInfo, yc_draft_info_free)

/* Newest first; @clerk NULL lists everyone's. */
GPtrArray  *yc_store_list_drafts        (YcStore      *self,
                                         const char   *clerk,
                                         GError      **error);   /* (element-type YcDraftInfo) */
void        yc_store_list_drafts_async  (YcStore            *self,
                                         const char         *clerk,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GPtrArray  *yc_store_list_drafts_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);
/* Removing a draft that is not there is not an error. */
gboolean    yc_store_discard_draft      (YcStore      *self,
                                         const char   *uuid,
                                         GError      **error);
void        yc_store_discard_draft_async (YcStore            *self,
                                         const char         *uuid,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_discard_draft_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);

/* --- the Cases page --- */

typedef enum {
  YC_CASE_FILTER_ALL,
  YC_CASE_FILTER_TODAY,             /* decided today (local day) */
  YC_CASE_FILTER_MINE,              /* decided by @clerk */
  YC_CASE_FILTER_TOLERANCE_PENDING, /* tolerance accepted, waiting for the supplement */
  YC_CASE_FILTER_NEAR_DEADLINE,     /* yellow: promised deadline today or within the yellow days */
  YC_CASE_FILTER_OVERDUE,           /* red: promised deadline passed, or the supplement overdue */
  YC_CASE_FILTER_AWAITING_APPROVAL, /* in review */
  YC_CASE_FILTER_NOTICE_ISSUED,     /* one-time notice issued, may be reopened */
} YcCaseFilter;

/* Deadline filters consider cases still running (accepted, tolerance/commitment accepted,
 * supplemented, in review) and count working days with @calendar: yellow means at most @yellow_days
 * working days left (YC_CALENDAR_DEFAULT_YELLOW_DAYS is the usual choice), red a deadline before
 * @today (NULL: today's local date). @search (optional) matches a case number (whole or part), an
 * applicant's or agent's name (whole or part), a phone number or an ID number / credit code — the
 * last two only WHOLE, in any spelling that normalises to the same number, never part of one.
 * Newest first, at most @limit. Safe from any thread. */
GPtrArray  *yc_store_query_cases        (YcStore      *self,
                                         YcCaseFilter  filter,
                                         const char   *clerk,
                                         const char   *search,
                                         const GDate  *today,
                                         YcCalendar   *calendar,
                                         guint         yellow_days,
                                         guint         limit,
                                         GCancellable *cancellable,
                                         GError      **error);   /* (element-type YcCase) */
void        yc_store_query_cases_async  (YcStore            *self,
                                         YcCaseFilter        filter,
                                         const char         *clerk,
                                         const char         *search,
                                         const GDate        *today,
                                         YcCalendar         *calendar,
                                         guint               yellow_days,
                                         guint               limit,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
GListModel *yc_store_query_cases_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);   /* GListStore of YcCase */

/* Reveals the full ID number of the case's "applicant" or "agent" (@role) to @actor, and writes the
 * audit entry "id.revealed" (the detail names the role, never the number) in the same
 * transaction. */
char       *yc_store_reveal_id          (YcStore      *self,
                                         const char   *case_uuid,
                                         const char   *role,
                                         const char   *actor,
                                         GError      **error);
void        yc_store_reveal_id_async    (YcStore            *self,
                                         const char         *case_uuid,
                                         const char         *role,
                                         const char         *actor,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
char       *yc_store_reveal_id_finish   (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);

/* --- follow-ups --- */

/* One tolerated material received later: its checklist line (by spec code) and how it was provided
 * (original checked, copy received, scanned, e-licence, or not applicable with a note). */
typedef struct {
  const char     *spec_code;
  YcMaterialState state;
  const char     *note;         /* or NULL */
  const char     *attachment;   /* SHA-256 of a scanned file, or NULL */
} YcSupplement;

/* Receives materials of a tolerance-accepted case, in one transaction with its audit entry and
 * outbox entries. While some tolerated material is still missing the case stays tolerance_accepted;
 * once none is, the case moves on as a fully accepted one: supplement (→ supplemented) and
 * start_review (→ in_review), each audited and sent. @new_state (optional) receives where it
 * ended. */
gboolean    yc_store_supplement_case    (YcStore            *self,
                                         const char         *case_uuid,
                                         const YcSupplement *lines,
                                         guint               n_lines,
                                         const char         *actor,
                                         YcCaseState        *new_state,
                                         GError            **error);
void        yc_store_supplement_case_async (YcStore            *self,
                                         const char         *case_uuid,
                                         const YcSupplement *lines,
                                         guint               n_lines,
                                         const char         *actor,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
gboolean    yc_store_supplement_case_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         YcCaseState  *new_state,
                                         GError      **error);

/* The actor of what the workstation does by itself, such as marking cases overdue. */
#define YC_STORE_SYSTEM_ACTOR "system"

/* Marks overdue every tolerance-accepted case with a tolerated material whose supplement deadline
 * is before @today (NULL: today's local date): mark_overdue, audited and sent, all in one
 * transaction. Returns how many cases it marked, or -1 with @error set. */
int         yc_store_mark_overdue_cases (YcStore      *self,
                                         const GDate  *today,
                                         const char   *actor,
                                         GError      **error);
/* The same on the writer thread; _finish returns the count, or -1 with @error set. */
void        yc_store_mark_overdue_cases_async (YcStore            *self,
                                         const GDate        *today,
                                         const char         *actor,
                                         GCancellable       *cancellable,
                                         GAsyncReadyCallback callback,
                                         gpointer            user_data);
int         yc_store_mark_overdue_cases_finish (YcStore      *self,
                                         GAsyncResult *result,
                                         GError      **error);

G_END_DECLS
