/* test-case-state.c: every (state, event) pair of the case state machine against an independent table. */
#include <string.h>

#include <glib.h>

#include "yc-case-state.h"

/* The expectation, written from DESIGN.md §1 and the brief, in a different shape from the code under test
 * (a list of allowed triples plus a list of terminal states) so a typo cannot hide in both. */
typedef struct {
  YcCaseState from;
  YcCaseEvent event;
  YcCaseState to;
} Allowed;

static const Allowed allowed[] = {
  { YC_CASE_STATE_DRAFT, YC_CASE_EVENT_ACCEPT, YC_CASE_STATE_ACCEPTED },
  { YC_CASE_STATE_DRAFT, YC_CASE_EVENT_TOLERANCE_ACCEPT, YC_CASE_STATE_TOLERANCE_ACCEPTED },
  { YC_CASE_STATE_DRAFT, YC_CASE_EVENT_COMMITMENT_ACCEPT, YC_CASE_STATE_COMMITMENT_ACCEPTED },
  { YC_CASE_STATE_DRAFT, YC_CASE_EVENT_ISSUE_NOTICE, YC_CASE_STATE_NOTICE_ISSUED },
  { YC_CASE_STATE_DRAFT, YC_CASE_EVENT_REFUSE, YC_CASE_STATE_REFUSED },
  { YC_CASE_STATE_DRAFT, YC_CASE_EVENT_REFER, YC_CASE_STATE_REFERRED },
  { YC_CASE_STATE_DRAFT, YC_CASE_EVENT_VOID, YC_CASE_STATE_VOIDED },

  { YC_CASE_STATE_ACCEPTED, YC_CASE_EVENT_START_REVIEW, YC_CASE_STATE_IN_REVIEW },
  { YC_CASE_STATE_ACCEPTED, YC_CASE_EVENT_WITHDRAW, YC_CASE_STATE_WITHDRAWN },
  { YC_CASE_STATE_ACCEPTED, YC_CASE_EVENT_VOID, YC_CASE_STATE_VOIDED },

  { YC_CASE_STATE_COMMITMENT_ACCEPTED, YC_CASE_EVENT_START_REVIEW, YC_CASE_STATE_IN_REVIEW },
  { YC_CASE_STATE_COMMITMENT_ACCEPTED, YC_CASE_EVENT_WITHDRAW, YC_CASE_STATE_WITHDRAWN },
  { YC_CASE_STATE_COMMITMENT_ACCEPTED, YC_CASE_EVENT_VOID, YC_CASE_STATE_VOIDED },

  { YC_CASE_STATE_IN_REVIEW, YC_CASE_EVENT_APPROVE, YC_CASE_STATE_APPROVED },
  { YC_CASE_STATE_IN_REVIEW, YC_CASE_EVENT_DENY, YC_CASE_STATE_DENIED },
  { YC_CASE_STATE_IN_REVIEW, YC_CASE_EVENT_WITHDRAW, YC_CASE_STATE_WITHDRAWN },

  { YC_CASE_STATE_APPROVED, YC_CASE_EVENT_PRODUCE_RESULT, YC_CASE_STATE_RESULT_READY },
  { YC_CASE_STATE_DENIED, YC_CASE_EVENT_PRODUCE_RESULT, YC_CASE_STATE_RESULT_READY },
  { YC_CASE_STATE_RESULT_READY, YC_CASE_EVENT_HAND_OVER, YC_CASE_STATE_HANDED_OVER },

  { YC_CASE_STATE_TOLERANCE_ACCEPTED, YC_CASE_EVENT_SUPPLEMENT, YC_CASE_STATE_SUPPLEMENTED },
  { YC_CASE_STATE_TOLERANCE_ACCEPTED, YC_CASE_EVENT_MARK_OVERDUE, YC_CASE_STATE_OVERDUE },
  { YC_CASE_STATE_TOLERANCE_ACCEPTED, YC_CASE_EVENT_WITHDRAW, YC_CASE_STATE_WITHDRAWN },
  { YC_CASE_STATE_TOLERANCE_ACCEPTED, YC_CASE_EVENT_VOID, YC_CASE_STATE_VOIDED },

  { YC_CASE_STATE_SUPPLEMENTED, YC_CASE_EVENT_START_REVIEW, YC_CASE_STATE_IN_REVIEW },
  { YC_CASE_STATE_SUPPLEMENTED, YC_CASE_EVENT_WITHDRAW, YC_CASE_STATE_WITHDRAWN },
  { YC_CASE_STATE_SUPPLEMENTED, YC_CASE_EVENT_VOID, YC_CASE_STATE_VOIDED },

  { YC_CASE_STATE_OVERDUE, YC_CASE_EVENT_TERMINATE, YC_CASE_STATE_TERMINATED },
  { YC_CASE_STATE_OVERDUE, YC_CASE_EVENT_VOID, YC_CASE_STATE_VOIDED },

  { YC_CASE_STATE_NOTICE_ISSUED, YC_CASE_EVENT_REOPEN, YC_CASE_STATE_DRAFT },
  { YC_CASE_STATE_NOTICE_ISSUED, YC_CASE_EVENT_VOID, YC_CASE_STATE_VOIDED },
};

static const YcCaseState terminal[] = {
  YC_CASE_STATE_REFUSED,
  YC_CASE_STATE_REFERRED,
  YC_CASE_STATE_HANDED_OVER,
  YC_CASE_STATE_TERMINATED,
  YC_CASE_STATE_WITHDRAWN,
  YC_CASE_STATE_VOIDED,
};

static const YcCaseEvent needs_reason[] = {
  YC_CASE_EVENT_REFUSE,
  YC_CASE_EVENT_WITHDRAW,
  YC_CASE_EVENT_VOID,
  YC_CASE_EVENT_TERMINATE,
  YC_CASE_EVENT_DENY,
  YC_CASE_EVENT_REFER,
};

static gboolean
expect_terminal (YcCaseState state)
{
  for (gsize i = 0; i < G_N_ELEMENTS (terminal); i++)
    if (terminal[i] == state)
      return TRUE;
  return FALSE;
}

static const Allowed *
expect_allowed (YcCaseState from,
                YcCaseEvent event)
{
  for (gsize i = 0; i < G_N_ELEMENTS (allowed); i++)
    if (allowed[i].from == from && allowed[i].event == event)
      return &allowed[i];
  return NULL;
}

static void
test_table_sane (void)
{
  /* The expectation itself: 17 states, 17 events, no terminal state with an outgoing transition. */
  g_assert_cmpint (YC_CASE_N_STATES, ==, 17);
  g_assert_cmpint (YC_CASE_N_EVENTS, ==, 17);
  g_assert_cmpuint (G_N_ELEMENTS (allowed), ==, 30);
  for (gsize i = 0; i < G_N_ELEMENTS (allowed); i++)
    g_assert_false (expect_terminal (allowed[i].from));
}

static void
test_every_pair (void)
{
  guint n_ok = 0, n_illegal = 0, n_terminal = 0;

  for (int s = 0; s < YC_CASE_N_STATES; s++)
    for (int e = 0; e < YC_CASE_N_EVENTS; e++)
      {
        g_autoptr(GError) error = NULL;
        const Allowed *rule = expect_allowed (s, e);
        /* Sentinel: must stay untouched when the transition fails. */
        YcCaseState to = YC_CASE_N_STATES;
        gboolean ok;

        ok = yc_case_state_transition (s, e, &to, &error);

        if (expect_terminal (s))
          {
            g_assert_false (ok);
            g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_TERMINAL);
            g_assert_cmpint (to, ==, YC_CASE_N_STATES);
            n_terminal++;
          }
        else if (rule != NULL)
          {
            g_assert_no_error (error);
            g_assert_true (ok);
            if (to != rule->to)
              g_error ("%s + %s: got %s, expected %s",
                       yc_case_state_to_string (s), yc_case_event_to_string (e),
                       yc_case_state_to_string (to), yc_case_state_to_string (rule->to));
            n_ok++;
          }
        else
          {
            g_assert_false (ok);
            g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION);
            g_assert_cmpint (to, ==, YC_CASE_N_STATES);
            n_illegal++;
          }

        /* Failures name both the state and the event, in the clerk's words. */
        if (!ok)
          {
            g_assert_nonnull (strstr (error->message, yc_case_state_get_label (s)));
            g_assert_nonnull (strstr (error->message, yc_case_event_get_label (e)));
          }
      }

  g_assert_cmpuint (n_ok, ==, G_N_ELEMENTS (allowed));
  g_assert_cmpuint (n_terminal, ==, G_N_ELEMENTS (terminal) * YC_CASE_N_EVENTS);
  g_assert_cmpuint (n_ok + n_illegal + n_terminal, ==, 17 * 17);
}

static void
test_null_out (void)
{
  /* The caller may only want to know whether an event is possible. */
  g_assert_true (yc_case_state_transition (YC_CASE_STATE_DRAFT, YC_CASE_EVENT_ACCEPT, NULL, NULL));
  g_assert_false (yc_case_state_transition (YC_CASE_STATE_DRAFT, YC_CASE_EVENT_APPROVE, NULL, NULL));
}

static void
test_terminal (void)
{
  for (int s = 0; s < YC_CASE_N_STATES; s++)
    g_assert_cmpint (yc_case_state_is_terminal (s), ==, expect_terminal (s));
}

static void
test_needs_reason (void)
{
  for (int e = 0; e < YC_CASE_N_EVENTS; e++)
    {
      gboolean expected = FALSE;

      for (gsize i = 0; i < G_N_ELEMENTS (needs_reason); i++)
        expected |= needs_reason[i] == (YcCaseEvent) e;
      g_assert_cmpint (yc_case_event_needs_reason (e), ==, expected);
    }
}

/* Runs @events from draft; asserts every step and the final state. */
static void
run_path (const YcCaseEvent *events,
          gsize              n_events,
          const YcCaseState *states)
{
  YcCaseState state = YC_CASE_STATE_DRAFT;

  for (gsize i = 0; i < n_events; i++)
    {
      g_autoptr(GError) error = NULL;
      YcCaseState next;

      g_assert_true (yc_case_state_transition (state, events[i], &next, &error));
      g_assert_no_error (error);
      g_assert_cmpint (next, ==, states[i]);
      state = next;
    }
}

static void
test_path_accept_to_handover (void)
{
  const YcCaseEvent events[] = {
    YC_CASE_EVENT_ACCEPT, YC_CASE_EVENT_START_REVIEW, YC_CASE_EVENT_APPROVE,
    YC_CASE_EVENT_PRODUCE_RESULT, YC_CASE_EVENT_HAND_OVER,
  };
  const YcCaseState states[] = {
    YC_CASE_STATE_ACCEPTED, YC_CASE_STATE_IN_REVIEW, YC_CASE_STATE_APPROVED,
    YC_CASE_STATE_RESULT_READY, YC_CASE_STATE_HANDED_OVER,
  };
  g_autoptr(GError) error = NULL;

  run_path (events, G_N_ELEMENTS (events), states);

  /* Once handed over, nothing more: not even a void. */
  g_assert_false (yc_case_state_transition (YC_CASE_STATE_HANDED_OVER, YC_CASE_EVENT_VOID, NULL, &error));
  g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_TERMINAL);
}

static void
test_path_tolerance_supplemented (void)
{
  const YcCaseEvent events[] = {
    YC_CASE_EVENT_TOLERANCE_ACCEPT, YC_CASE_EVENT_SUPPLEMENT, YC_CASE_EVENT_START_REVIEW,
    YC_CASE_EVENT_DENY, YC_CASE_EVENT_PRODUCE_RESULT,
  };
  const YcCaseState states[] = {
    YC_CASE_STATE_TOLERANCE_ACCEPTED, YC_CASE_STATE_SUPPLEMENTED, YC_CASE_STATE_IN_REVIEW,
    YC_CASE_STATE_DENIED, YC_CASE_STATE_RESULT_READY,
  };
  g_autoptr(GError) error = NULL;

  run_path (events, G_N_ELEMENTS (events), states);

  /* A tolerance-accepted case cannot skip the supplement and go to review. */
  g_assert_false (yc_case_state_transition (YC_CASE_STATE_TOLERANCE_ACCEPTED, YC_CASE_EVENT_START_REVIEW,
                                            NULL, &error));
  g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION);
}

static void
test_path_tolerance_overdue (void)
{
  const YcCaseEvent events[] = {
    YC_CASE_EVENT_TOLERANCE_ACCEPT, YC_CASE_EVENT_MARK_OVERDUE, YC_CASE_EVENT_TERMINATE,
  };
  const YcCaseState states[] = {
    YC_CASE_STATE_TOLERANCE_ACCEPTED, YC_CASE_STATE_OVERDUE, YC_CASE_STATE_TERMINATED,
  };
  g_autoptr(GError) error = NULL;

  run_path (events, G_N_ELEMENTS (events), states);

  /* Supplementing after the deadline passed is not possible. */
  g_assert_false (yc_case_state_transition (YC_CASE_STATE_OVERDUE, YC_CASE_EVENT_SUPPLEMENT, NULL, &error));
  g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION);
}

static void
test_path_notice_reopen (void)
{
  const YcCaseEvent events[] = {
    YC_CASE_EVENT_ISSUE_NOTICE, YC_CASE_EVENT_REOPEN, YC_CASE_EVENT_ACCEPT,
  };
  const YcCaseState states[] = {
    YC_CASE_STATE_NOTICE_ISSUED, YC_CASE_STATE_DRAFT, YC_CASE_STATE_ACCEPTED,
  };
  g_autoptr(GError) error = NULL;

  run_path (events, G_N_ELEMENTS (events), states);

  /* A notice is not an acceptance: it must be reopened first. */
  g_assert_false (yc_case_state_transition (YC_CASE_STATE_NOTICE_ISSUED, YC_CASE_EVENT_ACCEPT, NULL, &error));
  g_assert_error (error, YC_CASE_STATE_ERROR, YC_CASE_STATE_ERROR_ILLEGAL_TRANSITION);
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  g_test_add_func ("/yc/case-state/expectation", test_table_sane);
  g_test_add_func ("/yc/case-state/every-pair", test_every_pair);
  g_test_add_func ("/yc/case-state/null-out", test_null_out);
  g_test_add_func ("/yc/case-state/terminal", test_terminal);
  g_test_add_func ("/yc/case-state/needs-reason", test_needs_reason);
  g_test_add_func ("/yc/case-state/path/accept-to-handover", test_path_accept_to_handover);
  g_test_add_func ("/yc/case-state/path/tolerance-supplemented", test_path_tolerance_supplemented);
  g_test_add_func ("/yc/case-state/path/tolerance-overdue", test_path_tolerance_overdue);
  g_test_add_func ("/yc/case-state/path/notice-reopen", test_path_notice_reopen);

  return g_test_run ();
}
