/* yc-intake-form-private.h: what the intake form's files share: its instance and its helpers. */
#pragma once

#include <adwaita.h>

#include "yc-intake-form.h"

G_BEGIN_DECLS

struct _YcIntakeForm
{
  GtkWidget        parent_instance;

  YcStore         *store;
  YcCalendar      *calendar;
  GSettings       *settings;
  YcCase          *kase;
  YcItem          *item;
  gboolean         decided;
  gboolean         deciding;
  gboolean         tried_to_decide;
  GCancellable    *cancellable;
  guint            draft_timeout_id;
  gboolean         draft_dirty;
  guint            saves_running;

  /* template children */
  GtkLabel        *item_label;
  GtkLabel        *item_summary_label;
  GtkLabel        *saved_label;
  AdwLeaflet      *columns;
  GtkWidget       *applicant_column;
  GtkWidget       *materials_column;
  GtkWidget       *decision_column;
  YcApplicantForm *applicant_form;
  GtkLabel        *materials_count_label;
  GtkListBox      *materials_list;
  YcDecisionPane  *decision_pane;
};

/* yc-intake-form.c */
void _yc_intake_form_set_saving     (YcIntakeForm *self);

/* yc-intake-form-drafts.c */
void _yc_intake_form_schedule_draft (YcIntakeForm *self);

G_END_DECLS
