/* yc-intake-page.h: the Intake page: catalogue search and the chosen item, then the visit itself (applicant,
 * materials, decision), and unfinished intakes offered back. */
#pragma once

#include <gtk/gtk.h>

#include "yc-store.h"
#include "yc-file-store.h"
#include "yc-intake-form.h"
#include "yc-item-detail.h"

G_BEGIN_DECLS

#define YC_TYPE_INTAKE_PAGE (yc_intake_page_get_type ())
G_DECLARE_FINAL_TYPE (YcIntakePage, yc_intake_page, YC, INTAKE_PAGE, GtkWidget)

YcStore      *yc_intake_page_get_store         (YcIntakePage *self);
/* Until a store is set the page shows that the catalogue is being opened. */
void          yc_intake_page_set_store         (YcIntakePage *self,
                                                YcStore      *store);
/* New intake: clears the search, closes the detail and focuses the search entry. */
void          yc_intake_page_reset             (YcIntakePage *self);
void          yc_intake_page_focus_search      (YcIntakePage *self);
/* Back from the detail to the results, focus on the search entry. */
void          yc_intake_page_close_detail      (YcIntakePage *self);
void          yc_intake_page_open_item         (YcIntakePage *self,
                                                YcItem       *item);

GtkEditable  *yc_intake_page_get_search_entry  (YcIntakePage *self);
/* The results on display (YcItem, without materials) and the query they answer ("" if none). */
/* The list of results (built on first use). */
GtkListView  *yc_intake_page_get_list_view     (YcIntakePage *self);
GListModel   *yc_intake_page_get_results       (YcIntakePage *self);
const char   *yc_intake_page_get_results_query (YcIntakePage *self);
/* What the results pane shows: "loading", "empty", "results", "no-results" or "error". */
const char   *yc_intake_page_get_state         (YcIntakePage *self);
/* The item detail is built when the first item is opened: getting it builds it. */
YcItemDetail *yc_intake_page_get_detail        (YcIntakePage *self);
gboolean      yc_intake_page_get_detail_open   (YcIntakePage *self);

/* The visit. "choose" (search and item detail) or "form" (the intake). Signal "case-decided" (YcCase). */
/* The form is built on first use: getting it builds it. */
YcIntakeForm *yc_intake_page_get_form          (YcIntakePage *self);
/* Writes the visit's draft now, if there is a visit (page switch, window close). */
void          yc_intake_page_save_draft_now    (YcIntakePage *self);
const char   *yc_intake_page_get_mode          (YcIntakePage *self);
/* Loads the item with its materials and starts an intake for it (as Ctrl+Enter on a result does). */
void          yc_intake_page_start_intake      (YcIntakePage *self,
                                                const char   *item_code);
/* Continues @kase in the intake (a reopened one-time-notice case). */
void          yc_intake_page_resume_case       (YcIntakePage *self,
                                                YcCase       *kase);
/* Unfinished intakes: the uuid of the one offered back ("offered-draft"), or NULL; the page re-reads
 * them when the store is set, after a new intake, a decision or a discard. */
const char   *yc_intake_page_get_offered_draft (YcIntakePage *self);
void          yc_intake_page_refresh_drafts    (YcIntakePage *self);

G_END_DECLS
