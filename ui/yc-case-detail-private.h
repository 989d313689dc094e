/* yc-case-detail-private.h: what the files of YcCaseDetail share: the instance, and the functions one
 * part calls in another (the display, the timeline, the follow-up actions). */
#pragma once

#include <adwaita.h>

#include "yc-case-detail.h"
#include "yc-guidance-button.h"

G_BEGIN_DECLS

struct _YcCaseDetail
{
  GtkWidget       parent_instance;

  YcStore        *store;
  YcCalendar     *calendar;
  GSettings      *settings;
  YcCase         *kase;
  YcItem         *item;
  GCancellable   *cancellable;
  gboolean        loaded;
  gboolean        supplementing;
  gboolean        revealed;
  char           *shown_id;

  /* template children */
  GtkStack       *stack;
  GtkLabel       *case_no_label;
  GtkLabel       *state_label;
  GtkLabel       *item_label;
  GtkLabel       *deadline_label;
  GtkLabel       *message_label;
  GtkWidget      *withdraw_button;
  AdwActionRow   *applicant_row;
  AdwActionRow   *id_row;
  GtkWidget      *reveal_button;
  AdwActionRow   *phone_row;
  AdwActionRow   *agent_row;
  AdwActionRow   *facts_row;
  GtkListBox     *materials_list;
  GtkWidget      *supplement_bar;
  YcDocumentList *document_list;
  YcGuidanceButton *guidance_button;
  GtkListBox     *timeline_list;
};

static inline gboolean
_yc_has_text (const char *text)
{
  return text != NULL && *text != '\0';
}

/* yc-case-detail.c */
void     _yc_case_detail_set_message     (YcCaseDetail *self,
                                          const char   *message,
                                          gboolean      error);
void     _yc_case_detail_update_actions  (YcCaseDetail *self);
void     _yc_case_detail_build_rows      (YcCaseDetail *self);
/* Shows the masked ID, or @full once revealed. */
void     _yc_case_detail_show_id         (YcCaseDetail *self,
                                          const char   *full);
/* Reads the case on display again after a change, says @done_message, emits "changed" (and
 * "reopen" when @reopen). */
void     _yc_case_detail_reload          (YcCaseDetail *self,
                                          gboolean      reopen,
                                          const char   *done_message);

/* yc-case-detail-timeline.c */
void     _yc_case_detail_load_history    (YcCaseDetail *self);

/* yc-case-detail-actions.c */
void     _yc_case_detail_class_install_actions (GtkWidgetClass *widget_class);

G_END_DECLS
