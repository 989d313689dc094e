/* yc-case-state.h: the case state machine (DESIGN.md §1). Illegal transitions are errors, never silent. */
#pragma once

#include <glib.h>
#include "yc-types.h"

G_BEGIN_DECLS

#define YC_CASE_STATE_ERROR (yc_case_state_error_quark ())
typedef enum {
  YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION,   /* the event is not allowed in this state */
  YC_CASE_STATE_ERROR_TERMINAL,             /* the case is closed (withdrawn, voided, handed over, …) */
} YcCaseStateError;
GQuark yc_case_state_error_quark (void);

/* On success stores the new state in @to. The error message is translated and names both state and event. */
gboolean yc_case_state_transition (YcCaseState  from,
                                   YcCaseEvent  event,
                                   YcCaseState *to,
                                   GError     **error);
gboolean yc_case_state_is_terminal (YcCaseState state);
/* Events that need a reason from the clerk (refuse, refer, withdraw, void, terminate, deny). */
gboolean yc_case_event_needs_reason (YcCaseEvent event);

G_END_DECLS
