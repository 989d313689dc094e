/* yc-case-state.c: the case state machine, one static transition table (DESIGN.md §1). */
#define G_LOG_DOMAIN "yc-domain"

#include <glib/gi18n.h>

#include "yc-case-state.h"

/*
 * Transitions (state × event → state). Every pair not listed is an error:
 * YC_CASE_STATE_ERROR_TERMINAL from a terminal state, YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION otherwise.
 *
 *   draft                accept → accepted            tolerance_accept → tolerance_accepted
 *                        commitment_accept → commitment_accepted
 *                        issue_notice → notice_issued refuse → refused      refer → referred
 *                        void → voided
 *   accepted,            start_review → in_review     withdraw → withdrawn  void → voided
 *   commitment_accepted
 *   tolerance_accepted   supplement → supplemented    mark_overdue → overdue
 *                        withdraw → withdrawn         void → voided
 *   supplemented         start_review → in_review     withdraw → withdrawn  void → voided
 *   overdue              terminate → terminated       void → voided
 *   in_review            approve → approved           deny → denied         withdraw → withdrawn
 *   approved, denied     produce_result → result_ready
 *   result_ready         hand_over → handed_over
 *   notice_issued        reopen → draft (the applicant came back with the missing materials)
 *                        void → voided
 *   refused, referred, handed_over, terminated, withdrawn, voided: terminal, no event applies.
 *
 * A one-time notice does not accept the case, so it is reopened as a draft rather than accepted directly:
 * the clerk checks the materials again and takes a fresh decision. A case in review can no longer be voided
 * (a back office holds it); it can only be withdrawn by the applicant or decided.
 */

G_DEFINE_QUARK (yc-case-state-error-quark, yc_case_state_error)

/* NONE marks "no transition". The table is indexed [from][event]; a designated initialiser per cell keeps
 * each rule next to its names, and every other cell is zero-filled, hence the +1 shift below. */
#define NONE 0
#define TO(state) ((state) + 1)

static const guint8 transitions[YC_CASE_N_STATES][YC_CASE_N_EVENTS] = {
  [YC_CASE_STATE_DRAFT] = {
    [YC_CASE_EVENT_ACCEPT]            = TO (YC_CASE_STATE_ACCEPTED),
    [YC_CASE_EVENT_TOLERANCE_ACCEPT]  = TO (YC_CASE_STATE_TOLERANCE_ACCEPTED),
    [YC_CASE_EVENT_COMMITMENT_ACCEPT] = TO (YC_CASE_STATE_COMMITMENT_ACCEPTED),
    [YC_CASE_EVENT_ISSUE_NOTICE]      = TO (YC_CASE_STATE_NOTICE_ISSUED),
    [YC_CASE_EVENT_REFUSE]            = TO (YC_CASE_STATE_REFUSED),
    [YC_CASE_EVENT_REFER]             = TO (YC_CASE_STATE_REFERRED),
    [YC_CASE_EVENT_VOID]              = TO (YC_CASE_STATE_VOIDED),
  },
  [YC_CASE_STATE_ACCEPTED] = {
    [YC_CASE_EVENT_START_REVIEW]      = TO (YC_CASE_STATE_IN_REVIEW),
    [YC_CASE_EVENT_WITHDRAW]          = TO (YC_CASE_STATE_WITHDRAWN),
    [YC_CASE_EVENT_VOID]              = TO (YC_CASE_STATE_VOIDED),
  },
  [YC_CASE_STATE_COMMITMENT_ACCEPTED] = {
    [YC_CASE_EVENT_START_REVIEW]      = TO (YC_CASE_STATE_IN_REVIEW),
    [YC_CASE_EVENT_WITHDRAW]          = TO (YC_CASE_STATE_WITHDRAWN),
    [YC_CASE_EVENT_VOID]              = TO (YC_CASE_STATE_VOIDED),
  },
  [YC_CASE_STATE_TOLERANCE_ACCEPTED] = {
    [YC_CASE_EVENT_SUPPLEMENT]        = TO (YC_CASE_STATE_SUPPLEMENTED),
    [YC_CASE_EVENT_MARK_OVERDUE]      = TO (YC_CASE_STATE_OVERDUE),
    [YC_CASE_EVENT_WITHDRAW]          = TO (YC_CASE_STATE_WITHDRAWN),
    [YC_CASE_EVENT_VOID]              = TO (YC_CASE_STATE_VOIDED),
  },
  [YC_CASE_STATE_SUPPLEMENTED] = {
    [YC_CASE_EVENT_START_REVIEW]      = TO (YC_CASE_STATE_IN_REVIEW),
    [YC_CASE_EVENT_WITHDRAW]          = TO (YC_CASE_STATE_WITHDRAWN),
    [YC_CASE_EVENT_VOID]              = TO (YC_CASE_STATE_VOIDED),
  },
  [YC_CASE_STATE_OVERDUE] = {
    [YC_CASE_EVENT_TERMINATE]         = TO (YC_CASE_STATE_TERMINATED),
    [YC_CASE_EVENT_VOID]              = TO (YC_CASE_STATE_VOIDED),
  },
  [YC_CASE_STATE_IN_REVIEW] = {
    [YC_CASE_EVENT_APPROVE]           = TO (YC_CASE_STATE_APPROVED),
    [YC_CASE_EVENT_DENY]              = TO (YC_CASE_STATE_DENIED),
    [YC_CASE_EVENT_WITHDRAW]          = TO (YC_CASE_STATE_WITHDRAWN),
  },
  [YC_CASE_STATE_APPROVED] = {
    [YC_CASE_EVENT_PRODUCE_RESULT]    = TO (YC_CASE_STATE_RESULT_READY),
  },
  [YC_CASE_STATE_DENIED] = {
    [YC_CASE_EVENT_PRODUCE_RESULT]    = TO (YC_CASE_STATE_RESULT_READY),
  },
  [YC_CASE_STATE_RESULT_READY] = {
    [YC_CASE_EVENT_HAND_OVER]         = TO (YC_CASE_STATE_HANDED_OVER),
  },
  [YC_CASE_STATE_NOTICE_ISSUED] = {
    [YC_CASE_EVENT_REOPEN]            = TO (YC_CASE_STATE_DRAFT),
    [YC_CASE_EVENT_VOID]              = TO (YC_CASE_STATE_VOIDED),
  },
  /* Terminal states have empty rows; yc_case_state_is_terminal() says which ones they are. */
};

G_STATIC_ASSERT (YC_CASE_N_STATES < G_MAXUINT8);

gboolean
yc_case_state_is_terminal (YcCaseState state)
{
  switch (state)
    {
    case YC_CASE_STATE_REFUSED:
    case YC_CASE_STATE_REFERRED:
    case YC_CASE_STATE_HANDED_OVER:
    case YC_CASE_STATE_TERMINATED:
    case YC_CASE_STATE_WITHDRAWN:
    case YC_CASE_STATE_VOIDED:
      return TRUE;

    case YC_CASE_STATE_DRAFT:
    case YC_CASE_STATE_ACCEPTED:
    case YC_CASE_STATE_TOLERANCE_ACCEPTED:
    case YC_CASE_STATE_COMMITMENT_ACCEPTED:
    case YC_CASE_STATE_NOTICE_ISSUED:
    case YC_CASE_STATE_IN_REVIEW:
    case YC_CASE_STATE_APPROVED:
    case YC_CASE_STATE_DENIED:
    case YC_CASE_STATE_RESULT_READY:
    case YC_CASE_STATE_SUPPLEMENTED:
    case YC_CASE_STATE_OVERDUE:
    case YC_CASE_N_STATES:
    default:
      return FALSE;
    }
}

gboolean
yc_case_state_transition (YcCaseState  from,
                          YcCaseEvent  event,
                          YcCaseState *to,
                          GError     **error)
{
  guint8 cell;

  g_return_val_if_fail ((guint) from < YC_CASE_N_STATES, FALSE);
  g_return_val_if_fail ((guint) event < YC_CASE_N_EVENTS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (yc_case_state_is_terminal (from))
    {
      g_set_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_TERMINAL,
                   /* Translators: first %s is a case state ("Withdrawn"), second an action ("Approve") */
                   _("The case is closed (%s): “%s” is no longer possible"),
                   yc_case_state_get_label (from), yc_case_event_get_label (event));
      return FALSE;
    }

  cell = transitions[from][event];
  if (cell == NONE)
    {
      g_set_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION,
                   /* Translators: first %s is an action ("Approve"), second a case state ("Draft") */
                   _("“%s” is not allowed for a case in state “%s”"),
                   yc_case_event_get_label (event), yc_case_state_get_label (from));
      return FALSE;
    }

  if (to != NULL)
    *to = (YcCaseState) (cell - 1);
  return TRUE;
}

gboolean
yc_case_event_needs_reason (YcCaseEvent event)
{
  switch (event)
    {
    case YC_CASE_EVENT_REFUSE:
    case YC_CASE_EVENT_WITHDRAW:
    case YC_CASE_EVENT_VOID:
    case YC_CASE_EVENT_TERMINATE:
    case YC_CASE_EVENT_DENY:
    case YC_CASE_EVENT_REFER:
      return TRUE;

    case YC_CASE_EVENT_ACCEPT:
    case YC_CASE_EVENT_TOLERANCE_ACCEPT:
    case YC_CASE_EVENT_COMMITMENT_ACCEPT:
    case YC_CASE_EVENT_ISSUE_NOTICE:
    case YC_CASE_EVENT_START_REVIEW:
    case YC_CASE_EVENT_APPROVE:
    case YC_CASE_EVENT_PRODUCE_RESULT:
    case YC_CASE_EVENT_HAND_OVER:
    case YC_CASE_EVENT_SUPPLEMENT:
    case YC_CASE_EVENT_MARK_OVERDUE:
    case YC_CASE_EVENT_REOPEN:
    case YC_CASE_N_EVENTS:
    default:
      return FALSE;
    }
}
