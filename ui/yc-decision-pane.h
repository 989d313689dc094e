/* yc-decision-pane.h: the Decision column: only lawful outcomes, why the others are not, the refusal
 * ground or referral department, and after deciding, the result. */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "yc-decision.h"
#include "yc-document-list.h"

G_BEGIN_DECLS

#define YC_TYPE_DECISION_PANE (yc_decision_pane_get_type ())
G_DECLARE_FINAL_TYPE (YcDecisionPane, yc_decision_pane, YC, DECISION_PANE, GtkWidget)

/* Shows @decision (recomputed by the page on every change). Keeps the clerk's choice while it stays
 * available; otherwise picks the first available of accept, tolerance, commitment, notice. */
void              yc_decision_pane_set_decision (YcDecisionPane   *self,
                                                 YcDecision       *decision);
YcDecision       *yc_decision_pane_get_decision (YcDecisionPane   *self);
YcDecisionOutcome yc_decision_pane_get_outcome  (YcDecisionPane   *self);
/* Chooses @outcome as the clerk would; FALSE if it is not available. */
gboolean          yc_decision_pane_set_outcome  (YcDecisionPane   *self,
                                                 YcDecisionOutcome outcome);
/* What keeps the chosen outcome from being decided (a refusal without its legal basis, a referral without
 * a department), translated, or NULL. */
char             *yc_decision_pane_get_blocker  (YcDecisionPane   *self);
/* Shown above the Decide button: what else is missing (the applicant), or the store's error; @urgent
 * (after the clerk tried to decide) shows it as an error rather than a hint. */
void              yc_decision_pane_set_problem  (YcDecisionPane   *self,
                                                 const char       *problem,
                                                 gboolean          urgent);
const char       *yc_decision_pane_get_problem  (YcDecisionPane   *self);
/* Writes the chosen outcome's details into @kase: "reason", "legal-basis", "refer-department". */
void              yc_decision_pane_apply_to_case (YcDecisionPane  *self,
                                                  YcCase          *kase);
/* What the clerk typed or picked, for a draft (a JSON object), and back. */
JsonNode         *yc_decision_pane_save_state   (YcDecisionPane   *self);
void              yc_decision_pane_restore_state (YcDecisionPane  *self,
                                                  const char      *outcome,
                                                  JsonNode        *state);
void              yc_decision_pane_set_busy     (YcDecisionPane   *self,
                                                 gboolean          busy);
/* After the decision: the case number, deadlines and documents due. NULL goes back to choosing (a new
 * intake) and forgets the clerk's choice. */
void              yc_decision_pane_show_result  (YcDecisionPane   *self,
                                                 YcCase           *kase);
gboolean          yc_decision_pane_get_showing_result (YcDecisionPane *self);
/* Under the result: the documents the decision prints (YcPrintItem, with their live state, Print
 * again and Preview); NULL hides them. */
void              yc_decision_pane_show_documents (YcDecisionPane *self,
                                                   GListModel     *documents);
YcDocumentList   *yc_decision_pane_get_document_list (YcDecisionPane *self);
/* The focus on the chosen outcome (or on the New Intake button after deciding). */
void              yc_decision_pane_focus        (YcDecisionPane   *self);

G_END_DECLS
