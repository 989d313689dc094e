/* yc-case-detail.h: one stored case: facts, checklist with attachments, documents, a timeline from the audit
 * log, and what can still be done with it (supplement, withdraw, void, reopen, reveal the ID). */
#pragma once

#include <gtk/gtk.h>

#include "yc-store.h"
#include "yc-document-list.h"
#include "yc-file-store.h"

G_BEGIN_DECLS

#define YC_TYPE_CASE_DETAIL (yc_case_detail_get_type ())
G_DECLARE_FINAL_TYPE (YcCaseDetail, yc_case_detail, YC, CASE_DETAIL, GtkWidget)

void        yc_case_detail_set_store      (YcCaseDetail *self,
                                           YcStore      *store);
/* Shows @kase (NULL: nothing) and records the view in the audit log. Signals: "changed" (the case was
 * changed in the store: the list should be read again), "reopen" (YcCase: a one-time-notice case was
 * reopened, now a draft, to be continued in the intake). */
void        yc_case_detail_show_case      (YcCaseDetail *self,
                                           YcCase       *kase);
YcCase     *yc_case_detail_get_case       (YcCaseDetail *self);
/* The timeline on display has been read (after show_case). */
gboolean    yc_case_detail_get_loaded     (YcCaseDetail *self);
/* Rows of the checklist (YcMaterialRow) and of the timeline, for tests. */
GtkListBox *yc_case_detail_get_materials_list (YcCaseDetail *self);
GtkListBox *yc_case_detail_get_timeline_list  (YcCaseDetail *self);
/* The case's documents with their print state, Preview, Print again and Print…. */
YcDocumentList *yc_case_detail_get_document_list (YcCaseDetail *self);
/* The ID as shown ("110105********002X", or whole once revealed). */
const char *yc_case_detail_get_shown_id   (YcCaseDetail *self);

G_END_DECLS
