/* yc-applicant-form.h: the applicant (person or organisation), their credit record and an optional agent
 * (帮办代办), validated as the clerk types and written into a case. */
#pragma once

#include <gtk/gtk.h>

#include "yc-case.h"

G_BEGIN_DECLS

#define YC_TYPE_APPLICANT_FORM (yc_applicant_form_get_type ())
G_DECLARE_FINAL_TYPE (YcApplicantForm, yc_applicant_form, YC, APPLICANT_FORM, GtkWidget)

/* Shows the applicant, agent and flags of @kase, then writes every edit into it (creating the applicant
 * party if it has none). NULL clears the form. Emits "changed" after each edit, and "done" when Enter is
 * pressed in the last field (the page moves on to the materials). */
void        yc_applicant_form_set_case    (YcApplicantForm *self,
                                           YcCase          *kase);
YcCase     *yc_applicant_form_get_case    (YcApplicantForm *self);
/* What still keeps the case from being decided (translated, naming the field), or NULL. */
char       *yc_applicant_form_get_problem (YcApplicantForm *self);
/* Shows every field's message, as if the clerk had left each field. */
void        yc_applicant_form_validate_all (YcApplicantForm *self);
void        yc_applicant_form_focus_first (YcApplicantForm *self);

G_END_DECLS
