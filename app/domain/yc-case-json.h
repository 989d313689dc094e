/* yc-case-json.h: a case as JSON and back (drafts of unfinished intakes, platform payloads). */
#pragma once

#include <json-glib/json-glib.h>
#include "yc-case.h"

G_BEGIN_DECLS

#define YC_CASE_JSON_ERROR (yc_case_json_error_quark ())
typedef enum {
  YC_CASE_JSON_ERROR_PARSE,     /* not JSON at all */
  YC_CASE_JSON_ERROR_INVALID,   /* JSON, but not a case: wrong type, unknown state, bad date */
  YC_CASE_JSON_ERROR_VERSION,   /* a draft written by a newer program */
} YcCaseJsonError;
GQuark yc_case_json_error_quark (void);

/* Every property of the case, its parties and its checklist. Member names are those of the outbox's
 * "case.put" payload (snake_case: "case_no", "id_number", …); times are ISO 8601 with offset;
 * applicant flags are a list of codes ("bad_credit"). Unknown members are ignored when reading, so
 * a newer platform may add some. */
JsonNode *yc_case_to_json_node       (YcCase      *kase);
char     *yc_case_to_json            (YcCase      *kase);
YcCase   *yc_case_new_from_json_node (JsonNode    *node,
                                      GError     **error);
YcCase   *yc_case_new_from_json      (const char  *json,
                                      gssize       length,
                                      GError     **error);

/* An unfinished intake (DESIGN.md "never lose the clerk's work"): the case as far as it goes, the
 * outcome the clerk chose (a YcDecisionOutcome code, or NULL) and @extra, any JSON object the UI
 * keeps besides (the refusal ground picked, what was typed in the decision column, the focused
 * field). */
char     *yc_draft_to_json           (YcCase      *kase,
                                      const char  *outcome,
                                      JsonNode    *extra);
/* Returns the case; @outcome and @extra (both optional) receive the rest, NULL when absent. */
YcCase   *yc_draft_new_from_json     (const char  *json,
                                      gssize       length,
                                      char       **outcome,
                                      JsonNode   **extra,
                                      GError     **error);

G_END_DECLS
