/* yc-intake-form.h: one applicant's visit: applicant & item | materials | decision, saved as a draft as
 * the clerk works, decided through the store in one transaction. */
#pragma once

#include <gtk/gtk.h>
#include <json-glib/json-glib.h>

#include "yc-store.h"
#include "yc-file-store.h"
#include "yc-applicant-form.h"
#include "yc-decision-pane.h"

G_BEGIN_DECLS

#define YC_TYPE_INTAKE_FORM (yc_intake_form_get_type ())
G_DECLARE_FINAL_TYPE (YcIntakeForm, yc_intake_form, YC, INTAKE_FORM, GtkWidget)

void            yc_intake_form_set_store      (YcIntakeForm *self,
                                               YcStore      *store);
/* Starts a visit for @item (with its materials). The applicant, agent and flags of @previous (optional:
 * the clerk picked another item for the same applicant) are carried over. Focus goes to the applicant. */
void            yc_intake_form_start          (YcIntakeForm *self,
                                               YcItem       *item,
                                               YcCase       *previous);
/* Continues @kase (a resumed draft, or a reopened case) for @item, with the outcome and decision-column
 * state saved with a draft (both optional). */
void            yc_intake_form_resume         (YcIntakeForm *self,
                                               YcCase       *kase,
                                               YcItem       *item,
                                               const char   *outcome,
                                               JsonNode     *extra);
/* Forgets the visit (its draft stays in the store unless it was decided). */
void            yc_intake_form_clear          (YcIntakeForm *self);
YcCase         *yc_intake_form_get_case       (YcIntakeForm *self);
YcItem         *yc_intake_form_get_item       (YcIntakeForm *self);
/* TRUE once the case was decided (the form then shows the result). */
gboolean        yc_intake_form_get_decided    (YcIntakeForm *self);
/* Writes the draft now instead of after the pause in typing (page switch, window close). */
void            yc_intake_form_save_draft_now (YcIntakeForm *self);
/* Draft writes started by any form and not finished: the application waits for them before it exits. */
guint           yc_intake_form_get_pending_draft_writes (void);
/* TRUE while a draft write is pending or running. */
gboolean        yc_intake_form_get_saving     (YcIntakeForm *self);
/* Stores @file in the file store off the main thread and attaches it to the material at @position, which
 * becomes scanned (what the Import… file chooser does once a file is chosen). */
void            yc_intake_form_import_file    (YcIntakeForm *self,
                                               guint         position,
                                               GFile        *file);
void            yc_intake_form_focus_applicant (YcIntakeForm *self);
void            yc_intake_form_focus_materials (YcIntakeForm *self);
void            yc_intake_form_focus_decision  (YcIntakeForm *self);

YcApplicantForm *yc_intake_form_get_applicant_form (YcIntakeForm *self);
YcDecisionPane  *yc_intake_form_get_decision_pane  (YcIntakeForm *self);
GtkListBox      *yc_intake_form_get_materials_list (YcIntakeForm *self);

G_END_DECLS
